"""Services, availability zones and pools of the fake server, in-process.

Requests go through the WSGI app (falcon's test client, no sockets), so
routes, microversions, views and faults are all exercised.
"""

from __future__ import annotations

import json
from typing import Any

import falcon.testing
import fixtures
import testtools

from fake_server import config
from fake_server.app import build_app
from fake_server.cloud import Cloud
from fake_server.share_api import shares as shares_api
from openstack_sfs.tests.unit.fake_server.test_core import password_body
from openstack_sfs.tests.unit.fake_server.test_ensure_shares import (
    context_for,
)

ALPHA = "fakehost@alpha"


class AppTestCase(testtools.TestCase):
    """A manual-progression cloud and a client for its API."""

    fake_config: dict[str, Any] = {"server": {"progression": "manual"}}

    def setUp(self) -> None:
        super().setUp()
        self.useFixture(fixtures.Timeout(60, gentle=True))
        self.cloud = Cloud(config.from_dict(self.fake_config))
        self.addCleanup(self.cloud.close)
        self.client = falcon.testing.TestClient(build_app(self.cloud))
        self.tokens = {user: self._token(user) for user in ("admin", "demo")}

    def _token(self, user: str) -> str:
        body = password_body(user)
        return self.cloud.identity.authenticate(body).token_id

    def call(
        self,
        method: str,
        path: str,
        version: str = "2.99",
        body: Any = None,
        user: str = "admin",
        query: str = "",
    ) -> tuple[int, Any]:
        result = self.client.simulate_request(
            method,
            "/v2" + path,
            headers={
                "X-Auth-Token": self.tokens[user],
                "X-OpenStack-Manila-API-Version": version,
                "Content-Type": "application/json",
            },
            body=json.dumps(body) if body is not None else None,
            query_string=query,
        )
        return result.status_code, result.json if result.content else None

    def services(self, query: str = "", version: str = "2.99") -> Any:
        status, body = self.call("GET", "/services", version, query=query)
        self.assertEqual(200, status)
        return body["services"]


class TestServiceList(AppTestCase):
    def test_fields_per_microversion(self) -> None:
        base = {
            "id",
            "binary",
            "host",
            "zone",
            "status",
            "state",
            "updated_at",
        }
        status, body = self.call("GET", "/os-services", "2.6")
        self.assertEqual(200, status)
        self.assertEqual(base, set(body["services"][0]))
        self.assertEqual(base, set(self.services(version="2.82")[0]))
        self.assertEqual(
            base | {"disabled_reason"}, set(self.services(version="2.85")[0])
        )
        services = self.services(version="2.86")
        self.assertEqual(
            base | {"disabled_reason", "ensuring"}, set(services[0])
        )
        share = [s for s in services if s["host"] == ALPHA][0]
        self.assertEqual(
            {
                "binary": "manila-share",
                "zone": "nova",
                "status": "enabled",
                "state": "up",
                "disabled_reason": None,
                "ensuring": False,
            },
            {
                k: share[k]
                for k in (
                    "binary",
                    "zone",
                    "status",
                    "state",
                    "disabled_reason",
                    "ensuring",
                )
            },
        )
        self.assertIsInstance(share["id"], int)
        self.assertEqual(
            [
                "manila-share",
                "manila-share",
                "manila-share",
                "manila-scheduler",
                "manila-data",
            ],
            [s["binary"] for s in services],
        )

    def test_listed_in_devstacks_start_order(self) -> None:
        # devstack starts m-shr, then m-sch, then m-dat, and Manila lists
        # services by database id: the first one listed is a manila-share
        # service, whose host@backend no other service shares
        # (python-manilaclient's ShareServicesTestCase filters on it)
        services = self.services()
        first = services[0]
        self.assertEqual(
            ("manila-share", ALPHA), (first["binary"], first["host"])
        )
        self.assertEqual(
            ["manila-scheduler", "manila-data"],
            [s["binary"] for s in services[-2:]],
        )
        query = f"host={first['host']}&status=enabled&state=up"
        self.assertEqual(
            [first["id"]], [s["id"] for s in self.services(query)]
        )

    def test_paths_per_microversion(self) -> None:
        self.assertEqual(404, self.call("GET", "/os-services", "2.7")[0])
        self.assertEqual(404, self.call("GET", "/services", "2.6")[0])

    def test_admin_only(self) -> None:
        status, body = self.call("GET", "/services", user="demo")
        self.assertEqual(403, status)
        self.assertEqual(
            "Access was denied to this resource.", body["forbidden"]["message"]
        )

    def test_filters(self) -> None:
        hosts = [s["host"] for s in self.services("binary=manila-share")]
        self.assertEqual(
            ["fakehost@alpha", "fakehost@beta", "fakehost@gamma"], hosts
        )
        self.assertEqual(
            ["manila-share"],
            [s["binary"] for s in self.services("host=fakehost@alpha")],
        )
        self.assertEqual(5, len(self.services("zone=nova")))
        self.assertEqual([], self.services("zone=nowhere"))
        self.assertEqual(5, len(self.services("state=up")))
        self.assertEqual([], self.services("state=down"))
        self.assertEqual(5, len(self.services("status=enabled")))
        self.assertEqual([], self.services("status=disabled"))
        # invalid status: an empty list, not 400
        self.assertEqual([], self.services("status=bogus"))
        # unknown keys are ignored
        self.assertEqual(5, len(self.services("foo=bar")))

    def test_ensuring_filter_only_from_2_93(self) -> None:
        record = self.cloud.service_record(ALPHA)
        assert record is not None
        self.cloud.store.update("services", record["id"], ensuring=True)
        self.assertEqual(5, len(self.services("ensuring=true", "2.92")))
        found = self.services("ensuring=true", "2.93")
        self.assertEqual([ALPHA], [s["host"] for s in found])
        self.assertEqual(4, len(self.services("ensuring=false", "2.93")))
        # an invalid value gives an empty list, not 400
        self.assertEqual([], self.services("ensuring=maybe", "2.93"))

    def test_stopped_backend_goes_down_after_service_down_time(
        self,
    ) -> None:
        manager = self.cloud.managers[ALPHA]
        manager.stop()
        # within service_down_time (60 s) it is still up
        self.assertEqual("up", self.services(f"host={ALPHA}")[0]["state"])
        self.cloud.config.service_down_time = -1
        found = self.services("state=down")
        self.assertEqual([ALPHA], [s["host"] for s in found])
        manager.start()
        self.assertEqual("up", self.services(f"host={ALPHA}")[0]["state"])


