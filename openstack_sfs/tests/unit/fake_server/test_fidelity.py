"""The fake server's answers, field by field, against Manila 23.0.1.

Each test names the Manila code it mirrors (manila/api/...).
"""

from __future__ import annotations

from typing import Any

from fake_server import microversion
from openstack_sfs.tests.unit.fake_server.test_core import AppTestCase

MISSING = "00000000-0000-0000-0000-000000000000"


class FidelityTestCase(AppTestCase):
    def project(self, user: str = "demo") -> str:
        return self.cloud.identity.validate(self.tokens[user]).project_id

    def create_share(self, user: str = "demo", **extra: Any) -> str:
        body = {"share_proto": "NFS", "size": 1, "name": "s1", **extra}
        result = self.call("POST", "/v2/shares", user, json={"share": body})
        self.assertEqual(200, result.status_code, result.text)
        share_id = result.json["share"]["id"]
        self.cloud.bus.advance(100)
        self.assertEqual(
            "available",
            self.call("GET", f"/v2/shares/{share_id}", user).json["share"][
                "status"
            ],
        )
        return str(share_id)

    def action(
        self, share_id: str, body: Any, version: str = "2.99", **kw: Any
    ) -> Any:
        return self.call(
            "POST",
            f"/v2/shares/{share_id}/action",
            version=version,
            json=body,
            **kw,
        )

    def fault(self, result: Any, code: int, name: str) -> str:
        self.assertEqual(code, result.status_code, result.text)
        self.assertEqual([name], list(result.json))
        self.assertEqual(code, result.json[name]["code"])
        return str(result.json[name]["message"])


class TestRouting(FidelityTestCase):
    """oslo.service's Router: an unrouted request is webob's bare 404."""

    def test_unknown_path_is_webob_404_without_version_headers(self) -> None:
        result = self.call(
            "GET",
            "/v2/nothing",
            headers={"Accept": "application/json"},
        )
        self.assertEqual(404, result.status_code)
        self.assertEqual(
            {
                "message": "The resource could not be found.<br /><br />"
                "\n\n\n",
                "code": "404 Not Found",
                "title": "Not Found",
            },
            result.json,
        )
        self.assertNotIn(microversion.HEADER, result.headers)
        self.assertNotIn("Vary", result.headers)

    def test_unknown_path_ignores_a_bad_version_header(self) -> None:
        # the router answers before the controller reads the header
        result = self.call("GET", "/v2/nothing", version="latest")
        self.assertEqual(404, result.status_code)

    def test_unknown_path_html_and_plain_bodies(self) -> None:
        html = self.call("GET", "/v2/nothing", headers={"Accept": "*/*"})
        self.assertEqual(404, html.status_code)
        self.assertTrue(html.headers["Content-Type"].startswith("text/html"))
        self.assertIn("<h1>404 Not Found</h1>", html.text)
        plain = self.call(
            "GET", "/v2/nothing", headers={"Accept": "image/png"}
        )
        self.assertTrue(plain.headers["Content-Type"].startswith("text/plain"))
        self.assertEqual(
            "404 Not Found\n\nThe resource could not be found.\n\n   ",
            plain.text,
        )

    def test_wrong_method_on_known_path_is_404_not_405(self) -> None:
        # routes matches method and path together: a method no route
        # maps is the router's bare 404, before any controller runs
        for method, path in (
            ("PATCH", "/v2/shares"),
            ("DELETE", "/v2/shares"),
            ("POST", f"/v2/shares/{MISSING}"),
            ("OPTIONS", "/v2/shares"),
            ("HEAD", "/v2/shares"),
        ):
            result = self.call(method, path, version="9.9")
            self.assertEqual(404, result.status_code, f"{method} {path}")
            self.assertEqual("text/html", result.headers["Content-Type"])
            self.assertNotIn(microversion.HEADER, result.headers)

    def test_resource_verb_without_controller_method_is_fault_404(
        self,
    ) -> None:
        # mapper.resource maps index/create/new/show/update/delete/edit
        # for each collection; a controller without the method answers
        # Manila's fault (after the version header is read)
        for method, path in (
            ("PUT", f"/v2/share_instances/{MISSING}"),
            ("POST", "/v2/share_instances"),
            ("GET", "/v2/shares/new"),
            ("GET", f"/v2/shares/{MISSING}/edit"),
            ("DELETE", f"/v2/availability-zones/{MISSING}"),
        ):
            result = self.call(method, path, json={"x": {}})
            message = self.fault(result, 404, "itemNotFound")
            self.assertEqual("The resource could not be found.", message)
            self.assertEqual("2.99", result.headers[microversion.HEADER])
        result = self.call("GET", "/v2/shares/new", version="9.9")
        self.assertEqual(406, result.status_code)

    def test_trailing_slash_and_empty_id_are_unrouted(self) -> None:
        type_id = self.call("GET", "/v2/types/default", user="admin").json[
            "share_type"
        ]["id"]
        for path in (
            "/v2/shares/",
            "/v2/shares/detail/",
            "/v2/share-networks/",
            "/v2/security-services/",
            "/v2/share-groups/",
            f"/v2/types/{type_id}/extra_specs/",
            f"/v2/qos-types/{MISSING}/specs/",
            f"/v2/{self.project('demo')}/shares/",
            "/v2//shares",
        ):
            result = self.call("GET", path, user="admin")
            self.assertEqual(404, result.status_code, path)
            self.assertEqual("text/html", result.headers["Content-Type"])
        result = self.call("POST", "/v2/shares//action", json={"extend": {}})
        self.assertEqual(404, result.status_code)
        self.assertEqual("text/html", result.headers["Content-Type"])


