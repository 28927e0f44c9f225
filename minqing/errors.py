"""The one exception for problems that stop a command; the CLI maps it to a message and exit code."""

from __future__ import annotations

from typing import Any

from . import i18n


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
