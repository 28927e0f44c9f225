"""Repository checks kept in the index: after an edit only the checks whose inputs changed re-run.

A repository check's answer for one record depends on that record's Facts and on a few keyed
facts of other records. The index keeps, per record, the keys it contributes (`rkeys`) and, per
check and record, the diagnostics the last run found (`rdiags`); the sync lists every record whose
content changed since (`rdirty`). `check` then re-runs each check only for the records whose
inputs changed, and keeps the stored diagnostics of all others:

| check                         | re-run for a changed record, and for ...                          |
|-------------------------------|-------------------------------------------------------------------|
| MQ105, MQ301–MQ303            | nothing else (today, the config and git's state stamp the store)  |
| MQ109, MQ119                  | entries naming a household id or head it had or has               |
| MQ126, MQ127                  | entries naming an attachment whose size or time changed           |
| MQ113, MQ115                  | updates of an issue id it raised (before or now)                  |
| MQ114                         | the other records raising an id it raised                         |
| MQ101                         | updates of an id it raised or updated                             |
| MQ120, MQ125, MQ123           | reviews naming it (by path or stem), or an issue id it raised     |
| MQ118                         | entries sharing one of its 8 indexed sketch hashes, among the     |
|                               | first 65 + k of that hash (later ones never pool that hash)       |

"Did you mean" suggestions read every name (and stop after 200 per check): they are worked out
again over the stored diagnostics of a check whenever that check re-ran. Whenever the config,
today's date or git's state (HEAD, git's index) differ from the stored run's, or many records
changed, every check runs over every record, as without the index.
"""

from __future__ import annotations

import datetime as dt
import marshal
import sqlite3
from collections import Counter
from collections.abc import Iterable
from typing import Any, NamedTuple

from ..loader import display_path
from . import dec, enc, store

# kinds of keys in `rkeys`
HH, REF, RAISE, UPD, ATT, SK, GRADE, ORDER = range(1, 9)
FULL_FROM = 2000  # changed records from which every check runs over everything
STATE = "rstate"  # meta: the stamp (config, today, git state) the stored diagnostics were made under
KEYED = "rkeys"  # meta: `rkeys` holds the keys of every record but those listed in `rdirty`
BOILERPLATE = 64  # as checks.form.near_copy: a hash earlier in more bodies than this is not evidence
FILE = -1  # `rdiags.chk` of the file checks' diagnostics
LAST: dict[str, Any] = {}  # how the last check in this process ran: {"mode": "full"|"incremental", "rechecked": {check: paths}}


class Light(NamedTuple):
    """What the review checks read of an entry they name (instead of its whole Facts)."""

    path: str
    kind: str
    date: int | None


def _key(value: Any) -> Any:
    """A key as stored: text, or its bytes when it holds a name that is not UTF-8 (a file stem in a
    default issue id, an attachment's path)."""
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return enc(value)
    return value


def _unkey(value: Any) -> Any:
    return dec(value) if isinstance(value, bytes) else value


def _norm(value: str) -> str:
    """A review item's entry as `checks.supervision.find_entry` looks it up."""
    v = value.strip().replace("\\", "/")
    while v.startswith("./"):
        v = v[2:]
    return v


def entry_keys(path: str) -> set[str]:
    """The keys an entry is found by (its path, without `.md`, its file stem)."""
    from ..model import stem_of

    return {path, path[:-3] if path.endswith(".md") else path, stem_of(path)}


def keys_of(f: Any, root: str) -> list[tuple[int, Any, float | None]]:
    """(kind, key, order) of every key one record's Facts contributes."""
    from ..checks.attachments import resolve
    from ..checks.base import fact_order
    from ..checks.form import _FIRST
    from ..checks.facts import unpack

    out: list[tuple[int, Any, float | None]] = []
    if f.kind == "household":
        if f.ok:
            out.append((HH, f.hid, None))
            if f.head:
                out.append((HH, f.head, None))
        return out
    order = fact_order(f)[0]
    for issue_id, _ in f.issues:
        out.append((RAISE, issue_id, order))
    for ref, _ in f.updates:
        if ref:
            out.append((UPD, ref, None))
    if f.kind == "entry":
        for ref, _ in f.refs:
            if isinstance(ref, str):
                out.append((REF, ref, None))
        for written, _ in f.attachments:
            rel, _why = resolve(root, f.path, written)
            if rel is not None:
                out.append((ATT, rel, None))
        sig = f.signature
        if sig:
            for h in (_FIRST.unpack_from(sig) if len(sig) >= _FIRST.size else unpack(sig)):
                out.append((SK, h, order))
    elif f.kind == "review" and f.ok:
        for value, _ in f.grades:
            out.append((GRADE, _norm(value), None))
        for ref, *_ in f.orders:
            out.append((ORDER, ref, None))
    return list(dict.fromkeys(out))


