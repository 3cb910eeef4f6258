"""Render conformance summaries (tools/conformance.py's JSON) as reST.

``python tools/conformance_report.py A.json [B.json ...] -o OUT.inc`` writes
the results part of doc/source/fake_server/conformance.rst: a table of the
counts per job, then every failing and every skipped test of each job,
grouped by cause. Causes come from tools/conformance-causes.toml: each has
a title, what it is (the fake differs from Manila 23, a test that fails
against Manila 23.0.1 as well, something this setup lacks, the job's
configuration, ...) and regular expressions matched against
``"<test id>\\n<reason>"``; the first cause that matches wins. A test that
no cause matches is listed under "not triaged yet" with its own reason, so
nothing is hidden.
"""

from __future__ import annotations

import argparse
import collections
import dataclasses
import json
import pathlib
import re
import sys
import tomllib
from collections.abc import Sequence
from typing import Any

HERE = pathlib.Path(__file__).resolve().parent
CAUSES = HERE / "conformance-causes.toml"
PREFIX = "manila_tempest_tests.tests.api."


@dataclasses.dataclass
class Cause:
    """One reason shared by failing or skipped tests."""

    title: str
    kind: str
    status: str  # fail or skip
    explanation: str
    patterns: list[re.Pattern[str]]

    def matches(self, status: str, text: str) -> bool:
        """Whether a test with this status and id/reason text is ours."""
        return status == self.status and any(
            p.search(text) for p in self.patterns
        )


def load_causes(path: pathlib.Path = CAUSES) -> list[Cause]:
    """The causes file, in order."""
    with open(path, "rb") as handle:
        data = tomllib.load(handle)
    causes = []
    for raw in data.get("cause", []):
        causes.append(
            Cause(
                title=raw["title"],
                kind=raw["kind"],
                status=raw.get("status", "fail"),
                explanation=" ".join(raw.get("explanation", "").split()),
                patterns=[re.compile(p, re.S) for p in raw["match"]],
            )
        )
    return causes


def short_id(test_id: str) -> str:
    """A test id without the package prefix and tempest's attributes."""
    name = test_id.split("[", 1)[0]
    return name[len(PREFIX) :] if name.startswith(PREFIX) else name


def classify(
    tests: list[dict[str, Any]], causes: list[Cause]
) -> tuple[dict[str, list[dict[str, Any]]], list[dict[str, Any]]]:
    """Tests by cause title; the tests no cause matches."""
    grouped: dict[str, list[dict[str, Any]]] = collections.defaultdict(list)
    untriaged = []
    for test in tests:
        text = f"{test['id']}\n{test['reason']}"
        for cause in causes:
            if cause.matches(test["status"], text):
                grouped[cause.title].append(test)
                break
        else:
            untriaged.append(test)
    return grouped, untriaged


def _heading(text: str, char: str) -> str:
    return f"{text}\n{char * len(text)}\n\n"


def _literal(text: str) -> str:
    """Text for an inline literal: one line, no backquotes."""
    flat = " ".join(text.split()).replace("`", "'")
    return flat[:300] + ("..." if len(flat) > 300 else "")


def _test_list(tests: list[dict[str, Any]]) -> str:
    names = sorted({short_id(t["id"]) for t in tests})
    lines = []
    for name in names:
        count = sum(1 for t in tests if short_id(t["id"]) == name)
        suffix = f" (×{count})" if count > 1 else ""
        lines.append(f"- ``{name}``{suffix}")
    return "\n".join(lines) + "\n\n"


def render(summaries: list[dict[str, Any]], causes: list[Cause]) -> str:
    """The reST of the results: counts table, then causes per job."""
    out = []
    first = summaries[0]
    out.append(
        f"tempest {first['tempest']}, manila-tempest-plugin "
        f"{first['manila_tempest_plugin']}, suite ``{first['regex']}``.\n\n"
    )
    out.append(".. list-table:: Results\n   :header-rows: 1\n\n")
    out.append(
        "   * - job\n     - fake_server commit\n     - date (UTC)\n"
        "     - tests\n     - passed\n"
        "     - failed\n     - skipped\n     - run time\n"
    )
    for data in summaries:
        counts = data["counts"]
        out.append(
            f"   * - ``{data['job']}``\n"
            f"     - ``{data.get('fake_server_commit') or 'unknown'}``\n"
            f"     - {data['date'][:16].replace('T', ' ')}\n"
            f"     - {counts['total']}\n"
            f"     - {counts['passed']}\n"
            f"     - {counts['failed']}\n"
            f"     - {counts['skipped']}\n"
            f"     - {data['seconds']:.0f} s ({data['concurrency']} workers)\n"
        )
    out.append("\n")
    for data in summaries:
        out.append(_heading(data["job"], "-"))
        for status, word in (("fail", "Failing"), ("skip", "Skipped")):
            tests = [t for t in data["tests"] if t["status"] == status]
            out.append(_heading(f"{word} tests ({len(tests)})", "~"))
            if not tests:
                out.append("None.\n\n")
                continue
            grouped, untriaged = classify(tests, causes)
            for cause in causes:
                members = grouped.get(cause.title)
                if not members:
                    continue
                out.append(
                    f"**{cause.title}** — {len(members)} ({cause.kind})\n\n"
                )
                if cause.explanation:
                    out.append(cause.explanation + "\n\n")
                out.append(_test_list(members))
            by_reason: dict[str, list[dict[str, Any]]] = (
                collections.defaultdict(list)
            )
            for test in untriaged:
                by_reason[_literal(test["reason"]) or "(no reason)"].append(
                    test
                )
            for reason, members in sorted(
                by_reason.items(), key=lambda item: -len(item[1])
            ):
                out.append(
                    f"**Not triaged yet** — {len(members)}: ``{reason}``\n\n"
                )
                out.append(_test_list(members))
    return "".join(out)


def main(argv: Sequence[str] | None = None) -> int:
    """Read the summaries, write the reST."""
    parser = argparse.ArgumentParser(prog="conformance_report")
    parser.add_argument("summaries", nargs="+", type=pathlib.Path)
    parser.add_argument("-o", "--output", type=pathlib.Path, required=True)
    parser.add_argument("--causes", type=pathlib.Path, default=CAUSES)
    args = parser.parse_args(argv)
    summaries = [json.loads(p.read_text()) for p in args.summaries]
    text = render(summaries, load_causes(args.causes))
    args.output.write_text(text)
    print(f"conformance_report: wrote {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