class TestVersionsAndExtensions(FidelityTestCase):
    """manila/api/versions.py under /v2 and manila/api/extensions.py."""

    def test_v2_document_echoes_the_requested_version(self) -> None:
        result = self.call("GET", "/v2/", version="2.99")
        self.assertEqual(200, result.status_code)
        self.assertEqual("2.99", result.headers[microversion.HEADER])
        self.assertEqual(microversion.HEADER, result.headers["Vary"])
        self.assertEqual("v2.0", result.json["versions"][0]["id"])
        result = self.call("GET", "/v2/", version="2.7")
        self.assertEqual("2.7", result.headers[microversion.HEADER])
        # no {project_id} form of the versions route
        result = self.call("GET", f"/v2/{self.project()}/")
        self.assertEqual(404, result.status_code)
        self.assertEqual("text/html", result.headers["Content-Type"])

    def test_v2_document_refuses_bad_versions(self) -> None:
        message = self.fault(
            self.call("GET", "/v2/", version="1.2.1"), 400, "badRequest"
        )
        self.assertEqual(
            "API Version String 1.2.1 is of invalid format. Must be of "
            "format MajorNum.MinorNum.",
            message,
        )
        message = self.fault(
            self.call("GET", "/v2/", version="3.100"), 406, "computeFault"
        )
        self.assertEqual(
            "Version 3.100 is not supported by the API. Minimum is 2.0 and "
            "maximum is 2.99.",
            message,
        )

    def test_extensions_list_is_empty(self) -> None:
        for path in ("/v2/extensions", f"/v2/{self.project()}/extensions"):
            result = self.call("GET", path)
            self.assertEqual(200, result.status_code, path)
            self.assertEqual({"extensions": []}, result.json)
            self.assertEqual("2.99", result.headers[microversion.HEADER])

    def test_extension_show_create_delete_are_404(self) -> None:
        for method, path in (
            ("GET", "/v2/extensions/os-quota-sets"),
            ("DELETE", "/v2/extensions/os-quota-sets"),
            ("POST", "/v2/extensions"),
        ):
            message = self.fault(self.call(method, path), 404, "itemNotFound")
            self.assertEqual("The resource could not be found.", message)


