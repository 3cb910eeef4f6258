"""Plays manila.share.drivers_private_data: what a driver keeps for itself.

Manila's dummy driver keeps, in its private storage (the database table
``drivers_private_data``), the export path of every share and the
provider location of every snapshot it lets go of (``unmanage``), and
``manage_existing`` / ``manage_existing_snapshot`` adopt only what they
find there: anything else raises, and the share manager leaves the share
or snapshot in ``manage_error``.

The simulated backends keep the same thing here: storage the backend
holds that Manila does not manage (unmanaged shares and snapshots, and
storage planted through the control API to play data that was on the
backend before Manila). Each entry is a record of the store's table
``drivers_private_data``, so it is saved with the rest of the cloud when
persistence is on, and looked up by id (one dict access per manage).
"""

from __future__ import annotations

from typing import Any

from fake_server.state import Record, Store

#: the store's table of held storage
TABLE = "drivers_private_data"
#: the index of that table by backend (``host@backend``)
BY_HOST = "host"
#: kinds of held storage
SHARE = "share"
SNAPSHOT = "snapshot"
SERVER = "share_server"


def storage_key(kind: str, location: str) -> str:
    """What identifies held storage on its backend, from a location.

    A share is found by its path on the storage, whatever address it is
    exported on (the dummy driver compares the part after ``:/``): NFS
    ``10.0.0.10:/path/x`` and ``10.0.0.20:/path/x`` are the same share,
    CIFS ``\\\\10.0.0.10\\x`` is ``x``. A snapshot's provider location is
    compared whole, as the dummy driver does.
    """
    location = location.strip()
    if kind != SHARE:
        return location
    if location.startswith("\\\\"):
        name = location[2:].partition("\\")[2]
        return name or location
    if ":/" in location:
        return location.split(":/")[-1]
    return location


class PrivateData:
    """The storage one backend (``host@backend``) holds unmanaged."""

    def __init__(self, host: str, store: Store) -> None:
        self.host = host
        self.store = store
        with store.lock:
            if BY_HOST not in store.indexes.get(TABLE, {}):
                store.add_index(TABLE, BY_HOST, ("host",))

    def _id(self, kind: str, location: str) -> str:
        return f"{self.host}|{kind}|{storage_key(kind, location)}"

    def hold(
        self, kind: str, location: str, size: int, **extra: Any
    ) -> Record:
        """Remember ``location`` as held storage of ``size`` GiB."""
        record: Record = {
            "id": self._id(kind, location),
            "host": self.host,
            "kind": kind,
            "key": storage_key(kind, location),
            "location": location,
            "size": int(size),
            **extra,
        }
        with self.store.lock:
            return self.store.insert(TABLE, record)

    def find(self, kind: str, location: str) -> Record | None:
        """The held storage ``location`` names, or None."""
        record: Record | None = self.store.get(TABLE, self._id(kind, location))
        return record

    def release(self, kind: str, location: str) -> None:
        """Forget held storage (Manila manages it again)."""
        with self.store.lock:
            self.store.delete(TABLE, self._id(kind, location))

    def held(self) -> list[Record]:
        """Everything this backend holds unmanaged, oldest first."""
        return self.store.lookup(TABLE, BY_HOST, self.host)
