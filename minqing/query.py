"""`minqing query "SQL"`: read-only SQL over the export tables of a repository, a workspace or
published Parquet folders, with DuckDB as the engine.

The tables are the ones `export` writes (entries, issues, updates, households, quota, and any
table the export gains later), built in memory and loaded into an in-memory DuckDB database; only
the tables the statement names are loaded. The statement must be one SELECT (or WITH … SELECT).
After loading, `enable_external_access` is switched off and the configuration locked, so a query
can read no file, URL or extension: only the tables given to it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import decimal
import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import MinqingError

TABLE_NAMES = ("entries", "issues", "updates", "households", "quota", "reviews", "orders")


@dataclass
class Result:
    columns: list[str]
    rows: list[tuple[Any, ...]]

    def records(self) -> list[dict[str, Any]]:
        return [dict(zip(self.columns, (plain(v) for v in row))) for row in self.rows]


def import_duckdb() -> Any:
    try:
        import duckdb
    except ImportError:
        raise MinqingError("query.noduckdb") from None
    return duckdb


def plain(value: Any) -> Any:
    """A DuckDB value as JSON-able data: dates as ISO text, decimals as numbers, lists as lists."""
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return float(value) if value != value.to_integral_value() else int(value)
    if isinstance(value, dt.timedelta):
        return value.days if not value.seconds else value.total_seconds()
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    return value


def sql_words(sql: str) -> frozenset[str]:
    """The statement's words, lower case: a table it may read is one of them."""
    return frozenset(w.lower() for w in re.findall(r"[A-Za-z_][A-Za-z0-9_]*", sql))


def named_tables(sql: str, available: Sequence[str]) -> list[str]:
    """The tables the statement mentions (a word match: loading one too many costs only time)."""
    words = sql_words(sql)
    return [name for name in available if name in words]


def check_statement(con: Any, duckdb: Any, sql: str) -> None:
    """One SELECT (or WITH … SELECT) statement, else a MinqingError (exit 2)."""
    try:
        statements = con.extract_statements(sql)
    except duckdb.Error as exc:
        raise MinqingError("query.syntax", problem=_first_line(exc)) from None
    if len(statements) != 1:
        raise MinqingError("query.onestatement", count=len(statements))
    if statements[0].type != duckdb.StatementType.SELECT:
        raise MinqingError("query.readonly", kind=str(statements[0].type).rsplit(".", 1)[-1])


