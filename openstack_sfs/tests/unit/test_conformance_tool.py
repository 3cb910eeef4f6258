"""tools/conformance.py: tempest.conf, result parsing, counting per test."""

from __future__ import annotations

import configparser
import datetime
import io
import pathlib
from typing import Any

import subunit

from fake_server import config as config_mod
from openstack_sfs.tests import base

tool = base.load_tool("conformance.py", "conformance_tool_under_test")

TRACEBACK = """Traceback (most recent call last):
  File "/venv/manila_tempest_tests/tests/api/base.py", line 1383, in setup
    cls.create_user_and_get_client()
  File "/venv/tempest/lib/common/rest_client.py", line 877, in _error_checker
    raise exceptions.NotFound(resp_body, resp=resp)
tempest.lib.exceptions.NotFound: Object not found
Details: {'code': 404, 'message': 'Share 5c3a1f0e-6f53-4d5b-8f0e-2b1d6f1d2a10 \
could not be found.'}
"""

CLS = "manila_tempest_tests.tests.api.test_x.XTest"


class TempestConfTest(base.TestCase):
    def parse(self, job: str) -> configparser.ConfigParser:
        text = tool.tempest_conf(
            "http://127.0.0.1:4242",
            tool.JOBS[job],
            pathlib.Path("/w"),
            1,
        )
        parser = configparser.ConfigParser()
        parser.read_string(text)
        return parser

    def test_identity_and_dynamic_credentials(self) -> None:
        conf = self.parse("dummy-no-dhss")
        self.assertEqual(
            "http://127.0.0.1:4242/identity/v3", conf["identity"]["uri_v3"]
        )
        self.assertEqual("true", conf["auth"]["use_dynamic_credentials"])
        self.assertNotIn("test_accounts_file", conf["auth"])
        self.assertEqual("admin", conf["auth"]["admin_username"])
        self.assertEqual("Default", conf["auth"]["admin_domain_name"])

    def test_no_dhss_job(self) -> None:
        conf = self.parse("dummy-no-dhss")
        share = conf["share"]
        self.assertEqual("false", share["multitenancy_enabled"])
        self.assertEqual("ALPHA,BETA", share["backend_names"])
        self.assertEqual("true", share["run_driver_assisted_backup_tests"])
        self.assertEqual("1", share["build_interval"])
        self.assertNotIn("run_encryption_tests", share)
        available = conf["service_available"]
        self.assertEqual("true", available["manila"])
        for service in ("nova", "neutron", "glance", "cinder", "key"):
            self.assertEqual("false", available[service], service)

    def test_dhss_job(self) -> None:
        conf = self.parse("dummy-dhss")
        self.assertEqual("true", conf["share"]["multitenancy_enabled"])
        self.assertEqual("true", conf["share"]["run_encryption_tests"])
        self.assertEqual("true", conf["service_available"]["key"])
        self.assertEqual("false", conf["service_available"]["neutron"])

    def test_dhss_fake_config_loads(self) -> None:
        path = tool.JOBS["dummy-dhss"].fake_config
        cfg = config_mod.load(str(path))
        self.assertEqual(
            [("alpha", True), ("beta", True)],
            [(b.name, b.driver_handles_share_servers) for b in cfg.backends],
        )
        default = [t for t in cfg.share_types if t.name == "default"][0]
        self.assertEqual(
            "True", default.extra_specs["driver_handles_share_servers"]
        )
        self.assertEqual(50, cfg.quotas["share_networks"])
        self.assertEqual(
            ["manila-zone-0", "manila-zone-1"],
            [b.availability_zone for b in cfg.backends],
        )

    def test_no_dhss_fake_config_is_devstacks(self) -> None:
        cfg = config_mod.load(str(tool.JOBS["dummy-no-dhss"].fake_config))
        self.assertEqual(
            [
                ("alpha", False, "manila-zone-0", "DUMMY_DOMAIN"),
                ("beta", False, "manila-zone-1", "DUMMY_DOMAIN"),
                ("gamma", True, "manila-zone-2", None),
            ],
            [
                (
                    b.name,
                    b.driver_handles_share_servers,
                    b.availability_zone,
                    b.replication_domain,
                )
                for b in cfg.backends
            ],
        )
        self.assertEqual(
            ["fake_pool_for_ALPHA"], [p.name for p in cfg.backends[0].pools]
        )
        types = {t.name: t.extra_specs for t in cfg.share_types}
        self.assertEqual({"default", "dhss_true", "dhss_false"}, set(types))
        self.assertEqual(
            "False", types["default"]["driver_handles_share_servers"]
        )
        self.assertNotIn("replication_type", types["default"])

    def test_no_neutron_in_either_job(self) -> None:
        # devstack-minimal runs no Neutron: standalone network plugin
        for job in tool.JOBS.values():
            self.assertFalse(config_mod.load(str(job.fake_config)).neutron)


