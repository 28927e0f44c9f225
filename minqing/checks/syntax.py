"""MQ001–MQ008: faults found while reading and splitting a file (the parse stage records them)."""

from __future__ import annotations

from collections.abc import Iterator

from ..diagnostics import Diagnostic
from ..model import Record
from .base import Context, check


def _problems(rec: Record, code: str) -> Iterator[Diagnostic]:
    for problem in rec.problems:
        if problem.code == code:
            yield problem.at(rec.path)


@check("MQ001")
def not_utf8(rec: Record, ctx: Context) -> Iterator[Diagnostic]:
    """The file (or its name) is not UTF-8: name the encoding it looks like and how to re-save."""
    yield from _problems(rec, "MQ001")


@check("MQ002")
def no_front_matter(rec: Record, ctx: Context) -> Iterator[Diagnostic]:
    """The file does not open with a `---` line (or is empty)."""
    yield from _problems(rec, "MQ002")


@check("MQ003")
def front_matter_not_closed(rec: Record, ctx: Context) -> Iterator[Diagnostic]:
    """No closing `---` after the opening one."""
    yield from _problems(rec, "MQ003")


@check("MQ004")
def yaml_syntax(rec: Record, ctx: Context) -> Iterator[Diagnostic]:
    """YAML the parser rejects, tabs, anchors, aliases, tags, and nesting too deep to parse safely."""
    yield from _problems(rec, "MQ004")


@check("MQ005")
def conflict_markers(rec: Record, ctx: Context) -> Iterator[Diagnostic]:
    """`<<<<<<<`, `=======`, `>>>>>>>` left by a git merge."""
    yield from _problems(rec, "MQ005")


@check("MQ007")
def ime_punctuation(rec: Record, ctx: Context) -> Iterator[Diagnostic]:
    """Full-width `：`, `，`, U+3000 or invisible characters where YAML needs ASCII."""
    yield from _problems(rec, "MQ007")


@check("MQ008")
def unreadable(rec: Record, ctx: Context) -> Iterator[Diagnostic]:
    """A symbolic link leading out of the repository, or a file that cannot be read."""
    yield from _problems(rec, "MQ008")
