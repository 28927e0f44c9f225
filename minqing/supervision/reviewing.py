"""`minqing review`: the entries not yet reviewed, and the review file a supervisor fills in."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from pathlib import Path

from ..config import Config
from ..errors import MinqingError
from ..model import Record
from ..render import yaml_scalar
from .orders import valid_reviews
from .score import entry_lookup, reviewed_items

_CONTROL = re.compile(r"[\x00-\x1f\x7f\u2028\u2029]")
_SLUG_DROP = re.compile(r"[^\w\u3400-\u9fff-]+")


def unreviewed(records: Sequence[Record], config: Config, start: dt.date, end: dt.date) -> list[Record]:
    """Entries dated start..end that no valid review item (a grade or a comment) names yet, by date then path."""
    done = {entry.path for _, entry, _, _ in reviewed_items(valid_reviews(records, config), entry_lookup(records),
                                                            config)}
    return sorted((r for r in records if r.kind == "entry" and r.front is not None and r.date is not None
                   and start <= r.date <= end and r.path not in done), key=lambda r: (r.date, r.path))


def _comment(text: str) -> str:
    """Text safe on one YAML comment line: control characters and line breaks become spaces."""
    return _CONTROL.sub(" ", text).strip()


def review_text(config: Config, reviewer: str, day: dt.date, entries: Sequence[Record], lang: str) -> str:
    """The review file: front matter with one item per entry (grade and comment to fill in), then the remarks."""
    zh = lang != "en"
    k = {"date": "日期", "reviewer": "审阅人", "reviews": "审阅", "entry": "日记", "grade": "等级", "comment": "意见",
         "orders": "督办", "issue": "问题", "to": "承办人", "due": "期限", "request": "要求"} if zh else {
        key: key for key in ("date", "reviewer", "reviews", "entry", "grade", "comment", "orders", "issue", "to",
                             "due", "request")}
    grades = " / ".join(config.grades)
    lines = ["---", f"{k['date']}: {day.isoformat()}", f"{k['reviewer']}: {yaml_scalar(reviewer)}"]
    if entries:
        lines.append(f"{k['reviews']}:")
        for rec in entries:
            about = " · ".join(_comment(str(x)) for x in (rec.get("title") or "", rec.get("author") or "",
                                                           rec.date.isoformat()))  # type: ignore[union-attr]
            lines += [f"  - {k['entry']}: {yaml_scalar(rec.path)}  # {about}",
                      f"    {k['grade']}:   # {grades}",
                      f"    {k['comment']}:"]
    else:
        lines.append(f"{k['reviews']}: []")
    example = (f"#   - {{{k['issue']}: 编号, {k['to']}: 承办人或部门, {k['due']}: {(day + dt.timedelta(days=14)).isoformat()}, "
               f"{k['request']}: 要求}}") if zh else (
               f"#   - {{issue: ID, to: cadre or department, due: {(day + dt.timedelta(days=14)).isoformat()}, "
               f"request: what is asked}}")
    lines += [("# 督办：对需要督促的诉求逐条写明" if zh else "# orders: one item per issue to supervise"), example,
              f"{k['orders']}: []", "---", ""]
    lines.append("<!-- 审阅意见：总的评价、发现的问题和下一步要求 -->" if zh else
                 "<!-- Remarks: the overall verdict, what was found, what is asked next -->")
    return "\n".join(lines) + "\n"


def slugify(text: str) -> str:
    return _SLUG_DROP.sub("-", text).strip("-")[:60] or "review"


def review_path(root: Path, day: dt.date, slug: str) -> Path:
    return root / "reviews" / f"{day.year:04d}" / f"{day.month:02d}" / f"{day.isoformat()}-{slugify(slug)}.md"


def write_review(config: Config, records: Sequence[Record], reviewer: str, start: dt.date, end: dt.date,
                 day: dt.date, slug: str | None, lang: str, force: bool = False) -> tuple[Path, int]:
    """Write the review file for `reviewer` over start..end; (its path, the entries listed). Never clobbers
    an existing file unless `force`."""
    from ..fsio import write_new
    from .. import vocab

    if reviewer not in config.supervisor_names:
        found = vocab.suggest(reviewer, config.supervisor_names)
        raise MinqingError("review.nosupervisor", value=reviewer,
                           choices="、".join(sorted(config.supervisor_names)) or "-",
                           suggest=f"（{found}？）" if found and lang != "en" else (f" ({found}?)" if found else ""))
    if start > end:
        raise MinqingError("err.range", start=start.isoformat(), end=end.isoformat())
    entries = unreviewed(records, config, start, end)
    path = review_path(config.root, day, slug or reviewer)
    real_root = config.root.resolve()
    folder = real_root
    for part in path.parent.relative_to(config.root).parts:  # never follow a link out of the repository
        folder = folder / part
        if folder.is_symlink() and real_root not in folder.resolve().parents:
            raise MinqingError("review.outside", path=str(folder))
    path.parent.mkdir(parents=True, exist_ok=True)
    write_new(path, review_text(config, reviewer, day, entries, lang).encode("utf-8"), force,
              exists_key="review.exists", nofolder_key="review.outside")
    return path, len(entries)
