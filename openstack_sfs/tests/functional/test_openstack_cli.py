"""The ``openstack share ...`` CLI against fake_server.

python-openstackclient with python-manilaclient's OSC plugin runs
in-process (``openstackclient.shell.main``), which is about fifty times
faster than a subprocess (20 to 150 ms against 0.8 s a command). Each
command sees only ``OS_*`` variables pointing at the fixture: every other
``OS_*`` variable (``OS_CLOUD`` too) is removed, and ``OS_CLIENT_CONFIG_FILE``
and ``OS_CLIENT_SECURE_FILE`` name empty files, so no clouds.yaml of the
user is read. What the CLI changes in the process (root logging handlers,
logger levels, warning filters) is put back after every command.

One trap of running OSC in-process: OSC caches each plugin's client (the
``share`` client of manilaclient included) on the ``ClientManager`` class,
in ``osc_lib.clientmanager.ClientCache`` descriptors, so a second command in
the same process would reuse the first one's session, user and endpoint.
:func:`_forget_clients` drops those cached clients around every command;
``test_user_switch`` proves that it works.

``--wait`` is not used: OSC polls every 5 s. The tests wait on the fixture
(``self.fake.wait_idle()``) between commands instead.
"""

from __future__ import annotations

import contextlib
import io
import json
import logging
import warnings
from typing import Any

import fixtures
from openstackclient import shell
from osc_lib import clientmanager

from openstack_sfs.tests.functional import base
from openstack_sfs.tests.functional.test_openstacksdk_client import (
    CleanOsEnviron,
)


def _logging_state() -> dict[str, tuple[Any, ...]]:
    loggers: dict[str, Any] = {"": logging.getLogger()}
    for name, logger in logging.Logger.manager.loggerDict.items():
        if isinstance(logger, logging.Logger):
            loggers[name] = logger
    return {
        name: (
            logger.level,
            list(logger.handlers),
            logger.propagate,
            logger.disabled,
        )
        for name, logger in loggers.items()
    }


def _restore_logging(state: dict[str, tuple[Any, ...]]) -> None:
    current = _logging_state()
    for name in current:
        logger = logging.getLogger(name) if name else logging.getLogger()
        level, handlers, propagate, disabled = state.get(
            name, (logging.NOTSET, [], True, False)
        )
        logger.setLevel(level)
        logger.handlers[:] = handlers
        logger.propagate = propagate
        logger.disabled = disabled


def _forget_clients() -> None:
    for value in vars(clientmanager.ClientManager).values():
        if isinstance(value, clientmanager.ClientCache):
            value._handle = None


class CliResult:
    """What one CLI command gave.

    :param code: The exit code.
    :param out: Standard output.
    :param err: Standard error.
    """

    def __init__(self, code: int, out: str, err: str) -> None:
        self.code = code
        self.out = out
        self.err = err

    def json(self) -> Any:
        """Standard output parsed as JSON (``-f json``).

        :returns: The parsed document.
        """
        return json.loads(self.out)


class CliTestCase(base.FunctionalTestCase):
    """Base: :meth:`cli` runs ``openstack ...`` in-process as a user."""

    def setUp(self) -> None:
        super().setUp()
        self.useFixture(CleanOsEnviron())

    def cli(
        self, user: str, *args: str, code: int = 0, version: str | None = None
    ) -> CliResult:
        """Run ``openstack <args>`` as ``user``; check the exit code.

        :param user: ``demo``, ``alt_demo`` or ``admin``.
        :param args: The command line after ``openstack``.
        :param code: The expected exit code.
        :param version: ``OS_SHARE_API_VERSION``, if any.
        :returns: A :class:`CliResult`.
        """
        creds = self.fake.credentials(user)
        env = {
            "OS_AUTH_URL": creds["auth_url"],
            "OS_USERNAME": user,
            "OS_PASSWORD": creds["password"],
            "OS_PROJECT_NAME": creds["project_name"],
            "OS_USER_DOMAIN_NAME": "Default",
            "OS_PROJECT_DOMAIN_NAME": "Default",
            "OS_REGION_NAME": creds["region_name"],
            "OS_IDENTITY_API_VERSION": "3",
            "OS_SHARE_API_VERSION": version,
        }
        out, err = io.StringIO(), io.StringIO()
        state = _logging_state()
        with contextlib.ExitStack() as stack:
            for key, value in env.items():
                stack.enter_context(fixtures.EnvironmentVariable(key, value))
            stack.enter_context(warnings.catch_warnings())
            stack.enter_context(contextlib.redirect_stdout(out))
            stack.enter_context(contextlib.redirect_stderr(err))
            _forget_clients()
            try:
                result = shell.main(list(args))
            except SystemExit as exc:  # argparse errors
                result = int(exc.code or 0)
            finally:
                _forget_clients()
                _restore_logging(state)
        done = CliResult(result, out.getvalue(), err.getvalue())
        self.assertEqual(
            code, done.code, f"openstack {' '.join(args)}: {done.err}"
        )
        return done

    def _cleanup_share(self, share_id: str) -> None:
        try:
            self.admin_sfs.delete_share(share_id)
        except Exception:  # noqa: S110 - best effort, already gone is fine
            pass


