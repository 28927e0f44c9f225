"""Diagnostics: a code, a severity, a place, and the parameters of a catalog message."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from . import i18n
from .escape import clean
from .pii import mask_numbers

ERROR, WARNING, INFO = "error", "warning", "info"

SEVERITY: dict[str, str] = {
    "MQ001": ERROR, "MQ002": ERROR, "MQ003": ERROR, "MQ004": ERROR, "MQ005": ERROR,
    "MQ006": ERROR, "MQ007": ERROR, "MQ008": ERROR,
    "MQ101": ERROR, "MQ102": WARNING, "MQ103": ERROR, "MQ104": ERROR, "MQ105": WARNING,
    "MQ106": ERROR, "MQ107": ERROR, "MQ108": ERROR, "MQ109": ERROR, "MQ110": ERROR,
    "MQ111": ERROR, "MQ112": ERROR, "MQ113": ERROR, "MQ114": ERROR, "MQ115": ERROR,
    "MQ116": WARNING, "MQ117": WARNING, "MQ118": WARNING, "MQ119": ERROR,
    "MQ126": ERROR, "MQ127": WARNING,
    "MQ120": ERROR, "MQ121": ERROR, "MQ122": ERROR, "MQ123": ERROR, "MQ124": ERROR, "MQ125": WARNING,
    "MQ124.nodepartments": WARNING,  # MQ124 is a warning while minqing.yaml lists no departments
    "MQ201": WARNING, "MQ202": WARNING,
    "MQ301": WARNING, "MQ302": WARNING, "MQ303": WARNING,
}


@dataclass(frozen=True, slots=True)
class Problem:
    """A fault found in one file before its path is attached: code, line, catalog key, parameters."""

    code: str
    line: int | None
    params: dict[str, Any] = field(default_factory=dict)
    key: str = ""  # catalog key; defaults to the code

    def at(self, path: str) -> Diagnostic:
        return Diagnostic(self.code, path, self.line, self.params, self.key)


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One finding about one record file. The message is chosen only when it is printed."""

    code: str
    path: str
    line: int | None
    params: dict[str, Any] = field(default_factory=dict)
    key: str = ""

    @property
    def severity(self) -> str:
        return SEVERITY.get(self.key) or SEVERITY[self.code]

    def message(self, lang: str) -> str:
        params = dict(self.params)
        suggestion = params.pop("suggestion", None)
        params["suggest"] = i18n.t("did_you_mean", lang, value=suggestion) if suggestion else ""
        # a value echoed from a record (an unknown household, a bad date…) never shows an ID or phone
        return clean(mask_numbers(i18n.t(self.key or self.code, lang, **i18n.resolve(params, lang))))

    def sort_key(self) -> tuple[str, int, str]:
        return (self.path, self.line or 0, self.code)

    def to_json(self, lang: str) -> dict[str, Any]:
        return {
            "code": self.code,
            "severity": self.severity,
            "path": self.path,
            "line": self.line,
            "message": self.message(lang),
        }


def count(diagnostics: list[Diagnostic]) -> tuple[int, int]:
    """(errors, warnings) among the diagnostics."""
    errors = sum(1 for d in diagnostics if d.severity == ERROR)
    warnings = sum(1 for d in diagnostics if d.severity == WARNING)
    return errors, warnings
