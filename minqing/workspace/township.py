"""The township volume: `minqing compile PERIOD` on a workspace (YYYY-MM, YYYY-Qn or YYYY).

One document: the township's figures (a row per village and the total), a ledger across villages
of the matters overdue or escalated, the period's 民情分析, and a chapter per village made from
that village's own monthly volume (`minqing.volume.build`, each member read as if alone). The
template is `township.html.j2`; it reuses the volume's CSS and the chart and analysis pieces.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from ..errors import MinqingError
from .model import Member, Workspace
from .run import Failed, over_fresh


def member_volume(root: Path, month: str, lang: str, as_of: dt.date, redacted: bool) -> Any:
    """(the finished volume of one member for the period, calendar years unknown, names to mask when redacted)."""
    from ..history import first_commits
    from ..volume import build, finish, period_of, private_names, read_records, redact, window

    repo = read_records(root, window(period_of(month), as_of))
    firsts = first_commits(root) or {}
    unknown: set[int] = set()
    volume = build(repo, month, lang=lang, as_of=as_of, first_commits=firsts, redacted=redacted, unknown_years=unknown)
    names = private_names(repo) if redacted else []
    if redacted:
        volume = redact(volume, names)
    return finish(volume), unknown, names


def member_volume_fresh(m: Member, idx: Any, month: str, lang: str, as_of: dt.date, redacted: bool) -> Any:
    """`member_volume` from an index known to be in line with the files (`run.over_fresh`): the
    records a village's own `compile` reads (`index.queries.compile_records`), not every file again."""
    from ..history import first_commits
    from ..index.queries import compile_records
    from ..loader import Repository
    from ..volume import build, finish, period_of, private_names, redact, window

    period = period_of(month)
    found = compile_records(m.root, m.config, window(period, as_of)[0], period.start, period.end, as_of,
                            ledger_rows=redacted) if idx is not None else None
    if found is None:
        return member_volume(m.root, month, lang, as_of, redacted)
    repo = Repository(m.root, m.config, found.records, [])
    firsts = first_commits(m.root) or {}
    unknown: set[int] = set(found.unknown)
    volume = build(repo, month, lang=lang, as_of=as_of, first_commits=firsts, redacted=redacted, unknown_years=unknown,
                   issues=found.issues, unloaded=found.unloaded)
    names = private_names(repo) if redacted else []
    if redacted:
        volume = redact(volume, names)
    return finish(volume), unknown, names


@dataclass(frozen=True)
class MemberRow:
    repo: str
    anchor: str | None
    entries: int
    households: int
    raised: int
    closed: int
    open: int
    overdue: int
    escalated: int
    on_time: str
    satisfaction: str
    weeks: str  # met/required


@dataclass(frozen=True)
class Chapter:
    repo: str
    anchor: str
    volume: Any


@dataclass(frozen=True)
class CrossRow:
    repo: str
    id: str
    summary: str
    category_name: str
    village: str | None
    author: str
    raised: str
    due: str
    status_name: str
    overdue: bool
    overdue_days: int
    escalated_to: str | None
    anchor: str | None  # the ledger row in the village's chapter, when there


@dataclass
class Township:
    lang: str
    title: str
    township: str
    county: str
    month: str
    month_label: str
    as_of: str
    L: Any  # the volume's labels
    T: Any  # the township's labels
    rows: list[MemberRow]
    total: MemberRow
    chart: Any
    ledger: list[CrossRow]
    analysis: Any
    chapters: list[Chapter]
    unreadable: list[tuple[str, str]] = field(default_factory=list)  # (repo, message)
    ranking: Any = None
    redacted: bool = False
    generator: str = ""
    period: str = "month"  # month, quarter, year


def _labels(lang: str) -> SimpleNamespace:
    from .. import i18n

    prefix = "township.label."
    return SimpleNamespace(**{k[len(prefix):]: i18n.t(k, lang) for k in i18n.CATALOG if k.startswith(prefix)})


