"""Quotas, quota classes and limits through openstack_sfs."""

from __future__ import annotations

from openstack import exceptions

from openstack_sfs.tests.functional import base


class TestQuotas(base.FunctionalTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.project = self.fake.project_id("demo")
        self.addCleanup(self._revert)

    def _revert(self) -> None:
        self.admin_sfs.revert_quota_set(self.project)

    def create_share(self, **attrs):
        attrs.setdefault("size", 1)
        attrs.setdefault("share_protocol", "NFS")
        share = self.sfs.create_share(**attrs)
        self.addCleanup(self._delete_quietly, share.id)
        return self.sfs.wait_for_status(
            share,
            "available",
            failures=["error"],
            interval=0.02,
            wait=base.WAIT,
        )

    def _delete_quietly(self, share_id: str) -> None:
        try:
            self.admin_sfs.delete_share(share_id)
        except exceptions.SDKException:
            pass

    def test_share_create_over_quota_is_413(self) -> None:
        updated = self.admin_sfs.update_quota_set(self.project, shares=1)
        self.assertEqual(1, updated.shares)
        self.create_share()
        error = self.assertRaises(
            exceptions.HttpException,
            self.sfs.create_share,
            size=1,
            share_protocol="NFS",
        )
        self.assertEqual(413, error.status_code)
        self.assertIn(
            "ShareLimitExceeded: Maximum number of shares allowed (1) "
            "either per project/user or share type quota is exceeded.",
            str(error),
        )
        detail = self.sfs.get_quota_set(self.project, usage=True)
        self.assertEqual(1, detail.shares)
        self.assertEqual(1, detail.usage["shares"])
        self.assertEqual(1, detail.usage["gigabytes"])

    def test_share_type_and_size_quotas(self) -> None:
        self.admin_sfs.update_quota_set(
            self.project, share_type="dhss_false", gigabytes=3
        )
        self.admin_sfs.update_quota_set(self.project, per_share_gigabytes=5)
        self.create_share(size=2, share_type="dhss_false")
        error = self.assertRaises(
            exceptions.HttpException,
            self.sfs.create_share,
            size=2,
            share_protocol="NFS",
            share_type="dhss_false",
        )
        self.assertEqual(413, error.status_code)
        self.assertIn("ShareSizeExceedsAvailableQuota", str(error))
        self.create_share(size=2)  # the default type is not limited
        error = self.assertRaises(
            exceptions.HttpException,
            self.sfs.create_share,
            size=6,
            share_protocol="NFS",
        )
        self.assertEqual(413, error.status_code)
        self.assertIn(
            "Requested share size 6 is larger than maximum allowed limit 5.",
            str(error),
        )
        typed = self.sfs.get_quota_set(self.project, share_type="dhss_false")
        self.assertEqual(3, typed.gigabytes)

    def test_update_rules_and_revert(self) -> None:
        self.create_share()
        self.create_share()
        error = self.assertRaises(
            exceptions.BadRequestException,
            self.admin_sfs.update_quota_set,
            self.project,
            shares=1,
        )
        self.assertIn(
            "Quota value 1 for shares is smaller than already "
            "used and reserved 2.",
            str(error),
        )
        forced = self.admin_sfs.update_quota_set(
            self.project, shares=1, force=True
        )
        self.assertEqual(1, forced.shares)
        # the SDK refuses this locally; the server answers Manila's 400
        raw = self.raw(
            self.admin,
            "PUT",
            f"/quota-sets/{self.project}?user_id=u&share_type=default",
            json={"quota_set": {"shares": 3}},
        )
        self.assertEqual(400, raw.status_code)
        self.assertEqual(
            "'user_id' and 'share_type' values are mutually exclusive",
            raw.json()["badRequest"]["message"],
        )
        self.assertRaises(
            exceptions.ForbiddenException,
            self.sfs.update_quota_set,
            self.project,
            shares=9,
        )
        self.assertRaises(
            exceptions.ForbiddenException,
            self.sfs.get_quota_set,
            self.fake.project_id("alt_demo"),
        )
        self.admin_sfs.revert_quota_set(self.project)
        self.assertEqual(50, self.sfs.get_quota_set(self.project).shares)
        defaults = self.sfs.get_quota_set_defaults(self.project)
        self.assertEqual(1000, defaults.gigabytes)

    def test_quota_class_and_limits(self) -> None:
        klass = self.admin_sfs.update_quota_class_set("default", shares=4)
        self.addCleanup(
            self.admin_sfs.update_quota_class_set, "default", shares=50
        )
        self.assertEqual(4, klass.shares)
        self.assertEqual(
            4, self.admin_sfs.get_quota_class_set("default").shares
        )
        self.assertRaises(
            exceptions.ForbiddenException,
            self.sfs.get_quota_class_set,
            "default",
        )
        self.create_share(size=2)
        limits = self.sfs.get_limits()
        self.assertEqual(4, limits.maxTotalShares)
        self.assertEqual(1, limits.totalSharesUsed)
        self.assertEqual(2, limits.totalShareGigabytesUsed)
        self.assertEqual(100, limits.maxTotalShareReplicas)
        self.assertEqual([], limits.rate)
        raw = self.raw(self.conn, "GET", "/limits", microversion="2.52")
        self.assertNotIn(
            "maxTotalShareReplicas", raw.json()["limits"]["absolute"]
        )
