"""QoS types and specs (2.94) of the fake server, in-process."""

from __future__ import annotations

from openstack_sfs.tests.unit.fake_server.test_networks_servers import (
    AppTestCase,
)

Q = "/qos-types"


class TestQosTypes(AppTestCase):
    def test_lifecycle(self) -> None:
        created = self.ok(
            "POST",
            Q,
            {
                "qos_type": {
                    "name": "gold",
                    "specs": {"peak_iops": "100", "burst": True},
                }
            },
            user="admin",
        )["qos_type"]
        self.assertEqual(
            {"peak_iops": "100", "burst": "True"}, created["specs"]
        )
        qid = created["id"]
        rows = self.ok("GET", Q, query="name~=gol")["qos_types"]
        self.assertEqual([qid], [r["id"] for r in rows])
        self.ok("GET", f"{Q}/{qid}")
        updated = self.ok(
            "PUT",
            f"{Q}/{qid}",
            {"qos_type": {"description": "d", "name": "x"}},
            user="admin",
        )["qos_type"]
        self.assertEqual(
            ("gold", "d"), (updated["name"], updated["description"])
        )
        answer = self.ok(
            "POST",
            f"{Q}/{qid}/specs",
            {"specs": {"min_iops": "5"}},
            user="admin",
        )
        self.assertEqual({"specs": {"min_iops": "5"}}, answer)
        self.assertEqual(
            {"min_iops": "5"},
            self.ok("GET", f"{Q}/{qid}/specs/min_iops", user="admin"),
        )
        self.ok(
            "PUT", f"{Q}/{qid}/specs/min_iops", {"min_iops": "6"}, user="admin"
        )
        self.assertEqual(
            "6",
            self.ok("GET", f"{Q}/{qid}/specs", user="admin")["specs"][
                "min_iops"
            ],
        )
        self.ok(
            "DELETE", f"{Q}/{qid}/specs/min_iops", status=204, user="admin"
        )
        self.fault(
            404,
            "itemNotFound",
            None,
            "DELETE",
            f"{Q}/{qid}/specs/min_iops",
            user="admin",
        )
        self.ok("DELETE", f"{Q}/{qid}", status=204, user="admin")
        self.fault(
            404,
            "itemNotFound",
            f"No QoS Type exists with ID {qid}.",
            "GET",
            f"{Q}/{qid}",
        )

    def test_rules(self) -> None:
        self.fault(
            403, "forbidden", None, "POST", Q, {"qos_type": {"name": "g"}}
        )
        self.fault(404, "itemNotFound", None, "GET", Q, version="2.93")
        self.fault(
            422, "computeFault", None, "POST", Q, {"x": 1}, user="admin"
        )
        self.fault(
            400, "badRequest", None, "POST", Q, {"qos_type": {}}, user="admin"
        )
        self.fault(
            400,
            "badRequest",
            None,
            "POST",
            Q,
            {"qos_type": {"name": "g", "specs": {"k": 5}}},
            user="admin",
        )
        self.ok("POST", Q, {"qos_type": {"name": "g"}}, user="admin")
        self.fault(
            409,
            "conflictingRequest",
            "QoS Type with name g already exist.",
            "POST",
            Q,
            {"qos_type": {"name": "g"}},
            user="admin",
        )
        qid = self.ok("GET", Q)["qos_types"][0]["id"]
        self.fault(403, "forbidden", None, "GET", f"{Q}/{qid}/specs")
        self.fault(
            400,
            "badRequest",
            "Request body and URI mismatch",
            "PUT",
            f"{Q}/{qid}/specs/a",
            {"b": "1"},
            user="admin",
        )
        self.fault(
            400,
            "badRequest",
            None,
            "POST",
            f"{Q}/{qid}/specs",
            {"specs": {"bad key!": "1"}},
            user="admin",
        )
