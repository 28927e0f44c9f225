"""Export the records as tables for analysis: CSV, JSON Lines, SQLite and (with duckdb) Parquet.

Building the tables is pure (records, ledger, quota -> `Table`s of typed rows); the writers turn
them into files, each written to a temporary file in the output folder and then moved into place
with `os.replace`, so that a reader never sees half a file. Nothing is overwritten without `force`.

Value types of a column: `text`, `int`, `real`, `bool`, `date` (a `datetime.date`) and `list` (a
list of text). How each format stores them:

| type | CSV | JSONL | SQLite | Parquet |
|---|---|---|---|---|
| text | text | string | TEXT | VARCHAR |
| int | digits | number | INTEGER | INTEGER |
| real | decimal | number | REAL | DOUBLE |
| bool | true / false | true / false | INTEGER 0/1 | BOOLEAN |
| date | 2024-03-17 | "2024-03-17" | TEXT 2024-03-17 | DATE |
| list | items joined by a space | array | TEXT, a JSON array | VARCHAR[] |

A missing value is an empty CSV cell, JSON null, SQL NULL.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import sqlite3
import stat
import tempfile
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import vocab
from .errors import MinqingError
from .model import Record, stem_of

FORMATS = ("csv", "jsonl", "sqlite", "parquet")
SQLITE_NAME = "minqing.sqlite"

_SQLITE_TYPES = {"text": "TEXT", "int": "INTEGER", "real": "REAL", "bool": "INTEGER", "date": "TEXT", "list": "TEXT"}
_DUCKDB_TYPES = {"text": "VARCHAR", "int": "INTEGER", "real": "DOUBLE", "bool": "BOOLEAN", "date": "DATE",
                 "list": "VARCHAR[]"}


@dataclass(frozen=True, slots=True)
class Column:
    name: str
    type: str  # text, int, real, bool, date, list


@dataclass
class Table:
    """One table: typed columns, rows of Python values, and what SQL databases should index."""

    name: str
    columns: tuple[Column, ...]
    rows: list[tuple[Any, ...]] = field(default_factory=list)
    primary_key: tuple[str, ...] = ()
    indexes: tuple[tuple[str, ...], ...] = ()

    @property
    def names(self) -> list[str]:
        return [c.name for c in self.columns]

    def records(self) -> Iterator[dict[str, Any]]:
        names = self.names
        for row in self.rows:
            yield dict(zip(names, row))


class Rows:
    """A table's rows made again each time they are iterated (read from the records index one at a
    time), so that an export never holds a large table whole. It compares, indexes and pickles as the
    list it stands for (a workspace sends tables between processes as lists)."""

    __slots__ = ("_make",)

    def __init__(self, make: Callable[[], Iterable[tuple[Any, ...]]]) -> None:
        self._make = make

    def __iter__(self) -> Iterator[tuple[Any, ...]]:
        return iter(self._make())

    def __len__(self) -> int:
        return sum(1 for _ in self)

    def __getitem__(self, index: Any) -> Any:
        return list(self)[index]

    def __eq__(self, other: object) -> bool:
        if isinstance(other, (Rows, list)):
            return list(self) == list(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"Rows({list(self)!r})"

    def __reduce__(self) -> tuple[Any, ...]:
        return (list, (list(self),))


def _cols(spec: str) -> tuple[Column, ...]:
    """'path:text date:date …' -> columns."""
    return tuple(Column(*part.split(":")) for part in spec.split())


ENTRY_COLUMNS = _cols(
    "path:text date:date author:text village:text category:text title:text urgent:bool households:list "
    "issues:int updates:int body_chars:int end_date:date participants:list place:text weather:text backfill:bool "
    "attachments:int aid_money:text aid_goods:text")
ISSUE_COLUMNS = _cols(
    "id:text summary:text status:text category:text raised:date due:date overdue:bool author:text village:text "
    "households:list entry:text escalated_to:text result:text feedback:text satisfaction:text updates:int "
    "reopenings:int closed_on:date owner:text assist:list reply:text")
UPDATE_COLUMNS = _cols(
    "issue:text entry:text date:date author:text status:text note:text result:text feedback:text "
    "satisfaction:text escalated_to:text due:date reopening:bool owner:text reply:text followup:bool")
HOUSEHOLD_COLUMNS = _cols(
    "id:text head:text village:text group:text members:int phone:text cadre:text tags:list causes:list path:text "
    "family:list")
QUOTA_COLUMNS = _cols("cadre:text week:text required:bool count:int late:int short:bool backfill:int")
REVIEW_COLUMNS = _cols(
    "review:text date:date reviewer:text entry:text author:text grade:text points:int comment:text valid:bool")
ORDER_COLUMNS = _cols(
    "issue:text to:text due:date state:text ordered:date reviewer:text review:text request:text")


# ---- building the tables (pure) ----

def _default_village(rec: Record, villages: Sequence[str]) -> str | None:
    return rec.get("village") or (villages[0] if len(villages) == 1 else None)


def entries_table(records: Iterable[Record], villages: Sequence[str], households: Mapping[str, Record],
                  heads: Mapping[str, list[str]]) -> Table:
    households, heads = dict(households), dict(heads)  # once, not once per entry
    rows = [entry_row(rec, villages, households, heads) for rec in records if rec.kind == "entry" and rec.front is not None]
    rows.sort(key=lambda r: r[0])
    return Table("entries", ENTRY_COLUMNS, rows, ("path",), ENTRY_INDEXES)


ENTRY_INDEXES = (("date",), ("author",), ("village",))
HOUSEHOLD_INDEXES = (("village",), ("cadre",))
ISSUE_INDEXES = (("status",), ("village",), ("due",), ("entry",))
UPDATE_INDEXES = (("issue",), ("entry",), ("date",))


def entry_row(rec: Record, villages: Sequence[str], households: Mapping[str, Any],
              heads: Mapping[str, list[str]]) -> tuple[Any, ...]:
    """One row of the entries table (an entry whose front matter parsed)."""
    from .ledger import resolve_households

    category = rec.get("category")
    front = rec.front
    assert front is not None
    return (
        rec.path, rec.date, rec.get("author"), _default_village(rec, villages),
        vocab.category_code(category) if isinstance(category, str) else None,
        rec.get("title"), bool(rec.get("urgent")),
        resolve_households(rec.get("households") or [], households, heads),  # type: ignore[arg-type]
        len(rec.issues()), len(rec.updates()), rec.body_chars,
        rec.get("end_date"), list(rec.get("participants") or []), rec.get("place"), rec.get("weather"),
        bool(rec.get("backfill")), len(front.items.get("attachments", [])), *_aid(rec),
    )


def _aid(rec: Record) -> tuple[str | None, str | None]:
    """(money handed over in 元, goods handed over) of an entry's 慰问 items, as text (None when none)."""
    items = rec.front.items.get("aid", []) if rec.front is not None else []
    money = [a.get("amount") for a in items if a.get("amount") is not None]
    goods = [a.text("goods") for a in items if a.text("goods")]
    total = sum(money)
    return (None if not money else (f"{total:g}" if isinstance(total, int) else f"{total:.2f}"),
            "；".join(g for g in goods if g) or None)


