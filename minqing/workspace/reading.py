"""The reading commands over a workspace: per-member library calls (run in parallel) and merge rules.

Every `*_member` function takes a member's root and reads it as if alone (its own config, deadlines,
quota and cache); it must be a module-level function so a process pool can run it. The `ws_*`
functions run it over the workspace and merge: paths gain the `repo/` prefix, rows their repo, and
ordering is the one the single-repository command uses, over the whole workspace.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import MinqingError
from .model import Member, Unreadable, Workspace
from .run import Failed, over_fresh, over_members


def prefixed(repo: str, path: str | None) -> str | None:
    return None if path is None else f"{repo}/{path}"


def raise_failed(results: Sequence[tuple[Member, Any]]) -> None:
    """A member's usage error (bad date, bad filter) is the command's: raise the first one."""
    for _, res in results:
        if isinstance(res, Failed):
            raise res.error()


# ---- check ----

def check_member(root: Path, paths: list[str] | None, staged: bool, today: dt.date | None, use_cache: bool) -> Any:
    from ..checker import run_check

    return run_check(root, paths, staged=staged, today=today, use_cache=use_cache)


@dataclass
class WsCheck:
    rows: list[tuple[str, Any]]  # (repo, diagnostic with prefixed path)
    files: int
    notes: list[tuple[str, str, dict[str, str]]] = field(default_factory=list)  # (repo, key, params)

    @property
    def has_errors(self) -> bool:
        return any(d.severity == "error" for _, d in self.rows)


def route_paths(ws: Workspace, paths: list[str]) -> dict[str, list[str]]:
    """repo -> the given paths inside that member (absolute); a path in no member is an error."""
    roots = sorted(((os.path.abspath(m.root), os.path.realpath(m.root), m.repo) for m in ws.readable),
                   key=lambda r: -len(r[0]))
    routed: dict[str, list[str]] = {}
    for given in paths:
        absolute = os.path.abspath(given)
        real = os.path.realpath(given)
        for plain, realroot, repo in roots:
            if any(p == r or p.startswith(r.rstrip(os.sep) + os.sep) for p, r in ((absolute, plain), (real, realroot))):
                routed.setdefault(repo, []).append(absolute)
                break
        else:
            raise MinqingError("ws.outside", path=given, root=str(ws.root))
    return routed


def ws_check(ws: Workspace, paths: list[str] | None, staged: bool, today: dt.date | None, use_cache: bool,
             lang: str) -> WsCheck:
    from ..diagnostics import Diagnostic

    members = ws.readable
    routed: dict[str, list[str]] = {}
    if paths:
        routed = route_paths(ws, paths)
        members = [m for m in members if m.repo in routed]
    if paths:
        results = _routed_checks(ws, members, routed, staged, today, use_cache)
    else:
        results = over_members(ws, check_member, members, paths=None, staged=staged, today=today, use_cache=use_cache)
    by_repo: dict[str, Any] = {m.repo: res for m, res in results}
    rows: list[tuple[str, Any]] = []
    notes: list[tuple[str, str, dict[str, str]]] = []
    files = 0
    for m in ws.members:
        if isinstance(m, Unreadable):
            if paths and not any(r == m.repo or r.startswith(m.repo + "/") for r in routed):
                continue
            rows.append((m.repo, Diagnostic("MQ008", m.path, m.line, m.message_params(lang), m.key)))
            continue
        res = by_repo.get(m.repo)
        if res is None:
            continue
        if isinstance(res, Failed):
            err = res.error()
            if err.key == "err.notgit":
                notes.append((m.repo, "ws.note.notgit", {"repo": m.repo}))
                continue
            if err.key != "err.config":
                raise err
            rows.append((m.repo, Diagnostic("MQ008", f"{m.repo}/minqing.yaml", 1, {"problem": err.message(lang)},
                                            "MQ008.member.config")))
            continue
        files += res.files
        notes.extend((m.repo, key, params) for key, params in res.notes)
        rows.extend((m.repo, dataclasses.replace(d, path=f"{m.repo}/{d.path}")) for d in res.diagnostics)
    return WsCheck(rows, files, notes)


def _routed_checks(ws: Workspace, members: list[Member], routed: dict[str, list[str]], staged: bool,
                   today: dt.date | None, use_cache: bool) -> list[tuple[Member, Any]]:
    out = []
    for m in members:  # a few paths: one member at a time, in this process
        out.extend(over_members(ws, check_member, [m], paths=routed[m.repo], staged=staged, today=today,
                                use_cache=use_cache))
    return out


# ---- issues ----

def issues_member(root: Path, as_of: dt.date, statuses: frozenset[str], overdue: bool, author: str | None,
                  village: str | None, household: str | None, category: str | None, include_closed: bool,
                  owner: str | None = None) -> Any:
    """(issues passing the filters, unknown calendar years, household known here?)."""
    return _issues_from(root, None, as_of, statuses, overdue, author, village, household, category, include_closed,
                        owner)


ISSUES_VERSION = "ws-issues-v1"


def issues_fresh(m: Member, idx: Any, as_of: dt.date, statuses: frozenset[str], overdue: bool, author: str | None,
                 village: str | None, household: str | None, category: str | None, include_closed: bool,
                 owner: str | None = None) -> Any:
    """`issues_member` over an index known to be in line with the files (`run.over_fresh`), its answer
    kept in the member's index for the same records, config, date and filters (kv `ws.issues.*`)."""
    import hashlib
    import marshal

    from .. import ledger

    if idx is None:
        return issues_member(m.root, as_of, statuses, overdue, author, village, household, category, include_closed,
                             owner)
    filters = (sorted(statuses), overdue, author, village, household, category, include_closed, owner)
    name = "ws.issues." + hashlib.blake2b(repr(filters).encode(), digest_size=6).hexdigest()
    stamp = (ISSUES_VERSION, idx.gen, m.config.digest, as_of.toordinal(), repr(filters))
    saved = idx.kv_get(name, stamp)
    if saved is not None:
        issues = ledger.from_state(saved[0])
        for i, order in zip(issues, saved[1]):
            i.order = order
        return issues, set(saved[2]), saved[3]
    chosen, unknown, known = _issues_from(m.root, idx, as_of, statuses, overdue, author, village, household,
                                          category, include_closed, owner)
    orders = [i.order for i in chosen]
    try:
        value = (ledger.to_state(chosen), orders, sorted(unknown), known)
        marshal.dumps(value)
    except ValueError:  # something marshal cannot keep: answered, not kept
        return chosen, unknown, known
    idx.kv_put(name, stamp, value)
    return chosen, unknown, known


