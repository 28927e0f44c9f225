"""Bytes of one record -> text, front matter nodes with line numbers, and body; or the problems that stop it.

Line 1 is the opening `---`; front matter lines follow from line 2. Only `\\n` (after turning CRLF
and lone CR into `\\n`) breaks lines, so U+2028 in a body does not shift later line numbers.
Everything that would make YAML fail or mislead is found here before YAML sees the text:
encodings, conflict markers, input-method punctuation, invisible characters, nesting depth,
anchors, aliases and tags. YAML is parsed to nodes only (never to Python objects) with libyaml
where available; scalars stay text, so `否`, `on` and `010` are never turned into bools or ints.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from dataclasses import dataclass
from typing import Union

import yaml

from .i18n import ref
from .diagnostics import Problem

try:  # libyaml is many times faster; both parse to nodes only
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on the PyYAML build
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_FLOW_DEPTH = 32
MAX_INDENT = 120  # columns; real front matter never goes past a dozen

_CONFLICT = re.compile(r"^(<{7}(?: .*)?|={7}|>{7}(?: .*)?|\|{7}(?: .*)?)$", re.M)
# zero-width characters and YAML's extra line breaks are refused anywhere in the front matter: they
# are invisible, make a name fail to match its roster entry, or shift YAML's line count
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u200e\u200f\u2028\u2029\u0085]")
_NBSP = re.compile("\u00a0")  # a no-break space is refused only where YAML needs an ASCII space
_FW_INDENT = re.compile(r"^[ ]*\u3000")
_FLOW_OPEN = re.compile(r":\s*\[")
# every pattern here is linear in the line: no two quantifiers that can take the same characters
# follow each other (a key's trailing blanks are stripped in code, not matched by `[ \t]*`)
_FW_COLON = re.compile(r"^([ ]*)(-[ ]+)?([^\s:：#'\"\[\]{}|>&*!%@`-][^:：\n]*)：")
_TAB_INDENT = re.compile(r"^[ ]*\t")
_DEEP_LINE = re.compile(r"^[ \-?]{%d,}" % MAX_INDENT, re.M)

Scalar = Union[str, None]


@dataclass(frozen=True, slots=True)
class YNode:
    """A YAML value with the file line where it starts; `value` is text, None, a list or a YMap."""

    value: object
    line: int


@dataclass(frozen=True, slots=True)
class YMap:
    """A YAML mapping as written: (key, key line, value node) in file order, duplicates kept."""

    items: tuple[tuple[str, int, YNode], ...]


@dataclass(frozen=True, slots=True)
class Parsed:
    """One record file split and parsed. `front` is None when a problem stopped parsing."""

    front: YNode | None
    body: str
    body_line: int
    text: str
    problems: tuple[Problem, ...]


def _line_of(data: bytes, offset: int) -> int:
    head = data[:offset]
    return head.count(b"\n") + head.count(b"\r") - head.count(b"\r\n") + 1


def guess_encoding(data: bytes, offset: int = 0) -> str:
    """Name the encoding undecodable bytes most likely are in (for the message only).

    The line holding the first bad byte is judged, so one GBK line pasted into a UTF-8 file is
    still named GBK.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or data[:200].count(b"\x00") * 4 > len(data[:200]):
        return "UTF-16"
    start = data.rfind(b"\n", 0, offset) + 1
    end = data.find(b"\n", offset)
    segment = data[start:] if end < 0 else data[start:end]
    for sample in (segment, data):
        try:  # GB2312 is the common core of GBK; Big5 trail bytes 0x40-0x7E are invalid there
            sample.decode("gb2312")
            return "GBK"
        except UnicodeDecodeError:
            pass
        candidates = []
        for name, label in (("gb18030", "GBK"), ("big5", "Big5")):
            try:
                sample.decode(name)
                candidates.append(label)
            except UnicodeDecodeError:
                continue
        if len(candidates) == 2:
            try:  # both decode: let charset-normalizer's frequency model choose
                from charset_normalizer import from_bytes

                best = from_bytes(sample[:20000]).best()
                if best is not None and best.encoding in ("big5", "big5hkscs", "cp950"):
                    return "Big5"
            except Exception:  # pragma: no cover - a guess for a message, never fatal
                pass
        if candidates:
            return candidates[0]
        high = [b for b in sample if b >= 0x80]
        if high and all(b >= 0xA0 for b in high):
            return "Latin-1"
    return ""


def decode(data: bytes) -> tuple[str | None, Problem | None]:
    """UTF-8 (with any number of leading BOMs, CRLF or CR) -> text with `\\n` line ends."""
    while data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None, Problem("MQ001", 1, {"encoding": "UTF-16"})
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        enc = guess_encoding(data, exc.start)
        key = "MQ001" if enc else "MQ001.unknown"
        return None, Problem("MQ001", _line_of(data, exc.start), {"encoding": enc}, key)
    nul = text.find("\x00")
    if nul >= 0:
        return None, Problem("MQ001", _line_of(data, data.find(b"\0")), {}, "MQ001.nul")
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text, None


