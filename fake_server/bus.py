"""Plays AMQP/oslo.messaging: casts to the scheduler and share managers.

Two progression policies:

- ``background``: one worker thread per topic (the scheduler, each
  ``host@backend``), like manila-share's thread per backend; a cast with a
  delay runs when it is due. Request threads never sleep.
- ``manual``: nothing runs until a test calls :meth:`Bus.advance`, so every
  intermediate status can be observed. A virtual clock orders delays.
"""

from __future__ import annotations

import contextlib
import heapq
import itertools
import logging
import math
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from fake_server.persistence import Persistence

from fake_server.timeline import operation

LOG = logging.getLogger(__name__)
MAX_STEPS = 1_000_000


@dataclass(order=True)
class _Task:
    due: float
    seq: int
    topic: str = field(compare=False)
    fn: Callable[..., Any] = field(compare=False)
    args: tuple[Any, ...] = field(compare=False, default=())
    #: its id in the durable queue (None: memory only)
    msg_id: str | None = field(compare=False, default=None)


def _run(task: _Task) -> None:
    name = getattr(task.fn, "__name__", "task")
    try:
        with operation(f"{task.topic}: {name}"):
            task.fn(*task.args)
    except Exception:  # a failing task must not kill a worker
        LOG.exception("task on %s failed", task.topic)


class _Worker(threading.Thread):
    def __init__(self, bus: Bus, topic: str) -> None:
        super().__init__(name=f"fake-manila:{topic}", daemon=True)
        self.bus = bus
        self.topic = topic
        self.heap: list[_Task] = []
        self.cond = threading.Condition()
        self.busy = False
        self.stopped = False

    def put(self, task: _Task) -> None:
        with self.cond:
            heapq.heappush(self.heap, task)
            self.cond.notify()

    def run(self) -> None:
        while True:
            with self.cond:
                while not self.stopped:
                    if self.heap and not self.bus.paused(self.topic):
                        wait = self.heap[0].due - time.monotonic()
                        if wait <= 0:
                            break
                        self.cond.wait(min(wait, 1.0))
                    else:
                        self.cond.wait(1.0)
                if self.stopped:
                    return
                task = heapq.heappop(self.heap)
                self.busy = True
            try:
                _run(task)
                self.bus.finished(task)
            finally:
                with self.cond:
                    self.busy = False
                    self.cond.notify_all()

    def idle(self) -> bool:
        """Nothing runs and nothing can run (a paused topic's queue
        waits for its service)."""
        with self.cond:
            return not self.busy and (
                not self.heap or self.bus.paused(self.topic)
            )

    def stop(self) -> None:
        with self.cond:
            self.stopped = True
            self.heap.clear()
            self.cond.notify_all()


