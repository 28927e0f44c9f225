"""The reading commands' questions, answered from the index (or, without it, from a fresh parse).

`ledger_for` (issues, household, log), `entries_for` (quota), `household_records` (household) and
`compile_records` (compile) read only the rows they need; records are built one at a time.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, NamedTuple

from .. import ledger
from ..config import Config, load_config
from ..model import Record
from . import dec, synced


def _households(idx: Any, records: list[Record] | None = None, key: str | None = None
                ) -> tuple[dict[str, Any], dict[str, list[str]], dict[str, str]]:
    """(id -> household path, head's name -> ids, id -> head) as `loader.make_context` builds them."""
    households: dict[str, Any] = {}
    head_of: dict[str, str] = {}
    rows = idx.household_heads(key) if idx is not None else [
        (r.path, r.front.text("id") or r.stem, r.get("head") if isinstance(r.get("head"), str) else None)
        for r in records or [] if r.kind == "household" and r.front is not None]
    for path, hid, head in rows:
        if hid not in households:
            households[hid] = path
            head_of[hid] = head or ""
    heads: dict[str, list[str]] = {}
    for hid, head in head_of.items():
        if head:
            heads.setdefault(head, []).append(hid)
    return households, heads, head_of


def household_heads(root: Path, config: Config, idx: Any = None) -> dict[str, str]:
    """Household id -> head's name (from the index's rows, else from a fresh parse)."""
    from ..loader import iter_records

    if idx is not None:
        return _households(idx)[2]
    return _households(None, [r for r in iter_records(root, config, use_cache=False) if r.kind == "household"])[2]


def ledger_stamp(idx: Any, as_of: dt.date) -> tuple[str, int, int]:
    """What the stored ledger is kept under (kv 'ledger'): the records' generation and the date."""
    return ("ledger-v3", idx.gen, as_of.toordinal())


def ledger_for(root: Path, as_of: dt.date, use_cache: bool = True, idx: Any = None, household: str | None = None,
               filters: "ledger.Filters | None" = None, heads: bool = True
               ) -> tuple[Config, list[ledger.Issue], dict[str, str], set[int]]:
    """(config, issues as of the date, household id -> head, years the official calendar lacked).

    With `household`, only the issues that name that household id; with `filters`, only the issues
    that pass them (the ledger is still built over every entry; from the index only the issues
    asked for are made into objects)."""
    from ..loader import iter_records

    config = load_config(root)
    if idx is None:
        idx = synced(root, config) if use_cache else None
    unknown: set[int] = set()
    if idx is None:
        records = list(iter_records(root, config, use_cache=False))
        households, heads, head_of = _households(None, records)
        issues = ledger.build(records, config, as_of, households, heads, unknown)
        return config, _naming(issues, household, filters), head_of, unknown
    stamp = ledger_stamp(idx, as_of)
    saved = idx.kv_get("ledger", stamp)
    if saved is not None:
        state = _stored_ledger(idx, household, filters)
        head_of = _households(idx)[2] if heads else {}  # a caller needing no head's name reads no household row
        return config, ledger.from_state(state), head_of, set(saved)
    households, names, head_of = _households(idx)
    records = idx.records("kind='entry' AND ok AND items AND date <= ?", (as_of.toordinal(),))
    issues = ledger.build(records, config, as_of, households, names, unknown)
    _store_ledger(idx, stamp, issues, unknown)
    return config, _naming(issues, household, filters), head_of, unknown


def _stored_ledger(idx: Any, household: str | None, filters: "ledger.Filters | None") -> list[tuple[Any, ...]]:
    """The stored issues' states, in ledger order: only a household's, and only those passing `filters`."""
    import marshal

    where, args = _ledger_where(filters) if filters is not None else ("1", [])
    if household is not None:
        where += " AND n IN (SELECT n FROM ledger_households WHERE hid = ?)"
        args = [*args, household]
    loads = marshal.loads
    return [loads(b) for (b,) in idx.con.execute(f"SELECT state FROM ledger WHERE {where} ORDER BY n", args)]


def ledger_json(idx: Any, as_of: dt.date, filters: "ledger.Filters") -> tuple[list[tuple[str, bytes]], set[int]] | None:
    """((id, its JSON text: `report.issue_fragment` of `Issue.to_json()` with order null) of each
    issue passing `filters`, in ledger order; years the calendar lacked), read from the stored
    ledger's rows without making an Issue; None when the ledger as of the date is not stored
    (`ledger_for` builds and stores it)."""
    saved = idx.kv_get("ledger", ledger_stamp(idx, as_of))
    if saved is None:
        return None
    where, args = _ledger_where(filters)
    return idx.con.execute(f"SELECT id, json FROM ledger WHERE {where} ORDER BY n", args).fetchall(), set(saved)


def _ledger_where(f: "ledger.Filters") -> tuple[str, list[Any]]:
    """`ledger.passes` as an SQL condition over the stored ledger's columns."""
    from .. import vocab

    parts: list[str] = []
    args: list[Any] = []
    if f.statuses:
        parts.append(f"status IN ({','.join('?' * len(f.statuses))})")
        args += sorted(f.statuses)
    elif not f.include_closed:
        parts.append(f"status IN ({','.join('?' * len(vocab.OPEN_STATUSES))})")
        args += sorted(vocab.OPEN_STATUSES)
    if f.overdue:
        parts.append("overdue")
    for column, value in (("author", f.author), ("village", f.village), ("category", f.category), ("owner", f.owner)):
        if value:
            parts.append(f"{column} = ?")
            args.append(value)
    if f.household:
        parts.append("n IN (SELECT n FROM ledger_households WHERE hid = ?)")
        args.append(f.household)
    return " AND ".join(parts) or "1", args


def ledger_by_id(idx: Any, ids: "Iterable[str]") -> list[ledger.Issue]:
    """The stored ledger's issues with these ids, in ledger order (what a review's order names)."""
    import marshal

    wanted = sorted(set(ids))
    if not wanted:
        return []
    rows = idx.con.execute(f"SELECT state FROM ledger WHERE id IN ({','.join('?' * len(wanted))}) ORDER BY n", wanted)
    return ledger.from_state([marshal.loads(b) for (b,) in rows])


def _store_ledger(idx: Any, stamp: tuple[Any, ...], issues: list[ledger.Issue], unknown: set[int]) -> None:
    """Keep the ledger one issue per row, so that the next question reads only the issues it shows."""
    import marshal
    import sqlite3

    from .. import vocab
    from ..report import issue_fragment

    con = idx.con
    try:
        con.execute("BEGIN IMMEDIATE")
    except sqlite3.Error:  # busy: another minqing writes; the next run builds it again
        return
    try:
        con.execute("DELETE FROM ledger")
        con.execute("DELETE FROM ledger_households")
        states = ledger.to_state(issues)
        con.executemany("INSERT INTO ledger VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        ((n, int(s[11] in vocab.OPEN_STATUSES), marshal.dumps(s), i.id, i.status, int(i.overdue),
                          i.author, i.village, i.category, i.owner, issue_fragment(i.to_json()))
                         for n, (s, i) in enumerate(zip(states, issues))))
        con.executemany("INSERT INTO ledger_households VALUES (?, ?)",
                        ((hid, n) for n, s in enumerate(states) for hid in dict.fromkeys(s[3])))
        con.execute("INSERT OR REPLACE INTO kv VALUES (?, ?, ?)",
                    ("ledger", marshal.dumps(stamp), marshal.dumps(sorted(unknown))))
        con.execute("COMMIT")
    except sqlite3.Error:  # a full disk costs the next run time, never this one's answer
        try:
            con.execute("ROLLBACK")
        except sqlite3.Error:
            pass


