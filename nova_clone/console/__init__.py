"""Console proxies: websockets from browsers to guests' VNC/serial/SPICE."""
