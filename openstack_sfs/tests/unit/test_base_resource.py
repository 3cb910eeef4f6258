"""ManilaResource's cached lookups give openstacksdk's results."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from typing import Any

import testtools
from openstack import fields, resource

import openstack_sfs.v2
from openstack_sfs.tests.unit import base
from openstack_sfs.v2 import _base
from openstack_sfs.v2 import share as _share


def resource_classes() -> list[type[_base.ManilaResource]]:
    found = []
    for info in pkgutil.iter_modules(openstack_sfs.v2.__path__):
        module = importlib.import_module(f"openstack_sfs.v2.{info.name}")
        for _, value in inspect.getmembers(module, inspect.isclass):
            if (
                issubclass(value, _base.ManilaResource)
                and value.__module__ == module.__name__
            ):
                found.append(value)
    return found


class TestCachedLookups(testtools.TestCase):
    def test_classes_found(self) -> None:
        self.assertGreater(len(resource_classes()), 15)

    def test_attribute_matching_equals_openstacksdk(self) -> None:
        # twice: the second pass answers from the per-name cache
        for cls in resource_classes() * 2:
            for component in (
                fields.Body,
                fields.Header,
                fields.URI,
                fields.Computed,
            ):
                original = vars(resource.Resource)["_get_mapping"].__func__
                mapping = original(cls, component)
                self.assertEqual(
                    dict(mapping), dict(cls._get_mapping(component))
                )
                attrs = {"unknown_key": 0}
                for i, (wire, attr) in enumerate(mapping.items()):
                    attrs[wire] = i
                    attrs[attr.upper()] = -i
                obj = cls.new()
                expected_attrs = dict(attrs)
                expected = resource.Resource._consume_attrs(
                    obj, cls._get_mapping(component), expected_attrs
                )
                got_attrs = dict(attrs)
                got = obj._consume_mapped_attrs(component, got_attrs)
                self.assertEqual(expected, got, f"{cls} {component}")
                self.assertEqual(expected_attrs, got_attrs)

    def test_to_dict_equals_openstacksdk(self) -> None:
        samples = {int: "7", bool: True, list: ["a", "b"], dict: {"k": "v"}}
        for cls in resource_classes():
            attrs: dict[str, Any] = {}
            for number, (attr, component) in enumerate(
                cls._attributes_iterator()
            ):
                if number % 3 == 2:
                    continue  # some fields absent: their defaults
                attrs[component.name] = samples.get(
                    component.data_type, f"value-{attr}"
                )
            for obj in (cls.existing(**attrs), cls.new(**attrs), cls()):
                self.assertEqual(
                    resource.Resource.to_dict(obj), obj.to_dict(), str(cls)
                )
                self.assertEqual(
                    resource.Resource.to_dict(obj, ignore_none=True),
                    obj.to_dict(ignore_none=True),
                )
                self.assertEqual(dict(obj), obj.to_dict())

    def test_attributes_iterator_is_stable(self) -> None:
        first = list(_share.Share._attributes_iterator())
        second = list(_share.Share._attributes_iterator())
        self.assertEqual(first, second)
        self.assertIn("share_protocol", dict(first))


class TestMicroversionCache(base.TestCase):
    def test_negotiated_once_per_adapter(self) -> None:
        self.assertEqual("2.99", _share.Share._get_microversion(self.proxy))
        self.assertEqual(
            {"2.99": "2.99"}, self.proxy.__dict__["_sfs_microversions"]
        )

    def test_older_server(self) -> None:
        self.set_server_max("2.50")
        self.assertEqual("2.50", _share.Share._get_microversion(self.proxy))

    def test_default_microversion_wins(self) -> None:
        self.proxy.default_microversion = "2.40"
        self.assertEqual("2.40", _share.Share._get_microversion(self.proxy))
