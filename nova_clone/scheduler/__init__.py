"""nova-scheduler: Placement queries, host filtering and weighing."""