def _pct(num: int, den: int) -> str:
    return f"{100.0 * num / den:.1f}%" if den else "—"


def _row(repo: str, anchor: str | None, volume: Any) -> tuple[MemberRow, tuple[int, ...]]:
    s, i = volume.stats, volume.stats.issues
    met = sum(c.weeks_met for c in s.cadres)
    req = sum(c.weeks_required for c in s.cadres)
    raw = (s.entries, s.households, i.raised, i.closed, i.open, i.overdue, i.escalated, i.on_time.numerator,
           i.on_time.denominator, i.satisfaction.numerator, i.satisfaction.denominator, met, req)
    return MemberRow(repo, anchor, s.entries, s.households, i.raised, i.closed, i.open, i.overdue, i.escalated,
                     i.on_time.percent, i.satisfaction.percent, f"{met}/{req}"), raw


def build(ws: Workspace, month: str, *, lang: str = "zh", as_of: dt.date | None = None, redacted: bool = False,
          today: dt.date | None = None) -> tuple[Township, set[int]]:
    from .. import __version__, analysis, i18n, vocab
    from ..charts import bar_chart
    from ..volume import _label, default_as_of, period_label, period_of
    from . import reading
    from .tables import rows as table_rows, workspace_parquet

    period = period_of(month)
    start, end = period.start, period.end
    as_of = as_of or default_as_of(end, today)
    results = over_fresh(ws, member_volume_fresh, month=month, lang=lang, as_of=as_of, redacted=redacted)
    unknown: set[int] = set()
    chapters, rows, raws, private = [], [], [], []
    for n, (m, res) in enumerate(results, 1):
        if isinstance(res, Failed):
            raise res.error()
        volume, years, names = res
        unknown |= set(years)
        private += names
        anchor = f"m{n}"
        chapters.append(Chapter(m.repo, anchor, volume))
        row, raw = _row(m.repo, anchor, volume)
        rows.append(row)
        raws.append(raw)
    t = [sum(col) for col in zip(*raws)] if raws else [0] * 13
    T = _labels(lang)
    total = MemberRow(T.total, None, *t[:7], _pct(t[7], t[8]), _pct(t[9], t[10]), f"{t[11]}/{t[12]}")
    chart = bar_chart("tw-members", T.chart_members, [r.repo for r in rows],
                      [(T.raised, "solid"), (T.closed, "light"), (T.overdue, "hatch")],
                      [(r.raised, r.closed, r.overdue) for r in rows])
    # across villages: what is overdue or escalated as of the volume's date
    cross = reading.ws_issues(ws, as_of, frozenset(), False, None, None, None, None, False)
    unknown |= cross.unknown_years
    anchors = {(c.repo, r.id): f"{c.anchor}-{r.anchor}" for c in chapters
               for r in (*c.volume.ledger.raised, *c.volume.ledger.open_before)}
    ledger = [CrossRow(repo, i.id, i.summary, vocab.category_name(i.category, lang), i.village, i.author,
                       i.raised.isoformat(), i.due.isoformat(), vocab.status_name(i.status, lang), i.overdue,
                       (as_of - i.due).days if i.overdue else 0, i.escalated_to, anchors.get((repo, i.id)))
              for repo, i in cross.rows if i.overdue or i.status == "escalated"]
    try:  # the members' cached tables through DuckDB; without duckdb, built here
        files, years = workspace_parquet(ws, as_of, frozenset(("entries", "issues", "updates", "households")))
        data = table_rows(files)
    except MinqingError as exc:
        if exc.key not in ("export.noduckdb", "query.noduckdb"):
            raise
        tables, years = reading.ws_tables(ws, as_of)
        data = analysis.tables_as_rows(tables)
    unknown |= years
    an = analysis.analyze(data, start, end)
    if redacted:  # the parts across villages are masked like each village's chapter
        from ..volume import map_strings, masker

        mask = masker(private)
        ledger = map_strings(ledger, mask)
        an = map_strings(an, mask)
    view = analysis.view(an, lang, ws.name, id_prefix="tw-an")
    ranking = None
    try:  # 考评 over the month, ranked across the villages (supervision)
        from ..supervision.report import SCORE_COLUMNS, score_cells

        score = reading.ws_score(ws, start, min(end, as_of))
        unknown |= score.unknown_years
        header = [i18n.t("score.head." + c, lang) for c in SCORE_COLUMNS]
        rows_ = [score_cells(dataclasses.replace(r, name=f"{repo}/{r.name}")) for repo, r in score.rows]
        if redacted:
            from ..volume import map_strings, masker

            rows_ = map_strings(rows_, masker(private))
        ranking = SimpleNamespace(header=header, rows=rows_)
    except ImportError:  # pragma: no cover - a minqing without supervision
        ranking = None
    unreadable = []
    for u in ws.unreadable:
        from ..diagnostics import Diagnostic

        d = Diagnostic("MQ008", u.path, u.line, u.message_params(lang), u.key)
        unreadable.append((u.repo, d.message(lang)))
    L = _label(lang, period.kind)
    township = Township(
        lang=lang, title=ws.name, township=ws.township, county=ws.county, month=period.key,
        month_label=period_label(period, lang), period=period.kind, as_of=as_of.isoformat(), L=L, T=T, rows=rows, total=total,
        chart=chart, ledger=ledger, analysis=view, chapters=chapters, unreadable=unreadable, ranking=ranking,
        redacted=redacted,
        generator=f"minqing {__version__}")
    return township, unknown