def _naming(issues: list[ledger.Issue], household: str | None, filters: "ledger.Filters | None" = None
            ) -> list[ledger.Issue]:
    return [i for i in issues if (household is None or household in i.households)
            and (filters is None or ledger.passes(i, filters))]


def entries_for(root: Path, use_cache: bool = True, span: "Callable[[dt.date | None], tuple[dt.date, dt.date]] | None" = None,
                idx: Any = None) -> tuple[Config, list[tuple[str, dt.date, str, bool]], tuple[dt.date, dt.date] | None]:
    """(config, (path, date, author, backfill) of the entries, the period).

    With `span` (the first entry's date -> the period start..end), only the entries quota can count
    in that period are read (`quota.window`): a quarter of a county reads a quarter's rows."""
    from ..loader import iter_records
    from ..quota import entry_facts, in_window, window

    config = load_config(root)
    if idx is None:
        idx = synced(root, config) if use_cache else None
    if idx is None:
        facts = entry_facts(iter_records(root, config, use_cache=False))
        if span is None:
            return config, facts, None
        period = span(min((f[1] for f in facts), default=None))
        return config, in_window(facts, *period), period
    if span is None:
        return config, idx.entry_facts(), None
    period = span(idx.first_entry_date())
    return config, idx.entry_facts(*window(*period)), period


