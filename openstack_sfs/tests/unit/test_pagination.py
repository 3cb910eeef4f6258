"""Paging and query encoding of Manila lists, checked list by list.

No Manila list honours ``marker`` (the controllers read only ``limit``
and ``offset``, see ``manila/api/common.py`` ``limited`` and
``get_pagination_params``), so every paged list moves on by ``offset``.
Dict filters are parsed by Manila with ``ast.literal_eval`` and must be
sent as one literal, not as the dict's keys.
"""

from __future__ import annotations

import json
from typing import Any

from openstack import exceptions

from openstack_sfs.tests.unit import base

#: (proxy method, URL path, resources key, microversion sent)
OFFSET_PAGED_LISTS: tuple[tuple[str, str, str, str], ...] = (
    ("shares", "/shares/detail", "shares", "2.99"),
    ("share_snapshots", "/snapshots/detail", "snapshots", "2.79"),
    ("share_networks", "/share-networks/detail", "share_networks", "2.78"),
    (
        "security_services",
        "/security-services/detail",
        "security_services",
        "2.76",
    ),
    ("share_groups", "/share-groups/detail", "share_groups", "2.55"),
    (
        "share_group_snapshots",
        "/share-group-snapshots/detail",
        "share_group_snapshots",
        "2.55",
    ),
    ("share_replicas", "/share-replicas/detail", "share_replicas", "2.95"),
    ("share_backups", "/share-backups/detail", "share_backups", "2.91"),
    ("share_transfers", "/share-transfers", "transfers", "2.77"),
    ("resource_locks", "/resource-locks", "resource_locks", "2.81"),
    ("qos_types", "/qos-types", "qos_types", "2.94"),
    ("user_messages", "/messages", "messages", "2.52"),
)


def _item(n: int) -> dict[str, Any]:
    return {"id": f"id-{n}", "name": f"item-{n}"}


class TestOffsetPaging(base.TestCase):
    """With ``limit``, every list walks its pages by ``offset``."""

    def _check_offset_paging(
        self, method: str, path: str, key: str, microversion: str
    ) -> None:
        self.requests_mock.reset_mock()
        # A full page, then a short one: Manila repeats the first page
        # if sent a marker, so the second request must carry offset=2.
        self.requests_mock.get(
            base.MANILA_URL + path,
            [
                {"json": {key: [_item(1), _item(2)]}},
                {"json": {key: [_item(3)]}},
            ],
        )
        found = [r.id for r in getattr(self.proxy, method)(limit=2)]
        self.assertEqual(["id-1", "id-2", "id-3"], found, method)
        requests = [
            r for r in self.api_requests() if r.path.endswith(path.lower())
        ]
        self.assertEqual(2, len(requests), method)
        # Share backups are experimental: the header goes with them.
        experimental = method == "share_backups"
        self.assert_request(
            "GET",
            path,
            microversion=microversion,
            index=-2,
            query={"limit": ["2"]},
            experimental=experimental,
        )
        self.assert_request(
            "GET",
            path,
            microversion=microversion,
            query={"limit": ["2"], "offset": ["2"]},
            experimental=experimental,
        )

    def test_every_paged_list_moves_by_offset(self) -> None:
        for method, path, key, microversion in OFFSET_PAGED_LISTS:
            self._check_offset_paging(method, path, key, microversion)

    def test_short_first_page_ends_the_list(self) -> None:
        self.requests_mock.get(
            base.MANILA_URL + "/messages",
            json={"messages": [_item(1)]},
        )
        found = list(self.proxy.user_messages(limit=5))
        self.assertEqual(["id-1"], [m.id for m in found])
        self.assertEqual(1, len(self.api_requests()))

    def test_given_offset_is_the_start(self) -> None:
        self.requests_mock.get(
            base.MANILA_URL + "/snapshots/detail",
            [
                {"json": {"snapshots": [_item(1)]}},
                {"json": {"snapshots": []}},
            ],
        )
        found = list(self.proxy.share_snapshots(limit=1, offset=4))
        self.assertEqual(["id-1"], [s.id for s in found])
        self.assert_request(
            "GET",
            "/snapshots/detail",
            microversion="2.79",
            query={"limit": ["1"], "offset": ["5"]},
        )

    def test_max_items_on_an_unpaged_list_stops(self) -> None:
        # /services takes no limit; a short answer ends the listing
        # instead of a repeated request with a marker Manila ignores.
        self.requests_mock.get(
            base.MANILA_URL + "/services",
            json={"services": [{"id": 1, "binary": "manila-share"}]},
        )
        found = list(self.proxy.services(max_items=5))
        self.assertEqual(1, len(found))
        self.assertEqual(1, len(self.api_requests()))


