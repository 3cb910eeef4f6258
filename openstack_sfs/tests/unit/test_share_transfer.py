"""Tests of ShareTransfer and the share transfer calls of the proxy."""

from __future__ import annotations

from typing import Any

from openstack import exceptions

from openstack_sfs.tests.unit import base
from openstack_sfs.v2 import share_transfer

T_ID = "9d4e5f6a-0000-4000-8000-000000000001"
SHARE_ID = "5c9e1a2b-0000-4000-8000-000000000002"
T_URL = base.MANILA_URL + "/share-transfers"
MV = "2.77"

EXAMPLE: dict[str, Any] = {
    "id": T_ID,
    "created_at": "2025-01-02T03:04:05.000000",
    "name": "move",
    "resource_type": "share",
    "resource_id": SHARE_ID,
    "source_project_id": base.PROJECT_ID,
    "destination_project_id": None,
    "accepted": False,
    "expires_at": "2025-01-02T03:09:05.000000",
    "links": [],
}
NOT_FOUND = {
    "itemNotFound": {
        "code": 404,
        "message": f"Transfer {T_ID} could not be found.",
    }
}


class TestShareTransferResource(base.TestCase):
    def test_basics(self) -> None:
        cls = share_transfer.ShareTransfer
        self.assertEqual("transfer", cls.resource_key)
        self.assertEqual("transfers", cls.resources_key)
        self.assertEqual("/share-transfers", cls.base_path)
        self.assertEqual(MV, cls._max_microversion)
        self.assertTrue(cls.allow_create)
        self.assertTrue(cls.allow_fetch)
        self.assertFalse(cls.allow_commit)
        self.assertTrue(cls.allow_delete)
        self.assertTrue(cls.allow_list)
        self.assertFalse(cls.allow_head)

    def test_query_mapping(self) -> None:
        names = [
            "all_tenants",
            "destination_project_id",
            "id",
            "limit",
            "name",
            "name~",
            "offset",
            "resource_id",
            "resource_type",
            "sort_dir",
            "sort_key",
            "source_project_id",
        ]
        self.assertEqual(
            {n: n for n in names},
            share_transfer.ShareTransfer._query_mapping._mapping,
        )

    def test_make_it(self) -> None:
        t = share_transfer.ShareTransfer(**EXAMPLE, auth_key="abc")
        self.assertEqual(SHARE_ID, t.resource_id)
        self.assertFalse(t.accepted)
        self.assertEqual("abc", t.auth_key)
        self.assertEqual("share", t.resource_type)


class TestShareTransferProxy(base.TestCase):
    def test_create(self) -> None:
        self.requests_mock.post(
            T_URL,
            status_code=202,
            json={"transfer": dict(EXAMPLE, auth_key="k" * 16)},
        )
        t = self.proxy.create_share_transfer(share_id=SHARE_ID, name="move")
        self.assert_request(
            "POST",
            "/share-transfers",
            microversion=MV,
            json_body={"transfer": {"share_id": SHARE_ID, "name": "move"}},
        )
        self.assertEqual("k" * 16, t.auth_key)
        self.assertEqual(T_ID, t.id)

    def test_create_refused(self) -> None:
        self.requests_mock.post(
            T_URL,
            status_code=400,
            json={
                "badRequest": {
                    "code": 400,
                    "message": "Invalid share: Share's status must be "
                    "available.",
                }
            },
        )
        error = self.assertRaises(
            exceptions.BadRequestException,
            self.proxy.create_share_transfer,
            share_id=SHARE_ID,
        )
        self.assertIn("must be available", str(error))

    def test_list_uses_transfers_key(self) -> None:
        self.requests_mock.get(T_URL, json={"transfers": [EXAMPLE]})
        found = list(self.proxy.share_transfers(name="move"))
        self.assert_request(
            "GET",
            "/share-transfers",
            microversion=MV,
            query={"name": ["move"]},
        )
        self.assertEqual([T_ID], [t.id for t in found])

    def test_list_detail(self) -> None:
        self.requests_mock.get(
            T_URL + "/detail", json={"transfers": [EXAMPLE]}
        )
        found = list(self.proxy.share_transfers(details=True))
        self.assert_request("GET", "/share-transfers/detail", microversion=MV)
        self.assertEqual(base.PROJECT_ID, found[0].source_project_id)

    def test_get_and_find(self) -> None:
        self.requests_mock.get(f"{T_URL}/{T_ID}", json={"transfer": EXAMPLE})
        t = self.proxy.get_share_transfer(T_ID)
        self.assert_request("GET", f"/share-transfers/{T_ID}", microversion=MV)
        self.assertEqual("move", t.name)
        self.requests_mock.get(
            f"{T_URL}/move", status_code=404, json=NOT_FOUND
        )
        self.requests_mock.get(
            T_URL + "/detail", json={"transfers": [EXAMPLE]}
        )
        found = self.proxy.find_share_transfer("move")
        assert found is not None
        self.assertEqual(T_ID, found.id)

    def test_get_not_found(self) -> None:
        self.requests_mock.get(
            f"{T_URL}/{T_ID}", status_code=404, json=NOT_FOUND
        )
        error = self.assertRaises(
            exceptions.NotFoundException,
            self.proxy.get_share_transfer,
            T_ID,
        )
        self.assertIn("could not be found", str(error))

    def test_accept(self) -> None:
        self.requests_mock.post(f"{T_URL}/{T_ID}/accept", status_code=202)
        t = self.proxy.accept_share_transfer(
            T_ID, auth_key="key", clear_access_rules=True
        )
        self.assert_request(
            "POST",
            f"/share-transfers/{T_ID}/accept",
            microversion=MV,
            json_body={
                "accept": {"auth_key": "key", "clear_access_rules": True}
            },
        )
        self.assertTrue(t.accepted)

    def test_accept_over_quota(self) -> None:
        self.requests_mock.post(
            f"{T_URL}/{T_ID}/accept",
            status_code=413,
            json={"overLimit": {"code": 413, "message": "quota exceeded"}},
        )
        error = self.assertRaises(
            exceptions.HttpException,
            self.proxy.accept_share_transfer,
            T_ID,
            auth_key="key",
        )
        self.assertEqual(413, error.status_code)

    def test_delete(self) -> None:
        self.requests_mock.delete(f"{T_URL}/{T_ID}", status_code=200)
        self.proxy.delete_share_transfer(T_ID)
        self.assert_request(
            "DELETE", f"/share-transfers/{T_ID}", microversion=MV
        )
        self.proxy.delete_share_transfers(T_ID)
        self.assertEqual(2, len(self.api_requests()))

    def test_delete_missing(self) -> None:
        self.requests_mock.delete(
            f"{T_URL}/{T_ID}", status_code=404, json=NOT_FOUND
        )
        self.proxy.delete_share_transfer(T_ID)
        self.assertRaises(
            exceptions.NotFoundException,
            self.proxy.delete_share_transfer,
            T_ID,
            ignore_missing=False,
        )

    def test_not_supported(self) -> None:
        self.set_server_max("2.76")
        for call in (
            lambda: self.proxy.create_share_transfer(share_id=SHARE_ID),
            lambda: list(self.proxy.share_transfers()),
            lambda: self.proxy.get_share_transfer(T_ID),
            lambda: self.proxy.accept_share_transfer(T_ID, auth_key="k"),
            lambda: self.proxy.delete_share_transfer(T_ID),
        ):
            error = self.assertRaises(exceptions.NotSupported, call)
            self.assertIn("2.77", str(error))
        self.assertEqual([], self.api_requests())
