"""`check`: validate the whole repository, or some files (or what is staged) against the whole of it."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path

from . import gitio, index
from .config import Config, load_config
from .diagnostics import Diagnostic
from .errors import MinqingError
from .loader import FileStat, Repository, kind_of, load_repository, paused_gc, walk


@dataclass
class CheckResult:
    diagnostics: list[Diagnostic]
    files: int
    notes: list[tuple[str, dict[str, str]]] = field(default_factory=list)

    @property
    def has_errors(self) -> bool:
        return any(d.severity == "error" for d in self.diagnostics)


def relative(root: Path, given: str) -> str:
    """A path given on the command line -> repository-relative with '/', or a MinqingError."""
    path = Path(given)
    absolute = (path if path.is_absolute() else Path.cwd() / path).resolve()
    try:
        rel = absolute.relative_to(root.resolve())
    except ValueError:
        raise MinqingError("err.outside", path=given, root=str(root)) from None
    return rel.as_posix()


def git_state(root: Path) -> tuple[str, int, int] | None:
    """HEAD and the index's size and mtime: what the git checks depend on besides the files."""
    head = gitio.run(root, "rev-parse", "--verify", "-q", "HEAD", check=False).decode().strip()
    index = gitio.run(root, "rev-parse", "--git-path", "index", check=False).decode().strip()
    try:
        st = os.stat(root / index if index else root / ".git/index")
        return head, st.st_size, st.st_mtime_ns
    except OSError:
        return head, -1, -1


def _full(root: Path, config: Config, today: dt.date, staged: bool, is_git: bool,
          files: list[FileStat] | None, use_cache: bool, idx: index.Index | None = None) -> tuple[Repository, dict[str, bytes | None] | None]:
    overlay = gitio.staged(root) if staged else None
    history = changes = blobs = None
    if is_git:
        from .history import summaries

        history = summaries(root)  # first commit, count and first path of each record: what MQ301–MQ303 read
        changes = gitio.head_changes(root)
        blobs = gitio.index_blobs(root)
    repo = load_repository(root, config, today=today, overlay=overlay, history=history,
                           head_changes=changes or frozenset(), index_blobs=blobs, files=files, use_cache=use_cache,
                           idx=idx, progress=True, facts_only=True)
    return repo, overlay


def run_check(root: Path, paths: list[str] | None = None, *, staged: bool = False,
              today: dt.date | None = None, use_cache: bool = True) -> CheckResult:
    """Check the repository; report on all of it, on `paths`, or on what is staged.

    When no record, config or git state changed since the last run, the last run's diagnostics
    are used as they are (the result snapshot): a second run on a county is instant.
    """
    with paused_gc():  # the history, the rows and the Facts are hundreds of thousands of objects, none cyclic
        return _run_check(root, paths, staged=staged, today=today, use_cache=use_cache)