def _conflict(text: str) -> Problem | None:
    if "<<<<<<<" not in text and ">>>>>>>" not in text:
        return None
    match = _CONFLICT.search(text)
    if match is None:
        return None
    line = text.count("\n", 0, match.start()) + 1
    return Problem("MQ005", line, {"marker": match.group(0)[:20]})


def _char_name(ch: str) -> str:
    return f"U+{ord(ch):04X} {unicodedata.name(ch, '')}".strip()


def _key_part(line: str) -> str:
    """The indentation, list marker, key, colon and the character after it: where YAML needs ASCII.

    Inside a value (a title with a no-break space) a no-break space is text and YAML reads it fine."""
    cut = line.find(":")
    return line if cut < 0 else line[:cut + 2]


def flow_fw_comma(line: str) -> str:
    """The first full-width comma between a `key: [` and its `]` on one line, or "" (linear time).

    Each `: [` looks for the first `，`/`、` after it and the first `]` after it (by bisection over
    their positions), so a line of many `:[` is not rescanned from every one of them.
    """
    commas = [i for i, ch in enumerate(line) if ch in "，、"]
    if not commas:
        return ""
    closes = [i for i, ch in enumerate(line) if ch == "]"]
    for m in _FLOW_OPEN.finditer(line):
        k = bisect_left(commas, m.end())
        if k == len(commas):
            break
        j = bisect_left(closes, m.end())
        if j == len(closes) or closes[j] > commas[k]:
            return line[commas[k]]
    return ""


def scan_ime(lines: list[str], first_line: int, known_keys: frozenset[str]) -> Problem | None:
    """The first input-method or invisible character where YAML needs ASCII, or None."""
    for offset, line in enumerate(lines):
        number = first_line + offset
        m = _INVISIBLE.search(line) or _NBSP.search(_key_part(line))
        if m:
            return Problem("MQ007", number, {"name": _char_name(m.group(0))}, "MQ007.invisible")
        if _FW_INDENT.match(line):
            return Problem("MQ007", number, {"char": ref("char.space"), "fix": ref("fix.space")})
        if "：" in line:
            m2 = _FW_COLON.match(line)
            if m2 and (not m2.group(1) and not m2.group(2) or m2.group(3).strip() in known_keys):
                return Problem("MQ007", number, {"char": ref("char.colon"), "fix": ref("fix.colon")})
        if "，" in line or "、" in line:
            comma = flow_fw_comma(line)
            if comma:
                return Problem("MQ007", number, {"char": ref("char.comma"), "c": comma, "fix": ref("fix.comma")})
    return None


