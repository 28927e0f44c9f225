"""Reading what supervision needs through the library's loaders: records, the ledger, the review files."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

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