def _run_check(root: Path, paths: list[str] | None, *, staged: bool, today: dt.date | None,
               use_cache: bool) -> CheckResult:
    config = load_config(root)
    today = today or dt.date.today()
    notes: list[tuple[str, dict[str, str]]] = []
    is_git = gitio.is_repo(root)
    if staged and not is_git:
        raise MinqingError("err.notgit", root=str(root))
    shallow = is_git and gitio.is_shallow(root)
    if not is_git:
        notes.append(("note.nogit", {"root": str(root)}))
    elif shallow:
        notes.append(("note.shallow", {"root": str(root)}))
    overlay: dict[str, bytes | None] | None = None
    if is_git and not shallow and use_cache:
        from .history import start

        start(root)  # git walks the history (when the index lacks it) while the records are parsed
    idx = index.synced(root, config, True) if use_cache else None
    files = walk(root) if idx is None else None  # with the index, git (or one walk inside sync) said what changed
    stamp = None if staged or idx is None else (config.digest, today.toordinal(), idx.gen,
                                                (git_state(root), shallow) if is_git else None)
    snapshot = idx.kv_get("result", stamp) if stamp and idx is not None else None
    if snapshot is not None and (not isinstance(snapshot, (tuple, list)) or len(snapshot) != 2
                                 or attachment_stats(root, snapshot[1]) != snapshot[1]):
        snapshot = None  # a photo or scan an entry names was added, changed or removed since
    if snapshot is not None:
        diagnostics = [Diagnostic(*d) for d in snapshot[0]]
        records: "list[str] | _Paths" = _Paths(idx) if idx is not None else [f.rel for f in files or ()]
    elif idx is not None and not staged:
        assert stamp is not None
        diagnostics, named = _indexed(root, config, today, is_git, stamp[3], idx)
        idx.kv_put("result", (config.digest, today.toordinal(), idx.gen, stamp[3]),
                   ([(d.code, d.path, d.line, d.params, d.key) for d in diagnostics], named))
        records = _Paths(idx)
    else:
        repo, overlay = _full(root, config, today, staged, is_git, files, use_cache, idx)
        diagnostics = repo.diagnostics
        if staged:
            diagnostics = diagnostics + late_before_commit(repo, overlay or {}, today)
        records = [f.path for f in repo.facts] if repo.facts else [r.path for r in repo.records]
        del repo
    wanted: set[str] | None = None
    if staged:
        wanted = {p for p, data in (overlay or {}).items() if data is not None and kind_of(p)}
    if paths:
        wanted = set() if wanted is None else wanted
        for given in paths:
            rel = relative(root, given)
            if not os.path.exists(root / rel) and not (overlay and rel in overlay):
                raise MinqingError("err.notfound", path=given)
            if (root / rel).is_dir():
                prefix = "" if rel == "." else rel.rstrip("/") + "/"
                wanted.update(p for p in records if p.startswith(prefix))
            elif kind_of(rel):
                wanted.add(rel)
            else:
                notes.append(("note.skipped", {"path": rel}))
    if wanted is None:
        return CheckResult(diagnostics, len(records), notes)
    chosen = [d for d in diagnostics if d.path in wanted]
    if staged and overlay:
        chosen += broken_elsewhere(root, overlay, diagnostics, wanted)
        chosen.sort(key=Diagnostic.sort_key)
    return CheckResult(chosen, len(wanted), notes)


def _indexed(root: Path, config: Config, today: dt.date, is_git: bool, git: object,
             idx: index.Index) -> tuple[list[Diagnostic], dict[str, tuple[int, ...]]]:
    """The diagnostics over the index: the repository checks re-run only for the records whose
    inputs changed since the stored run (`index.rchecks`), or for all of them. Returns them with
    the (size, time) of every attachment the entries name."""
    from .index import rchecks

    rstamp = rchecks.stamp_of(config, today, git)
    kept = idx.kv_get("attachments", 1)
    if isinstance(kept, dict):
        now = attachment_stats(root, kept)
        changed = {rel for rel in kept if kept[rel] != now[rel]}
    else:  # not stored (a busy index): every named attachment may have changed
        changed = set(rchecks.attached(idx))

    def history(paths: list[str] | None) -> tuple[object, frozenset[str], dict[str, str]]:
        """What the git checks read, of these records (of all with None)."""
        from .history import summaries

        return summaries(root, paths), gitio.head_changes(root, paths), gitio.index_blobs(root, paths)

    diagnostics = rchecks.incremental(idx, config, today, rstamp, changed, history if is_git else None)
    if diagnostics is None:
        if is_git:
            past, changes, blobs = history(None)
        else:
            past, changes, blobs = None, frozenset(), {}
        diagnostics = rchecks.full(idx, config, today, rstamp, past, changes or frozenset(), blobs)
    named = attachment_stats(root, {rel: () for rel in rchecks.attached(idx)})
    idx.kv_put("attachments", 1, named)
    return diagnostics, named


class _Paths:
    """The record paths of the index, read only when a path filter needs them (a count otherwise)."""

    def __init__(self, idx: index.Index) -> None:
        self.idx = idx

    def __len__(self) -> int:
        return self.idx.size()

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(self.idx.paths())


