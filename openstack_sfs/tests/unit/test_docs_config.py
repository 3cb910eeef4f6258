"""The configuration reference lists every key with its type and default."""

from __future__ import annotations

import dataclasses
import pathlib
from typing import Any

from fake_server import config
from openstack_sfs.tests import base

PAGE = (
    pathlib.Path(__file__).resolve().parents[3]
    / "doc"
    / "source"
    / "fake_server"
    / "config_reference.rst"
)

SECTIONS: tuple[tuple[str, Any, tuple[str, ...]], ...] = (
    (
        "[server]",
        config.Config,
        ("quotas", "backends", "share_types", "users"),
    ),
    ("[[backends]]", config.BackendConfig, ("pools",)),
    ("[[backends.pools]]", config.PoolConfig, ()),
    ("[[share_types]]", config.ShareTypeConfig, ()),
    ("[[users]]", config.UserConfig, ()),
)

HEADER = [
    ".. list-table::",
    "   :header-rows: 1",
    "",
    "   * - key",
    "     - type",
    "     - default",
]


def default_of(field: dataclasses.Field[Any]) -> str:
    if field.default is not dataclasses.MISSING:
        return repr(field.default)
    if field.default_factory is not dataclasses.MISSING:
        return repr(field.default_factory())
    return "(required)"


def render() -> str:
    """The tables the page must contain, from the dataclasses."""
    out: list[str] = []
    for title, cls, skip in SECTIONS:
        out += [title, "-" * len(title), "", *HEADER]
        for field in dataclasses.fields(cls):
            if field.name in skip:
                continue
            out += [
                f"   * - ``{field.name}``",
                f"     - ``{field.type}``",
                f"     - ``{default_of(field)}``",
            ]
        out.append("")
    out += ["[quotas]", "--------", "", *HEADER]
    for name, value in config.Config().quotas.items():
        out += [
            f"   * - ``{name}``",
            "     - ``int``",
            f"     - ``{value!r}``",
        ]
    out.append("")
    return "\n".join(out)


class TestConfigReference(base.TestCase):
    def test_every_key_type_and_default_is_listed(self) -> None:
        self.assertIn(render(), PAGE.read_text(encoding="utf-8"))

    def test_replace_is_documented(self) -> None:
        self.assertIn("``replace = true``", PAGE.read_text(encoding="utf-8"))
