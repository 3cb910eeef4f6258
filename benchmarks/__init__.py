"""Benchmarks of openstack_sfs and fake_server (they print figures)."""
