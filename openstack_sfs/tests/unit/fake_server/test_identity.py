"""The fake Keystone: admin API, policies, tokens and their rules."""

from __future__ import annotations

from typing import Any

import fixtures
import testtools

from fake_server import config
from fake_server.cloud import Cloud
from fake_server.identity import faults, policy
from fake_server.identity.backend import Backend, check_password
from fake_server.state import Store
from openstack_sfs.tests.unit.fake_server.test_core import (
    AppTestCase,
    password_body,
)

V3 = "/identity/v3"


def id_body(
    user_id: str, password: str, scope: dict[str, Any] | None = None
) -> dict[str, Any]:
    body: dict[str, Any] = {
        "auth": {
            "identity": {
                "methods": ["password"],
                "password": {"user": {"id": user_id, "password": password}},
            }
        }
    }
    if scope is not None:
        body["auth"]["scope"] = scope
    return body


class KeystoneTestCase(AppTestCase):
    """Helpers over the falcon client as Keystone's admin."""

    def ks(
        self,
        method: str,
        path: str,
        token: str | None = None,
        **kwargs: Any,
    ) -> Any:
        headers = {"X-Auth-Token": token or self.tokens["admin"]}
        headers.update(kwargs.pop("headers", {}))
        return self.client.simulate_request(
            method, V3 + path, headers=headers, **kwargs
        )

    def ok(self, status: int, result: Any) -> Any:
        self.assertEqual(status, result.status_code, result.text)
        return result.json if result.text else None

    def role_id(self, name: str) -> str:
        roles = self.ok(200, self.ks("GET", "/roles", params={"name": name}))
        return str(roles["roles"][0]["id"])

    def new_project(self, name: str = "p1") -> str:
        body = {"project": {"name": name, "domain_id": "default"}}
        return str(
            self.ok(201, self.ks("POST", "/projects", json=body))["project"][
                "id"
            ]
        )

    def new_user(self, name: str = "u1", password: str = "pw") -> str:
        body = {
            "user": {
                "name": name,
                "password": password,
                "domain_id": "default",
            }
        }
        return str(
            self.ok(201, self.ks("POST", "/users", json=body))["user"]["id"]
        )

    def grant(self, project: str, user: str, role: str) -> None:
        path = f"/projects/{project}/users/{user}/roles/{self.role_id(role)}"
        self.ok(204, self.ks("PUT", path))

    def login(self, body: dict[str, Any]) -> Any:
        return self.client.simulate_post(V3 + "/auth/tokens", json=body)

    def login_token(self, user: str, project: str, pw: str = "pw") -> str:
        result = self.login(id_body(user, pw, {"project": {"id": project}}))
        self.assertEqual(201, result.status_code, result.text)
        return str(result.headers["X-Subject-Token"])


