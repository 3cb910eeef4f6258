"""Run Manila's own API test suite against fake_server: the conformance run.

``tox -e conformance`` (or ``python tools/conformance.py``) does what
Manila's upstream dummy-driver CI jobs do, with fake_server in place of a
devstack:

1. installs tempest 47.0.0 and manila-tempest-plugin 3.2.0 into a venv of
   their own (``<workdir>/venv``, reused while the pins are unchanged);
2. starts ``python -m fake_server`` on a free 127.0.0.1 port with the
   job's fake configuration (``tools/conformance-dummy-*.toml``: the
   backends, zones and share types that job's devstack makes;
   ``--fake-defaults`` runs the fake's own defaults instead);
3. writes ``tempest.conf`` as devstack's ``lib/tempest`` and Manila's
   devstack plugin write it, with the ``[share]`` options of the chosen
   zuul job (``manila-tempest-plugin-dummy-no-dhss`` or ``-dummy-dhss``)
   and dynamic credentials (tempest creates a project and users per test
   class through Keystone's admin API; no pre-provisioned accounts);
4. runs ``tempest run --regex '^manila_tempest_tests\\.tests\\.api'`` with
   ``--concurrency`` workers;
5. prints ``N passed, N failed, N skipped`` and writes a JSON summary of
   every failing or skipped test with its reason, grouped by cause.

Tests that never ran because their class's ``setUpClass`` failed or
skipped are counted one by one (from ``tempest run --list-tests``) with
the class's reason, so the counts always cover the whole suite.

Exit status: 0 when the suite ran and was reported, whatever the tests
did; 2 for a harness error (install failed, fake did not start, tempest
ran no test, timeout).
"""

from __future__ import annotations

import argparse
import ast
import collections
import dataclasses
import datetime
import io
import json
import os
import pathlib
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

TEMPEST = "tempest==47.0.0"
PLUGIN = "manila-tempest-plugin==3.2.0"
DEFAULT_REGEX = r"^manila_tempest_tests\.tests\.api\."
ROOT = pathlib.Path(__file__).resolve().parents[1]
HERE = pathlib.Path(__file__).resolve().parent

#: tempest ``[share]`` options common to both dummy-driver jobs (zuul.d/
#: manila-tempest-jobs.yaml of manila-tempest-plugin, ``test-config``).
_COMMON_SHARE = {
    "backend_names": "ALPHA,BETA",
    "backend_replication_type": "readable",
    "build_timeout": "180",
    "capability_sg_consistent_snapshot_support": "pool",
    "create_networks_when_multitenancy_enabled": "false",
    "enable_ip_rules_for_protocols": "nfs",
    "enable_ro_access_level_for_protocols": "nfs,cifs",
    "enable_user_rules_for_protocols": "cifs",
    "multi_backend": "true",
    "run_driver_assisted_migration_tests": "true",
    "run_manage_unmanage_snapshot_tests": "true",
    "run_manage_unmanage_tests": "true",
    "run_migration_with_preserve_snapshots_tests": "true",
    "run_mount_snapshot_tests": "true",
    "run_replication_tests": "true",
    "run_revert_to_snapshot_tests": "true",
}


@dataclasses.dataclass(frozen=True)
class Job:
    """One upstream CI job: tempest's ``[share]`` options, the fake
    configuration that stands for its devstack and the services that
    devstack runs besides Keystone and Manila."""

    name: str
    share: dict[str, str]
    fake_config: pathlib.Path
    services: tuple[str, ...] = ()


JOBS = {
    "dummy-no-dhss": Job(
        "manila-tempest-plugin-dummy-no-dhss",
        dict(
            _COMMON_SHARE,
            multitenancy_enabled="false",
            run_driver_assisted_backup_tests="true",
        ),
        HERE / "conformance-dummy-no-dhss.toml",
    ),
    "dummy-dhss": Job(
        "manila-tempest-plugin-dummy-dhss",
        dict(
            _COMMON_SHARE,
            multitenancy_enabled="true",
            run_share_server_migration_tests="true",
            run_share_server_multiple_subnet_tests="true",
            run_network_allocation_update_tests="true",
            run_encryption_tests="true",
            capability_encryption_support="share_server",
        ),
        HERE / "conformance-dummy-dhss.toml",
        # the job runs Barbican for the encryption tests; the fake has none
        services=("key",),
    ),
}

