"""Hypervisor drivers behind the ComputeDriver interface, loaded by name."""
