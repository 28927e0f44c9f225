"""`minqing query "SQL"`: read-only SQL over the export tables (a repository, a workspace, or published Parquet)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated, Any, Optional

import typer

from ..cli import LangOpt, RepoOpt, app, find_target, guarded, h, output_format, parse_day


def table_files(target: object, day: dt.date, lang: str, words: frozenset[str] | None = None) -> tuple[dict, Any]:
    """({table: [(repo, parquet file)]}, keep) of a repository (a Path) or a workspace as of the day.

    With `words` (a statement's), a workspace's tables come from its store (`workspace.qstore`: one
    file per table, when no member changed since it was written), else from the members' caches
    (built when stale), and then `keep` (for `query.run_files`) writes the joined tables to the
    store. Unreadable members and unknown calendar years are said on stderr."""
    from .. import query, report
    from ..workspace import commands as ws_commands
    from ..workspace.qstore import open_store
    from ..workspace.tables import repository_parquet, workspace_parquet

    keep = None
    if isinstance(target, Path):
        files, unknown = repository_parquet(target, day)
    else:
        store = open_store(target, day) if words is not None else None  # `analyze` reads all tables
        hit = store.cached([n for n in query.TABLE_NAMES if n in words]) if store and words else None
        if hit is not None:
            files, unknown = hit
        else:
            files, unknown = workspace_parquet(target, day, words)
            keep = store.keeper(unknown) if store else None
        ws_commands.unreadable_lines(target, lang)
    report.note_years(unknown, lang)
    return files, keep


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
            result = query.run(sql, parquet, con_duck=duck)
        else:
            target = find_target(repo)
            files, keep = table_files(target, day, lang, query.sql_words(sql)) if query.needs_tables(sql) else ({}, None)
            code = 2 if not isinstance(target, Path) and target.unreadable else 0
            result = query.run_files(sql, files, con_duck=duck, keep=keep)
        report.emit(chosen, json=lambda: query.to_json(result), csv=lambda: query.to_csv(result),
                    table=lambda: query.to_table(result), text=lambda: query.to_lines(result))
        return code

    guarded(lang, body)