class TestEnableDisable(AppTestCase):
    def body(self, **extra: Any) -> dict[str, Any]:
        return dict({"host": ALPHA, "binary": "manila-share"}, **extra)

    def test_disable_and_enable_at_2_83(self) -> None:
        status, body = self.call(
            "PUT",
            "/services/disable",
            "2.86",
            self.body(disabled_reason="  maintenance  "),
        )
        self.assertEqual(200, status)
        self.assertEqual(
            {
                "host": ALPHA,
                "binary": "manila-share",
                "status": "disabled",
                "disabled_reason": "maintenance",
                "ensuring": None,
            },
            body,
        )
        listed = self.services(f"host={ALPHA}")[0]
        self.assertEqual(
            ("disabled", "maintenance"),
            (listed["status"], listed["disabled_reason"]),
        )
        status, body = self.call(
            "PUT", "/services/enable", "2.83", self.body()
        )
        self.assertEqual(
            {
                "host": ALPHA,
                "binary": "manila-share",
                "status": "enabled",
                "disabled_reason": None,
            },
            body,
        )
        listed = self.services(f"host={ALPHA}")[0]
        self.assertEqual(
            ("enabled", None), (listed["status"], listed["disabled_reason"])
        )

    def test_before_2_83(self) -> None:
        status, body = self.call(
            "PUT",
            "/services/disable",
            "2.82",
            self.body(disabled_reason="x"),
        )
        self.assertEqual(400, status)
        self.assertIn(
            "'disabled_reason' option is not supported",
            body["badRequest"]["message"],
        )
        self.assertEqual(
            "enabled", self.services(f"host={ALPHA}")[0]["status"]
        )
        status, body = self.call(
            "PUT", "/services/disable", "2.7", self.body()
        )
        self.assertEqual(
            {"host": ALPHA, "binary": "manila-share", "status": "disabled"},
            body,
        )
        status, body = self.call(
            "PUT", "/os-services/enable", "2.6", self.body()
        )
        self.assertEqual(200, status)
        self.assertEqual("enabled", body["status"])

    def test_enable_below_2_83_keeps_the_reason(self) -> None:
        self.call(
            "PUT",
            "/services/disable",
            "2.83",
            self.body(disabled_reason="why"),
        )
        self.call("PUT", "/services/enable", "2.82", self.body())
        listed = self.services(f"host={ALPHA}")[0]
        self.assertEqual(
            ("enabled", "why"), (listed["status"], listed["disabled_reason"])
        )

    def test_errors(self) -> None:
        status, body = self.call(
            "PUT",
            "/services/enable",
            body={"host": "nohost", "binary": "manila-share"},
        )
        self.assertEqual(404, status)
        self.assertEqual(
            "HostBinaryNotFound: Could not find binary manila-share on "
            "host nohost.",
            body["itemNotFound"]["message"],
        )
        status, body = self.call(
            "PUT", "/services/enable", body={"host": ALPHA}
        )
        self.assertEqual(400, status)
        self.assertIn("malformed", body["badRequest"]["message"])
        status, _ = self.call("PUT", "/services/restart", body=self.body())
        self.assertEqual(404, status)
        status, _ = self.call(
            "PUT",
            "/services/disable",
            body=self.body(disabled_reason="x" * 256),
        )
        self.assertEqual(400, status)
        status, _ = self.call(
            "PUT", "/services/disable", body=self.body(disabled_reason="   ")
        )
        self.assertEqual(400, status)
        status, _ = self.call(
            "PUT", "/services/disable", body=self.body(), user="demo"
        )
        self.assertEqual(403, status)
        self.assertEqual(
            "enabled", self.services(f"host={ALPHA}")[0]["status"]
        )


