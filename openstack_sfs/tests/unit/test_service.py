"""Tests of Service and the services calls (incl. ensure shares)."""

from __future__ import annotations

from typing import Any

import fixtures
from openstack import exceptions

from openstack_sfs.tests.unit import base
from openstack_sfs.v2 import service

SERVICES_URL = base.MANILA_URL + "/services"
ENSURE_PATH = "/services/ensure-shares"
INSTANCES_URL = base.MANILA_URL + "/share_instances"
INSTANCE_ID = "8e4a37ce-4f5e-4a33-ad4e-6a0e5d2b5f6b"


def instance(status: str, updated_at: str) -> dict[str, Any]:
    """A share instance on HOST, as the admin list shows it (2.71)."""
    return {
        "id": INSTANCE_ID,
        "status": status,
        "host": HOST + "#pool",
        "updated_at": updated_at,
    }


def instances(*rows: dict[str, Any]) -> dict[str, Any]:
    return {"json": {"share_instances": list(rows)}}


HOST = "fakehost@alpha"
MV = "2.93"

EXAMPLE: dict[str, Any] = {
    "id": 3,
    "binary": "manila-share",
    "host": HOST,
    "zone": "nova",
    "status": "enabled",
    "state": "up",
    "updated_at": "2025-01-02T03:04:05.000000",
    "disabled_reason": None,
    "ensuring": False,
}


def fault(name: str, code: int, message: str) -> dict[str, Any]:
    """A Manila fault body."""
    return {name: {"code": code, "message": message}}