#: services tempest's own config knows; devstack writes each as True or
#: False (lib/tempest, ``service_available``). Keystone and Manila are
#: what the fake plays; ``key`` (Barbican) is listed by a job that runs it.
TEMPEST_SERVICES = (
    "key",
    "glance",
    "nova",
    "neutron",
    "cinder",
    "swift",
    "horizon",
)


class HarnessError(Exception):
    """The run could not be made or reported (not a failing test)."""


# --- tempest.conf ----------------------------------------------------------


def tempest_conf(
    base_url: str,
    job: Job,
    workdir: pathlib.Path,
    build_interval: int,
) -> str:
    """The text of tempest.conf for a fake at ``base_url``.

    Sections and values follow devstack's ``lib/tempest`` (identity,
    ``auth`` with the admin account and dynamic credentials,
    ``service_available``), Manila's devstack plugin (``enforce_scope``)
    and the job's ``test-config`` (``[share]``). ``build_interval`` is the
    one deliberate change: the fake moves statuses at once, so polling
    every second instead of tempest's 3 only shortens the run.
    """
    sections: dict[str, dict[str, str]] = {
        "DEFAULT": {
            "debug": "true",
            "use_stderr": "false",
            "log_file": str(workdir / "tempest.log"),
        },
        "oslo_concurrency": {"lock_path": str(workdir / "lock")},
        "auth": {
            "use_dynamic_credentials": "true",
            "admin_username": "admin",
            "admin_password": "password",
            "admin_project_name": "admin",
            "admin_domain_name": "Default",
        },
        "identity": {
            "uri_v3": f"{base_url}/identity/v3",
            "auth_version": "v3",
            "region": "RegionOne",
        },
        "identity-feature-enabled": {
            "project_tags": "true",
            "application_credentials": "true",
            "access_rules": "true",
        },
        "service_available": {
            **{
                name: str(name in job.services).lower()
                for name in TEMPEST_SERVICES
            },
            "manila": "true",
        },
        "enforce_scope": {"manila": "true"},
        "validation": {"run_validation": "false"},
        "share": dict(job.share, build_interval=str(build_interval)),
    }
    out = io.StringIO()
    out.write(f"# written by tools/conformance.py for {job.name}\n")
    for section, values in sections.items():
        out.write(f"\n[{section}]\n")
        for key, value in values.items():
            out.write(f"{key} = {value}\n")
    return out.getvalue()


# --- the tempest venv ------------------------------------------------------


def ensure_venv(venv: pathlib.Path, python: str) -> pathlib.Path:
    """A venv with the pinned tempest and plugin; its ``bin`` directory.

    Reused when it was made for the same pins; otherwise made anew.
    """
    marker = venv / "conformance-pins.txt"
    pins = f"{TEMPEST}\n{PLUGIN}\n"
    bindir = venv / "bin"
    if marker.is_file() and marker.read_text() == pins:
        if (bindir / "tempest").exists():
            return bindir
    if venv.exists():
        shutil.rmtree(venv)
    print(f"conformance: installing {TEMPEST} and {PLUGIN} into {venv}")
    run_checked([python, "-m", "venv", str(venv)])
    run_checked(
        [str(bindir / "python"), "-m", "pip", "install", "-q", TEMPEST, PLUGIN]
    )
    marker.write_text(pins)
    return bindir


def run_checked(argv: Sequence[str], **kwargs: Any) -> None:
    """Run a command; a non-zero status is a harness error."""
    result = subprocess.run(argv, check=False, **kwargs)
    if result.returncode != 0:
        raise HarnessError(
            f"{' '.join(argv[:4])} ... exited {result.returncode}"
        )


def package_version(bindir: pathlib.Path, dist: str) -> str:
    """The installed version of ``dist`` in the tempest venv."""
    code = f"import importlib.metadata as m; print(m.version({dist!r}))"
    out = subprocess.run(
        [str(bindir / "python"), "-c", code],
        check=False,
        capture_output=True,
        text=True,
    )
    return out.stdout.strip() or "unknown"


