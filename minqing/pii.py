"""Resident ID numbers and mobile numbers in free text: found and masked in one place.

`check` (MQ201, MQ202), `compile --redact` and every diagnostic message use these functions, so
what is warned about is exactly what is masked. Recognised forms:

- an 18-character resident ID (GB 11643) whose check character is right, written in one run or
  with single spaces, hyphens or dots between digits, in ASCII or full-width digits;
- an old 15-digit ID (before 1999): six area digits, a valid YYMMDD birth date, three more;
- an 11-digit mainland mobile (1[3-9]…), grouped 3-4-4 or otherwise with single separators,
  optionally after +86, 0086, (+86) or 86, in ASCII or full-width digits.

A digit run is taken whole: a number directly touching more digits is not split out of it, and
a mobile inside a recognised ID is part of the ID. Every pattern is linear in the text (each
repetition consumes a digit; separators are single and optional).
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_right
from collections.abc import Iterator

# full-width digits, letters X/x, signs and the ideographic space -> ASCII, one character each,
# so offsets in the folded text are offsets in the original
_FOLD = str.maketrans({
    **{chr(0xFF10 + d): str(d) for d in range(10)},
    "Ｘ": "X", "ｘ": "x", "－": "-", "‐": "-", "‑": "-", "–": "-", "．": ".", "＋": "+", "（": "(", "）": ")",
    "\u3000": " ", "\u00a0": " ",
})
_SEP = r"[ .\-]?"
ID18 = re.compile(r"(?<![0-9A-Za-z])[1-9](?:" + _SEP + r"[0-9]){16}" + _SEP + r"[0-9Xx](?![0-9A-Za-z])")
ID15 = re.compile(r"(?<![0-9A-Za-z])[1-9](?:" + _SEP + r"[0-9]){14}(?![0-9A-Za-z])")
MOBILE = re.compile(
    r"(?<![0-9+])(?:(?:\+|00)86[ \-]?|\(\+?86\)[ \-]?|86[ \-]?)?"
    r"(1[3-9](?:" + _SEP + r"[0-9]){9})(?![0-9])")
# every ID and mobile holds 11 digits in a row with single separators: a text without such a run
# (almost every diagnostic message and sentence) is passed over by one regex search
_D = "0-9\uff10-\uff19"
_RUN11 = re.compile(f"[{_D}](?:[ .\\-\uff0d\u2010\u2011\u2013\uff0e\u3000\u00a0]?[{_D}]){{10}}")
_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK = "10X98765432"
_NOT_DIGIT = re.compile(r"[^0-9Xx]")


def fold(text: str) -> str:
    """Full-width digits and separators as ASCII (same length, same offsets)."""
    return text.translate(_FOLD)


def digits(text: str) -> str:
    return _NOT_DIGIT.sub("", fold(text))


def id_check_ok(number: str) -> bool:
    """GB 11643 (ISO 7064 MOD 11-2) check character of an 18-character resident ID."""
    total = sum(int(d) * w for d, w in zip(number[:17], _WEIGHTS))
    return _CHECK[total % 11] == number[17].upper()


def _old_id_ok(number: str) -> bool:
    try:
        dt.date(1900 + int(number[6:8]), int(number[8:10]), int(number[10:12]))
    except ValueError:
        return False
    return True


def mask_id(number: str) -> str:
    """110101********1234 (18) or 110101******123 (15), from the number in any written form."""
    d = digits(number)
    return d[:6] + "*" * 8 + d[14:] if len(d) == 18 else d[:6] + "*" * 6 + d[12:]


def mask_phone(number: str) -> str:
    """138****8000 from a mobile in any written form (a +86 prefix is dropped)."""
    d = digits(number)[-11:]
    return d[:3] + "****" + d[7:]


def find_ids(text: str, strict: bool = True) -> Iterator[tuple[int, int, str]]:
    """(start, end, as written) of every resident ID (18 with a right check character, or old 15).

    Not `strict` (for masking), any 18-character ID shape counts: a mistyped ID is still private.
    """
    if not _RUN11.search(text):
        return
    folded = fold(text)
    taken: list[tuple[int, int]] = []  # in order: finditer yields them left to right
    for m in ID18.finditer(folded):
        if not strict or id_check_ok(digits(m.group(0))):
            taken.append(m.span())
            yield m.start(), m.end(), text[m.start():m.end()]
    for m in ID15.finditer(folded):
        if _old_id_ok(digits(m.group(0))) and not _overlaps(m.span(), taken):
            yield m.start(), m.end(), text[m.start():m.end()]


def find_mobiles(text: str, strict: bool = True) -> Iterator[tuple[int, int, str]]:
    """(start, end, as written) of every mainland mobile number that is not part of an ID."""
    if not _RUN11.search(text):
        return
    folded = fold(text)
    ids = sorted((s, e) for s, e, _ in find_ids(text, strict))
    for m in MOBILE.finditer(folded):
        if not _overlaps(m.span(), ids):
            yield m.start(), m.end(), text[m.start():m.end()]


def _overlaps(span: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    """Whether `span` overlaps one of `spans` (sorted, not overlapping each other): a bisection, not a scan."""
    k = bisect_right(spans, (span[1], -1)) - 1  # the last span starting before `span` ends
    return k >= 0 and spans[k][1] > span[0]


def mask_numbers(text: str, star: str = "*") -> str:
    """The text with every ID (also one with a wrong check character) and mobile number masked."""
    if not _RUN11.search(text):
        return text
    spans = [(s, e, mask_id(w)) for s, e, w in find_ids(text, strict=False)]
    spans += [(s, e, mask_phone(w)) for s, e, w in find_mobiles(text, strict=False)]
    if not spans:
        return text
    out, last = [], 0
    for s, e, masked in sorted(spans):
        if s < last:
            continue
        out.append(text[last:s])
        out.append(masked.replace("*", star))
        last = e
    out.append(text[last:])
    return "".join(out)
