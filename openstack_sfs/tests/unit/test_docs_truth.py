"""The docs say true things about the code.

- Every proxy method that README.md, the rst pages under doc/source and the
  example scripts call exists on :class:`openstack_sfs.v2._proxy.Proxy`,
  and every keyword they pass is one the method takes.
- The fake server guide's control API table matches
  :mod:`fake_server.control`: each documented endpoint answers with each
  documented method and no other, and the settings the table lists are
  the ones the control API accepts.

References are taken only where they are unambiguous: calls on a name
bound to the proxy (``sfs.name(``, ``conn.shared_file_system.name(``),
Sphinx ``:meth:`` roles on the Proxy, and, on pages about the SDK, inline
literals starting with a bare call (````name(````), which are proxy
methods there. On the fake server guide a bare call is a fixture method.
"""

from __future__ import annotations

import ast
import builtins
import inspect
import json
import pathlib
import re
from collections.abc import Callable, Iterator

from fake_server import config, control, errors
from fake_server.cloud import Cloud
from fake_server.fixture import FakeManila
from openstack_sfs.tests import base
from openstack_sfs.v2 import _proxy

ROOT = pathlib.Path(__file__).resolve().parents[3]
DOCS = ROOT / "doc" / "source"
GUIDE = DOCS / "fake_server" / "guide.rst"

#: names the SDK docs bind to the proxy
PROXY_NAMES = ("sfs", "admin_sfs", "conn.shared_file_system", "conn.share")
RECEIVER_CALL = re.compile(
    r"(?<![\w.])(?:"
    + "|".join(re.escape(n) for n in PROXY_NAMES)
    + r")\.([A-Za-z_]\w*)\("
)
FIXTURE_CALL = re.compile(r"(?<![\w.])fake\.([A-Za-z_]\w*)\(")
METH_ROLE = re.compile(r":meth:`~?openstack_sfs\.v2\._proxy\.Proxy\.(\w+)`")
#: an inline literal that starts with a bare call: ``name(...)``
BARE_CALL = re.compile(r"``([a-z_][a-z0-9_]*)\(")

#: pages where a bare ``name(...)`` literal means a proxy method
SDK_PAGES = ("README.md", "doc/source/install.rst", "doc/source/user/")
#: pages where it means a method of the FakeManila fixture
FIXTURE_PAGES = ("doc/source/fake_server/guide.rst",)


def doc_pages() -> list[pathlib.Path]:
    return [ROOT / "README.md", *sorted(DOCS.rglob("*.rst"))]


def example_scripts() -> list[pathlib.Path]:
    return sorted((DOCS / "examples").glob("*.py"))


def relative(path: pathlib.Path) -> str:
    return path.relative_to(ROOT).as_posix()


def balanced_call(text: str, start: int) -> str | None:
    """The text from ``start`` to the parenthesis closing the first one."""
    depth = 0
    for index in range(start, min(len(text), start + 2000)):
        char = text[index]
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth == 0:
                return text[start : index + 1]
    return None


def keywords_of(call_text: str) -> list[str] | None:
    """Keyword names of a call written as Python, or None if it is prose."""
    try:
        tree = ast.parse(call_text.strip(), mode="eval")
    except SyntaxError:
        return None
    if not isinstance(tree.body, ast.Call):
        return None
    return [k.arg for k in tree.body.keywords if k.arg is not None]


def receiver_calls(
    label: str, text: str, pattern: re.Pattern[str]
) -> Iterator[tuple[str, str, list[str] | None]]:
    """Calls whose method name ``pattern``'s first group matches."""
    for match in pattern.finditer(text):
        call = balanced_call(text, match.start(1))
        keywords = keywords_of(call) if call else None
        yield label, match.group(1), keywords


