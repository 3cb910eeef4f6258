"""openstack_sfs: the OpenStack Shared File Systems (Manila) v2 SDK.

``connect()`` takes the same arguments as :func:`openstack.connect` and
returns a :class:`Connection` whose ``shared_file_system`` (alias ``share``)
is this package's :class:`openstack_sfs.v2._proxy.Proxy`.
"""

from __future__ import annotations

from openstack_sfs.connection import Connection, connect, register

__version__ = "0.1.0"

__all__ = ["Connection", "connect", "register", "__version__"]
