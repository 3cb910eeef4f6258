"""Tests of ShareBackup and the share backup calls of the proxy."""

from __future__ import annotations

from typing import Any

from openstack import exceptions

from openstack_sfs.tests.unit import base
from openstack_sfs.v2 import share_backup

B_ID = "c07b8c9d-0000-4000-8000-000000000001"
SHARE_ID = "5c9e1a2b-0000-4000-8000-000000000002"
OTHER_ID = "6d0f2b3c-0000-4000-8000-000000000003"
B_URL = base.MANILA_URL + "/share-backups"
MV = "2.91"

EXAMPLE: dict[str, Any] = {
    "id": B_ID,
    "name": "nightly",
    "share_id": SHARE_ID,
    "status": "available",
    "description": None,
    "size": 1,
    "created_at": "2025-01-02T03:04:05.000000",
    "updated_at": None,
    "availability_zone": "nova",
    "progress": "100",
    "restore_progress": "0",
    "backup_type": "daily",
}


class TestShareBackupResource(base.TestCase):
    def test_basics(self) -> None:
        cls = share_backup.ShareBackup
        self.assertEqual("share_backup", cls.resource_key)
        self.assertEqual("share_backups", cls.resources_key)
        self.assertEqual("/share-backups", cls.base_path)
        self.assertEqual(MV, cls._max_microversion)
        for flag in ("create", "fetch", "commit", "delete", "list"):
            self.assertTrue(getattr(cls, "allow_" + flag))
        self.assertFalse(cls.allow_head)
        names = (
            "all_tenants",
            "description",
            "description~",
            "host",
            "id",
            "limit",
            "name",
            "name~",
            "offset",
            "share_id",
            "sort_dir",
            "sort_key",
            "status",
            "topic",
        )
        self.assertEqual({n: n for n in names}, cls._query_mapping._mapping)

    def test_make_it(self) -> None:
        b = share_backup.ShareBackup(**EXAMPLE)
        self.assertEqual(1, b.size)
        self.assertEqual("daily", b.backup_type)
        self.assertEqual("100", b.progress)


class TestShareBackupProxy(base.TestCase):
    def test_list_sends_experimental_header(self) -> None:
        self.requests_mock.get(
            B_URL + "/detail", json={"share_backups": [EXAMPLE]}
        )
        found = list(self.proxy.share_backups(share_id=SHARE_ID))
        self.assert_request(
            "GET",
            "/share-backups/detail",
            microversion=MV,
            experimental=True,
            query={"share_id": [SHARE_ID]},
        )
        self.assertEqual([B_ID], [b.id for b in found])

    def test_get(self) -> None:
        self.requests_mock.get(
            f"{B_URL}/{B_ID}", json={"share_backup": EXAMPLE}
        )
        self.assertEqual("nightly", self.proxy.get_share_backup(B_ID).name)
        self.assert_request(
            "GET",
            f"/share-backups/{B_ID}",
            microversion=MV,
            experimental=True,
        )

    def test_get_not_found(self) -> None:
        self.requests_mock.get(
            f"{B_URL}/{B_ID}",
            status_code=404,
            json={
                "itemNotFound": {
                    "code": 404,
                    "message": f"No backup exists with ID {B_ID}.",
                }
            },
        )
        error = self.assertRaises(
            exceptions.NotFoundException, self.proxy.get_share_backup, B_ID
        )
        self.assertIn("No backup exists", str(error))

    def test_create_update_delete(self) -> None:
        self.requests_mock.post(
            B_URL, status_code=202, json={"share_backup": EXAMPLE}
        )
        self.proxy.create_share_backup(
            share_id=SHARE_ID,
            name="nightly",
            backup_options={"backup_type": "daily"},
        )
        self.assert_request(
            "POST",
            "/share-backups",
            microversion=MV,
            experimental=True,
            json_body={
                "share_backup": {
                    "share_id": SHARE_ID,
                    "name": "nightly",
                    "backup_options": {"backup_type": "daily"},
                }
            },
        )
        self.requests_mock.put(
            f"{B_URL}/{B_ID}", json={"share_backup": EXAMPLE}
        )
        self.proxy.update_share_backup(B_ID, description="d")
        self.assert_request(
            "PUT",
            f"/share-backups/{B_ID}",
            microversion=MV,
            experimental=True,
            json_body={"share_backup": {"description": "d"}},
        )
        self.requests_mock.delete(f"{B_URL}/{B_ID}", status_code=202)
        self.proxy.delete_share_backup(B_ID)
        self.assert_request(
            "DELETE",
            f"/share-backups/{B_ID}",
            microversion=MV,
            experimental=True,
        )

    def test_create_refused(self) -> None:
        self.requests_mock.post(
            B_URL,
            status_code=400,
            json={
                "badRequest": {
                    "code": 400,
                    "message": "Cannot backup share x while it has snapshots.",
                }
            },
        )
        self.assertRaises(
            exceptions.BadRequestException,
            self.proxy.create_share_backup,
            share_id=SHARE_ID,
        )

    def test_restore(self) -> None:
        answer = {"restore": {"backup_id": B_ID, "share_id": OTHER_ID}}
        self.requests_mock.post(
            f"{B_URL}/{B_ID}/action", status_code=202, json=answer
        )
        self.assertEqual(
            answer["restore"],
            self.proxy.restore_share_backup(B_ID, OTHER_ID),
        )
        self.assert_request(
            "POST",
            f"/share-backups/{B_ID}/action",
            microversion=MV,
            experimental=True,
            json_body={"restore": OTHER_ID},
        )
        self.proxy.restore_share_backup(B_ID)
        self.assert_request(
            "POST",
            f"/share-backups/{B_ID}/action",
            microversion=MV,
            experimental=True,
            json_body={"restore": None},
        )

    def test_targeted_restore_not_supported(self) -> None:
        self.set_server_max("2.90")
        self.requests_mock.post(
            f"{B_URL}/{B_ID}/action",
            status_code=202,
            json={"restore": {"backup_id": B_ID, "share_id": SHARE_ID}},
        )
        error = self.assertRaises(
            exceptions.NotSupported,
            self.proxy.restore_share_backup,
            B_ID,
            OTHER_ID,
        )
        self.assertIn("2.91", str(error))
        self.proxy.restore_share_backup(B_ID)
        self.assert_request(
            "POST",
            f"/share-backups/{B_ID}/action",
            microversion="2.90",
            experimental=True,
            json_body={"restore": None},
        )

    def test_reset_status(self) -> None:
        self.requests_mock.post(f"{B_URL}/{B_ID}/action", status_code=202)
        self.proxy.reset_share_backup_status(B_ID, "error")
        self.assert_request(
            "POST",
            f"/share-backups/{B_ID}/action",
            microversion=MV,
            experimental=True,
            json_body={"reset_status": {"status": "error"}},
        )

    def test_not_supported(self) -> None:
        self.set_server_max("2.79")
        for call in (
            lambda: list(self.proxy.share_backups()),
            lambda: self.proxy.get_share_backup(B_ID),
            lambda: self.proxy.create_share_backup(share_id=SHARE_ID),
            lambda: self.proxy.delete_share_backup(B_ID),
            lambda: self.proxy.restore_share_backup(B_ID),
        ):
            error = self.assertRaises(exceptions.NotSupported, call)
            self.assertIn("2.80", str(error))
        self.assertEqual([], self.api_requests())
