"""Walk a records repository, read and parse every record, and run the checks: -> Repository.

Reading one file is a pure function of its bytes and the config (`load_file`), which is what the
parse cache stores and what a process pool runs in parallel. Repository-wide checks run after.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from . import vocab
from .checks import FILE_CHECKS, REPO_CHECKS, Context
from .config import Config, load_config
from .diagnostics import Diagnostic, Problem
from .frontmatter import YMap, guess_encoding, parse
from .model import Record, build_fields, count_chars
from .checks.form import sketch

RECORD_DIRS = ("entries", "households")


@dataclass
class Repository:
    """Every record of a repository, with the diagnostics found in them."""

    root: Path
    config: Config
    records: list[Record]
    diagnostics: list[Diagnostic]
    notes: list[tuple[str, dict[str, str]]] = field(default_factory=list)

    @property
    def entries(self) -> list[Record]:
        return [r for r in self.records if r.kind == "entry" and r.front is not None]

    @property
    def households(self) -> list[Record]:
        return [r for r in self.records if r.kind == "household" and r.front is not None]

    def context(self, today: dt.date | None = None) -> Context:
        return make_context(self.config, today or dt.date.today(), self.records)


def kind_of(rel: str) -> str | None:
    """'entry' for entries/**.md, 'household' for households/*.md, else None."""
    if not rel.endswith(".md"):
        return None
    if rel.startswith("entries/"):
        return "entry"
    if rel.startswith("households/") and rel.count("/") == 1:
        return "household"
    return None


def walk(root: Path) -> Iterator[tuple[str, str]]:
    """(relative path with /, absolute path) of every record file, in path order."""
    found: list[tuple[str, str]] = []
    for top in RECORD_DIRS:
        base = os.path.join(root, top)
        stack = [base]
        while stack:
            folder = stack.pop()
            try:
                with os.scandir(folder) as it:
                    for entry in it:
                        if entry.name.startswith("."):
                            continue
                        if entry.is_dir(follow_symlinks=False):
                            stack.append(entry.path)
                        elif entry.name.endswith(".md"):
                            rel = os.path.relpath(entry.path, root).replace(os.sep, "/")
                            if kind_of(rel):
                                found.append((rel, entry.path))
            except OSError:
                continue
    found.sort()
    return iter(found)


def display_path(rel: str) -> str:
    """A path that prints and encodes as UTF-8 even when the file name was not UTF-8."""
    try:
        rel.encode("utf-8")
        return rel
    except UnicodeEncodeError:
        return os.fsencode(rel).decode("utf-8", "backslashreplace")


def read_bytes(root: Path, rel: str, abspath: str) -> tuple[bytes | None, Problem | None]:
    """The file's bytes; or why they were not read (a link out of the repository, a bad name, an OS error)."""
    try:
        rel.encode("utf-8")
    except UnicodeEncodeError:
        raw = os.fsencode(os.path.basename(rel))
        enc = guess_encoding(raw)
        try:
            shown = raw.decode("gb18030" if enc == "GBK" else "big5" if enc == "Big5" else "latin-1")
        except UnicodeDecodeError:
            shown = raw.decode("utf-8", "backslashreplace")
        return None, Problem("MQ001", None, {"encoding": enc, "name": shown}, "MQ001.name")
    try:
        if os.path.islink(abspath):
            target = os.path.realpath(abspath)
            real_root = os.path.realpath(root)
            if os.path.commonpath([target, real_root]) != real_root:
                return None, Problem("MQ008", 1, {"target": os.readlink(abspath)})
        with open(abspath, "rb") as fh:
            return fh.read(), None
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
            found = "@found.list" if isinstance(parsed.front.value, list) else "@found.scalar"
            problems = (Problem("MQ103", 2, {"found": found}, "MQ103.frontmatter"),)
    body = parsed.body if front is not None else ""
    return Record(
        path, kind, front, body if keep_body else "", parsed.body_line,
        body_chars=count_chars(body),
        signature=sketch(body) if kind == "entry" and front is not None else (),
        text=parsed.text,
        problems=problems,
    )


def load_file(rel: str, data: bytes | None, problem: Problem | None, config: Config, today: dt.date,
              keep_body: bool = False) -> tuple[Record, list[Diagnostic]]:
    """One record and the diagnostics of the file checks; the record no longer holds the raw text."""
    rec = build_record(rel, data, problem, keep_body)
    ctx = Context(config, today)
    diags = [d for check in FILE_CHECKS for d in check(rec, ctx)]
    return replace(rec, text=""), diags


def make_context(config: Config, today: dt.date, records: Iterable[Record], history: dict | None = None,
                 modified: frozenset[str] = frozenset()) -> Context:
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
    return Context(config, today, records, households, heads, history=history, modified=modified)


def load_repository(
    root: Path,
    config: Config | None = None,
    *,
    today: dt.date | None = None,
    overlay: dict[str, bytes | None] | None = None,
    keep_body: bool = False,
    history: dict | None = None,
    modified: frozenset[str] = frozenset(),
) -> Repository:
    """Every record under root (with `overlay` replacing or, as None, removing some files' bytes).

    `history` (path -> history.FileHistory) turns on the git checks; `modified` names the files
    that differ from their last commit.
    """
    config = config or load_config(root)
    today = today or dt.date.today()
    files = dict(walk(root))
    overlay = overlay or {}
    records: list[Record] = []
    diagnostics: list[Diagnostic] = []
    for rel in sorted(set(files) | {p for p, d in overlay.items() if d is not None and kind_of(p)}):
        if rel in overlay:
            data, problem = overlay[rel], None
            if data is None:
                continue
        else:
            data, problem = read_bytes(root, rel, files[rel])
        rec, diags = load_file(rel, data, problem, config, today, keep_body)
        records.append(rec)
        diagnostics.extend(diags)
    ctx = make_context(config, today, records, history, modified)
    for check in REPO_CHECKS:
        diagnostics.extend(check(ctx))
    diagnostics.sort(key=Diagnostic.sort_key)
    return Repository(root, config, records, diagnostics)
