"""Schemas of /images/{image_id}/metadata: the same bodies as a server's
metadata (the whole set, or one item under ``meta``)."""

from nova_clone.api.openstack.compute.schemas import server_metadata

create = server_metadata.create
update = server_metadata.update
update_all = server_metadata.update_all
index_query = server_metadata.index_query
show_query = server_metadata.show_query