def page_references(
    label: str, text: str, bare_calls: bool
) -> Iterator[tuple[str, str, list[str] | None]]:
    """``(where, method name, keywords or None)`` for each reference."""
    yield from receiver_calls(label, text, RECEIVER_CALL)
    for match in METH_ROLE.finditer(text):
        yield label, match.group(1), None
    if bare_calls:
        for match in BARE_CALL.finditer(text):
            name = match.group(1)
            if hasattr(builtins, name):
                continue
            call = balanced_call(text, match.start(1))
            keywords = keywords_of(call) if call else None
            yield label, name, keywords


def script_references(
    label: str, source: str
) -> Iterator[tuple[str, str, list[str] | None]]:
    """Calls on names an example script binds to the proxy."""
    tree = ast.parse(source)
    proxies: set[str] = set()
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Assign)
            and isinstance(node.value, ast.Attribute)
            and node.value.attr in ("shared_file_system", "share")
        ):
            proxies.update(
                t.id for t in node.targets if isinstance(t, ast.Name)
            )
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and isinstance(node.func.value, ast.Name)
            and node.func.value.id in proxies
        ):
            keywords = [k.arg for k in node.keywords if k.arg is not None]
            yield f"{label}:{node.lineno}", node.func.attr, keywords


def problems_with(
    references: Iterator[tuple[str, str, list[str] | None]], owner: type
) -> list[str]:
    """What is wrong with references to methods of ``owner``."""
    problems = []
    for where, name, keywords in references:
        method: Callable[..., object] | None = getattr(owner, name, None)
        if method is None or name.startswith("_"):
            problems.append(f"{where}: {owner.__name__} has no {name}()")
            continue
        if not keywords or not callable(method):
            continue
        params = inspect.signature(method).parameters
        if any(p.kind == p.VAR_KEYWORD for p in params.values()):
            continue
        for keyword in keywords:
            if keyword not in params:
                problems.append(
                    f"{where}: {name}() takes no keyword {keyword}"
                )
    return problems


def all_proxy_references() -> list[tuple[str, str, list[str] | None]]:
    refs: list[tuple[str, str, list[str] | None]] = []
    for page in doc_pages():
        label = relative(page)
        text = page.read_text(encoding="utf-8")
        refs.extend(page_references(label, text, label.startswith(SDK_PAGES)))
    for script in example_scripts():
        refs.extend(
            script_references(
                relative(script), script.read_text(encoding="utf-8")
            )
        )
    return refs


class TestProxyReferences(base.TestCase):
    def test_extraction_finds_the_references(self) -> None:
        refs = all_proxy_references()
        names = {name for _, name, _ in refs}
        # the README's example, a :meth: role, a bare literal, a script
        for expected in (
            "create_access_rule",
            "wait_for_service_ensured",
            "reset_share_server_status",
            "ensure_shares",
        ):
            self.assertIn(expected, names)
        self.assertGreater(len(refs), 300)

    def test_extraction_reports_a_wrong_name_and_keyword(self) -> None:
        text = (
            "Call ``frobnicate_share(share)`` or "
            "``sfs.delete_share(share, colour=1)``; "
            "``len(x)`` and ``fake.advance()`` are not proxy calls.\n"
        )
        problems = problems_with(
            page_references("page", text, True), _proxy.Proxy
        )
        self.assertEqual(
            [
                "page: Proxy has no frobnicate_share()",
                "page: delete_share() takes no keyword colour",
            ],
            sorted(problems),
        )

    def test_every_documented_proxy_call_exists(self) -> None:
        self.assertEqual(
            [], problems_with(iter(all_proxy_references()), _proxy.Proxy)
        )

    def test_fixture_calls_in_the_guide_exist(self) -> None:
        refs: list[tuple[str, str, list[str] | None]] = []
        for label in FIXTURE_PAGES:
            text = (ROOT / label).read_text(encoding="utf-8")
            refs.extend(
                (where, name, kw)
                for where, name, kw in page_references(label, text, True)
                # the guide also shows SDK calls (sfs.create_share(...))
                if not hasattr(_proxy.Proxy, name)
            )
            refs.extend(receiver_calls(label, text, FIXTURE_CALL))
        self.assertGreater(len(refs), 7)
        self.assertEqual([], problems_with(iter(refs), FakeManila))