class TestScheduling(AppTestCase):
    def create(self) -> dict[str, Any]:
        demo = context_for(self.cloud, "demo")
        share = shares_api.create(
            self.cloud, demo, {"share_proto": "NFS", "size": 1}
        )
        self.cloud.bus.advance()
        record = self.cloud.store.get("shares", share["id"])
        assert record is not None
        return record

    def test_disabled_service_is_not_scheduled_to(self) -> None:
        self.assertEqual(
            200,
            self.call(
                "PUT",
                "/services/disable",
                body={"host": "fakehost@beta", "binary": "manila-share"},
            )[0],
        )
        for _ in range(3):
            share = self.create()
            self.assertEqual("available", share["status"])
            self.assertTrue(share["host"].startswith(ALPHA + "#"))

    def test_down_service_is_not_scheduled_to(self) -> None:
        self.cloud.config.service_down_time = -1
        self.cloud.managers[ALPHA].stop()
        share = self.create()
        self.assertEqual("available", share["status"])
        self.assertTrue(share["host"].startswith("fakehost@beta#"))
        self.call(
            "PUT",
            "/services/disable",
            body={"host": "fakehost@beta", "binary": "manila-share"},
        )
        share = self.create()
        self.assertEqual("error", share["status"])


class TestEnsureSharesEndpoint(AppTestCase):
    def test_status_codes(self) -> None:
        good = {"ensure_shares": {"host": ALPHA}}
        self.assertEqual(
            (202, None),
            self.call("POST", "/services/ensure-shares", "2.86", good),
        )
        self.assertEqual(
            404, self.call("POST", "/services/ensure-shares", "2.85", good)[0]
        )
        self.assertEqual(
            403,
            self.call(
                "POST", "/services/ensure-shares", body=good, user="demo"
            )[0],
        )
        status, body = self.call(
            "POST", "/services/ensure-shares", body={"host": ALPHA}
        )
        self.assertEqual(400, status)
        self.assertEqual(
            "'ensure_shares' is a required property",
            body["badRequest"]["message"],
        )
        status, body = self.call(
            "POST",
            "/services/ensure-shares",
            body={"ensure_shares": {"host": "fakehost@zeta"}},
        )
        self.assertEqual(404, status)
        self.assertEqual(
            "The resource could not be found.", body["itemNotFound"]["message"]
        )
        self.cloud.config.service_down_time = -1
        self.cloud.managers[ALPHA].stop()
        status, body = self.call("POST", "/services/ensure-shares", body=good)
        self.assertEqual(409, status)
        self.assertIn("conflictingRequest", body)
        # only the first 202 was cast
        self.assertEqual(1, self.cloud.bus.pending())


