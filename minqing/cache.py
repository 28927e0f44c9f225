"""The parse cache: each record's parse and file-check diagnostics, keyed by path, size, mtime and hash.

It lives in `.git/minqing/` (or `.minqing-cache/` outside git) and is written atomically. Its
contents are plain data read with `marshal`, and only after a keyed BLAKE2 MAC made with a
secret kept in the user's own cache folder has been checked: a repository copied from elsewhere
cannot bring a cache that minqing would trust. A cache of another minqing version, another
config, a corrupt or a truncated file is ignored and rebuilt, never an error.
"""

from __future__ import annotations

import hashlib
import hmac
import marshal
import os
import tempfile
from pathlib import Path
from typing import Any

from . import __version__

MAGIC = b"MQC1"
_MAC_SIZE = 32


def enabled() -> bool:
    return os.environ.get("MINQING_NO_CACHE", "") in ("", "0")


def _user_key() -> bytes | None:
    """The per-user secret that signs caches; created once, readable by the user only."""
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "minqing"
    path = base / "key"
    try:
        return path.read_bytes()[:32] or None
    except OSError:
        pass
    try:
        base.mkdir(parents=True, exist_ok=True)
        key = os.urandom(32)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as fh:
            fh.write(key)
        return key
    except FileExistsError:
        try:
            return path.read_bytes()[:32] or None
        except OSError:
            return None
    except OSError:
        return None


def folder(root: Path) -> Path:
    """`.git/minqing/` of the repository that holds root, else `root/.minqing-cache/`."""
    for parent in (root, *root.parents):
        git = parent / ".git"
        if git.is_dir():
            tag = hashlib.blake2b(str(root.resolve()).encode(), digest_size=8).hexdigest()
            return git / "minqing" / tag
        if git.exists():  # a worktree's .git file: keep the cache beside the records
            break
    return root / ".minqing-cache"


_CODE: str | None = None


def code_stamp() -> str:
    """The minqing version and a digest of its modules' sizes and mtimes: a changed checker, a new cache."""
    global _CODE
    if _CODE is None:
        h = hashlib.blake2b(__version__.encode(), digest_size=8)
        package = Path(__file__).resolve().parent
        for path in sorted(package.rglob("*.py")):
            st = path.stat()
            h.update(f"{path.relative_to(package)}:{st.st_size}:{st.st_mtime_ns};".encode())
        _CODE = h.hexdigest()
    return _CODE


def _mac(key: bytes, payload: bytes) -> bytes:
    return hashlib.blake2b(payload, key=key, digest_size=_MAC_SIZE).digest()


def load(root: Path, name: str, stamp: Any) -> Any | None:
    """The cached value `name` when it was stored with the same stamp (version, config…), else None."""
    if not enabled():
        return None
    key = _user_key()
    if key is None:
        return None
    try:
        data = _read_unlinked(folder(root) / name)
    except (OSError, _Linked):
        return None
    if len(data) < len(MAGIC) + _MAC_SIZE or not data.startswith(MAGIC):
        return None
    mac, payload = data[len(MAGIC):len(MAGIC) + _MAC_SIZE], data[len(MAGIC) + _MAC_SIZE:]
    if not hmac.compare_digest(mac, _mac(key, payload)):
        return None
    try:
        saved_stamp, value = marshal.loads(payload)
    except (EOFError, ValueError, TypeError):
        return None
    return value if saved_stamp == (code_stamp(), stamp) else None


def save(root: Path, name: str, stamp: Any, value: Any) -> None:
    """Store `value` atomically (temporary file, then rename); failures only cost the next run time."""
    if not enabled():
        return
    key = _user_key()
    if key is None:
        return
    try:
        payload = marshal.dumps(((code_stamp(), stamp), value))
    except ValueError:  # pragma: no cover - only plain data is ever stored
        return
    target = folder(root)
    try:
        _refuse_links(target)
        target.mkdir(parents=True, exist_ok=True)
        _refuse_links(target / name)
        if target.name == ".minqing-cache" and not (target / ".gitignore").exists():
            (target / ".gitignore").write_text("*\n", encoding="utf-8")
        fd, tmp = tempfile.mkstemp(dir=target, prefix=f".{name}.", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(MAGIC + _mac(key, payload) + payload)
            os.replace(tmp, target / name)
        except BaseException:
            os.unlink(tmp)
            raise
    except (OSError, _Linked):
        return


class _Linked(Exception):
    """A cache folder or file that is a symbolic link: never read or written through."""


def _cache_parts(path: Path) -> list[Path]:
    """`.git`, `.git/minqing`, `.git/minqing/<tag>`, the file (or `.minqing-cache` and the file)."""
    parts = [path]
    while parts[-1].parent.name not in (".git",) and parts[-1].name not in (".git", ".minqing-cache") \
            and parts[-1].parent != parts[-1]:
        parts.append(parts[-1].parent)
    if parts[-1].name != ".git" and parts[-1].parent.name == ".git":
        parts.append(parts[-1].parent)
    return parts


def _refuse_links(path: Path) -> None:
    for part in _cache_parts(path):
        if part.is_symlink():
            raise _Linked(str(part))


def _read_unlinked(path: Path) -> bytes:
    from .fsio import read_inside

    _refuse_links(path)
    top = _cache_parts(path)[-1].parent
    return read_inside(top, path.relative_to(top).as_posix(), link_inside_ok=False)


def content_hash(data: bytes) -> str:
    """The git blob id of the bytes (so a work-tree file can be compared with the index without git)."""
    return hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()