def control_table() -> list[tuple[list[str], str, str]]:
    """``(methods, path, description)`` rows of the guide's table."""
    text = GUIDE.read_text(encoding="utf-8")
    section = text.split("\nThe control API\n", 1)[1]
    section = re.split(r"\n[^\n]+\n-{3,}\n", section, maxsplit=1)[0]
    rows = re.findall(
        r"^   \* - ``([A-Z|]+) (/_fake\S*)``\n     - (.+)$",
        section,
        flags=re.MULTILINE,
    )
    return [(methods.split("|"), path, what) for methods, path, what in rows]


def expand(path: str) -> list[str]:
    """Concrete control paths for a documented one."""
    path = path[len("/_fake") :].replace("NAME", "alpha")
    optional = re.fullmatch(r"(.*)\[(.*)\]", path)
    if optional:
        return [optional.group(1), optional.group(1) + optional.group(2)]
    return [path]


def literals(text: str) -> set[str]:
    return set(re.findall(r"``(\w+)``", text))


class TestControlApiTable(base.TestCase):
    METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")

    def setUp(self) -> None:
        super().setUp()
        self.cloud = Cloud(
            config.from_dict({"server": {"progression": "manual"}})
        )
        self.addCleanup(self.cloud.close)

    def call(self, method: str, path: str, body: object = None) -> int:
        raw = b"" if body is None else json.dumps(body).encode()
        status, _ = control.handle(self.cloud, method, path, raw, {})
        return status

    def row(self, endpoint: str) -> tuple[list[str], str, str]:
        for row in control_table():
            if row[1] == endpoint:
                return row
        self.fail(f"no row for {endpoint} in the guide's control table")

    def test_table_is_read(self) -> None:
        self.assertGreaterEqual(len(control_table()), 10)

    def test_documented_methods_answer_and_others_do_not(self) -> None:
        documented: dict[str, set[str]] = {}
        for methods, endpoint, _ in control_table():
            for path in expand(endpoint):
                documented.setdefault(path, set()).update(methods)
        for path, methods in sorted(documented.items()):
            for method in self.METHODS:
                body = {
                    "/wait": {"timeout": 0.01},
                    "/backends/alpha/storage": {"export_path": "h:/x"},
                }.get(path, {})
                if method in methods:
                    status = self.call(method, path, body)
                    self.assertIn(status, (200, 204), f"{method} {path}")
                else:
                    self.assertRaises(
                        errors.NotFound, self.call, method, path, body
                    )

    def test_config_settings_listed_are_the_settable_ones(self) -> None:
        _, _, what = self.row("/_fake/config")
        settable = {"progression", *control._CONFIG_KEYS}
        # what may be set, before the note on what the reply adds
        self.assertEqual(settable, literals(what.split("(", 1)[0]))
        self.assertRaises(
            errors.BadRequest, self.call, "PUT", "/config", {"colour": 1}
        )

    def test_backend_settings_listed_are_accepted(self) -> None:
        _, _, what = self.row("/_fake/backends/NAME")
        listed = literals(what) - {"total_capacity_gb"}
        self.assertEqual(
            {
                "export_address",
                "secondary_export_address",
                "admin_export_address",
                "protocols",
                "delays",
                "failures",
                "capabilities",
                "pools",
            },
            listed,
        )
        valid = {
            "export_address": "10.0.0.99",
            "secondary_export_address": None,
            "admin_export_address": "11.0.0.12",
            "protocols": ["NFS"],
            "delays": {},
            "failures": {},
            "capabilities": {},
            "pools": {"fast": {"total_capacity_gb": 10}},
        }
        for key in listed:
            self.assertEqual(
                200, self.call("PATCH", "/backends/alpha", {key: valid[key]})
            )
        self.assertRaises(
            errors.BadRequest,
            self.call,
            "PATCH",
            "/backends/alpha",
            {"colour": "red"},
        )
