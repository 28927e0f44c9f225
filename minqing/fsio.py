"""Writing files safely: through a temporary file in the same folder, never over an existing file."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Iterable
from pathlib import Path

from .errors import MinqingError


def write_new(path: Path, data: bytes | Iterable[bytes], force: bool = False, *, exists_key: str,
              nofolder_key: str) -> None:
    """Write `data` (bytes, or pieces of bytes written as they come) to `path` atomically; an existing
    `path` is an error (`exists_key`) unless `force`. A failure while the pieces come leaves nothing.

    Without `force` the file is published with a hard link, which fails if the name was taken
    meanwhile: nothing is overwritten even in a race. The message keys name the command's own
    catalog sentences for "already exists" and "no such folder".
    """
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise MinqingError(nofolder_key, path=str(folder))
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        mode = None
    if mode is not None and not stat.S_ISREG(mode):  # /dev/stdout, a FIFO, a folder, a link: never replaced
        raise MinqingError("err.out.special", path=str(path))
    if path.exists() and not force:
        raise MinqingError(exists_key, path=str(path))
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as fh:
            if isinstance(data, (bytes, bytearray, memoryview)):
                fh.write(data)
            else:
                for piece in data:
                    fh.write(piece)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)
        if force:
            os.replace(tmp, path)
        else:
            try:
                os.link(tmp, path)
            except FileExistsError:
                raise MinqingError(exists_key, path=str(path)) from None
            except OSError:  # a file system without hard links (some USB sticks)
                if path.exists():
                    raise MinqingError(exists_key, path=str(path)) from None
                os.replace(tmp, path)
    finally:
        if os.path.lexists(tmp):
            os.unlink(tmp)


# ---- reading inside a repository without following links ----

_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_DIRECTORY = getattr(os, "O_DIRECTORY", 0)
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
_AT = os.open in os.supports_dir_fd and bool(_NOFOLLOW)


class LinkRefused(Exception):
    """A path inside the repository passes through a symbolic link that is not followed."""

    def __init__(self, rel: str, target: str, folder: bool) -> None:
        super().__init__(rel)
        self.rel = rel  # the linked component, relative to the root, with /
        self.target = target
        self.folder = folder


class NotRegular(Exception):
    """The path is a pipe, a device, a socket or a folder, which would block or never end."""


def readlink(path: str | Path) -> str:
    """Where a link points, as written in it ("?" when it cannot be read)."""
    return _readlink(str(path))


def _readlink(path: str, dir_fd: int | None = None) -> str:
    try:
        return os.readlink(path, dir_fd=dir_fd) if dir_fd is not None else os.readlink(path)
    except OSError:
        return "?"


def is_inside(root: str | Path, path: str | Path) -> bool:
    """True when `path`, with every link resolved, lies in `root` (also resolved)."""
    real_root = os.path.realpath(root)
    target = os.path.realpath(path)
    try:
        return os.path.commonpath([target, real_root]) == real_root
    except ValueError:  # another drive on Windows
        return False


def open_dir_nofollow(root: str | Path, rel: str) -> int:
    """A descriptor of folder `root/rel`, refusing any component of `rel` that is a link (LinkRefused)."""
    dfd = os.open(root, os.O_RDONLY | _DIRECTORY | _CLOEXEC)
    done: list[str] = []
    try:
        for part in [p for p in rel.split("/") if p not in ("", ".")]:
            if part == "..":
                raise LinkRefused("/".join([*done, part]), "..", True)
            if _AT:
                try:
                    nfd = os.open(part, os.O_RDONLY | _DIRECTORY | _NOFOLLOW | _CLOEXEC, dir_fd=dfd)
                except OSError as exc:
                    if stat.S_ISLNK(os.lstat(part, dir_fd=dfd).st_mode) if _lexists(part, dfd) else False:
                        raise LinkRefused("/".join([*done, part]), _readlink(part, dfd), True) from None
                    raise exc
            else:  # pragma: no cover - no openat/O_NOFOLLOW (Windows): check with lstat
                path = os.path.join(root, *done, part)
                if os.path.islink(path):
                    raise LinkRefused("/".join([*done, part]), _readlink(path), True)
                nfd = os.open(path, os.O_RDONLY | _DIRECTORY)
            os.close(dfd)
            dfd = nfd
            done.append(part)
        return dfd
    except BaseException:
        os.close(dfd)
        raise


def _lexists(name: str, dfd: int) -> bool:
    try:
        os.lstat(name, dir_fd=dfd)
        return True
    except OSError:
        return False


def read_inside(root: str | Path, rel: str, limit: int | None = None, *, link_inside_ok: bool = True) -> bytes:
    """The bytes of regular file `root/rel`, read without following a link in any parent folder.

    The last component may be a link only when `link_inside_ok` and it resolves inside `root`; its
    target is then read the same way. Raises LinkRefused, NotRegular, TooBig (more than `limit`
    bytes) or OSError. A pipe or device is never opened for reading (O_NONBLOCK, then fstat).
    """
    parent, _, name = rel.rpartition("/")
    dfd = open_dir_nofollow(root, parent)
    try:
        try:
            fd = os.open(name, os.O_RDONLY | _NOFOLLOW | _NONBLOCK | _CLOEXEC, dir_fd=dfd) if _AT else \
                os.open(os.path.join(root, rel), os.O_RDONLY | _NONBLOCK)
        except OSError:
            if _AT and _lexists(name, dfd) and stat.S_ISLNK(os.lstat(name, dir_fd=dfd).st_mode):
                target = _readlink(name, dfd)
                full = os.path.join(root, rel)
                if not link_inside_ok or not is_inside(root, full):
                    raise LinkRefused(rel, target, os.path.isdir(full)) from None
                real_rel = os.path.relpath(os.path.realpath(full), os.path.realpath(root)).replace(os.sep, "/")
                return read_inside(os.path.realpath(root), real_rel, limit, link_inside_ok=False)
            raise
    finally:
        os.close(dfd)
    st = os.fstat(fd)
    if not stat.S_ISREG(st.st_mode):
        os.close(fd)
        raise NotRegular(rel)
    with os.fdopen(fd, "rb") as fh:
        if limit is not None and st.st_size > limit:
            raise TooBig(rel, st.st_size, limit)
        data = fh.read() if limit is None else fh.read(limit + 1)
    if limit is not None and len(data) > limit:  # grew while we read
        raise TooBig(rel, len(data), limit)
    return data


class TooBig(Exception):
    """A record larger than the configured `max_record_bytes`."""

    def __init__(self, rel: str, size: int, limit: int) -> None:
        super().__init__(rel)
        self.size = size
        self.limit = limit


OUT_DIR = "out"  # generated output (compile, export, schema) inside a records repository


def output_folder(root: Path) -> Path:
    """`out/` at the repository's top, made on first use with its own `.gitignore` (`*`).

    `init` also lists `out/` in the repository's .gitignore; the folder's own file keeps it out of
    `git add -A` in repositories made before that, and no record walk ever reads it.
    """
    folder = root / OUT_DIR
    try:
        folder.mkdir(exist_ok=True)
        ignore = folder / ".gitignore"
        if not ignore.exists():
            ignore.write_text("# minqing: generated output (compile, export, schema); never committed\n*\n", encoding="utf-8")
    except OSError as exc:
        raise MinqingError("err.outdir", path=str(folder), problem=exc.strerror or str(exc)) from None
    return folder


# ---- publishing a folder at once ----

def exchange(a: str | Path, b: str | Path) -> bool:
    """Swap two paths in one step (Linux renameat2 RENAME_EXCHANGE); False where the system cannot."""
    import ctypes
    import errno

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        fn = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    if fn(at_fdcwd, os.fsencode(str(a)), at_fdcwd, os.fsencode(str(b)), rename_exchange) == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.ENOSYS, errno.EINVAL, errno.EPERM):
        return False
    raise OSError(err, os.strerror(err), str(b))


class Busy(Exception):
    """Another minqing process holds the lock."""


class Lock:
    """An exclusive lock file (O_CREAT|O_EXCL) holding the owner's pid; a dead owner's lock is taken over."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def __enter__(self) -> "Lock":
        for _ in range(2):
            try:
                fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _CLOEXEC, 0o644)
            except FileExistsError:
                if self._owner_alive():
                    raise Busy(str(self.path)) from None
                with contextlib.suppress(OSError):
                    os.unlink(self.path)
                continue
            with os.fdopen(fd, "w") as fh:
                fh.write(str(os.getpid()))
            return self
        raise Busy(str(self.path))

    def _owner_alive(self) -> bool:
        try:
            pid = int(self.path.read_text(encoding="ascii").strip() or "0")
        except (OSError, ValueError):
            return True  # being written right now
        return pid <= 0 or pid_alive(pid)

    def __exit__(self, *exc: object) -> None:
        with contextlib.suppress(OSError):
            os.unlink(self.path)


def pid_alive(pid: int) -> bool:
    """True while process `pid` exists (one we may not signal counts as alive)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True