def issues_table(issues: Iterable[Any]) -> Table:
    return Table("issues", ISSUE_COLUMNS, [issue_row(i) for i in issues], ("id",), ISSUE_INDEXES)


def issue_row(i: Any) -> tuple[Any, ...]:
    return (
        i.id, i.summary, i.status, i.category, i.raised, i.due, i.overdue, i.author, i.village, list(i.households),
        i.entry, i.escalated_to, i.result, i.feedback, i.satisfaction, len(i.updates), i.reopenings, i.closed_on,
        i.owner, list(i.assist), i.reply,
    )


def updates_table(issues: Iterable[Any]) -> Table:
    return Table("updates", UPDATE_COLUMNS, update_rows(issues), (), UPDATE_INDEXES)


def update_rows(issues: Iterable[Any]) -> list[tuple[Any, ...]]:
    """The updates table's rows: every update of every issue, by date, entry and issue."""
    rows = [(
        i.id, u.entry, u.date, u.author, u.status, u.note, u.result, u.feedback, u.satisfaction, u.escalated_to,
        u.due, u.reopening, u.owner, u.reply, u.followup,
    ) for i in issues for u in i.updates]
    rows.sort(key=lambda r: (r[2], r[1], r[0]))  # date, entry, issue; stable for two updates of one issue
    return rows


