"""Run python-manilaclient's own functional suite against fake_server.

``tox -e manilaclient-functional`` (or
``python tools/run_manilaclient_functional.py``) does what upstream's
``python-manilaclient-functional`` zuul job does, with fake_server in place
of its devstack:

1. makes a venv of its own (``<workdir>/venv``, reused while the pins are
   unchanged) with python-manilaclient, python-openstackclient and tempest
   (whose ``tempest.lib.cli`` the tests drive the CLIs with), and unpacks
   python-manilaclient's sdist from PyPI there: the functional tests run
   from that source tree, as the job's ``tox -e functional`` does;
2. starts ``python -m fake_server`` on a free 127.0.0.1 port with
   ``tools/manilaclient-functional.toml`` (the backends, zones and share
   types that job's devstack makes);
3. does what devstack and the job's ``populate-manilaclient-config`` role
   do after Keystone and Manila are up: admin gets the admin role on the
   demo project (devstack's ``create_keystone_accounts``), demo creates
   the share network ``ci`` on Neutron's ``private`` network, and
   ``manilaclient.conf`` gets the demo user, admin in the demo project,
   that share network and the role's test switches;
4. runs the OSC suite (``manilaclient.tests.functional.osc``; 6.3.0 has
   no other functional tests: the legacy ``manila`` CLI and its tests are
   gone) with stestr and ``--concurrency`` workers;
5. prints ``N passed, N failed, N skipped`` and writes a JSON summary of
   every failing or skipped test with its reason, grouped by cause (the
   same report as ``tools/conformance.py``).

Exit status: 0 when the suite ran and nothing failed, 1 when tests
failed, 2 for a harness error (install failed, fake did not start, no
test ran, timeout).
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import pathlib
import shutil
import subprocess
import sys
import tarfile
import time
from collections.abc import Sequence

# tools/ is not a package: its sibling is found next to this file
sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))

import conformance  # noqa: E402
from conformance import FakeServer, HarnessError, run_checked  # noqa: E402

MANILACLIENT = "python-manilaclient==6.3.0"
OPENSTACKCLIENT = "python-openstackclient==10.5.0"
TEMPEST = "tempest==47.0.0"
PINS = (MANILACLIENT, OPENSTACKCLIENT, TEMPEST, "stestr")
SUITE = "manilaclient.tests.functional.osc"
DEFAULT_REGEX = r"^manilaclient\.tests\.functional\.osc\."
ROOT = conformance.ROOT
FAKE_CONFIG = conformance.HERE / "manilaclient-functional.toml"
#: the share network the job's role creates for demo (and admin in demo)
SHARE_NETWORK = "ci"
PASSWORD = "password"


# --- the venv and the source tree ------------------------------------------


def ensure_venv(venv: pathlib.Path, python: str) -> pathlib.Path:
    """A venv with the pinned clients and tempest; its ``bin`` directory.

    The sdist of python-manilaclient (which holds the functional tests)
    is downloaded and unpacked to ``<venv>/src``. Reused when it was made
    for the same pins; otherwise made anew.
    """
    marker = venv / "manilaclient-functional-pins.txt"
    pins = "".join(f"{pin}\n" for pin in PINS)
    bindir = venv / "bin"
    if marker.is_file() and marker.read_text() == pins:
        if (bindir / "openstack").exists() and source_tree(venv).is_dir():
            return bindir
    if venv.exists():
        shutil.rmtree(venv)
    print(f"manilaclient-functional: installing {', '.join(PINS)} in {venv}")
    run_checked([python, "-m", "venv", str(venv)])
    pip = [str(bindir / "python"), "-m", "pip"]
    download = venv / "download"
    run_checked(
        [
            *pip,
            "download",
            "-q",
            "--no-binary",
            ":all:",
            "--no-deps",
            "-d",
            str(download),
            MANILACLIENT,
        ]
    )
    sdists = sorted(download.glob("python_manilaclient-*.tar.gz"))
    if len(sdists) != 1:
        raise HarnessError(f"no python-manilaclient sdist in {download}")
    with tarfile.open(sdists[0]) as tar:
        if hasattr(tarfile, "data_filter"):
            tar.extractall(venv / "src", filter="data")
        else:  # Python 3.11 before 3.11.4 has no extraction filters
            tar.extractall(venv / "src")  # noqa: S202
    # the sdist's test-requirements.txt (ddt, fixtures, ...) as the job's
    # tox env installs them, with the pins above
    tree = source_tree(venv)
    run_checked(
        [
            *pip,
            "install",
            "-q",
            str(tree),
            *PINS[1:],
            "-r",
            str(tree / "test-requirements.txt"),
        ],
    )
    marker.write_text(pins)
    return bindir


def source_tree(venv: pathlib.Path) -> pathlib.Path:
    """The unpacked python-manilaclient sdist."""
    version = MANILACLIENT.partition("==")[2]
    return venv / "src" / f"python_manilaclient-{version}"


# --- devstack's and the job's setup ----------------------------------------


def openrc(base_url: str, username: str, project: str) -> dict[str, str]:
    """The ``OS_*`` variables of devstack's ``openrc USER PROJECT``."""
    return {
        "OS_AUTH_URL": f"{base_url}/identity",
        "OS_IDENTITY_API_VERSION": "3",
        "OS_USERNAME": username,
        "OS_PASSWORD": PASSWORD,
        "OS_PROJECT_NAME": project,
        "OS_USER_DOMAIN_ID": "default",
        "OS_PROJECT_DOMAIN_ID": "default",
        "OS_REGION_NAME": "RegionOne",
        "OS_AUTH_TYPE": "password",
    }


