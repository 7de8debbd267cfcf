"""nova-conductor: orchestration flows and the database door of computes."""
