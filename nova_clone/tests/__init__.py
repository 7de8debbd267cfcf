"""nova_clone's tests: unit/, functional/ and, later, integration/."""
