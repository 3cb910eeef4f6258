"""Plays Manila's database and its durable message queue, in one SQLite file.

With a state file (``--state-file`` or ``[server] state_file``) the store
writes every record a request changed, and every message cast to the
scheduler or a share service, through to SQLite (stdlib ``sqlite3``, WAL,
``synchronous=FULL``) in one transaction that commits before the response
goes out. A kill at any moment therefore loses no acknowledged change and
leaves a file SQLite recovers. A message leaves the queue in the same
transaction as the changes of the task that ran it, so after a restart
work that was queued or running resumes, as a message left in Manila's
queue is delivered when its service comes back.

A file that is not a state file of this schema is refused with one line
naming the file and the problem, and is left as it was.
"""

from __future__ import annotations

import importlib
import json
import logging
import os
import sqlite3
import tempfile
import threading
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

LOG = logging.getLogger(__name__)

#: PRAGMA application_id of fake-manila state files ("FMNL")
APPLICATION_ID = 0x464D4E4C
#: PRAGMA user_version: the layout of the tables below
SCHEMA_VERSION = 1
_MAGIC = b"SQLite format 3\x00"
_SCHEMA = (
    "CREATE TABLE records (tbl TEXT NOT NULL, id TEXT NOT NULL, "
    "data TEXT NOT NULL, PRIMARY KEY (tbl, id))",
    "CREATE TABLE messages (seq INTEGER PRIMARY KEY AUTOINCREMENT, "
    "id TEXT NOT NULL UNIQUE, data TEXT NOT NULL)",
)


class StateFileError(Exception):
    """A state file that cannot be used; the message names it."""

    def __init__(self, path: str, problem: str) -> None:
        self.path = path
        self.problem = problem
        super().__init__(f"state file {path}: {problem}")


@dataclass
class Message:
    """A cast waiting in the durable queue."""

    id: str
    topic: str
    #: ``manager`` (a share manager's method) or ``function`` (a module
    #: function taking the cloud first)
    kind: str
    target: str
    name: str
    args: list[Any]
    delay: float


def _header(path: str) -> bytes:
    with open(path, "rb") as handle:
        return handle.read(100)


def _check_header(path: str) -> bool:
    """Whether ``path`` holds a state file (False: empty, start afresh).

    :raises StateFileError: it holds something else.
    """
    try:
        header = _header(path)
    except FileNotFoundError:
        return False
    except OSError as exc:
        raise StateFileError(path, f"cannot read it ({exc.strerror})") from exc
    if not header:
        return False
    if len(header) < 100 or not header.startswith(_MAGIC):
        raise StateFileError(
            path, "not an SQLite database (not a fake-manila state file)"
        )
    user_version = int.from_bytes(header[60:64], "big")
    application_id = int.from_bytes(header[68:72], "big")
    if application_id != APPLICATION_ID:
        raise StateFileError(path, "an SQLite database of another application")
    if user_version != SCHEMA_VERSION:
        raise StateFileError(
            path,
            f"schema version {user_version}; this fake-manila reads "
            f"version {SCHEMA_VERSION}",
        )
    return True


def _create(path: str) -> None:
    """Make an empty state file atomically (a kill leaves none or one)."""
    directory = os.path.dirname(os.path.abspath(path))
    fd, temp = tempfile.mkstemp(
        prefix=".fake-manila-", suffix=".tmp", dir=directory
    )
    os.close(fd)
    try:
        db = sqlite3.connect(temp, isolation_level=None)
        try:
            db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            for statement in _SCHEMA:
                db.execute(statement)
            db.execute("PRAGMA journal_mode = WAL")
        finally:
            db.close()
        with open(temp, "rb") as handle:
            os.fsync(handle.fileno())
        os.replace(temp, path)
    except BaseException:
        try:
            os.unlink(temp)
        except OSError:
            pass
        raise