def stamp_of(config: Any, today: dt.date, git: Any) -> Any:
    return (config.digest, today.toordinal(), git)


def _chunks(items: list[Any], n: int = 500) -> Iterable[list[Any]]:
    for i in range(0, len(items), n):
        yield items[i:i + n]


class Store:
    """The stored keys and diagnostics of one index."""

    def __init__(self, idx: Any) -> None:
        self.idx = idx
        self.con: sqlite3.Connection = idx.con
        self.root = str(idx.root)
        self._facts: dict[str, Any] = {}
        self._postings: dict[int, list[tuple[float, str, str]]] = {}
        self.rel: dict[str, str] = {}  # a loaded Facts' path (as shown) -> its stored path

    # ---- reading ----

    def dirty(self) -> list[str]:
        return [dec(p) for (p,) in self.con.execute("SELECT path FROM rdirty")]

    def keyed(self) -> bool:
        return store.get_meta(self.con, KEYED) is not None

    def facts(self, paths: Iterable[str]) -> dict[str, Any]:
        """path -> Facts of those paths that are records now (one object per path for the whole run)."""
        from ..checks.facts import Facts

        want = [p for p in paths if p not in self._facts]
        for part in _chunks(want):
            q = ",".join("?" * len(part))
            for p, b in self.con.execute(f"SELECT path, facts FROM checks WHERE path IN ({q})", [enc(x) for x in part]):
                f = Facts._make(marshal.loads(b))
                self._facts[dec(p)] = f
                self.rel[f.path] = dec(p)
        return {p: self._facts[p] for p in paths if p in self._facts}

    def paths_of(self, kind: int, keys: Iterable[Any]) -> set[str]:
        out: set[str] = set()
        for part in _chunks(list(keys)):
            q = ",".join("?" * len(part))
            out.update(dec(p) for (p,) in self.con.execute(
                f"SELECT path FROM rkeys WHERE kind = ? AND key IN ({q})", [kind, *map(_key, part)]))
        return out

    def keys_at(self, kind: int, paths: Iterable[str]) -> set[Any]:
        """The keys of this kind the records at these paths give now."""
        out: set[Any] = set()
        for part in _chunks(list(paths)):
            q = ",".join("?" * len(part))
            out.update(_unkey(k) for (k,) in self.con.execute(
                f"SELECT key FROM rkeys WHERE kind = ? AND path IN ({q})", [kind, *(enc(p) for p in part)]))
        return out

    def old_keys(self, paths: list[str]) -> list[tuple[str, int, Any, float | None]]:
        out = []
        for part in _chunks(paths):
            q = ",".join("?" * len(part))
            out += [(dec(p), k, _unkey(key), o) for p, k, key, o in self.con.execute(
                f"SELECT path, kind, key, ord FROM rkeys WHERE path IN ({q})", [enc(x) for x in part])]
        return out

    def first_postings(self, h: int, n: int, after: tuple[float, str]) -> set[str]:
        """Of the first `n` entries (by date, path) whose indexed hashes hold h, and all tied with
        the n-th, those after `after` (date, path)."""
        rows = self.con.execute("SELECT path, ord FROM rkeys WHERE kind = ? AND key = ? ORDER BY ord LIMIT ?",
                                (SK, h, n)).fetchall()
        found = [(o, dec(p)) for p, o in rows]
        if len(rows) == n:
            found += [(o, dec(p)) for p, o in self.con.execute(
                "SELECT path, ord FROM rkeys WHERE kind = ? AND key = ? AND ord = ?", (SK, h, rows[-1][1]))]
        return {p for o, p in found if o >= after[0]}  # ties by date all in: more than needed is safe

    def postings(self, hashes: Iterable[int]) -> None:
        """Read, for each hash, the entries holding it among their indexed hashes as far as a body
        may still pool them: those with a date no later than the (BOILERPLATE + 1)-th's, in (date,
        path) order (an entry not among them has more than BOILERPLATE before it)."""
        sql = ("SELECT path, ord FROM rkeys WHERE kind = ?1 AND key = ?2 AND ord <= coalesce("
               "(SELECT ord FROM rkeys WHERE kind = ?1 AND key = ?2 ORDER BY ord LIMIT 1 OFFSET ?3), 1e308)")
        for h in set(hashes):
            if h not in self._postings:
                self._postings[h] = sorted((o, display_path(dec(p)), dec(p))
                                           for p, o in self.con.execute(sql, (SK, h, BOILERPLATE)))

    def earlier(self, h: int, order: float, path: str) -> list[str] | None:
        """The entries before (order, path) whose indexed hashes hold h, in (date, path) order; None
        when there are more than BOILERPLATE of them (then the entry itself is not among those read:
        more than BOILERPLATE entries have a smaller date)."""
        self.postings((h,))
        rows = self._postings[h]
        mine = (order, path)  # ordered by the path as shown, as checks.base.fact_order does
        before = [p for o, shown, p in rows if (o, shown) < mine]
        if len(before) > BOILERPLATE or not any((o, shown) == mine for o, shown, _ in rows):
            return None
        return before

    def diagnostics(self) -> list[Any]:
        """Every stored diagnostic, file checks first, then each check in registry order, sorted."""
        from ..diagnostics import Diagnostic

        out = []
        for (d,) in self.con.execute("SELECT d FROM rdiags ORDER BY chk, path"):
            out.extend(Diagnostic(*x) for x in marshal.loads(d))
        out.sort(key=Diagnostic.sort_key)
        return out

    def stored(self, chk: int) -> list[tuple[str, list[tuple[Any, ...]]]]:
        return [(dec(p), marshal.loads(d)) for p, d in
                self.con.execute("SELECT path, d FROM rdiags WHERE chk = ? ORDER BY path", (chk,))]


