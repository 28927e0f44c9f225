"""Pathological record lines: each is a small unit repeated to a given size, in the front matter or the body.

They are the shapes that made (or could make) a regular expression backtrack: long runs of the
characters the front-matter scanners and the privacy, form and redaction patterns look at. The
benchmark (`scripts/bench.py --pathological`) times every case at 256 KB against a budget; the
unit tests parse each case at a small size (that it is handled at all, never how fast).
"""

from __future__ import annotations

from dataclasses import dataclass

FRONT = "日期: 2024-03-04\n记录人: 张丽\n村: 群安村\n类别: other\n标题: t\n"


@dataclass(frozen=True)
class Case:
    name: str
    where: str  # "front" (a line of the front matter) or "body"
    unit: str  # repeated to the size
    prefix: str = ""
    suffix: str = ""

    def record(self, size: int) -> bytes:
        line = self.prefix + self.unit * max(1, size // max(1, len(self.unit.encode("utf-8")))) + self.suffix
        if self.where == "front":
            return ("---\n" + FRONT + line + "\n---\n\n正文。\n").encode("utf-8")
        return ("---\n" + FRONT + "---\n\n" + line + "\n").encode("utf-8")


CASES = (
    Case("blanks-before-fullwidth-colon", "front", " ", "a", ":："),  # the 491 s line
    Case("flow-openers-after-fullwidth-comma", "front", ":[", "，"),
    Case("fullwidth-colons", "front", "a：", ),
    Case("long-title", "front", "字", "title: "),
    Case("blanks-and-tabs", "front", " \t", "title: a", "b："),
    Case("brackets-after-apostrophe", "front", "[", "tags: [it's, "),
    Case("quoted-brackets", "front", "[", 'title: "', '"'),
    Case("dashes", "front", "- "),
    Case("colon-blank", "front", ": ", "a"),
    Case("conflict-like", "front", "<"),
    Case("hashes", "front", "#"),
    Case("nbsp", "front", "a\u00a0"),
    Case("digits", "body", "1"),
    Case("digits-and-blanks", "body", "1 "),
    Case("digits-and-hyphens", "body", "13-"),
    Case("fullwidth-digits", "body", "１３８"),
    Case("plus-86", "body", "+86 "),
    Case("html-comment-openers", "body", "<!--"),
    Case("markdown-noise", "body", "*_`>|"),
    Case("punctuation", "body", "，。、"),
    Case("one-long-line", "body", "民情"),
    Case("many-lines", "body", "吴\n"),
    Case("image-link-blanks", "body", " ", "![图](", "b"),  # three blank runs in a row (figures.py)
    Case("image-openers", "body", "!["),
)