class Persistence:
    """One state file: records and queued messages, written together."""

    def __init__(self, path: str) -> None:
        self.path = path
        try:
            exists = _check_header(path)
            if not exists:
                _create(path)
            self.db = sqlite3.connect(
                path, isolation_level=None, check_same_thread=False
            )
        except sqlite3.Error as exc:
            raise StateFileError(path, str(exc)) from exc
        except OSError as exc:
            raise StateFileError(
                path, f"cannot create it ({exc.strerror or exc})"
            ) from exc
        try:
            # one process owns the file; a second one is refused
            self.db.execute("PRAGMA locking_mode = EXCLUSIVE")
            mode = self.db.execute("PRAGMA journal_mode = WAL").fetchone()
            self.db.execute("PRAGMA synchronous = FULL")
            check = self.db.execute("PRAGMA quick_check").fetchone()
        except sqlite3.Error as exc:
            self.db.close()
            if "locked" in str(exc):
                raise StateFileError(
                    path, "in use by another fake-manila process"
                ) from exc
            raise StateFileError(path, str(exc)) from exc
        if check is None or check[0] != "ok" or mode[0] != "wal":
            self.db.close()
            raise StateFileError(
                path, f"damaged ({check[0] if check else 'no answer'})"
            )
        #: serialises flushes: a flush snapshots and commits in order
        self.lock = threading.Lock()
        self._messages_lock = threading.Lock()
        self._sent: dict[str, str] = {}
        self._done: set[str] = set()
        self._clear_messages = False

    # -- records -------------------------------------------------------------

    def load(self) -> dict[str, list[dict[str, Any]]]:
        """Every stored record by table, oldest first.

        :raises StateFileError: a record that is not JSON.
        """
        tables: dict[str, list[dict[str, Any]]] = {}
        try:
            rows = self.db.execute(
                "SELECT tbl, id, data FROM records ORDER BY rowid"
            ).fetchall()
        except sqlite3.Error as exc:
            raise StateFileError(self.path, str(exc)) from exc
        for table, record_id, data in rows:
            try:
                record = json.loads(data)
            except ValueError as exc:
                raise StateFileError(
                    self.path, f"record {table}/{record_id} is damaged"
                ) from exc
            tables.setdefault(table, []).append(record)
        return tables

    def write(
        self,
        upserts: Iterable[tuple[str, str, str]],
        deletes: Iterable[tuple[str, str]],
        clear: bool,
    ) -> None:
        """Commit changed records and the queue's changes in one
        transaction (the caller holds :attr:`lock`)."""
        with self._messages_lock:
            sent, self._sent = self._sent, {}
            done, self._done = self._done, set()
            clear_messages, self._clear_messages = self._clear_messages, False
        db = self.db
        db.execute("BEGIN IMMEDIATE")
        try:
            if clear:
                db.execute("DELETE FROM records")
            db.executemany(
                "INSERT INTO records (tbl, id, data) VALUES (?, ?, ?) "
                "ON CONFLICT (tbl, id) DO UPDATE SET data = excluded.data",
                upserts,
            )
            db.executemany(
                "DELETE FROM records WHERE tbl = ? AND id = ?", deletes
            )
            if clear_messages:
                db.execute("DELETE FROM messages")
            db.executemany(
                "INSERT INTO messages (id, data) VALUES (?, ?)",
                sent.items(),
            )
            db.executemany(
                "DELETE FROM messages WHERE id = ?", [(i,) for i in done]
            )
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            with self._messages_lock:  # try them again next time
                self._sent = {**sent, **self._sent}
                self._done |= done
                self._clear_messages |= clear_messages
            raise

    def dirty(self) -> bool:
        """Whether queue changes wait to be written."""
        with self._messages_lock:
            return bool(self._sent or self._done or self._clear_messages)

    # -- the message queue ----------------------------------------------------

    def sent(
        self,
        topic: str,
        fn: Callable[..., Any],
        args: tuple[Any, ...],
        delay: float,
    ) -> str | None:
        """Queue a cast durably; its id, or None if it cannot be stored
        (a callable or arguments that do not name what to run)."""
        message = _describe(topic, fn, args, delay)
        if message is None:
            LOG.debug("cast to %s of %r is not kept on disk", topic, fn)
            return None
        try:
            data = json.dumps(
                {
                    "topic": message.topic,
                    "kind": message.kind,
                    "target": message.target,
                    "name": message.name,
                    "args": message.args,
                    "delay": message.delay,
                }
            )
        except (TypeError, ValueError):
            LOG.debug("cast to %s of %r is not kept on disk", topic, fn)
            return None
        with self._messages_lock:
            self._sent[message.id] = data
        return message.id

    def done(self, message_id: str) -> None:
        """A queued cast ran: it leaves the queue with the next flush."""
        with self._messages_lock:
            if self._sent.pop(message_id, None) is None:
                self._done.add(message_id)

    def clear_messages(self) -> None:
        """Forget every queued cast (a reset)."""
        with self._messages_lock:
            self._sent.clear()
            self._done.clear()
            self._clear_messages = True

    def queued(self) -> list[Message]:
        """The casts left in the queue, in the order they were sent."""
        messages = []
        for message_id, data in self.db.execute(
            "SELECT id, data FROM messages ORDER BY seq"
        ).fetchall():
            try:
                raw = json.loads(data)
                messages.append(
                    Message(
                        id=message_id,
                        topic=str(raw["topic"]),
                        kind=str(raw["kind"]),
                        target=str(raw["target"]),
                        name=str(raw["name"]),
                        args=list(raw["args"]),
                        delay=float(raw["delay"]),
                    )
                )
            except (ValueError, KeyError, TypeError) as exc:
                raise StateFileError(
                    self.path, f"queued message {message_id} is damaged"
                ) from exc
        return messages

    def close(self) -> None:
        """Checkpoint the WAL into the file and close it."""
        with self.lock:
            try:
                self.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            except sqlite3.Error:
                LOG.warning("checkpoint of %s failed", self.path)
            self.db.close()


