"""Writing files safely: through a temporary file in the same folder, never over an existing file."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .errors import MinqingError


def write_new(path: Path, data: bytes, force: bool = False, *, exists_key: str, nofolder_key: str) -> None:
    """Write `data` to `path` atomically; an existing `path` is an error (`exists_key`) unless `force`.

    Without `force` the file is published with a hard link, which fails if the name was taken
    meanwhile: nothing is overwritten even in a race. The message keys name the command's own
    catalog sentences for "already exists" and "no such folder".
    """
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise MinqingError(nofolder_key, path=str(folder))
    if path.exists() and not force:
        raise MinqingError(exists_key, path=str(path))
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
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
