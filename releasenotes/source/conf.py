"""Sphinx configuration of the nova_clone release notes."""

project = 'nova_clone release notes'
copyright = 'nova_clone developers'
extensions = ['reno.sphinxext']
html_theme = 'alabaster'
