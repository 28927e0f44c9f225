"""Printing supervision: the orders list and the 考评 table as rich tables, text lines, JSON, CSV and HTML."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO

from ..config import SCORE_FIGURES, Config
from ..i18n import t
from .. import escape
from ..report import console, dump_csv, dump_json
from .orders import Order
from .score import ScoreReport, ScoreRow


def clean(value: Any) -> str:
    """User text for a terminal or a CSV cell: control characters, line breaks and bidi overrides shown
    escaped, never obeyed (the one rule of `minqing.escape`)."""
    return escape.clean(value)


def state_label(state: str, lang: str) -> str:
    return t("order.state." + state, lang)


# ---- orders ----

def orders_json(orders: Sequence[Order], as_of: dt.date) -> str:
    return dump_json({"as_of": as_of.isoformat(), "orders": [o.to_json() for o in orders]})


ORDER_KEYS = ("issue", "to", "due", "state", "ordered", "reviewer", "review", "request")


def orders_csv(orders: Sequence[Order], lang: str) -> str:
    header = list(ORDER_KEYS) if lang == "en" else [t("orders.col." + k, lang) for k in ORDER_KEYS]
    rows = [[clean(o.issue), clean(o.to), o.due.isoformat(), state_label(o.state, lang) if lang != "en" else o.state,
             o.ordered.isoformat(), clean(o.reviewer), clean(o.review), clean(o.request)] for o in orders]
    return dump_csv(header, rows)


def orders_lines(orders: Sequence[Order], as_of: dt.date, lang: str) -> str:
    if not orders:
        return t("orders.none", lang, as_of=as_of.isoformat()) + "\n"
    out = [t("orders.title", lang, as_of=as_of.isoformat(), count=len(orders))]
    for o in orders:
        days = f" ({t('overdue.days', lang, days=(as_of - o.due).days)})" if o.state == "overdue" else ""
        request = f"  {clean(o.request)}" if o.request else ""
        out.append(f"{o.due.isoformat()}  {clean(o.issue)}  → {clean(o.to)}  {state_label(o.state, lang)}{days}"
                   f"{request}  ({clean(o.reviewer)} {o.ordered.isoformat()}; {clean(o.review)})")
    out.append(t("orders.summary", lang, **{s: sum(1 for o in orders if o.state == s) for s in
                                             ("met", "late", "overdue", "pending")}))
    return "\n".join(out) + "\n"


def orders_table(orders: Sequence[Order], as_of: dt.date, lang: str, stream: TextIO | None = None,
                 width: int | None = None) -> None:
    from rich.table import Table
    from rich.text import Text

    con = console(stream, width)
    if not orders:
        con.print(Text(t("orders.none", lang, as_of=as_of.isoformat())))
        return
    table = Table(title=Text(t("orders.title", lang, as_of=as_of.isoformat(), count=len(orders))), title_justify="left")
    for key, kw in (("due", {"no_wrap": True}), ("issue", {"no_wrap": True}), ("to", {"overflow": "fold"}),
                    ("state", {"no_wrap": True}), ("request", {"overflow": "fold", "ratio": 2}),
                    ("reviewer", {"no_wrap": True}), ("ordered", {"no_wrap": True})):
        table.add_column(t("orders.col." + key, lang), **kw)
    styles = {"overdue": "bold red", "late": "yellow", "met": "green", "pending": ""}
    for o in orders:
        state = Text(state_label(o.state, lang), style=styles[o.state])
        if o.state == "overdue":
            state.append("\n" + t("overdue.days", lang, days=(as_of - o.due).days), style="bold red")
        table.add_row(o.due.isoformat(), Text(clean(o.issue)), Text(clean(o.to)), state, Text(clean(o.request)),
                      Text(clean(o.reviewer)), o.ordered.isoformat())
    con.print(table)
    con.print(Text(t("orders.summary", lang, **{s: sum(1 for o in orders if o.state == s) for s in
                                               ("met", "late", "overdue", "pending")})))


# ---- score ----

def score_json(rep: ScoreReport) -> str:
    return dump_json(rep.to_json())


def fmt_number(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, float):
        return f"{value:.2f}".rstrip("0").rstrip(".")
    return str(value)


def score_csv(rep: ScoreReport, lang: str) -> str:
    keys = ("rank", "name", *SCORE_FIGURES, "points")
    header = list(keys) if lang == "en" else [t("score.col." + k, lang) for k in keys]
    rows = [[r.rank, clean(r.name), *(getattr(r, k) for k in SCORE_FIGURES), r.points] for r in rep.rows]
    return dump_csv(header, rows)


def _ratio(a: int, b: int) -> str:
    return f"{a}/{b}"


def score_cells(r: ScoreRow) -> list[str]:
    """The columns of the printed and the terminal table: paired figures share a cell."""
    return [str(r.rank), clean(r.name), _ratio(r.weeks_met, r.weeks_required), str(r.entries), str(r.late),
            str(r.raised), _ratio(r.closed_on_time, r.closed), _ratio(r.satisfied, r.rated), str(r.reviews),
            fmt_number(r.grade_points), _ratio(r.orders_overdue, r.orders), fmt_number(r.points)]


SCORE_COLUMNS = ("rank", "name", "weeks", "entries", "late", "raised", "closed", "satisfaction", "reviews",
                 "grade_points", "orders", "points")


def weights_text(rep: ScoreReport, lang: str) -> str:
    parts = [f"{t('score.col.' + k, lang)} ×{fmt_number(w)}" for k, w in rep.weights.items()]
    return t("score.weights", lang, weights="，".join(parts) if lang != "en" else ", ".join(parts))


def score_lines(rep: ScoreReport, lang: str) -> str:
    out = [t("score.title", lang, start=rep.start.isoformat(), end=rep.end.isoformat())]
    header = [t("score.head." + c, lang) for c in SCORE_COLUMNS]
    out.append("  ".join(header))
    out += ["  ".join(score_cells(r)) for r in rep.rows]
    out.append(weights_text(rep, lang))
    return "\n".join(out) + "\n"


def score_table(rep: ScoreReport, lang: str, stream: TextIO | None = None, width: int | None = None) -> None:
    from rich.table import Table
    from rich.text import Text

    con = console(stream, width)
    table = Table(title=Text(t("score.title", lang, start=rep.start.isoformat(), end=rep.end.isoformat())),
                  title_justify="left")
    for c in SCORE_COLUMNS:
        table.add_column(t("score.head." + c, lang), justify="left" if c == "name" else "right", no_wrap=True)
    for r in rep.rows:
        table.add_row(*(Text(x) for x in score_cells(r)))
    con.print(table)
    con.print(Text(weights_text(rep, lang)))
    con.print(Text(t("score.legend", lang)))


def score_html(rep: ScoreReport, config: Config, lang: str, root: Path | None) -> str:
    """The printable 考评表: the volume's style sheet, autoescaped, through templates/score.html.j2."""
    from types import SimpleNamespace

    from ..render import environment, render_template
    from ..volume import template_error

    name = "score.html.j2"
    sheet = SimpleNamespace(
        lang=lang, title=t("score.sheet.title", lang, name=config.name), township=config.township,
        period=t("score.sheet.period", lang, start=rep.start.isoformat(), end=rep.end.isoformat()),
        headers=[t("score.head." + c, lang) for c in SCORE_COLUMNS], rows=[score_cells(r) for r in rep.rows],
        weights=weights_text(rep, lang), legend=t("score.legend", lang), signature=t("score.sheet.signature", lang),
        made=t("score.sheet.made", lang, date=dt.date.today().isoformat()),
    )
    env = environment(root, autoescape=True)
    try:
        return render_template(env, name, sheet=sheet)  # within the template limits
    except Exception as exc:  # noqa: BLE001 - jinja2 errors are recognised by name in volume.template_error
        raise template_error(exc, name) from None
