"""The console's HTML: plain server-rendered pages, escaped everywhere.

Each page is a layout around one ``<main id="live">``; the small script in
``static/console.js`` refreshes that element from the same URL with
``?partial=1`` while the page is open.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from html import escape
from typing import Any
from urllib.parse import urlencode

from fake_server.console import data

PREFIX = "/_console"
NAV = (
    ("Overview", ""),
    ("Resources", "/resources/shares"),
    ("Events", "/events"),
    ("Control", "/control"),
)


def e(value: Any) -> str:
    """``value`` as escaped HTML text (None as empty)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if not isinstance(value, str):
        value = json.dumps(value) if isinstance(value, dict | list) else value
    return escape(str(value))


def url(path: str, **query: Any) -> str:
    """A console URL with the non-empty ``query`` values."""
    kept = {k: v for k, v in query.items() if v not in (None, "")}
    tail = f"?{urlencode(kept)}" if kept else ""
    return f"{PREFIX}{path}{tail}"


def layout(title: str, body: str, refresh: int = 2000) -> str:
    """A whole page: header, navigation and the live ``main``."""
    links = "".join(f'<a href="{url(path)}">{name}</a>' for name, path in NAV)
    return (
        "<!doctype html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width">'
        f"<title>{e(title)} · fake_server console</title>"
        f'<link rel="stylesheet" href="{PREFIX}/static/console.css">'
        f'<script src="{PREFIX}/static/console.js" defer></script>'
        "</head><body>"
        '<header><span class="brand">fake_server</span>'
        f"<nav>{links}</nav>"
        '<span id="live-status" aria-live="polite"></span></header>'
        f'<main id="live" data-refresh="{refresh}">{body}</main>'
        "</body></html>"
    )


def _table(
    headers: Iterable[str], rows: Iterable[Iterable[str]], cls: str = ""
) -> str:
    head = "".join(f"<th>{h}</th>" for h in headers)
    body = "".join(
        "<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>"
        for row in rows
    )
    return (
        f'<table class="{cls}"><thead><tr>{head}</tr></thead>'
        f"<tbody>{body}</tbody></table>"
    )


def _badge(text: Any) -> str:
    value = e(text)
    return f'<span class="badge s-{value}">{value}</span>'


def _bar(used: float, total: float) -> str:
    return (
        f'<meter min="0" max="{max(total, 0):g}" value="{max(used, 0):g}" '
        f'high="{max(total, 0) * 0.9:g}" title="{used:g} of {total:g} GiB">'
        f"{used:g} of {total:g} GiB</meter>"
    )


def overview(info: dict[str, Any]) -> str:
    """The overview: services, pools, counts, progression."""
    services = _table(
        ("Binary", "Host", "Zone", "State", "Status", "Ensuring"),
        (
            (
                e(s["binary"]),
                e(s["host"]),
                e(s["zone"]),
                _badge(s["state"]),
                _badge(s["status"])
                + (
                    f' <small>{e(s["disabled_reason"])}</small>'
                    if s["disabled_reason"]
                    else ""
                ),
                _badge("ensuring") if s["ensuring"] else "",
            )
            for s in info["services"]
        ),
        "services",
    )
    pools = _table(
        (
            "Pool",
            "Zone",
            "Service",
            "Allocated",
            "Total GiB",
            "Allocated GiB",
            "Free GiB",
            "Over-subscription",
        ),
        (
            (
                e(p["name"]),
                e(p["zone"]),
                _badge("up" if p["up"] else "down")
                + ("" if p["enabled"] else " " + _badge("disabled")),
                _bar(p["allocated_capacity_gb"], p["total_capacity_gb"]),
                f"{p['total_capacity_gb']:g}",
                f"{p['allocated_capacity_gb']:g}",
                f"{p['free_capacity_gb']:g}",
                (
                    f"{p['subscription']:.2f} of "
                    f"{p['max_over_subscription_ratio']:g}"
                    + (" (thin)" if p["thin_provisioning"] else "")
                ),
            )
            for p in info["pools"]
        ),
        "pools",
    )
    cards = "".join(
        f'<div class="card" data-kind="{e(name)}">'
        f'<h3><a href="{url("/resources/" + name)}">'
        f"{e(data.KINDS[name].title)}</a></h3>"
        + "".join(
            f'<a class="count" href="'
            f'{url("/resources/" + name, status=status)}">'
            f"{_badge(status)} <b>{number}</b></a>"
            if status != "total"
            else f'<span class="count"><b>{number}</b> in all</span>'
            for status, number in statuses.items()
        )
        + ("" if statuses else '<span class="muted">none</span>')
        + "</div>"
        for name, statuses in info["counts"].items()
    )
    return (
        "<h1>Overview</h1>"
        f'<p class="muted">Progression <b>{e(info["progression"])}</b>, '
        f"{e(info['pending'])} task(s) pending, "
        f"clock {info['clock']:g} s.</p>"
        f'<section class="cards">{cards}</section>'
        f"<h2>Services</h2>{services}<h2>Pools</h2>{pools}"
    )