def households_table(records: Iterable[Record], villages: Sequence[str]) -> Table:
    """One row per household id; a second file claiming the same id is left out (`check` reports it)."""
    ordered = sorted((r for r in records if r.kind == "household" and r.front is not None), key=lambda r: r.path)
    return Table("households", HOUSEHOLD_COLUMNS, list(household_rows(ordered, villages)), ("id",), HOUSEHOLD_INDEXES)


def household_rows(records: Iterable[Record], villages: Sequence[str]) -> Iterator[tuple[Any, ...]]:
    """Rows of households that parsed, given in path order; a second file claiming an id is left out."""
    seen: set[str] = set()
    for rec in records:
        if rec.kind != "household" or rec.front is None:
            continue
        hid = rec.front.text("id") or rec.stem
        if hid in seen:
            continue
        seen.add(hid)
        yield (
            hid, rec.get("head"), _default_village(rec, villages), rec.get("group"), rec.get("members"),
            rec.get("phone"), rec.get("cadre"), list(rec.get("tags") or []), list(rec.get("causes") or []), rec.path,
            list(rec.get("family") or []),
        )


def quota_table(report: Any) -> Table:
    rows = [(c.name, w.week, w.required, w.count, w.late, w.short, w.backfill) for c in report.cadres for w in c.weeks]
    return Table("quota", QUOTA_COLUMNS, rows, ("cadre", "week"), (("week",),))


def reviews_table(records: Iterable[Record], config: Any) -> Table:
    """One row per review item (审阅): the entry as a path when it exists, the grade's points; `valid` is
    false for an item that does not count (reviewer not a supervisor, unknown entry or grade)."""
    from .supervision.score import entry_lookup, find_entry

    records = list(records)
    entries = entry_lookup(records)
    rows = []
    for rec in sorted((r for r in records if r.kind == "review" and r.front is not None), key=lambda r: r.path):
        by_supervisor = rec.get("reviewer") in config.supervisor_names
        for item in rec.grades():
            value = item.text("entry")
            entry = find_entry(value, entries) if value else None
            grade = item.text("grade")
            points = config.grades.get(grade) if grade else None
            valid = by_supervisor and entry is not None and (grade is None or points is not None)
            rows.append((rec.path, rec.date, rec.get("reviewer"), entry.path if entry else value,
                         entry.get("author") if entry else None, grade, points, item.text("comment"), valid))
    return Table("reviews", REVIEW_COLUMNS, rows, (), (("entry",), ("reviewer",), ("date",)))


def orders_table(orders: Iterable[Any]) -> Table:
    """The current supervision order of each issue (督办) with its state as of the export's date."""
    rows = [(o.issue, o.to, o.due, o.state, o.ordered, o.reviewer, o.review, o.request) for o in orders]
    return Table("orders", ORDER_COLUMNS, rows, ("issue",), (("to",), ("state",), ("due",)))


def build_tables(repository: Any, issues: Sequence[Any], quota_report: Any, as_of: dt.date | None = None) -> list[Table]:
    """The seven tables of a loaded repository, its ledger (as of `as_of`) and its quota report."""
    from .supervision.orders import current_orders, sort_orders

    villages = repository.config.villages
    ctx = repository.context()
    day = as_of or dt.date.today()
    orders = sort_orders(current_orders(repository.records, issues, repository.config, day).values())
    return [
        entries_table(repository.records, villages, ctx.households, ctx.heads),
        issues_table(issues),
        updates_table(issues),
        households_table(repository.records, villages),
        quota_table(quota_report),
        reviews_table(repository.records, repository.config),
        orders_table(orders),
    ]


