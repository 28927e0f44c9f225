"""The only module that prints: rich tables on a terminal, `path:line: code message` lines, JSON, CSV."""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Callable, Sequence
from itertools import groupby
from typing import Any, TextIO

from .diagnostics import Diagnostic, count
from .escape import clean, csv_cell
from .i18n import t


def is_terminal(stream: TextIO | None = None) -> bool:
    stream = stream or sys.stdout
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def write(text: str, stream: TextIO | None = None) -> None:
    """Write text as UTF-8 whatever the console's encoding (a GBK console must not crash us)."""
    stream = stream or sys.stdout
    try:
        stream.write(text)
    except UnicodeEncodeError:
        buffer = getattr(stream, "buffer", None)
        if buffer is None:
            stream.write(text.encode("ascii", "backslashreplace").decode("ascii"))
        else:
            buffer.write(text.encode("utf-8"))
    stream.flush()


def emit(chosen: str, **renderers: Callable[[], str | None]) -> None:
    """Run the renderer for the chosen format (`text` when it has none); write what it returns.

    Table renderers draw on the terminal themselves and return None; the others return text.
    """
    out = renderers.get(chosen, renderers["text"])()
    if out is not None:
        write(out)


def note_years(years: set[int] | frozenset[int], lang: str) -> None:
    """On stderr: the years whose official calendar minqing lacks (working-day deadlines counted Monday
    to Friday there); nothing when there are none."""
    if years:
        write(t("note.calendar", lang, years=", ".join(map(str, sorted(years)))) + "\n", sys.stderr)


