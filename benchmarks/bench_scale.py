"""Benchmark 10: one fake cloud grown to 100,000 shares through the API.

The fake server runs in its own process (``_serve.py``, background
progression, no delays, finite quotas so every create runs the quota
check). Client threads grow the cloud over HTTP with ``POST /v2/shares``
(1 GiB each, all in project ``demo``); at 1k, 10k and 100k shares the
growth stops and, with the cloud idle, the benchmark measures:

- create rate: shares created per second by the growth threads over the
  last creates before the mark (``--threads`` clients at once);
- create->available p50: one share at a time, ``POST`` and then
  ``GET`` every millisecond until ``available`` (the poll adds up to
  about a millisecond);
- show p50: ``GET /v2/shares/{id}`` of random shares, one at a time;
- list detail, limit=100: ``GET /v2/shares/detail?limit=100`` (first
  page) and with ``offset`` = shares - 100 (the last page);
- quota-set detail: ``GET /v2/quota-sets/{project}/detail``;
- limits: ``GET /v2/limits``;
- resident memory per share: the server's RSS growth since it started
  (before any share), divided by the shares.

Every figure is printed with its value at 1k and the ratio 100k/1k,
measured in the same run. Aims: each per-request ratio at most 1.5 (for
the create rate, which is a rate, at least 1/1.5); memory under 4 KiB a
share. ``--quick`` grows to 200, 1,000 and 5,000 instead.
"""

from __future__ import annotations

import http.client
import itertools
import json
import os
import random
import sys
import threading
import time
from typing import Any

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from benchmarks._common import (  # noqa: E402
    MICROVERSION,
    MV_HEADER,
    Figure,
    parser,
    percentile,
    print_table,
)
from benchmarks.bench_server import serve, token  # noqa: E402

BENCH = "10 scale"
#: client threads that grow the cloud
GROW_THREADS = 4
#: bound on waiting for one share to become available (seconds)
TIMEOUT = 30.0


def _rss_kib(pid: int) -> int:
    """The resident set size of a process, in KiB (Linux /proc)."""
    with open(f"/proc/{pid}/status", encoding="ascii") as handle:
        for line in handle:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


class Client:
    """One keep-alive HTTP connection to the fake, with demo's token."""

    def __init__(self, port: int, headers: dict[str, str]) -> None:
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        self.headers = headers

    def call(
        self,
        method: str,
        path: str,
        body: bytes | None = None,
        extra: dict[str, str] | None = None,
    ) -> tuple[int, Any]:
        """Send one request; return status and decoded JSON (or None)."""
        headers = {**self.headers, **extra} if extra else self.headers
        try:
            self.conn.request(method, path, body, headers)
            response = self.conn.getresponse()
        except (ConnectionError, http.client.RemoteDisconnected):
            # the server closes idle keep-alive connections: open again
            self.conn.close()
            self.conn = http.client.HTTPConnection(
                self.conn.host, self.conn.port, timeout=120
            )
            self.conn.request(method, path, body, headers)
            response = self.conn.getresponse()
        raw = response.read()
        return response.status, (json.loads(raw) if raw else None)

    def timed(
        self, method: str, path: str, body: bytes | None = None
    ) -> float:
        """Seconds one request takes (it must succeed)."""
        begin = time.perf_counter()
        status, _ = self.call(method, path, body)
        elapsed = time.perf_counter() - begin
        if status >= 400:
            raise RuntimeError(f"{method} {path}: {status}")
        return elapsed

    def close(self) -> None:
        """Close the connection."""
        self.conn.close()


CREATE = json.dumps({"share": {"share_proto": "NFS", "size": 1}}).encode()


def grow(
    port: int, headers: dict[str, str], count: int, ids: list[str]
) -> float:
    """Create ``count`` shares with :data:`GROW_THREADS` clients.

    :returns: Shares created per second.
    """
    counter = itertools.count()
    lock = threading.Lock()
    failures: list[str] = []

    def worker() -> None:
        client = Client(port, headers)
        made = []
        try:
            while next(counter) < count:
                status, body = client.call("POST", "/v2/shares", CREATE)
                if status >= 400:
                    failures.append(f"create: {status} {body}")
                    return
                made.append(body["share"]["id"])
        finally:
            client.close()
            with lock:
                ids.extend(made)

    threads = [threading.Thread(target=worker) for _ in range(GROW_THREADS)]
    begin = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=3600)
    elapsed = time.perf_counter() - begin
    if failures:
        raise RuntimeError(failures[0])
    return count / elapsed


