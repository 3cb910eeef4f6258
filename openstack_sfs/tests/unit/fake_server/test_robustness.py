"""No request, however malformed, gets a 500 or loses state.

Every route of the table is called with bodies and query strings of wrong
shapes and types, as admin and as a project member, against a cloud that
holds one of each resource. Every answer must be a 4xx/2xx with Manila's
fault envelope on errors, and the resources must still be there.
"""

from __future__ import annotations

import json
from typing import Any

import falcon.testing
import fixtures
import testtools

from fake_server import config, microversion
from fake_server.app import build_app
from fake_server.cloud import Cloud
from fake_server.errors import FAULT_NAMES
from fake_server.routes import ROUTES
from openstack_sfs.tests.unit.fake_server.test_core import password_body

BODY_KEYS = (
    "share",
    "snapshot",
    "share_network",
    "share-network-subnet",
    "share_network_subnet",
    "share_type",
    "volume_type",
    "quota_set",
    "quota_class_set",
    "metadata",
    "meta",
    "extra_specs",
    "access",
    "update_access",
    "ensure_shares",
    "share_server",
    "host",
    "binary",
    "disabled_reason",
    "share_instance",
    "transfer",
)
FIELDS = (
    "share_proto",
    "protocol",
    "size",
    "new_size",
    "name",
    "description",
    "display_name",
    "display_description",
    "share_type",
    "volume_type",
    "snapshot_id",
    "share_id",
    "share_network_id",
    "availability_zone",
    "metadata",
    "is_public",
    "scheduler_hints",
    "access_type",
    "access_to",
    "access_level",
    "access_id",
    "status",
    "task_state",
    "force",
    "host",
    "export_path",
    "service_host",
    "driver_options",
    "share_server_id",
    "provider_location",
    "neutron_net_id",
    "neutron_subnet_id",
    "extra_specs",
    "share_type_access:is_public",
    "project",
    "shares",
    "gigabytes",
    "snapshots",
    "snapshot_gigabytes",
    "share_networks",
    "identifier",
    "share_network_subnet_id",
    "preserve_snapshots",
    "writable",
    "nondisruptive",
    "new_share_network_id",
    "snapshot_id",
    "unrestrict",
    "mount_point_name",
    "replica_state",
    "binary",
    "disabled_reason",
    "identifier",
    "key",
    "lock_visibility",
    "lock_deletion",
    "lock_reason",
    "preferred",
)
WRONG_VALUES: tuple[Any, ...] = (
    None,
    -1,
    0,
    "x",
    [],
    {},
    True,
    1.5,
    "-5",
    {"a": {"b": []}},
    ["x", 1],
)
RAW_BODIES = (
    b"",
    b"not json",
    b"null",
    b"[]",
    b'"text"',
    b"1",
    b"{}",
    b'{"a": 1',
)
QUERY = (
    "limit=x&offset=-1&sort_key=zzz&sort_dir=up&all_tenants=maybe"
    "&is_public=maybe&with_count=maybe&metadata=notadict"
    "&extra_specs=[&created_since=notadate&created_before=x"
    "&share_id=x&host=[&ensuring=maybe&capabilities=x&pool=("
)