class TestDictFilters(base.TestCase):
    """``metadata`` / ``extra_specs`` filters go out as one literal."""

    def _sent(self, name: str) -> Any:
        query = self.requests_mock.last_request.qs
        return json.loads(query[name][0])

    def test_share_metadata_and_extra_specs(self) -> None:
        self.requests_mock.get(
            base.MANILA_URL + "/shares/detail", json={"shares": []}
        )
        list(
            self.proxy.shares(
                metadata={"Env": "Prod"}, extra_specs={"dedupe": True}
            )
        )
        # requests-mock lower-cases query strings; compare loosely.
        self.assertEqual({"env": "prod"}, self._sent("metadata"))
        self.assertEqual({"dedupe": "true"}, self._sent("extra_specs"))
        url = self.requests_mock.last_request.url
        self.assertIn("metadata=%7B%22Env%22%3A+%22Prod%22%7D", url)

    def test_snapshot_metadata(self) -> None:
        self.requests_mock.get(
            base.MANILA_URL + "/snapshots/detail", json={"snapshots": []}
        )
        list(self.proxy.share_snapshots(metadata={"k": "v"}))
        self.assertEqual({"k": "v"}, self._sent("metadata"))

    def test_access_rule_metadata(self) -> None:
        self.requests_mock.get(
            base.MANILA_URL + "/share-access-rules",
            json={"access_list": []},
        )
        list(self.proxy.access_rules("sid", metadata={"k": "v"}))
        self.assertEqual({"k": "v"}, self._sent("metadata"))
        self.assertEqual(
            ["sid"], self.requests_mock.last_request.qs["share_id"]
        )


class TestOffsetIgnored(base.TestCase):
    """A server that ignores ``offset`` cannot make a listing loop."""

    def test_same_page_again_raises(self) -> None:
        self.requests_mock.get(
            base.MANILA_URL + "/messages",
            json={"messages": [_item(1), _item(2)]},
        )
        gen = self.proxy.user_messages(limit=2)
        self.assertRaisesRegex(
            exceptions.SDKException, "Endless pagination", list, gen
        )
        self.assertEqual(2, len(self.api_requests()))

    def test_shifted_item_is_yielded_once(self) -> None:
        # An item created between two requests shifts the second page.
        self.requests_mock.get(
            base.MANILA_URL + "/messages",
            [
                {"json": {"messages": [_item(1), _item(2)]}},
                {"json": {"messages": [_item(2), _item(3)]}},
                {"json": {"messages": []}},
            ],
        )
        found = [m.id for m in self.proxy.user_messages(limit=2)]
        self.assertEqual(["id-1", "id-2", "id-3"], found)


