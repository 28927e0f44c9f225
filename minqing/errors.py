"""The one exception for problems that stop a command; the CLI maps it to a message and exit code."""

from __future__ import annotations

import os
from typing import Any

from . import i18n


# errno -> the catalog sentence that says what happened and what to do (every message names the path)
_OS_KEYS = {
    "EROFS": "err.os.readonly", "EACCES": "err.os.denied", "EPERM": "err.os.denied",
    "ENOSPC": "err.os.full", "EDQUOT": "err.os.full", "EFBIG": "err.os.full",
    "ENAMETOOLONG": "err.os.toolong", "ENOENT": "err.os.missing", "ENOTDIR": "err.os.notdir",
    "EISDIR": "err.os.isdir", "ELOOP": "err.os.loop", "EEXIST": "err.os.exists", "EIO": "err.os.io",
    "EMFILE": "err.os.busy", "ENFILE": "err.os.busy", "EBUSY": "err.os.busy", "ETXTBSY": "err.os.busy",
}


def from_os_error(exc: OSError) -> "MinqingError":
    """The one place an operating-system failure becomes a message: which path, what, what to do."""
    import errno

    name = errno.errorcode.get(exc.errno or 0, "")
    path = exc.filename if exc.filename is not None else ""
    key = _OS_KEYS.get(name, "err.os")
    return MinqingError(key, path=os.fsdecode(path) if isinstance(path, bytes) else str(path),
                        problem=exc.strerror or str(exc))


class MinqingError(Exception):
    """A stop with a catalog message: bad usage, bad config, no repository (exit 2 unless told)."""

    def __init__(self, key: str, exit_code: int = 2, **params: Any) -> None:
        super().__init__(key)
        self.key = key
        self.exit_code = exit_code
        self.params = params

    def message(self, lang: str) -> str:
        params = {k: ("、" if lang == "zh" else ", ").join(map(str, v)) if isinstance(v, list) else v
                  for k, v in self.params.items()}
        if "suggestion" in params:  # "did you mean", as in diagnostics
            found = params.pop("suggestion")
            params["suggest"] = i18n.t("did_you_mean", lang, value=found) if found else ""
        if "problem_key" in params:
            pk = params.pop("problem_key")
            pp = params.pop("problem_params", {})
            params["problem"] = i18n.t(pk, lang, **i18n.resolve(pp, lang))
        return i18n.t(self.key, lang, **i18n.resolve(params, lang))