class Bus:
    """Casts work to topics and runs it per the progression policy."""

    def __init__(self, policy: str = "background") -> None:
        self.policy = policy
        self._seq = itertools.count()
        self._lock = threading.Lock()
        self._workers: dict[str, _Worker] = {}
        self._manual: list[_Task] = []
        #: manual tasks of paused topics, until they resume
        self._parked: list[_Task] = []
        self._paused: set[str] = set()
        self._local = threading.local()
        self.clock = 0.0
        #: with a state file: the durable queue, and what runs after each
        #: task (the flush that writes the task's changes)
        self.journal: Persistence | None = None
        self.after_task: Callable[[], None] | None = None

    # -- casting -----------------------------------------------------------

    def cast(
        self,
        topic: str,
        fn: Callable[..., Any],
        *args: Any,
        delay: float = 0.0,
        first: bool = False,
    ) -> None:
        """Run ``fn(*args)`` on ``topic`` after ``delay`` seconds.

        Inside :meth:`deferred` (an API request), the cast is held until the
        request's reply is rendered, as Manila answers from the record it
        wrote before any other service could touch it.
        """
        held = getattr(self._local, "held", None)
        if held is not None and not first:
            held.append((topic, fn, args, delay))
            return
        self._send(topic, fn, args, delay, first)

    @contextlib.contextmanager
    def deferred(self) -> Iterator[None]:
        """Hold this thread's casts until the block ends, then send them."""
        if getattr(self._local, "held", None) is not None:
            yield  # already deferring (nested)
            return
        self._local.held = []
        try:
            yield
        finally:
            held, self._local.held = self._local.held, None
            for topic, fn, args, delay in held:
                self._send(topic, fn, args, delay)

    def _send(
        self,
        topic: str,
        fn: Callable[..., Any],
        args: tuple[Any, ...],
        delay: float,
        first: bool = False,
    ) -> None:
        """Queue a task; ``first`` puts it before everything queued."""
        msg_id = None
        if self.journal is not None:
            msg_id = self.journal.sent(topic, fn, args, delay)
        start = self.clock if self.policy == "manual" else time.monotonic()
        due = -math.inf if first else start + delay
        task = _Task(due, next(self._seq), topic, fn, args, msg_id)
        if self.policy == "manual":
            with self._lock:
                heapq.heappush(self._manual, task)
            return
        self._worker(topic).put(task)

    def finished(self, task: _Task) -> None:
        """A task ran: it leaves the durable queue with its changes."""
        try:
            if task.msg_id is not None and self.journal is not None:
                self.journal.done(task.msg_id)
            if self.after_task is not None:
                self.after_task()
        except Exception:  # a worker must survive a failed write
            LOG.exception(
                "writing the state after a task on %s failed", task.topic
            )

    # -- paused topics (a stopped service) ---------------------------------

    def paused(self, topic: str) -> bool:
        """Whether ``topic``'s tasks wait (its service is stopped)."""
        return topic in self._paused

    def pause(self, topic: str) -> None:
        """Keep ``topic``'s tasks queued until :meth:`resume`."""
        with self._lock:
            self._paused.add(topic)

    def resume(self, topic: str) -> None:
        """Let ``topic``'s queued tasks run again."""
        with self._lock:
            self._paused.discard(topic)
            keep = []
            for task in self._parked:
                if task.topic == topic:
                    heapq.heappush(self._manual, task)
                else:
                    keep.append(task)
            self._parked = keep
            worker = self._workers.get(topic)
        if worker is not None:
            with worker.cond:
                worker.cond.notify_all()

    def _worker(self, topic: str) -> _Worker:
        with self._lock:
            worker = self._workers.get(topic)
            if worker is None:
                worker = _Worker(self, topic)
                self._workers[topic] = worker
                worker.start()
            return worker

    # -- manual progression ----------------------------------------------

    def pending(self) -> int:
        """Number of casts not yet run."""
        with self._lock:
            count = len(self._manual) + len(self._parked)
        for worker in list(self._workers.values()):
            with worker.cond:
                count += len(worker.heap) + (1 if worker.busy else 0)
        return count

    def advance(
        self, steps: int | None = None, seconds: float | None = None
    ) -> int:
        """Run queued casts (manual policy); return how many ran.

        :param steps: Run at most this many casts, in due order, moving the
            virtual clock to each one's due time.
        :param seconds: Move the clock this far and run every cast due by
            then (including ones those casts make).
        With neither, run everything queued until the queue is empty.
        """
        limit = MAX_STEPS if steps is None else max(0, steps)
        deadline = None if seconds is None else self.clock + seconds
        ran = 0
        while ran < limit:
            with self._lock:
                if not self._manual:
                    break
                task = self._manual[0]
                if deadline is not None and task.due > deadline:
                    break
                heapq.heappop(self._manual)
                if task.topic in self._paused:
                    self._parked.append(task)
                    continue
                self.clock = max(self.clock, task.due)
            _run(task)
            self.finished(task)
            ran += 1
        if deadline is not None:
            self.clock = max(self.clock, deadline)
        return ran

    def wait_idle(self, timeout: float = 10.0) -> bool:
        """Wait (bounded) until background workers have nothing due soon.

        :returns: True when every queue is empty and no task runs.
        """
        end = time.monotonic() + timeout
        while True:
            if all(w.idle() for w in list(self._workers.values())):
                return True
            if time.monotonic() >= end:
                return False
            time.sleep(0.005)

    def clear(self) -> None:
        """Drop every queued cast (used by reset)."""
        with self._lock:
            self._manual.clear()
            self._parked.clear()
            self._paused.clear()
        for worker in list(self._workers.values()):
            with worker.cond:
                worker.heap.clear()
        if self.journal is not None:
            self.journal.clear_messages()

    def set_policy(self, policy: str) -> None:
        """Switch between ``background`` and ``manual``."""
        if policy not in ("background", "manual"):
            raise ValueError("policy must be 'background' or 'manual'")
        self.policy = policy

    def stop(self) -> None:
        """Stop every worker thread."""
        with self._lock:
            workers = list(self._workers.values())
            self._workers.clear()
        for worker in workers:
            worker.stop()
        for worker in workers:
            worker.join(timeout=2.0)