class TestRequestBodies(FidelityTestCase):
    """wsgi.Resource.get_body, action_peek_json and get_method."""

    GENERIC = (
        "The server could not comply with the request since it is either "
        "malformed or otherwise incorrect."
    )
    BODY = b'{"share": {"share_proto": "NFS", "size": 1}}'

    def post(self, path: str, body: bytes, **headers: str) -> Any:
        return self.call("POST", path, body=body, headers=headers)

    def test_body_without_json_content_type_is_dropped(self) -> None:
        # Manila ignores the body: create(req) then lacks ``body`` (400),
        # never a 415
        for headers in ({"Content-Type": "text/plain"}, {}):
            result = self.post("/v2/shares", self.BODY, **headers)
            message = self.fault(result, 400, "badRequest")
            self.assertEqual(self.GENERIC, message)
        result = self.post(
            "/v2/shares", b"", **{"Content-Type": "application/json"}
        )
        self.assertEqual(self.GENERIC, self.fault(result, 400, "badRequest"))
        self.assertEqual([], self.call("GET", "/v2/shares").json["shares"])

    def test_json_with_charset_is_read(self) -> None:
        result = self.post(
            "/v2/shares",
            self.BODY,
            **{"Content-Type": "application/json; charset=UTF-8"},
        )
        self.assertEqual(200, result.status_code, result.text)

    def test_action_without_json_body_names_no_action(self) -> None:
        path = f"/v2/shares/{MISSING}/action"
        for body, headers in (
            (b'{"extend": {"new_size": 2}}', {"Content-Type": "text/plain"}),
            (b'{"extend": {"new_size": 2}}', {}),
            (b"", {"Content-Type": "application/json"}),
        ):
            message = self.fault(
                self.post(path, body, **headers), 400, "badRequest"
            )
            self.assertEqual("There is no such action: None", message)

    def test_action_body_shapes(self) -> None:
        path = f"/v2/shares/{MISSING}/action"
        json_type = {"Content-Type": "application/json"}
        for body in (b"{}", b'{"a": 1, "b": 2}', b"{nope", b'"ab"'):
            message = self.fault(
                self.post(path, body, **json_type), 400, "badRequest"
            )
            self.assertEqual("Malformed request body", message, repr(body))
        # no len() or no keys(): get_method's TypeError/AttributeError
        for body in (b"5", b"null", b"[1]", b'"a"'):
            message = self.fault(
                self.post(path, body, **json_type), 404, "itemNotFound"
            )
            self.assertEqual("The resource could not be found.", message)

    def test_nan_in_an_action_body_is_a_validation_error(self) -> None:
        share_id = self.create_share()
        result = self.post(
            f"/v2/shares/{share_id}/action",
            b'{"extend": {"new_size": NaN}}',
            **{"Content-Type": "application/json"},
        )
        message = self.fault(result, 400, "badRequest")
        self.assertEqual(
            "Invalid input for field/attribute new_size. Value: nan. nan is "
            "not of type 'integer', 'string'",
            message,
        )


