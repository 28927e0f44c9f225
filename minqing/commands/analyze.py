"""`minqing analyze --from --to`: 民情分析 over a repository, a workspace or published Parquet folders."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from ..cli import LangOpt, RepoOpt, app, find_target, guarded, h, output_format, parse_day
from ..errors import MinqingError


@app.command("analyze", help=h("help.analyze"), short_help=h("help.analyze.short"))
def analyze_cmd(
    start: Annotated[Optional[str], typer.Option("--from", help=h("help.analyze.from"), show_default=False)] = None,
    end: Annotated[Optional[str], typer.Option("--to", help=h("help.analyze.to"), show_default=False)] = None,
    out: Annotated[Optional[Path], typer.Option("--out", "-o", help=h("help.analyze.out"), show_default=False)] = None,
    force: Annotated[bool, typer.Option("--force", help=h("help.analyze.force"))] = False,
    parquet: Annotated[Optional[list[Path]], typer.Option("--parquet", help=h("help.query.parquet"), show_default=False)] = None,
    fmt: Annotated[Optional[str], typer.Option("--format", help=h("help.format", choices="table, text, json"), show_default=False)] = None,
    repo: RepoOpt = None,
    lang: LangOpt = None,
) -> None:
    def body(lang: str) -> int:
        from .. import analysis, i18n, report
        from ..query import import_duckdb, parquet_folders
        from ..workspace.tables import rows as table_rows
        from .query import table_files

        chosen = output_format(fmt, ("table", "text", "json"))
        to_day = parse_day(end) or dt.date.today()
        from_day = parse_day(start) or to_day - dt.timedelta(days=89)
        if from_day > to_day:
            raise MinqingError("err.range", start=from_day.isoformat(), end=to_day.isoformat())
        code, title, root = 0, "", None
        import_duckdb()  # a missing duckdb is said before anything is read
        if parquet:
            rows = table_rows(parquet_folders(list(parquet)))
        else:
            target = find_target(repo)
            rows = table_rows(table_files(target, to_day, lang)[0])
            if isinstance(target, Path):
                from ..config import load_config

                title, root = load_config(target).name, target
            else:
                title, code = target.name, 2 if target.unreadable else 0
        result = analysis.analyze(rows, from_day, to_day)
        if out is not None:
            from ..fsio import write_new

            html = analysis.render_report(analysis.view(result, lang, title), root)
            write_new(out, html.encode("utf-8"), force, exists_key="analyze.exists", nofolder_key="analyze.nofolder")
            report.write(i18n.t("analyze.written", lang, path=str(out)) + "\n", sys.stderr)
        report.emit(chosen, json=lambda: report.dump_json(result.to_json()),
                    table=lambda: analysis.to_table(result, lang), text=lambda: analysis.to_lines(result, lang))
        return code

    guarded(lang, body)
