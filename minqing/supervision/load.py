"""Reading what supervision needs through the library's loaders: records, the ledger, the review files."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from .. import ledger
from ..config import Config, load_config
from ..loader import load_repository, walk
from ..model import Record


def read_reviews(root: Path, config: Config) -> list[Record]:
    """Only the review files (reviews/**.md), parsed but not checked."""
    files = walk(root, ("reviews",))
    if not files:
        return []
    # a subset of the files must not replace the repository's parse cache: read these directly
    return load_repository(root, config, files=files, run_checks=False, use_cache=False).records


def read_all(root: Path, as_of: dt.date, keep_body: bool = False
             ) -> tuple[Config, list[Record], list[ledger.Issue], set[int]]:
    """(config, every record, the ledger as of `as_of`, years the official calendar lacked)."""
    config = load_config(root)
    repo = load_repository(root, config, today=as_of, run_checks=False, keep_body=keep_body)
    ctx = repo.context(as_of)
    unknown: set[int] = set()
    issues = ledger.build(repo.records, config, as_of, ctx.households, ctx.heads, unknown)
    return config, repo.records, issues, unknown


def with_orders(root: Path, config: Config, issues: list[ledger.Issue], as_of: dt.date) -> list[ledger.Issue]:
    """The ledger's issues with each one's current supervision order (`issue.order`) as of the date."""
    from .orders import attach_orders, current_orders

    attach_orders(issues, current_orders(read_reviews(root, config), issues, config, as_of))
    return issues


def order_briefs(root: Path, config: Config, as_of: dt.date,
                 issues_named: Callable[[Iterable[str]], list[ledger.Issue]]) -> dict[str, dict[str, Any]]:
    """Issue id -> its current order's brief ({to, due, state}), as `with_orders` would set it, when
    the ledger is not at hand: `issues_named(ids)` gives the ledger's issues with the ids the reviews'
    orders name (`current_orders` looks at no other issue)."""
    from .orders import current_orders, valid_reviews

    reviews = read_reviews(root, config)
    named = {item.text("issue") for rec in valid_reviews(reviews, config, as_of) for item in rec.orders()}
    named.discard(None)
    named.discard("")
    if not named:
        return {}
    return {ref: order.brief() for ref, order in current_orders(reviews, issues_named(named), config, as_of).items()}