def _issues_from(root: Path, idx: Any, as_of: dt.date, statuses: frozenset[str], overdue: bool, author: str | None,
                 village: str | None, household: str | None, category: str | None, include_closed: bool,
                 owner: str | None) -> Any:
    from .. import ledger
    from ..archive import find_household
    from ..index.queries import ledger_for
    from ..supervision.load import with_orders

    config, issues, heads, unknown = ledger_for(root, as_of, idx=idx)
    with_orders(root, config, issues, as_of)
    hid = None
    if household:
        try:
            hid = find_household(heads, household)
        except MinqingError as exc:
            if exc.key == "err.household.unknown":
                return [], unknown, False
            raise
    chosen = ledger.select(issues, ledger.Filters(statuses, overdue, author, village, hid, category, include_closed,
                                                  owner))
    return chosen, unknown, True


@dataclass
class WsIssues:
    rows: list[tuple[str, Any]]  # (repo, issue with its entry path prefixed)
    unknown_years: set[int]


def split_key(ws: Workspace, key: str) -> tuple[str | None, str]:
    """'REPO/ID' -> (repo, id) when REPO names a member; else (None, key)."""
    if "/" in key:
        repo, _, rest = key.rpartition("/")
        if any(m.repo == repo for m in ws.members):
            return repo, rest
    return None, key


def ws_issues(ws: Workspace, as_of: dt.date, statuses: frozenset[str], overdue: bool, author: str | None,
              village: str | None, household: str | None, category: str | None, include_closed: bool,
              owner: str | None = None) -> WsIssues:
    members = ws.readable
    if household:
        repo, household = split_key(ws, household)
        if repo is not None:
            members = [m for m in members if m.repo == repo]
    results = over_fresh(ws, issues_fresh, members, as_of=as_of, statuses=statuses, overdue=overdue, author=author,
                         village=village, household=household, category=category, include_closed=include_closed,
                         owner=owner)
    raise_failed(results)
    if household and members and not any(known for _, (_, _, known) in results):
        unknown_household(ws, members, household, as_of)
    order = ws.order()
    rows: list[tuple[str, Any]] = []
    unknown: set[int] = set()
    for m, (issues, years, _) in results:
        unknown |= set(years)
        repo = m.repo
        for i in issues:  # the member's own copies: the entry path gains the repo in place
            i.entry = f"{repo}/{i.entry}"
            rows.append((repo, i))
    rows.sort(key=lambda r: (r[1].due, r[1].raised, r[1].id, order[r[0]]))
    return WsIssues(rows, unknown)