class TestDynamicCredentials(KeystoneTestCase):
    """What tempest's V3CredsClient and DynamicCredentialProvider send."""

    def test_tempest_dynamic_credentials_flow(self) -> None:
        domains = self.ok(
            200, self.ks("GET", "/domains", params={"name": "Default"})
        )["domains"]
        self.assertEqual(["default"], [d["id"] for d in domains])
        body = {
            "project": {
                "name": "tempest-p",
                "description": "tempest-p-desc",
                "domain_id": "default",
            }
        }
        project = self.ok(201, self.ks("POST", "/projects", json=body))[
            "project"
        ]
        self.assertEqual(
            ("tempest-p", "default", "default", True, False),
            (
                project["name"],
                project["domain_id"],
                project["parent_id"],
                project["enabled"],
                project["is_domain"],
            ),
        )
        shown = self.ok(200, self.ks("GET", f"/projects/{project['id']}"))
        self.assertEqual(project, shown["project"])
        body = {
            "user": {
                "name": "tempest-p-project",
                "password": "s3cret",
                "domain_id": "default",
            }
        }
        user = self.ok(201, self.ks("POST", "/users", json=body))["user"]
        self.assertNotIn("password", user)
        roles = self.ok(200, self.ks("GET", "/roles"))["roles"]
        self.assertEqual(
            {"admin", "manager", "member", "reader", "service"},
            {r["name"] for r in roles},
        )
        member = next(r for r in roles if r["name"] == "member")
        path = (
            f"/projects/{project['id']}/users/{user['id']}/roles/"
            + member["id"]
        )
        self.ok(204, self.ks("PUT", path))
        # granting twice is fine, as in Keystone
        self.ok(204, self.ks("PUT", path))
        # tempest's credentials: user id, project id with its domain
        result = self.login(
            {
                "auth": {
                    "identity": {
                        "methods": ["password"],
                        "password": {
                            "user": {"id": user["id"], "password": "s3cret"}
                        },
                    },
                    "scope": {
                        "project": {
                            "id": project["id"],
                            "domain": {"id": "default"},
                        }
                    },
                }
            }
        )
        self.assertEqual(201, result.status_code, result.text)
        token = result.json["token"]
        self.assertEqual(project["id"], token["project"]["id"])
        self.assertEqual(
            {"member", "reader"}, {r["name"] for r in token["roles"]}
        )
        # ... and Manila lets that member create a share in its project
        headers = {"X-Auth-Token": result.headers["X-Subject-Token"]}
        share = self.client.simulate_post(
            "/v2/shares",
            json={"share": {"share_proto": "NFS", "size": 1}},
            headers={**headers, "X-OpenStack-Manila-API-Version": "2.65"},
        )
        self.assertEqual(200, share.status_code, share.text)
        self.assertEqual(project["id"], share.json["share"]["project_id"])
        # clear_creds: delete user and project
        self.ok(204, self.ks("DELETE", f"/users/{user['id']}"))
        self.ok(204, self.ks("DELETE", f"/projects/{project['id']}"))
        gone = self.ks("GET", f"/users/{user['id']}")
        self.assertEqual(404, gone.status_code)
        self.assertEqual(
            {
                "error": {
                    "code": 404,
                    "title": "Not Found",
                    "message": f"Could not find user: {user['id']}.",
                }
            },
            gone.json,
        )

    def test_domain_and_system_scoped_credentials(self) -> None:
        body = {"domain": {"name": "tempest-d", "description": "d"}}
        domain = self.ok(201, self.ks("POST", "/domains", json=body))["domain"]
        user = self.new_user("tempest-d-domain")
        admin = self.role_id("admin")
        path = f"/domains/{domain['id']}/users/{user}/roles/{admin}"
        self.ok(204, self.ks("PUT", path))
        self.ok(204, self.ks("HEAD", path))
        token = self.login(
            id_body(user, "pw", {"domain": {"id": domain["id"]}})
        )
        self.assertEqual(201, token.status_code, token.text)
        self.assertEqual(domain["id"], token.json["token"]["domain"]["id"])
        # system scope needs a system role
        system = id_body(user, "pw", {"system": {"all": True}})
        self.assertEqual(401, self.login(system).status_code)
        reader = self.role_id("reader")
        self.ok(204, self.ks("PUT", f"/system/users/{user}/roles/{reader}"))
        token = self.login(system)
        self.assertEqual(201, token.status_code, token.text)
        self.assertEqual({"all": True}, token.json["token"]["system"])
        self.assertEqual(
            ["reader"], [r["name"] for r in token.json["token"]["roles"]]
        )
        # deleting a domain: disable first (403 before), as Keystone
        refused = self.ks("DELETE", f"/domains/{domain['id']}")
        self.assertEqual(403, refused.status_code)
        update = {"domain": {"enabled": False}}
        self.ok(200, self.ks("PATCH", f"/domains/{domain['id']}", json=update))
        self.ok(204, self.ks("DELETE", f"/domains/{domain['id']}"))
        self.assertEqual(
            404, self.ks("GET", f"/domains/{domain['id']}").status_code
        )