class ReasonTest(base.TestCase):
    def test_failure_reason_keeps_exception_and_details(self) -> None:
        reason = tool.failure_reason(TRACEBACK)
        self.assertTrue(
            reason.startswith("tempest.lib.exceptions.NotFound: Object")
        )
        self.assertIn("Details: {'code': 404", reason)
        self.assertNotIn("rest_client.py", reason)

    def test_failure_reason_without_frames(self) -> None:
        self.assertEqual("boom", tool.failure_reason("boom\n"))

    def test_cause_groups_ids_and_numbers(self) -> None:
        other = TRACEBACK.replace(
            "5c3a1f0e-6f53-4d5b-8f0e-2b1d6f1d2a10",
            "0a9b8c7d-6e5f-4a3b-9c1d-0e1f2a3b4c5d",
        )
        first = tool.cause_of("fail", tool.failure_reason(TRACEBACK))
        second = tool.cause_of("fail", tool.failure_reason(other))
        self.assertEqual(first, second)
        self.assertIn("Share ID could not be found", first)
        self.assertNotEqual(first, tool.cause_of("skip", "Object not found"))


class BuildReportTest(base.TestCase):
    def test_class_fixtures_stand_for_their_tests(self) -> None:
        listed = [
            f"{CLS}.test_a[id-1]",
            f"{CLS}.test_b[id-2]",
            "manila_tempest_tests.tests.api.test_y.YTest.test_c[id-3]",
            "manila_tempest_tests.tests.api.test_z.ZTest.test_d[id-4]",
            "manila_tempest_tests.tests.api.test_w.WTest.test_e[id-5]",
        ]
        raw = [
            tool.Outcome(f"setUpClass ({CLS})", "fail", "NotFound: x"),
            tool.Outcome(
                "setUpClass (manila_tempest_tests.tests.api.test_y.YTest)",
                "skip",
                "no replication",
            ),
            tool.Outcome(listed[3], "success"),
            tool.Outcome(
                "tearDownClass (manila_tempest_tests.tests.api.test_z.ZTest)",
                "fail",
                "cleanup failed",
            ),
        ]
        report = tool.build_report(listed, raw)
        self.assertEqual(5, len(report.outcomes))
        self.assertEqual(1, report.count("success"))
        self.assertEqual(3, report.count("fail"))
        self.assertEqual(1, report.count("skip"))
        self.assertEqual("NotFound: x", report.outcomes[listed[0]].reason)
        self.assertEqual(
            "setUpClass skipped: no replication",
            report.outcomes[listed[2]].reason,
        )
        self.assertEqual("fail", report.outcomes[listed[4]].status)
        self.assertIn("no result", report.outcomes[listed[4]].reason)
        self.assertEqual(
            ["tearDownClass (manila_tempest_tests.tests.api.test_z.ZTest)"],
            [o.test_id for o in report.class_errors],
        )

    def test_summary_groups_by_cause(self) -> None:
        listed = [f"{CLS}.test_{n}" for n in "abc"]
        raw = [
            tool.Outcome(listed[0], "fail", "NotFound: share 1 gone"),
            tool.Outcome(listed[1], "fail", "NotFound: share 22 gone"),
            tool.Outcome(listed[2], "skip", "not configured"),
        ]
        data = tool.summary(tool.build_report(listed, raw), {"job": "j"})
        self.assertEqual(
            {"total": 3, "passed": 0, "failed": 2, "skipped": 1},
            data["counts"],
        )
        self.assertEqual("j", data["job"])
        self.assertEqual([2, 1], [cause["count"] for cause in data["causes"]])
        self.assertEqual(
            "fail: NotFound: share N gone", data["causes"][0]["cause"]
        )
        self.assertEqual(3, len(data["tests"]))


