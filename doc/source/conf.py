"""Sphinx configuration for openstack_sfs."""

import os
import sys

sys.path.insert(0, os.path.abspath("../.."))

project = "openstack_sfs"
author = "openstack_sfs developers"
extensions = ["sphinx.ext.autodoc", "sphinx.ext.viewcode"]
autodoc_member_order = "bysource"
autodoc_typehints = "none"
html_theme = "alabaster"
exclude_patterns: list[str] = []
nitpicky = False
suppress_warnings = ["ref.python"]
