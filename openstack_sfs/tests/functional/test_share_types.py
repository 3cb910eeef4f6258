"""Share types, extra specs and type access through openstack_sfs."""

from __future__ import annotations

from openstack import exceptions

from openstack_sfs.tests.functional import base

DHSS_FALSE = {"driver_handles_share_servers": "False"}


class TestShareTypes(base.FunctionalTestCase):
    def create_type(self, name: str, **attrs):
        attrs.setdefault("extra_specs", dict(DHSS_FALSE))
        share_type = self.admin_sfs.create_share_type(name, **attrs)
        self.addCleanup(self.admin_sfs.delete_share_type, share_type.id)
        return share_type

    def test_list_and_default(self) -> None:
        names = sorted(t.name for t in self.sfs.share_types())
        self.assertEqual(["default", "dhss_false", "dhss_true"], names)
        default = self.sfs.get_default_share_type()
        self.assertEqual("default", default.name)
        self.assertTrue(default.is_default)
        self.assertEqual(
            {"driver_handles_share_servers": "False"},
            default.required_extra_specs,
        )
        dhss = list(
            self.sfs.share_types(
                extra_specs={"driver_handles_share_servers": "True"}
            )
        )
        self.assertEqual(["dhss_true"], [t.name for t in dhss])

    def test_private_type_access_flow(self) -> None:
        secret = self.create_type(
            "secret", is_public=False, description="for demo only"
        )
        self.assertFalse(secret.is_public)
        self.assertEqual("for demo only", secret.description)
        self.assertNotIn("secret", [t.name for t in self.sfs.share_types()])
        self.assertRaises(
            exceptions.NotFoundException, self.sfs.get_share_type, secret.id
        )
        project = self.fake.project_id("demo")
        self.admin_sfs.add_share_type_access(secret, project)
        self.assertEqual(
            [project],
            [
                a["project_id"]
                for a in self.admin_sfs.share_type_access(secret)
            ],
        )
        self.assertEqual("secret", self.sfs.get_share_type(secret.id).name)
        alt = self.alt.shared_file_system
        self.assertNotIn("secret", [t.name for t in alt.share_types()])
        error = self.assertRaises(
            exceptions.ConflictException,
            self.admin_sfs.add_share_type_access,
            secret,
            project,
        )
        self.assertIn("already exists", str(error))
        self.admin_sfs.remove_share_type_access(secret, project)
        self.assertEqual([], self.admin_sfs.share_type_access(secret))
        self.assertRaises(
            exceptions.NotFoundException,
            self.admin_sfs.remove_share_type_access,
            secret,
            project,
        )
        public = self.admin_sfs.find_share_type("dhss_true")
        self.assertRaises(
            exceptions.NotFoundException,
            self.admin_sfs.share_type_access,
            public,
        )

    def test_extra_specs(self) -> None:
        share_type = self.create_type("specs")
        self.admin_sfs.update_share_type_extra_specs(
            share_type, snapshot_support="True", **{"vendor:tier": "gold"}
        )
        specs = self.admin_sfs.get_share_type_extra_specs(share_type)
        self.assertEqual("gold", specs["vendor:tier"])
        self.assertEqual("True", specs["snapshot_support"])
        self.assertEqual(
            "gold",
            self.admin_sfs.get_share_type_extra_spec(
                share_type, "vendor:tier"
            ),
        )
        self.admin_sfs.delete_share_type_extra_spec_property(
            share_type, "vendor:tier"
        )
        self.assertNotIn(
            "vendor:tier",
            self.admin_sfs.get_share_type_extra_specs(share_type),
        )
        error = self.assertRaises(
            exceptions.ForbiddenException,
            self.admin_sfs.delete_share_type_extra_spec_property,
            share_type,
            "driver_handles_share_servers",
        )
        self.assertIn("can't be deleted", str(error))
        error = self.assertRaises(
            exceptions.BadRequestException,
            self.admin_sfs.update_share_type_extra_specs,
            share_type,
            replication_type="sideways",
        )
        self.assertIn(
            "Invalid extra_spec: replication_type: sideways", str(error)
        )
        # tenants see only the standard specs
        seen = self.sfs.get_share_type(share_type.id)
        self.assertNotIn("vendor:tier", seen.extra_specs)

    def test_bad_input_and_policy(self) -> None:
        error = self.assertRaises(
            exceptions.BadRequestException,
            self.admin_sfs.create_share_type,
            "nodhss",
            extra_specs={},
        )
        self.assertIn(
            "Required extra specs 'driver_handles_share_servers' not "
            "specified.",
            str(error),
        )
        error = self.assertRaises(
            exceptions.ConflictException,
            self.admin_sfs.create_share_type,
            "default",
            extra_specs=dict(DHSS_FALSE),
        )
        self.assertIn("Share Type default already exists.", str(error))
        self.assertRaises(
            exceptions.ForbiddenException,
            self.sfs.create_share_type,
            "mine",
            extra_specs=dict(DHSS_FALSE),
        )

    def test_update_and_delete_in_use(self) -> None:
        share_type = self.create_type("before")
        updated = self.admin_sfs.update_share_type(
            share_type, name="after", description="renamed"
        )
        self.assertEqual(
            ("after", "renamed"), (updated.name, updated.description)
        )
        share = self.sfs.create_share(
            size=1, share_protocol="NFS", share_type="after"
        )
        share = self.sfs.wait_for_status(
            share,
            "available",
            failures=["error"],
            interval=0.02,
            wait=base.WAIT,
        )
        error = self.assertRaises(
            exceptions.BadRequestException,
            self.admin_sfs.delete_share_type,
            share_type,
        )
        self.assertIn("Target share type is still in use.", str(error))
        self.sfs.delete_share(share)
        self.sfs.wait_for_delete(share, interval=0.02, wait=base.WAIT)
        self.admin_sfs.delete_share_type(share_type)
        self.assertRaises(
            exceptions.NotFoundException,
            self.admin_sfs.get_share_type,
            share_type.id,
        )
