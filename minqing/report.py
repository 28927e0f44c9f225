"""The only module that prints: rich tables on a terminal, `path:line: code message` lines, JSON, CSV."""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Sequence
from itertools import groupby
from typing import Any, TextIO

from .diagnostics import Diagnostic, count
from .i18n import t


def is_terminal(stream: TextIO | None = None) -> bool:
    stream = stream or sys.stdout
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def write(text: str, stream: TextIO | None = None) -> None:
    """Write text as UTF-8 whatever the console's encoding (a GBK console must not crash us)."""
    stream = stream or sys.stdout
    try:
        stream.write(text)
    except UnicodeEncodeError:
        buffer = getattr(stream, "buffer", None)
        if buffer is None:
            stream.write(text.encode("ascii", "backslashreplace").decode("ascii"))
        else:
            buffer.write(text.encode("utf-8"))
    stream.flush()


def dump_json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def dump_csv(header: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    """CSV with a UTF-8 byte-order mark so that Excel and WPS open Chinese text correctly."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(["" if v is None else v for v in row] for row in rows)
    return "\ufeff" + buf.getvalue()


def console(stream: TextIO | None = None, width: int | None = None) -> Any:
    from rich.console import Console  # rich is imported only to draw tables

    return Console(file=stream or sys.stdout, width=width, highlight=False, soft_wrap=False)


def check_json(diagnostics: list[Diagnostic], files: int, lang: str) -> str:
    errors, warnings = count(diagnostics)
    return dump_json({
        "diagnostics": [d.to_json(lang) for d in diagnostics],
        "summary": {"files": files, "errors": errors, "warnings": warnings},
    })


def check_lines(diagnostics: list[Diagnostic], files: int, lang: str) -> str:
    """One `path:line: CODE message` line a diagnostic, the form editors and CI parse."""
    out = []
    for d in diagnostics:
        place = f"{d.path}:{d.line}" if d.line else d.path
        out.append(f"{place}: {d.code} {t('severity.' + d.severity, lang)}: {d.message(lang)}")
    out.append(_summary(diagnostics, files, lang))
    return "\n".join(out) + "\n"


def check_csv(diagnostics: list[Diagnostic], lang: str) -> str:
    return dump_csv(["code", "severity", "path", "line", "message"],
                    [(d.code, d.severity, d.path, d.line, d.message(lang)) for d in diagnostics])


def _summary(diagnostics: list[Diagnostic], files: int, lang: str) -> str:
    errors, warnings = count(diagnostics)
    if not diagnostics:
        return t("check.summary", lang, files=files, errors=0, warnings=0) + " " + t("check.clean", lang)
    return t("check.summary", lang, files=files, errors=errors, warnings=warnings)


def check_table(diagnostics: list[Diagnostic], files: int, lang: str, stream: TextIO | None = None,
                width: int | None = None) -> None:
    """A table per file: line, level, code and the message folded (never cut) to the terminal width."""
    from rich.table import Table
    from rich.text import Text

    con = console(stream, width)
    styles = {"error": "bold red", "warning": "yellow", "info": "cyan"}
    for path, group in groupby(diagnostics, key=lambda d: d.path):
        table = Table(title=Text(path, style="bold"), title_justify="left", show_lines=False, expand=False)
        table.add_column(t("check.col.line", lang), justify="right", no_wrap=True)
        table.add_column(t("check.col.severity", lang), no_wrap=True)
        table.add_column(t("check.col.code", lang), no_wrap=True)
        table.add_column(t("check.col.message", lang), overflow="fold", ratio=1)
        for d in group:
            table.add_row(str(d.line or ""), Text(t("severity." + d.severity, lang), style=styles[d.severity]),
                          d.code, d.message(lang))
        con.print(table)
    con.print(_summary(diagnostics, files, lang), style="bold green" if not diagnostics else "bold")