# ---- quota ----

def first_entry_member(root: Path) -> dt.date | None:
    from ..index.queries import entries_for

    _, facts, _ = entries_for(root)
    return min((fact[1] for fact in facts), default=None)  # (path, date, author, backfill)


def quota_member(root: Path, start: dt.date, end: dt.date, authors: list[str] | None) -> Any:
    from ..index.queries import entries_for

    config, facts, _ = entries_for(root, span=lambda _first: (start, end))
    return _quota(root, config, facts, start, end, authors)


def _quota(root: Path, config: Any, facts: Any, start: dt.date, end: dt.date, authors: list[str] | None) -> Any:
    """One member's quota over its entries' facts (None when none of `authors` is its cadre)."""
    from ..history import first_commits
    from ..quota import compute

    names = None
    if authors:
        names = [a for a in authors if a in config.cadre_names]
        if not names:
            return None
    return compute(facts, config, start, end, first_commits(root, [f[0] for f in facts]) or {}, names)


def first_entry_fresh(m: Member, idx: Any) -> dt.date | None:
    """`first_entry_member` over an index known to be in line with the files (`run.over_fresh`)."""
    if idx is None:
        return first_entry_member(m.root)
    return idx.first_entry_date()


def quota_fresh(m: Member, idx: Any, start: dt.date, end: dt.date, authors: list[str] | None) -> Any:
    """`quota_member` over an index known to be in line with the files (`run.over_fresh`)."""
    from ..quota import window

    if idx is None:
        return quota_member(m.root, start, end, authors)
    return _quota(m.root, m.config, idx.entry_facts(*window(start, end)), start, end, authors)


@dataclass
class WsQuota:
    start: dt.date
    end: dt.date
    per_week: int | None
    rows: list[tuple[str, Any]]  # (repo, CadreQuota)

    @property
    def shortfalls(self) -> int:
        return sum(c.shortfalls for _, c in self.rows)

    def to_json(self) -> dict[str, Any]:
        return {"from": self.start.isoformat(), "to": self.end.isoformat(), "per_week": self.per_week,
                "cadres": [{"repo": repo, "name": c.name,
                            "weeks": [{"week": w.week, "required": w.required, "count": w.count, "late": w.late}
                                      for w in c.weeks],
                            "shortfalls": c.shortfalls} for repo, c in self.rows]}