def render(township: Township, fmt: str, root: Path | None = None) -> str:
    from ..render import environment, render_template
    from ..volume import _cell, render as render_volume, template_error

    if fmt == "md":
        parts = [f"# {township.title} · {township.month_label}\n\n",
                 f"| {township.T.member} | {township.T.entries} | {township.T.raised} | {township.T.closed} | "
                 f"{township.T.open} | {township.T.overdue} |\n|---|---:|---:|---:|---:|---:|\n"]
        for r in (*township.rows, township.total):
            parts.append(f"| {_cell(r.repo)} | {r.entries} | {r.raised} | {r.closed} | {r.open} | {r.overdue} |\n")
        for c in township.chapters:
            parts.append(f"\n\n# {_cell(c.repo)}\n\n" + render_volume(c.volume, None, "md"))
        return "".join(parts)
    env = environment(root, autoescape=True)
    try:
        return render_template(env, "township.html.j2", township=township)  # within the template limits
    except Exception as exc:  # noqa: BLE001 - template faults become a message naming the template
        raise template_error(exc, "township.html.j2") from None


@dataclass(frozen=True)
class Compiled:
    path: Path
    township: Township
    notes: tuple[tuple[str, dict[str, str]], ...] = ()


def compile_township(ws: Workspace, month: str, *, fmt: str = "html", out: Path | None = None, redacted: bool = False,
                     force: bool = False, as_of: dt.date | None = None, lang: str = "zh") -> Compiled:
    from ..volume import FORMATS, check_target, output_path, period_of, publish

    if fmt not in FORMATS:
        raise MinqingError("err.badformat", value=fmt, choices=", ".join(FORMATS))
    period = period_of(month)  # a bad period is a usage error before any member is read
    target = output_path(out, period.key, fmt)
    check_target(target, force)
    from ..loader import paused_gc

    with paused_gc():  # the villages' records and volumes: many objects made once, freed by reference counting
        township, unknown = build(ws, month, lang=lang, as_of=as_of, redacted=redacted)
        text = render(township, fmt, ws.root)
    publish(target, text, fmt == "pdf", force)
    notes: list[tuple[str, dict[str, str]]] = []
    if unknown:
        notes.append(("note.calendar", {"years": ", ".join(map(str, sorted(unknown)))}))
    return Compiled(target, township, tuple(notes))