def _too_deep(front: str, first_line: int) -> Problem | None:
    m = _DEEP_LINE.search(front)
    if m:
        return Problem("MQ004", first_line + front.count("\n", 0, m.start()), {"limit": MAX_INDENT // 2}, "MQ004.deep")
    if front.count("[") + front.count("{") <= MAX_FLOW_DEPTH:
        return None
    return _nesting(front, first_line)


def _nesting(front: str, first_line: int) -> Problem | None:
    """The line where collections nest deeper than MAX_FLOW_DEPTH, told from YAML's own event stream.

    Brackets inside quotes or after an apostrophe in a plain word (`[it's, [[[…`) are whatever YAML
    says they are: the event parser keeps its own stack (it never recurses), so counting its
    collection events bounds the depth that the recursive node composer later sees.
    """
    loader = _Loader(front)
    depth = 0
    try:
        while loader.check_event():
            event = loader.get_event()
            if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
                depth += 1
                if depth > MAX_FLOW_DEPTH:
                    return Problem("MQ004", first_line + event.start_mark.line, {"limit": MAX_FLOW_DEPTH}, "MQ004.deep")
            elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                depth -= 1
    except yaml.YAMLError as exc:
        if "nesting depth" in str(exc):  # libyaml's own limit (1000) met first
            mark = getattr(exc, "problem_mark", None)
            return Problem("MQ004", first_line + (mark.line if mark else 0), {"limit": MAX_FLOW_DEPTH}, "MQ004.deep")
        return None  # the composer reports the syntax error with its line
    finally:
        loader.dispose()
    return None


def _yaml_problem(exc: yaml.YAMLError, first_line: int, lines: list[str]) -> Problem:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    line = first_line + mark.line if mark is not None else first_line
    index = line - first_line
    if 0 <= index < len(lines) and _TAB_INDENT.match(lines[index]):
        return Problem("MQ004", line, {}, "MQ004.tab")
    for i in range(max(0, index - 1), min(len(lines), index + 1)):
        if _TAB_INDENT.match(lines[i]):
            return Problem("MQ004", first_line + i, {}, "MQ004.tab")
    for i in range(min(len(lines) - 1, index), max(-1, index - 3), -1):  # a key typed with '：' near the fault
        if 0 <= i < len(lines) and "：" in lines[i] and _FW_COLON.match(lines[i]):
            return Problem("MQ007", first_line + i, {"char": ref("char.colon"), "fix": ref("fix.colon")})
    problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    context = getattr(exc, "context", None)
    for fragment, key in _YAML_HINTS:
        if fragment in problem or (context and fragment in context):
            return Problem("MQ004", line, {}, key)
    text = f"{context}, {problem}" if context else problem
    return Problem("MQ004", line, {"problem": text})


# PyYAML's commonest complaints, said in the user's words
_YAML_HINTS = (
    ("mapping values are not allowed", "MQ004.colon"),
    ("while scanning a quoted scalar", "MQ004.quote"),
    ("did not find expected ',' or ']'", "MQ004.bracket"),
    ("did not find expected key", "MQ004.indent"),
    ("could not find expected ':'", "MQ004.nocolon"),
)


def _refuse_tricks(front: str, first_line: int) -> Problem | None:
    """Anchors, aliases and tags are refused from the event stream, before any node is built."""
    loader = _Loader(front)
    try:
        while loader.check_event():
            event = loader.get_event()
            line = first_line + event.start_mark.line
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                return Problem("MQ004", line, {}, "MQ004.alias")
            tag = getattr(event, "tag", None)
            if tag and tag != "!":
                if isinstance(event, yaml.ScalarEvent) or not getattr(event, "implicit", True):
                    return Problem("MQ004", line, {"tag": tag}, "MQ004.tag")
    finally:
        loader.dispose()
    return None


_MERGE = re.compile(r"^[ ]*(?:-[ ]+)?<<[ ]*:", re.M)


def _merge_key(front: str, first_line: int) -> Problem | None:
    m = _MERGE.search(front) if "<<" in front else None
    if m is None:
        return None
    return Problem("MQ004", first_line + front.count("\n", 0, m.start()), {}, "MQ004.merge")


def _convert(node: yaml.Node, first_line: int) -> YNode:
    line = first_line + node.start_mark.line
    if isinstance(node, yaml.ScalarNode):
        value: object = node.value
        if not node.style and node.value in ("", "~", "null", "Null", "NULL"):
            value = None
        return YNode(value, line)
    if isinstance(node, yaml.SequenceNode):
        return YNode([_convert(item, first_line) for item in node.value], line)
    items = []
    for key_node, value_node in node.value:
        key = key_node.value if isinstance(key_node, yaml.ScalarNode) else str(plain(_convert(key_node, first_line)))
        items.append((str(key).strip(), first_line + key_node.start_mark.line, _convert(value_node, first_line)))
    return YNode(YMap(tuple(items)), line)


def plain(node: YNode) -> object:
    """A node as plain lists, dicts and text (no line numbers)."""
    if isinstance(node.value, list):
        return [plain(n) for n in node.value]
    if isinstance(node.value, YMap):
        return {k: plain(v) for k, _, v in node.value.items}
    return node.value


def to_python(node: YNode | None) -> object:
    """Nodes -> plain lists, dicts and text (for the config and for tests)."""
    return None if node is None else plain(node)


def parse_yaml(front: str, first_line: int, known_keys: frozenset[str] = frozenset()) -> tuple[YNode | None, Problem | None]:
    """YAML text whose first line is file line `first_line` -> node tree, or the first problem."""
    lines = front.split("\n")
    problem = scan_ime(lines, first_line, known_keys) or _too_deep(front, first_line) or _merge_key(front, first_line)
    if problem:
        return None, problem
    try:
        if "&" in front or "*" in front or "!" in front:
            problem = _refuse_tricks(front, first_line)
            if problem:
                return None, problem
        loader = _Loader(front)
        try:
            node = loader.get_single_node()
        finally:
            loader.dispose()
        if node is None:
            return YNode(YMap(()), first_line), None
        return _convert(node, first_line), None
    except yaml.YAMLError as exc:
        return None, _yaml_problem(exc, first_line, lines)
    except (ValueError, RecursionError, MemoryError) as exc:  # pragma: no cover - belt and braces
        return None, Problem("MQ004", first_line, {"problem": type(exc).__name__})


def parse(data: bytes, known_keys: frozenset[str] = frozenset()) -> Parsed:
    """Split one record's bytes into front matter nodes and body, collecting the root-cause problem."""
    text, problem = decode(data)
    if text is None:
        return Parsed(None, "", 1, "", (problem,) if problem else ())
    problem = _conflict(text)
    if problem:
        return Parsed(None, "", 1, text, (problem,))
    if not text.strip("\ufeff \t\n"):
        return Parsed(None, "", 1, text, (Problem("MQ002", 1, {}, "MQ002.empty"),))
    first_nl = text.find("\n")
    first = text if first_nl < 0 else text[:first_nl]
    if first.rstrip(" \t") != "---":
        return Parsed(None, text, 1, text, (Problem("MQ002", 1),))
    close = re.search(r"^---[ \t]*$", text[first_nl + 1 :], re.M) if first_nl >= 0 else None
    if close is None:
        return Parsed(None, "", 1, text, (Problem("MQ003", 1),))
    start = first_nl + 1
    front = text[start : start + close.start()]
    body_start = start + close.end() + 1
    body = text[body_start:] if body_start <= len(text) else ""
    body_line = front.count("\n") + 3
    node, problem = parse_yaml(front, 2, known_keys)
    return Parsed(node, body, body_line, text, (problem,) if problem else ())