class TestListParameters(FidelityTestCase):
    """api/common.py: _validate_pagination_query (shares, networks,
    security services, share groups, replicas) and get_pagination_params
    (snapshots, transfers, backups, locks, QoS types)."""

    def bad(self, path: str) -> str:
        headers = {microversion.EXPERIMENTAL_HEADER: "True"}
        result = self.call("GET", path, headers=headers)
        return self.fault(result, 400, "badRequest")

    def test_validate_pagination_query_messages(self) -> None:
        for collection in (
            "shares",
            "shares/detail",
            "share-networks",
            "security-services",
            "share-groups",
            "share-replicas",
        ):
            path = f"/v2/{collection}"
            self.assertEqual(
                "limit param must be an integer", self.bad(f"{path}?limit=a")
            )
            self.assertEqual(
                "offset param must be an integer",
                self.bad(f"{path}?offset=a&limit=b"),
            )
            self.assertEqual(
                "limit param must be positive", self.bad(f"{path}?limit=-1")
            )
            self.assertEqual(
                "offset param must be positive",
                self.bad(f"{path}?offset=-1"),
            )

    def test_sorting_faults_are_invalid_input(self) -> None:
        # db apply_sorting checks the direction first, then the key
        self.create_share()
        self.assertEqual(
            "Invalid input received: Wrong sorting data provided: sort key "
            "is 'bogus' and sort direction is 'up'.",
            self.bad("/v2/shares?sort_key=bogus&sort_dir=up"),
        )
        self.assertEqual(
            "Invalid input received: Wrong sorting key provided - 'bogus'.",
            self.bad("/v2/shares/detail?sort_key=bogus"),
        )

    def test_share_list_dict_filters_that_are_not_dicts(self) -> None:
        # share/api.py get_all: InvalidInput on the literal's type
        self.assertEqual(
            "Invalid input received: Wrong metadata filter provided: [1].",
            self.bad("/v2/shares?metadata=[1]"),
        )
        result = self.call(
            "GET", "/v2/shares?extra_specs=('a', 1)", user="admin"
        )
        self.assertEqual(
            "Invalid input received: Wrong extra specs filter provided: "
            "('a', 1).",
            self.fault(result, 400, "badRequest"),
        )

    def test_unsupported_protocol_is_invalid_input(self) -> None:
        # CONF.enabled_share_protocols defaults to NFS and CIFS
        for proto in ("XYZ", "CEPHFS"):
            result = self.call(
                "POST",
                "/v2/shares",
                json={"share": {"share_proto": proto, "size": 1}},
            )
            self.assertEqual(
                f"Invalid input received: Invalid share protocol provided: "
                f"{proto}. It is either disabled or unsupported. Available "
                "protocols: ['NFS', 'CIFS'].",
                self.fault(result, 400, "badRequest"),
            )

    def test_display_field_length_is_invalid_input(self) -> None:
        for key in ("name", "description"):
            result = self.call(
                "POST",
                "/v2/shares",
                json={
                    "share": {"share_proto": "NFS", "size": 1, key: "x" * 256}
                },
            )
            self.assertEqual(
                f"Invalid input received: {key} can only be 255 characters "
                "long.",
                self.fault(result, 400, "badRequest"),
            )

    def test_get_pagination_params_messages(self) -> None:
        # (snapshots and locks check a query schema first)
        for collection in ("share-backups", "share-transfers"):
            path = f"/v2/{collection}"
            self.assertEqual(
                "limit param must be an integer", self.bad(f"{path}?limit=a")
            )
            self.assertEqual(
                "limit param must be positive", self.bad(f"{path}?limit=-1")
            )
            self.assertEqual(
                "offset must be an integer", self.bad(f"{path}?offset=a")
            )
            self.assertEqual(
                "offset must be >= 0", self.bad(f"{path}?offset=-1")
            )


class TestMicroversionHeaders(FidelityTestCase):
    """manila/api/openstack/wsgi.py set_api_version_request."""

    def test_empty_header_is_400(self) -> None:
        result = self.call("GET", "/v2/shares", version="")
        message = self.fault(result, 400, "badRequest")
        self.assertEqual(
            "API Version String  is of invalid format. Must be of format "
            "MajorNum.MinorNum.",
            message,
        )
        # the version never parsed: no version headers on the fault
        self.assertNotIn(microversion.HEADER, result.headers)

    def test_leading_zero_minor_is_400(self) -> None:
        for bad in ("2.05", "2.099", "02.5"):
            result = self.call("GET", "/v2/shares", version=bad)
            self.assertEqual(400, result.status_code, bad)

    def test_legacy_openstack_api_version_header_is_ignored(self) -> None:
        result = self.call(
            "GET",
            "/v2/shares",
            version=None,
            headers={"OpenStack-API-Version": "shared-file-system 2.50"},
        )
        self.assertEqual(200, result.status_code)
        self.assertEqual("2.0", result.headers[microversion.HEADER])

    def test_experimental_header_is_read_as_oslo_bool(self) -> None:
        for value in ("1", "yes", "on", "t", "True", " y "):
            result = self.call(
                "GET",
                "/v2/shares",
                headers={microversion.EXPERIMENTAL_HEADER: value},
            )
            self.assertEqual(
                "True",
                result.headers.get(microversion.EXPERIMENTAL_HEADER),
                value,
            )
        for value in ("0", "false", "nope", ""):
            result = self.call(
                "GET",
                "/v2/shares",
                headers={microversion.EXPERIMENTAL_HEADER: value},
            )
            self.assertNotIn(
                microversion.EXPERIMENTAL_HEADER, result.headers, value
            )

    def test_fault_inside_controller_echoes_version(self) -> None:
        result = self.call(
            "GET",
            f"/v2/shares/{MISSING}",
            version="2.55",
            headers={microversion.EXPERIMENTAL_HEADER: "true"},
        )
        self.assertEqual(404, result.status_code)
        self.assertEqual("2.55", result.headers[microversion.HEADER])
        self.assertEqual(microversion.HEADER, result.headers["Vary"])
        self.assertEqual(
            "True", result.headers[microversion.EXPERIMENTAL_HEADER]
        )


