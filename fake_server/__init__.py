"""fake_server: a faithful, in-memory emulation of OpenStack Manila.

It plays manila-api, manila-scheduler and manila-share (with simulated
storage drivers) and a minimal Keystone v3, in one process.
"""

from fake_server.mock import mock_manila

__version__ = "0.1.0"

__all__ = ["mock_manila", "__version__"]
