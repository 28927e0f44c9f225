"""Text from records made safe to print: control characters shown, never obeyed; CSV cells never formulas.

A value (a title, a name, a file name, a commit message) may hold ESC sequences that clear or
recolour a terminal, a carriage return or newline that forges a `path:line:` diagnostic or hides
the summary, or bidirectional overrides that reorder what is shown. `clean` writes each such
character as a visible escape (`\\n`, `\\x1b`, `\\u202e`). `csv_cell` also neutralises a cell that a
spreadsheet would run as a formula (OWASP: a leading = + - @, tab or carriage return gets a `'`).
"""

from __future__ import annotations

from typing import Any

_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
_CONTROLS = [*range(0x00, 0x20), 0x7F, *range(0x80, 0xA0), 0x2028, 0x2029, 0x200E, 0x200F,
             *range(0x202A, 0x202F), *range(0x2066, 0x206A)]
_TABLE = {c: _NAMED.get(chr(c), f"\\x{c:02x}" if c < 0x100 else f"\\u{c:04x}") for c in _CONTROLS}
_TABLE_KEEP_LINES = {c: v for c, v in _TABLE.items() if c != 0x0A}
_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def clean(text: Any, keep_newlines: bool = False) -> str:
    """`text` as a string with every control character written as a visible escape."""
    text = "" if text is None else str(text)
    return text.translate(_TABLE_KEEP_LINES if keep_newlines else _TABLE)


def csv_cell(value: Any) -> Any:
    """One CSV cell: numbers as they are; text cleaned and, if a spreadsheet would run it, quoted with `'`."""
    if value is None:
        return ""
    if isinstance(value, (bool, int, float)):
        return value
    text = str(value)
    if text.startswith(_FORMULA):
        text = "'" + text
    return clean(text)
