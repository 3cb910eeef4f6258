"""Tests of QosType and the QoS type calls of the proxy."""

from __future__ import annotations

from typing import Any

from openstack import exceptions

from openstack_sfs.tests.unit import base
from openstack_sfs.v2 import qos_type

Q_ID = "bf6a7b8c-0000-4000-8000-000000000001"
Q_URL = base.MANILA_URL + "/qos-types"
MV = "2.94"

EXAMPLE: dict[str, Any] = {
    "id": Q_ID,
    "name": "gold",
    "description": "fast",
    "specs": {"peak_iops": "1000"},
    "created_at": "2025-01-02T03:04:05.000000",
    "updated_at": None,
}


class TestQosTypeResource(base.TestCase):
    def test_basics(self) -> None:
        cls = qos_type.QosType
        self.assertEqual("qos_type", cls.resource_key)
        self.assertEqual("qos_types", cls.resources_key)
        self.assertEqual("/qos-types", cls.base_path)
        self.assertEqual(MV, cls._max_microversion)
        for flag in ("create", "fetch", "commit", "delete", "list"):
            self.assertTrue(getattr(cls, "allow_" + flag))
        self.assertFalse(cls.allow_head)
        self.assertEqual(
            {
                n: n
                for n in (
                    "description",
                    "description~",
                    "id",
                    "limit",
                    "name",
                    "name~",
                    "offset",
                    "sort_dir",
                    "sort_key",
                )
            },
            cls._query_mapping._mapping,
        )

    def test_make_it(self) -> None:
        q = qos_type.QosType(**EXAMPLE)
        self.assertEqual("gold", q.name)
        self.assertEqual({"peak_iops": "1000"}, q.specs)


class TestQosTypeProxy(base.TestCase):
    def test_list(self) -> None:
        self.requests_mock.get(Q_URL, json={"qos_types": [EXAMPLE]})
        found = list(self.proxy.qos_types(name="gold"))
        self.assert_request(
            "GET", "/qos-types", microversion=MV, query={"name": ["gold"]}
        )
        self.assertEqual([Q_ID], [q.id for q in found])

    def test_get_create_update_delete(self) -> None:
        self.requests_mock.get(f"{Q_URL}/{Q_ID}", json={"qos_type": EXAMPLE})
        self.assertEqual("gold", self.proxy.get_qos_type(Q_ID).name)
        self.assert_request("GET", f"/qos-types/{Q_ID}", microversion=MV)
        self.requests_mock.post(Q_URL, json={"qos_type": EXAMPLE})
        self.proxy.create_qos_type(name="gold", specs={"peak_iops": "1000"})
        self.assert_request(
            "POST",
            "/qos-types",
            microversion=MV,
            json_body={
                "qos_type": {"name": "gold", "specs": {"peak_iops": "1000"}}
            },
        )
        self.requests_mock.put(f"{Q_URL}/{Q_ID}", json={"qos_type": EXAMPLE})
        self.proxy.update_qos_type(Q_ID, description="faster")
        self.assert_request(
            "PUT",
            f"/qos-types/{Q_ID}",
            microversion=MV,
            json_body={"qos_type": {"description": "faster"}},
        )
        self.requests_mock.delete(f"{Q_URL}/{Q_ID}", status_code=204)
        self.proxy.delete_qos_type(Q_ID)
        self.assert_request("DELETE", f"/qos-types/{Q_ID}", microversion=MV)

    def test_create_conflict(self) -> None:
        self.requests_mock.post(
            Q_URL,
            status_code=409,
            json={
                "conflictingRequest": {
                    "code": 409,
                    "message": "QoS Type with name gold already exist.",
                }
            },
        )
        error = self.assertRaises(
            exceptions.ConflictException,
            self.proxy.create_qos_type,
            name="gold",
        )
        self.assertIn("already exist", str(error))

    def test_specs(self) -> None:
        specs_url = f"{Q_URL}/{Q_ID}/specs"
        self.requests_mock.get(specs_url, json={"specs": {"a": "1"}})
        self.assertEqual({"a": "1"}, self.proxy.get_qos_type_specs(Q_ID))
        self.assert_request("GET", f"/qos-types/{Q_ID}/specs", microversion=MV)
        self.requests_mock.get(specs_url + "/a", json={"a": "1"})
        self.assertEqual("1", self.proxy.get_qos_type_spec(Q_ID, "a"))
        self.requests_mock.post(specs_url, json={"specs": {"b": "2"}})
        self.assertEqual(
            {"b": "2"}, self.proxy.update_qos_type_specs(Q_ID, b="2")
        )
        self.assert_request(
            "POST",
            f"/qos-types/{Q_ID}/specs",
            microversion=MV,
            json_body={"specs": {"b": "2"}},
        )
        self.requests_mock.put(specs_url + "/b", json={"b": "3"})
        self.assertEqual("3", self.proxy.update_qos_type_spec(Q_ID, "b", "3"))
        self.assert_request(
            "PUT",
            f"/qos-types/{Q_ID}/specs/b",
            microversion=MV,
            json_body={"b": "3"},
        )
        self.requests_mock.delete(specs_url + "/b", status_code=204)
        self.proxy.delete_qos_type_spec(Q_ID, "b")
        self.assert_request(
            "DELETE", f"/qos-types/{Q_ID}/specs/b", microversion=MV
        )

    def test_spec_not_found(self) -> None:
        self.requests_mock.get(
            f"{Q_URL}/{Q_ID}/specs/x",
            status_code=404,
            json={
                "itemNotFound": {
                    "code": 404,
                    "message": "The resource could not be found.",
                }
            },
        )
        self.assertRaises(
            exceptions.NotFoundException,
            self.proxy.get_qos_type_spec,
            Q_ID,
            "x",
        )

    def test_not_supported(self) -> None:
        self.set_server_max("2.93")
        for call in (
            lambda: list(self.proxy.qos_types()),
            lambda: self.proxy.get_qos_type(Q_ID),
            lambda: self.proxy.create_qos_type(name="x"),
            lambda: self.proxy.get_qos_type_specs(Q_ID),
            lambda: self.proxy.delete_qos_type_spec(Q_ID, "k"),
        ):
            error = self.assertRaises(exceptions.NotSupported, call)
            self.assertIn("2.94", str(error))
        self.assertEqual([], self.api_requests())