def redact_tables(tables: list[Table], names: Iterable[str]) -> list[Table]:
    """The tables with heads' and family members' names, ID and mobile numbers masked in every text cell."""
    from dataclasses import replace

    from .volume import masker

    mask = masker(names)

    def cell(value: Any) -> Any:
        if isinstance(value, str):
            return mask(value)
        if isinstance(value, list):
            return [mask(v) if isinstance(v, str) else v for v in value]
        return value

    def masked(t: Table) -> Any:
        if isinstance(t.rows, Rows):  # masked as the rows are read
            return Rows(lambda rows=t.rows: (tuple(cell(v) for v in row) for row in rows))
        return [tuple(cell(v) for v in row) for row in t.rows]

    return [replace(t, rows=masked(t)) for t in tables]


def collect(root: Path, as_of: dt.date, unknown_years: set[int] | None = None, redacted: bool = False,
            progress: bool = False) -> list[Table]:
    """Load the repository at root and build every table as of `as_of` (quota: first entry .. as_of).

    The records come from the records index (built or brought up to date first), the ledger too
    when the index has it for that date (`issues` stores it), and the quota's first commits are
    read for the entries only. With `progress`, a bar on stderr (a terminal only) counts the
    records read."""
    from .loader import paused_gc

    with paused_gc():  # millions of small objects and no garbage cycles worth a collection's time
        return _collect(root, as_of, unknown_years, redacted, progress)


def _collect(root: Path, as_of: dt.date, unknown_years: set[int] | None, redacted: bool, progress: bool) -> list[Table]:
    from . import ledger
    from .config import load_config
    from .history import first_commits
    from .index import synced
    from .loader import load_repository
    from .quota import compute

    config = load_config(root)
    idx = synced(root, config, progress)
    if idx is not None:
        return _streamed(root, config, idx, as_of, unknown_years, redacted, progress)
    repository = load_repository(root, config, today=as_of, run_checks=False, use_cache=False)
    ctx = repository.context(as_of)
    issues = ledger.build(repository.records, repository.config, as_of, ctx.households, ctx.heads, unknown_years)
    dates = [e.date for e in repository.entries if e.date]
    start = min(dates) if dates else as_of
    firsts = first_commits(root) or {}
    quota_report = compute(repository.records, repository.config, start, as_of, firsts)
    tables = build_tables(repository, issues, quota_report, as_of)
    if redacted:
        from .volume import private_names

        tables = redact_tables(tables, private_names(repository))
    return tables


@dataclass(frozen=True, slots=True)
class _EntryName:
    """An entry as a review item's lookup needs it: its path and author."""

    path: str
    author: str | None
    kind: str = "entry"
    front: bool = True

    @property
    def stem(self) -> str:
        return stem_of(self.path)

    def get(self, key: str, default: Any = None) -> Any:
        return self.author if key == "author" and self.author is not None else default


