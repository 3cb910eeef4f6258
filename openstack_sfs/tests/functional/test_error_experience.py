"""What a user sees after the common mistakes.

Each error is openstacksdk's (or keystoneauth's, for authentication)
exception type and carries the message the server gave, so a user can tell
what went wrong without reading HTTP traces.
"""

from __future__ import annotations

import contextlib
import io
import socket

from keystoneauth1 import exceptions as ks_exceptions
from openstack import exceptions

import openstack_sfs
from fake_server import __main__ as fake_main
from openstack_sfs import exceptions as sfs_exceptions
from openstack_sfs.tests import base as tests_base
from openstack_sfs.tests.functional import base

MISSING = "00000000-0000-0000-0000-000000000000"


class TestErrorExperience(base.FunctionalTestCase):
    def shares_as(self, **changes):
        """List shares as ``demo`` with some credentials changed."""
        conn = openstack_sfs.connect(
            **{**self.fake.credentials("demo"), **changes},
            load_yaml_config=False,
            load_envvars=False,
        )
        self.addCleanup(conn.close)
        return list(conn.shared_file_system.shares())

    def available_share(self, sfs=None):
        sfs = sfs or self.sfs
        share = sfs.create_share(size=1, share_protocol="NFS")
        share = sfs.wait_for_status(
            share, "available", failures=["error"], interval=0.02, wait=30
        )
        return share

    def test_wrong_password_says_authentication_is_required(self) -> None:
        error = self.assertRaises(
            ks_exceptions.Unauthorized, self.shares_as, password="wrong"
        )
        # Keystone's body, so keystoneauth shows its message rather than
        # "Unrecognized schema in response body."
        self.assertIn(
            "The request you have made requires authentication.", str(error)
        )
        self.assertEqual(401, error.http_status)

    def test_wrong_project_is_keystones_401(self) -> None:
        error = self.assertRaises(
            ks_exceptions.Unauthorized, self.shares_as, project_name="alt_demo"
        )
        # Keystone raises Unauthorized("User ... has no access to project
        # ...") but, as a SecurityError without insecure_debug, answers
        # with its generic message only
        self.assertIn(
            "The request you have made requires authentication.", str(error)
        )
        self.assertEqual(401, error.http_status)

    def test_unknown_share_is_not_found(self) -> None:
        error = self.assertRaises(
            exceptions.NotFoundException, self.sfs.get_share, MISSING
        )
        self.assertEqual(404, error.status_code)
        # Manila's show answers a bare 404; openstacksdk names the id
        self.assertIn(f"No Share found for {MISSING}", str(error))

    def test_failed_create_says_why(self) -> None:
        # larger than any pool (2000 GiB at most) but within quota (the
        # default type replicates: Manila counts replica gigabytes too)
        self.admin_sfs.update_quota_set(
            self.fake.project_id("demo"),
            gigabytes=10000,
            replica_gigabytes=10000,
        )
        share = self.sfs.create_share(size=5000, share_protocol="NFS")
        self.addCleanup(self.sfs.delete_share, share)
        error = self.assertRaises(
            sfs_exceptions.ResourceFailure,
            self.sfs.wait_for_status,
            share,
            "available",
            interval=0.02,
            wait=30,
        )
        self.assertIn("reached failure status 'error'", str(error))
        self.assertIn(
            ": allocate host: No storage could be allocated for this share "
            "request",
            str(error),
        )
        assert error.user_message is not None
        self.assertEqual(share.id, error.user_message.resource_id)

    def test_typo_names_the_nearest_argument(self) -> None:
        share = self.available_share()
        error = self.assertRaises(
            TypeError,
            self.sfs.create_access_rule,
            share,
            access_type="ip",
            access_to="10.0.0.0/24",
            access_levl="ro",
        )
        self.assertIn("Did you mean 'access_level'?", str(error))
        self.assertEqual([], list(self.sfs.access_rules(share)))

    def test_size_zero_is_refused_in_manilas_words(self) -> None:
        # the SDK checks before sending, with Manila's message
        error = self.assertRaises(
            ValueError,
            self.sfs.create_share,
            size=0,
            share_protocol="NFS",
        )
        self.assertIn(
            "Share size '0' must be an integer and greater than 0",
            str(error),
        )
        self.assertEqual([], list(self.sfs.shares()))

    def test_newer_call_on_older_configured_microversion(self) -> None:
        old = self.fake.connect(
            "demo", shared_file_system_api_version="2.50"
        ).shared_file_system
        share = self.available_share(old)
        error = self.assertRaises(
            exceptions.NotSupported, old.soft_delete_share, share
        )
        self.assertIn("microversion 2.69", str(error))
        error = self.assertRaises(
            exceptions.NotSupported, lambda: list(old.resource_locks())
        )
        self.assertIn("microversion 2.81", str(error))
        # refused before any request: the share was not soft-deleted
        self.assertFalse(self.sfs.get_share(share.id).is_soft_deleted)

    def test_waiting_on_a_share_that_fails(self) -> None:
        for backend in ("alpha", "beta"):
            self.fake.control(
                "PATCH",
                f"/backends/{backend}",
                {"failures": {"create_share": -1}},
            )
        share = self.sfs.create_share(size=1, share_protocol="NFS")
        error = self.assertRaises(
            sfs_exceptions.ResourceFailure,
            self.sfs.wait_for_status,
            share,
            "available",
            failures=["error"],
            interval=0.02,
            wait=30,
        )
        self.assertIn(share.id, str(error))
        self.assertIn("'error'", str(error))

    def test_deleting_a_share_with_snapshots(self) -> None:
        share = self.available_share()
        snapshot = self.sfs.create_share_snapshot(share_id=share.id)
        self.sfs.wait_for_status(
            snapshot, "available", failures=["error"], interval=0.02, wait=30
        )
        error = self.assertRaises(
            exceptions.ForbiddenException, self.sfs.delete_share, share
        )
        self.assertIn("Share still has 1 dependent snapshots", str(error))
        self.assertEqual("available", self.sfs.get_share(share.id).status)


class TestBusyPort(tests_base.TestCase):
    def test_busy_port_is_a_usage_error_not_a_traceback(self) -> None:
        busy = socket.socket()
        self.addCleanup(busy.close)
        busy.bind(("127.0.0.1", 0))
        busy.listen(1)
        port = busy.getsockname()[1]
        stderr = io.StringIO()
        with contextlib.redirect_stderr(stderr):
            error = self.assertRaises(
                SystemExit, fake_main.main, ["--port", str(port)]
            )
        self.assertEqual(2, error.code)
        self.assertIn(f"cannot listen on 127.0.0.1:{port}", stderr.getvalue())
        self.assertIn("--port", stderr.getvalue())
        self.assertNotIn("Traceback", stderr.getvalue())
