"""Security proxies: negotiate a console protocol's security on both legs.
"""
