"""Integration tests: real daemons as processes over RabbitMQ."""
