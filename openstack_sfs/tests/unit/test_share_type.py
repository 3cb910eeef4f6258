"""Tests of ShareType and the share type calls of the proxy."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import unquote_plus

from openstack import exceptions

from openstack_sfs.tests.unit import base
from openstack_sfs.v2 import share_type

TYPE_ID = "d3f0c9a8-0000-4000-8000-000000000001"
TYPE_URL = base.MANILA_URL + "/types/" + TYPE_ID
PROJECT = "6a1b2c3d4e5f40718293a4b5c6d7e8f9"
MV = "2.99"

EXAMPLE: dict[str, Any] = {
    "id": TYPE_ID,
    "name": "gold",
    "description": "fast NFS",
    "extra_specs": {
        "driver_handles_share_servers": "False",
        "snapshot_support": "True",
    },
    "required_extra_specs": {"driver_handles_share_servers": "False"},
    "share_type_access:is_public": False,
    "is_default": False,
}


def fault(name: str, code: int, message: str) -> dict[str, Any]:
    """A Manila fault body."""
    return {name: {"code": code, "message": message}}


NOT_FOUND = fault("itemNotFound", 404, "Share type not found.")


class TestShareTypeResource(base.TestCase):
    def test_basics(self) -> None:
        cls = share_type.ShareType
        self.assertEqual("share_type", cls.resource_key)
        self.assertEqual("share_types", cls.resources_key)
        self.assertEqual("/types", cls.base_path)
        self.assertEqual("2.99", cls._max_microversion)
        self.assertTrue(cls.allow_create)
        self.assertTrue(cls.allow_fetch)
        self.assertTrue(cls.allow_commit)
        self.assertTrue(cls.allow_delete)
        self.assertTrue(cls.allow_list)
        self.assertFalse(cls.allow_head)

    def test_query_mapping(self) -> None:
        self.assertEqual(
            {"is_public": "is_public", "extra_specs": "extra_specs"},
            share_type.ShareType._query_mapping._mapping,
        )

    def test_make_it(self) -> None:
        st = share_type.ShareType(**EXAMPLE)
        self.assertEqual(TYPE_ID, st.id)
        self.assertEqual("gold", st.name)
        self.assertEqual("fast NFS", st.description)
        self.assertFalse(st.is_public)
        self.assertFalse(st.is_default)
        self.assertEqual("True", st.extra_specs["snapshot_support"])
        self.assertEqual(
            {"driver_handles_share_servers": "False"},
            st.required_extra_specs,
        )


class TestShareTypeProxy(base.TestCase):
    def test_share_types(self) -> None:
        self.requests_mock.get(
            base.MANILA_URL + "/types",
            json={"share_types": [EXAMPLE], "volume_types": [EXAMPLE]},
        )
        types = list(self.proxy.share_types(is_public="all"))
        self.assert_request(
            "GET", "/types", microversion=MV, query={"is_public": ["all"]}
        )
        self.assertEqual(["gold"], [t.name for t in types])

    def test_share_types_extra_specs_filter(self) -> None:
        self.requests_mock.get(
            base.MANILA_URL + "/types", json={"share_types": [EXAMPLE]}
        )
        list(self.proxy.share_types(extra_specs={"snapshot_support": True}))
        req = self.assert_request("GET", "/types", microversion=MV)
        # requests-mock lower-cases query values; parse the raw URL.
        raw = req.url.split("extra_specs=")[1]
        self.assertEqual(
            {"snapshot_support": "True"}, json.loads(unquote_plus(raw))
        )

    def test_share_types_extra_specs_filter_old_server(self) -> None:
        self.set_server_max("2.42")
        self.assertRaisesRegex(
            exceptions.NotSupported,
            "2.43",
            self.proxy.share_types,
            extra_specs={"a": "b"},
        )

    def test_get_share_type(self) -> None:
        self.requests_mock.get(
            TYPE_URL, json={"share_type": EXAMPLE, "volume_type": EXAMPLE}
        )
        st = self.proxy.get_share_type(TYPE_ID)
        self.assert_request("GET", "/types/" + TYPE_ID, microversion=MV)
        self.assertEqual("gold", st.name)

    def test_get_share_type_not_found(self) -> None:
        self.requests_mock.get(TYPE_URL, status_code=404, json=NOT_FOUND)
        exc = self.assertRaises(
            exceptions.NotFoundException, self.proxy.get_share_type, TYPE_ID
        )
        self.assertIn("Share type not found.", str(exc))

    def test_find_share_type_by_name(self) -> None:
        self.requests_mock.get(
            base.MANILA_URL + "/types/gold", status_code=404, json=NOT_FOUND
        )
        self.requests_mock.get(
            base.MANILA_URL + "/types", json={"share_types": [EXAMPLE]}
        )
        st = self.proxy.find_share_type("gold", is_public="all")
        assert st is not None
        self.assertEqual(TYPE_ID, st.id)
        self.assert_request("GET", "/types", microversion=MV)

    def test_find_share_type_missing(self) -> None:
        self.requests_mock.get(
            base.MANILA_URL + "/types/nope", status_code=404, json=NOT_FOUND
        )
        self.requests_mock.get(
            base.MANILA_URL + "/types", json={"share_types": []}
        )
        self.assertIsNone(self.proxy.find_share_type("nope"))
        self.assertRaises(
            exceptions.NotFoundException,
            self.proxy.find_share_type,
            "nope",
            ignore_missing=False,
        )

    def test_get_default_share_type(self) -> None:
        default = dict(EXAMPLE, is_default=True)
        self.requests_mock.get(
            base.MANILA_URL + "/types/default", json={"share_type": default}
        )
        st = self.proxy.get_default_share_type()
        self.assert_request("GET", "/types/default", microversion=MV)
        self.assertEqual(TYPE_ID, st.id)
        self.assertTrue(st.is_default)

    def test_get_default_share_type_none(self) -> None:
        self.requests_mock.get(
            base.MANILA_URL + "/types/default",
            status_code=404,
            json=fault("itemNotFound", 404, "Default share type not found"),
        )
        exc = self.assertRaises(
            exceptions.NotFoundException, self.proxy.get_default_share_type
        )
        self.assertIn("Default share type not found", str(exc))

    def test_create_share_type(self) -> None:
        self.requests_mock.post(
            base.MANILA_URL + "/types", json={"share_type": EXAMPLE}
        )
        st = self.proxy.create_share_type(
            "gold",
            description="fast NFS",
            extra_specs={"driver_handles_share_servers": "False"},
            is_public=False,
        )
        self.assert_request(
            "POST",
            "/types",
            microversion=MV,
            json_body={
                "share_type": {
                    "name": "gold",
                    "description": "fast NFS",
                    "extra_specs": {"driver_handles_share_servers": "False"},
                    "share_type_access:is_public": False,
                }
            },
        )
        self.assertEqual(TYPE_ID, st.id)

    def test_create_share_type_conflict(self) -> None:
        self.requests_mock.post(
            base.MANILA_URL + "/types",
            status_code=409,
            json=fault(
                "conflictingRequest", 409, "Share Type gold already exists."
            ),
        )
        exc = self.assertRaises(
            exceptions.ConflictException,
            self.proxy.create_share_type,
            "gold",
            extra_specs={"driver_handles_share_servers": "False"},
        )
        self.assertIn("already exists", str(exc))

    def test_update_share_type(self) -> None:
        updated = dict(EXAMPLE, name="platinum")
        self.requests_mock.put(TYPE_URL, json={"share_type": updated})
        st = self.proxy.update_share_type(
            TYPE_ID, name="platinum", is_public=True
        )
        self.assert_request(
            "PUT",
            "/types/" + TYPE_ID,
            microversion=MV,
            json_body={
                "share_type": {
                    "name": "platinum",
                    "share_type_access:is_public": True,
                }
            },
        )
        self.assertEqual("platinum", st.name)

    def test_update_share_type_old_server(self) -> None:
        self.set_server_max("2.49")
        self.assertRaisesRegex(
            exceptions.NotSupported,
            "2.50",
            self.proxy.update_share_type,
            TYPE_ID,
            name="x",
        )
        self.assertEqual([], self.api_requests())

    def test_delete_share_type(self) -> None:
        self.requests_mock.delete(TYPE_URL, status_code=202)
        self.proxy.delete_share_type(TYPE_ID)
        self.assert_request("DELETE", "/types/" + TYPE_ID, microversion=MV)

    def test_delete_share_type_in_use(self) -> None:
        self.requests_mock.delete(
            TYPE_URL,
            status_code=400,
            json=fault(
                "badRequest", 400, "Target share type is still in use."
            ),
        )
        exc = self.assertRaises(
            exceptions.BadRequestException,
            self.proxy.delete_share_type,
            TYPE_ID,
        )
        self.assertIn("still in use", str(exc))

    def test_delete_share_type_missing(self) -> None:
        self.requests_mock.delete(TYPE_URL, status_code=404, json=NOT_FOUND)
        self.proxy.delete_share_type(TYPE_ID)
        self.assertRaises(
            exceptions.NotFoundException,
            self.proxy.delete_share_type,
            TYPE_ID,
            ignore_missing=False,
        )


class TestShareTypeExtraSpecs(base.TestCase):
    def test_get_extra_specs(self) -> None:
        specs = {"driver_handles_share_servers": "False", "a": "b"}
        self.requests_mock.get(
            TYPE_URL + "/extra_specs", json={"extra_specs": specs}
        )
        self.assertEqual(specs, self.proxy.get_share_type_extra_specs(TYPE_ID))
        self.assert_request(
            "GET", "/types/" + TYPE_ID + "/extra_specs", microversion=MV
        )

    def test_get_extra_spec(self) -> None:
        self.requests_mock.get(
            TYPE_URL + "/extra_specs/snapshot_support",
            json={"snapshot_support": "True"},
        )
        value = self.proxy.get_share_type_extra_spec(
            TYPE_ID, "snapshot_support"
        )
        self.assertEqual("True", value)
        self.assert_request(
            "GET",
            "/types/" + TYPE_ID + "/extra_specs/snapshot_support",
            microversion=MV,
        )

    def test_get_extra_spec_missing(self) -> None:
        self.requests_mock.get(
            TYPE_URL + "/extra_specs/nope",
            status_code=404,
            json=fault(
                "itemNotFound", 404, "Share Type has no extra specs nope."
            ),
        )
        exc = self.assertRaises(
            exceptions.NotFoundException,
            self.proxy.get_share_type_extra_spec,
            TYPE_ID,
            "nope",
        )
        self.assertIn("no extra specs nope", str(exc))

    def test_update_extra_specs(self) -> None:
        self.requests_mock.post(
            TYPE_URL + "/extra_specs",
            json={"extra_specs": {"snapshot_support": "True"}},
        )
        st = self.proxy.update_share_type_extra_specs(
            TYPE_ID, snapshot_support="True"
        )
        self.assert_request(
            "POST",
            "/types/" + TYPE_ID + "/extra_specs",
            microversion=MV,
            json_body={"extra_specs": {"snapshot_support": "True"}},
        )
        self.assertEqual("True", st.extra_specs["snapshot_support"])

    def test_update_extra_specs_bad(self) -> None:
        self.requests_mock.post(
            TYPE_URL + "/extra_specs",
            status_code=400,
            json=fault("badRequest", 400, "Invalid extra_spec."),
        )
        self.assertRaises(
            exceptions.BadRequestException,
            self.proxy.update_share_type_extra_specs,
            TYPE_ID,
            snapshot_support="maybe",
        )

    def test_delete_extra_spec(self) -> None:
        self.requests_mock.delete(TYPE_URL + "/extra_specs/a", status_code=202)
        self.proxy.delete_share_type_extra_spec_property(TYPE_ID, "a")
        self.assert_request(
            "DELETE", "/types/" + TYPE_ID + "/extra_specs/a", microversion=MV
        )

    def test_delete_extra_spec_missing(self) -> None:
        self.requests_mock.delete(
            TYPE_URL + "/extra_specs/a", status_code=404, json=NOT_FOUND
        )
        self.assertRaises(
            exceptions.NotFoundException,
            self.proxy.delete_share_type_extra_spec_property,
            TYPE_ID,
            "a",
        )
        self.proxy.delete_share_type_extra_spec_property(
            TYPE_ID, "a", ignore_missing=True
        )


class TestShareTypeAccess(base.TestCase):
    def test_list_access(self) -> None:
        access = [{"share_type_id": TYPE_ID, "project_id": PROJECT}]
        self.requests_mock.get(
            TYPE_URL + "/share_type_access",
            json={"share_type_access": access},
        )
        self.assertEqual(access, self.proxy.share_type_access(TYPE_ID))
        self.assert_request(
            "GET",
            "/types/" + TYPE_ID + "/share_type_access",
            microversion=MV,
        )

    def test_list_access_public_type(self) -> None:
        self.requests_mock.get(
            TYPE_URL + "/share_type_access",
            status_code=404,
            json=fault(
                "itemNotFound",
                404,
                "Access list not available for public share types.",
            ),
        )
        exc = self.assertRaises(
            exceptions.NotFoundException,
            self.proxy.share_type_access,
            TYPE_ID,
        )
        self.assertIn("public share types", str(exc))

    def test_add_access(self) -> None:
        self.requests_mock.post(TYPE_URL + "/action", status_code=202)
        self.proxy.add_share_type_access(TYPE_ID, PROJECT)
        self.assert_request(
            "POST",
            "/types/" + TYPE_ID + "/action",
            microversion=MV,
            json_body={"addProjectAccess": {"project": PROJECT}},
        )

    def test_add_access_public_type(self) -> None:
        self.requests_mock.post(
            TYPE_URL + "/action",
            status_code=409,
            json=fault(
                "conflictingRequest",
                409,
                "Type access modification is not applicable to public "
                "share type.",
            ),
        )
        exc = self.assertRaises(
            exceptions.ConflictException,
            self.proxy.add_share_type_access,
            TYPE_ID,
            PROJECT,
        )
        self.assertIn("not applicable", str(exc))

    def test_remove_access(self) -> None:
        self.requests_mock.post(TYPE_URL + "/action", status_code=202)
        self.proxy.remove_share_type_access(TYPE_ID, PROJECT)
        self.assert_request(
            "POST",
            "/types/" + TYPE_ID + "/action",
            microversion=MV,
            json_body={"removeProjectAccess": {"project": PROJECT}},
        )

    def test_remove_access_missing(self) -> None:
        self.requests_mock.post(
            TYPE_URL + "/action", status_code=404, json=NOT_FOUND
        )
        self.assertRaises(
            exceptions.NotFoundException,
            self.proxy.remove_share_type_access,
            TYPE_ID,
            PROJECT,
        )