def git_commit() -> str | None:
    """The commit of the checkout the fake runs from, if it is one."""
    out = subprocess.run(
        ["git", "-C", str(ROOT), "rev-parse", "--short=12", "HEAD"],
        check=False,
        capture_output=True,
        text=True,
    )
    return out.stdout.strip() or None if out.returncode == 0 else None


# --- the fake server -------------------------------------------------------


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class FakeServer:
    """``python -m fake_server`` as a child process on 127.0.0.1."""

    def __init__(self, config: pathlib.Path | None, log: pathlib.Path) -> None:
        """Remember how to start it; :meth:`start` starts it."""
        self.config = config
        self.log = log
        self.proc: subprocess.Popen[bytes] | None = None
        self.base_url = ""

    def start(self, attempts: int = 3, wait: float = 60.0) -> str:
        """Start on a free port, wait until Keystone answers; the base URL.

        A port taken between choosing and binding makes the child exit at
        once; another port is tried, ``attempts`` times at most.
        """
        for _ in range(attempts):
            port = free_port()
            argv = [sys.executable, "-m", "fake_server", "--port", str(port)]
            if self.config is not None:
                argv += ["--config", str(self.config)]
            with open(self.log, "ab") as handle:
                self.proc = subprocess.Popen(
                    argv,
                    stdout=handle,
                    stderr=subprocess.STDOUT,
                    cwd=ROOT,
                )
            self.base_url = f"http://127.0.0.1:{port}"
            if self._wait_ready(wait):
                return self.base_url
            self.stop()
        raise HarnessError(f"fake_server did not start; see {self.log}")

    def _wait_ready(self, wait: float) -> bool:
        deadline = time.monotonic() + wait
        url = f"{self.base_url}/identity/v3"
        while time.monotonic() < deadline:
            assert self.proc is not None
            if self.proc.poll() is not None:
                return False
            try:
                with urllib.request.urlopen(url, timeout=5) as response:
                    if response.status == 200:
                        return True
            except (urllib.error.URLError, OSError):
                pass
            time.sleep(0.2)
        return False

    def stop(self) -> None:
        """Stop the child (SIGTERM, then SIGKILL after 10 s)."""
        if self.proc is None or self.proc.poll() is not None:
            return
        self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(timeout=10)


# --- running tempest -------------------------------------------------------


def list_tests(
    bindir: pathlib.Path, workdir: pathlib.Path, regex: str
) -> list[str]:
    """Test ids the regex selects (``tempest run --list-tests``).

    Also makes the stestr repository that ``tempest run`` writes to.
    """
    run_checked(
        [str(bindir / "stestr"), "init"],
        cwd=workdir,
        env=tempest_env(bindir),
        stdout=subprocess.DEVNULL,
    )
    out = subprocess.run(
        [
            str(bindir / "tempest"),
            "run",
            "--config-file",
            str(workdir / "etc" / "tempest.conf"),
            "--list-tests",
            "--regex",
            regex,
        ],
        cwd=workdir,
        check=False,
        capture_output=True,
        text=True,
        env=tempest_env(bindir),
    )
    if out.returncode != 0:
        raise HarnessError(
            "tempest run --list-tests failed:\n" + out.stdout + out.stderr
        )
    ids = [
        line.strip()
        for line in out.stdout.splitlines()
        if line.startswith("manila_tempest_tests.")
    ]
    if not ids:
        raise HarnessError(f"no test matches {regex!r}")
    return ids


def tempest_env(bindir: pathlib.Path) -> dict[str, str]:
    """The environment tempest runs in: its venv first on PATH."""
    env = dict(os.environ)
    env["PATH"] = f"{bindir}{os.pathsep}{env.get('PATH', '')}"
    env.pop("VIRTUAL_ENV", None)
    env.pop("PYTHONPATH", None)
    env.setdefault("OS_TEST_TIMEOUT", "900")
    return env