class TestAvailabilityZones(AppTestCase):
    fake_config = {
        "server": {"progression": "manual"},
        "backends": [
            {"name": "alpha", "replace": True, "pools": [{"name": "p1"}]},
            {
                "name": "far",
                "availability_zone": "az2",
                "pools": [{"name": "p1"}],
            },
        ],
    }

    def zones(
        self,
        version: str = "2.7",
        path: str = "/availability-zones",
        user: str = "demo",
    ) -> Any:
        status, body = self.call("GET", path, version, user=user)
        self.assertEqual(200, status)
        return body["availability_zones"]

    def test_list(self) -> None:
        zones = self.zones()
        self.assertEqual(["az2", "nova"], sorted(z["name"] for z in zones))
        self.assertEqual(
            {"id", "name", "created_at", "updated_at"}, set(zones[0])
        )
        legacy = self.zones("2.6", "/os-availability-zone")
        self.assertEqual(
            sorted(z["id"] for z in zones), sorted(z["id"] for z in legacy)
        )
        self.assertEqual(
            404, self.call("GET", "/availability-zones", "2.6")[0]
        )
        self.assertEqual(
            404, self.call("GET", "/os-availability-zone", "2.7")[0]
        )

    def test_zone_without_enabled_service_is_hidden(self) -> None:
        self.call(
            "PUT",
            "/services/disable",
            body={"host": "fakehost@far", "binary": "manila-share"},
        )
        self.assertEqual(["nova"], [z["name"] for z in self.zones()])
        far = self.services("zone=az2")
        self.assertEqual(["fakehost@far"], [s["host"] for s in far])


class TestPools(AppTestCase):
    def pools(
        self, query: str = "", detail: bool = False, version: str = "2.99"
    ) -> Any:
        path = "/scheduler-stats/pools" + ("/detail" if detail else "")
        status, body = self.call("GET", path, version, query=query)
        self.assertEqual(200, status, body)
        return body["pools"]

    def test_summary_and_detail(self) -> None:
        pools = self.pools()
        self.assertEqual(
            {
                "name": "fakehost@alpha#fast",
                "host": "fakehost",
                "backend": "alpha",
                "pool": "fast",
            },
            pools[0],
        )
        self.assertEqual(5, len(pools))
        detail = self.pools(detail=True)[0]
        self.assertEqual(1000.0, detail["capabilities"]["total_capacity_gb"])
        self.assertEqual("ALPHA", detail["capabilities"]["share_backend_name"])

    def test_admin_only(self) -> None:
        for path in (
            "/scheduler-stats/pools",
            "/scheduler-stats/pools/detail",
        ):
            self.assertEqual(403, self.call("GET", path, user="demo")[0])

    def test_regex_filters(self) -> None:
        names = [p["name"] for p in self.pools("backend=al")]
        self.assertEqual(["fakehost@alpha#fast", "fakehost@alpha#slow"], names)
        names = [p["name"] for p in self.pools("pool=f&host=fake")]
        self.assertEqual(["fakehost@alpha#fast", "fakehost@beta#fast"], names)
        self.assertEqual([], self.pools("host=other"))
        # a key that is not a pool field leaves nothing (as Manila)
        self.assertEqual([], self.pools("pool_name=fast"))
        status, _ = self.call(
            "GET", "/scheduler-stats/pools", query="backend=("
        )
        self.assertEqual(400, status)

    def test_capabilities_filter(self) -> None:
        names = [
            p["name"]
            for p in self.pools(
                "capabilities={'driver_handles_share_servers': 'True'}"
            )
        ]
        self.assertEqual(["fakehost@gamma#pool1"], names)
        status, _ = self.call(
            "GET", "/scheduler-stats/pools", query="capabilities=nonsense"
        )
        self.assertEqual(400, status)

    def test_share_type_filter(self) -> None:
        names = [p["name"] for p in self.pools("share_type=dhss_true")]
        self.assertEqual(["fakehost@gamma#pool1"], names)
        self.assertEqual(4, len(self.pools("share_type=default")))
        # before 2.23 share_type is just an unknown pool field
        self.assertEqual([], self.pools("share_type=default", version="2.22"))
        status, body = self.call(
            "GET", "/scheduler-stats/pools", query="share_type=nope"
        )
        self.assertEqual(400, status)
        self.assertEqual(
            "Share type nope not found.", body["badRequest"]["message"]
        )

    def test_capacity_follows_allocations(self) -> None:
        admin = context_for(self.cloud, "admin")
        shares_api.create(
            self.cloud,
            admin,
            {
                "share_proto": "NFS",
                "size": 7,
                "scheduler_hints": {"only_host": "fakehost@beta#slow"},
            },
        )
        self.cloud.bus.advance()
        caps = self.pools("backend=beta&pool=slow", detail=True)[0][
            "capabilities"
        ]
        self.assertEqual(1993.0, caps["free_capacity_gb"])
        self.assertEqual(7, caps["allocated_capacity_gb"])
