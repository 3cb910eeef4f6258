"""Plays manila/share/api.py: the business rules, with no HTTP.

Functions take the :class:`~fake_server.cloud.Cloud` and the caller's
:class:`~fake_server.context.Context`, validate, check quotas and
preconditions, write records in a transitional status and cast work on
the bus. They raise :mod:`fake_server.errors` faults.
"""