def run_tempest(
    bindir: pathlib.Path,
    workdir: pathlib.Path,
    regex: str,
    concurrency: int,
    timeout: float,
    verbose: bool,
) -> pathlib.Path:
    """Run the suite; the path of its subunit v2 stream."""
    argv = [
        str(bindir / "tempest"),
        "run",
        "--config-file",
        str(workdir / "etc" / "tempest.conf"),
        "--regex",
        regex,
        "--concurrency",
        str(concurrency),
    ]
    env = tempest_env(bindir)
    log = workdir / "tempest-run.log"
    run_watched(argv, workdir, env, log, timeout, verbose, "conformance")
    return last_subunit(bindir, workdir, env, log)


def run_watched(
    argv: Sequence[str],
    cwd: pathlib.Path,
    env: dict[str, str],
    log: pathlib.Path,
    timeout: float,
    verbose: bool,
    label: str,
) -> None:
    """Run a stestr-driven suite, its output to ``log``, bounded in time.

    Progress (tests done, from stestr's ``{worker}`` lines) is printed
    once a minute unless ``verbose`` shows every line; after ``timeout``
    seconds the whole process group is killed and that is a harness
    error.
    """
    started = time.monotonic()
    done = 0
    last_report = started
    with open(log, "w", encoding="utf-8") as handle:
        proc = subprocess.Popen(
            argv,
            cwd=cwd,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            env=env,
            start_new_session=True,
        )
        assert proc.stdout is not None
        expired = threading.Event()

        def expire() -> None:
            expired.set()
            os.killpg(proc.pid, signal.SIGKILL)

        watchdog = threading.Timer(timeout, expire)
        watchdog.start()
        try:
            for line in proc.stdout:
                handle.write(line)
                if re.match(r"^\{\d+\} ", line):
                    done += 1
                if verbose:
                    sys.stdout.write(line)
                now = time.monotonic()
                if now - last_report > 60 and not verbose:
                    print(
                        f"{label}: {done} tests done after "
                        f"{now - started:.0f} s",
                        flush=True,
                    )
                    last_report = now
            proc.wait(timeout=60)
        finally:
            watchdog.cancel()
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(timeout=30)
    if expired.is_set():
        raise HarnessError(
            f"{pathlib.Path(argv[0]).name} took over {timeout:.0f} s"
        )


def last_subunit(
    bindir: pathlib.Path,
    workdir: pathlib.Path,
    env: dict[str, str],
    log: pathlib.Path,
) -> pathlib.Path:
    """The last stestr run of ``workdir`` as a subunit v2 file."""
    stream = workdir / "results.subunit"
    with open(stream, "wb") as out:
        result = subprocess.run(
            [str(bindir / "stestr"), "last", "--subunit"],
            cwd=workdir,
            stdout=out,
            check=False,
            env=env,
        )
    if result.returncode != 0 or stream.stat().st_size == 0:
        raise HarnessError(f"the run produced no results; see {log}")
    return stream


# --- results ---------------------------------------------------------------


@dataclasses.dataclass
class Outcome:
    """What happened to one test (or one class fixture)."""

    test_id: str
    status: str  # success, fail, skip
    reason: str = ""
    seconds: float = 0.0


def read_subunit(data: bytes) -> list[Outcome]:
    """The outcomes in a subunit v2 stream, one per test id."""
    import subunit
    import testtools

    outcomes: list[Outcome] = []

    def on_test(test: Any) -> None:
        status = {
            "success": "success",
            "xfail": "success",
            "skip": "skip",
            "fail": "fail",
            "uxsuccess": "fail",
        }.get(test["status"])
        if status is None:
            return  # exists/inprogress only: no result
        details = test.get("details", {})
        reason = ""
        if status == "skip":
            reason = _detail_text(details, "reason")
        elif status == "fail":
            reason = failure_reason(_detail_text(details, "traceback"))
        timestamps = test.get("timestamps") or [None, None]
        seconds = 0.0
        if timestamps[0] is not None and timestamps[1] is not None:
            seconds = (timestamps[1] - timestamps[0]).total_seconds()
        outcomes.append(Outcome(test["id"], status, reason, seconds))

    stream = subunit.ByteStreamToStreamResult(
        io.BytesIO(data), non_subunit_name="stdout"
    )
    result = testtools.StreamToDict(on_test)
    result.startTestRun()
    try:
        stream.run(result)
    finally:
        result.stopTestRun()
    return outcomes