class TestOpenstackShareCli(CliTestCase):
    """``openstack share ...`` commands as demo and admin."""

    # -- shares, access, export locations --------------------------------

    def test_share_workflow(self) -> None:
        created = self.cli(
            "demo",
            "share",
            "create",
            "NFS",
            "1",
            "--name",
            "cli-share",
            "--description",
            "d",
            "--property",
            "k=v",
            "-f",
            "json",
        ).json()
        self.addCleanup(self._cleanup_share, created["id"])
        self.assertIn(created["status"], ("creating", "available"))
        # not --wait: OSC polls every 5 s; the fixture knows when it is done
        self.assertTrue(self.fake.wait_idle())
        self.assertEqual(
            ("cli-share", 1, "NFS"),
            (created["name"], created["size"], created["share_proto"]),
        )

        listed = self.cli("demo", "share", "list", "-f", "json").json()
        self.assertEqual(
            [(created["id"], "cli-share", "available")],
            [(s["ID"], s["Name"], s["Status"]) for s in listed],
        )

        shown = self.cli(
            "demo", "share", "show", "cli-share", "-f", "json"
        ).json()
        self.assertEqual("available", shown["status"])
        self.assertEqual("d", shown["description"])
        self.assertEqual("nova", shown["availability_zone"])
        self.assertEqual({"k": "v"}, shown["properties"])
        self.assertTrue(shown["export_locations"])

        rule = self.cli(
            "demo",
            "share",
            "access",
            "create",
            "cli-share",
            "ip",
            "10.0.0.0/24",
            "-f",
            "json",
        ).json()
        self.assertEqual(
            ("ip", "10.0.0.0/24", "rw"),
            (rule["access_type"], rule["access_to"], rule["access_level"]),
        )
        self.assertTrue(self.fake.wait_idle())
        rules = self.cli(
            "demo", "share", "access", "list", "cli-share", "-f", "json"
        ).json()
        self.assertEqual(
            [(rule["id"], "10.0.0.0/24", "active")],
            [(r["ID"], r["Access To"], r["State"]) for r in rules],
        )

        locations = self.cli(
            "demo",
            "share",
            "export",
            "location",
            "list",
            "cli-share",
            "-f",
            "json",
        ).json()
        self.assertGreaterEqual(len(locations), 1)
        self.assertTrue(any(el["Preferred"] for el in locations))
        self.assertTrue(all(el["Path"] for el in locations))

        self.cli("demo", "share", "delete", "cli-share")
        self.assertTrue(self.fake.wait_idle())
        self.assertEqual(
            [], self.cli("demo", "share", "list", "-f", "json").json()
        )

    def test_errors(self) -> None:
        missing = self.cli("demo", "share", "show", "nope", code=1)
        self.assertIn(
            "No share with a name or ID of 'nope' exists.", missing.err
        )
        # another project's share is not found either (tenant isolation)
        theirs = self.alt.shared_file_system.create_share(
            share_protocol="NFS", size=1, name="theirs"
        )
        self.addCleanup(self._cleanup_share, theirs.id)
        self.cli("demo", "share", "show", theirs.id, code=1)
        bad = self.cli("demo", "share", "create", "NFS", "0", code=1)
        self.assertIn("HTTP 400", bad.err)

    def test_user_switch(self) -> None:
        """Each command authenticates as its own user (no cached client)."""
        share = self.sfs.create_share(
            share_protocol="NFS", size=1, name="demo-only"
        )
        self.addCleanup(self._cleanup_share, share.id)
        as_demo = self.cli("demo", "share", "list", "-f", "json").json()
        self.assertEqual(["demo-only"], [s["Name"] for s in as_demo])
        self.assertEqual(
            [], self.cli("alt_demo", "share", "list", "-f", "json").json()
        )
        as_admin = self.cli(
            "admin", "share", "list", "--all-projects", "-f", "json"
        ).json()
        self.assertEqual([share.id], [s["ID"] for s in as_admin])

    def test_catalog_and_admin_listings(self) -> None:
        types = self.cli("demo", "share", "type", "list", "-f", "json").json()
        names = {t["Name"] for t in types}
        self.assertLessEqual({"default", "dhss_false", "dhss_true"}, names)
        default = [t for t in types if t["Name"] == "default"]
        self.assertEqual("public", default[0]["Visibility"])
        self.assertIs(True, default[0]["Is Default"])

        zones = self.cli(
            "demo", "availability", "zone", "list", "--share", "-f", "json"
        ).json()
        self.assertEqual(
            [("nova", "available")],
            [(z["Zone Name"], z["Zone Status"]) for z in zones],
        )

        services = self.cli(
            "admin", "share", "service", "list", "-f", "json"
        ).json()
        hosts = {(s["Binary"], s["Host"]) for s in services}
        self.assertIn(("manila-share", "fakehost@alpha"), hosts)
        self.assertIn(("manila-scheduler", "fakehost"), hosts)
        self.assertTrue(all(s["State"] == "up" for s in services))
        denied = self.cli("demo", "share", "service", "list", code=1)
        self.assertIn("HTTP 403", denied.err)

        pools = self.cli("admin", "share", "pool", "list", "-f", "json").json()
        self.assertTrue(pools)
        self.assertTrue(all(p["Name"].startswith("fakehost@") for p in pools))
        self.assertIn("alpha", {p["Backend"] for p in pools})

    def test_snapshot_resize_quota_limits(self) -> None:
        share = self.sfs.create_share(
            share_protocol="NFS", size=1, name="base"
        )
        self.addCleanup(self._cleanup_share, share.id)
        self.assertTrue(self.fake.wait_idle())

        snap = self.cli(
            "demo",
            "share",
            "snapshot",
            "create",
            "base",
            "--name",
            "snap",
            "-f",
            "json",
        ).json()
        self.assertTrue(self.fake.wait_idle())
        snaps = self.cli(
            "demo", "share", "snapshot", "list", "--detail", "-f", "json"
        ).json()
        self.assertEqual(
            [(snap["id"], "snap", "available")],
            [(x["ID"], x["Name"], x["Status"]) for x in snaps],
        )
        self.cli("demo", "share", "snapshot", "delete", "snap")
        self.assertTrue(self.fake.wait_idle())

        self.cli("demo", "share", "resize", "base", "2")
        self.assertTrue(self.fake.wait_idle())
        self.assertEqual(2, self.sfs.get_share(share.id).size)

        quota = self.cli(
            "demo",
            "share",
            "quota",
            "show",
            self.fake.project_id("demo"),
            "-f",
            "json",
        ).json()
        self.assertEqual((50, 1000), (quota["shares"], quota["gigabytes"]))
        limits = self.cli(
            "demo", "share", "limits", "show", "--absolute", "-f", "json"
        ).json()
        absolute = {x["Name"]: x["Value"] for x in limits}
        self.assertEqual(
            (50, 1, 2),
            (
                absolute["maxTotalShares"],
                absolute["totalSharesUsed"],
                absolute["totalShareGigabytesUsed"],
            ),
        )

    def test_messages_and_ensure_shares(self) -> None:
        for backend in ("alpha", "beta"):
            self.fake.control(
                "PATCH",
                f"backends/{backend}",
                {"failures": {"create_share": -1}},
            )
        share = self.sfs.create_share(share_protocol="NFS", size=1)
        self.addCleanup(self._cleanup_share, share.id)
        self.assertTrue(self.fake.wait_idle())
        messages = self.cli(
            "demo", "share", "message", "list", "-f", "json"
        ).json()
        self.assertEqual(
            [(share.id, "SHARE", "002", "001")],
            [
                (
                    m["Resource ID"],
                    m["Resource Type"],
                    m["Action ID"],
                    m["Detail ID"],
                )
                for m in messages
            ],
        )
        self.assertEqual(
            "create: An unknown error occurred.", messages[0]["User Message"]
        )

        # manilaclient posts {"host": ...}; Manila 23 wants
        # {"ensure_shares": {"host": ...}} and answers 400 (inventory 5)
        ensure = self.cli(
            "admin",
            "share",
            "service",
            "ensure",
            "shares",
            "fakehost@alpha",
            code=1,
        )
        self.assertIn("'ensure_shares' is a required property", ensure.err)
        self.assertIn("HTTP 400", ensure.err)