class TestUnauthorized(FidelityTestCase):
    """keystonemiddleware's auth_token rejection."""

    def test_missing_and_bad_token(self) -> None:
        for headers in ({}, {"X-Auth-Token": "nope"}):
            result = self.client.simulate_get("/v2/shares", headers=headers)
            self.assertEqual(401, result.status_code)
            self.assertEqual("Unauthorized", result.json["error"]["title"])
            self.assertTrue(
                result.headers["WWW-Authenticate"].startswith('Keystone uri="')
            )
            self.assertNotIn(microversion.HEADER, result.headers)


class TestShareViews(FidelityTestCase):
    """manila/api/views/shares.py and api/common.py links."""

    def test_links_repeat_the_url_project(self) -> None:
        share_id = self.create_share()
        project = self.project()
        result = self.call("GET", f"/v2/{project}/shares/{share_id}")
        self.assertEqual(200, result.status_code)
        links = {
            link["rel"]: link["href"] for link in result.json["share"]["links"]
        }
        self.assertTrue(
            links["self"].endswith(f"/v2/{project}/shares/{share_id}"),
            links,
        )
        self.assertTrue(
            links["bookmark"].endswith(f"/{project}/shares/{share_id}")
        )
        self.assertNotIn("/v2/", links["bookmark"])
        plain = self.call("GET", f"/v2/shares/{share_id}")
        self.assertTrue(
            plain.json["share"]["links"][0]["href"].endswith(
                f"/v2/shares/{share_id}"
            )
        )

    def test_next_link_has_project_and_raw_query(self) -> None:
        self.create_share(name="a/b")
        project = self.project()
        result = self.call(
            "GET", f"/v2/{project}/shares?limit=1&name=a/b", version="2.42"
        )
        (link,) = result.json["shares_links"]
        self.assertEqual("next", link["rel"])
        # Manila joins the parameters unencoded (dict_to_query_str)
        self.assertIn(
            f"/v2/{project}/shares?limit=1&name=a/b&marker=", link["href"]
        )

    def test_detail_counts_at_every_version_index_from_2_42(self) -> None:
        self.create_share()
        detail = self.call(
            "GET", "/v2/shares/detail?with_count=true", version="2.0"
        )
        self.assertEqual(1, detail.json["count"])
        index = self.call("GET", "/v2/shares?with_count=true", version="2.41")
        self.assertNotIn("count", index.json)
        index = self.call("GET", "/v2/shares?with_count=true", version="2.42")
        self.assertEqual(1, index.json["count"])

    def test_bad_with_count_message(self) -> None:
        result = self.call("GET", "/v2/shares/detail?with_count=maybe")
        self.assertEqual(
            "Invalid value maybe for with_count. Expecting a boolean.",
            self.fault(result, 400, "badRequest"),
        )

    def test_fields_per_version(self) -> None:
        share_id = self.create_share()
        expect = {
            "2.0": {"export_location", "export_locations"},
            "2.6": {"share_type_name", "task_state", "snapshot_support"},
            "2.10": {"access_rules_status"},
            "2.54": {"progress"},
            "2.69": {"is_soft_deleted", "scheduled_to_be_deleted_at"},
            "2.90": {"encryption_key_ref"},
            "2.99": {"snapshot_inherit_share_access_support"},
        }
        for version, present in expect.items():
            share = self.call(
                "GET", f"/v2/shares/{share_id}", version=version
            ).json["share"]
            self.assertTrue(present <= set(share), (version, set(share)))
            self.assertNotIn("host", share)
            self.assertNotIn("share_server_id", share)
        share = self.call("GET", f"/v2/shares/{share_id}", version="2.9")
        self.assertNotIn("export_location", share.json["share"])
        self.assertNotIn("access_rules_status", share.json["share"])
        admin = self.call("GET", f"/v2/shares/{share_id}", "admin").json
        self.assertIn("host", admin["share"])
        self.assertIn("share_server_id", admin["share"])
        old = self.call("GET", f"/v2/shares/{share_id}", version="2.5").json
        # before 2.6 share_type is the type's name, as volume_type
        self.assertEqual(
            old["share"]["volume_type"], old["share"]["share_type"]
        )