def _streamed(root: Path, config: Any, idx: Any, as_of: dt.date, unknown_years: set[int] | None, redacted: bool,
              progress: bool) -> list[Table]:
    """The tables over the records index, their rows read from it as they are written (see `Rows`):
    the same tables as from a loaded repository, without ever holding every record or issue.

    Held whole: the households' ids and heads, the quota's (path, date, author) facts and first commits,
    the updates (sorted across issues), the reviews; with --redact, the names to mask."""
    from .history import first_commits
    from .index import dec
    from .index.queries import _households, issue_stream
    from .progress import bar
    from .quota import compute
    from .supervision.orders import current_orders, sort_orders

    villages = config.villages
    homes, heads, _ = _households(idx)
    unknown, issues = issue_stream(root, as_of, idx)
    if unknown_years is not None:
        unknown_years |= unknown
    entry_sql = "kind='entry' AND ok"
    paths = [dec(p) for (p,) in idx.con.execute(f"SELECT path FROM files WHERE {entry_sql} ORDER BY path")]
    in_order = all(a < b for a, b in zip(paths, paths[1:]))  # SQLite orders bytes; a non-UTF-8 name may not sort so
    total = len(paths)
    del paths

    def entry_rows() -> Iterator[tuple[Any, ...]]:
        with bar(total, "export", enabled=progress and total >= 500) as advance:
            rows: Iterable[tuple[Any, ...]] = (entry_row(rec, villages, homes, heads) for rec in idx.records(entry_sql))
            if not in_order:
                rows = sorted(rows, key=lambda r: r[0])
            for row in rows:
                yield row
                advance(1)

    def house_rows() -> Iterator[tuple[Any, ...]]:
        return household_rows(idx.records("kind='household' AND ok"), villages)

    reviews = list(idx.records("kind='review'"))
    first = idx.con.execute("SELECT min(date) FROM files WHERE kind='entry' AND ok AND date IS NOT NULL").fetchone()[0]
    start = dt.date.fromordinal(first) if first is not None else as_of
    quota_report = compute(idx.entry_facts(), config, start, as_of, first_commits(root) or {})
    if reviews:
        names = [_EntryName(dec(p), a) for p, a in idx.con.execute(f"SELECT path, author FROM files WHERE {entry_sql}")]
        wanted = {item.text("issue") for rec in reviews if rec.front is not None for item in rec.orders()}
        orders = sort_orders(current_orders(reviews, [i for i in issues() if i.id in wanted], config, as_of).values())
        review_table = reviews_table([*reviews, *names], config)  # type: ignore[list-item]
    else:
        orders, review_table = [], reviews_table([], config)
    tables = [
        Table("entries", ENTRY_COLUMNS, Rows(entry_rows), ("path",), ENTRY_INDEXES),
        Table("issues", ISSUE_COLUMNS, Rows(lambda: map(issue_row, issues())), ("id",), ISSUE_INDEXES),
        Table("updates", UPDATE_COLUMNS, update_rows(issues()), (), UPDATE_INDEXES),
        Table("households", HOUSEHOLD_COLUMNS, Rows(house_rows), ("id",), HOUSEHOLD_INDEXES),
        quota_table(quota_report),
        review_table,
        orders_table(orders),
    ]
    if redacted:
        from .volume import private_names_in

        tables = redact_tables(tables, private_names_in(root, config, idx.records("kind='household'"),
                                                        idx.records(entry_sql)))
    return tables


# ---- values per format ----

def csv_value(value: Any, typ: str) -> Any:
    if value is None:
        return ""
    if typ == "bool":
        return "true" if value else "false"
    if typ == "date":
        return value.isoformat()
    if typ == "list":
        return " ".join(value)
    return value


def json_value(value: Any, typ: str) -> Any:
    if value is None:
        return None
    if typ == "date":
        return value.isoformat()
    if typ == "bool":
        return bool(value)
    if typ == "list":
        return list(value)
    return value


def sqlite_value(value: Any, typ: str) -> Any:
    if value is None:
        return None
    if typ == "date":
        return value.isoformat()
    if typ == "bool":
        return 1 if value else 0
    if typ == "list":
        return json.dumps(list(value), ensure_ascii=False)
    return value


# ---- files ----

def file_names(fmt: str, tables: Sequence[Table]) -> list[str]:
    if fmt == "sqlite":
        return [SQLITE_NAME]
    return [f"{t.name}.{fmt}" for t in tables]


def _temp_path(target: Path) -> Path:
    fd, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        os.fchmod(fd, 0o666 & ~_umask())  # mkstemp makes 0600; give the file the usual permissions
    except (AttributeError, OSError):  # pragma: no cover - Windows has no fchmod
        pass
    finally:
        os.close(fd)
    return Path(name)


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def write_atomic(target: Path, fill: Callable[[Path], None]) -> None:
    """Let `fill` write a temporary file beside target, then move it into place (or remove it on failure)."""
    tmp = _temp_path(target)
    try:
        fill(tmp)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise


