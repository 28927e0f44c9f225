"""Images in a volume: a body's `![说明](photos/x.jpg)` and an entry's `attachments` / 附件, embedded.

An image is read only when its path, taken relative to the entry's folder as a Markdown link is,
resolves (symlinks followed) to a file inside the repository, outside `.git` and the output folder;
it must be a JPEG, PNG, GIF or WebP by its first bytes (never SVG, which can carry script) and at most
`MAX_BYTES`. It is embedded as a data: URL, so the HTML volume stays one offline file and WeasyPrint
fetches nothing. Anything else prints as its caption with the reason, never as a broken link.
"""

from __future__ import annotations

import base64
import re
from collections.abc import Iterable
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import unquote

from . import i18n

MAX_BYTES = 5 * 1024 * 1024
_MAGIC = (
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
)
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
# ![alt](target "title") in Markdown source, for the redacted Markdown volume (bodies printed as written)
# the alt text stops at any bracket (so `![![![…` is scanned once, not from every `![`) and
# whitespace runs are taken whole (`(?=(?P<a>\s*))(?P=a)` is an atomic group that Python 3.10 can
# write): three adjacent optional blank runs would otherwise backtrack quadratically on a long one
_MD_IMAGE = re.compile(r"!\[(?P<alt>(?:[^\[\]\\]|\\.)*)\]\((?=(?P<w1>\s*))(?P=w1)(?P<target><[^>]*>|[^)\s]*)"
                       r"(?:(?=(?P<w2>\s+))(?P=w2)(?:\"[^\"]*\"|'[^']*'|\([^)]*\)))?(?=(?P<w3>\s*))(?P=w3)\)")
ATTACHMENT_KEYS = ("attachments", "附件")


def media_type(head: bytes) -> str | None:
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            return kind
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    return None


def resolve(root: Path, entry_path: str, target: str) -> tuple[Path | None, str]:
    """(file, "") for a target inside the repository, or (None, problem key)."""
    raw = unquote(target.strip().strip("<>"))
    if not raw or _SCHEME.match(raw) or raw.startswith(("/", "\\")) or "\\" in raw or "\x00" in raw:
        return None, "compile.figure.outside"
    top = root.resolve()
    folder = PurePosixPath(entry_path).parent
    try:
        path = (top / folder / raw).resolve()
    except (OSError, RuntimeError):
        return None, "compile.figure.missing"
    try:
        rel = path.relative_to(top)
    except ValueError:
        return None, "compile.figure.outside"
    if rel.parts[:1] in ((".git",), ("out",)):
        return None, "compile.figure.outside"
    if not path.is_file():
        return None, "compile.figure.missing"
    return path, ""


def embed(root: Path, entry_path: str, target: str) -> tuple[str, str]:
    """(data: URL, "") or ("", problem key) for one image path written in an entry."""
    path, problem = resolve(root, entry_path, target)
    if path is None:
        return "", problem
    try:
        if path.stat().st_size > MAX_BYTES:
            return "", "compile.figure.toolarge"
        data = path.read_bytes()
    except OSError:
        return "", "compile.figure.missing"
    if len(data) > MAX_BYTES:
        return "", "compile.figure.toolarge"
    kind = media_type(data[:16])
    if kind is None:
        return "", "compile.figure.pdf" if data.startswith(b"%PDF") else "compile.figure.badtype"
    return f"data:{kind};base64,{base64.b64encode(data).decode('ascii')}", ""


_IMAGE_PARSER: Any = None


def body_images(body: str) -> list[tuple[str, str]]:
    """(src as markdown-it gives it, alt text) for every image in a Markdown body, in order."""
    global _IMAGE_PARSER
    if "![" not in body:  # every image, inline or by reference, starts with these two characters
        return []
    if _IMAGE_PARSER is None:
        from markdown_it import MarkdownIt

        _IMAGE_PARSER = MarkdownIt("commonmark", {"html": False}).disable(["link", "autolink"])
    md = _IMAGE_PARSER
    out: list[tuple[str, str]] = []

    def walk(tokens: Iterable[Any]) -> None:
        for tok in tokens:
            if tok.type == "image":
                out.append((str(tok.attrGet("src") or ""), tok.content or ""))
            if tok.children:
                walk(tok.children)

    walk(md.parse(body))
    return out


def attachments_of(value: Any) -> list[tuple[str, str]]:
    """(path, caption) for an entry's `attachments`: a list of paths or of {path/路径, caption/说明}."""
    items = value if isinstance(value, list) else [value] if value else []
    out = []
    for item in items:
        if isinstance(item, str) and item.strip():
            out.append((item.strip(), ""))
        elif isinstance(item, dict):
            path = item.get("path") or item.get("路径")
            caption = item.get("caption") or item.get("说明") or ""
            if isinstance(path, str) and path.strip():
                out.append((path.strip(), caption if isinstance(caption, str) else str(caption)))
    return out


def strip_markdown_images(body: str, lang: str) -> tuple[str, int]:
    """A body with every `![alt](target)` replaced by a note naming the left-out image; and how many."""
    count = 0

    def note(m: re.Match[str]) -> str:
        nonlocal count
        count += 1
        return i18n.t("compile.figure.omitted_one", lang, caption=m.group("alt"))

    return _MD_IMAGE.sub(note, body), count


def relink_markdown_images(body: str, root: Path, entry_path: str, out_dir: Path) -> str:
    """A body whose image targets inside the repository point at the same files from `out_dir` (where a
    Markdown volume is written), so that its pictures still show; other targets are left as written."""
    import os

    def relink(m: re.Match[str]) -> str:
        path, _ = resolve(root, entry_path, m.group("target"))
        if path is None:
            return m.group(0)
        rel = os.path.relpath(path, out_dir.resolve()).replace(os.sep, "/")
        return f"![{m.group('alt')}](<{rel}>)"

    return _MD_IMAGE.sub(relink, body)

