"""Column types shared by the API and cell database models."""

import netaddr
from sqlalchemy.dialects import mysql
from sqlalchemy.dialects import postgresql
from sqlalchemy import types


def MediumText():
    """:returns: TEXT, widened to MEDIUMTEXT on MySQL (16 MiB, as nova)."""
    return types.Text().with_variant(mysql.MEDIUMTEXT(), 'mysql')


class IPAddress(types.TypeDecorator):
    """An IPv4/IPv6 address: INET on PostgreSQL, VARCHAR(39) elsewhere."""

    impl = types.String
    cache_ok = True

    def load_dialect_impl(self, dialect):
        if dialect.name == 'postgresql':
            return dialect.type_descriptor(postgresql.INET())
        return dialect.type_descriptor(types.String(39))

    def process_bind_param(self, value, dialect):
        """Normalise addresses so equal values compare equal in SQL."""
        if value is None:
            return None
        if dialect.name == 'postgresql':
            return str(value)
        return str(netaddr.IPAddress(value))


class CIDR(types.TypeDecorator):
    """A network in CIDR form: INET on PostgreSQL, VARCHAR(43) elsewhere."""

    impl = types.String
    cache_ok = True

    def load_dialect_impl(self, dialect):
        if dialect.name == 'postgresql':
            return dialect.type_descriptor(postgresql.INET())
        return dialect.type_descriptor(types.String(43))

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        return str(value)