def write_csv(table: Table, path: Path) -> None:
    """The table as `report.dump_csv` writes it (byte-order mark, CRLF, cells made safe), row by row."""
    import csv

    from .escape import csv_cell

    types = [c.type for c in table.columns]

    def fill(tmp: Path) -> None:
        with open(tmp, "w", encoding="utf-8", newline="") as fh:
            fh.write("\ufeff")
            writer = csv.writer(fh, lineterminator="\r\n")
            writer.writerow(table.names)
            writer.writerows([csv_cell(csv_value(v, typ)) for v, typ in zip(row, types)] for row in table.rows)

    write_atomic(path, fill)


def jsonl_lines(table: Table) -> Iterator[str]:
    types = {c.name: c.type for c in table.columns}
    for rec in table.records():
        yield json.dumps({k: json_value(v, types[k]) for k, v in rec.items()}, ensure_ascii=False) + "\n"


def jsonl_text(table: Table) -> str:
    return "".join(jsonl_lines(table))


def _write_lines(lines: Iterable[str], path: Path) -> None:
    with open(path, "w", encoding="utf-8", newline="") as fh:
        fh.writelines(lines)


def write_jsonl(table: Table, path: Path) -> None:
    write_atomic(path, lambda tmp: _write_lines(jsonl_lines(table), tmp))


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def sqlite_schema(table: Table) -> list[str]:
    """CREATE TABLE and CREATE INDEX statements for one table."""
    cols = []
    for c in table.columns:
        decl = f"{_q(c.name)} {_SQLITE_TYPES[c.type]}"
        if c.name in table.primary_key:
            decl += " NOT NULL"
        if c.type == "bool":
            decl += f" CHECK ({_q(c.name)} IN (0, 1))"
        cols.append(decl)
    if table.primary_key:
        cols.append("PRIMARY KEY (" + ", ".join(_q(k) for k in table.primary_key) + ")")
    out = [f"CREATE TABLE {_q(table.name)} (\n  " + ",\n  ".join(cols) + "\n)"]
    for idx in table.indexes:
        out.append(f"CREATE INDEX {_q(table.name + '_' + '_'.join(idx))} ON {_q(table.name)} ("
                   + ", ".join(_q(k) for k in idx) + ")")
    return out


def write_sqlite(tables: Sequence[Table], path: Path) -> None:
    def fill(tmp: Path) -> None:
        tmp.unlink()  # sqlite creates the file itself
        con = sqlite3.connect(tmp)
        try:
            with con:
                for table in tables:
                    for stmt in sqlite_schema(table):
                        con.execute(stmt)
                    types = [c.type for c in table.columns]
                    marks = ", ".join("?" for _ in table.columns)
                    con.executemany(f"INSERT INTO {_q(table.name)} VALUES ({marks})",
                                    ([sqlite_value(v, typ) for v, typ in zip(row, types)] for row in table.rows))
        finally:
            con.close()

    write_atomic(path, fill)


def import_duckdb() -> Any:
    """The duckdb module, or a MinqingError naming the extra that installs it."""
    try:
        import duckdb
    except ImportError:
        raise MinqingError("export.noduckdb") from None
    return duckdb


def write_parquet(table: Table, path: Path) -> None:
    """One Parquet file through duckdb, read from a JSON Lines staging file with declared column types."""
    duckdb = import_duckdb()
    columns = "{" + ", ".join(f"'{c.name}': '{_DUCKDB_TYPES[c.type]}'" for c in table.columns) + "}"
    select = ", ".join(_q(c.name) for c in table.columns)

    def fill(tmp: Path) -> None:
        staging = _temp_path(path.with_name(path.name + ".jsonl"))
        try:
            _write_lines(jsonl_lines(table), staging)
            con = duckdb.connect()
            try:
                con.execute(
                    f"CREATE TABLE t AS SELECT {select} FROM read_json(?, format = 'newline_delimited', "
                    f"columns = {columns})", [str(staging)])
                con.execute(f"COPY t TO '{_sql_string(str(tmp))}' (FORMAT PARQUET)")
            finally:
                con.close()
        finally:
            with contextlib.suppress(OSError):
                staging.unlink()

    write_atomic(path, fill)