class ReadSubunitTest(base.TestCase):
    def test_statuses_and_reasons(self) -> None:
        out = io.BytesIO()
        stream = subunit.StreamResultToBytes(out)
        start = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
        end = start + datetime.timedelta(seconds=2)
        stream.status(
            test_id="t.ok", test_status="inprogress", timestamp=start
        )
        stream.status(test_id="t.ok", test_status="success", timestamp=end)
        stream.status(
            test_id="t.bad",
            file_name="traceback",
            file_bytes=TRACEBACK.encode(),
            mime_type="text/plain;charset=utf8",
        )
        stream.status(test_id="t.bad", test_status="fail")
        stream.status(
            test_id="t.skip",
            file_name="reason",
            file_bytes=b"Replication tests are disabled.",
            mime_type="text/plain;charset=utf8",
        )
        stream.status(test_id="t.skip", test_status="skip")
        outcomes = {o.test_id: o for o in tool.read_subunit(out.getvalue())}
        self.assertEqual({"t.ok", "t.bad", "t.skip"}, set(outcomes))
        self.assertEqual("success", outcomes["t.ok"].status)
        self.assertEqual(2.0, outcomes["t.ok"].seconds)
        self.assertEqual("fail", outcomes["t.bad"].status)
        self.assertIn("NotFound", outcomes["t.bad"].reason)
        self.assertEqual("skip", outcomes["t.skip"].status)
        self.assertEqual(
            "Replication tests are disabled.", outcomes["t.skip"].reason
        )


report = base.load_tool(
    "conformance_report.py", "conformance_report_under_test"
)


class ReportTest(base.TestCase):
    def summary(self) -> dict[str, Any]:
        api = "manila_tempest_tests.tests.api."
        return {
            "job": "manila-tempest-plugin-dummy-no-dhss",
            "fake_server_commit": "0123456789ab",
            "tempest": "47.0.0",
            "manila_tempest_plugin": "3.2.0",
            "regex": "^manila_tempest_tests\\.tests\\.api\\.",
            "date": "2026-12-06T02:00:00+00:00",
            "seconds": 150.2,
            "concurrency": 4,
            "counts": {"total": 4, "passed": 1, "failed": 2, "skipped": 1},
            "tests": [
                {
                    "id": api + "test_x.XTest.test_a[id-1,api]",
                    "status": "fail",
                    "reason": "Unauthorized: The request you have made "
                    "requires authentication.",
                },
                {
                    "id": api + "test_x.XTest.test_b[id-2]",
                    "status": "fail",
                    "reason": "MismatchError: 1 != 2",
                },
                {
                    "id": api + "test_y.YTest.test_c[id-3]",
                    "status": "skip",
                    "reason": "setUpClass skipped: cephfs tests are disabled",
                },
            ],
        }

    def test_every_test_listed_under_a_cause_or_untriaged(self) -> None:
        text = report.render([self.summary()], report.load_causes())
        self.assertIn("     - ``0123456789ab``\n", text)
        self.assertIn("     - 4\n", text)
        self.assertIn("**Cascade: cleanup of an earlier failure", text)
        self.assertIn("- ``test_x.XTest.test_a``", text)
        self.assertIn(
            "**Not triaged yet** — 1: ``MismatchError: 1 != 2``", text
        )
        self.assertIn("- ``test_x.XTest.test_b``", text)
        self.assertIn("**Protocols and access types", text)
        self.assertIn("- ``test_y.YTest.test_c``", text)

    def test_causes_file_is_valid(self) -> None:
        causes = report.load_causes()
        self.assertTrue(causes)
        for cause in causes:
            self.assertIn(cause.status, ("fail", "skip"), cause.title)
            self.assertTrue(cause.patterns, cause.title)
            self.assertTrue(cause.kind, cause.title)
        titles = [c.title for c in causes]
        self.assertEqual(len(titles), len(set(titles)))

    def test_first_matching_cause_wins(self) -> None:
        causes = report.load_causes()
        grouped, untriaged = report.classify(
            [
                {
                    "id": "manila_tempest_tests.tests.api.test_share_"
                    "encryption.ShareEncryptionNFSTest.test_x",
                    "status": "fail",
                    "reason": "EndpointNotFound: No matching service found "
                    "in the catalog.",
                }
            ],
            causes,
        )
        self.assertEqual([], untriaged)
        self.assertEqual(["Share encryption needs Barbican"], list(grouped))