def _suggesting(code: str, d: tuple[Any, ...]) -> bool:
    """Whether the check asked its Suggester for this diagnostic (in the order it emits them)."""
    return d[0] == code and "suggestion" in d[3] and (d[4] == "" or d[4] is None)


def _universe(st: Store, code: str) -> list[str]:
    """Every name a check's suggestions are chosen from."""
    con = st.con
    if code == "MQ109":
        homes: dict[str, str | None] = {}
        for _path, hid, head in st.idx.household_heads():
            homes.setdefault(hid, head)
        return [*homes, *(h for h in homes.values() if isinstance(h, str) and h)]
    if code in ("MQ113", "MQ123"):
        return [_unkey(k) for (k,) in con.execute("SELECT DISTINCT key FROM rkeys WHERE kind = ?", (RAISE,))]
    return [dec(p) for (p,) in con.execute("SELECT path FROM files WHERE kind='entry' ORDER BY path")]


def resuggest(st: Store, chk: int, code: str, rows: dict[str, list[tuple[Any, ...]]]) -> None:
    """The suggestions of one check's diagnostics as a full run gives them: the first 200 it asks
    for, over every name, none after (the Suggester's budget)."""
    from .. import vocab

    every = sorted(rows.items(), key=lambda kv: enc(kv[0]))
    if not any(_suggesting(code, d) for _, ds in every for d in ds):
        return
    suggest = vocab.Suggester(_universe(st, code))
    for path, ds in every:
        new = []
        for d in ds:
            if _suggesting(code, d):
                d = (d[0], d[1], d[2], {**d[3], "suggestion": suggest(d[3].get("value", ""))}, d[4])
            new.append(d)
        rows[path] = new


SUGGESTS = {"unknown_household": "MQ109", "unknown_issue": "MQ113", "unknown_entry": "MQ120", "bad_order": "MQ123"}


def _indexed(sig: bytes) -> tuple[int, ...]:
    from ..checks.facts import unpack
    from ..checks.form import _FIRST

    return _FIRST.unpack_from(sig) if len(sig) >= _FIRST.size else unpack(sig)


