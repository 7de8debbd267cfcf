"""The compute service: manager, resource tracking and guest power states."""
