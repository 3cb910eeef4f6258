"""QoS types through openstack_sfs against the fake server."""

from __future__ import annotations

from openstack import exceptions

from openstack_sfs.tests.functional import base


class TestQosTypes(base.FunctionalTestCase):
    def test_lifecycle(self) -> None:
        qos = self.admin_sfs.create_qos_type(
            name="gold", description="fast", specs={"peak_iops": "1000"}
        )
        self.addCleanup(self.admin_sfs.delete_qos_type, qos)
        self.assertEqual({"peak_iops": "1000"}, qos.specs)
        found = self.sfs.find_qos_type("gold")
        assert found is not None
        self.assertEqual(qos.id, found.id)
        self.admin_sfs.update_qos_type(qos, description="faster")
        self.assertEqual("faster", self.sfs.get_qos_type(qos.id).description)
        self.admin_sfs.update_qos_type_specs(qos, min_iops="10")
        self.admin_sfs.update_qos_type_spec(qos, "peak_iops", "2000")
        self.assertEqual(
            {"peak_iops": "2000", "min_iops": "10"},
            self.admin_sfs.get_qos_type_specs(qos),
        )
        self.admin_sfs.delete_qos_type_spec(qos, "min_iops")
        self.assertRaises(
            exceptions.NotFoundException,
            self.admin_sfs.get_qos_type_spec,
            qos,
            "min_iops",
        )
        self.assertRaises(
            exceptions.ForbiddenException,
            self.sfs.create_qos_type,
            name="silver",
        )

    def test_bad_input_is_4xx(self) -> None:
        for body in (
            {"qos_type": {"name": 5}},
            {"qos_type": {"name": "n", "specs": []}},
            {"qos_type": {"name": "n", "specs": {"k": None}}},
            {"qos_type": {"name": "n", "description": {}}},
        ):
            response = self.raw(self.admin, "POST", "/qos-types", json=body)
            self.assertEqual(400, response.status_code, response.text)