def near_copies(st: Store, entries: list[Any]) -> list[Any]:
    """MQ118 for these entries, over the stored sketch hashes of every entry (as checks.form.near_copy)."""
    from ..checks.base import diag, fact_order
    from ..checks.facts import unpack
    from ..checks.form import MIN_SHARED, NEAR, closest

    out = []
    entries = [rec for rec in entries if rec.kind == "entry" and rec.signature]
    st.postings(h for rec in entries for h in _indexed(rec.signature))
    for rec in entries:
        sig = rec.signature
        order = fact_order(rec)[0]
        pool: list[str] = []
        for h in _indexed(sig):
            before = st.earlier(h, order, rec.path)
            if before:
                pool += before
        need = min(MIN_SHARED, len(sig) // 4)
        if len(pool) < need:
            continue
        candidates = [p for p, n in Counter(pool).items() if n >= need]
        if not candidates:
            continue
        others = st.facts(candidates)
        best, best_sim = closest(unpack(sig), candidates, lambda p: unpack(others[p].signature))
        if best is not None and best_sim >= NEAR:
            out.append(diag(rec, "MQ118", rec.body_line, other=others[best].path, percent=round(best_sim * 100)))
    return out


def _plain(d: Any) -> tuple[Any, ...]:
    return (d.code, d.path, d.line, d.params, d.key)


def _group(diags: Iterable[Any], rel: dict[str, str]) -> dict[str, list[tuple[Any, ...]]]:
    """Diagnostics by the stored path of their record (`rel`: shown path -> stored, where they differ)."""
    out: dict[str, list[tuple[Any, ...]]] = {}
    for d in diags:
        out.setdefault(rel.get(d.path, d.path), []).append(_plain(d))
    return out


def full(idx: Any, config: Any, today: dt.date, stamp: Any, history: Any, head_changes: frozenset[str],
         index_blobs: dict[str, str] | None) -> list[Any]:
    """Every check over every record (as without the index); the answer is stored per check and
    record."""
    from ..checks import REPO_CHECKS, Context
    from ..checks.facts import Facts, households_of
    from ..diagnostics import Diagnostic
    from ..loader import paused_gc

    st = Store(idx)
    gen = idx.gen
    LAST.clear()
    LAST.update(mode="full", rechecked={})
    with paused_gc():
        loads, make = marshal.loads, Facts._make
        facts, files, rel = [], {}, {}
        for p, b, d in idx.con.execute("SELECT path, facts, diags FROM checks ORDER BY path"):
            f = make(loads(b))
            facts.append(f)
            if f.path != (stored := dec(p)):
                rel[f.path] = stored
            if d is not None:
                files[stored] = loads(d)
        facts = tuple(facts)
        homes, heads = households_of(facts)
        ctx = Context(config, today, history=history, head_changes=head_changes, index_blobs=index_blobs or {},
                      facts=facts, homes=homes, heads=heads)
        per_check = [_group(check(ctx), rel) for check in REPO_CHECKS]
        diagnostics = [Diagnostic(*x) for ds in files.values() for x in ds]
        for rows in per_check:
            diagnostics.extend(Diagnostic(*x) for ds in rows.values() for x in ds)
        diagnostics.sort(key=Diagnostic.sort_key)
        keys = None
        dirty = st.dirty() if st.keyed() else None
        if dirty is None or len(dirty) >= FULL_FROM:
            keys = [(k, _key(key), o, enc(rel.get(f.path, f.path))) for f in facts for k, key, o in keys_of(f, st.root)]
            dirty = None
        else:
            now = {rel.get(f.path, f.path): f for f in facts}
            keys = [(k, _key(key), o, enc(p)) for p in dirty if p in now for k, key, o in keys_of(now[p], st.root)]
    try:
        con = idx.con
        con.execute("BEGIN IMMEDIATE")
        try:
            if idx.gen != gen:  # another command synced meanwhile: store nothing, it is not this answer's
                con.execute("ROLLBACK")
                return diagnostics
            if dirty is None:
                con.execute("DELETE FROM rkeys")
                con.execute("DELETE FROM rdirty")
            else:
                _drop(con, "rkeys", dirty)
                _drop(con, "rdirty", dirty)
            con.executemany("INSERT INTO rkeys (kind, key, ord, path) VALUES (?, ?, ?, ?)", keys)
            con.execute("DELETE FROM rdiags")
            rows = [(FILE, enc(p), marshal.dumps(ds)) for p, ds in files.items()]
            rows += [(n, enc(p), marshal.dumps(ds)) for n, per in enumerate(per_check) for p, ds in per.items()]
            con.executemany("INSERT INTO rdiags VALUES (?, ?, ?)", rows)
            store.set_meta(con, KEYED, 1)
            store.set_meta(con, STATE, marshal.dumps(stamp))
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
    except sqlite3.Error:  # busy or full: this answer stands, the next run starts over
        _forget(idx)
    return diagnostics


def attached(idx: Any) -> list[str]:
    """Every attachment (repository-relative) an entry names, as the stored keys say."""
    return [_unkey(k) for (k,) in idx.con.execute("SELECT DISTINCT key FROM rkeys WHERE kind = ? ORDER BY key", (ATT,))]


def _drop(con: sqlite3.Connection, table: str, paths: list[str]) -> None:
    for part in _chunks(paths):
        con.execute(f"DELETE FROM {table} WHERE path IN ({','.join('?' * len(part))})", [enc(p) for p in part])


def _forget(idx: Any) -> None:
    try:
        idx.con.execute("DELETE FROM meta WHERE key = ?", (STATE,))
    except sqlite3.Error:
        pass


def stamped(idx: Any, stamp: Any) -> bool:
    """Whether the stored diagnostics were made under this stamp, with every record's keys stored."""
    raw = store.get_meta(idx.con, STATE)
    try:
        return isinstance(raw, bytes) and marshal.loads(raw) == stamp and Store(idx).keyed()
    except (EOFError, ValueError, TypeError):
        return False


def incremental(idx: Any, config: Any, today: dt.date, stamp: Any, changed_attachments: set[str],
                git: Any) -> list[Any] | None:
    """Re-run each repository check for the records whose inputs changed and keep the others' stored
    diagnostics; every diagnostic, or None when a full run is needed (another stamp, many changes,
    the index busy). `git` is a function of the changed records' paths giving (history summaries,
    head changes, index blobs), or None outside git. Holds the index's write lock meanwhile."""
    con = idx.con
    try:
        con.execute("BEGIN IMMEDIATE")
    except sqlite3.Error:
        return None
    try:
        out = _incremental(idx, config, today, stamp, changed_attachments, git)
        con.execute("COMMIT" if out is not None else "ROLLBACK")
        return out
    except sqlite3.Error:
        con.execute("ROLLBACK")
        return None
    except BaseException:
        con.execute("ROLLBACK")
        raise


def _incremental(idx: Any, config: Any, today: dt.date, stamp: Any, changed_attachments: set[str],
                 git: Any) -> list[Any] | None:
    from ..checks import REPO_CHECKS, Context
    from ..checks.facts import households_of
    from ..checks.supervision import entry_index

    if not stamped(idx, stamp):
        return None
    st = Store(idx)
    con = idx.con
    dirty = st.dirty()
    if len(dirty) >= FULL_FROM:
        return None
    now = st.facts(dirty)  # the changed records as they are now (a removed one is absent)
    old_rows = st.old_keys(dirty)
    keys = [(p, k, key, o) for p, f in now.items() for k, key, o in keys_of(f, st.root)]
    old = [(p, k, key) for p, k, key, _ in old_rows]
    new = [(p, k, key) for p, k, key, _ in keys]
    _drop(con, "rkeys", dirty)  # from here on the keys are those of the records as they are now
    con.executemany("INSERT INTO rkeys (kind, key, ord, path) VALUES (?, ?, ?, ?)",
                    [(k, _key(key), o, enc(p)) for p, k, key, o in keys])
    changed: dict[int, set[Any]] = {}
    for _, k, key in old + new:
        changed.setdefault(k, set()).add(key)
    base = set(dirty)
    raised = changed.get(RAISE, set())
    named_entries: set[str] = set()
    for p in dirty:
        if p.startswith("entries/"):
            named_entries |= entry_keys(p)

    def targets(name: str) -> set[str]:
        if name in ("unknown_household", "village_mismatch"):
            # a household's change can hand its id over to another file with that id (the first by
            # path counts), whose head's name then names it: the keys of every such file count too
            hh = set(changed.get(HH, ()))
            hh |= st.keys_at(HH, st.paths_of(HH, hh))
            return base | st.paths_of(REF, hh)
        if name in ("bad_attachment", "large_attachment"):
            return base | st.paths_of(ATT, changed_attachments)
        if name in ("unknown_issue", "update_before_issue"):
            return base | st.paths_of(UPD, raised)
        if name == "duplicate_issue_id":
            return base | st.paths_of(RAISE, raised)
        if name == "followup_without_status":
            return base | st.paths_of(UPD, raised | changed.get(UPD, set()))
        if name == "unknown_entry":
            return base | st.paths_of(GRADE, named_entries)
        if name == "bad_order":
            return base | st.paths_of(ORDER, raised)
        if name == "review_before_record":
            return base | st.paths_of(GRADE, named_entries) | st.paths_of(ORDER, raised)
        if name == "near_copy":
            # an entry pools a hash only when at most BOILERPLATE entries before it hold it: a changed
            # body reaches, per hash it held or holds, the entries after it (before the change or
            # after) among the first BOILERPLATE + 1 + (changed bodies holding it)
            out = set(base)
            earliest: dict[int, tuple[float, str]] = {}
            counts: Counter = Counter()
            for p, k, key, o in set(old_rows + keys):
                if k == SK:
                    counts[key] += 1
                    earliest[key] = min(earliest.get(key, (o, p)), (o, p))
            for h, n in counts.items():
                out |= st.first_postings(h, BOILERPLATE + 1 + n, earliest[h])
            return out
        return set(base)  # MQ105, MQ301–MQ303: the record alone

    history, head_changes, index_blobs = git(dirty) if git is not None else (None, frozenset(), {})
    writes: list[tuple[int, str, list[tuple[Any, ...]]]] = []
    rechecked: dict[str, set[str]] = {}
    LAST.clear()
    LAST.update(mode="incremental", rechecked=rechecked)
    for n, check in enumerate(REPO_CHECKS):
        name = check.__name__
        todo = targets(name)
        mine = st.facts(todo)
        if name == "near_copy":
            found = _group(near_copies(st, [mine[p] for p in sorted(mine, key=enc)]), st.rel)
        else:
            support = _support(st, name, mine)
            everyone = {**support, **mine}
            facts = tuple(everyone[p] for p in sorted(everyone, key=enc))  # as the checks table's rows
            homes, heads = households_of(facts)
            ctx = Context(config, today, history=history, head_changes=head_changes, index_blobs=index_blobs,
                          facts=facts, homes=homes, heads=heads)
            if name in ("unknown_entry", "review_before_record") and any(f.kind == "review" for f in mine.values()):
                ctx.memo["entry_index"] = entry_index(Context(config, today, facts=_light_entries(st)))
            found = {p: ds for p, ds in _group(check(ctx), st.rel).items() if p in todo}
        if name in SUGGESTS:  # the suggestions over every stored diagnostic of the check, as a full run
            rows = {p: ds for p, ds in st.stored(n) if p not in todo}
            before = dict(rows)
            rows.update(found)
            resuggest(st, n, SUGGESTS[name], rows)
            found = {p: ds for p, ds in rows.items() if p in todo or ds != before.get(p)}
            todo = todo | set(found)
        writes.extend((n, p, found.get(p, [])) for p in todo)
        rechecked[name] = todo
    files = _file_diags(st, dirty)
    writes.extend((FILE, p, files.get(p, [])) for p in dirty)
    for n, p, ds in writes:
        if ds:
            con.execute("INSERT OR REPLACE INTO rdiags VALUES (?, ?, ?)", (n, enc(p), marshal.dumps(ds)))
        else:
            con.execute("DELETE FROM rdiags WHERE chk = ? AND path = ?", (n, enc(p)))
    _drop(con, "rdirty", dirty)
    return st.diagnostics()


def _file_diags(st: Store, paths: list[str]) -> dict[str, list[tuple[Any, ...]]]:
    out = {}
    for part in _chunks(paths):
        q = ",".join("?" * len(part))
        for p, d in st.con.execute(f"SELECT path, diags FROM checks WHERE path IN ({q})", [enc(x) for x in part]):
            if d is not None:
                out[dec(p)] = marshal.loads(d)
    return out


def _light_entries(st: Store) -> tuple[Light, ...]:
    return tuple(Light(dec(p), k, d) for p, k, d in
                 st.con.execute("SELECT path, kind, date FROM files WHERE kind = 'entry' ORDER BY path"))


def _support(st: Store, name: str, mine: dict[str, Any]) -> dict[str, Any]:
    """The other records a check reads to answer for `mine`: the households their references may
    name, or every record raising (and for MQ101 updating) the issue ids they use."""
    if name in ("unknown_household", "village_mismatch"):
        refs = {ref for f in mine.values() if f.kind == "entry" for ref, _ in f.refs}
        if not refs:
            return {}
        first = st.facts(st.paths_of(HH, refs))
        ids = refs | {f.hid for f in first.values() if f.kind == "household" and f.ok}
        return st.facts(st.paths_of(HH, ids))
    if name in ("unknown_issue", "duplicate_issue_id", "update_before_issue", "bad_order", "review_before_record",
                "followup_without_status"):
        ids = {i for f in mine.values() for i, _ in f.issues}
        ids |= {r for f in mine.values() for r, _ in f.updates if r}
        ids |= {o[0] for f in mine.values() for o in f.orders}
        if not ids:
            return {}
        paths = st.paths_of(RAISE, ids)
        if name == "followup_without_status":
            paths |= st.paths_of(UPD, ids)
        return st.facts(paths)
    return {}
