"""The image service (Glance) as compute sees it."""