def _first_line(exc: BaseException) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _lit(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


PREFIXED = ("path", "entry", "review")


def parquet_folders(folders: Sequence[Path]) -> dict[str, list[tuple[str, Path]]]:
    """table name -> [(repo, parquet file)] over the published folders (repo = the folder's name)."""
    names: dict[str, Path] = {}
    out: dict[str, list[tuple[str, Path]]] = {}
    for folder in folders:
        if not folder.is_dir():
            raise MinqingError("query.noparquet", path=str(folder))
        repo = folder.resolve().name if folder.name in ("", ".", "..") else folder.name
        if repo in names:
            raise MinqingError("query.dupfolder", name=repo, first=str(names[repo]), second=str(folder))
        names[repo] = folder
        found = sorted(folder.glob("*.parquet"))
        if not found:
            raise MinqingError("query.noparquet", path=str(folder))
        for f in found:
            out.setdefault(f.stem, []).append((repo, f))
    return out


def load_files(con: Any, wanted: Sequence[str], files: dict[str, list[tuple[str, Path]]]) -> None:
    """One in-memory table per wanted name from its Parquet files, read in one scan.

    A repo of "" is a single repository's file, taken as it is (a `.duckdb` file: `attach`). Otherwise each row gains `repo`
    (the given name, or name/repo when the file already has a repo column: a workspace's export)
    and `path`/`entry`/`review` are prefixed with `repo/`.
    """
    for name in wanted:
        items = files.get(name) or []
        if not items:
            continue
        if len(items) == 1 and items[0][0] == "" and items[0][1].suffix == ".duckdb":
            attach(con, name, items[0][1])
            continue
        if len(items) == 1 and items[0][0] == "":
            con.execute(f"CREATE TABLE {_q(name)} AS SELECT * FROM read_parquet({_lit(str(items[0][1]))})")
            continue
        listing = "[" + ", ".join(_lit(str(p)) for _, p in items) + "]"
        cols = [r[0] for r in con.execute(
            f"DESCRIBE SELECT * FROM read_parquet({listing}, union_by_name = true)").fetchall()]
        source = "_src_" + name
        con.execute(f"CREATE TEMP TABLE {_q(source)} (file VARCHAR, member VARCHAR, pos INTEGER)")
        con.executemany(f"INSERT INTO {_q(source)} VALUES (?, ?, ?)", [(str(p), repo, i) for i, (repo, p) in enumerate(items)])
        repo_expr = "s.member || '/' || t.repo" if "repo" in cols else "s.member"
        select = [f"{repo_expr} AS repo"]
        for c in cols:
            if c == "repo":
                continue
            select.append(f"s.member || '/' || t.{_q(c)} AS {_q(c)}" if c in PREFIXED else f"t.{_q(c)}")
        con.execute(f"CREATE TABLE {_q(name)} AS SELECT {', '.join(select)} FROM read_parquet({listing}, "
                    f"union_by_name = true, filename = '_file', file_row_number = true) t "
                    f"JOIN {_q(source)} s ON s.file = t._file ORDER BY s.pos, t.file_row_number")
        con.execute(f"DROP TABLE {_q(source)}")


def attach(con: Any, name: str, path: Path) -> None:
    """A table kept in a DuckDB file (a workspace's store, `workspace.qstore`): the file attached
    read-only and seen through a view of the table's name, read column by column as the statement needs."""
    alias = "_kept_" + name
    con.execute(f"ATTACH {_lit(str(path))} AS {_q(alias)} (READ_ONLY)")
    con.execute(f"CREATE VIEW {_q(name)} AS SELECT * FROM {_q(alias)}.main.{_q(name)}")


def lock(con: Any) -> None:
    con.execute("SET enable_external_access = false")
    with contextlib.suppress(Exception):
        con.execute("SET autoinstall_known_extensions = false")
        con.execute("SET autoload_known_extensions = false")
    con.execute("SET lock_configuration = true")


def connect() -> tuple[Any, Any]:
    duckdb = import_duckdb()
    con = duckdb.connect(":memory:", config={"autoinstall_known_extensions": "false",
                                             "autoload_known_extensions": "false"})
    return duckdb, con


def run_files(sql: str, files: dict[str, list[tuple[str, Path]]], con_duck: tuple[Any, Any] | None = None,
              keep: Callable[[Any, list[str]], None] | None = None) -> Result:
    """Run one read-only statement over the tables in the given Parquet files (see load_files);
    `keep(con, names)` is called with the tables loaded, before the connection is locked."""
    duckdb, con = con_duck or connect()
    try:
        check_statement(con, duckdb, sql)
        wanted = named_tables(sql, sorted(files))
        load_files(con, wanted, files)
        if keep is not None:
            keep(con, [name for name in wanted if files.get(name)])
        lock(con)
        try:
            cur = con.execute(sql)
            columns = [d[0] for d in cur.description or []]
            rows = cur.fetchall()
        except duckdb.Error as exc:
            raise MinqingError("query.failed", problem=_first_line(exc)) from None
        return Result(columns, rows)
    finally:
        con.close()


def run(sql: str, parquet: Sequence[Path], con_duck: tuple[Any, Any] | None = None) -> Result:
    """Run one read-only statement over published Parquet folders."""
    return run_files(sql, parquet_folders(parquet), con_duck)


def needs_tables(sql: str) -> bool:
    return bool(named_tables(sql, TABLE_NAMES))


# ---- output ----

def to_json(result: Result) -> str:
    return json.dumps({"columns": result.columns, "rows": result.records()}, ensure_ascii=False, indent=2) + "\n"


def cell(value: Any) -> str:
    v = plain(value)
    if v is None:
        return ""
    if isinstance(v, list):
        return " ".join(str(x) for x in v)
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, float):
        return f"{v:.2f}".rstrip("0").rstrip(".") if v != int(v) else str(int(v))
    return str(v)


def to_csv(result: Result) -> str:
    from .report import dump_csv

    return dump_csv(result.columns, [[cell(v) for v in row] for row in result.rows])


def to_lines(result: Result) -> str:
    """Tab-separated lines with a header: what a pipe into sort or awk wants."""
    out = ["\t".join(result.columns)]
    out += ["\t".join(_clean(cell(v)) for v in row) for row in result.rows]
    return "\n".join(out) + "\n"


def _clean(text: str) -> str:
    return "".join(ch if ch.isprintable() else " " for ch in text)


def to_table(result: Result, stream: Any = None, width: int | None = None) -> None:
    from rich.table import Table
    from rich.text import Text

    from .report import console

    con = console(stream, width)
    table = Table(show_lines=False)
    for name in result.columns:
        table.add_column(Text(name), overflow="fold")
    for row in result.rows:
        table.add_row(*(Text(_clean(cell(v))) for v in row))
    con.print(table)