def _detail_text(details: dict[str, Any], name: str) -> str:
    content = details.get(name)
    if content is None:
        return ""
    try:
        return str(content.as_text())
    except (UnicodeDecodeError, ValueError, AttributeError):
        return ""


#: tempest.lib.cli's CommandFailed: the argv, the status, both outputs
_COMMAND_FAILED = re.compile(
    r"Command '(?P<argv>\[.*?\])' returned non-zero exit status "
    r"(?P<status>-?\d+)\.\s*stdout:\s*(?P<stdout>.*?)\s*stderr:\s*"
    r"(?P<stderr>.*)",
    re.S,
)
#: CLI options whose values say nothing about a failure
_CLI_NOISE = {
    "--os-password",
    "--os-auth-url",
    "--os-user-domain-id",
    "--os-project-domain-id",
    "--os-user-domain-name",
    "--os-project-domain-name",
    "--os-endpoint-type",
}


def _bytes_text(literal: str) -> str:
    try:
        value = ast.literal_eval(literal.strip())
    except (ValueError, SyntaxError):
        return literal.strip()
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace").strip()
    return str(value).strip()


def command_failed(text: str) -> str | None:
    """tempest.lib.cli's ``CommandFailed`` in short, or None.

    ``CommandFailed: <stderr> [openstack share create ... (as admin/demo)
    exited 1]``: what the command printed on stderr (stdout when stderr
    is empty), which is the cause, first; then the command without its
    executable's path and credentials, and the user/project it ran as.
    """
    match = _COMMAND_FAILED.search(text)
    if match is None:
        return None
    try:
        argv = [str(a) for a in ast.literal_eval(match.group("argv"))]
    except (ValueError, SyntaxError):
        return None
    words: list[str] = [pathlib.Path(argv[0]).name] if argv else []
    user = ""
    rest = iter(argv[1:])
    for word in rest:
        if word in _CLI_NOISE:
            next(rest, None)
        elif word in ("--os-username", "--os-project-name"):
            user += ("/" if user else "") + str(next(rest, ""))
        else:
            words.append(word)
    output = _bytes_text(match.group("stderr")) or _bytes_text(
        match.group("stdout")
    )
    who = f" (as {user})" if user else ""
    return (
        f"CommandFailed: {output} [{' '.join(words)}{who} exited "
        f"{match.group('status')}]"
    )


def failure_reason(traceback: str, limit: int = 600) -> str:
    """The exception part of a traceback: its last frame's aftermath.

    Tempest's exceptions print a first line and a ``Details:`` line; both
    are kept, up to ``limit`` characters. A failed CLI call
    (``tempest.lib.exceptions.CommandFailed``) is told by
    :func:`command_failed`.
    """
    lines = traceback.rstrip().splitlines()
    last_frame = -1
    for index, line in enumerate(lines):
        if line.startswith("  File "):
            last_frame = index
    if last_frame >= 0:
        # the frame line, then (usually) one indented source line
        tail_start = last_frame + 1
        while tail_start < len(lines) and lines[tail_start].startswith(" "):
            tail_start += 1
        tail = lines[tail_start:]
    else:
        tail = lines
    text = "\n".join(line.rstrip() for line in tail if line.strip())
    text = command_failed(text) or text
    if not text:
        text = "\n".join(lines[-3:])
    return text[:limit]


_CLASS_FIXTURE = re.compile(
    r"^(setUpClass|tearDownClass) \((?P<cls>[\w.]+)\)$"
)
_UUID = re.compile(
    r"[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}", re.I
)
_REQ_ID = re.compile(r"req-[0-9a-f-]+", re.I)
_TEMPEST_NAME = re.compile(r"tempest-[\w-]*?-?\d{6,}")
_NUMBER = re.compile(r"(?<![\w.])\d+(\.\d+)?(?![\w])")
_ADDRESS = re.compile(r"127\.0\.0\.1:\d+")


def cause_of(status: str, reason: str) -> str:
    """A grouping key: the reason's first lines with ids and numbers
    replaced, so that one cause seen in many tests groups together."""
    text = reason.strip()
    # tempest's exception message and its Details line are enough
    text = " | ".join(text.splitlines()[:3])
    text = _ADDRESS.sub("HOST", text)
    text = _REQ_ID.sub("REQ", text)
    text = _UUID.sub("ID", text)
    text = _TEMPEST_NAME.sub("NAME", text)
    text = _NUMBER.sub("N", text)
    return f"{status}: {text[:240]}"


