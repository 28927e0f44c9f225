"""Line breaks in Chinese text, as people type it, for the Markdown of diary bodies.

CommonMark joins the lines of a paragraph with a space: written for English, where a line is wrapped
between words. Chinese has no spaces between words, and cadres type one paragraph per line (the
published diaries do: a line ends with 。 and the next paragraph starts on the next line, without an
empty line between). So, in a body:

- a line ending with a sentence-final mark (。！？；…  and closing quotes after them) followed by a line
  starting with Chinese text starts a new paragraph, as the writer meant;
- any other newline between two Chinese characters (a line wrapped in the middle of a sentence) joins
  them without a space;
- a paragraph indented with spaces (首行缩进, often four spaces pasted from a word processor) stays a
  paragraph: a line of Chinese text is never read as a code block;
- elsewhere (English, numbers, Markdown lists, headings, quotes, tables, code) CommonMark rules hold.
"""

from __future__ import annotations

import re
from typing import Any

_CJK = r"\u2e80-\u2fff\u3000-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef"
_CJK_CHAR = re.compile(f"[{_CJK}]")
_FINAL = "。！？；…!?"
_CLOSERS = "”’」』）)》】"
_ENDS_SENTENCE = re.compile(f"[{re.escape(_FINAL)}][{re.escape(_CLOSERS)}]*\\s*$")
_STARTS_CHINESE = re.compile(f"^\\s{{0,3}}[{_CJK}“‘「『《【（]")
_FENCE = re.compile(r"^\s{0,3}(```|~~~)")
_INDENTED_CHINESE = re.compile(f"^[ \\t]{{4,}}[{_CJK}“‘「『《【（]")
_BLOCK_START = re.compile(r"^\s{0,3}([#>|]|[-*+]\s|\d+[.)]\s)")


def paragraphs_per_line(text: str) -> str:
    """Markdown with an empty line added after each line that ends a sentence and is followed by Chinese text."""
    lines = text.split("\n")
    fenced = False
    for i, line in enumerate(lines):  # first: Chinese paragraphs indented by four spaces or more
        if _FENCE.match(line):
            fenced = not fenced
        elif not fenced and _INDENTED_CHINESE.match(line):
            lines[i] = line.lstrip(" \t")
    out: list[str] = []
    fenced = False
    for i, line in enumerate(lines):
        out.append(line)
        if _FENCE.match(line):
            fenced = not fenced
            continue
        if fenced or i + 1 >= len(lines):
            continue
        nxt = lines[i + 1]
        if (line.strip() and nxt.strip() and not line.startswith("    ") and not _BLOCK_START.match(line)
                and _ENDS_SENTENCE.search(line) and _STARTS_CHINESE.match(nxt) and not _BLOCK_START.match(nxt)):
            out.append("")
    return "\n".join(out)


def _is_cjk(ch: str) -> bool:
    return bool(ch) and bool(_CJK_CHAR.match(ch))


def join_cjk_softbreaks(state: Any) -> None:
    """markdown-it core rule: a soft line break between two Chinese characters becomes nothing."""
    for block in state.tokens:
        if block.type != "inline" or not block.children:
            continue
        children = block.children
        keep = []
        for i, tok in enumerate(children):
            if tok.type == "softbreak" and 0 < i < len(children) - 1:
                before, after = children[i - 1], children[i + 1]
                if (before.type == "text" and after.type == "text" and before.content and after.content
                        and _is_cjk(before.content[-1]) and _is_cjk(after.content[0])):
                    continue
            keep.append(tok)
        block.children = keep


def cjk_breaks_plugin(md: Any) -> None:
    """Add the join rule to a MarkdownIt instance (use with `paragraphs_per_line` on the source)."""
    md.core.ruler.push("cjk_softbreak", join_cjk_softbreaks)