class TestAdminApi(KeystoneTestCase):
    def test_duplicates_are_409(self) -> None:
        self.new_user("dup")
        body = {"user": {"name": "dup", "domain_id": "default"}}
        result = self.ks("POST", "/users", json=body)
        self.assertEqual(409, result.status_code)
        self.assertEqual(
            "Conflict occurred attempting to store user - Duplicate entry "
            "found with name dup at domain ID default.",
            result.json["error"]["message"],
        )
        result = self.ks("POST", "/roles", json={"role": {"name": "member"}})
        self.assertEqual(409, result.status_code)
        self.assertEqual("Conflict", result.json["error"]["title"])

    def test_project_filters_and_user_projects(self) -> None:
        first = self.new_project("alpha")
        self.new_project("beta")
        names = self.ok(
            200, self.ks("GET", "/projects", params={"name": "alpha"})
        )
        self.assertEqual([first], [p["id"] for p in names["projects"]])
        self.ok(
            200,
            self.ks(
                "PATCH",
                f"/projects/{first}",
                json={"project": {"enabled": False}},
            ),
        )
        disabled = self.ok(
            200, self.ks("GET", "/projects", params={"enabled": "false"})
        )
        self.assertEqual([first], [p["id"] for p in disabled["projects"]])
        user = self.new_user()
        self.grant(first, user, "reader")
        listed = self.ok(200, self.ks("GET", f"/users/{user}/projects"))
        self.assertEqual([first], [p["id"] for p in listed["projects"]])

    def test_password_change(self) -> None:
        user = self.new_user()
        project = self.new_project()
        self.grant(project, user, "member")
        token = self.login_token(user, project)
        wrong = {"user": {"original_password": "nope", "password": "new"}}
        result = self.ks(
            "POST", f"/users/{user}/password", token=token, json=wrong
        )
        self.assertEqual(401, result.status_code)
        right = {"user": {"original_password": "pw", "password": "new"}}
        self.ok(
            204,
            self.ks(
                "POST", f"/users/{user}/password", token=token, json=right
            ),
        )
        # the password change revoked the user's tokens
        gone = self.client.simulate_get(
            "/v2/shares", headers={"X-Auth-Token": token}
        )
        self.assertEqual(401, gone.status_code)
        self.assertEqual(201, self.login(id_body(user, "new")).status_code)
        self.assertEqual(401, self.login(id_body(user, "pw")).status_code)

    def test_implied_roles(self) -> None:
        inferences = self.ok(200, self.ks("GET", "/role_inferences"))
        pairs = {
            (i["prior_role"]["name"], implied["name"])
            for i in inferences["role_inferences"]
            for implied in i["implies"]
        }
        self.assertEqual(
            {
                ("admin", "manager"),
                ("manager", "member"),
                ("member", "reader"),
            },
            pairs,
        )
        custom = self.ok(
            201, self.ks("POST", "/roles", json={"role": {"name": "custom"}})
        )["role"]["id"]
        reader = self.role_id("reader")
        rule = self.ok(
            201, self.ks("PUT", f"/roles/{custom}/implies/{reader}")
        )
        self.assertEqual("reader", rule["role_inference"]["implies"]["name"])
        self.ok(204, self.ks("HEAD", f"/roles/{custom}/implies/{reader}"))
        # admin may not be implied (prohibited_implied_role)
        admin = self.role_id("admin")
        refused = self.ks("PUT", f"/roles/{custom}/implies/{admin}")
        self.assertEqual(403, refused.status_code)
        user = self.new_user()
        project = self.new_project()
        self.ok(
            204,
            self.ks("PUT", f"/projects/{project}/users/{user}/roles/{custom}"),
        )
        result = self.login(id_body(user, "pw", {"project": {"id": project}}))
        self.assertEqual(
            {"custom", "reader"},
            {r["name"] for r in result.json["token"]["roles"]},
        )
        self.ok(204, self.ks("DELETE", f"/roles/{custom}/implies/{reader}"))
        self.assertEqual(
            404,
            self.ks("GET", f"/roles/{custom}/implies/{reader}").status_code,
        )

    def test_role_assignments_filters_effective_and_names(self) -> None:
        user = self.new_user("ra-user")
        project = self.new_project("ra-project")
        self.grant(project, user, "member")
        group = self.ok(
            201, self.ks("POST", "/groups", json={"group": {"name": "g"}})
        )["group"]["id"]
        self.ok(204, self.ks("PUT", f"/groups/{group}/users/{user}"))
        reader = self.role_id("reader")
        self.ok(
            204,
            self.ks(
                "PUT", f"/projects/{project}/groups/{group}/roles/{reader}"
            ),
        )
        direct = self.ok(
            200,
            self.ks(
                "GET",
                "/role_assignments",
                params={"scope.project.id": project},
            ),
        )["role_assignments"]
        self.assertEqual(2, len(direct))
        self.assertEqual(
            {("user", user), ("group", group)},
            {
                ("user", a["user"]["id"])
                if "user" in a
                else ("group", a["group"]["id"])
                for a in direct
            },
        )
        effective = self.ok(
            200,
            self.ks(
                "GET",
                "/role_assignments",
                params={
                    "user.id": user,
                    "effective": "true",
                    "include_names": "true",
                },
            ),
        )["role_assignments"]
        seen = {
            (a["role"]["name"], "membership" in a["links"]) for a in effective
        }
        self.assertEqual(
            {("member", False), ("reader", False), ("reader", True)}, seen
        )
        named = effective[0]
        self.assertEqual("ra-user", named["user"]["name"])
        self.assertEqual("ra-project", named["scope"]["project"]["name"])
        self.assertEqual(
            "Default", named["scope"]["project"]["domain"]["name"]
        )
        refused = self.ks(
            "GET",
            "/role_assignments",
            params={"effective": "true", "group.id": group},
        )
        self.assertEqual(400, refused.status_code)
        system = self.ok(
            200,
            self.ks(
                "GET", "/role_assignments", params={"scope.system": "all"}
            ),
        )["role_assignments"]
        admin = self.cloud.identity.account_by_name("admin")
        assert admin is not None
        self.assertEqual([admin.user_id], [a["user"]["id"] for a in system])

    def test_groups_crud_and_membership(self) -> None:
        group = self.ok(
            201,
            self.ks("POST", "/groups", json={"group": {"name": "team"}}),
        )["group"]
        user = self.new_user()
        path = f"/groups/{group['id']}/users/{user}"
        self.assertEqual(404, self.ks("HEAD", path).status_code)
        self.ok(204, self.ks("PUT", path))
        self.ok(204, self.ks("HEAD", path))
        users = self.ok(200, self.ks("GET", f"/groups/{group['id']}/users"))
        self.assertEqual([user], [u["id"] for u in users["users"]])
        groups = self.ok(200, self.ks("GET", f"/users/{user}/groups"))
        self.assertEqual([group["id"]], [g["id"] for g in groups["groups"]])
        self.ok(204, self.ks("DELETE", path))
        self.ok(204, self.ks("DELETE", f"/groups/{group['id']}"))

    def test_unknown_route_and_method(self) -> None:
        result = self.ks("GET", "/nowhere")
        self.assertEqual(404, result.status_code)
        self.assertEqual("Not Found", result.json["error"]["title"])
        result = self.ks("PUT", "/users")
        self.assertEqual(405, result.status_code)
        self.assertEqual("Method Not Allowed", result.json["error"]["title"])


