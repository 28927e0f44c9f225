"""The records index: one SQLite file that remembers every record's parse, its file diagnostics
and the facts the reading commands need, so that a second question about a county is a query.

- `files`: one row per record path with the git blob id of its bytes, its stat, its parsed
  `Record.to_state()` and file-check diagnostics, and a few columns of facts (kind, date,
  author, village, household id and head); `refs` lists the households each entry names;
  `checks` holds again, narrow, what `check` reads of each record (its Facts and file diagnostics).
- `kv`: derived values (git history, the ledger, the last check's result) stamped with the
  generation of the records they were computed from.

`sync` brings the rows in line with the files on disk: a row is reused only when the file's
size, mtime, ctime and inode all match and its ctime lies outside the racy window (2 s before
the row was read); otherwise the file is read and hashed, and parsed again only when its blob
id (its content) changed. Copy tools (`cp -p`, `rsync -a`, unzip) keep mtimes but cannot keep
ctime and inode, so a swapped file is always re-read. Symbolic links are re-read every time.

In a git work tree of `GIT_FROM` records or more, the rows are not compared with a walk of every
file: git says which files it sees modified or untracked, and, when its own index changed, which
tracked files' blob ids differ from the rows' (`gitscan`); only those are stat-compared or read.
"""

from __future__ import annotations

import marshal
import os
import sqlite3
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import store
from .store import enabled

if TYPE_CHECKING:
    from ..config import Config
    from ..diagnostics import Diagnostic
    from ..loader import FileStat
    from ..model import Record

GIT_FROM = 20_000  # rows from which asking git what changed beats walking the folders (see gitscan)
RACY_NS = 2_000_000_000  # FAT keeps times to 2 s: a file changed that close to its reading is read again

_OPEN: list["Index"] = []  # closed by forget() at the end of a command


def content_hash(data: bytes) -> str:
    """The git blob id of the bytes (so a work-tree file can be compared with git's index)."""
    import hashlib

    return hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()


def enc(path: str) -> bytes:
    """A path as stored (UTF-8 bytes; a name that is not UTF-8 keeps its bytes)."""
    return path.encode("utf-8", "surrogateescape")


def dec(path: bytes) -> str:
    return path.decode("utf-8", "surrogateescape")


def facts_of(rec: "Record") -> tuple[Any, ...]:
    """(kind, ok, date, author, village, hid, head, items, backfill, refs) of a record, for the files table."""
    front = rec.front
    if front is None:
        return (rec.kind, 0, None, None, None, None, None, 0, 0, ())
    if rec.kind == "household":
        head = rec.get("head")
        return (rec.kind, 1, None, None, front.text("village"), front.text("id") or rec.stem,
                head if isinstance(head, str) else None, 0, 0, ())
    date = rec.date
    author = rec.get("author")
    refs = list(rec.get("households") or [])
    for item in rec.issues():
        refs.extend(item.get("households") or [])
    village = rec.get("village")
    return (rec.kind, 1, date.toordinal() if date else None, author if isinstance(author, str) else None,
            village if isinstance(village, str) else None, None, None,
            1 if (rec.issues() or rec.updates() or front.fields.get("issues") or front.fields.get("updates")) else 0,
            1 if rec.get("backfill") else 0,
            tuple(dict.fromkeys(r for r in refs if isinstance(r, str))))


def row_of(f: "FileStat", checked_ns: int, blob: str, rec: "Record", diags: list["Diagnostic"]) -> tuple[Any, ...]:
    """The files row (and refs) of a parsed file: plain values ready for SQLite."""
    from ..checks.facts import facts_of as check_facts

    facts = facts_of(rec)
    state = marshal.dumps(rec.to_state())
    dstates = marshal.dumps([(d.code, d.path, d.line, d.params, d.key) for d in diags]) if diags else None
    return (enc(f.rel), blob, f.size, f.mtime_ns, f.ctime_ns, f.ino, f.link, checked_ns, *facts[:9], state, dstates,
            marshal.dumps(tuple(check_facts(rec))), facts[9])