class TestVersionedFilters(base.TestCase):
    """Filters Manila drops silently on older servers raise NotSupported.

    Manila's share and snapshot lists pop a filter their microversion
    does not know and answer the unfiltered list; the SDK refuses to
    send it instead of returning more than was asked for.
    """

    def _refused(
        self, method: str, server: str, needed: str, **query: Any
    ) -> None:
        self.set_server_max(server)
        self.assertRaisesRegex(
            exceptions.NotSupported,
            f"The {next(iter(query))} filter requires .*{needed}",
            lambda: list(getattr(self.proxy, method)(**query)),
        )
        self.assertEqual([], self.api_requests())

    def test_share_export_location_filter(self) -> None:
        self._refused("shares", "2.34", "2.35", export_location_path="/p")

    def test_share_like_filter(self) -> None:
        self._refused("shares", "2.35", "2.36", **{"name~": "a"})

    def test_share_description_filter(self) -> None:
        self._refused("shares", "2.35", "2.36", description="a")

    def test_share_with_count(self) -> None:
        self._refused("shares", "2.41", "2.42", with_count=True)

    def test_share_is_soft_deleted_filter(self) -> None:
        self._refused("shares", "2.68", "2.69", is_soft_deleted=True)

    def test_share_encryption_key_ref_filter(self) -> None:
        self._refused("shares", "2.89", "2.90", encryption_key_ref="r")

    def test_share_availability_zone_filter(self) -> None:
        self._refused("shares", "2.96", "2.97", availability_zone="nova")

    def test_share_filter_at_its_version_is_sent(self) -> None:
        self.set_server_max("2.97")
        self.requests_mock.get(
            base.MANILA_URL + "/shares/detail", json={"shares": []}
        )
        list(self.proxy.shares(availability_zone="nova"))
        self.assert_request(
            "GET",
            "/shares/detail",
            microversion="2.97",
            query={"availability_zone": ["nova"]},
        )

    def test_snapshot_like_filter(self) -> None:
        self._refused(
            "share_snapshots", "2.35", "2.36", **{"description~": "a"}
        )

    def test_snapshot_metadata_filter(self) -> None:
        self._refused("share_snapshots", "2.72", "2.73", metadata={"k": "v"})

    # -- the areas of the second audit ----------------------------------

    def test_share_group_like_filters(self) -> None:
        # Manila's share group list pops name~ / description~ below 2.36.
        self._refused("share_groups", "2.35", "2.36", **{"name~": "a"})
        self._refused("share_groups", "2.35", "2.36", **{"description~": "a"})

    def test_share_group_like_filter_at_its_version_is_sent(self) -> None:
        self.set_server_max("2.36")
        self.requests_mock.get(
            base.MANILA_URL + "/share-groups/detail", json={"share_groups": []}
        )
        query: dict[str, Any] = {"name~": "g"}
        list(self.proxy.share_groups(**query))
        self.assert_request(
            "GET",
            "/share-groups/detail",
            microversion="2.36",
            query={"name~": ["g"]},
            experimental=True,
        )

    def test_share_group_type_group_specs_on_the_resource(self) -> None:
        # Used without the proxy, the resource refuses the filter too.
        from openstack_sfs.v2 import share_group_type

        self.set_server_max("2.65")
        self.assertRaisesRegex(
            exceptions.NotSupported,
            "The group_specs filter requires .*2.66",
            lambda: list(
                share_group_type.ShareGroupType.list(
                    self.proxy, group_specs={"a": "b"}
                )
            ),
        )
        self.assertEqual([], self.api_requests())

    def test_security_service_ou_filter(self) -> None:
        self._refused("security_services", "2.43", "2.44", ou="OU=x")

    def test_security_service_default_ad_site_filter(self) -> None:
        self._refused(
            "security_services", "2.75", "2.76", default_ad_site="site-1"
        )

    def test_security_service_ou_filter_is_sent(self) -> None:
        self.set_server_max("2.44")
        self.requests_mock.get(
            base.MANILA_URL + "/security-services/detail",
            json={"security_services": []},
        )
        list(self.proxy.security_services(ou="OU=x"))
        self.assert_request(
            "GET",
            "/security-services/detail",
            microversion="2.44",
            query={"ou": ["ou=x"]},
        )