class TestPolicies(KeystoneTestCase):
    def test_member_cannot_administer(self) -> None:
        demo = self.tokens["demo"]
        body = {"user": {"name": "x", "domain_id": "default"}}
        for method, path, kwargs in (
            ("POST", "/users", {"json": body}),
            ("GET", "/users", {}),
            ("GET", "/projects", {}),
            ("POST", "/roles", {"json": {"role": {"name": "r"}}}),
            ("GET", "/role_assignments", {}),
            ("GET", "/domains", {}),
        ):
            result = self.ks(method, path, token=demo, **kwargs)
            self.assertEqual(403, result.status_code, path)
            self.assertEqual("Forbidden", result.json["error"]["title"])
        self.assertEqual(
            "You are not authorized to perform the requested action: "
            "identity:list_domains.",
            result.json["error"]["message"],
        )
        # but its own user, project and domain are readable
        demo_account = self.cloud.identity.account_by_name("demo")
        assert demo_account is not None
        for path in (
            f"/users/{demo_account.user_id}",
            f"/projects/{demo_account.project_id}",
            "/domains/default",
        ):
            self.ok(200, self.ks("GET", path, token=demo))

    def test_system_reader_reads_but_cannot_write(self) -> None:
        user = self.new_user()
        reader = self.role_id("reader")
        self.ok(204, self.ks("PUT", f"/system/users/{user}/roles/{reader}"))
        result = self.login(id_body(user, "pw", {"system": {"all": True}}))
        token = result.headers["X-Subject-Token"]
        self.ok(200, self.ks("GET", "/users", token=token))
        self.ok(200, self.ks("GET", "/role_assignments", token=token))
        refused = self.ks(
            "POST", "/projects", token=token, json={"project": {"name": "n"}}
        )
        self.assertEqual(403, refused.status_code)

    def test_reader_is_refused_share_create_member_is_not(self) -> None:
        project = self.new_project()
        reader = self.new_user("reader-user")
        member = self.new_user("member-user")
        self.grant(project, reader, "reader")
        self.grant(project, member, "member")
        body = {"share": {"share_proto": "NFS", "size": 1}}
        version = {"X-OpenStack-Manila-API-Version": "2.65"}
        as_reader = self.client.simulate_post(
            "/v2/shares",
            json=body,
            headers={
                "X-Auth-Token": self.login_token(reader, project),
                **version,
            },
        )
        self.assertEqual(403, as_reader.status_code, as_reader.text)
        self.assertIn("forbidden", as_reader.json)
        reader_token = self.login_token(reader, project)
        listed = self.client.simulate_get(
            "/v2/shares", headers={"X-Auth-Token": reader_token, **version}
        )
        self.assertEqual(200, listed.status_code)
        as_member = self.client.simulate_post(
            "/v2/shares",
            json=body,
            headers={
                "X-Auth-Token": self.login_token(member, project),
                **version,
            },
        )
        self.assertEqual(200, as_member.status_code, as_member.text)


