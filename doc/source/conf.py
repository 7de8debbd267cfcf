"""Sphinx configuration of the nova_clone documentation."""

import os
import sys

sys.path.insert(0, os.path.abspath('../..'))

project = 'nova_clone'
copyright = 'nova_clone developers'
author = 'nova_clone developers'

extensions = [
    'oslo_config.sphinxext',
    'oslo_config.sphinxconfiggen',
]

# NOTE: the sample is generated from the code at build time, never edited.
config_generator_config_file = '../../etc/nova/nova-config-generator.conf'
sample_config_basename = '_static/nova'

templates_path = []
exclude_patterns = []
html_theme = 'alabaster'
html_static_path = ['_static']