def household_records(root: Path, key: str, use_cache: bool = True, idx: Any = None
                      ) -> tuple[Config, Record, str, list[Record]]:
    """(config, the household's record with its body, its id, the dated entries that name it).

    Reads the household rows and the entries whose references name the id or the head's name.
    """
    from ..archive import find_household, find_household_or_none, mentions
    from ..loader import build_record, iter_records, read_bytes

    config = load_config(root)
    if idx is None:
        idx = synced(root, config) if use_cache else None
    if idx is None:
        records = list(iter_records(root, config, use_cache=False))
        households, _, head_of = _households(None, records)
    else:
        records = None
        households, _, head_of = _households(idx, key=key)  # only the households the key can name
        if find_household_or_none(head_of, key) is None:  # unknown: the message lists every household
            households, _, head_of = _households(idx)
    hid = find_household(head_of, key)
    path = households[hid]
    rec = build_record(path, *read_bytes(root, path, str(root / path)), keep_body=True)
    head = rec.get("head")
    if idx is not None:
        names = [hid] + ([head] if isinstance(head, str) and head else [])
        marks = ",".join("?" * len(names))
        # `+kind`, `+date`: found through the refs (a few rows), not by scanning every dated entry
        candidates = idx.records(f"+kind='entry' AND ok AND +date IS NOT NULL AND path IN "
                                 f"(SELECT path FROM refs WHERE ref IN ({marks}))", names)
    else:
        candidates = (r for r in records or [] if r.kind == "entry" and r.front is not None)
    entries = [e for e in candidates if e.date and mentions(e, hid, head)]
    return config, rec, hid, entries


def records_at(root: Path, paths: list[str], use_cache: bool = True) -> dict[str, Record]:
    """path -> Record of the given paths only (from the index's rows, else parsed from the files)."""
    from ..loader import build_record, read_bytes
    from . import enc

    config = load_config(root)
    idx = synced(root, config) if use_cache else None
    wanted = sorted(set(paths))
    if idx is not None:
        marks = ",".join("?" * len(wanted))
        return {r.path: r for r in idx.records(f"path IN ({marks})", [enc(p) for p in wanted])} if wanted else {}
    out = {}
    for p in wanted:
        data, problem = read_bytes(root, p, str(root / p), config.max_record_bytes)
        out[p] = build_record(p, data, problem)
    return out


def body_of(data: bytes | None, body_line: int) -> str:
    """The body of a record's bytes, starting at `body_line` (as `frontmatter.parse` splits it)."""
    from ..frontmatter import decode

    if data is None:
        return ""
    text, _ = decode(data)
    if text is None:
        return ""
    pos = 0
    for _ in range(body_line - 1):
        nl = text.find("\n", pos)
        if nl < 0:
            return ""
        pos = nl + 1
    return text[pos:]


class CompileInput(NamedTuple):
    """What a volume reads from the index (see `compile_records`)."""

    records: list[Record]
    issues: list[ledger.Issue] | None  # the ledger as of the as-of date (None: build it from `records`)
    unknown: set[int]  # years the official calendar lacked while the ledger was built
    unloaded: list[str]  # further entries (dated up to as-of, before the window, raising or updating
    # issues) whose records are not read: their paths name them to review items and redaction