class TestShareNotFound(FidelityTestCase):
    """404 texts as manila/api/v2/shares.py (and its fault middleware)."""

    def test_show_update_delete_bare_not_found(self) -> None:
        cases: tuple[tuple[str, dict[str, Any]], ...] = (
            ("GET", {}),
            ("PUT", {"json": {"share": {"display_name": "x"}}}),
            ("DELETE", {}),
        )
        for method, kwargs in cases:
            result = self.call(method, f"/v2/shares/{MISSING}", **kwargs)
            self.assertEqual(
                "The resource could not be found.",
                self.fault(result, 404, "itemNotFound"),
                method,
            )

    def test_other_projects_private_share_bare_not_found(self) -> None:
        share_id = self.create_share()
        result = self.call("GET", f"/v2/shares/{share_id}", "alt_demo")
        self.assertEqual(
            "The resource could not be found.",
            self.fault(result, 404, "itemNotFound"),
        )

    def test_update_without_share_key_is_422(self) -> None:
        share_id = self.create_share()
        result = self.call("PUT", f"/v2/shares/{share_id}", json={"other": {}})
        self.assertEqual(422, result.status_code)
        self.assertIn("computeFault", result.json)

    def test_access_actions_let_not_found_escape(self) -> None:
        # Manila 23's db.share_get raises a bare NotFound (not
        # ShareNotFound) and the fault wrapper prefixes its class name
        expected = "NotFound: Resource could not be found."
        cases: tuple[tuple[dict[str, Any], str], ...] = (
            (
                {
                    "allow_access": {
                        "access_type": "ip",
                        "access_to": "1.1.1.1",
                    }
                },
                "2.99",
            ),
            ({"deny_access": {"access_id": MISSING}}, "2.99"),
            ({"access_list": None}, "2.44"),
        )
        for body, version in cases:
            result = self.action(MISSING, body, version)
            self.assertEqual(
                expected, self.fault(result, 404, "itemNotFound"), str(body)
            )

    def test_deny_unknown_rule(self) -> None:
        share_id = self.create_share()
        result = self.action(share_id, {"deny_access": {"access_id": MISSING}})
        self.assertEqual(
            "Resource could not be found.",
            self.fault(result, 404, "itemNotFound"),
        )

    def test_action_status_codes(self) -> None:
        share_id = self.create_share()
        self.assertEqual(
            202, self.action(share_id, {"extend": {"new_size": 2}}).status_code
        )
        self.cloud.bus.advance(100)
        self.assertEqual(
            202, self.action(share_id, {"shrink": {"new_size": 1}}).status_code
        )
        self.cloud.bus.advance(100)
        result = self.action(
            share_id,
            {"reset_status": {"status": "error"}},
            user="admin",
        )
        self.assertEqual(202, result.status_code)
        result = self.action(share_id, {"force_delete": None}, user="admin")
        self.assertEqual(202, result.status_code)