def kind_tabs(current: str) -> str:
    """Links to every kind's table."""
    return (
        '<nav class="tabs">'
        + "".join(
            f'<a href="{url("/resources/" + name)}"'
            + (' class="current"' if name == current else "")
            + f">{e(kind.title)}</a>"
            for name, kind in data.KINDS.items()
        )
        + "</nav>"
    )


def _select(name: str, current: str, options: Iterable[str]) -> str:
    choices = "".join(
        f'<option value="{e(o)}"{" selected" if o == current else ""}>'
        f"{e(o)}</option>"
        for o in options
    )
    return (
        f'<label>{name} <select name="{name}">'
        f'<option value="">any</option>{choices}</select></label>'
    )


def resources(page: data.Page, backends: list[str]) -> str:
    """A filtered, sorted, paged table of one kind."""
    kind = page.kind
    base = f"/resources/{kind.name}"
    query = dict(page.filters, sort=page.sort, dir=page.direction)

    def heading(column: str) -> str:
        direction = (
            "asc"
            if page.sort == column and page.direction == "desc"
            else "desc"
        )
        mark = ""
        if page.sort == column:
            mark = " ▾" if page.direction == "desc" else " ▴"
        link = url(base, **dict(query, sort=column, dir=direction))
        return f'<a href="{link}">{e(column)}{mark}</a>'

    def cell(record: dict[str, Any], column: str) -> str:
        value = record.get(column)
        if column in ("status", "state", "task_state", "replica_state"):
            return _badge(value) if value is not None else ""
        return e(value)

    rows = [
        [
            f'<a href="{url(base + "/" + str(r["id"]))}">'
            f"<code>{e(r['id'])}</code></a>"
        ]
        + [cell(r, c) for c in kind.columns]
        for r in page.rows
    ]
    filters = (
        f'<form class="filters" method="get" action="{url(base)}">'
        + _select("project", page.filters["project"], page.values["project"])
        + _select("status", page.filters["status"], page.values["status"])
        + _select("backend", page.filters["backend"], backends)
        + f'<label>id or name <input name="q" value="{e(page.filters["q"])}">'
        "</label>"
        f'<input type="hidden" name="sort" value="{e(page.sort)}">'
        f'<input type="hidden" name="dir" value="{e(page.direction)}">'
        '<button type="submit">Filter</button></form>'
    )
    pager = ""
    if page.pages > 1:
        prev_link = (
            f'<a href="{url(base, **dict(query, page=page.page - 1))}">'
            "‹ previous</a>"
            if page.page > 1
            else ""
        )
        next_link = (
            f'<a href="{url(base, **dict(query, page=page.page + 1))}">'
            "next ›</a>"
            if page.page < page.pages
            else ""
        )
        pager = (
            f'<p class="pager">{prev_link} page {page.page} of '
            f"{page.pages} {next_link}</p>"
        )
    return (
        f"<h1>{e(kind.title)}</h1>{kind_tabs(kind.name)}{filters}"
        f'<p class="muted" id="total">{page.total} record(s)</p>'
        + _table(["id"] + [heading(c) for c in kind.columns], rows, "records")
        + pager
    )


def _pretty(value: Any) -> str:
    return f"<pre>{e(json.dumps(value, indent=2, sort_keys=True))}</pre>"


def _path(kind: data.Kind, record: dict[str, Any]) -> str:
    return f"/resources/{kind.name}/{record['id']}"


def detail(item: data.Detail) -> str:
    """One record: API view, children, timeline."""
    kind = item.kind
    record_id = item.record["id"]
    timeline = _table(
        ("Time", "Field", "Transition", "Operation"),
        (
            (
                e(event["at"]),
                e(event["field"]),
                f"{_badge(event['from'])} → {_badge(event['to'])}"
                if event["from"] is not None
                else f"→ {_badge(event['to'])}",
                f"<code>{e(event['operation'])}</code>",
            )
            for event in item.timeline
        ),
        "timeline",
    )
    children = "".join(
        f"<h3>{e(child.title)} ({len(rows)})</h3>"
        + _table(
            ["id"] + list(child.columns[:4]),
            (
                [
                    f'<a href="{url(_path(child, r))}">'
                    f"<code>{e(r['id'])}</code></a>"
                ]
                + [
                    _badge(r.get(c))
                    if c in ("status", "state") and r.get(c) is not None
                    else e(r.get(c))
                    for c in child.columns[:4]
                ]
                for r in rows[:100]
            ),
            "children",
        )
        for child, rows in item.children
    )
    if item.view is not None:
        view = (
            f"<h2>As the API shows it (admin, {e(data.NEWEST)})"
            f"</h2>{_pretty(item.view)}"
        )
    elif item.record.get("created_at") is None:
        view = "<h2>Deleted</h2><p>This record no longer exists.</p>"
    else:
        view = f"<h2>Record</h2>{_pretty(item.record)}"
    return (
        f'<p><a href="{url("/resources/" + kind.name)}">'
        f"← {e(kind.title)}</a></p>"
        f"<h1>{e(kind.title[:-1] if kind.title.endswith('s') else kind.title)}"
        f" <code>{e(record_id)}</code></h1>"
        f"<h2>Timeline</h2>{timeline}{view}"
        + (f"<h2>Children</h2>{children}" if children else "")
    )


