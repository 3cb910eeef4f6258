"""Code written for openstacksdk's Manila proxy ports unchanged.

Every public method of ``openstack.shared_file_system.v2._proxy.Proxy``
exists on ours, takes the same positional parameters in the same order,
accepts every keyword it accepts, and keeps its defaults (ours may add
optional parameters, or defaults where openstacksdk has none).
"""

from __future__ import annotations

import inspect

import testtools
from openstack.shared_file_system.v2 import _proxy as theirs

from openstack_sfs.v2 import _proxy as ours

POSITIONAL = (
    inspect.Parameter.POSITIONAL_ONLY,
    inspect.Parameter.POSITIONAL_OR_KEYWORD,
)


def public_methods() -> list[str]:
    return sorted(
        name
        for name, value in vars(theirs.Proxy).items()
        if not name.startswith("_") and inspect.isfunction(value)
    )


class TestSameNamesAndSignatures(testtools.TestCase):
    def test_there_are_methods_to_compare(self) -> None:
        self.assertGreater(len(public_methods()), 100)

    def test_every_method_exists(self) -> None:
        missing = [n for n in public_methods() if not hasattr(ours.Proxy, n)]
        self.assertEqual([], missing)

    def test_signatures_are_compatible(self) -> None:
        problems = []
        for name in public_methods():
            their = inspect.signature(getattr(theirs.Proxy, name)).parameters
            mine = inspect.signature(getattr(ours.Proxy, name)).parameters
            their_pos = [k for k, p in their.items() if p.kind in POSITIONAL]
            my_pos = [k for k, p in mine.items() if p.kind in POSITIONAL]
            if my_pos[: len(their_pos)] != their_pos:
                problems.append(f"{name}: positional {their_pos} {my_pos}")
            takes_kwargs = any(p.kind == p.VAR_KEYWORD for p in mine.values())
            for pname, param in their.items():
                if param.kind in (param.VAR_POSITIONAL, param.VAR_KEYWORD):
                    kind = param.kind
                    if not any(p.kind == kind for p in mine.values()):
                        problems.append(f"{name}: no *{pname}")
                    continue
                other = mine.get(pname)
                if other is None:
                    if not takes_kwargs:
                        problems.append(f"{name}: no parameter {pname}")
                    continue
                if param.default is not param.empty and (
                    other.default != param.default
                ):
                    problems.append(
                        f"{name}: {pname} defaults to {other.default!r}, "
                        f"openstacksdk {param.default!r}"
                    )
            for pname, param in mine.items():
                if (
                    pname not in their
                    and param.kind in POSITIONAL + (param.KEYWORD_ONLY,)
                    and param.default is param.empty
                ):
                    problems.append(f"{name}: extra required {pname}")
        self.assertEqual([], problems)
