"""Plays a minimal Neutron: networks, subnets and ports on the fake's port.

``neutron`` holds the rules (no HTTP), ``api`` the thin HTTP layer under
``/networking``, ``plugin`` Manila's Neutron network plugin (ports for
share servers). ``neutron = false`` in ``[server]`` makes Manila use its
standalone network plugin instead (share networks take any ids); the
Neutron API stays served.
"""