def attached_paths(repo: Repository) -> list[str]:
    """Repository-relative paths of every attachment the entries name (existing or not)."""
    from .checks.attachments import attachment_items, resolve

    named = ([(f.path, f.attachments) for f in repo.facts if f.attachments] if repo.facts else
             [(rec.path, tuple(attachment_items(rec))) for rec in repo.entries])
    out = []
    for path, items in named:
        for written, _ in items:
            rel, _why = resolve(str(repo.root), path, written)
            if rel is not None:
                out.append(rel)
    return sorted(set(out))


def attachment_stats(root: Path, named: dict[str, tuple[int, ...]]) -> dict[str, tuple[int, ...]]:
    """(size, mtime) of each named attachment now, () when it is missing: a changed one voids the result cache."""
    out: dict[str, tuple[int, ...]] = {}
    for rel in named:
        try:
            st = os.stat(root / rel)
            out[rel] = (st.st_size, st.st_mtime_ns)
        except OSError:
            out[rel] = ()
    return out


def commit_day(value: str | None) -> dt.date | None:
    """The day of a GIT_AUTHOR_DATE (ISO 8601, `@<seconds> <offset>` or RFC 2822), in its own offset."""
    if not value:
        return None
    value = value.strip()
    try:
        if value.startswith("@"):
            secs, _, offset = value[1:].partition(" ")
            tz = dt.timezone.utc
            if len(offset) == 5 and offset[0] in "+-" and offset[1:].isdigit():
                sign = 1 if offset[0] == "+" else -1
                tz = dt.timezone(sign * dt.timedelta(hours=int(offset[1:3]), minutes=int(offset[3:])))
            return dt.datetime.fromtimestamp(int(secs), tz).date()
        return dt.datetime.fromisoformat(value.replace(" ", "T", 1) if "T" not in value else value).date()
    except ValueError:
        from email.utils import parsedate_to_datetime

        try:
            return parsedate_to_datetime(value).date()
        except (TypeError, ValueError):
            return None


def late_before_commit(repo: Repository, overlay: dict[str, bytes | None], today: dt.date) -> list[Diagnostic]:
    """MQ302 before the commit: a staged entry not yet in any commit, dated more than grace_days ago.

    Committed today it would be late (补记); an entry marked 补录 (backfill) has said so already.
    """
    from .history import summaries

    history = summaries(repo.root) or {}
    grace = repo.config.grace_days
    today = commit_day(os.environ.get("GIT_AUTHOR_DATE")) or today
    out = []
    for rec in repo.entries:
        if rec.path not in overlay or overlay[rec.path] is None or rec.path in history:
            continue
        if rec.date is None or rec.get("backfill"):
            continue
        days = (today - rec.date).days
        if days > grace:
            out.append(Diagnostic("MQ302", rec.path, None, {"date": rec.date.isoformat(), "days": days, "grace": grace},
                                  "MQ302.staged"))
    return out


def broken_elsewhere(root: Path, overlay: dict[str, bytes | None], diagnostics: list[Diagnostic],
                     wanted: set[str]) -> list[Diagnostic]:
    """Errors in files not staged that the staged change causes: a household, an issue or an entry that a
    staged deletion or edit took away while other records still refer to it (MQ109, MQ113; a review's
    MQ120, MQ123)."""
    from .loader import build_record

    households: set[str] = set()
    issues: set[str] = set()
    entries: set[str] = set()  # the ways a review names an entry: path, path without .md, file stem
    for rel, data in overlay.items():
        kind = kind_of(rel)
        if kind is None:
            continue
        versions = [data, gitio.run(root, "cat-file", "blob", f"HEAD:{rel}", check=False) or None]
        for version in versions:
            if version is None:
                continue
            rec = build_record(rel, version, None)
            if kind == "household":
                households.update(v for v in (rec.stem, rec.get("id"), rec.get("head")) if isinstance(v, str) and v)
            elif kind == "entry":
                issues.update(i for i, _, _ in rec.issue_ids())
                entries.update((rel, rel[:-3], rec.stem))
    out = []
    for d in diagnostics:
        if d.path in wanted:
            continue
        value = d.params.get("value")
        if ((d.code == "MQ109" and value in households) or (d.code in ("MQ113", "MQ123") and value in issues)
                or (d.code == "MQ120" and value in entries)):
            out.append(d)
    return out
