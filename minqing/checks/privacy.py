"""MQ201–MQ202: resident ID numbers and mobile numbers written into a record's text."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..diagnostics import Diagnostic
from ..model import Record
from .base import Context, check, diag

ID_NUMBER = re.compile(r"(?<![0-9])([1-9][0-9]{16}[0-9Xx])(?![0-9A-Za-z])")
MOBILE = re.compile(r"(?<![0-9])(1[3-9][0-9])[- ]?([0-9]{4})[- ]?([0-9]{4})(?![0-9])")
_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK = "10X98765432"


def id_check_ok(number: str) -> bool:
    """GB 11643 (ISO 7064 MOD 11-2) check character of an 18-character resident ID."""
    total = sum(int(d) * w for d, w in zip(number[:17], _WEIGHTS))
    return _CHECK[total % 11] == number[17].upper()


def mask_id(number: str) -> str:
    return number[:6] + "*" * 8 + number[14:]


def mask_phone(number: str) -> str:
    digits = re.sub(r"[- ]", "", number)
    return digits[:3] + "****" + digits[7:]


def find_ids(text: str) -> Iterator[tuple[int, str]]:
    """(offset, number) of every valid resident ID in the text."""
    for m in ID_NUMBER.finditer(text):
        if id_check_ok(m.group(1)):
            yield m.start(), m.group(1)


def find_mobiles(text: str) -> Iterator[tuple[int, str]]:
    """(offset, number) of every mainland mobile number in the text (a digit run taken whole)."""
    for m in MOBILE.finditer(text):
        yield m.start(), m.group(0)


def _line(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


@check("MQ201")
def id_numbers(rec: Record, ctx: Context) -> Iterator[Diagnostic]:
    """An 18-character resident ID with a valid check character anywhere in a record."""
    if any(ch.isdigit() for ch in rec.text):
        for offset, number in find_ids(rec.text):
            yield diag(rec, "MQ201", _line(rec.text, offset), masked=mask_id(number))


@check("MQ202")
def mobile_numbers(rec: Record, ctx: Context) -> Iterator[Diagnostic]:
    """A mobile number in an entry (households may keep one in their phone field)."""
    if rec.kind == "entry":
        for offset, number in find_mobiles(rec.text):
            yield diag(rec, "MQ202", _line(rec.text, offset), masked=mask_phone(number))
