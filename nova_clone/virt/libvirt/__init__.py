"""The libvirt virt driver (KVM and QEMU guests)."""