class TestTokens(KeystoneTestCase):
    def subject(self, caller: str, subject: str, method: str = "GET") -> Any:
        return self.client.simulate_request(
            method,
            V3 + "/auth/tokens",
            headers={"X-Auth-Token": caller, "X-Subject-Token": subject},
        )

    def test_only_owner_or_admin_validates_and_revokes(self) -> None:
        demo, alt = self.tokens["demo"], self.tokens["alt_demo"]
        for method in ("GET", "HEAD", "DELETE"):
            result = self.subject(demo, alt, method)
            self.assertEqual(403, result.status_code, method)
        result = self.subject(demo, alt)
        self.assertEqual(
            "You are not authorized to perform the requested action: "
            "identity:validate_token.",
            result.json["error"]["message"],
        )
        self.assertEqual(200, self.subject(demo, demo).status_code)
        self.assertEqual(200, self.subject(demo, demo, "HEAD").status_code)
        self.assertEqual(
            200, self.subject(self.tokens["admin"], alt).status_code
        )
        # own token revoked: then it is gone
        second = self.token("demo")
        self.assertEqual(
            204, self.subject(second, second, "DELETE").status_code
        )
        self.assertEqual(404, self.subject(demo, second).status_code)
        self.assertEqual(
            401,
            self.client.simulate_get(
                "/v2/shares", headers={"X-Auth-Token": second}
            ).status_code,
        )

    def test_missing_or_unknown_subject_token(self) -> None:
        # the policy runs first: a member without a subject is refused,
        # an admin learns there is no token
        result = self.subject(self.tokens["demo"], "")
        self.assertEqual(403, result.status_code)
        result = self.subject(self.tokens["admin"], "")
        self.assertEqual(404, result.status_code)
        self.assertEqual(
            "No token in the request", result.json["error"]["message"]
        )
        result = self.subject(self.tokens["demo"], "gAAAAAbogus")
        self.assertEqual(404, result.status_code)
        self.assertEqual(
            "Could not find token: gAAAAAbogus.",
            result.json["error"]["message"],
        )

    def test_user_delete_and_last_role_revoke_invalidate_tokens(self) -> None:
        project = self.new_project()
        user = self.new_user()
        self.grant(project, user, "member")
        self.grant(project, user, "reader")
        token = self.login_token(user, project)

        def status() -> int:
            return int(
                self.client.simulate_get(
                    "/v2/shares", headers={"X-Auth-Token": token}
                ).status_code
            )

        self.assertEqual(200, status())
        member = self.role_id("member")
        reader = self.role_id("reader")
        base = f"/projects/{project}/users/{user}/roles/"
        self.ok(204, self.ks("DELETE", base + member))
        # one role left: the token stays, with fewer roles
        self.assertEqual(200, status())
        check = self.ok(200, self.subject(self.tokens["admin"], token))
        self.assertEqual(
            ["reader"], [r["name"] for r in check["token"]["roles"]]
        )
        self.ok(204, self.ks("DELETE", base + reader))
        self.assertEqual(401, status())
        self.assertEqual(404, self.ks("DELETE", base + reader).status_code)
        self.grant(project, user, "member")
        token = self.login_token(user, project)
        self.assertEqual(200, status())
        self.ok(204, self.ks("DELETE", f"/users/{user}"))
        self.assertEqual(401, status())

    def test_project_delete_invalidates_tokens(self) -> None:
        project = self.new_project()
        user = self.new_user()
        self.grant(project, user, "member")
        token = self.login_token(user, project)
        self.ok(204, self.ks("DELETE", f"/projects/{project}"))
        result = self.client.simulate_get(
            "/v2/shares", headers={"X-Auth-Token": token}
        )
        self.assertEqual(401, result.status_code)

    def test_login_by_name_and_domain_and_unscoped(self) -> None:
        user = self.new_user("named")
        project = self.new_project("named-p")
        self.grant(project, user, "member")
        body = password_body("named", "pw")
        body["auth"]["scope"]["project"]["name"] = "named-p"
        self.assertEqual(201, self.login(body).status_code)
        del body["auth"]["scope"]
        result = self.login(body)
        self.assertEqual(201, result.status_code)
        token = result.json["token"]
        self.assertNotIn("project", token)
        self.assertNotIn("catalog", token)
        self.assertNotIn("roles", token)
        # a scope the user has no role on: 401
        body["auth"]["scope"] = {"project": {"id": self.new_project("other")}}
        self.assertEqual(401, self.login(body).status_code)

    def test_unknown_user_and_bad_password_are_401(self) -> None:
        for body in (
            password_body("nobody"),
            password_body("demo", "wrong"),
            id_body("0" * 32, "pw"),
        ):
            result = self.login(body)
            self.assertEqual(401, result.status_code)
            self.assertEqual(
                "The request you have made requires authentication.",
                result.json["error"]["message"],
            )

    def test_malformed_bodies_are_400(self) -> None:
        good = password_body("demo")
        cases: list[tuple[Any, str]] = [
            (
                {
                    "auth": {
                        "identity": {"methods": ["password"], "password": None}
                    }
                },
                "Invalid input for field 'identity/password': None is not "
                "of type 'object'",
            ),
            (
                {**good, "auth": {**good["auth"], "scope": "project"}},
                "Expecting to find project in scope.",
            ),
            (
                {**good, "auth": {**good["auth"], "scope": "elsewhere"}},
                "Expecting to find system, project, domain, OS-TRUST:trust "
                "or unscoped in scope.",
            ),
            (
                {"auth": {"identity": {"methods": 5}}},
                "Invalid input for field 'identity/methods': 5 is not of "
                "type 'array'",
            ),
            (
                {"auth": {"identity": 7}},
                "Invalid input for field 'identity': 7 is not of type "
                "'object'",
            ),
            ({"auth": 1}, "1 is not of type 'object'"),
            ({}, "Expecting to find auth in request body."),
            ([], "Expecting to find auth in request body."),
            (
                {"auth": {"identity": {"methods": ["password"]}}},
                "Expecting to find password in identity.",
            ),
            (
                {
                    "auth": {
                        "identity": {
                            "methods": ["password"],
                            "password": {"user": {"password": "x"}},
                        }
                    }
                },
                "Invalid input for field identity/password/user: id or name "
                "must be present.",
            ),
            (
                {
                    "auth": {
                        "identity": {
                            "methods": ["password"],
                            "password": {
                                "user": {"name": "demo", "password": "x"}
                            },
                        }
                    }
                },
                "Expecting to find domain in user.",
            ),
            (
                {
                    **good,
                    "auth": {
                        **good["auth"],
                        "scope": {"system": {"all": "yes"}},
                    },
                },
                "Invalid input for field 'scope/system/all': 'yes' is not "
                "of type 'boolean'",
            ),
        ]
        for body, message in cases:
            result = self.login(body)
            self.assertEqual(400, result.status_code, f"{body}: {result.text}")
            self.assertEqual("Bad Request", result.json["error"]["title"])
            self.assertTrue(
                result.json["error"]["message"].startswith(message),
                (message, result.json["error"]["message"]),
            )
        raw = self.client.simulate_post(V3 + "/auth/tokens", body=b"{not json")
        self.assertEqual(400, raw.status_code)
        self.assertIn("error", raw.json)

    def test_malformed_admin_bodies_are_400(self) -> None:
        for path, body in (
            ("/users", {"user": {"name": 5}}),
            ("/users", {"user": "x"}),
            ("/projects", {"project": {"name": "p", "enabled": "yes"}}),
            ("/projects", {}),
            ("/roles", {"role": {}}),
            ("/domains", {"domain": None}),
            ("/groups", {"group": {"name": ""}}),
        ):
            result = self.ks("POST", path, json=body)
            self.assertEqual(400, result.status_code, f"{path}: {result.text}")
            self.assertEqual(400, result.json["error"]["code"])

    def test_rescope_with_token_method(self) -> None:
        unscoped = self.login(
            {
                "auth": {
                    "identity": {
                        "methods": ["password"],
                        "password": {
                            "user": {
                                "name": "demo",
                                "domain": {"id": "default"},
                                "password": "password",
                            }
                        },
                    },
                    "scope": "unscoped",
                }
            }
        )
        self.assertEqual(201, unscoped.status_code, unscoped.text)
        self.assertNotIn("project", unscoped.json["token"])
        demo = self.cloud.identity.account_by_name("demo")
        assert demo is not None
        rescoped = self.login(
            {
                "auth": {
                    "identity": {
                        "methods": ["token"],
                        "token": {"id": unscoped.headers["X-Subject-Token"]},
                    },
                    "scope": {"project": {"id": demo.project_id}},
                }
            }
        )
        self.assertEqual(201, rescoped.status_code, rescoped.text)
        token = rescoped.json["token"]
        self.assertEqual(["token", "password"], token["methods"])
        self.assertEqual(2, len(token["audit_ids"]))
        projects = self.ks(
            "GET",
            "/auth/projects",
            token=rescoped.headers["X-Subject-Token"],
        )
        self.assertEqual(
            [demo.project_id], [p["id"] for p in projects.json["projects"]]
        )