def client_env(bindir: pathlib.Path, extra: dict[str, str]) -> dict[str, str]:
    """The environment the CLIs and the tests run in.

    The caller's ``OS_*`` variables are dropped (a cloud of the caller
    must not leak in).
    """
    env = {k: v for k, v in os.environ.items() if not k.startswith("OS_")}
    env["PATH"] = f"{bindir}{os.pathsep}{env.get('PATH', '')}"
    env.pop("VIRTUAL_ENV", None)
    env.pop("PYTHONPATH", None)
    env.update(extra)
    return env


def cli(bindir: pathlib.Path, env: dict[str, str], *args: str) -> str:
    """``openstack ARGS``; its output (a failure is a harness error)."""
    out = subprocess.run(
        [str(bindir / "openstack"), *args],
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    if out.returncode != 0:
        raise HarnessError(
            f"openstack {' '.join(args)} exited {out.returncode}:\n"
            + out.stderr
        )
    return out.stdout.strip()


def prepare_cloud(bindir: pathlib.Path, base_url: str) -> None:
    """What devstack and the job's role do before the tests.

    devstack's ``create_keystone_accounts`` gives admin the admin role on
    the demo project (the role then configures admin in demo); the role
    creates share network ``ci`` as demo on Neutron's ``private`` network
    and subnet.
    """
    admin = client_env(bindir, openrc(base_url, "admin", "admin"))
    cli(
        bindir,
        admin,
        "role",
        "add",
        "--user",
        "admin",
        "--project",
        "demo",
        "admin",
    )
    demo = client_env(bindir, openrc(base_url, "demo", "demo"))
    net = cli(
        bindir, demo, "network", "show", "private", "-c", "id", "-f", "value"
    )
    subnet = cli(
        bindir,
        demo,
        "subnet",
        "show",
        "private-subnet",
        "-c",
        "id",
        "-f",
        "value",
    )
    cli(
        bindir,
        demo,
        "share",
        "network",
        "create",
        "--name",
        SHARE_NETWORK,
        "--neutron-net",
        net,
        "--neutron-subnet",
        subnet,
    )


def manilaclient_conf(
    base_url: str, exec_dir: pathlib.Path, build_interval: int
) -> str:
    """The text of manilaclient.conf as the job's role writes it.

    ``populate-manilaclient-config`` (roles/ of python-manilaclient):
    demo in demo, admin in demo (``openrc admin demo``), both with the
    ``default`` domain ids, ``access_types_mapping``, the test switches
    and the share network ``ci`` for both. ``manila_exec_dir`` is where
    the ``openstack`` CLI is (the job's tox env's ``bin``).
    ``build_interval`` is the one deliberate change: the fake moves
    statuses at once, so polling more often than manilaclient's 3 s
    only shortens the run.
    """
    demo = openrc(base_url, "demo", "demo")
    admin = openrc(base_url, "admin", "demo")
    values = {
        "username": demo["OS_USERNAME"],
        "tenant_name": demo["OS_PROJECT_NAME"],
        "password": demo["OS_PASSWORD"],
        "auth_url": demo["OS_AUTH_URL"],
        "project_domain_id": demo["OS_PROJECT_DOMAIN_ID"],
        "user_domain_id": demo["OS_USER_DOMAIN_ID"],
        "admin_username": admin["OS_USERNAME"],
        "admin_tenant_name": admin["OS_PROJECT_NAME"],
        "admin_password": admin["OS_PASSWORD"],
        "admin_auth_url": admin["OS_AUTH_URL"],
        "admin_project_domain_id": admin["OS_PROJECT_DOMAIN_ID"],
        "admin_user_domain_id": admin["OS_USER_DOMAIN_ID"],
        "access_types_mapping": "nfs:ip,cifs:user",
        "suppress_errors_in_cleanup": "false",
        "run_migration_tests": "true",
        "run_manage_tests": "true",
        "run_mount_snapshot_tests": "true",
        "run_share_servers_migration_tests": "true",
        "share_network": SHARE_NETWORK,
        "admin_share_network": SHARE_NETWORK,
        "manila_exec_dir": str(exec_dir),
        "build_interval": str(build_interval),
    }
    lines = [
        "# written by tools/run_manilaclient_functional.py",
        "",
        "[DEFAULT]",
    ]
    lines += [f"{key} = {value}" for key, value in values.items()]
    return "\n".join(lines) + "\n"


# --- running the suite -----------------------------------------------------


def stestr(bindir: pathlib.Path, tree: pathlib.Path) -> list[str]:
    """stestr on the OSC tests of the source tree (the job's
    ``OS_TEST_PATH``)."""
    return [
        str(bindir / "stestr"),
        "--test-path",
        str(tree / "manilaclient" / "tests" / "functional" / "osc"),
        "--top-dir",
        str(tree),
    ]


def list_tests(
    bindir: pathlib.Path,
    tree: pathlib.Path,
    run_dir: pathlib.Path,
    env: dict[str, str],
    regex: str,
) -> list[str]:
    """Test ids the regex selects (``stestr list``); makes the stestr
    repository of ``run_dir`` too."""
    run_checked(
        [*stestr(bindir, tree), "init"],
        cwd=run_dir,
        env=env,
        stdout=subprocess.DEVNULL,
    )
    out = subprocess.run(
        [*stestr(bindir, tree), "list", regex],
        cwd=run_dir,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if out.returncode != 0:
        raise HarnessError("stestr list failed:\n" + out.stdout + out.stderr)
    ids = [
        line.strip()
        for line in out.stdout.splitlines()
        if line.startswith(SUITE + ".")
    ]
    if not ids:
        raise HarnessError(f"no test matches {regex!r}")
    return ids


# --- main ------------------------------------------------------------------


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    """Command-line options."""
    parser = argparse.ArgumentParser(
        prog="run_manilaclient_functional",
        description="Run python-manilaclient's functional (OSC) suite "
        "against fake_server and report every failing or skipped test.",
    )
    parser.add_argument(
        "--workdir",
        type=pathlib.Path,
        default=ROOT / ".manilaclient-functional",
        help="where the venv, manilaclient.conf, logs and results go "
        "(.manilaclient-functional/ in the repository)",
    )
    parser.add_argument(
        "--regex",
        default=DEFAULT_REGEX,
        help="tests to run (the whole OSC suite by default)",
    )
    parser.add_argument(
        "--concurrency",
        type=int,
        default=max(2, os.cpu_count() or 2),
        help="stestr workers (the CPUs, 2 at least: the job's default)",
    )
    parser.add_argument(
        "--build-interval",
        type=int,
        default=1,
        help="seconds between the tests' status polls (manilaclient: 3)",
    )
    parser.add_argument(
        "--fake-config",
        type=pathlib.Path,
        default=FAKE_CONFIG,
        help="fake_server TOML (the job's devstack by default)",
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
        default=3 * 3600,
        help="give up (harness error) after this many seconds of tests",
    )
    parser.add_argument(
        "-v", "--verbose", action="store_true", help="show stestr's output"
    )
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    """Install, start, configure, run, report; see the module docstring."""
    args = parse_args(argv)
    try:
        return _run(args, args.workdir.resolve())
    except (HarnessError, subprocess.TimeoutExpired) as exc:
        print(
            f"manilaclient-functional: harness error: {exc}", file=sys.stderr
        )
        return 2


def _run(args: argparse.Namespace, workdir: pathlib.Path) -> int:
    workdir.mkdir(parents=True, exist_ok=True)
    venv = workdir / "venv"
    bindir = ensure_venv(venv, sys.executable)
    tree = source_tree(venv)
    run_dir = workdir / "run"
    if run_dir.exists():
        shutil.rmtree(run_dir)
    (run_dir / "etc").mkdir(parents=True)
    fake = FakeServer(args.fake_config, run_dir / "fake-server.log")
    started = datetime.datetime.now(datetime.UTC)
    base_url = fake.start()
    print(f"manilaclient-functional: fake_server at {base_url}", flush=True)
    try:
        prepare_cloud(bindir, base_url)
        conf = run_dir / "etc" / "manilaclient.conf"
        conf.write_text(
            manilaclient_conf(base_url, bindir, args.build_interval)
        )
        env = client_env(
            bindir,
            {
                "OS_MANILACLIENT_CONFIG_DIR": str(conf.parent),
                "OS_MANILACLIENT_CONFIG_FILE": conf.name,
                "OS_TEST_TIMEOUT": "900",
                # the job's tox env sets it (the tests pass their own
                # --os-share-api-version on each call)
                "OS_SHARE_API_VERSION": "2",
            },
        )
        listed = list_tests(bindir, tree, run_dir, env, args.regex)
        print(
            f"manilaclient-functional: running {len(listed)} tests with "
            f"{args.concurrency} workers",
            flush=True,
        )
        clock = time.monotonic()
        log = run_dir / "stestr-run.log"
        conformance.run_watched(
            [
                *stestr(bindir, tree),
                "run",
                "--concurrency",
                str(args.concurrency),
                args.regex,
            ],
            run_dir,
            env,
            log,
            args.timeout,
            args.verbose,
            "manilaclient-functional",
        )
        elapsed = time.monotonic() - clock
        stream = conformance.last_subunit(bindir, run_dir, env, log)
    finally:
        fake.stop()
    report = conformance.build_report(
        listed, conformance.read_subunit(stream.read_bytes())
    )
    meta = {
        "suite": SUITE,
        "fake_server_commit": conformance.git_commit(),
        "python_manilaclient": conformance.package_version(
            bindir, "python-manilaclient"
        ),
        "python_openstackclient": conformance.package_version(
            bindir, "python-openstackclient"
        ),
        "tempest": conformance.package_version(bindir, "tempest"),
        "fake_config": str(args.fake_config),
        "date": started.isoformat(timespec="seconds"),
        "regex": args.regex,
        "concurrency": args.concurrency,
        "seconds": round(elapsed, 1),
    }
    data = conformance.summary(report, meta)
    out = json.dumps(data, indent=2) + "\n"
    if args.json == "-":
        sys.stdout.write(out)
    else:
        target = pathlib.Path(args.json or workdir / "summary.json")
        target.write_text(out)
        print(f"manilaclient-functional: summary written to {target}")
    counts = data["counts"]
    print(
        f"manilaclient-functional: {counts['total']} tests in "
        f"{elapsed:.0f} s; logs in {run_dir}"
    )
    for cause in data["causes"][:15]:
        print(f"  {cause['count']:5d}  {cause['cause'][:150]}")
    print(
        f"{counts['passed']} passed, {counts['failed']} failed, "
        f"{counts['skipped']} skipped"
    )
    return 0 if counts["failed"] == 0 and counts["passed"] > 0 else 1


if __name__ == "__main__":
    sys.exit(main())