def wait_idle(client: Client, control_token: str) -> None:
    """Wait until the fake has no queued work (bounded)."""
    for _ in range(120):
        status, body = client.call(
            "POST",
            "/_fake/wait",
            json.dumps({"timeout": 10}).encode(),
            {"X-Fake-Control-Token": control_token},
        )
        if status == 200 and body.get("idle"):
            return
    raise RuntimeError("the fake did not become idle")


def to_available(client: Client, samples: int, ids: list[str]) -> list[float]:
    """Seconds from POST to ``available``, one share at a time."""
    result = []
    for _ in range(samples):
        begin = time.perf_counter()
        status, body = client.call("POST", "/v2/shares", CREATE)
        if status >= 400:
            raise RuntimeError(f"create: {status} {body}")
        share_id = body["share"]["id"]
        ids.append(share_id)
        deadline = begin + TIMEOUT
        while time.perf_counter() < deadline:
            _, shown = client.call("GET", f"/v2/shares/{share_id}")
            if shown["share"]["status"] in ("available", "error"):
                break
            time.sleep(0.001)
        if shown["share"]["status"] != "available":
            raise RuntimeError(f"share {share_id} did not become available")
        result.append(time.perf_counter() - begin)
    return result


def measure(
    client: Client, ids: list[str], project: str, quick: bool
) -> dict[str, float]:
    """The per-request figures at the cloud's current size (ms)."""
    calls = 30 if quick else 100
    rng = random.Random(7)
    figures = {}
    figures["create->available p50"] = (
        percentile(to_available(client, 10 if quick else 30, ids), 50) * 1000
    )
    shares = len(ids)
    cases = {
        "show p50": lambda: client.timed(
            "GET", f"/v2/shares/{rng.choice(ids)}"
        ),
        "list detail limit=100, first page p50": lambda: client.timed(
            "GET", "/v2/shares/detail?limit=100"
        ),
        "list detail limit=100, last page p50": lambda: client.timed(
            "GET", f"/v2/shares/detail?limit=100&offset={shares - 100}"
        ),
        "quota-set detail p50": lambda: client.timed(
            "GET", f"/v2/quota-sets/{project}/detail"
        ),
        "limits p50": lambda: client.timed("GET", "/v2/limits"),
    }
    for name, fn in cases.items():
        for _ in range(3):
            fn()  # warm
        figures[name] = percentile([fn() for _ in range(calls)], 50) * 1000
    return figures


def run(quick: bool = False) -> list[Figure]:
    """Grow the cloud, measure at each mark, return the figures."""
    marks = (200, 1_000, 5_000) if quick else (1_000, 10_000, 100_000)
    window = 200 if quick else 1_000
    with serve("fake", "--quota", "10000000") as hello:
        port = hello["port"]
        pid = int(hello["pid"])
        headers = {
            "X-Auth-Token": token(port),
            MV_HEADER: MICROVERSION,
            "Content-Type": "application/json",
        }
        client = Client(port, headers)
        project = hello["project_id"]
        base_rss = _rss_kib(pid)
        ids: list[str] = []
        results: dict[int, dict[str, float]] = {}
        began = time.perf_counter()
        for mark in marks:
            before = mark - window - len(ids)
            if before > 0:
                grow(port, headers, before, ids)
            rate = grow(port, headers, mark - len(ids), ids)
            wait_idle(client, hello["control_token"])
            figures = {"create rate": rate}
            rss = _rss_kib(pid)
            figures["resident memory per share"] = (
                (rss - base_rss) * 1024 / len(ids)
            )
            figures.update(measure(client, ids, project, quick))
            wait_idle(client, hello["control_token"])
            results[mark] = figures
            print(
                f"[{BENCH}: {len(ids)} shares at "
                f"{time.perf_counter() - began:.0f} s]",
                file=sys.stderr,
                flush=True,
            )
        client.close()
    return _figures(marks, results)


def _figures(
    marks: tuple[int, ...], results: dict[int, dict[str, float]]
) -> list[Figure]:
    first, last = marks[0], marks[-1]
    out = []
    for name in results[first]:
        unit = "ms"
        aim = "ratio:<=1.5"
        if name == "create rate":
            unit, aim = "/s", "ratio:>=0.667"
        elif name == "resident memory per share":
            unit, aim = "B", "value:<4096"
        for mark in marks:
            is_last = mark == last
            out.append(
                Figure(
                    BENCH,
                    f"{name} @{mark:,}",
                    results[mark][name],
                    unit,
                    results[first][name] if is_last else None,
                    f"@{first:,}" if is_last else "",
                    aim if (is_last or aim.startswith("value")) else "",
                )
            )
    return out


def main() -> None:
    """Parse the command line, run, print the table."""
    args = parser(__doc__.splitlines()[0]).parse_args()
    print_table(run(args.quick))


if __name__ == "__main__":
    main()
