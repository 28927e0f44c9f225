"""MQ201–MQ202: resident ID numbers and mobile numbers written into a record's text.

The forms recognised (spaces, hyphens, full-width digits, old 15-digit IDs, +86 prefixes) are
those of `minqing.pii`, which `compile --redact` masks with: warned about is what is masked.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..diagnostics import Diagnostic
from ..model import Record
from ..pii import find_ids, find_mobiles, id_check_ok, mask_id, mask_phone
from .base import Context, check, diag

__all__ = ["id_check_ok", "id_numbers", "mobile_numbers"]


class _Lines:
    """Line numbers of increasing offsets, counted once over the text (not from the start each time)."""

    def __init__(self, text: str) -> None:
        self.text, self.at, self.line = text, 0, 1

    def __call__(self, offset: int) -> int:
        self.line += self.text.count("\n", self.at, offset)
        self.at = offset
        return self.line


@check("MQ201")
def id_numbers(rec: Record, ctx: Context) -> Iterator[Diagnostic]:
    """A resident ID (18 characters with a valid check character, or an old 15-digit one) anywhere in a record."""
    line = _Lines(rec.text)
    for start, _, number in sorted(find_ids(rec.text)):
        yield diag(rec, "MQ201", line(start), masked=mask_id(number))


@check("MQ202")
def mobile_numbers(rec: Record, ctx: Context) -> Iterator[Diagnostic]:
    """A mobile number in an entry (households may keep one in their phone field)."""
    if rec.kind == "entry":
        line = _Lines(rec.text)
        for start, _, number in find_mobiles(rec.text):
            yield diag(rec, "MQ202", line(start), masked=mask_phone(number))