def events(
    notifications: list[dict[str, Any]],
    requests: list[dict[str, Any]],
    match: str,
) -> str:
    """The notification and request logs, newest first."""
    form = (
        f'<form class="filters" method="get" action="{url("/events")}">'
        f'<label>filter <input name="q" value="{e(match)}"></label>'
        '<button type="submit">Filter</button></form>'
    )
    notes = _table(
        ("Time", "Event type", "Payload"),
        (
            (
                e(n["timestamp"]),
                f"<code>{e(n['event_type'])}</code>",
                f"<code>{e(n.get('payload'))}</code>",
            )
            for n in notifications
        ),
        "notifications",
    )
    reqs = _table(
        (
            "Time",
            "Method",
            "Path",
            "Status",
            "Microversion",
            "Project",
            "ms",
        ),
        (
            (
                e(r["at"]),
                e(r["method"]),
                f"<code>{e(r['path'])}</code>",
                _badge(r["status"]),
                e(r["microversion"]),
                f"<code>{e(r['project_id'])}</code>",
                e(r["duration_ms"]),
            )
            for r in requests
        ),
        "requests",
    )
    return (
        f"<h1>Events</h1>{form}"
        f"<h2>Requests ({len(requests)})</h2>{reqs}"
        f"<h2>Notifications ({len(notifications)})</h2>{notes}"
    )


def control(
    backends: list[dict[str, Any]],
    config: dict[str, Any],
    message: str,
    error: str,
) -> str:
    """Forms for every control action (posted to ``/_console/control``)."""

    def form(action: str, fields: str, label: str, cls: str = "") -> str:
        return (
            f'<form class="action {cls}" method="post" '
            f'action="{url("/control")}">'
            f'<input type="hidden" name="action" value="{e(action)}">'
            f'{fields}<button type="submit">{e(label)}</button></form>'
        )

    def hidden(name: str, value: str) -> str:
        return f'<input type="hidden" name="{name}" value="{e(value)}">'

    rows = []
    for b in backends:
        name = b["name"]
        toggle = (
            form("stop", hidden("backend", name), "Stop")
            if b["running"]
            else form("start", hidden("backend", name), "Start")
        )
        failures = form(
            "fail",
            hidden("backend", name)
            + '<input name="operation" placeholder="create_share" '
            'required size="14">'
            '<input name="count" type="number" value="1" min="-1" '
            'size="3" title="-1: always">',
            "Inject failure",
        )
        delays = form(
            "delay",
            hidden("backend", name)
            + '<input name="operation" placeholder="create_share" '
            'required size="14">'
            '<input name="seconds" type="number" value="1" min="0" '
            'step="any" size="4">',
            "Set delay",
        )
        rows.append(
            (
                e(name),
                _badge("running" if b["running"] else "stopped"),
                f"<code>{e(b['failures'])}</code>",
                f"<code>{e(b['delays'])}</code>",
                toggle + failures + delays,
            )
        )
    notice = ""
    if message:
        notice = f'<p class="notice" role="status">{e(message)}</p>'
    if error:
        notice = f'<p class="error" role="alert">{e(error)}</p>'
    progression = config["progression"]
    other = "manual" if progression == "background" else "background"
    return (
        f"<h1>Control</h1>{notice}"
        "<p class=muted>Each action is the same call as the control API "
        "(<code>/_fake/...</code>) and needs the same credential.</p>"
        "<h2>Backends</h2>"
        + _table(("Backend", "Service", "Failures", "Delays", ""), rows)
        + "<h2>Progression</h2>"
        f'<p>Now <b id="progression">{e(progression)}</b>, '
        f"{e(config['pending'])} task(s) pending, clock "
        f"{config['clock']:g} s.</p>"
        + form(
            "progression",
            hidden("progression", other),
            f"Switch to {other}",
        )
        + form("advance", hidden("steps", "1"), "Advance one step")
        + form("advance", "", "Run everything queued")
        + "<h2>Cloud</h2>"
        + form("reset", "", "Reset the cloud", "danger")
    )


def login(reason: str) -> str:
    """The page asking for the control credential."""
    return layout(
        "Sign in",
        "<h1>fake_server console</h1>"
        f'<p class="error">{e(reason)}</p>'
        "<p>The console needs the same credential as the control API: "
        "open the URL that <code>python -m fake_server</code> printed, or "
        "paste its control token (or an admin token) here.</p>"
        f'<form method="get" action="{url("/login")}">'
        '<label>token <input name="token" type="password" size="40" '
        "required></label>"
        '<button type="submit">Open the console</button></form>',
        refresh=0,
    )