def compile_records(root: Path, config: Config, first: dt.date, start: dt.date, end: dt.date, as_of: dt.date,
                    progress: bool = False, ledger_rows: bool = False) -> CompileInput | None:
    """What a volume reads, from the index: every household and review (parsed or not: redaction reads
    broken ones), the dated entries in first..as_of, and the ledger as of `as_of` (stored once
    computed, as `ledger_for` stores it). Bodies are read again for the period's entries and the
    reviews only. The entries before `first` that raise or update issues count only through the
    ledger: their records are read only with `ledger_rows` (redaction reads the names in them),
    otherwise their paths are listed. None when the index is not usable."""
    import dataclasses

    from ..loader import read_bytes
    from ..progress import bar

    idx = synced(root, config, progress)
    if idx is None:
        return None
    lo, hi, top, asof = first.toordinal(), start.toordinal(), end.toordinal(), as_of.toordinal()
    _, issues, _, unknown = ledger_for(root, as_of, idx=idx)
    out: list[Record] = []
    unloaded: list[str] = []
    if not ledger_rows:
        unloaded = [dec(p) for (p,) in idx.con.execute(
            "SELECT path FROM files WHERE kind='entry' AND ok AND date < ? AND items ORDER BY path", (min(lo, asof + 1),))]
        wanted = "kind != 'entry' OR (kind='entry' AND ok AND date <= ? AND date >= ?)"
    else:
        wanted = "kind != 'entry' OR (kind='entry' AND ok AND date <= ? AND (date >= ? OR items))"
    period = idx.con.execute("SELECT count(*) FROM files WHERE kind='entry' AND ok AND date BETWEEN ? AND ?",
                             (hi, min(top, asof))).fetchone()[0]
    with bar(period, "compile", enabled=progress and period >= 500) as advance:
        for rec in idx.records(wanted, (asof, lo)):
            d = rec.date
            if rec.kind == "review" or (rec.kind == "entry" and d is not None and start <= d <= end and d <= as_of):
                data, _ = read_bytes(root, rec.path, str(root / rec.path), config.max_record_bytes)
                rec = dataclasses.replace(rec, body=body_of(data, rec.body_line))
                advance(int(rec.kind == "entry"))
            out.append(rec)
    return CompileInput(out, issues, unknown, unloaded)


def issue_stream(root: Path, as_of: dt.date, idx: Any) -> tuple[set[int], Any]:
    """(years the official calendar lacked, a function giving the ledger's issues as of `as_of` one at a
    time): the issues `ledger_for` gives, in the same order, read from the stored ledger row by row, so
    that the whole ledger is never held. The ledger is built and stored first when it is not stored for
    that date; when it cannot be stored (another minqing writes, a full disk) the built issues are kept.
    Each reading checks, in the same SQLite snapshot, that the stored ledger is still this one (another
    minqing may have stored another date's meanwhile), and otherwise builds it again."""
    import marshal

    stamp = ledger_stamp(idx, as_of)
    saved = idx.kv_get("ledger", stamp)
    if saved is None:
        _, issues, _, unknown = ledger_for(root, as_of, idx=idx)
        saved = idx.kv_get("ledger", stamp)
        if saved is None:
            return unknown, lambda: iter(issues)
        del issues

    def issues() -> Any:
        rows = idx.con.execute("SELECT (SELECT stamp FROM kv WHERE name = 'ledger'), state FROM ledger ORDER BY n")
        first = next(rows, None)
        current = first[0] if first is not None else idx.con.execute(
            "SELECT stamp FROM kv WHERE name = 'ledger'").fetchone()
        if first is None and current is not None:
            current = current[0]
        if current is None or marshal.loads(current) != stamp:  # replaced meanwhile: build it again
            rows.close()
            yield from ledger_for(root, as_of, idx=idx)[1]
            return
        loads, make = marshal.loads, ledger.from_state
        if first is not None:
            yield from make([loads(first[1])])
        for _, state in rows:
            yield from make([loads(state)])

    return set(saved), issues