def _test_class(test_id: str) -> str:
    return test_id.split("[", 1)[0].rsplit(".", 1)[0]


@dataclasses.dataclass
class Report:
    """The whole run, as counted per test of the listed suite."""

    outcomes: dict[str, Outcome]
    class_errors: list[Outcome]

    def count(self, status: str) -> int:
        """How many tests ended with ``status``."""
        return sum(1 for o in self.outcomes.values() if o.status == status)

    def problems(self) -> Iterator[Outcome]:
        """Failing and skipped tests, in test id order."""
        for test_id in sorted(self.outcomes):
            outcome = self.outcomes[test_id]
            if outcome.status != "success":
                yield outcome


def build_report(listed: Iterable[str], raw: Iterable[Outcome]) -> Report:
    """Per-test outcomes for every listed test.

    A ``setUpClass (cls)`` failure or skip stands for each listed test of
    ``cls`` that has no result of its own; a test that was listed but has
    no result at all (a worker died) is a failure with that reason.
    ``tearDownClass`` errors are kept apart: their tests already ran.
    """
    listed = list(listed)
    by_id: dict[str, Outcome] = {}
    class_outcome: dict[str, Outcome] = {}
    class_errors: list[Outcome] = []
    for outcome in raw:
        match = _CLASS_FIXTURE.match(outcome.test_id)
        if match:
            if match.group(1) == "setUpClass":
                class_outcome[match.group("cls")] = outcome
            elif outcome.status == "fail":
                class_errors.append(outcome)
            continue
        by_id[outcome.test_id] = outcome
    outcomes: dict[str, Outcome] = {}
    for test_id in listed:
        if test_id in by_id:
            outcomes[test_id] = by_id.pop(test_id)
            continue
        fixture = class_outcome.get(_test_class(test_id))
        if fixture is not None:
            prefix = "setUpClass skipped: " if fixture.status == "skip" else ""
            outcomes[test_id] = Outcome(
                test_id,
                fixture.status if fixture.status != "success" else "fail",
                prefix + fixture.reason
                if fixture.status != "success"
                else "setUpClass passed but the test reported no result",
            )
        else:
            outcomes[test_id] = Outcome(
                test_id, "fail", "no result reported (worker died?)"
            )
    # results for tests that were not listed (should not happen) still count
    outcomes.update(by_id)
    return Report(outcomes, class_errors)


def summary(report: Report, meta: dict[str, Any]) -> dict[str, Any]:
    """The machine-readable summary: counts, problems, causes."""
    problems = list(report.problems())
    causes: dict[str, list[str]] = collections.defaultdict(list)
    for outcome in problems:
        causes[cause_of(outcome.status, outcome.reason)].append(
            outcome.test_id
        )
    return {
        **meta,
        "counts": {
            "total": len(report.outcomes),
            "passed": report.count("success"),
            "failed": report.count("fail"),
            "skipped": report.count("skip"),
        },
        "causes": [
            {"cause": cause, "count": len(ids), "tests": ids}
            for cause, ids in sorted(
                causes.items(), key=lambda item: (-len(item[1]), item[0])
            )
        ],
        "tests": [
            {"id": o.test_id, "status": o.status, "reason": o.reason}
            for o in problems
        ],
        "class_errors": [
            {"id": o.test_id, "reason": o.reason} for o in report.class_errors
        ],
    }


