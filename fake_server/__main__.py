"""``python -m fake_server``: run the fake Manila in the foreground."""

from __future__ import annotations

import argparse
import logging
import sys

import yaml

from fake_server import config as config_mod
from fake_server.server import FakeManilaServer

CLOUDS = {
    "fake-admin": "admin",
    "fake-demo": "demo",
    "fake-alt-demo": "alt_demo",
}


def clouds_yaml(base_url: str, region: str) -> str:
    """A clouds.yaml with clouds fake-admin, fake-demo, fake-alt-demo."""
    clouds = {
        name: {
            "auth": {
                "auth_url": f"{base_url}/identity/v3",
                "username": user,
                "password": "password",
                "project_name": user,
                "user_domain_name": "Default",
                "project_domain_name": "Default",
            },
            "region_name": region,
            "identity_api_version": 3,
        }
        for name, user in CLOUDS.items()
    }
    return str(yaml.safe_dump({"clouds": clouds}, sort_keys=False))


def main(argv: list[str] | None = None) -> int:
    """Parse arguments, start the server, serve until interrupted."""
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
        "--clouds-yaml",
        metavar="PATH",
        help="write a clouds.yaml for this server to PATH",
    )
    parser.add_argument("--debug", action="store_true", help="debug logging")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.DEBUG if args.debug else logging.INFO)
    try:
        config = config_mod.load(args.config)
    except (OSError, ValueError) as exc:
        parser.error(str(exc))
    try:
        server = FakeManilaServer(config, host=args.host, port=args.port)
    except OSError as exc:
        parser.error(
            f"cannot listen on {args.host}:{args.port}: {exc.strerror or exc}"
            " (is another server running there? pick one with --port)"
        )
    base = server.base_url
    snippet = clouds_yaml(base, config.region)
    if args.clouds_yaml:
        with open(args.clouds_yaml, "w", encoding="utf-8") as handle:
            handle.write(snippet)
    print(f"fake Manila serving on {base}")
    print(f"  Keystone (auth URL): {base}/identity/v3")
    print(f"  Manila:              {base}/v2")
    print("  users admin, demo, alt_demo; password 'password'")
    token = server.cloud.control_token
    print(f"  control token:       {token} (header X-Fake-Control-Token)")
    print(f"  web console:         {base}/_console/?token={token}")
    print("clouds.yaml:\n" + snippet, flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
