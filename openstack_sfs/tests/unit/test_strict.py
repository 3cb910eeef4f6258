"""Strict arguments on every proxy method (openstack_sfs.v2._strict)."""

from __future__ import annotations

import inspect
import pkgutil
from typing import Any

import openstack_sfs.v2
from openstack_sfs.tests.unit import base
from openstack_sfs.v2 import _base, _proxy, _strict

SHARE_ID = "011d21e2-fbc3-4e4a-9993-9ea223f73264"
SHARE_URL = base.MANILA_URL + f"/shares/{SHARE_ID}"
SHARE = {"id": SHARE_ID, "status": "available", "size": 1}


class TestUnknownKeywords(base.TestCase):
    def test_typo_in_forwarded_attrs_names_the_nearest(self) -> None:
        exc = self.assertRaises(
            _strict.UnknownArgument,
            self.proxy.create_access_rule,
            SHARE_ID,
            access_type="ip",
            access_to="10.0.0.0/24",
            access_levl="ro",
        )
        self.assertEqual(
            "create_access_rule() got an unexpected keyword argument "
            "'access_levl'. Did you mean 'access_level'?",
            str(exc),
        )
        self.assertIsInstance(exc, _strict.UnknownArgument)
        self.assertEqual("access_levl", exc.argument)
        self.assertEqual("access_level", exc.suggestion)
        self.assertEqual([], self.api_requests())

    def test_typo_in_a_method_without_kwargs(self) -> None:
        exc = self.assertRaises(
            _strict.UnknownArgument,
            self.proxy.delete_share,
            SHARE_ID,
            forse=True,
        )
        self.assertEqual(
            "delete_share() got an unexpected keyword argument 'forse'. "
            "Did you mean 'force'?",
            str(exc),
        )

    def test_unknown_without_a_near_name(self) -> None:
        exc = self.assertRaises(
            _strict.UnknownArgument,
            self.proxy.get_share,
            SHARE_ID,
            colour="red",
        )
        self.assertEqual(
            "get_share() got an unexpected keyword argument 'colour'",
            str(exc),
        )
        self.assertIsNone(exc.suggestion)

    def test_list_filter_typo(self) -> None:
        exc = self.assertRaises(
            _strict.UnknownArgument, self.proxy.shares, stauts="error"
        )
        self.assertEqual("status", exc.suggestion)
        self.assertIn("shares()", str(exc))
        self.assertEqual([], self.api_requests())

    def test_find_filter_typo(self) -> None:
        exc = self.assertRaises(
            _strict.UnknownArgument, self.proxy.find_share, "x", projetc_id="p"
        )
        self.assertEqual("project_id", exc.suggestion)

    def test_update_typo(self) -> None:
        exc = self.assertRaises(
            _strict.UnknownArgument,
            self.proxy.update_share,
            SHARE_ID,
            descripton="d",
        )
        self.assertEqual("description", exc.suggestion)
        self.assertEqual([], self.api_requests())

    def test_declared_keywords(self) -> None:
        exc = self.assertRaises(
            _strict.UnknownArgument,
            self.proxy.manage_share,
            "NFS",
            "10.0.0.1:/x",
            "h@b#p",
            nmae="adopted",
        )
        self.assertEqual("name", exc.suggestion)
        exc = self.assertRaises(
            _strict.UnknownArgument,
            self.proxy.get_quota_set,
            base.PROJECT_ID,
            user="u",
        )
        self.assertEqual("user_id", exc.suggestion)
        exc = self.assertRaises(
            _strict.UnknownArgument,
            self.proxy.update_quota_set,
            base.PROJECT_ID,
            snapshot=5,
        )
        self.assertEqual("snapshots", exc.suggestion)
        self.assertEqual([], self.api_requests())

    def test_free_form_keywords_stay_free(self) -> None:
        self.requests_mock.post(
            SHARE_URL + "/metadata", json={"metadata": {"any-key": "v"}}
        )
        metadata: dict[str, Any] = {"any-key": "v"}
        self.proxy.set_share_metadata(SHARE_ID, **metadata)
        self.assert_request(
            "POST",
            f"/shares/{SHARE_ID}/metadata",
            microversion="2.99",
            json_body={"metadata": {"any-key": "v"}},
        )

    def test_wire_names_are_accepted(self) -> None:
        self.requests_mock.post(
            base.MANILA_URL + "/shares", json={"share": SHARE}
        )
        self.proxy.create_share(share_proto="NFS", size=1)
        self.assertEqual(
            "NFS", self.api_requests()[-1].json()["share"]["share_proto"]
        )


class TestRequiredAndValues(base.TestCase):
    def test_create_share_without_arguments(self) -> None:
        exc = self.assertRaises(TypeError, self.proxy.create_share)
        self.assertEqual(
            "create_share() missing required argument: 'share_protocol'",
            str(exc),
        )
        self.assertEqual([], self.api_requests())

    def test_size_or_snapshot(self) -> None:
        exc = self.assertRaises(
            _strict.MissingArgument,
            self.proxy.create_share,
            share_protocol="NFS",
        )
        self.assertEqual(
            "create_share() missing required argument: 'size' (or "
            "'snapshot_id')",
            str(exc),
        )
        self.requests_mock.post(
            base.MANILA_URL + "/shares", json={"share": SHARE}
        )
        self.proxy.create_share(share_protocol="NFS", snapshot_id="s")
        self.assertEqual(1, len(self.api_requests()))

    def test_required_access_rule_fields(self) -> None:
        exc = self.assertRaises(
            _strict.MissingArgument,
            self.proxy.create_access_rule,
            SHARE_ID,
            access_type="ip",
        )
        self.assertIn("missing required argument: 'access_to'", str(exc))

    def test_sizes_in_manilas_words(self) -> None:
        for size, error in (("big", TypeError), (0, ValueError)):
            exc = self.assertRaises(
                error,
                self.proxy.create_share,
                share_protocol="NFS",
                size=size,
            )
            self.assertEqual(
                f"Share size '{size}' must be an integer and greater than 0",
                str(exc),
            )
        self.assertRaises(
            TypeError, self.proxy.create_share, share_protocol="NFS", size=True
        )
        exc = self.assertRaises(
            TypeError, self.proxy.resize_share, SHARE_ID, "big"
        )
        self.assertEqual(
            "New share size must be specified as an integer.", str(exc)
        )
        self.assertRaises(
            ValueError, self.proxy.resize_share, SHARE_ID, new_size=-1
        )
        self.assertEqual([], self.api_requests())


class TestEveryMethod(base.TestCase):
    def test_every_public_method_is_strict_and_keeps_its_signature(
        self,
    ) -> None:
        public = [
            (name, value)
            for name, value in vars(_proxy.Proxy).items()
            if not name.startswith("_") and inspect.isfunction(value)
        ]
        self.assertGreater(len(public), 200)
        for name, method in public:
            wrapped = getattr(method, "__wrapped__", None)
            assert wrapped is not None, name
            self.assertEqual(
                inspect.signature(wrapped), inspect.signature(method), name
            )
            self.assertEqual(wrapped.__doc__, method.__doc__, name)

    def test_required_fields_exist(self) -> None:
        for info in pkgutil.iter_modules(openstack_sfs.v2.__path__):
            module = __import__(
                f"openstack_sfs.v2.{info.name}", fromlist=["x"]
            )
            for value in vars(module).values():
                if not (
                    inspect.isclass(value)
                    and issubclass(value, _base.ManilaResource)
                ):
                    continue
                fields = _strict.field_names(value)
                for group in value._create_requires:
                    for name in group:
                        self.assertIn(name, fields, value.__name__)