class Index:
    """An open index of one records root."""

    def __init__(self, root: Path, con: sqlite3.Connection, digest: str = "") -> None:
        self.root = root
        self.con = con
        self.digest = digest
        self.synced = False

    @classmethod
    def open(cls, root: Path, config: "Config") -> "Index | None":
        for idx in _OPEN:  # one connection per index in a process: writes never wait on ourselves
            if idx.root == root and idx.digest == config.digest:
                return cls(root, idx.con, config.digest)
        con = store.open_db(root, config.digest)
        if con is None:
            return None
        idx = cls(root, con, config.digest)
        _OPEN.append(idx)
        return idx

    @property
    def gen(self) -> int:
        return int(store.get_meta(self.con, "gen", 0))  # type: ignore[arg-type]

    # ---- keeping the rows in line with the files ----

    def sync(self, files: list["FileStat"] | None, config: "Config", progress: bool = False) -> int:
        """Bring the rows in line with the files on disk (`files`, or else as git tells what changed,
        or else a walk); returns the number of records whose content changed."""
        if files is None and self.size() >= GIT_FROM:
            looked = self._git_changes()
            if looked is not None:
                todo, gone, state = looked
                return self._apply(todo, gone, config, progress, state)
        if files is None:
            from ..loader import walk

            files = walk(self.root)
        known = {dec(row[0]): row[1:] for row in self.con.execute(
            "SELECT path, blob, size, mtime_ns, ctime_ns, ino, link, checked_ns FROM files")}
        todo, gone = self._compare(files, known)
        return self._apply(todo, gone, config, progress, None)

    def size(self) -> int:
        """How many record files the index holds (the size of the last walk)."""
        return int(self.con.execute("SELECT count(*) FROM files").fetchone()[0])

    @staticmethod
    def _compare(files: list["FileStat"], known: dict[str, tuple[Any, ...]]) -> tuple[list[tuple["FileStat", str | None]], list[str]]:
        """(files to read with the blob their row holds, rows whose files are gone)."""
        todo: list[tuple["FileStat", str | None]] = []
        seen = set()
        for f in files:
            seen.add(f.rel)
            k = known.get(f.rel)
            if (k is not None and not f.link and not k[5] and f.size >= 0 and k[1] == f.size and k[2] == f.mtime_ns
                    and k[3] == f.ctime_ns and k[4] == f.ino and f.ctime_ns < k[6] - RACY_NS):
                continue
            todo.append((f, k[0] if k is not None else None))
        return todo, [p for p in known if p not in seen]

    def _git_changes(self) -> tuple[list[tuple["FileStat", str | None]], list[str], Any] | None:
        """(files to read, rows gone, state to remember) as git tells what changed; None: walk instead."""
        from . import gitscan

        raw = store.get_meta(self.con, gitscan.META)
        try:
            last = marshal.loads(raw) if isinstance(raw, bytes) else None
        except (EOFError, ValueError, TypeError):
            last = None

        def rows_blob() -> dict[str, str]:
            return {dec(p): b for p, b in self.con.execute("SELECT path, blob FROM files")}

        looked = gitscan.changes(self.root, rows_blob, last)
        if looked is None:
            return None
        stale = set(looked.stale)
        known: dict[str, tuple[Any, ...]] = {}
        for f in looked.stats:
            row = self.con.execute("SELECT blob, size, mtime_ns, ctime_ns, ino, link, checked_ns FROM files "
                                   "WHERE path = ?", (enc(f.rel),)).fetchone()
            if row is not None:
                known[f.rel] = row
        todo, _ = self._compare(looked.stats, known)
        chosen = {f.rel for f, _ in todo}
        todo += [(f, None) for f in looked.stats if f.rel in stale and f.rel not in chosen]
        todo.sort(key=lambda t: t[0].rel)
        return todo, looked.gone, marshal.dumps(looked.state)

    def _apply(self, todo: list[tuple["FileStat", str | None]], gone: list[str], config: "Config",
               progress: bool, state: bytes | None) -> int:
        from ..loader import parse_rows
        from .gitscan import META

        if not todo and not gone:
            if state != store.get_meta(self.con, META):
                self._remember(META, state)
            self.synced = True
            return 0
        changed = len(gone)
        con = self.con
        con.execute("BEGIN IMMEDIATE")
        try:
            for p in gone:
                con.execute("DELETE FROM files WHERE path = ?", (enc(p),))
                con.execute("DELETE FROM checks WHERE path = ?", (enc(p),))
                con.execute("DELETE FROM refs WHERE path = ?", (enc(p),))
            for row in parse_rows(self.root, todo, config, progress):
                if len(row) == 3:  # content unchanged: only the stat and the time of reading
                    rel, f, checked = row
                    con.execute("UPDATE files SET size=?, mtime_ns=?, ctime_ns=?, ino=?, link=?, checked_ns=? WHERE path=?",
                                (f.size, f.mtime_ns, f.ctime_ns, f.ino, f.link, checked, enc(rel)))
                    continue
                changed += 1
                con.execute("INSERT OR REPLACE INTO files VALUES (" + ",".join("?" * 19) + ")", row[:19])
                con.execute("INSERT OR REPLACE INTO checks VALUES (?, ?, ?)", (row[0], row[19], row[18]))
                con.execute("DELETE FROM refs WHERE path = ?", (row[0],))
                if row[20]:
                    con.executemany("INSERT INTO refs VALUES (?, ?)", [(row[0], r) for r in row[20]])
            if changed:
                store.set_meta(con, "gen", self.gen + 1)
            if state is None:
                con.execute("DELETE FROM meta WHERE key = ?", (META,))
            else:
                store.set_meta(con, META, state)
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
        self.synced = True
        return changed

    def _remember(self, name: str, value: bytes | None) -> None:
        """Write one meta value outside a sync (a busy or full database only costs the next run time)."""
        try:
            if value is None:
                self.con.execute("DELETE FROM meta WHERE key = ?", (name,))
            else:
                store.set_meta(self.con, name, value)
        except sqlite3.Error:
            pass

    # ---- reading ----

    def _select(self, columns: str, where: str, params: Iterable[Any], skip: set[str] | frozenset[str]
                ) -> Iterator[tuple[Any, ...]]:
        """(path, *columns) of the rows matching `where` and not in `skip`, in path order."""
        sql = f"SELECT path, {columns} FROM files" + (f" WHERE {where}" if where else "") + " ORDER BY path"
        skip_b = {enc(p) for p in skip}
        return (row for row in self.con.execute(sql, tuple(params)) if row[0] not in skip_b)

    def records(self, where: str = "", params: Iterable[Any] = (), skip: set[str] | frozenset[str] = frozenset()) -> Iterator["Record"]:
        """Records of the rows matching `where`, in path order, built one at a time."""
        from ..model import Record

        for _, state in self._select("state", where, params, skip):
            yield Record.from_state(marshal.loads(state))

    def rows(self, where: str = "", params: Iterable[Any] = (), skip: set[str] | frozenset[str] = frozenset()
             ) -> Iterator[tuple["Record", list["Diagnostic"]]]:
        """(record, file diagnostics) of the rows matching `where`, in path order."""
        from ..diagnostics import Diagnostic
        from ..model import Record

        for _, state, diags in self._select("state, diags", where, params, skip):
            yield Record.from_state(marshal.loads(state)), [Diagnostic(*d) for d in marshal.loads(diags)] if diags else []

    def check_input(self) -> tuple[list[Any], list["Diagnostic"]]:
        """(Facts of every record in path order, every file diagnostic): what `check` reads."""
        from ..checks.facts import Facts
        from ..diagnostics import Diagnostic

        loads, make = marshal.loads, Facts._make
        facts, diags = [], []
        for b, d in self.con.execute("SELECT facts, diags FROM checks ORDER BY path"):
            facts.append(make(loads(b)))
            if d is not None:
                diags.extend(Diagnostic(*x) for x in loads(d))
        return facts, diags

    def paths(self) -> list[str]:
        return [dec(p) for (p,) in self.con.execute("SELECT path FROM files ORDER BY path")]

    _COUNTED = "kind='entry' AND ok AND date IS NOT NULL AND author IS NOT NULL AND author != ''"

    def entry_facts(self, lo: Any = None, hi: Any = None) -> list[tuple[str, Any, str, bool]]:
        """(path, date, author, backfill) of every entry with a date and an author (what quota counts);
        with `lo`/`hi`, only the entries dated within lo..hi (an index on the date answers it)."""
        import datetime as dt

        fromord = dt.date.fromordinal
        sql = f"SELECT path, date, author, backfill FROM files WHERE {self._COUNTED}"
        args: tuple[int, ...] = ()
        if lo is not None and hi is not None:
            sql += " AND date BETWEEN ? AND ?"
            args = (lo.toordinal(), hi.toordinal())
        return [(dec(p), fromord(d), a, bool(b)) for p, d, a, b in self.con.execute(sql + " ORDER BY path", args)]

    def first_entry_date(self) -> Any:
        """The earliest date among the entries quota counts (None when there is none)."""
        import datetime as dt

        (d,) = self.con.execute(f"SELECT MIN(date) FROM files WHERE {self._COUNTED}").fetchone()
        return None if d is None else dt.date.fromordinal(d)

    def household_heads(self, key: str | None = None) -> list[tuple[str, str, str | None]]:
        """(path, id, head) of every household that parsed, in path order; with `key`, only the rows
        of the households whose id is `key` or one of whose files names `key` as the head."""
        if key is None:
            return [(dec(p), h, hd) for p, h, hd in
                    self.con.execute("SELECT path, hid, head FROM files WHERE kind='household' AND ok ORDER BY path")]
        return [(dec(p), h, hd) for p, h, hd in self.con.execute(
            "SELECT path, hid, head FROM files WHERE kind='household' AND ok AND hid IN "
            "(SELECT hid FROM files WHERE kind='household' AND ok AND (hid = ?1 OR head = ?1)) ORDER BY path", (key,))]

    # ---- derived values ----

    def kv_get(self, name: str, stamp: Any) -> Any | None:
        row = self.con.execute("SELECT stamp, value FROM kv WHERE name = ?", (name,)).fetchone()
        if row is None:
            return None
        try:
            if marshal.loads(row[0]) != stamp:
                return None
            return marshal.loads(row[1])
        except (EOFError, ValueError, TypeError):
            return None

    def kv_put(self, name: str, stamp: Any, value: Any) -> None:
        data = (name, marshal.dumps(stamp), marshal.dumps(value))
        for attempt in range(3):
            try:
                self.con.execute("INSERT OR REPLACE INTO kv VALUES (?, ?, ?)", data)
                return
            except sqlite3.OperationalError:  # busy: another minqing writes; try again shortly
                time.sleep(0.2 * (attempt + 1))
            except sqlite3.DatabaseError:  # a full disk costs the next run time, never this one's answer
                return


def for_root(root: Path, config: "Config | None" = None) -> Index | None:
    """The open index of root (None when disabled or unusable)."""
    if not enabled():
        return None
    if config is None:
        from ..config import load_config

        config = load_config(root)
    try:
        return Index.open(root, config)
    except sqlite3.DatabaseError:
        return None


def synced(root: Path, config: "Config", progress: bool = False, files: "list[FileStat] | None" = None) -> Index | None:
    """A fresh look: the index of root brought in line with the files on disk (None when disabled or unusable).

    Without `files`, git says what changed when it can (`gitscan`), else the folders are walked."""
    idx = for_root(root, config)
    if idx is None:
        return None
    try:
        idx.sync(files, config, progress)
    except sqlite3.DatabaseError:
        return None
    return idx


def forget() -> None:
    """Close every open index (tests, and a long-lived process that wants a fresh look)."""
    store.WARNED.clear()
    for idx in _OPEN:
        try:
            idx.con.close()
        except sqlite3.Error:  # pragma: no cover
            pass
    _OPEN.clear()


def now_ns() -> int:
    return time.time_ns()


__all__ = ["Index", "content_hash", "enabled", "for_root", "forget", "synced", "now_ns", "os"]