class TestApplicationCredentials(KeystoneTestCase):
    def test_create_login_and_delete(self) -> None:
        project = self.new_project()
        user = self.new_user()
        self.grant(project, user, "member")
        token = self.login_token(user, project)
        body = {
            "application_credential": {
                "name": "ci",
                "roles": [{"name": "reader"}],
            }
        }
        created = self.ok(
            201,
            self.ks(
                "POST",
                f"/users/{user}/application_credentials",
                token=token,
                json=body,
            ),
        )["application_credential"]
        self.assertEqual(project, created["project_id"])
        self.assertEqual(["reader"], [r["name"] for r in created["roles"]])
        secret = created["secret"]
        shown = self.ok(
            200,
            self.ks(
                "GET",
                f"/users/{user}/application_credentials/{created['id']}",
                token=token,
            ),
        )["application_credential"]
        self.assertNotIn("secret", shown)
        by_id = {
            "auth": {
                "identity": {
                    "methods": ["application_credential"],
                    "application_credential": {
                        "id": created["id"],
                        "secret": secret,
                    },
                }
            }
        }
        result = self.login(by_id)
        self.assertEqual(201, result.status_code, result.text)
        issued = result.json["token"]
        self.assertEqual(project, issued["project"]["id"])
        self.assertEqual(["reader"], [r["name"] for r in issued["roles"]])
        self.assertEqual(
            {"id": created["id"], "name": "ci", "restricted": True},
            issued["application_credential"],
        )
        by_name = {
            "auth": {
                "identity": {
                    "methods": ["application_credential"],
                    "application_credential": {
                        "name": "ci",
                        "user": {"id": user},
                        "secret": secret,
                    },
                }
            }
        }
        self.assertEqual(201, self.login(by_name).status_code)
        wrong = by_id["auth"]["identity"]["application_credential"]
        wrong["secret"] = "nope"
        self.assertEqual(401, self.login(by_id).status_code)
        wrong["secret"] = secret
        scoped = {**by_id["auth"], "scope": {"project": {"id": project}}}
        self.assertEqual(401, self.login({"auth": scoped}).status_code)
        # another user may not create one for this user
        refused = self.ks(
            "POST",
            f"/users/{user}/application_credentials",
            token=self.tokens["demo"],
            json=body,
        )
        self.assertEqual(403, refused.status_code)
        self.ok(
            204,
            self.ks(
                "DELETE",
                f"/users/{user}/application_credentials/{created['id']}",
                token=token,
            ),
        )
        self.assertEqual(404, self.login(by_id).status_code)