def ws_quota(ws: Workspace, start: dt.date | None, end: dt.date, authors: list[str] | None) -> WsQuota:
    members = ws.readable
    if authors:
        for name in authors:
            if not any(name in m.config.cadre_names for m in members):
                raise MinqingError("err.nocadre", value=name)
    if start is None:
        firsts = [d for _, d in over_fresh(ws, first_entry_fresh, members) if isinstance(d, dt.date)]
        start = max(min(firsts) if firsts else end, end - dt.timedelta(weeks=52))
    if start > end:
        raise MinqingError("err.range", start=start.isoformat(), end=end.isoformat())
    if (end - start).days > 3660:
        raise MinqingError("err.range.long", weeks=(end - start).days // 7)
    results = over_fresh(ws, quota_fresh, members, start=start, end=end, authors=authors)
    raise_failed(results)
    rows = [(m.repo, c) for m, rep in results if rep is not None for c in rep.cadres]
    per_weeks = {m.config.per_week for m in members}
    return WsQuota(start, end, per_weeks.pop() if len(per_weeks) == 1 else None, rows)


# ---- household ----

def heads_member(root: Path, as_of: dt.date) -> dict[str, str]:
    from ..index.queries import ledger_for

    return ledger_for(root, as_of)[2]


def ws_household_target(ws: Workspace, key: str, as_of: dt.date) -> tuple[Member, str]:
    """(member, household id) for ID, a head's name or REPO/ID; exit 2 listing the candidates otherwise."""
    repo, bare = split_key(ws, key)
    members = [m for m in ws.readable if repo is None or m.repo == repo]
    candidates: list[tuple[Member, str]] = []
    every: list[str] = []
    for m, heads in over_members(ws, heads_member, members, as_of=as_of):
        if isinstance(heads, Failed):
            raise heads.error()
        every += [f"{m.repo}/{h}" for h in heads]
        if bare in heads:
            candidates.append((m, bare))
        else:
            candidates += [(m, h) for h, head in sorted(heads.items()) if head == bare]
    if len(candidates) == 1:
        return candidates[0]
    if candidates:
        raise MinqingError("ws.household.ambiguous", value=key,
                           matches=", ".join(f"{m.repo}/{h}" for m, h in candidates))
    raise _unknown(key, every)


def _unknown(key: str, every: list[str]) -> MinqingError:
    """No member knows the household: the close REPO/ID keys as candidates."""
    import difflib

    bare = key.rpartition("/")[2]
    close = difflib.get_close_matches(key, every, n=5, cutoff=0.5)
    close += [k for k in every if k.rpartition("/")[2] == bare and k not in close]
    near = set(difflib.get_close_matches(bare, sorted({k.rpartition("/")[2] for k in every}), n=3, cutoff=0.6))
    close += [k for k in every if k.rpartition("/")[2] in near and k not in close]
    return MinqingError("ws.household.unknown", value=key, matches=", ".join(close[:8]) or "-")


def unknown_household(ws: Workspace, members: list[Member], key: str, as_of: dt.date) -> None:
    """Raise the unknown-household error of a filter no member knows, with candidates as REPO/ID."""
    every: list[str] = []
    for m, heads in over_members(ws, heads_member, members, as_of=as_of):
        if not isinstance(heads, Failed):
            every += [f"{m.repo}/{h}" for h in heads]
    raise _unknown(key, every)


# ---- export ----

def export_member(root: Path, as_of: dt.date) -> Any:
    from ..export import collect

    unknown: set[int] = set()
    tables = collect(root, as_of, unknown)
    return tables, unknown


PREFIXED_COLUMNS = ("path", "entry", "review")


def merge_tables(parts: Sequence[tuple[str, Sequence[Any]]]) -> list[Any]:
    """One set of tables from the members': a leading `repo` column, paths prefixed, keys (repo, …)."""
    from ..export import Column, Table

    merged: dict[str, Table] = {}
    for repo, tables in parts:
        for table in tables:
            target = merged.get(table.name)
            if target is None:
                pk = ("repo", *table.primary_key) if table.primary_key else ()
                target = Table(table.name, (Column("repo", "text"), *table.columns), [], pk,
                               (("repo",), *table.indexes))
                merged[table.name] = target
            fix = [i for i, c in enumerate(table.columns) if c.name in PREFIXED_COLUMNS and c.type == "text"]
            for row in table.rows:
                if fix:
                    row = list(row)
                    for i in fix:
                        if row[i] is not None:
                            row[i] = f"{repo}/{row[i]}"
                target.rows.append((repo, *row))
    return list(merged.values())


def ws_tables(ws: Workspace, as_of: dt.date) -> tuple[list[Any], set[int]]:
    results = over_members(ws, export_member, as_of=as_of)
    raise_failed(results)
    unknown: set[int] = set()
    parts = []
    for m, (tables, years) in results:
        unknown |= set(years)
        parts.append((m.repo, tables))
    return merge_tables(parts), unknown


# ---- generic: a command whose per-repository result is a list of JSON rows ----

def ws_json_rows(ws: Workspace, fn: Any, *, sort: Any = None, prefix: Sequence[str] = PREFIXED_COLUMNS,
                 members: list[Member] | None = None, **kwargs: Any) -> list[dict[str, Any]]:
    """Run `fn(root, **kwargs)` (a module-level function returning a list of JSON row dicts) over the
    members and merge: each row gains `repo`, its path-like values (`prefix`) get `repo/`, and rows are
    ordered by `sort(row)` over the whole workspace, ties in member order. How `orders` and `score`
    plug in: a per-repository call and a sort key (`rank_rows` re-ranks score rows together)."""
    results = over_members(ws, fn, members, **kwargs)
    raise_failed(results)
    order = ws.order()
    out = []
    for m, rows in results:
        for row in rows or []:
            row = {**row, **{k: f"{m.repo}/{row[k]}" for k in prefix if isinstance(row.get(k), str)}, "repo": m.repo}
            out.append(row)
    if sort is not None:
        out.sort(key=lambda r: (sort(r), order[r["repo"]]))
    return out


def rank_rows(rows: list[dict[str, Any]], points: str = "points", name: str = "name") -> list[dict[str, Any]]:
    """Rows ranked together by points (descending; null counts 0): ties share the best rank
    (1, 2, 2, 4) and are ordered by name, then member order."""
    ordered = sorted(rows, key=lambda r: (-(r.get(points) or 0), r.get(name) or ""))
    out, last, rank = [], None, 0
    for i, row in enumerate(ordered, 1):
        value = row.get(points) or 0
        if value != last:
            rank, last = i, value
        out.append({**row, "rank": rank})
    return out


# ---- orders and score (supervision, RECORDS §10) ----

def orders_member(root: Path, as_of: dt.date, to: str | None, states: frozenset[str]) -> Any:
    """(the member's current orders passing the filters, calendar years unknown)."""
    from ..index.queries import ledger_for
    from ..supervision import current_orders
    from ..supervision.load import read_reviews
    from ..supervision.orders import select_orders

    config, issues, _, unknown = ledger_for(root, as_of)
    return select_orders(current_orders(read_reviews(root, config), issues, config, as_of).values(), to, states), unknown


def orders_fresh(m: Member, idx: Any, as_of: dt.date, to: str | None, states: frozenset[str]) -> Any:
    """`orders_member` over an index known to be in line with the files (`run.over_fresh`)."""
    from ..index.queries import ledger_for
    from ..supervision import current_orders
    from ..supervision.load import read_reviews
    from ..supervision.orders import select_orders

    if idx is None:
        return orders_member(m.root, as_of, to, states)
    config, issues, _, unknown = ledger_for(m.root, as_of, idx=idx)
    return select_orders(current_orders(read_reviews(m.root, config), issues, config, as_of).values(), to, states), unknown


@dataclass
class WsOrders:
    rows: list[tuple[str, Any]]  # (repo, order with its review path prefixed)
    unknown_years: set[int]


def ws_orders(ws: Workspace, as_of: dt.date, to: str | None, states: frozenset[str]) -> WsOrders:
    results = over_fresh(ws, orders_fresh, as_of=as_of, to=to, states=states)
    raise_failed(results)
    order = ws.order()
    rows: list[tuple[str, Any]] = []
    unknown: set[int] = set()
    for m, (orders, years) in results:
        unknown |= set(years)
        rows.extend((m.repo, dataclasses.replace(o, review=f"{m.repo}/{o.review}")) for o in orders)
    rows.sort(key=lambda r: (r[1].due, r[1].issue, order[r[0]]))
    return WsOrders(rows, unknown)


def score_member(root: Path, start: dt.date, end: dt.date) -> Any:
    """(the member's 考评 report over start..end, calendar years unknown)."""
    from ..history import first_commits
    from ..quota import compute
    from ..supervision import compute_score, current_orders, valid_reviews
    from ..supervision.load import read_all

    config, records, issues, unknown = read_all(root, end)
    firsts = first_commits(root) or {}
    quota = compute(records, config, start, end, firsts)
    orders = current_orders(records, issues, config, end)
    rep = compute_score(records, issues, orders, quota, config, start, end, valid_reviews(records, config, end))
    return rep, unknown


def score_fresh(m: Member, idx: Any, start: dt.date, end: dt.date) -> Any:
    """`score_member` from an index known to be in line with the files (`run.over_fresh`): the
    records from their rows and the ledger as `issues` keeps it, instead of reading every file."""
    from ..history import first_commits
    from ..index.queries import ledger_for
    from ..quota import compute
    from ..supervision import compute_score, current_orders, valid_reviews

    if idx is None:
        return score_member(m.root, start, end)
    config, issues, _, unknown = ledger_for(m.root, end, idx=idx)
    records = list(idx.records())
    firsts = first_commits(m.root) or {}
    quota = compute(records, config, start, end, firsts)
    orders = current_orders(records, issues, config, end)
    rep = compute_score(records, issues, orders, quota, config, start, end, valid_reviews(records, config, end))
    return rep, unknown


@dataclass
class WsScore:
    start: dt.date
    end: dt.date
    rows: list[tuple[str, Any]]  # (repo, ScoreRow ranked over the whole workspace)
    unknown_years: set[int]

    def to_json(self) -> dict[str, Any]:
        return {"from": self.start.isoformat(), "to": self.end.isoformat(),
                "cadres": [{**r.to_json(), "repo": repo} for repo, r in self.rows]}


def ws_score(ws: Workspace, start: dt.date, end: dt.date) -> WsScore:
    """One row per (repo, cadre), ranked together: by points descending, ties share the best rank and
    are ordered by name, then member order."""
    results = over_fresh(ws, score_fresh, start=start, end=end)
    raise_failed(results)
    order = ws.order()
    unknown: set[int] = set()
    pairs: list[tuple[str, Any]] = []
    for m, (rep, years) in results:
        unknown |= set(years)
        pairs.extend((m.repo, r) for r in rep.rows)
    pairs.sort(key=lambda p: (-(p[1].points or 0), p[1].name, order[p[0]]))
    ranked, last, rank = [], None, 0
    for i, (repo, row) in enumerate(pairs, 1):
        if row.points != last:
            rank, last = i, row.points
        ranked.append((repo, dataclasses.replace(row, rank=rank)))
    return WsScore(start, end, ranked, unknown)