class TestAccessViews(FidelityTestCase):
    """manila/api/views/share_accesses.py and v2/share_accesses.py."""

    def allow(self, share_id: str, version: str = "2.99") -> Any:
        return self.action(
            share_id,
            {"allow_access": {"access_type": "ip", "access_to": "10.0.0.1"}},
            version,
        )

    def test_allow_view_fields(self) -> None:
        share_id = self.create_share()
        result = self.allow(share_id)
        self.assertEqual(200, result.status_code)
        self.assertEqual(
            {
                "id",
                "share_id",
                "access_level",
                "access_to",
                "access_type",
                "state",
                "access_key",
                "created_at",
                "updated_at",
                "metadata",
            },
            set(result.json["access"]),
        )

    def test_before_2_28_rules_show_the_shares_status(self) -> None:
        share_id = self.create_share()
        result = self.allow(share_id, "2.27")
        self.assertEqual("new", result.json["access"]["state"])
        self.cloud.bus.advance(100)
        rules = self.action(share_id, {"access_list": None}, "2.27")
        self.assertEqual(
            ["active"], [r["state"] for r in rules.json["access_list"]]
        )
        # a second rule makes the share syncing: every rule shows "new"
        self.action(
            share_id,
            {"allow_access": {"access_type": "ip", "access_to": "10.0.0.2"}},
        )
        rules = self.action(share_id, {"access_list": None}, "2.27")
        self.assertEqual(
            ["new", "new"], [r["state"] for r in rules.json["access_list"]]
        )
        rules = self.action(share_id, {"access_list": None}, "2.28")
        self.assertEqual(
            ["active", "queued_to_apply"],
            sorted(r["state"] for r in rules.json["access_list"]),
        )

    def test_list_share_id_errors(self) -> None:
        result = self.call("GET", "/v2/share-access-rules")
        self.assertEqual(
            "The field 'share_id' has to be specified.",
            self.fault(result, 400, "badRequest"),
        )
        result = self.call("GET", f"/v2/share-access-rules?share_id={MISSING}")
        self.assertEqual(
            f"Share {MISSING} not found.",
            self.fault(result, 400, "badRequest"),
        )
        result = self.call("GET", f"/v2/share-access-rules/{MISSING}")
        self.assertEqual(
            f"Share access rule {MISSING} not found.",
            self.fault(result, 404, "itemNotFound"),
        )


class TestExportLocations(FidelityTestCase):
    """manila/api/v2/share_export_locations.py."""

    def test_messages_and_admin_only(self) -> None:
        result = self.call("GET", f"/v2/shares/{MISSING}/export_locations")
        self.assertEqual(
            f"Share '{MISSING}' not found.",
            self.fault(result, 404, "itemNotFound"),
        )
        share_id = self.create_share()
        result = self.call(
            "GET", f"/v2/shares/{share_id}/export_locations/{MISSING}"
        )
        self.assertEqual(
            f"Export location '{MISSING}' not found.",
            self.fault(result, 404, "itemNotFound"),
        )
        with self.cloud.store.lock:
            share = self.cloud.store.get("shares", share_id)
            locations = [dict(el) for el in share["export_locations"]]
            locations[0]["is_admin_only"] = True
            self.cloud.store.update(
                "shares", share_id, export_locations=locations
            )
        el_id = locations[0]["id"]
        path = f"/v2/shares/{share_id}/export_locations/{el_id}"
        self.fault(self.call("GET", path), 403, "forbidden")
        admin = self.call("GET", path, "admin")
        self.assertEqual(200, admin.status_code)
        self.assertTrue(admin.json["export_location"]["is_admin_only"])
        listed = self.call("GET", f"/v2/shares/{share_id}/export_locations")
        self.assertNotIn(
            el_id, [el["id"] for el in listed.json["export_locations"]]
        )