def compile_names(root: Path, config: Config, first: dt.date, as_of: dt.date, progress: bool = False) -> list[str] | None:
    """`volume.private_names` of what a redacted volume reads (`compile_records` with `ledger_rows`): every
    household, and the entries dated up to `as_of` from `first` on or raising or updating issues, each
    record read from the index once and let go. None when the index is not usable."""
    from ..volume import private_names_in

    idx = synced(root, config, progress)
    if idx is None:
        return None
    lo, asof = first.toordinal(), as_of.toordinal()
    return private_names_in(root, config, idx.records("kind = 'household'"), idx.records(
        "kind='entry' AND ok AND date <= ? AND (date >= ? OR items)", (asof, lo)))


class Fragments:
    """Pieces of rendered HTML kept in the index, each under a digest of everything it prints (the
    volume's entries: `volume.EntryPrinter`), so that a volume compiled again reuses the entries
    that did not change. The table is made when first needed; the least recently used pieces go
    beyond `LIMIT`. A busy or full database costs the next compile time, never this one's output."""

    LIMIT = 200_000  # about two years of a county's entries, in one language and form
    FLUSH_CHARS = 4 << 20

    def __init__(self, idx: Any) -> None:
        import sqlite3

        self.con: Any = idx.con
        self.new: list[tuple[bytes, str]] = []
        self.used: list[bytes] = []
        self.held = 0
        self.hits = self.misses = 0
        self.fetched: dict[bytes, str] = {}
        self.absent: set[bytes] = set()  # asked for in a batch and not there: no query of its own
        try:
            self.con.execute("CREATE TABLE IF NOT EXISTS fragments "
                             "(key BLOB PRIMARY KEY, html TEXT NOT NULL, used INTEGER NOT NULL)")
        except sqlite3.Error:
            self.con = None

    def prefetch(self, keys: list[bytes]) -> None:
        """Read the pieces of these keys at once (a few queries instead of one per piece)."""
        import sqlite3

        if self.con is None:
            return
        try:
            for n in range(0, len(keys), 500):
                part = keys[n:n + 500]
                found = dict(self.con.execute(
                    f"SELECT key, html FROM fragments WHERE key IN ({','.join('?' * len(part))})", part))
                self.fetched.update(found)
                self.absent.update(k for k in part if k not in found)
        except sqlite3.Error:
            pass

    def get(self, key: bytes) -> str | None:
        import sqlite3

        if self.con is None:
            return None
        found = self.fetched.pop(key, None)
        if found is None and key in self.absent:  # a first compile: the batch said it is not kept
            self.misses += 1
            return None
        if found is None:
            try:
                row = self.con.execute("SELECT html FROM fragments WHERE key = ?", (key,)).fetchone()
            except sqlite3.Error:
                row = None
            if row is None:
                self.misses += 1
                return None
            found = row[0]
        self.hits += 1
        self.used.append(key)
        return found

    def put(self, key: bytes, html: str) -> None:
        if self.con is None:
            return
        self.new.append((key, html))
        self.held += len(html)
        if self.held >= self.FLUSH_CHARS:
            self.flush()

    def flush(self) -> None:
        import sqlite3
        import time

        new, used, self.new, self.used, self.held = self.new, self.used, [], [], 0
        if self.con is None or not (new or used):
            return
        now = int(time.time())
        try:
            self.con.execute("BEGIN IMMEDIATE")
        except sqlite3.Error:
            return
        try:
            self.con.executemany("INSERT OR REPLACE INTO fragments VALUES (?, ?, ?)", ((k, h, now) for k, h in new))
            self.con.executemany("UPDATE fragments SET used = ? WHERE key = ?", ((now, k) for k in used))
            self.con.execute("COMMIT")
        except sqlite3.Error:
            try:
                self.con.execute("ROLLBACK")
            except sqlite3.Error:
                pass

    def close(self) -> None:
        """Write what is pending and keep the table within `LIMIT` pieces."""
        import sqlite3

        self.flush()
        if self.con is None:
            return
        try:
            extra = self.con.execute("SELECT count(*) FROM fragments").fetchone()[0] - self.LIMIT
            if extra > 0:
                self.con.execute("DELETE FROM fragments WHERE rowid IN "
                                 "(SELECT rowid FROM fragments ORDER BY used LIMIT ?)", (extra,))
        except sqlite3.Error:
            pass
