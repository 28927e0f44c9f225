"""MQ126–MQ127: attachments (附件) of an entry — photos and scans kept in the repository beside the diary."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import PurePosixPath
from typing import Any

from ..diagnostics import Diagnostic
from ..model import Record
from .base import Context, check, diag

ALLOWED = (".jpg", ".jpeg", ".png", ".gif", ".webp", ".pdf")
MAX_BYTES = 10 * 1024 * 1024  # 10 MB: a phone photo is 2–5 MB; a scanned notebook page as PDF rarely more
# the first bytes each allowed type starts with (a renamed .heic or .docx is caught here)
_MAGIC = {".jpg": (b"\xff\xd8\xff",), ".jpeg": (b"\xff\xd8\xff",), ".png": (b"\x89PNG\r\n\x1a\n",),
          ".gif": (b"GIF87a", b"GIF89a"), ".pdf": (b"%PDF",), ".webp": (b"RIFF",)}


def attachment_items(rec: Record) -> Iterator[tuple[str, int]]:
    """(path as written, its line) of every attachment of an entry."""
    if rec.front is None:
        return
    for item in rec.front.items.get("attachments", []):
        path = item.text("path")
        if path:
            yield path, item.line_of("path")


def resolve(root: str, entry_path: str, written: str) -> tuple[str | None, str]:
    """(repository-relative path, "") for an attachment, or (None, why) when it cannot be one."""
    text = written.replace("\\", "/")
    if "://" in text or text.startswith("/") or (len(text) > 1 and text[1] == ":"):
        return None, "absolute"
    parts: list[str] = list(PurePosixPath(entry_path).parent.parts)
    for part in PurePosixPath(text).parts:
        if part in ("", "."):
            continue
        if part == "..":
            if not parts:
                return None, "outside"
            parts.pop()
        else:
            parts.append(part)
    return "/".join(parts), ""


def _named(ctx: Context) -> Iterator[tuple[Any, str, int, str | None, str]]:
    """(entry's Facts, the path as written, its line, repository-relative path or None, why not) of every attachment."""
    root = str(ctx.config.root)
    for f in ctx.facts:
        if f.kind != "entry":
            continue
        for written, line in f.attachments:
            rel, why = resolve(root, f.path, written)
            yield f, written, line, rel, why


@check("MQ126")
def bad_attachment(ctx: Context) -> Iterator[Diagnostic]:
    """An attachment that is not a file of the repository: missing, outside it (also through a
    symbolic link), or not one of the types the volume can print (jpg, jpeg, png, gif, webp, pdf).

    The path is relative to the entry's folder, like an image link in Markdown: a photo saved next to
    the diary is `附件: [照片1.jpg]`, one in a shared folder `../../../附件/2024-03/照片1.jpg`.
    """
    root = str(ctx.config.root)
    real_root = os.path.realpath(root)
    for rec, written, line, rel, why in _named(ctx):
        if rel is None:
            yield diag(rec, "MQ126", line, "MQ126." + why, value=written)
            continue
        full = os.path.join(root, *rel.split("/"))
        ext = os.path.splitext(rel)[1].lower()
        if not os.path.lexists(full):
            yield diag(rec, "MQ126", line, "MQ126.missing", value=written, path=rel)
            continue
        real = os.path.realpath(full)
        if os.path.commonpath([real, real_root]) != real_root:
            yield diag(rec, "MQ126", line, "MQ126.link", value=written)
            continue
        if not os.path.isfile(real):
            yield diag(rec, "MQ126", line, "MQ126.notfile", value=written)
            continue
        if ext not in ALLOWED:
            yield diag(rec, "MQ126", line, "MQ126.type", value=written, ext=ext or "-",
                       allowed=", ".join(a[1:] for a in ALLOWED))
            continue
        try:
            with open(real, "rb") as fh:
                head = fh.read(12)
        except OSError as exc:
            yield diag(rec, "MQ126", line, "MQ126.unreadable", value=written, problem=exc.strerror or str(exc))
            continue
        if not head.startswith(_MAGIC[ext]) or (ext == ".webp" and head[8:12] != b"WEBP"):
            yield diag(rec, "MQ126", line, "MQ126.content", value=written, ext=ext[1:])


@check("MQ127")
def large_attachment(ctx: Context) -> Iterator[Diagnostic]:
    """An attachment larger than 10 MB: it bloats every clone of the repository and the printed volume."""
    root = str(ctx.config.root)
    for rec, written, line, rel, _ in _named(ctx):
        if rel is None:
            continue
        full = os.path.join(root, *rel.split("/"))
        try:
            size = os.stat(full).st_size if os.path.isfile(full) else 0
        except OSError:
            continue
        if size > MAX_BYTES:
            yield diag(rec, "MQ127", line, value=written, size=f"{size / 1024 / 1024:.1f}",
                       limit=str(MAX_BYTES // 1024 // 1024))