class FakeClock:
    """Stands in for the ``time`` module of ``openstack_sfs.v2._wait``.

    Time moves only when the waiter sleeps.
    """

    def __init__(self) -> None:
        self.now = 0.0
        self.sleeps: list[float] = []

    def monotonic(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


class TestServiceResource(base.TestCase):
    def test_basics(self) -> None:
        cls = service.Service
        self.assertEqual("service", cls.resource_key)
        self.assertEqual("services", cls.resources_key)
        self.assertEqual("/services", cls.base_path)
        self.assertEqual("2.93", cls._max_microversion)
        self.assertFalse(cls.allow_create)
        self.assertFalse(cls.allow_fetch)
        self.assertFalse(cls.allow_commit)
        self.assertFalse(cls.allow_delete)
        self.assertTrue(cls.allow_list)
        self.assertFalse(cls.allow_head)
        self.assertEqual(
            {
                "host": "host",
                "binary": "binary",
                "zone": "zone",
                "state": "state",
                "status": "status",
                "ensuring": "ensuring",
                "name": "binary",
                "availability_zone": "zone",
            },
            cls._query_mapping._mapping,
        )

    def test_make_it(self) -> None:
        svc = service.Service(**EXAMPLE)
        self.assertEqual(3, svc.id)
        self.assertEqual("manila-share", svc.binary)
        self.assertEqual("manila-share", svc.name)
        self.assertEqual(HOST, svc.host)
        self.assertEqual("nova", svc.zone)
        self.assertEqual("nova", svc.availability_zone)
        self.assertEqual("enabled", svc.status)
        self.assertEqual("up", svc.state)
        self.assertEqual(EXAMPLE["updated_at"], svc.updated_at)
        self.assertIsNone(svc.disabled_reason)
        self.assertIs(False, svc.ensuring)

    def test_ensuring_is_a_bool(self) -> None:
        # openstacksdk types it as dict; Manila sends a JSON boolean.
        self.assertIs(True, service.Service(ensuring=True).ensuring)


class TestServiceProxy(base.TestCase):
    def test_services(self) -> None:
        self.requests_mock.get(SERVICES_URL, json={"services": [EXAMPLE]})
        found = list(
            self.proxy.services(binary="manila-share", zone="nova", state="up")
        )
        self.assert_request(
            "GET",
            "/services",
            microversion=MV,
            query={
                "binary": ["manila-share"],
                "zone": ["nova"],
                "state": ["up"],
            },
        )
        self.assertEqual([HOST], [s.host for s in found])
        self.assertIs(False, found[0].ensuring)

    def test_services_ensuring_filter(self) -> None:
        self.requests_mock.get(SERVICES_URL, json={"services": []})
        list(self.proxy.services(ensuring=True))
        self.assert_request(
            "GET", "/services", microversion=MV, query={"ensuring": ["true"]}
        )

    def test_services_ensuring_filter_needs_2_93(self) -> None:
        self.set_server_max("2.92")
        exc = self.assertRaises(
            exceptions.NotSupported, self.proxy.services, ensuring=True
        )
        self.assertIn("2.93", str(exc))

    def test_services_forbidden(self) -> None:
        message = "Access was denied to this resource."
        self.requests_mock.get(
            SERVICES_URL,
            status_code=403,
            json=fault("forbidden", 403, message),
        )
        exc = self.assertRaises(
            exceptions.ForbiddenException, list, self.proxy.services()
        )
        self.assertIn(message, str(exc))

    def test_enable_service(self) -> None:
        self.requests_mock.put(
            SERVICES_URL + "/enable",
            json={
                "host": HOST,
                "binary": "manila-share",
                "status": "enabled",
                "disabled_reason": None,
                "ensuring": None,
            },
        )
        svc = self.proxy.enable_service(None, HOST, "manila-share")
        self.assert_request(
            "PUT",
            "/services/enable",
            microversion=MV,
            json_body={"host": HOST, "binary": "manila-share"},
        )
        self.assertEqual("enabled", svc.status)

    def test_enable_service_from_listed_service(self) -> None:
        self.requests_mock.put(
            SERVICES_URL + "/enable",
            json={
                "host": HOST,
                "binary": "manila-share",
                "status": "enabled",
                "ensuring": None,
            },
        )
        listed = service.Service.existing(**EXAMPLE)
        svc = self.proxy.enable_service(listed)
        self.assert_request(
            "PUT",
            "/services/enable",
            microversion=MV,
            json_body={"host": HOST, "binary": "manila-share"},
        )
        # the summary's ensuring null does not hide the known value
        self.assertIs(False, svc.ensuring)

    def test_enable_service_needs_host_and_binary(self) -> None:
        self.assertRaises(
            ValueError, self.proxy.enable_service, None, HOST, None
        )

    def test_disable_service_with_reason(self) -> None:
        self.requests_mock.put(
            SERVICES_URL + "/disable",
            json={
                "host": HOST,
                "binary": "manila-share",
                "status": "disabled",
                "disabled_reason": "maintenance",
            },
        )
        svc = self.proxy.disable_service(
            "3", HOST, "manila-share", disable_reason="maintenance"
        )
        self.assert_request(
            "PUT",
            "/services/disable",
            microversion=MV,
            json_body={
                "host": HOST,
                "binary": "manila-share",
                "disabled_reason": "maintenance",
            },
        )
        self.assertEqual("disabled", svc.status)
        self.assertEqual("maintenance", svc.disabled_reason)

    def test_disable_reason_needs_2_83(self) -> None:
        self.set_server_max("2.82")
        exc = self.assertRaises(
            exceptions.NotSupported,
            self.proxy.disable_service,
            None,
            HOST,
            "manila-share",
            disable_reason="x",
        )
        self.assertIn("2.83", str(exc))
        self.assertEqual([], self.api_requests())

    def test_disable_without_reason_on_old_server(self) -> None:
        self.set_server_max("2.82")
        self.requests_mock.put(
            SERVICES_URL + "/disable",
            json={
                "host": HOST,
                "binary": "manila-share",
                "status": "disabled",
            },
        )
        self.proxy.disable_service(None, HOST, "manila-share")
        self.assert_request(
            "PUT",
            "/services/disable",
            microversion="2.82",
            json_body={"host": HOST, "binary": "manila-share"},
        )

    def test_disable_unknown_service(self) -> None:
        message = "Service host@nowhere could not be found."
        self.requests_mock.put(
            SERVICES_URL + "/disable",
            status_code=404,
            json=fault("itemNotFound", 404, message),
        )
        exc = self.assertRaises(
            exceptions.NotFoundException,
            self.proxy.disable_service,
            None,
            "host@nowhere",
            "manila-share",
        )
        self.assertIn(message, str(exc))

    # -- ensure shares -------------------------------------------------------

    def mock_baseline(self, *rows: dict[str, Any]) -> None:
        self.requests_mock.get(INSTANCES_URL, **instances(*rows))

    def test_ensure_shares_wire_format(self) -> None:
        self.mock_baseline()
        self.requests_mock.post(
            base.MANILA_URL + ENSURE_PATH, status_code=202, text=""
        )
        self.proxy.ensure_shares(HOST)
        # the back end's instances first (for the waiter), then the POST
        self.assertEqual(2, len(self.api_requests()))
        self.assert_request(
            "GET",
            "/share_instances",
            microversion="2.71",
            query={"host": [HOST.lower()]},
            index=0,
        )
        self.assert_request(
            "POST",
            ENSURE_PATH,
            microversion=MV,
            json_body={"ensure_shares": {"host": HOST}},
        )

    def test_ensure_shares_without_instance_list(self) -> None:
        # a policy refusing the instance list does not stop ensure shares
        self.requests_mock.get(
            INSTANCES_URL,
            status_code=403,
            json=fault("forbidden", 403, "no"),
        )
        self.requests_mock.post(
            base.MANILA_URL + ENSURE_PATH, status_code=202, text=""
        )
        self.proxy.ensure_shares(HOST)
        self.assert_request(
            "POST",
            ENSURE_PATH,
            microversion=MV,
            json_body={"ensure_shares": {"host": HOST}},
        )

    def test_ensure_shares_at_2_86(self) -> None:
        self.set_server_max("2.86")
        self.mock_baseline()
        self.requests_mock.post(
            base.MANILA_URL + ENSURE_PATH, status_code=202, text=""
        )
        self.proxy.ensure_shares(HOST)
        self.assert_request(
            "POST",
            ENSURE_PATH,
            microversion="2.86",
            json_body={"ensure_shares": {"host": HOST}},
        )

    def test_ensure_shares_needs_2_86(self) -> None:
        self.set_server_max("2.85")
        exc = self.assertRaises(
            exceptions.NotSupported, self.proxy.ensure_shares, HOST
        )
        self.assertIn("2.86", str(exc))
        self.assertEqual([], self.api_requests())

    def test_ensure_shares_conflict_raises(self) -> None:
        self.mock_baseline()
        message = f"Service {HOST} is down."
        self.requests_mock.post(
            base.MANILA_URL + ENSURE_PATH,
            status_code=409,
            json=fault("conflictingRequest", 409, message),
        )
        exc = self.assertRaises(
            exceptions.ConflictException, self.proxy.ensure_shares, HOST
        )
        self.assertIn(message, str(exc))
        self.assertEqual(409, exc.status_code)

    def test_ensure_shares_errors_raise(self) -> None:
        self.mock_baseline()
        for code, name, cls in (
            (400, "badRequest", exceptions.BadRequestException),
            (403, "forbidden", exceptions.ForbiddenException),
            (404, "itemNotFound", exceptions.NotFoundException),
        ):
            message = f"error {code} from Manila"
            self.requests_mock.post(
                base.MANILA_URL + ENSURE_PATH,
                status_code=code,
                json=fault(name, code, message),
            )
            exc = self.assertRaises(cls, self.proxy.ensure_shares, HOST)
            self.assertIn(message, str(exc))

    def test_ensure_shares_service_alias(self) -> None:
        self.mock_baseline()
        self.requests_mock.post(
            base.MANILA_URL + ENSURE_PATH, status_code=202, text=""
        )
        self.proxy.ensure_shares_service(HOST)
        self.assert_request(
            "POST",
            ENSURE_PATH,
            microversion=MV,
            json_body={"ensure_shares": {"host": HOST}},
        )
        self.requests_mock.post(
            base.MANILA_URL + ENSURE_PATH,
            status_code=404,
            json=fault("itemNotFound", 404, "not found"),
        )
        self.assertRaises(
            exceptions.NotFoundException,
            self.proxy.ensure_shares_service,
            HOST,
        )

    def _clock(self) -> FakeClock:
        clock = FakeClock()
        self.useFixture(
            fixtures.MockPatch("openstack_sfs.v2._wait.time", clock)
        )
        return clock

    def services_answers(self, *ensuring: bool) -> None:
        self.requests_mock.get(
            SERVICES_URL,
            [
                {"json": {"services": [dict(EXAMPLE, ensuring=flag)]}}
                for flag in ensuring
            ],
        )

    def asked(self, *rows: dict[str, Any]) -> None:
        """An ensure shares request made through the proxy, with these
        instances on the back end before it."""
        self.requests_mock.get(INSTANCES_URL, **instances(*rows))
        self.requests_mock.post(
            base.MANILA_URL + ENSURE_PATH, status_code=202, text=""
        )
        self.proxy.ensure_shares(HOST)

    def test_wait_for_service_ensured(self) -> None:
        clock = self._clock()
        self.services_answers(True, True, False)
        svc = self.proxy.wait_for_service_ensured(HOST, interval=1, wait=60)
        self.assertIs(False, svc.ensuring)
        self.assertEqual(3, len(self.api_requests()))
        self.assertEqual([1.0, 1.0], clock.sleeps)
        self.assert_request(
            "GET",
            "/services",
            microversion=MV,
            query={"host": [HOST.lower()], "binary": ["manila-share"]},
        )

    def test_waits_for_the_run_to_start(self) -> None:
        # Manila's 202 comes before the share manager starts the run: the
        # first polls still say ensuring false
        self._clock()
        self.asked(instance("available", "2025-01-02T03:00:00.000000"))
        self.services_answers(False, False, True, False)
        self.requests_mock.get(
            INSTANCES_URL,
            [
                instances(instance("available", "2025-01-02T03:00:00.000000")),
                instances(instance("available", "2025-01-02T03:00:00.000000")),
                instances(instance("ensuring", "2025-01-02T03:00:05.000000")),
                instances(instance("available", "2025-01-02T03:00:07.000000")),
            ],
        )
        seen: list[int] = []
        svc = self.proxy.wait_for_service_ensured(
            HOST, interval=1, wait=60, callback=seen.append
        )
        self.assertIs(False, svc.ensuring)
        self.assertEqual([0, 0, 0, 100], seen)
        polls = [
            r for r in self.api_requests() if r.path.endswith("/services")
        ]
        self.assertEqual(4, len(polls))
        self.assert_request(
            "GET",
            "/share_instances",
            microversion="2.71",
            query={"host": [HOST.lower()]},
        )

    def test_a_run_finished_between_two_polls(self) -> None:
        # never seen ensuring, but every share was updated since the ask
        self._clock()
        self.asked(instance("available", "2025-01-02T03:00:00.000000"))
        self.services_answers(False)
        self.requests_mock.get(
            INSTANCES_URL,
            **instances(instance("available", "2025-01-02T03:00:09.000000")),
        )
        seen: list[int] = []
        self.proxy.wait_for_service_ensured(
            HOST, interval=1, wait=60, callback=seen.append
        )
        self.assertEqual([100], seen)

    def test_a_back_end_without_shares_has_no_run(self) -> None:
        self._clock()
        self.asked()
        self.services_answers(False)
        self.requests_mock.get(INSTANCES_URL, **instances())
        svc = self.proxy.wait_for_service_ensured(HOST, interval=1, wait=60)
        self.assertIs(False, svc.ensuring)

    def test_no_sign_of_a_run_within_the_grace(self) -> None:
        clock = self._clock()
        self.requests_mock.get(
            SERVICES_URL, json={"services": [dict(EXAMPLE, ensuring=False)]}
        )
        svc = self.proxy.wait_for_service_ensured(
            HOST, interval=2, wait=60, start_grace=5
        )
        self.assertIs(False, svc.ensuring)
        # polled at 0, 2 and 4 s, gave up at 6 s
        self.assertEqual([2.0, 2.0, 2.0], clock.sleeps)

    def test_wait_for_service_ensured_times_out(self) -> None:
        self._clock()
        self.requests_mock.get(
            SERVICES_URL,
            json={"services": [dict(EXAMPLE, ensuring=True)]},
        )
        exc = self.assertRaises(
            exceptions.ResourceTimeout,
            self.proxy.wait_for_service_ensured,
            HOST,
            interval=1,
            wait=3,
        )
        self.assertIn(HOST, str(exc))
        self.assertEqual(4, len(self.api_requests()))

    def test_wait_for_service_ensured_unknown_host(self) -> None:
        self._clock()
        self.requests_mock.get(SERVICES_URL, json={"services": []})
        exc = self.assertRaises(
            exceptions.NotFoundException,
            self.proxy.wait_for_service_ensured,
            "nohost@x",
        )
        self.assertIn("nohost@x", str(exc))

    def test_wait_for_service_ensured_needs_2_86(self) -> None:
        self.set_server_max("2.85")
        self.assertRaises(
            exceptions.NotSupported,
            self.proxy.wait_for_service_ensured,
            HOST,
        )
        self.assertEqual([], self.api_requests())
