"""``python -m fake_server``: run the fake Manila in the foreground."""

from __future__ import annotations

import argparse
import logging
import os
import signal
import sys
from typing import NoReturn, TextIO

import yaml

import fake_server
from fake_server import config as config_mod
from fake_server import microversion, request_log
from fake_server.guard import is_loopback
from fake_server.persistence import StateFileError
from fake_server.server import FakeManilaServer


def cloud_name(user: str) -> str:
    """The clouds.yaml name for a user: ``fake-`` and the name, ``-`` for
    ``_`` (``alt_demo`` -> ``fake-alt-demo``).
    """
    return "fake-" + user.replace("_", "-")


def clouds_yaml(base_url: str, config: config_mod.Config) -> str:
    """A clouds.yaml with one cloud per configured user (``fake-admin``,
    ``fake-demo`` and ``fake-alt-demo`` with the default users).
    """
    auth_url = f"{base_url}/identity/v3"
    clouds = {
        cloud_name(user.name): {
            "auth": config.auth(user.name, auth_url),
            "region_name": config.region,
            "identity_api_version": 3,
        }
        for user in config.users
    }
    return str(yaml.safe_dump({"clouds": clouds}, sort_keys=False))


def _write_clouds_yaml(path: str, text: str) -> str:
    """Write ``text`` to ``path`` (``path/clouds.yaml`` for a directory).

    :returns: The absolute path written.
    """
    if os.path.isdir(path):
        path = os.path.join(path, "clouds.yaml")
    path = os.path.abspath(path)
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(text)
    return path


def _version() -> str:
    import openstack_sfs

    return (
        f"%(prog)s {fake_server.__version__} (Manila API "
        f"{microversion.MIN}-{microversion.MAX}; openstack_sfs "
        f"{openstack_sfs.__version__})"
    )


def _say(message: str) -> None:
    print(f"fake-manila: error: {message}", file=sys.stderr, flush=True)


def _fail(message: str) -> NoReturn:
    """Print a one-line error and exit with status 2 (a usage error)."""
    _say(message)
    raise SystemExit(2)


def _exposure_warning(host: str, port: int) -> str:
    return (
        f"WARNING: listening on {host}:{port}, reachable from other "
        "machines: the fake Keystone (every user's password is "
        "'password'), the Manila API and the /_fake control API (reset, "
        "state, failure injection; it needs the control token or an "
        "admin token) are exposed to anyone who can reach this address."
    )


def main(argv: list[str] | None = None) -> int:
    """Parse arguments, start the server, serve until SIGINT or SIGTERM.

    :returns: 0 after a clean shutdown.
    :raises SystemExit: 2 for bad arguments, a bad configuration, an
        unusable state file or a busy port (after a one-line message).
    """
    parser = argparse.ArgumentParser(
        prog="fake-manila",
        description="A faithful fake OpenStack Manila (and Keystone).",
    )
    parser.add_argument(
        "--host", default="127.0.0.1", help="address to listen on"
    )
    parser.add_argument(
        "--port", type=int, default=8786, help="port to listen on (8786)"
    )
    parser.add_argument("--config", help="TOML configuration file")
    parser.add_argument(
        "--state-file",
        metavar="PATH",
        help="keep the cloud in this SQLite file (every acknowledged "
        "change is on disk before the response)",
    )
    parser.add_argument(
        "--allow-remote",
        action="store_true",
        help="allow listening on a non-loopback address (exposes the "
        "cloud and its control API to the network)",
    )
    parser.add_argument(
        "--clouds-yaml",
        metavar="PATH",
        help="write a clouds.yaml for this server to PATH (a file, or a"
        " directory to write clouds.yaml in)",
    )
    parser.add_argument(
        "--access-log",
        metavar="PATH",
        nargs="?",
        const="-",
        help="log one line per request (time, method, path, status,"
        " microversion, duration) to PATH, or to stderr without one",
    )
    parser.add_argument("--debug", action="store_true", help="debug logging")
    parser.add_argument("--version", action="version", version=_version())
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.DEBUG if args.debug else logging.INFO)
    try:
        config = config_mod.load(args.config)
    except OSError as exc:
        _fail(f"cannot read {args.config}: {exc.strerror or exc}")
    except config_mod.ConfigError as exc:
        for problem in exc.problems:
            _say(problem)
        raise SystemExit(2) from None
    if args.state_file:
        config.state_file = args.state_file
    allow_remote = args.allow_remote or config.allow_remote
    if not is_loopback(args.host) and not allow_remote:
        _fail(
            f"refusing to listen on {args.host}, which other machines can "
            "reach; pass --allow-remote to expose the fake cloud"
        )
    try:
        server = FakeManilaServer(config, host=args.host, port=args.port)
    except StateFileError as exc:
        _fail(str(exc))
    except OSError as exc:
        _fail(
            f"cannot listen on {args.host}:{args.port}: {exc.strerror or exc}"
            " (is another server running there? pick one with --port)"
        )
    if not is_loopback(args.host):
        print(_exposure_warning(args.host, server.port), file=sys.stderr)
    base = server.base_url
    snippet = clouds_yaml(base, config)
    written = None
    if args.clouds_yaml:
        try:
            written = _write_clouds_yaml(args.clouds_yaml, snippet)
        except OSError as exc:
            server.stop()
            _fail(f"cannot write {args.clouds_yaml}: {exc.strerror or exc}")
    log: TextIO | None = None
    if args.access_log:
        log = (
            sys.stderr
            if args.access_log == "-"
            else open(args.access_log, "a", encoding="utf-8")
        )
        out = log

        def write_line(entry: request_log.RequestEntry) -> None:
            out.write(request_log.access_line(entry) + "\n")
            out.flush()

        server.cloud.requests.subscribe(write_line)
    print(f"fake Manila serving on {base}")
    print(f"  Keystone (auth URL): {base}/identity/v3")
    print(f"  Manila:              {base}/v2")
    for user in config.users:
        print(
            f"  cloud {cloud_name(user.name)}: user {user.name}, password"
            f" {user.password!r}, project {user.project or user.name},"
            f" roles {', '.join(user.roles)}"
        )
    token = server.cloud.control_token
    print(f"  control API:         {base}/_fake")
    print(f"  control token:       {token} (header X-Auth-Token)")
    print(f"  web console:         {base}/_console/?token={token}")
    if config.state_file:
        print(f"  state file:          {config.state_file}")
    if written:
        print(f"clouds.yaml written to {written}; use it with")
        print(f"  export OS_CLIENT_CONFIG_FILE={written}")
        first = cloud_name(config.users[0].name) if config.users else ""
        print(f"  openstack --os-cloud {first} share list", flush=True)
    else:
        print(
            "clouds.yaml (not written; --clouds-yaml PATH writes it):\n"
            + snippet,
            flush=True,
        )

    def terminate(signum: int, frame: object) -> None:
        raise SystemExit(0)  # waitress's loop ends; serve_forever cleans up

    signal.signal(signal.SIGTERM, terminate)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        if log is not None and log is not sys.stderr:
            log.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
