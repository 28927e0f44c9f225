"""Supervision commands: `orders` (督办 and their states), `score` (考评), `review` (a review file to fill in)."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from .. import i18n
from ..cli import FormatOpt, LangOpt, RepoOpt, app, find_repo, find_target, guarded, h, output_format, parse_day, shown_path
from ..errors import MinqingError


@app.command("orders", help=h("help.orders"))
def orders_cmd(
    to: Annotated[Optional[str], typer.Option("--to", help=h("help.orders.to"), show_default=False)] = None,
    state: Annotated[Optional[list[str]], typer.Option("--state", help=h("help.orders.state"), show_default=False)] = None,
    as_of: Annotated[Optional[str], typer.Option("--as-of", help=h("help.issues.asof"), show_default=False)] = None,
    fmt: FormatOpt = None,
    repo: RepoOpt = None,
    lang: LangOpt = None,
) -> None:
    def body(lang: str) -> int:
        from .. import report
        from ..cli import load_ledger
        from ..supervision import current_orders
        from ..supervision import report as out
        from ..supervision.load import read_reviews
        from ..supervision.orders import STATES, select_orders

        chosen = output_format(fmt)
        day = parse_day(as_of) or dt.date.today()
        states: set[str] = set()
        for value in state or []:
            for part in value.split(","):
                code = part.strip().lower()
                code = next((s for s in STATES if code in (s, i18n.t("order.state." + s, "zh"))), None)
                if code is None:
                    raise MinqingError("orders.badstate", value=part, choices=", ".join(STATES))
                states.add(code)
        root = find_target(repo)
        if not isinstance(root, Path):
            from ..workspace import commands as ws

            return ws.orders(root, lang, chosen, day, to, frozenset(states))
        config, issues, _ = load_ledger(root, day, lang)
        orders = select_orders(current_orders(read_reviews(root, config), issues, config, day).values(), to, states)
        report.emit(chosen, json=lambda: out.orders_json(orders, day), csv=lambda: out.orders_csv(orders, lang),
                    table=lambda: out.orders_table(orders, day, lang), text=lambda: out.orders_lines(orders, day, lang))
        return 1 if any(o.state == "overdue" for o in orders) else 0

    guarded(lang, body)


def _range(start: str | None, end: str | None) -> tuple[dt.date, dt.date]:
    to_day = parse_day(end) or dt.date.today()
    from_day = parse_day(start) or to_day.replace(day=1)
    if from_day > to_day:
        raise MinqingError("err.range", start=from_day.isoformat(), end=to_day.isoformat())
    if (to_day - from_day).days > 3660:
        raise MinqingError("err.range.long", weeks=(to_day - from_day).days // 7)
    return from_day, to_day


def sheet_target(root: Path, out: Path | None, chosen: str, start: dt.date, end: dt.date) -> Path | None:
    """Where the printable score sheet goes: --out FILE.html|.pdf as given; a folder, or no --out with
    --format html|pdf, gets 考评-<from>-<to>.<ext> (in the repository's out/ folder by default)."""
    if out is None and chosen not in ("html", "pdf"):
        return None
    kind = chosen if chosen in ("html", "pdf") else "html"
    name = f"考评-{start.isoformat()}-{end.isoformat()}.{kind}"
    if out is None:
        from ..fsio import output_folder

        return output_folder(root) / name
    if out.is_dir():
        return out / name
    if out.suffix.lower() not in (".html", ".pdf"):
        raise MinqingError("score.badout", path=str(out))
    return out


@app.command("score", help=h("help.score"))
def score_cmd(
    start: Annotated[Optional[str], typer.Option("--from", help=h("help.score.from"), show_default=False)] = None,
    end: Annotated[Optional[str], typer.Option("--to", help=h("help.score.to"), show_default=False)] = None,
    fmt: Annotated[Optional[str], typer.Option("--format", help=h("help.score.format"), show_default=False)] = None,
    out: Annotated[Optional[Path], typer.Option("--out", "-o", help=h("help.score.out"), show_default=False)] = None,
    force: Annotated[bool, typer.Option("--force", help=h("help.score.force"))] = False,
    repo: RepoOpt = None,
    lang: LangOpt = None,
) -> None:
    def body(lang: str) -> int:
        from .. import gitio, report
        from ..history import repository_history
        from ..quota import compute
        from ..supervision import compute_score, current_orders, valid_reviews
        from ..supervision import report as sheet
        from ..supervision.load import read_all

        chosen = output_format(fmt, ("table", "text", "json", "csv", "html", "pdf"))
        from_day, to_day = _range(start, end)
        root = find_target(repo)
        if not isinstance(root, Path):
            from ..workspace import commands as ws

            if out is not None or chosen in ("html", "pdf"):
                return ws.score_sheets(root, lang, chosen, from_day, to_day, out, force)
            return ws.score(root, lang, chosen, from_day, to_day)
        target = sheet_target(root, out, chosen, from_day, to_day)
        if target is not None:
            from ..volume import check_target

            check_target(target, force)
        config, records, issues, unknown = read_all(root, to_day)
        report.note_years(unknown, lang)
        history = repository_history(root) if gitio.is_repo(root) else None
        firsts = {p: hh.first.date for p, hh in (history or {}).items() if hh.commits}
        quota = compute(records, config, from_day, to_day, firsts)
        orders = current_orders(records, issues, config, to_day)
        rep = compute_score(records, issues, orders, quota, config, from_day, to_day,
                            valid_reviews(records, config, to_day))
        if target is not None:
            from ..volume import publish

            publish(target, sheet.score_html(rep, config, lang, root), target.suffix.lower() == ".pdf", force)
            report.write(shown_path(target) + "\n")
            return 0
        report.emit(chosen, json=lambda: sheet.score_json(rep), csv=lambda: sheet.score_csv(rep, lang),
                    table=lambda: sheet.score_table(rep, lang), text=lambda: sheet.score_lines(rep, lang))
        return 0

    guarded(lang, body)


@app.command("review", help=h("help.review"))
def review_cmd(
    reviewer: Annotated[str, typer.Option("--reviewer", "-r", help=h("help.review.reviewer"))],
    start: Annotated[Optional[str], typer.Option("--from", help=h("help.review.from"), show_default=False)] = None,
    end: Annotated[Optional[str], typer.Option("--to", help=h("help.review.to"), show_default=False)] = None,
    date: Annotated[Optional[str], typer.Option("--date", "-d", help=h("help.review.date"), show_default=False)] = None,
    slug: Annotated[Optional[str], typer.Option("--slug", help=h("help.new.slug"), show_default=False)] = None,
    force: Annotated[bool, typer.Option("--force", help=h("help.review.force"))] = False,
    no_edit: Annotated[bool, typer.Option("--no-edit", help=h("help.new.noedit"))] = False,
    repo: RepoOpt = None,
    lang: LangOpt = None,
) -> None:
    def body(lang: str) -> int:
        from .. import report
        from ..cli import open_editor
        from ..config import load_config
        from ..loader import load_repository
        from ..supervision.reviewing import write_review

        to_day = parse_day(end) or dt.date.today()
        from_day = parse_day(start) or to_day - dt.timedelta(days=6)
        day = parse_day(date) or dt.date.today()
        root = find_repo(repo)
        config = load_config(root)
        records = load_repository(root, config, run_checks=False).records
        path, listed = write_review(config, records, reviewer, from_day, to_day, day, slug, lang, force)
        shown = shown_path(path)
        report.write(i18n.t("review.written", lang, count=listed, start=from_day.isoformat(),
                            end=to_day.isoformat()) + "\n", sys.stderr)
        if not no_edit:
            open_editor(path, shown)
        report.write(shown + "\n")
        return 0

    guarded(lang, body)
