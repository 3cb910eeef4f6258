"""Tests of ResourceLock and the resource lock calls of the proxy."""

from __future__ import annotations

from typing import Any

from openstack import exceptions

from openstack_sfs.tests.unit import base
from openstack_sfs.v2 import resource_lock

LOCK_ID = "ae5f6a7b-0000-4000-8000-000000000001"
SHARE_ID = "5c9e1a2b-0000-4000-8000-000000000002"
L_URL = base.MANILA_URL + "/resource-locks"
MV = "2.81"

EXAMPLE: dict[str, Any] = {
    "id": LOCK_ID,
    "user_id": base.USER_ID,
    "project_id": base.PROJECT_ID,
    "lock_context": "user",
    "resource_type": "share",
    "resource_id": SHARE_ID,
    "resource_action": "delete",
    "lock_reason": "keep",
    "created_at": "2025-01-02T03:04:05.000000",
    "updated_at": None,
    "links": [],
}
NOT_FOUND = {
    "itemNotFound": {
        "code": 404,
        "message": f"Resource lock {LOCK_ID} could not be found.",
    }
}


class TestResourceLockResource(base.TestCase):
    def test_basics(self) -> None:
        cls = resource_lock.ResourceLock
        self.assertEqual("resource_lock", cls.resource_key)
        self.assertEqual("resource_locks", cls.resources_key)
        self.assertEqual("/resource-locks", cls.base_path)
        self.assertEqual(MV, cls._max_microversion)
        self.assertTrue(cls.allow_create)
        self.assertTrue(cls.allow_fetch)
        self.assertTrue(cls.allow_commit)
        self.assertTrue(cls.allow_delete)
        self.assertTrue(cls.allow_list)
        self.assertFalse(cls.allow_head)

    def test_query_mapping(self) -> None:
        names = [
            "all_projects",
            "created_before",
            "created_since",
            "id",
            "limit",
            "lock_context",
            "lock_reason",
            "lock_reason~",
            "offset",
            "project_id",
            "resource_action",
            "resource_id",
            "resource_type",
            "sort_dir",
            "sort_key",
            "user_id",
            "with_count",
        ]
        self.assertEqual(
            {n: n for n in names},
            resource_lock.ResourceLock._query_mapping._mapping,
        )

    def test_make_it(self) -> None:
        lock = resource_lock.ResourceLock(**EXAMPLE)
        self.assertEqual("share", lock.resource_type)
        self.assertEqual("delete", lock.resource_action)
        self.assertEqual("user", lock.lock_context)
        self.assertEqual(base.USER_ID, lock.user_id)


class TestResourceLockProxy(base.TestCase):
    def test_list_with_resource_type_filter(self) -> None:
        self.requests_mock.get(L_URL, json={"resource_locks": [EXAMPLE]})
        found = list(
            self.proxy.resource_locks(
                resource_type="share", resource_id=SHARE_ID
            )
        )
        self.assert_request(
            "GET",
            "/resource-locks",
            microversion=MV,
            query={"resource_type": ["share"], "resource_id": [SHARE_ID]},
        )
        self.assertEqual([LOCK_ID], [lk.id for lk in found])

    def test_get(self) -> None:
        self.requests_mock.get(
            f"{L_URL}/{LOCK_ID}", json={"resource_lock": EXAMPLE}
        )
        self.assertEqual(
            "keep", self.proxy.get_resource_lock(LOCK_ID).lock_reason
        )
        self.assert_request(
            "GET", f"/resource-locks/{LOCK_ID}", microversion=MV
        )

    def test_get_not_found(self) -> None:
        self.requests_mock.get(
            f"{L_URL}/{LOCK_ID}", status_code=404, json=NOT_FOUND
        )
        error = self.assertRaises(
            exceptions.NotFoundException,
            self.proxy.get_resource_lock,
            LOCK_ID,
        )
        self.assertIn("could not be found", str(error))

    def test_create(self) -> None:
        self.requests_mock.post(L_URL, json={"resource_lock": EXAMPLE})
        lock = self.proxy.create_resource_lock(
            resource_id=SHARE_ID,
            resource_type="access_rule",
            resource_action="show",
            lock_reason="keep",
        )
        self.assert_request(
            "POST",
            "/resource-locks",
            microversion=MV,
            json_body={
                "resource_lock": {
                    "resource_id": SHARE_ID,
                    "resource_type": "access_rule",
                    "resource_action": "show",
                    "lock_reason": "keep",
                }
            },
        )
        self.assertEqual(LOCK_ID, lock.id)

    def test_create_defaults_resource_type(self) -> None:
        self.requests_mock.post(L_URL, json={"resource_lock": EXAMPLE})
        self.proxy.create_resource_lock(resource_id=SHARE_ID)
        self.assert_request(
            "POST",
            "/resource-locks",
            microversion=MV,
            json_body={
                "resource_lock": {
                    "resource_id": SHARE_ID,
                    "resource_type": "share",
                }
            },
        )

    def test_create_refused(self) -> None:
        self.requests_mock.post(
            L_URL,
            status_code=400,
            json={
                "badRequest": {
                    "code": 400,
                    "message": "No such resource found.",
                }
            },
        )
        error = self.assertRaises(
            exceptions.BadRequestException,
            self.proxy.create_resource_lock,
            resource_id=SHARE_ID,
        )
        self.assertIn("No such resource", str(error))

    def test_update(self) -> None:
        self.requests_mock.put(
            f"{L_URL}/{LOCK_ID}", json={"resource_lock": EXAMPLE}
        )
        self.proxy.update_resource_lock(LOCK_ID, lock_reason="new")
        self.assert_request(
            "PUT",
            f"/resource-locks/{LOCK_ID}",
            microversion=MV,
            json_body={"resource_lock": {"lock_reason": "new"}},
        )

    def test_delete(self) -> None:
        self.requests_mock.delete(f"{L_URL}/{LOCK_ID}", status_code=204)
        self.proxy.delete_resource_lock(LOCK_ID)
        self.assert_request(
            "DELETE", f"/resource-locks/{LOCK_ID}", microversion=MV
        )

    def test_delete_forbidden(self) -> None:
        self.requests_mock.delete(
            f"{L_URL}/{LOCK_ID}",
            status_code=403,
            json={
                "forbidden": {
                    "code": 403,
                    "message": "Resource lock cannot be manipulated by user.",
                }
            },
        )
        self.assertRaises(
            exceptions.ForbiddenException,
            self.proxy.delete_resource_lock,
            LOCK_ID,
        )

    def test_not_supported(self) -> None:
        self.set_server_max("2.80")
        for call in (
            lambda: list(self.proxy.resource_locks()),
            lambda: self.proxy.get_resource_lock(LOCK_ID),
            lambda: self.proxy.create_resource_lock(resource_id=SHARE_ID),
            lambda: self.proxy.update_resource_lock(LOCK_ID, lock_reason="x"),
            lambda: self.proxy.delete_resource_lock(LOCK_ID),
        ):
            error = self.assertRaises(exceptions.NotSupported, call)
            self.assertIn("2.81", str(error))
        self.assertEqual([], self.api_requests())
