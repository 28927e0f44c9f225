"""Walk a records repository, read and parse every record, and run the checks: -> Repository.

Reading one file is a pure function of its bytes and the config (`load_file`), which is what the
parse cache stores and what a process pool runs in parallel. Repository-wide checks run after.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import stat
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from .i18n import ref
from . import vocab
from .index import content_hash
from .checks import FILE_CHECKS, REPO_CHECKS, Context
from .config import Config, load_config
from .diagnostics import Diagnostic, Problem
from .frontmatter import YMap, guess_encoding, parse
from .model import Record, build_fields, count_chars
from .checks.form import sketch

if TYPE_CHECKING:  # the pool's module (multiprocessing) is imported only when a pool starts
    from concurrent.futures import ProcessPoolExecutor

RECORD_DIRS = ("entries", "households", "reviews")


@dataclass
class Repository:
    """Every record of a repository, with the diagnostics found in them."""

    root: Path
    config: Config
    records: list[Record]
    diagnostics: list[Diagnostic]
    notes: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    # checks.facts.Facts of every record (in path order) when the repository checks ran; a check over
    # the index fills only these and leaves `records` empty
    facts: tuple[Any, ...] = ()

    @property
    def entries(self) -> list[Record]:
        return [r for r in self.records if r.kind == "entry" and r.front is not None]

    @property
    def households(self) -> list[Record]:
        return [r for r in self.records if r.kind == "household" and r.front is not None]

    @property
    def reviews(self) -> list[Record]:
        return [r for r in self.records if r.kind == "review" and r.front is not None]

    def context(self, today: dt.date | None = None) -> Context:
        return make_context(self.config, today or dt.date.today(), self.records)


def kind_of(rel: str) -> str | None:
    """'entry' for entries/**.md, 'household' for households/*.md, 'review' for reviews/**.md, else None."""
    if not rel.endswith(".md"):
        return None
    if rel.startswith("entries/"):
        return "entry"
    if rel.startswith("reviews/"):
        return "review"
    if rel.startswith("households/") and rel.count("/") == 1:
        return "household"
    return None


class FileStat(NamedTuple):
    rel: str  # relative path with /
    path: str  # absolute path
    size: int
    mtime_ns: int
    ctime_ns: int = 0
    ino: int = 0
    link: int = 0  # 1 for a symbolic link (its target is read again every time)


def walk(root: Path, tops: tuple[str, ...] = RECORD_DIRS) -> list[FileStat]:
    """Every record file (under `tops`, default all record folders) with its size, times and inode (of
    the link itself for a link), in path order."""
    found: list[FileStat] = []
    prefix = len(os.path.join(root, ""))
    for top in tops:
        first = os.path.join(root, top)
        if os.path.islink(first):  # a linked entries/ or households/ is reported, never followed
            found.append(FileStat(top + "/", first, -1, -1))
            continue
        stack = [first]
        while stack:
            folder = stack.pop()
            try:
                with os.scandir(folder) as it:
                    for entry in it:
                        if entry.name.startswith("."):
                            continue
                        if entry.is_dir(follow_symlinks=False):
                            stack.append(entry.path)
                        elif entry.is_symlink() and entry.is_dir():  # a linked folder: MQ008, not followed
                            rel = entry.path[prefix:].replace(os.sep, "/") + "/"
                            found.append(FileStat(rel, entry.path, -1, -1))
                        elif entry.name.endswith(".md"):
                            rel = entry.path[prefix:].replace(os.sep, "/")
                            if kind_of(rel):
                                try:
                                    st = entry.stat(follow_symlinks=False)
                                    found.append(FileStat(rel, entry.path, st.st_size, st.st_mtime_ns, st.st_ctime_ns,
                                                          st.st_ino, int(stat.S_ISLNK(st.st_mode))))
                                except OSError:
                                    found.append(FileStat(rel, entry.path, -1, -1))
            except OSError:
                continue
    found.sort()
    return found


def manifest_digest(files: list[FileStat]) -> str:
    """A digest of every record's path, size and mtime: equal digests, unchanged files."""
    h = hashlib.blake2b(digest_size=16)
    for f in files:
        h.update(f"{f.rel}\0{f.size}\0{f.mtime_ns}\n".encode("utf-8", "surrogateescape"))
    return h.hexdigest()


def display_path(rel: str) -> str:
    """A path that prints and encodes as UTF-8 even when the file name was not UTF-8."""
    try:
        rel.encode("utf-8")
        return rel
    except UnicodeEncodeError:
        return os.fsencode(rel).decode("utf-8", "backslashreplace")


def read_bytes(root: Path, rel: str, abspath: str, limit: int | None = None) -> tuple[bytes | None, Problem | None]:
    """The file's bytes; or why they were not read (a link, a bad name, too big, an OS error).

    No link in a parent folder is ever followed (a linked `entries/` or a linked month folder is
    MQ008); a linked file is read only when it resolves inside the repository.
    """
    from . import fsio

    try:
        rel.encode("utf-8")
    except UnicodeEncodeError:
        raw = os.fsencode(os.path.basename(rel))
        enc = guess_encoding(raw) or "?"
        try:
            shown = raw.decode("gb18030" if enc == "GBK" else "big5" if enc == "Big5" else "latin-1")
        except UnicodeDecodeError:
            shown = raw.decode("utf-8", "backslashreplace")
        return None, Problem("MQ001", None, {"encoding": enc, "name": shown}, "MQ001.name")
    if rel.endswith("/"):  # a linked folder that `walk` reported
        folder = rel.rstrip("/")
        return None, Problem("MQ008", 1, {"target": fsio.readlink(os.path.join(root, folder)), "folder": folder},
                             "MQ008.linkdir")
    try:
        return fsio.read_inside(root, rel, limit), None
    except fsio.LinkRefused as exc:
        key = "MQ008.linkdir" if exc.folder or exc.rel != rel else ""
        return None, Problem("MQ008", 1, {"target": exc.target, "folder": exc.rel}, key)
    except fsio.NotRegular:
        return None, Problem("MQ008", 1, {}, "MQ008.notfile")
    except fsio.TooBig as exc:
        return None, Problem("MQ008", 1, {"size": exc.size, "limit": exc.limit}, "MQ008.toobig")
    except OSError as exc:
        return None, Problem("MQ008", 1, {"problem": exc.strerror or str(exc)}, "MQ008.unreadable")


def build_record(rel: str, data: bytes | None, problem: Problem | None, keep_body: bool = False) -> Record:
    """Parse one file's bytes into a Record (never raises on user data)."""
    kind = kind_of(rel) or "entry"
    path = display_path(rel)
    if data is None:
        return Record(path, kind, None, "", 1, problems=(problem,) if problem else ())
    parsed = parse(data, vocab.ALL_KEYS)
    front = None
    problems = parsed.problems
    if parsed.front is not None:
        if isinstance(parsed.front.value, YMap):
            front = build_fields(kind, parsed.front)
        else:
            found = ref("found.list") if isinstance(parsed.front.value, list) else ref("found.scalar")
            problems = (Problem("MQ103", 2, {"found": found}, "MQ103.frontmatter"),)
    body = parsed.body if front is not None else ""
    return Record(
        path, kind, front, body if keep_body else "", parsed.body_line,
        body_chars=count_chars(body),
        signature=sketch(body) if kind == "entry" and front is not None else (),
        text=parsed.text,
        problems=problems,
    )


def load_file(rel: str, data: bytes | None, problem: Problem | None, config: Config,
              keep_body: bool = False) -> tuple[Record, list[Diagnostic]]:
    """One record and the diagnostics of the file checks; the record no longer holds the raw text."""
    rec = build_record(rel, data, problem, keep_body)
    ctx = Context(config, dt.date.min)
    diags = [d for check in FILE_CHECKS for d in check(rec, ctx)]
    return replace(rec, text="", blob=content_hash(data) if data is not None else ""), diags


_WORKER_CONFIG: Config | None = None


def _init_worker(config: Config, main_pid: int = 0) -> None:
    """A pool worker: remember the config, and die with the parent (see `die_with_parent`)."""
    global _WORKER_CONFIG
    _WORKER_CONFIG = config
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the main process, which ends us
    die_with_parent(main_pid)


def die_with_parent(main_pid: int) -> None:
    """End this worker when the process that started it is gone (killed, even with SIGKILL).

    On Linux the kernel sends SIGKILL when the parent dies (prctl PR_SET_PDEATHSIG); everywhere a
    daemon thread also checks twice a second that the parent and the main process still live.
    """
    import sys
    import threading
    import time

    from .fsio import pid_alive

    parent = os.getppid()
    if sys.platform.startswith("linux"):
        try:
            import ctypes
            import signal

            ctypes.CDLL(None, use_errno=True).prctl(1, int(signal.SIGKILL), 0, 0, 0)  # PR_SET_PDEATHSIG
        except (OSError, AttributeError):  # pragma: no cover - no libc prctl
            pass

    def watch() -> None:
        while True:
            if os.getppid() != parent or (main_pid and not pid_alive(main_pid)):
                os._exit(1)
            time.sleep(0.5)

    if os.getppid() != parent:  # pragma: no cover - died before the watch started
        os._exit(1)
    threading.Thread(target=watch, name="minqing-parent-watch", daemon=True).start()


def _row_one(root: Path, f: FileStat, old_blob: str | None, config: Config) -> tuple[Any, ...]:
    """The index row of one file; (rel, stat, time) only when its content is what the index holds."""
    from .index import now_ns, row_of

    checked = now_ns()
    data, problem = read_bytes(root, f.rel, f.path, config.max_record_bytes)
    blob = content_hash(data) if data is not None else ""
    if data is not None and old_blob == blob:
        return (f.rel, f, checked)
    rec, diags = load_file(f.rel, data, problem, config)
    return row_of(f, checked, blob, rec, diags)


def _row_chunk(args: tuple[Path, list[tuple[FileStat, str | None]]]) -> list[tuple[Any, ...]]:
    root, chunk = args
    assert _WORKER_CONFIG is not None
    return [_row_one(root, f, old, _WORKER_CONFIG) for f, old in chunk]


PARALLEL_FROM = 1500  # files to parse before a process pool pays for its start-up


def workers() -> int:
    try:
        return max(1, min(len(os.sched_getaffinity(0)), 16))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, min(os.cpu_count() or 1, 16))


def parse_rows(root: Path, todo: list[tuple[FileStat, str | None]], config: Config,
               progress: bool = False) -> Iterator[tuple[Any, ...]]:
    """Index rows for the files (with the blob the index holds for each, or None), in order;
    over all cores when there are many: a process pool whose workers end with this process."""
    from .progress import bar

    n = workers()
    with bar(len(todo), "parse", enabled=progress and len(todo) >= PARALLEL_FROM) as advance:
        pool = None
        if len(todo) >= PARALLEL_FROM and n >= 2:
            try:
                # fresh interpreters, not forks: a fork copies the parent as it is, with the history
                # walk's thread running (`history.start`)
                import multiprocessing
                from concurrent.futures import ProcessPoolExecutor

                pool = ProcessPoolExecutor(n, mp_context=multiprocessing.get_context("spawn"),
                                           initializer=_init_worker, initargs=(config, os.getpid()))
            except (OSError, RuntimeError, ImportError):  # no processes here (a sandbox): parse serially
                pool = None
        if pool is None:
            for f, old in todo:
                yield _row_one(root, f, old, config)
                advance(1)
            return
        from concurrent.futures.process import BrokenProcessPool

        size = max(100, min(500, len(todo) // (n * 8)))
        done = 0
        with _term_as_interrupt():
            try:
                for part in _bounded_map(pool, root, todo, size, 2 * n):
                    yield from part
                    done += len(part)
                    advance(len(part))
            except BrokenProcessPool:  # a worker could not start or was killed (out of memory): the rest here
                _stop(pool)
                for f, old in todo[done:]:
                    yield _row_one(root, f, old, config)
                    advance(1)
                return
            except BaseException:  # Ctrl-C, SIGTERM or the reader gone: the workers end with us, at once
                _stop(pool)
                raise
        pool.shutdown(wait=True, cancel_futures=True)


def _bounded_map(pool: ProcessPoolExecutor, root: Path, todo: list[tuple[FileStat, str | None]], size: int,
                 ahead: int) -> Iterator[list[tuple[Any, ...]]]:
    """The rows of each chunk of `size` files, in order, with at most `ahead` chunks given out at once:
    parsed rows wait in memory only as far as the reader lags behind (not the whole repository)."""
    from collections import deque

    waiting: deque[Any] = deque()
    for i in range(0, len(todo), size):
        waiting.append(pool.submit(_row_chunk, (root, todo[i:i + size])))
        if len(waiting) >= ahead:
            yield waiting.popleft().result()
    while waiting:
        yield waiting.popleft().result()


@contextmanager
def paused_gc() -> Iterator[None]:
    """Python's cycle collector paused: `check` holds a million small tuples without a cycle among
    them, which every full collection would walk again (a fifth of the checks' time); what little
    cyclic garbage is made meanwhile is collected when it resumes."""
    import gc

    paused = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if paused:
            gc.enable()


def _check_from_index(idx: Any, root: Path, config: Config, today: dt.date, history: dict | None,
                      head_changes: frozenset[str], index_blobs: dict[str, str] | None,
                      facts_only: bool) -> Repository:
    """`check` over the index: the file diagnostics as stored, the repository checks over the stored
    facts; no Record is built for them. `facts_only`: the Repository holds only the Facts (its
    `records` stay empty), else the records are read from the index after the checks."""
    from .checks.facts import households_of

    with paused_gc():
        facts, diagnostics = idx.check_input()
        facts = tuple(facts)
        homes, heads = households_of(facts)
        ctx = Context(config, today, history=history, head_changes=head_changes, index_blobs=index_blobs or {},
                      facts=facts, homes=homes, heads=heads)
        for check in REPO_CHECKS:
            diagnostics.extend(check(ctx))
    diagnostics.sort(key=Diagnostic.sort_key)
    return Repository(root, config, [] if facts_only else list(idx.records()), diagnostics, facts=facts)


def _stop(pool: ProcessPoolExecutor) -> None:
    """End a pool's workers now (terminate), not after their current chunks."""
    for proc in list((getattr(pool, "_processes", None) or {}).values()):
        try:
            proc.terminate()
        except (OSError, AttributeError):  # pragma: no cover - already gone
            pass
    pool.shutdown(wait=True, cancel_futures=True)


class _term_as_interrupt:
    """While workers run, SIGTERM to the main process is handled like Ctrl-C (so they are ended)."""

    def __enter__(self) -> None:
        import signal
        import threading

        self.previous: Any = None
        if threading.current_thread() is threading.main_thread():
            def on_term(signum: int, frame: Any) -> None:
                raise KeyboardInterrupt

            self.previous = signal.signal(signal.SIGTERM, on_term)

    def __exit__(self, *exc: object) -> None:
        import signal

        if self.previous is not None:
            signal.signal(signal.SIGTERM, self.previous)


def make_context(config: Config, today: dt.date, records: Iterable[Record], history: dict | None = None,
                 head_changes: frozenset[str] = frozenset(), index_blobs: dict[str, str] | None = None,
                 with_facts: bool = False) -> Context:
    """The context of the reading commands (records and households); `with_facts`: also each
    record's Facts and the households' Facts, which are all the repository checks read."""
    from .checks.facts import facts_of, households_of

    records = tuple(records)
    households: dict[str, Record] = {}
    heads: dict[str, list[str]] = {}
    for rec in records:
        if rec.kind == "household" and rec.front is not None:
            hid = rec.front.text("id") or rec.stem
            households.setdefault(hid, rec)
    for hid, rec in households.items():
        head = rec.get("head")
        if isinstance(head, str) and head:
            heads.setdefault(head, []).append(hid)
    facts = tuple(facts_of(r) for r in records) if with_facts else ()
    homes = households_of(facts)[0] if with_facts else {}
    return Context(config, today, records, households, heads, history=history, head_changes=head_changes,
                   index_blobs=index_blobs or {}, facts=facts, homes=homes)


def load_repository(
    root: Path,
    config: Config | None = None,
    *,
    today: dt.date | None = None,
    overlay: dict[str, bytes | None] | None = None,
    keep_body: bool = False,
    history: dict | None = None,
    head_changes: frozenset[str] = frozenset(),
    index_blobs: dict[str, str] | None = None,
    files: list[FileStat] | None = None,
    use_cache: bool = True,
    run_checks: bool = True,
    progress: bool = False,
    idx: Any = None,
    facts_only: bool = False,
) -> Repository:
    """Every record under root (with `overlay` replacing or, as None, removing some files' bytes).

    Records come from the index (`minqing.index`), which parses only files whose content changed,
    in parallel when many. `history` (path -> history.FileHistory) turns on the git checks;
    `head_changes` names the files whose index version differs from HEAD and `index_blobs` gives
    each file's blob id in git's index. `keep_body` keeps bodies (and reads every file);
    `use_cache=False` parses every file without reading or writing the index;
    `run_checks=False` only reads the records (no diagnostics); `idx` is an index already synced;
    `facts_only` (what `check` asks): when the checks run over the index, build no Record at all and
    leave `records` empty (`facts` lists every record's Facts).
    """
    from . import index

    config = config or load_config(root)
    today = today or dt.date.today()
    overlay = overlay or {}
    records: list[Record] = []
    diagnostics: list[Diagnostic] = []
    if idx is None and use_cache and not keep_body:
        idx = index.synced(root, config, progress, files)
    if files is None and (idx is None or keep_body):
        files = walk(root)
    if idx is not None and run_checks and not overlay and not keep_body:
        return _check_from_index(idx, root, config, today, history, head_changes, index_blobs, facts_only)
    if idx is not None and not keep_body:
        for rec, diags in idx.rows(skip=frozenset(overlay)):
            records.append(rec)
            if run_checks:
                diagnostics.extend(diags)
    elif keep_body:
        for f in files:
            if f.rel in overlay:
                continue
            data, problem = read_bytes(root, f.rel, f.path, config.max_record_bytes)
            rec, diags = load_file(f.rel, data, problem, config, keep_body=True)
            records.append(rec)
            diagnostics.extend(diags)
    else:
        import marshal

        for row in parse_rows(root, [(f, None) for f in files if f.rel not in overlay], config, progress):
            records.append(Record.from_state(marshal.loads(row[17])))
            if run_checks and row[18]:
                diagnostics.extend(Diagnostic(*d) for d in marshal.loads(row[18]))
    for rel, data in overlay.items():
        if data is not None and kind_of(rel):
            rec, diags = load_file(rel, data, None, config, keep_body=keep_body)
            records.append(rec)
            diagnostics.extend(diags)
    if overlay:
        records.sort(key=lambda r: r.path)
    if not run_checks:
        return Repository(root, config, records, [])
    ctx = make_context(config, today, records, history, head_changes, index_blobs, with_facts=True)
    for check in REPO_CHECKS:
        diagnostics.extend(check(ctx))
    diagnostics.sort(key=Diagnostic.sort_key)
    return Repository(root, config, records, diagnostics, facts=ctx.facts)


def iter_records(root: Path, config: Config | None = None, *, where: str = "", params: Iterable[Any] = (),
                 use_cache: bool = True) -> Iterator[Record]:
    """Records one at a time (from the index when it is usable; `where` filters its rows), in path order."""
    from . import index

    config = config or load_config(root)
    idx = index.synced(root, config) if use_cache else None
    if idx is not None:
        yield from idx.records(where, params)
        return
    import marshal

    for row in parse_rows(root, [(f, None) for f in walk(root)], config):
        yield Record.from_state(marshal.loads(row[17]))
