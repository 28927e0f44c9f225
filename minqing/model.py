"""The records as data: front-matter fields with their lines and typed values, entries and households.

Building never raises on user data: a value of the wrong type is kept as `bad` on its field for the
checks to report, and reads as None to everything downstream.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping as AbcMapping
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from . import vocab
from .traditional import simplified
from .diagnostics import Problem
from .frontmatter import YMap, YNode, plain

_DATE_DASH = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$")
_DATE_CJK = re.compile(r"^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号號]$")
# a weekday after the date, as diaries head their pages: 星期一, 周一, 礼拜一, (星期一), （周日）, Mon, Monday
_WEEKDAY_NAMES = "一二三四五六日天"
_WEEKDAY = re.compile(
    r"[\s,，、]*(?:[(（]\s*)?(?:(?:星期|周|週|礼拜|禮拜)([一二三四五六日天])|"
    r"(mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?)(?:\s*[)）])?\s*$", re.I)
_WEEKDAY_EN = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def parse_date(text: str) -> dt.date | None:
    """'2024-03-17', '2024年3月17日', also followed by its weekday ('2016年5月30日 星期一', '（周一）') -> date.

    None when not a real date, or when the weekday written is not the date's own weekday.
    """
    text = text.strip()
    weekday = None
    w = _WEEKDAY.search(text)
    if w and w.start() > 0:
        weekday = _WEEKDAY_NAMES.index(w.group(1)) if w.group(1) else _WEEKDAY_EN.index(w.group(2).lower())
        weekday = min(weekday, 6)  # 日 and 天 are both Sunday
        text = text[: w.start()].strip()
    m = _DATE_DASH.match(text) or _DATE_CJK.match(text)
    if not m:
        return None
    try:
        day = dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None
    return None if weekday is not None and day.weekday() != weekday else day


_SAME = 0  # in a cached field: the raw value equals the typed value


def stem_of(path: str) -> str:
    """A record's file name without `.md`: what a default issue id and a link's anchor are made of."""
    name = path.rsplit("/", 1)[-1]
    return name[:-3] if name.endswith(".md") else name


class Field(NamedTuple):
    """One key as written: the key text, its line, the typed value (None if bad), and why it is bad."""

    key: str
    line: int
    value: Any
    raw: Any
    bad: str | None = None  # None, "type" or "date"
    expected: str = ""


@dataclass(slots=True)
class Fields:
    """One YAML mapping of a record (the front matter, an issue or an update) by canonical key."""

    kind: str  # entry, household, review; issue, update, grade, order (items)
    line: int
    fields: dict[str, Field] = field(default_factory=dict)
    duplicates: list[tuple[str, int, str, int]] = field(default_factory=list)  # key, line, other key, first line
    unknown: list[tuple[str, int]] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)
    items: dict[str, list[Fields]] = field(default_factory=dict)  # "issues"/"updates" of an entry
    bad_items: list[tuple[str, int]] = field(default_factory=list)  # key, line of an item that is no mapping
    index: int = 0  # 1-based position among its list's items (counting items that are no mapping)
    item_lines: dict[str, tuple[int, ...]] = field(default_factory=dict)  # list key -> line of each value

    def lines_of(self, key: str) -> tuple[int, ...]:
        """The line of each value of a list field (the key's line for a flow list `[a, b]`)."""
        return self.item_lines.get(key, ())

    def get(self, key: str, default: Any = None) -> Any:
        f = self.fields.get(key)
        return default if f is None or f.value is None else f.value

    def line_of(self, key: str) -> int:
        f = self.fields.get(key)
        return f.line if f is not None else self.line

    def text(self, key: str) -> str | None:
        value = self.get(key)
        return value if isinstance(value, str) and value else None

    def to_state(self) -> tuple[Any, ...]:
        """Plain tuples, lists and text that `marshal` stores (the parse cache)."""
        fields = {}
        for canon, f in self.fields.items():
            value, raw = f.value, f.raw
            if f.expected == "items":
                value = None  # rebuilt from items
                raw = None if f.bad is None else raw  # a wrong type keeps what was written
            elif isinstance(value, dt.date):
                value = value.toordinal()
            if raw == value or (f.expected == "text" and isinstance(raw, str) and raw.strip() == value):
                raw = _SAME  # most raw values are the value itself: do not store them twice
            fields[canon] = (f.key, f.line, value, raw, f.bad, f.expected)
        items = {k: [i.to_state() for i in v] for k, v in self.items.items()} or None
        return (self.kind, self.line, fields, self.duplicates or None, self.unknown or None, self.extra or None,
                items, self.bad_items or None, self.index, self.item_lines or None)

    @classmethod
    def from_state(cls, state: tuple[Any, ...]) -> Fields:
        kind, line, fields, duplicates, unknown, extra, items, bad_items, index, item_lines = state
        out = cls(kind, line, {}, duplicates or [], unknown or [], extra or {},
                  {k: [cls.from_state(i) for i in v] for k, v in items.items()} if items else {}, bad_items or [], index,
                  dict(item_lines) if item_lines else {})
        make = Field._make
        for canon, t in fields.items():
            key, line_, value, raw, bad, expected = t
            if expected == "items":
                if bad is None:
                    value = raw = out.items.get(canon)
                elif raw == _SAME:
                    raw = None
            elif expected == "date" and value is not None:
                value = dt.date.fromordinal(value)
                raw = value.isoformat() if raw == _SAME else raw
            if raw == _SAME:
                raw = value
            out.fields[canon] = make((key, line_, value, raw, bad, expected))
        return out


TABLES: dict[str, tuple[AbcMapping[str, str], AbcMapping[str, str]]] = {
    "entry": (vocab.ENTRY_KEYS, vocab.ENTRY_TYPES),
    "household": (vocab.HOUSEHOLD_KEYS, vocab.HOUSEHOLD_TYPES),
    "issue": (vocab.ISSUE_KEYS, vocab.ISSUE_TYPES),
    "update": (vocab.UPDATE_KEYS, vocab.UPDATE_TYPES),
    "aid": (vocab.AID_KEYS, vocab.AID_TYPES),
    "attachment": (vocab.ATTACHMENT_KEYS, vocab.ATTACHMENT_TYPES),
    "review": (vocab.REVIEW_KEYS, vocab.REVIEW_TYPES),
    "grade": (vocab.GRADE_KEYS, vocab.GRADE_TYPES),
    "order": (vocab.ORDER_KEYS, vocab.ORDER_TYPES),
}
_ZH_TO_EN = {kind: {**{zh: en for en, zh in keys.items()}, **vocab.TRADITIONAL_KEYS.get(kind, {})}
             for kind, (keys, _) in TABLES.items()}


def canonical_key(kind: str, key: str) -> str | None:
    """The English key for a key written in English, Simplified or Traditional script (狀態 -> status)."""
    keys = TABLES[kind][0]
    if key in keys:
        return key
    zh_to_en = _ZH_TO_EN[kind]
    return zh_to_en.get(key) or zh_to_en.get(simplified(key))


_NAME_SEPARATORS = re.compile(r"[、，,；;／/\s]+")
_AMOUNT = re.compile(r"^(\d+(?:\.\d{1,2})?)\s*(?:元|块|塊)?$")


def _scalar(node: YNode) -> bool:
    return node.value is None or isinstance(node.value, str)


def coerce(kind: str, node: YNode) -> tuple[Any, str | None]:
    """A node read as the value type `kind` -> (value, None) or (None, 'type'|'date')."""
    v = node.value
    if kind == "text":
        if v is None:
            return None, None
        return (v.strip(), None) if isinstance(v, str) else (None, "type")
    if kind == "date":
        if v is None:
            return None, None
        if not isinstance(v, str):
            return None, "type"
        d = parse_date(v)
        return (d, None) if d else (None, "date")
    if kind == "bool":
        if v is None:
            return None, None
        if isinstance(v, str) and v.strip().lower() in vocab.TRUE_WORDS:
            return True, None
        if isinstance(v, str) and v.strip().lower() in vocab.FALSE_WORDS:
            return False, None
        return None, "type"
    if kind == "int":
        if isinstance(v, str) and v.strip().isdigit() and v.strip().isascii() and int(v) > 0:
            return int(v), None
        return (None, None) if v is None else (None, "type")
    if kind == "satisfaction":
        if v is None:
            return None, None
        return (vocab.SATISFACTION[v.strip()], None) if isinstance(v, str) and v.strip() in vocab.SATISFACTION else (None, "type")
    if kind == "amount":  # money in 元: 500, 500.5, 500元
        if v is None:
            return None, None
        m = _AMOUNT.match(v.strip().replace(",", "")) if isinstance(v, str) else None
        if not m:
            return None, "type"
        amount = float(m.group(1))
        return (int(amount) if amount.is_integer() else amount), None
    if kind == "list":
        if v is None:
            return [], None
        if not isinstance(v, list) or not all(isinstance(n.value, str) for n in v):
            return None, "type"
        return [n.value.strip() for n in v if n.value.strip()], None
    if kind == "names":  # a list of names, or one line as people write it: 李明、王强
        if isinstance(v, str):
            return [n for n in _NAME_SEPARATORS.split(v.strip()) if n], None
        return coerce("list", node)
    if kind == "items":
        if v is None:
            return [], None
        return (v, None) if isinstance(v, list) else (None, "type")
    raise AssertionError(kind)  # pragma: no cover


def build_fields(kind: str, node: YNode) -> Fields:
    """A mapping node -> Fields of `kind`, keys canonicalised, duplicates and unknown keys noted."""
    types = TABLES[kind][1]
    out = Fields(kind, node.line)
    assert isinstance(node.value, YMap)
    for key, key_line, value in node.value.items:
        canon = canonical_key(kind, key)
        if canon is None:
            if key in out.extra:
                out.duplicates.append((key, key_line, key, _first_line(node.value, key)))
            else:
                out.unknown.append((key, key_line))
                out.extra[key] = plain(value)
            continue
        if canon in out.fields:
            first = out.fields[canon]
            out.duplicates.append((key, key_line, first.key, first.line))
            continue
        typ = types[canon]
        val, bad = coerce(typ, value)
        if typ in ("list", "names") and val and isinstance(value.value, list):
            out.item_lines[canon] = tuple(n.line for n in value.value if n.value.strip())
        if typ == "items" and val is not None:
            item_kind = vocab.ITEM_KINDS[canon]
            built = []
            for position, item in enumerate(val, start=1):
                if isinstance(item.value, YMap):
                    sub = build_fields(item_kind, item)
                    sub.index = position
                    built.append(sub)
                elif item_kind == "attachment" and isinstance(item.value, str) and item.value.strip():
                    sub = Fields(item_kind, item.line, index=position)  # a plain path
                    sub.fields["path"] = Field(key, item.line, item.value.strip(), item.value, None, "text")
                    built.append(sub)
                else:
                    out.bad_items.append((key, item.line))
            out.items[canon] = built
            val = built
        out.fields[canon] = Field(key, key_line, val, plain(value), bad, typ)
    return out


def _first_line(ymap: YMap, key: str) -> int:
    return next(line for k, line, _ in ymap.items if k == key)


@dataclass(slots=True)
class Record:
    """One record file: where it is, what stopped its parsing, its fields and (optionally) body."""

    path: str  # repository-relative, with /
    kind: str  # "entry", "household" or "review"
    front: Fields | None
    body: str
    body_line: int
    body_chars: int = 0
    signature: tuple[int, ...] = ()  # bottom-k clause hashes of the body, for near copies (MQ118)
    text: str = ""  # the whole decoded text, held only while the file-local checks run
    problems: tuple[Problem, ...] = ()  # what stopped reading or parsing (MQ001–MQ008)
    blob: str = ""  # git blob id of the file's bytes

    @property
    def stem(self) -> str:
        return stem_of(self.path)

    def get(self, key: str, default: Any = None) -> Any:
        return default if self.front is None else self.front.get(key, default)

    @property
    def date(self) -> dt.date | None:
        return self.get("date")

    def issues(self) -> list[Fields]:
        return [] if self.front is None else self.front.items.get("issues", [])

    def updates(self) -> list[Fields]:
        return [] if self.front is None else self.front.items.get("updates", [])

    def grades(self) -> list[Fields]:
        """The graded items of a review file (审阅)."""
        return [] if self.front is None else self.front.items.get("reviews", [])

    def orders(self) -> list[Fields]:
        """The supervision orders of a review file (督办)."""
        return [] if self.front is None else self.front.items.get("orders", [])

    def to_state(self) -> tuple[Any, ...]:
        """Everything but the body and text, as plain data for the parse cache."""
        problems = tuple((p.code, p.line, p.params, p.key) for p in self.problems)
        return (self.path, self.kind, None if self.front is None else self.front.to_state(), self.body_line,
                self.body_chars, self.signature, problems, self.blob)

    @classmethod
    def from_state(cls, state: tuple[Any, ...]) -> Record:
        path, kind, front, body_line, body_chars, signature, problems, blob = state
        return cls(path, kind, None if front is None else Fields.from_state(front), "", body_line, body_chars,
                   tuple(signature), "", tuple(Problem(*p) for p in problems), blob)

    def issue_ids(self) -> list[tuple[str, int, Fields]]:
        """(id, line of the id or item, item) for every issue raised; default id `<stem>#<n>`."""
        out = []
        for item in self.issues():
            explicit = item.text("id")
            out.append((explicit or f"{self.stem}#{item.index}", item.line_of("id"), item))
        return out


_COMMENT = re.compile(r"<!--.*?(-->|$)", re.S)
_NOISE = re.compile(r"[\s#*_>`=|\[\]()~-]")


def count_chars(body: str) -> int:
    """Characters of a body that carry meaning: no whitespace, Markdown markup or HTML comments."""
    if "<!--" in body:
        body = _COMMENT.sub("", body)
    return len(body) - len(_NOISE.findall(body))