class TestBackendRules(testtools.TestCase):
    """The rules without HTTP."""

    def setUp(self) -> None:
        super().setUp()
        self.useFixture(fixtures.Timeout(30, gentle=True))
        self.backend = Backend(Store())
        self.backend.create_domain({"id": "default", "name": "Default"})

    def test_effective_roles_follow_groups_and_implications(self) -> None:
        backend = self.backend
        low = backend.create_role({"name": "low"})["id"]
        mid = backend.create_role({"name": "mid"})["id"]
        high = backend.create_role({"name": "high"})["id"]
        backend.create_implied_role(high, mid)
        backend.create_implied_role(mid, low)
        project = backend.create_project({"name": "p"})["id"]
        user = backend.create_user({"name": "u", "password": "pw"})["id"]
        group = backend.create_group({"name": "g"})["id"]
        self.assertEqual([], backend.effective_roles(user, "project", project))
        backend.grant("group", group, "project", project, high)
        self.assertEqual([], backend.effective_roles(user, "project", project))
        backend.add_member(group, user)
        self.assertEqual(
            [high, mid, low],
            backend.effective_roles(user, "project", project),
        )
        backend.remove_member(group, user)
        self.assertEqual([], backend.effective_roles(user, "project", project))

    def test_names_are_unique_per_domain_and_freed_on_delete(self) -> None:
        backend = self.backend
        backend.create_domain({"name": "other", "id": "other"})
        first = backend.create_project({"name": "same"})["id"]
        backend.create_project({"name": "same", "domain_id": "other"})
        self.assertRaises(
            faults.Conflict, backend.create_project, {"name": "same"}
        )
        backend.delete_project(first)
        backend.create_project({"name": "same"})

    def test_passwords_are_stored_hashed(self) -> None:
        user = self.backend.create_user({"name": "u", "password": "pw"})
        self.assertNotIn("pw", repr(user))
        self.assertTrue(check_password(user["password_hash"], "pw"))
        self.assertFalse(check_password(user["password_hash"], "px"))

    def test_default_project_may_be_missing_not_a_domain(self) -> None:
        backend = self.backend
        user = backend.create_user({"name": "u", "default_project_id": "x"})
        self.assertEqual("x", user["default_project_id"])
        self.assertRaises(
            faults.BadRequest,
            backend.create_user,
            {"name": "v", "default_project_id": "default"},
        )
        project = backend.create_project({"name": "p"})["id"]
        backend.update_user(user["id"], {"default_project_id": project})
        backend.delete_project(project)
        self.assertIsNone(backend.get_user(user["id"])["default_project_id"])

    def test_project_with_children_cannot_be_deleted(self) -> None:
        parent = self.backend.create_project({"name": "parent"})["id"]
        self.backend.create_project({"name": "child", "parent_id": parent})
        self.assertRaises(
            faults.Forbidden, self.backend.delete_project, parent
        )


