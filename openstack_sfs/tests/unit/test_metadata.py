"""Unit tests for openstack_sfs.v2._metadata.MetadataMixin."""

from __future__ import annotations

from openstack import exceptions, resource

from openstack_sfs.tests.unit import base
from openstack_sfs.v2 import _metadata

NOT_FOUND = {
    "itemNotFound": {"code": 404, "message": "Metadata item k not found."}
}


class Thing(_metadata.MetadataMixin):
    """A child resource with metadata from 2.73, like snapshots."""

    resource_key = "thing"
    resources_key = "things"
    base_path = "/parents/%(parent_id)s/things"
    _metadata_min_microversion = "2.73"
    _max_microversion = "2.80"

    parent_id = resource.URI("parent_id")


class OldThing(_metadata.MetadataMixin):
    """A resource with metadata since 2.0, like shares."""

    base_path = "/olds"
    _max_microversion = "2.99"


class TestMetadataMixin(base.TestCase):
    URL = base.MANILA_URL + "/parents/p1/things/t1/metadata"
    PATH = "/parents/p1/things/t1/metadata"

    def thing(self) -> Thing:
        return Thing.existing(id="t1", parent_id="p1")

    def test_fetch_metadata(self) -> None:
        self.requests_mock.get(self.URL, json={"metadata": {"a": "1"}})
        res = self.thing().fetch_metadata(self.proxy)
        self.assertEqual({"a": "1"}, res.metadata)
        self.assert_request("GET", self.PATH, microversion="2.80")

    def test_negotiates_server_max(self) -> None:
        self.set_server_max("2.75")
        self.requests_mock.get(self.URL, json={"metadata": {}})
        self.thing().fetch_metadata(self.proxy)
        self.assert_request("GET", self.PATH, microversion="2.75")

    def test_get_item_meta_answer(self) -> None:
        self.requests_mock.get(self.URL + "/k", json={"meta": {"k": "v"}})
        res = self.thing().get_metadata_item(self.proxy, "k")
        self.assertEqual({"k": "v"}, res.metadata)
        self.assert_request("GET", self.PATH + "/k", microversion="2.80")

    def test_get_item_metadata_answer(self) -> None:
        self.requests_mock.get(self.URL + "/k", json={"metadata": {"k": "w"}})
        res = self.thing().get_metadata_item(self.proxy, "k")
        self.assertEqual("w", res.metadata["k"])

    def test_get_item_not_found(self) -> None:
        self.requests_mock.get(
            self.URL + "/k", status_code=404, json=NOT_FOUND
        )
        exc = self.assertRaises(
            exceptions.NotFoundException,
            self.thing().get_metadata_item,
            self.proxy,
            "k",
        )
        self.assertIn("Metadata item k not found.", str(exc))

    def test_set_metadata_merges(self) -> None:
        self.requests_mock.post(
            self.URL, json={"metadata": {"a": "1", "b": "2"}}
        )
        res = self.thing().set_metadata(self.proxy, {"b": "2"})
        self.assertEqual({"a": "1", "b": "2"}, res.metadata)
        self.assert_request(
            "POST",
            self.PATH,
            microversion="2.80",
            json_body={"metadata": {"b": "2"}},
        )

    def test_replace_metadata(self) -> None:
        self.requests_mock.put(self.URL, json={"metadata": {"c": "3"}})
        res = self.thing().replace_metadata(self.proxy, {"c": "3"})
        self.assertEqual({"c": "3"}, res.metadata)
        self.assert_request(
            "PUT",
            self.PATH,
            microversion="2.80",
            json_body={"metadata": {"c": "3"}},
        )

    def test_set_metadata_replace_flag(self) -> None:
        self.requests_mock.put(self.URL, json={"metadata": {}})
        self.thing().set_metadata(self.proxy, None, replace=True)
        self.assert_request(
            "PUT", self.PATH, microversion="2.80", json_body={"metadata": {}}
        )

    def test_delete_metadata_item(self) -> None:
        self.requests_mock.delete(self.URL + "/k", status_code=200)
        res = Thing.existing(
            id="t1", parent_id="p1", metadata={"k": "v", "x": "y"}
        )
        res.delete_metadata_item(self.proxy, "k")
        self.assertEqual({"x": "y"}, res.metadata)
        self.assert_request("DELETE", self.PATH + "/k", microversion="2.80")

    def test_delete_metadata_item_not_found(self) -> None:
        self.requests_mock.delete(
            self.URL + "/k", status_code=404, json=NOT_FOUND
        )
        self.assertRaises(
            exceptions.NotFoundException,
            self.thing().delete_metadata_item,
            self.proxy,
            "k",
        )

    def test_not_supported_on_old_server(self) -> None:
        self.set_server_max("2.72")
        exc = self.assertRaises(
            exceptions.NotSupported, self.thing().fetch_metadata, self.proxy
        )
        self.assertIn("2.73", str(exc))
        self.assertEqual([], self.api_requests())

    def test_no_minimum(self) -> None:
        self.set_server_max("2.10")
        url = base.MANILA_URL + "/olds/o1/metadata"
        self.requests_mock.post(url, json={"metadata": {"a": "b"}})
        OldThing.existing(id="o1").set_metadata(self.proxy, {"a": "b"})
        self.assert_request(
            "POST",
            "/olds/o1/metadata",
            microversion="2.10",
            json_body={"metadata": {"a": "b"}},
        )
