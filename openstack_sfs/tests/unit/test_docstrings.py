"""Every public method is documented, and the Proxy's parameters are too.

- Each public method (and property) that openstack_sfs defines on the
  Proxy or on a class in ``openstack_sfs.v2`` has a docstring.
- Each public Proxy method documents every parameter with ``:param:``
  (``*args`` and ``**kwargs`` by their names), documents no parameter it
  does not take, and says what it returns and raises.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re
from collections.abc import Callable, Iterator
from typing import Any

import openstack_sfs.v2
from openstack_sfs.tests import base
from openstack_sfs.v2 import _proxy

PARAM = re.compile(r"^\s*:param\s+(?:[^:\s]+\s+)?\**(\w+):", re.MULTILINE)


def own_members(cls: type) -> Iterator[tuple[str, Callable[..., Any]]]:
    """Public callables and property getters openstack_sfs defines."""
    seen = set()
    for klass in cls.__mro__:
        if not klass.__module__.startswith("openstack_sfs"):
            continue
        for name, value in vars(klass).items():
            if name.startswith("_") or name in seen:
                continue
            seen.add(name)
            if isinstance(value, (staticmethod, classmethod)):
                value = value.__func__
            elif isinstance(value, property):
                value = value.fget
            if inspect.isfunction(value):
                yield name, value


def v2_classes() -> list[type]:
    classes: list[type] = []
    for info in pkgutil.iter_modules(openstack_sfs.v2.__path__):
        module = importlib.import_module(f"openstack_sfs.v2.{info.name}")
        classes.extend(
            value
            for value in vars(module).values()
            if inspect.isclass(value) and value.__module__ == module.__name__
        )
    return classes


def param_problems(name: str, function: Callable[..., Any]) -> list[str]:
    """Parameters missing from (or documented but absent in) a docstring."""
    documented = PARAM.findall(inspect.getdoc(function) or "")
    actual = [p for p in inspect.signature(function).parameters if p != "self"]
    problems = [
        f"{name}: no :param {p}:" for p in actual if p not in documented
    ]
    problems.extend(
        f"{name}: documents {p}, which it does not take"
        for p in documented
        if p not in actual
    )
    return problems


class TestDocstrings(base.TestCase):
    def test_there_is_something_to_check(self) -> None:
        self.assertGreater(len(list(own_members(_proxy.Proxy))), 200)
        self.assertGreater(len(v2_classes()), 30)

    def test_every_public_method_has_a_docstring(self) -> None:
        missing = [
            f"{cls.__module__}.{cls.__name__}.{name}"
            for cls in [_proxy.Proxy, *v2_classes()]
            for name, function in own_members(cls)
            if not (function.__doc__ or "").strip()
        ]
        self.assertEqual([], missing)

    def test_every_proxy_parameter_is_documented(self) -> None:
        problems = []
        for name, function in own_members(_proxy.Proxy):
            problems.extend(param_problems(name, function))
        self.assertEqual([], problems)

    def test_every_proxy_method_says_what_it_returns_and_raises(
        self,
    ) -> None:
        problems: list[str] = []
        for name, function in own_members(_proxy.Proxy):
            doc = inspect.getdoc(function) or ""
            problems.extend(
                f"{name}: no {field}"
                for field in (":returns:", ":raises")
                if field not in doc
            )
        self.assertEqual([], problems)

    def test_the_check_sees_a_missing_and_a_stale_parameter(self) -> None:
        def sample(self: object, share: str, *, force: bool = False) -> None:
            """Do something.

            :param share: A share.
            :param wait: Gone.
            """

        self.assertEqual(
            [
                "sample: no :param force:",
                "sample: documents wait, which it does not take",
            ],
            param_problems("sample", sample),
        )