def dump_json(data: Any) -> str:
    """JSON indented by two spaces, non-ASCII as is: orjson writes the text `json.dumps` would (a float
    may be spelled without an exponent), ten times faster (a county's issues are 15 MB); `json` for
    what orjson declines (a huge integer)."""
    try:
        import orjson

        return orjson.dumps(data, option=orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE | orjson.OPT_NON_STR_KEYS
                            ).decode("utf-8")
    except (ImportError, TypeError, ValueError):
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def dump_csv(header: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    """CSV with a UTF-8 byte-order mark so that Excel and WPS open Chinese text correctly.

    Cells are cleaned of control characters and a cell a spreadsheet would run as a formula
    (= + - @ tab CR first) gets a leading `'` (`escape.csv_cell`)."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows([csv_cell(v) for v in row] for row in rows)  # every CSV minqing writes passes here
    return "\ufeff" + buf.getvalue()


def console(stream: TextIO | None = None, width: int | None = None) -> Any:
    from rich.console import Console  # rich is imported only to draw tables

    return Console(file=stream or sys.stdout, width=width, highlight=False, soft_wrap=False)


def check_json(diagnostics: list[Diagnostic], files: int, lang: str) -> str:
    errors, warnings = count(diagnostics)
    return dump_json({
        "diagnostics": [d.to_json(lang) for d in diagnostics],
        "summary": {"files": files, "errors": errors, "warnings": warnings},
    })


def check_lines(diagnostics: list[Diagnostic], files: int, lang: str) -> str:
    """One `path:line: CODE message` line a diagnostic, the form editors and CI parse."""
    out = []
    for d in diagnostics:
        place = f"{clean(d.path)}:{d.line}" if d.line else clean(d.path)
        out.append(f"{place}: {d.code} {t('severity.' + d.severity, lang)}: {d.message(lang)}")
    out.append(_summary(diagnostics, files, lang))
    return "\n".join(out) + "\n"


def check_csv(diagnostics: list[Diagnostic], lang: str) -> str:
    return dump_csv(["code", "severity", "path", "line", "message"],
                    [(d.code, d.severity, d.path, d.line, d.message(lang)) for d in diagnostics])


def _summary(diagnostics: list[Diagnostic], files: int, lang: str) -> str:
    errors, warnings = count(diagnostics)
    if not diagnostics:
        return t("check.summary", lang, files=files, errors=0, warnings=0) + " " + t("check.clean", lang)
    return t("check.summary", lang, files=files, errors=errors, warnings=warnings)


def check_table(diagnostics: list[Diagnostic], files: int, lang: str, stream: TextIO | None = None,
                width: int | None = None) -> None:
    """One table grouped by file: line, level, code and the message folded (never cut) to the width."""
    from rich import box
    from rich.table import Table
    from rich.text import Text

    con = console(stream, width)
    styles = {"error": "bold red", "warning": "yellow", "info": "cyan"}
    if diagnostics:
        table = Table(box=box.SIMPLE_HEAD, expand=False, pad_edge=False)
        table.add_column(t("check.col.line", lang), justify="right", no_wrap=True)
        table.add_column(t("check.col.severity", lang), no_wrap=True)
        table.add_column(t("check.col.code", lang), no_wrap=True)
        table.add_column(t("check.col.message", lang), overflow="fold", ratio=1)
        for path, group in groupby(diagnostics, key=lambda d: d.path):
            table.add_row("", "", "", Text(clean(path), style="bold underline"))
            for d in group:
                table.add_row(str(d.line or ""), Text(t("severity." + d.severity, lang), style=styles[d.severity]),
                              d.code, Text(d.message(lang)))
            table.add_section()
        con.print(table)
    con.print(Text(_summary(diagnostics, files, lang)), style="bold green" if not diagnostics else "bold")


# ---- issues ----

def _status_label(code: str, lang: str) -> str:
    from .vocab import status_name

    return status_name(code, lang)


def _category_label(code: str, lang: str) -> str:
    from .vocab import category_name

    return category_name(code, lang)


def issues_json(issues: list[Any], as_of: Any) -> str:
    return dump_json({"as_of": as_of.isoformat(), "issues": [i.to_json() for i in issues]})


def issues_json_stored(rows: list[tuple[str, bytes]], orders: dict[str, dict[str, Any]], as_of: Any) -> str:
    """`issues_json` from the index's stored text of each issue ((id, `issue_fragment`)) and the
    current orders' briefs by issue id: the same text, spliced, without making or parsing an issue."""
    import orjson

    if not rows:
        return dump_json({"as_of": as_of.isoformat(), "issues": []})
    parts = []
    for ident, fragment in rows:
        brief = orders.get(ident)
        if brief is not None:
            item = orjson.loads(fragment)
            item["order"] = brief
            fragment = issue_fragment(item)
        parts.append(fragment)
    head = b'{\n  "as_of": ' + orjson.dumps(as_of.isoformat()) + b',\n  "issues": [\n'
    return (head + b",\n".join(parts) + b"\n  ]\n}\n").decode("utf-8")


def issue_fragment(item: dict[str, Any]) -> bytes:
    """One issue's JSON as it stands inside `issues_json`'s list: indented by two, four spaces in.
    (A JSON string holds no raw newline, so every newline is a line of the indented text.)"""
    import orjson

    return b"    " + orjson.dumps(item, option=orjson.OPT_INDENT_2 | orjson.OPT_NON_STR_KEYS).replace(b"\n", b"\n    ")


def issues_csv(issues: list[Any], as_of: Any, lang: str) -> str:
    keys = ["id", "summary", "status", "category", "raised", "due", "overdue", "author", "village",
            "households", "entry", "escalated_to", "updates", "owner", "assist", "order_to", "order_due", "order_state"]
    cols = ["id", "summary", "status", "category", "raised", "due", "overdue", "author", "village",
            "households", "entry", "escalated", "updates", "owner", "assist", "order_to", "order_due", "order_state"]
    header = keys if lang == "en" else [t("col." + c, lang) for c in cols]
    rows = []
    for i in issues:
        rows.append([i.id, i.summary, _status_label(i.status, lang), _category_label(i.category, lang),
                     i.raised.isoformat(), i.due.isoformat(),
                     ("是" if i.overdue else "否") if lang == "zh" else str(i.overdue).lower(),
                     i.author, i.village, " ".join(i.households), i.entry, i.escalated_to, len(i.updates),
                     i.owner, " ".join(i.assist), *_order_cells(i.order, lang)])
    return dump_csv(header, rows)


def _order_cells(order: dict[str, Any] | None, lang: str) -> list[Any]:
    if not order:
        return [None, None, None]
    return [order["to"], order["due"], t("order.state." + order["state"], lang)]


def _order_text(order: dict[str, Any] | None, lang: str) -> str:
    """The current supervision order as one short text: `→ 镇水利站 2024-06-15 逾期`."""
    if not order:
        return ""
    return f"{order['to']} {order['due']} {t('order.state.' + order['state'], lang)}"


def _handlers(i: Any) -> str:
    """The owner, then the co-handlers (协办) after a '+'."""
    return i.owner + (" + " + "、".join(i.assist) if i.assist else "")


def issues_table(issues: list[Any], as_of: Any, lang: str, stream: TextIO | None = None, width: int | None = None) -> None:
    from rich.table import Table
    from rich.text import Text

    con = console(stream, width)
    if not issues:
        con.print(Text(t("issues.none", lang)))
        return
    table = Table(title=Text(t("issues.title", lang, as_of=as_of.isoformat(), count=len(issues))), title_justify="left")
    for col, kw in (("id", {"no_wrap": True}), ("summary", {"overflow": "fold", "ratio": 3}), ("status", {"no_wrap": True}),
                    ("due", {"no_wrap": True}), ("owner", {"overflow": "fold"}), ("households", {"overflow": "fold"}),
                    ("escalated", {"overflow": "fold", "ratio": 1}), ("order", {"overflow": "fold", "ratio": 1})):
        table.add_column(t("col." + col, lang), **kw)
    for i in issues:
        due = Text(i.due.isoformat())
        if i.overdue:
            due.append("\n" + t("overdue.days", lang, days=(as_of - i.due).days), style="bold red")
        status = _status_label(i.status, lang) + (f" ({t('col.reopened', lang)}×{i.reopenings})" if i.reopenings else "")
        order = Text(_order_text(i.order, lang), style="bold red" if i.order and i.order["state"] == "overdue" else "")
        table.add_row(Text(clean(i.id)), Text(clean(i.summary)), status, due, Text(clean(_handlers(i))),
                      Text(clean(" ".join(i.households))), Text(clean(i.escalated_to or "")), order)
    con.print(table)


def issues_lines(issues: list[Any], as_of: Any, lang: str) -> str:
    if not issues:
        return t("issues.none", lang) + "\n"
    out = [t("issues.title", lang, as_of=as_of.isoformat(), count=len(issues))]
    marks: dict[int, str] = {}  # a county's tens of thousands of lines share a few hundred day counts
    for i in issues:
        mark = ""
        if i.overdue:
            days = (as_of - i.due).days
            mark = marks.get(days) or marks.setdefault(days, f" [{t('overdue.days', lang, days=days)}]")
        order = f"  [{t('col.order', lang)}: {_order_text(i.order, lang)}]" if i.order else ""
        out.append(f"{i.due.isoformat()}  {clean(i.id)}  {_status_label(i.status, lang)}{mark}  {clean(i.summary)}  "
                   f"({clean(_handlers(i))}; {clean(i.entry)}){clean(order)}")
    return "\n".join(out) + "\n"


# ---- quota ----

def _cell(w: Any, lang: str) -> str:
    if not w.required:
        return "·" if not w.count else "✓"
    if not w.short:
        return "✓"
    if w.backfill:
        return t("quota.backfill_mark", lang)
    return t("quota.late_mark", lang) if w.late else "✗"


def quota_csv(rep: Any, lang: str) -> str:
    header = ["name", "week", "required", "count", "late", "short", "dates", "backfill"] if lang == "en" else [
        t("col." + c, lang) for c in ("cadre", "week", "required", "count", "late", "short", "dates", "backfill")]
    rows = [[c.name, w.week, w.required, w.count, w.late, w.short, w.label(), w.backfill] for c in rep.cadres for w in c.weeks]
    return dump_csv(header, rows)


def quota_table(rep: Any, lang: str, stream: TextIO | None = None, width: int | None = None) -> None:
    """A cadres × weeks grid, split into as many tables as it takes to fit the terminal's width."""
    from rich.cells import cell_len
    from rich.markup import escape
    from rich.table import Table

    con = console(stream, width)
    name_width = max([cell_len(c.name) for c in rep.cadres] + [4])
    chunk = max(3, min(26, (con.width - name_width - 16) // 12))
    con.print(escape(t("quota.title", lang, start=rep.start.isoformat(), end=rep.end.isoformat(), per_week=rep.per_week)), style="bold")
    n = len(rep.cadres[0].weeks) if rep.cadres else 0
    for lo in range(0, n, chunk):
        table = Table(show_lines=False)
        table.add_column(t("col.cadre", lang), no_wrap=True)
        for w in rep.cadres[0].weeks[lo:lo + chunk]:
            table.add_column(f"{w.label()}\n{w.week[5:]}", justify="center", no_wrap=True, min_width=3)
        if lo + chunk >= n:
            table.add_column(t("col.shortfalls", lang), justify="right", no_wrap=True)
        for c in rep.cadres:
            cells = [_cell(w, lang) for w in c.weeks[lo:lo + chunk]]
            marks = (t("quota.late_mark", lang), t("quota.backfill_mark", lang))
            styled = [f"[red]{x}[/red]" if x in ("✗",) else f"[yellow]{x}[/yellow]" if x in marks else x for x in cells]
            row = [escape(clean(c.name)), *styled]
            if lo + chunk >= n:
                row.append(f"[bold red]{c.shortfalls}[/bold red]" if c.shortfalls else "0")
            table.add_row(*row)
        con.print(table)
    con.print(escape(t("quota.legend", lang)))
    con.print(escape(t("quota.summary", lang, cadres=len(rep.cadres), shortfalls=rep.shortfalls)))


def quota_lines(rep: Any, lang: str) -> str:
    out = [t("quota.title", lang, start=rep.start.isoformat(), end=rep.end.isoformat(), per_week=rep.per_week)]
    for c in rep.cadres:
        short = [f"{w.week} {w.label()}" for w in c.weeks if w.short]
        late = [f"{w.week} {w.label()}" for w in c.weeks if w.late]
        backfill = [f"{w.week} {w.label()}" for w in c.weeks if w.backfill]
        line = f"{clean(c.name)}: " + "".join(_cell(w, lang) for w in c.weeks) + f"  {t('col.shortfalls', lang)} {c.shortfalls}"
        if short:
            line += f" ({', '.join(short)})"
        if late:
            line += f"  {t('col.late', lang)}: {', '.join(late)}"
        if backfill:
            line += f"  {t('col.backfill', lang)}: {', '.join(backfill)}"
        out.append(line)
    out.append(t("quota.legend", lang))
    return "\n".join(out) + "\n"


# ---- household archive ----

def _profile_rows(arch: Any, lang: str) -> list[tuple[str, str]]:
    from .vocab import HOUSEHOLD_KEYS

    rows = []
    front = arch.household.front
    for key, zh in HOUSEHOLD_KEYS.items():
        f = front.fields.get(key)
        if f is None or f.raw in (None, "", []):
            continue
        value = " ".join(f.raw) if isinstance(f.raw, list) else str(f.raw)
        rows.append((zh if lang == "zh" else key, value))
    return rows


def household_json(arch: Any) -> str:
    return dump_json({
        "household": {**{k: f.raw for k, f in arch.household.front.fields.items()}, "id": arch.id},
        "entries": [{"date": e.date.isoformat(), "title": e.get("title"), "author": e.get("author"),
                     "category": e.get("category"), "path": e.path} for e in arch.entries],
        "issues": [i.to_json() for i in arch.issues],
    })


def household_view(arch: Any, lang: str, as_of: Any, stream: TextIO | None = None, width: int | None = None) -> None:
    from rich.table import Table

    con = console(stream, width)
    from rich.text import Text

    con.print(Text(clean(t("household.title", lang, id=arch.id, head=arch.household.get("head") or "")), style="bold"))
    profile = Table(show_header=False, box=None)
    profile.add_column(style="bold", no_wrap=True)
    profile.add_column(overflow="fold")
    for k, v in _profile_rows(arch, lang):
        profile.add_row(Text(clean(k)), Text(clean(v)))
    con.print(profile)
    if arch.household.body.strip():
        con.print(Text(clean(arch.household.body.strip(), keep_newlines=True)))
    entries = Table(title=t("household.entries", lang, count=len(arch.entries)), title_justify="left")
    for col in ("date", "author", "title", "path"):
        entries.add_column(t("col." + col, lang), overflow="fold")
    for e in arch.entries:
        entries.add_row(e.date.isoformat(), Text(clean(e.get("author"))), Text(clean(e.get("title"))), Text(clean(e.path)))
    con.print(entries)
    issues_table(arch.issues, as_of, lang, stream, width)


def household_lines(arch: Any, lang: str, as_of: Any) -> str:
    out = [clean(t("household.title", lang, id=arch.id, head=arch.household.get("head") or ""))]
    out += [f"  {clean(k)}: {clean(v)}" for k, v in _profile_rows(arch, lang)]
    if arch.household.body.strip():
        out.append(clean(arch.household.body.strip(), keep_newlines=True))
    out.append(t("household.entries", lang, count=len(arch.entries)))
    out += [f"  {e.date.isoformat()}  {clean(e.get('author'))}  {clean(e.get('title'))}  ({clean(e.path)})" for e in arch.entries]
    out.append(t("household.issues", lang, count=len(arch.issues)))
    out += [f"  {i.raised.isoformat()}  {clean(i.id)}  {_status_label(i.status, lang)}  {clean(i.summary)}" for i in arch.issues]
    return "\n".join(out) + "\n"


# ---- log ----

def log_json(title: dict[str, Any], rows: list[dict[str, Any]]) -> str:
    return dump_json({**title, "history": rows})


_LOG_TEXTS = ("note", "escalated_to", "reply", "result", "feedback", "satisfaction")


def log_lines(heading: str, rows: list[dict[str, Any]], lang: str) -> str:
    """One line per commit (a file), or per event with its text and commit below it (an issue)."""
    out = [clean(heading)]
    rows = [{k: clean(v) if isinstance(v, str) else v for k, v in r.items()} for r in rows]
    for r in rows:
        commit = f"{r['commit'][:10]} {r['committed']} {r['author']} <{r['email']}>" if r.get("commit") else t("log.nocommit", lang)
        if "event" not in r:
            out.append(f"  {r.get('date') or ''}  {commit}  {r.get('path') or ''}  {r.get('subject') or ''}".rstrip())
            continue
        event = t("log.raised" if r["event"] == "raised" else "log.update", lang)
        out.append(f"  {r['date']}  {event}  {r.get('what') or ''}  {r.get('cadre') or ''}".rstrip())
        for key in _LOG_TEXTS:
            if r.get(key):
                out.append(f"      {t('log.field.' + key, lang)}：{r[key]}" if lang == "zh" else f"      {t('log.field.' + key, lang)}: {r[key]}")
        out.append(f"      {r.get('path') or ''}  {commit}  {r.get('subject') or ''}".rstrip())
    return "\n".join(out) + "\n"