class TestRobustness(testtools.TestCase):
    def setUp(self) -> None:
        super().setUp()
        self.useFixture(fixtures.Timeout(240, gentle=True))
        self.cloud = Cloud(config.from_dict({"server": self.server()}))
        self.addCleanup(self.cloud.close)
        self.client = falcon.testing.TestClient(build_app(self.cloud))
        self.tokens = {u: self._token(u) for u in ("admin", "demo")}
        self.ids = self._populate()

    def server(self) -> dict[str, Any]:
        """The ``[server]`` settings of the cloud under test."""
        return {"progression": "manual"}

    def _token(self, user: str) -> str:
        body = password_body(user)
        result = self.client.simulate_post(
            "/identity/v3/auth/tokens", json=body
        )
        return str(result.headers["X-Subject-Token"])

    def call(
        self,
        method: str,
        path: str,
        user: str = "demo",
        body: bytes | None = None,
        query: str = "",
        version: str = "2.99",
    ) -> Any:
        headers = {
            "X-Auth-Token": self.tokens[user],
            microversion.HEADER: version,
            microversion.EXPERIMENTAL_HEADER: "True",
            "Content-Type": "application/json",
        }
        return self.client.simulate_request(
            method, path, headers=headers, body=body, query_string=query
        )

    def ok(
        self, method: str, path: str, payload: Any = None, user: str = "demo"
    ) -> Any:
        body = None if payload is None else json.dumps(payload).encode()
        result = self.call(method, path, user, body)
        self.assertLess(result.status_code, 300, result.text)
        self.cloud.bus.advance()
        return result.json if result.content else None

    def _populate(self) -> dict[str, str]:
        share = self.ok(
            "POST",
            "/v2/shares",
            {"share": {"share_proto": "NFS", "size": 1, "name": "keep"}},
        )["share"]
        sid = share["id"]
        rule = self.ok(
            "POST",
            f"/v2/shares/{sid}/action",
            {"allow_access": {"access_type": "ip", "access_to": "10.0.0.1"}},
        )["access"]
        snap = self.ok(
            "POST", "/v2/snapshots", {"snapshot": {"share_id": sid}}
        )["snapshot"]
        net = self.ok(
            "POST",
            "/v2/share-networks",
            {
                "share_network": {
                    "neutron_net_id": "n",
                    "neutron_subnet_id": "s",
                }
            },
        )["share_network"]
        subnets = self.ok("GET", f"/v2/share-networks/{net['id']}/subnets")
        self.ok(
            "POST",
            "/v2/shares",
            {
                "share": {
                    "share_proto": "NFS",
                    "size": 1,
                    "share_type": "dhss_true",
                    "share_network_id": net["id"],
                }
            },
        )
        servers = self.ok("GET", "/v2/share-servers", user="admin")
        els = self.ok("GET", f"/v2/shares/{sid}/export_locations")
        types = self.ok("GET", "/v2/types")
        self.ok(
            "POST",
            "/v2/shares",
            {
                "share": {
                    "share_proto": "NFS",
                    "size": 1,
                    "availability_zone": "nova",
                    "scheduler_hints": {},
                    "share_type": "default",
                }
            },
        )
        project = self.cloud.identity.project_ids()["demo"]
        messages = self.cloud.store.select("messages")
        message_id = messages[0]["id"] if messages else "none"
        extra = self._populate_more(sid)
        return {
            **extra,
            "share_id": sid,
            "access_id": rule["id"],
            "snapshot_id": snap["id"],
            "share_network_id": net["id"],
            "subnet_id": subnets["share_network_subnets"][0]["id"],
            "server_id": servers["share_servers"][0]["id"],
            "export_location_id": els["export_locations"][0]["id"],
            "type_id": types["share_types"][0]["id"],
            "instance_id": share.get("instance_id")
            or self.cloud.store.get("shares", sid)["instance_id"],
            "project_id": project,
            "class_name": "default",
            "key": "k",
            "message_id": message_id,
            "action": "unmanage",
        }

    def _new_share(self, name: str) -> str:
        share = self.ok(
            "POST",
            "/v2/shares",
            {"share": {"share_proto": "NFS", "size": 1, "name": name}},
        )["share"]
        return str(share["id"])

    def _populate_more(self, sid: str) -> dict[str, str]:
        """One of each resource of the areas beyond shares and snapshots."""
        replica = self.ok(
            "POST", "/v2/share-replicas", {"share_replica": {"share_id": sid}}
        )["share_replica"]
        group_types = self.ok("GET", "/v2/share-group-types")
        group = self.ok(
            "POST", "/v2/share-groups", {"share_group": {"name": "g"}}
        )["share_group"]
        group_snapshot = self.ok(
            "POST",
            "/v2/share-group-snapshots",
            {"share_group_snapshot": {"share_group_id": group["id"]}},
        )["share_group_snapshot"]
        security_service = self.ok(
            "POST",
            "/v2/security-services",
            {"security_service": {"type": "ldap", "name": "ldap"}},
        )["security_service"]
        transfer = self.ok(
            "POST",
            "/v2/share-transfers",
            {"transfer": {"share_id": self._new_share("moving")}},
        )["transfer"]
        lock = self.ok(
            "POST",
            "/v2/resource-locks",
            {
                "resource_lock": {
                    "resource_id": self._new_share("locked"),
                    "resource_type": "share",
                }
            },
        )["resource_lock"]
        qos_type = self.ok(
            "POST",
            "/v2/qos-types",
            {"qos_type": {"name": "gold", "specs": {"iops": "100"}}},
            user="admin",
        )["qos_type"]
        backup = self.ok(
            "POST",
            "/v2/share-backups",
            {"share_backup": {"share_id": self._new_share("backed")}},
        )["share_backup"]
        return {
            "replica_id": replica["id"],
            "group_type_id": group_types["share_group_types"][0]["id"],
            "share_group_id": group["id"],
            "group_snapshot_id": group_snapshot["id"],
            "security_service_id": security_service["id"],
            "transfer_id": transfer["id"],
            "lock_id": lock["id"],
            "qos_type_id": qos_type["id"],
            "backup_id": backup["id"],
        }

    def test_every_route_parameter_has_a_real_id(self) -> None:
        import re

        names = {
            name
            for route in ROUTES
            for name in re.findall(r"{(\w+)}", route.template)
        }
        self.assertEqual(set(), names - set(self.ids))

    def _path(self, template: str) -> str:
        path = template
        for name, value in self.ids.items():
            path = path.replace("{" + name + "}", value)
        return "/v2" + path

    def _bodies(self, action: str | None) -> list[bytes]:
        bodies = list(RAW_BODIES)
        for value in WRONG_VALUES:
            inner = {field: value for field in FIELDS}
            for payload in (value, inner):
                if action:
                    bodies.append(json.dumps({action: payload}).encode())
                else:
                    bodies.append(
                        json.dumps(
                            {key: payload for key in BODY_KEYS}
                        ).encode()
                    )
        return bodies

    def check(self, result: Any, what: str) -> None:
        self.assertLess(result.status_code, 500, f"{what}: {result.text}")
        if result.status_code >= 400 and result.content:
            body = result.json
            self.assertEqual(1, len(body), what)
            ((name, inner),) = body.items()
            self.assertIn(
                name, set(FAULT_NAMES.values()) | {"computeFault"}, what
            )
            self.assertEqual(result.status_code, inner["code"], what)
            self.assertIsInstance(inner["message"], str, what)

    def test_every_route_survives_garbage(self) -> None:
        routes = sorted(ROUTES, key=lambda r: r.method == "DELETE")
        for route in routes:
            path = self._path(route.template)
            for user, version in (
                ("demo", "2.99"),
                ("admin", "2.99"),
                ("admin", "2.6"),
                ("demo", "2.45"),
            ):
                if not route.serves(microversion.Version.parse(version)):
                    continue
                if route.method in ("GET", "DELETE"):
                    what = (
                        f"{user} {version} {route.method} "
                        f"{route.template} ?garbage"
                    )
                    self.check(
                        self.call(
                            route.method,
                            path,
                            user,
                            query=QUERY,
                            version=version,
                        ),
                        what,
                    )
                    continue
                for body in self._bodies(route.action):
                    what = (
                        f"{user} {version} {route.method} "
                        f"{route.template} {body[:80]!r}"
                    )
                    self.check(
                        self.call(
                            route.method, path, user, body, version=version
                        ),
                        what,
                    )
                self.cloud.bus.advance()
        # the share made first is still served (unless a garbage DELETE
        # really deleted it, which needs a well-formed request)
        result = self.call("GET", "/v2/shares", "admin", query="all_tenants=1")
        self.assertEqual(200, result.status_code)
