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
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

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
                    if self.heap:
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
            finally:
                with self.cond:
                    self.busy = False
                    self.cond.notify_all()

    def idle(self) -> bool:
        with self.cond:
            return not self.heap and not self.busy

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
        self._local = threading.local()
        self.clock = 0.0

    # -- casting -----------------------------------------------------------

    def cast(
        self,
        topic: str,
        fn: Callable[..., Any],
        *args: Any,
        delay: float = 0.0,
    ) -> None:
        """Run ``fn(*args)`` on ``topic`` after ``delay`` seconds.

        Inside :meth:`deferred` (an API request), the cast is held until the
        request's reply is rendered, as Manila answers from the record it
        wrote before any other service could touch it.
        """
        held = getattr(self._local, "held", None)
        if held is not None:
            held.append((topic, fn, args, delay))
            return
        self._send(topic, fn, args, delay)

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
    ) -> None:
        if self.policy == "manual":
            with self._lock:
                heapq.heappush(
                    self._manual,
                    _Task(
                        self.clock + delay, next(self._seq), topic, fn, args
                    ),
                )
            return
        task = _Task(
            time.monotonic() + delay, next(self._seq), topic, fn, args
        )
        self._worker(topic).put(task)

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
            count = len(self._manual)
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
                self.clock = max(self.clock, task.due)
            _run(task)
            ran += 1
        if deadline is not None:
            self.clock = max(self.clock, deadline)
        return ran

    def wait_idle(self, timeout: float = 10.0) -> bool:
        """Wait (bounded) until background workers have nothing due soon.

        :returns: True when every queue is empty and no task runs.
        """
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            if all(w.idle() for w in list(self._workers.values())):
                return True
            time.sleep(0.005)
        return False

    def clear(self) -> None:
        """Drop every queued cast (used by reset)."""
        with self._lock:
            self._manual.clear()
        for worker in list(self._workers.values()):
            with worker.cond:
                worker.heap.clear()

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