class TestPolicyRules(testtools.TestCase):
    def creds(self, *roles: str, **scope: Any) -> policy.Creds:
        return policy.Creds(
            user_id="u",
            user_domain_id="default",
            roles=frozenset(roles),
            **scope,
        )

    def test_admin_on_any_project_is_admin(self) -> None:
        admin = self.creds("admin", "member", "reader", project_id="p")
        self.assertTrue(policy.allowed("identity:create_user", admin))
        self.assertTrue(policy.allowed("identity:delete_project", admin))

    def test_member_and_reader(self) -> None:
        member = self.creds("member", "reader", project_id="p")
        self.assertFalse(policy.allowed("identity:create_user", member))
        self.assertFalse(policy.allowed("identity:list_users", member))
        self.assertTrue(
            policy.allowed("identity:get_project", member, {"project.id": "p"})
        )
        self.assertFalse(
            policy.allowed("identity:get_project", member, {"project.id": "q"})
        )

    def test_system_reader_and_domain_manager(self) -> None:
        system_reader = self.creds("reader", system=True)
        self.assertTrue(policy.allowed("identity:list_users", system_reader))
        self.assertFalse(policy.allowed("identity:create_role", system_reader))
        manager = self.creds("manager", "member", "reader", domain_id="d")
        self.assertTrue(
            policy.allowed(
                "identity:create_user", manager, {"user.domain_id": "d"}
            )
        )
        self.assertFalse(
            policy.allowed(
                "identity:create_user", manager, {"user.domain_id": "e"}
            )
        )
        self.assertRaises(
            faults.Forbidden,
            policy.enforce,
            "identity:create_role",
            manager,
        )


class TestSeeds(testtools.TestCase):
    def test_reset_restores_seeds_and_drops_created(self) -> None:
        self.useFixture(fixtures.Timeout(30, gentle=True))
        cloud = Cloud(config.from_dict({"server": {"progression": "manual"}}))
        self.addCleanup(cloud.close)
        backend = cloud.identity.backend
        backend.create_user({"name": "temp", "password": "x"})
        cloud.reset()
        self.assertRaises(
            faults.NotFound, backend.user_by_name, "temp", "default"
        )
        demo = backend.user_by_name("demo", "default")
        account = cloud.identity.account_by_name("demo")
        assert account is not None
        self.assertEqual(account.user_id, demo["id"])
        self.assertEqual(
            cloud.identity.project_ids()["demo"],
            demo["default_project_id"],
        )


class TestTokensAcrossRestarts(testtools.TestCase):
    """Tokens carry their payload signed with the cloud's key, as Fernet
    tokens do: a restart with a state file keeps them (and revocations)."""

    def setUp(self) -> None:
        super().setUp()
        self.useFixture(fixtures.Timeout(30, gentle=True))
        tmp = self.useFixture(fixtures.TempDir()).path
        self.cfg = config.from_dict(
            {
                "server": {
                    "progression": "manual",
                    "state_file": f"{tmp}/state.db",
                }
            }
        )

    def cloud(self) -> Cloud:
        cloud = Cloud(self.cfg)
        self.addCleanup(cloud.close)
        return cloud

    def test_token_and_revocation_survive_a_restart(self) -> None:
        first = self.cloud()
        kept = first.identity.authenticate(password_body()).token_id
        revoked = first.identity.authenticate(password_body()).token_id
        admin = first.identity.authenticate(password_body("admin"))
        first.identity.revoke(revoked)
        first.close()

        again = self.cloud()
        resolved = again.identity.validate(kept)
        self.assertEqual("demo", resolved.user["name"])
        self.assertIn("member", resolved.role_names)
        self.assertRaises(
            faults.Unauthorized, again.identity.validate, revoked
        )
        # the admin's token too, with its roles as they are now
        self.assertIn(
            "admin", again.identity.validate(admin.token_id).role_names
        )

    def test_forged_and_foreign_tokens_are_refused(self) -> None:
        cloud = self.cloud()
        token = cloud.identity.authenticate(password_body()).token_id
        other = Cloud(config.from_dict({"server": {"progression": "manual"}}))
        self.addCleanup(other.close)
        # another cloud's key: the same users, but not its token
        self.assertRaises(faults.Unauthorized, other.identity.validate, token)
        flipped = token[:-5] + ("A" if token[-5] != "A" else "B") + token[-4:]
        for bad in (flipped, token + "x", "gAAAAAB", "gAAAAAB!!", token[7:]):
            self.assertRaises(
                faults.Unauthorized, cloud.identity.validate, bad
            )
        self.assertEqual("demo", cloud.identity.validate(token).user["name"])

    def test_reset_keeps_the_key_and_password_change_revokes(self) -> None:
        cloud = self.cloud()
        token = cloud.identity.authenticate(password_body()).token_id
        cloud.reset()
        # the seeded users keep their ids, and their tokens stay valid
        user = cloud.identity.validate(token).user
        cloud.identity.backend.update_user(user["id"], {"password": "new"})
        self.assertRaises(faults.Unauthorized, cloud.identity.validate, token)
        fresh = cloud.identity.authenticate(password_body("demo", "new"))
        self.assertEqual(
            user["id"], cloud.identity.validate(fresh.token_id).user["id"]
        )