def _describe(
    topic: str, fn: Callable[..., Any], args: tuple[Any, ...], delay: float
) -> Message | None:
    """What a cast runs, as names: a share manager's method, or a
    fake_server module function that takes the cloud first."""
    from fake_server.cloud import Cloud
    from fake_server.share_manager import ShareManager

    owner = getattr(fn, "__self__", None)
    if isinstance(owner, ShareManager):
        return Message(
            str(uuid.uuid4()),
            topic,
            "manager",
            owner.host,
            fn.__name__,
            list(args),
            delay,
        )
    module = getattr(fn, "__module__", "") or ""
    if (
        owner is None
        and module.startswith("fake_server.")
        and args
        and isinstance(args[0], Cloud)
        and "<" not in fn.__qualname__
    ):
        return Message(
            str(uuid.uuid4()),
            topic,
            "function",
            module,
            fn.__qualname__,
            list(args[1:]),
            delay,
        )
    return None


def resolve(
    message: Message, cloud: Any
) -> tuple[Callable[..., Any], list[Any]]:
    """The callable and arguments a stored message stands for.

    :raises LookupError: it names nothing this fake has (a backend no
        longer configured, an unknown function).
    """
    if message.kind == "manager":
        manager = cloud.managers.get(message.target)
        if manager is None:
            raise LookupError(f"no share service {message.target}")
        fn = getattr(manager, message.name, None)
        if not callable(fn):
            raise LookupError(f"no operation {message.name}")
        return fn, list(message.args)
    if message.kind == "function" and message.target.startswith(
        "fake_server."
    ):
        try:
            target: Any = importlib.import_module(message.target)
        except ImportError as exc:
            raise LookupError(str(exc)) from exc
        for part in message.name.split("."):
            target = getattr(target, part, None)
        if not callable(target):
            raise LookupError(f"no function {message.name}")
        return target, [cloud, *message.args]
    raise LookupError(f"unknown message kind {message.kind}")
