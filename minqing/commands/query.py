"""`minqing query "SQL"`: read-only SQL over the export tables (a repository, a workspace, or published Parquet)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated, Optional

import typer

from ..cli import LangOpt, RepoOpt, app, find_target, guarded, h, output_format, parse_day


def tables_of(target: object, day: dt.date, lang: str) -> list:
    """The export tables of a repository (a Path) or a workspace, as of the day."""
    from .. import export, i18n, report
    from ..workspace import commands as ws_commands
    from ..workspace import reading

    if isinstance(target, Path):
        unknown: set[int] = set()
        tables = export.collect(target, day, unknown)
    else:
        tables, unknown = reading.ws_tables(target, day)
        ws_commands.unreadable_lines(target, lang)
    if unknown:
        import sys

        report.write(i18n.t("note.calendar", lang, years=", ".join(map(str, sorted(unknown)))) + "\n", sys.stderr)
    return tables


@app.command("query", help=h("help.query"), short_help=h("help.query.short"))
def query_cmd(
    sql: Annotated[str, typer.Argument(help=h("help.query.sql"), metavar="SQL")],
    as_of: Annotated[Optional[str], typer.Option("--as-of", help=h("help.issues.asof"), show_default=False)] = None,
    parquet: Annotated[Optional[list[Path]], typer.Option("--parquet", help=h("help.query.parquet"), show_default=False)] = None,
    fmt: Annotated[Optional[str], typer.Option("--format", help=h("help.format", choices="table, text, json, csv"), show_default=False)] = None,
    repo: RepoOpt = None,
    lang: LangOpt = None,
) -> None:
    def body(lang: str) -> int:
        from .. import query, report

        chosen = output_format(fmt)
        day = parse_day(as_of) or dt.date.today()
        duck = query.connect()  # a missing duckdb is said before anything is read
        code = 0
        if parquet:
            result = query.run(sql, parquet=parquet, con_duck=duck)
        else:
            target = find_target(repo)
            tables = tables_of(target, day, lang) if query.needs_tables(sql) else []
            code = 2 if not isinstance(target, Path) and target.unreadable else 0
            result = query.run(sql, tables, con_duck=duck)
        report.emit(chosen, json=lambda: query.to_json(result), csv=lambda: query.to_csv(result),
                    table=lambda: query.to_table(result), text=lambda: query.to_lines(result))
        return code

    guarded(lang, body)