def _sql_string(text: str) -> str:
    return text.replace("'", "''")


def export(tables: Sequence[Table], fmt: str, out: Path, force: bool = False) -> list[Path]:
    """Write the tables to out in fmt; the paths written. Existing files are kept unless force.

    All or nothing: every file is written into a hidden staging folder beside `out` first. A new
    `out` is that folder renamed into place (of two exports racing for one new folder, one wins and
    the other fails with a message). Into an existing folder the files are linked in under a lock,
    never over a file (without --force); with --force the whole folder is swapped in one step for a
    copy holding the new tables and hard links to everything else, so a reader (or a kill) sees the
    old tables or the new ones, never a mix.
    """
    import shutil

    from . import fsio

    if fmt not in FORMATS:
        raise MinqingError("err.badformat", value=fmt, choices=", ".join(FORMATS))
    if fmt == "parquet":
        import_duckdb()
    if out.exists() and not out.is_dir():
        raise MinqingError("export.notdir", path=str(out))
    names = file_names(fmt, tables)
    targets = [out / name for name in names]
    if not force:
        existing = [p for p in targets if p.exists() or p.is_symlink()]
        if existing:
            raise MinqingError("export.exists", path=", ".join(str(p) for p in existing))
    parent = out.parent if str(out.parent) else Path(".")
    try:
        parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.", suffix=".export-tmp", dir=parent))
        os.chmod(staging, 0o777 & ~_umask())
    except OSError as exc:
        raise MinqingError("export.mkdir", path=str(out), problem=exc.strerror or str(exc)) from None
    target = out
    try:
        try:
            if fmt == "sqlite":
                target = targets[0]
                write_sqlite(tables, staging / names[0])
            else:
                writer = {"csv": write_csv, "jsonl": write_jsonl, "parquet": write_parquet}[fmt]
                for table, name in zip(tables, names):
                    target = out / name
                    writer(table, staging / name)
            target = out
            _publish(staging, out, names, force)
        except fsio.Busy:
            raise MinqingError("export.busy", path=str(out)) from None
        except OSError as exc:
            raise MinqingError("export.write", path=str(target), problem=exc.strerror or str(exc)) from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return targets


def _publish(staging: Path, out: Path, names: Sequence[str], force: bool) -> None:
    """Move the staged files to `out` all at once (see `export`)."""
    import errno
    import shutil

    from . import fsio

    if not os.path.lexists(out):
        try:
            os.rename(staging, out)
            staging.mkdir()  # for the caller's clean-up
            return
        except OSError as exc:
            if exc.errno not in (errno.EEXIST, errno.ENOTEMPTY):
                raise
            if not force:  # another export made the folder meanwhile
                raise MinqingError("export.race", path=str(out)) from None
    with fsio.Lock(out.parent / f".{out.name}.minqing-lock"):
        if not force:
            linked: list[Path] = []
            try:
                for name in names:
                    os.link(staging / name, out / name)  # fails on an existing name: nothing overwritten
                    linked.append(out / name)
            except FileExistsError as exc:
                for path in linked:
                    path.unlink()
                raise MinqingError("export.exists", path=str(exc.filename2 or exc.filename or out)) from None
            return
        for entry in os.scandir(out):  # keep everything else the folder holds, by hard links
            if entry.name in names:
                continue
            if not entry.is_file(follow_symlinks=False):
                raise MinqingError("export.foreign", path=str(out), name=entry.name)
            try:
                os.link(entry.path, staging / entry.name)
            except OSError:
                shutil.copy2(entry.path, staging / entry.name)
        os.chmod(staging, stat.S_IMODE(os.stat(out).st_mode))
        if not fsio.exchange(staging, out):  # pragma: no cover - systems without renameat2
            old = staging.with_name(staging.name + ".old")
            os.rename(out, old)
            os.rename(staging, out)
            os.rename(old, staging)