# --- main ------------------------------------------------------------------


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    """Command-line options."""
    parser = argparse.ArgumentParser(
        prog="conformance",
        description="Run manila-tempest-plugin's API suite against "
        "fake_server and report every failing or skipped test.",
    )
    parser.add_argument(
        "--job",
        choices=sorted(JOBS),
        default="dummy-no-dhss",
        help="upstream CI job whose configuration to copy (dummy-no-dhss)",
    )
    parser.add_argument(
        "--workdir",
        type=pathlib.Path,
        default=ROOT / ".conformance",
        help="where the venv, tempest.conf, logs and results go "
        "(.conformance/ in the repository)",
    )
    parser.add_argument(
        "--regex",
        default=DEFAULT_REGEX,
        help="tests to run (the whole API suite by default)",
    )
    parser.add_argument(
        "--concurrency",
        type=int,
        default=max(2, min(8, (os.cpu_count() or 2) * 2)),
        help="tempest workers (twice the CPUs, 2 to 8)",
    )
    parser.add_argument(
        "--build-interval",
        type=int,
        default=1,
        help="seconds between tempest's status polls (tempest: 3)",
    )
    parser.add_argument(
        "--fake-config",
        type=pathlib.Path,
        help="fake_server TOML to use instead of the job's",
    )
    parser.add_argument(
        "--fake-defaults",
        action="store_true",
        help="run the fake with its own defaults, not the job's TOML",
    )
    parser.add_argument(
        "--json",
        default=None,
        help="where to write the JSON summary ('-' for stdout; default "
        "<workdir>/summary.json)",
    )
    parser.add_argument(
        "--timeout",
        type=float,
        default=4 * 3600,
        help="give up (harness error) after this many seconds of tempest",
    )
    parser.add_argument(
        "-v", "--verbose", action="store_true", help="show tempest's output"
    )
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    """Install, start, configure, run, report; see the module docstring."""
    args = parse_args(argv)
    job = JOBS[args.job]
    workdir: pathlib.Path = args.workdir.resolve()
    try:
        return _run(args, job, workdir)
    except HarnessError as exc:
        print(f"conformance: harness error: {exc}", file=sys.stderr)
        return 2


def _run(args: argparse.Namespace, job: Job, workdir: pathlib.Path) -> int:
    workdir.mkdir(parents=True, exist_ok=True)
    bindir = ensure_venv(workdir / "venv", sys.executable)
    run_dir = workdir / "run"
    if run_dir.exists():
        shutil.rmtree(run_dir)
    (run_dir / "etc").mkdir(parents=True)
    (run_dir / "lock").mkdir()
    fake_config = None if args.fake_defaults else job.fake_config
    if args.fake_config is not None:
        fake_config = args.fake_config
    fake = FakeServer(fake_config, run_dir / "fake-server.log")
    started = datetime.datetime.now(datetime.UTC)
    base_url = fake.start()
    print(f"conformance: fake_server at {base_url} ({job.name})", flush=True)
    try:
        conf = tempest_conf(base_url, job, run_dir, args.build_interval)
        (run_dir / "etc" / "tempest.conf").write_text(conf)
        listed = list_tests(bindir, run_dir, args.regex)
        print(
            f"conformance: running {len(listed)} tests with "
            f"{args.concurrency} workers",
            flush=True,
        )
        clock = time.monotonic()
        stream = run_tempest(
            bindir,
            run_dir,
            args.regex,
            args.concurrency,
            args.timeout,
            args.verbose,
        )
        elapsed = time.monotonic() - clock
    finally:
        fake.stop()
    report = build_report(listed, read_subunit(stream.read_bytes()))
    meta = {
        "job": job.name,
        "fake_server_commit": git_commit(),
        "tempest": package_version(bindir, "tempest"),
        "manila_tempest_plugin": package_version(
            bindir, "manila-tempest-plugin"
        ),
        "fake_config": str(fake_config) if fake_config else None,
        "date": started.isoformat(timespec="seconds"),
        "regex": args.regex,
        "concurrency": args.concurrency,
        "seconds": round(elapsed, 1),
    }
    data = summary(report, meta)
    text = json.dumps(data, indent=2) + "\n"
    if args.json == "-":
        sys.stdout.write(text)
    else:
        target = pathlib.Path(args.json or workdir / "summary.json")
        target.write_text(text)
        print(f"conformance: summary written to {target}")
    counts = data["counts"]
    print(
        f"conformance: {job.name}, {counts['total']} tests in "
        f"{elapsed:.0f} s; logs in {run_dir}"
    )
    for cause in data["causes"][:15]:
        print(f"  {cause['count']:5d}  {cause['cause'][:150]}")
    print(
        f"{counts['passed']} passed, {counts['failed']} failed, "
        f"{counts['skipped']} skipped"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
