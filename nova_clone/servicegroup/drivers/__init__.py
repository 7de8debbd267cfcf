"""Servicegroup drivers (``[DEFAULT] servicegroup_driver``)."""
