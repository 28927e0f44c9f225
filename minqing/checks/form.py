"""MQ116–MQ118: where a record sits, whether its body says anything, and whether it was copied."""

from __future__ import annotations

import re
import struct
import zlib
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from .. import vocab
from ..diagnostics import Diagnostic
from ..model import Record
from .base import Context, check, diag, fact_order
from .facts import unpack

SKETCH = 48  # bottom-k clause hashes kept per body
NEAR = 0.6  # Jaccard similarity of clause sets from which a body is a near copy
MIN_CLAUSES = 4
_COMMENT = re.compile(r"<!--.*?(-->|$)", re.S)
_CLAUSE = re.compile(r"[，。！？；：、,.!?;:\s“”\"‘’'（）()《》【】\[\]—…·-]+")


def sketch(body: str) -> tuple[int, ...]:
    """The SKETCH smallest hashes of the body's clauses: a bottom-k MinHash for near-copy search."""
    if "<!--" in body:  # the template's writing prompt is not the diary
        body = _COMMENT.sub("", body)
    hashes = {zlib.crc32(c.encode()) for c in _CLAUSE.split(body) if len(c) >= 4}
    if len(hashes) < MIN_CLAUSES:
        return ()
    return tuple(sorted(hashes)[:SKETCH])


def similarity(a: tuple[int, ...], b: tuple[int, ...]) -> float:
    """Jaccard similarity of two bodies: exact for short bodies, estimated from bottom-k sketches for long ones."""
    if len(a) < SKETCH and len(b) < SKETCH:  # the sketches hold every clause
        return len(set(a) & set(b)) / len(set(a) | set(b))
    union = sorted(set(a) | set(b))[: min(SKETCH, max(len(a), len(b)))]
    if not union:
        return 0.0
    both = set(a) & set(b)
    return sum(1 for h in union if h in both) / len(union)


def closest(mine: tuple[int, ...], candidates: Iterable[Any], sketch_of: Callable[[Any], tuple[int, ...]]
            ) -> tuple[Any, float]:
    """(the candidate whose sketch is most like `mine`, first seen on a tie; its similarity)."""
    best, best_sim = None, 0.0
    for c in candidates:
        sim = similarity(mine, sketch_of(c))
        if sim > best_sim:
            best, best_sim = c, sim
    return best, best_sim


@check("MQ116")
def misplaced_file(rec: Record, ctx: Context) -> Iterator[Diagnostic]:
    """An entry or review whose file name or folder does not match its date; a household whose id is not its file name."""
    if rec.front is None:
        return
    if rec.kind in ("entry", "review"):
        d = rec.date
        if d is None:
            return
        expected = d.isoformat()
        folder = f"{d.year:04d}/{d.month:02d}"
        top = "entries" if rec.kind == "entry" else "reviews"
        if not rec.stem.startswith(expected) or not rec.path.startswith(f"{top}/{folder}/"):
            yield diag(rec, "MQ116", rec.front.line_of("date"), "" if rec.kind == "entry" else "MQ116.review",
                       expected=expected, folder=folder)
        return
    value = rec.front.text("id")
    if value is None:
        return
    if not vocab.HOUSEHOLD_ID.fullmatch(value):
        yield diag(rec, "MQ116", rec.front.line_of("id"), "MQ116.badid", value=value)
    elif value != rec.stem:
        yield diag(rec, "MQ116", rec.front.line_of("id"), "MQ116.household", value=value, expected=rec.stem)


@check("MQ117")
def empty_body(rec: Record, ctx: Context) -> Iterator[Diagnostic]:
    """An entry whose narrative is empty or shorter than min_body_chars (formalism the policy warns of)."""
    if rec.kind == "entry" and rec.front is not None and rec.body_chars < ctx.config.min_body_chars:
        yield diag(rec, "MQ117", rec.body_line, count=rec.body_chars, minimum=ctx.config.min_body_chars)


INDEXED = 8  # the smallest hashes of each sketch go into the index
MIN_SHARED = 3  # indexed hashes two bodies must share to be compared at all
_FIRST = struct.Struct(f"<{INDEXED}I")  # the indexed hashes of a packed sketch (Facts.signature)


@check("MQ118")
def near_copy(ctx: Context) -> Iterator[Diagnostic]:
    """A body that is a near copy of an earlier entry's: candidates come from a hash index, never all pairs.

    Two bodies with clause-set similarity J have about J·k of the k smallest hashes of their union
    in common, and those are among each body's own k smallest; so indexing each body's 8 smallest
    hashes and comparing only bodies that share 3 of them finds near copies (J >= 0.6) with high
    probability; each candidate is then confirmed on the whole sketch.
    """
    index: dict[int, list[int]] = {}
    get = index.get
    entries = sorted((f for f in ctx.facts if f.kind == "entry" and f.signature), key=fact_order)
    for i, rec in enumerate(entries):
        sig = rec.signature
        pool: list[int] = []  # the earlier bodies sharing an indexed hash, once per hash shared
        for h in (_FIRST.unpack_from(sig) if len(sig) >= _FIRST.size else unpack(sig)):
            postings = get(h)
            if postings is None:
                index[h] = [i]
            else:
                if len(postings) <= 64:  # a clause in very many bodies is boilerplate, not evidence
                    pool += postings
                postings.append(i)
        need = min(MIN_SHARED, len(sig) // 4)
        if len(pool) < need:
            continue
        shared = Counter(pool)  # first seen first, as counting hash by hash would order them
        candidates = [j for j, n in shared.items() if n >= need]
        if not candidates:
            continue
        best, best_sim = closest(unpack(sig), candidates, lambda j: unpack(entries[j].signature))
        if best is not None and best_sim >= NEAR:
            yield diag(rec, "MQ118", rec.body_line, other=entries[best].path, percent=round(best_sim * 100))
