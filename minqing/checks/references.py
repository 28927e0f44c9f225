"""MQ106–MQ109: categories, cadres, villages and households that must exist."""

from __future__ import annotations

from collections.abc import Iterator

from .. import vocab
from ..diagnostics import Diagnostic
from ..model import Record
from .base import Context, check, diag
from .schema import all_fields


@check("MQ106")
def unknown_category(rec: Record, ctx: Context) -> Iterator[Diagnostic]:
    """A category that is neither a code nor a (Simplified or Traditional) name from the policy."""
    for fields in all_fields(rec):
        value = fields.text("category")
        if value and vocab.category_code(value) is None:
            yield diag(rec, "MQ106", fields.line_of("category"), value=value,
                       suggestion=vocab.suggest(value, vocab.category_choices()),
                       choices=[f"{code} {names[0]}" for code, names in vocab.CATEGORIES.items()])


@check("MQ107")
def unknown_cadre(rec: Record, ctx: Context) -> Iterator[Diagnostic]:
    """An entry's author or a household's contact cadre who is not in the roster."""
    key = "author" if rec.kind == "entry" else "cadre"
    value = rec.front.text(key) if rec.front else None
    if value and value not in ctx.config.cadre_names:
        names = sorted(ctx.config.cadre_names)
        yield diag(rec, "MQ107", rec.front.line_of(key), value=value,
                   suggestion=vocab.suggest(value, ctx.config.cadre_names),
                   choices=names[:20] + ([f"…（{len(names)}）"] if len(names) > 20 else []))


@check("MQ108")
def unknown_village(rec: Record, ctx: Context) -> Iterator[Diagnostic]:
    """A village that is not listed in minqing.yaml."""
    value = rec.front.text("village") if rec.front else None
    if value and value not in ctx.config.villages:
        yield diag(rec, "MQ108", rec.front.line_of("village"), value=value,
                   suggestion=vocab.suggest(value, ctx.config.villages), choices=list(ctx.config.villages))


def resolve_household(ref: str, ctx: Context) -> list[str]:
    """A household id, or a head's name -> the ids it names (one when it resolves)."""
    if ref in ctx.homes:
        return [ref]
    return ctx.heads.get(ref, [])


@check("MQ109")
def unknown_household(ctx: Context) -> Iterator[Diagnostic]:
    """A household that is neither an id in households/ nor the name of exactly one head."""
    suggest = None
    for f in ctx.facts:
        if f.kind != "entry":
            continue
        for ref, line in f.refs:
            found = resolve_household(ref, ctx)
            if len(found) > 1:
                yield diag(f, "MQ109", line, "MQ109.ambiguous", value=ref, matches=", ".join(found))
            elif not found:
                suggest = suggest or vocab.Suggester([*ctx.homes, *ctx.heads])
                yield diag(f, "MQ109", line, value=ref, suggestion=suggest(ref))


@check("MQ119")
def village_mismatch(ctx: Context) -> Iterator[Diagnostic]:
    """An entry's village differs from the village of a household it names (at the household's line).

    A visit to 新庄村's xz-03 filed under 群安村 would be counted, listed and compiled under the wrong
    village. Each household named by the entry, its issues or its aid is compared with the entry's
    village; references that name no single household are MQ109's business.
    """
    only = ctx.config.villages[0] if len(ctx.config.villages) == 1 else None
    for f in ctx.facts:
        if f.kind != "entry" or not f.ok or not f.refs:
            continue
        village = f.village or only
        if not village:
            continue
        for (ref, _), line in zip(f.refs, f.ref_lines):
            found = resolve_household(ref, ctx)
            if len(found) != 1:
                continue
            theirs = ctx.homes[found[0]].village or only
            if theirs and theirs != village:
                yield diag(f, "MQ119", line, value=ref, household_village=theirs, village=village,
                           key=f.village_key or "村")
