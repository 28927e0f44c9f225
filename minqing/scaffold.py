"""`init` and `new`: a new records repository, a new entry from the template. Never overwrites."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from . import gitio, vocab
from .config import CONFIG_NAME, Config
from .errors import MinqingError
from .escape import clean
from .render import builtin_templates, environment


def write_exclusive(path: Path, text: str) -> None:
    """Create `path` with `text`; fail with FileExistsError rather than overwrite anything."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
    except BaseException:
        os.unlink(path)
        raise


GITIGNORE = ".minqing-cache/\nout/\n*.pdf\n"


def init_repository(target: Path, git: bool = True) -> Path:
    """A new, example-free records repository in `target` (refused where records already are)."""
    target = target.resolve()
    for name in (CONFIG_NAME, "entries", "households"):
        if (target / name).exists():
            raise MinqingError("err.init.exists", path=str(target), what=name)
    target.mkdir(parents=True, exist_ok=True)
    write_exclusive(target / CONFIG_NAME, (builtin_templates() / "minqing.yaml").read_text(encoding="utf-8"))
    for folder in ("entries", "households"):
        (target / folder).mkdir()
        write_exclusive(target / folder / ".gitkeep", "")
    ignore = target / ".gitignore"
    if not ignore.exists():
        write_exclusive(ignore, GITIGNORE)
    if git and not (target / ".git").exists() and shutil.which("git"):
        subprocess.run(["git", "init", "-q", str(target)], check=False)
    return target


_SLUG_DROP = re.compile(r"[^\w\u3400-\u9fff-]+")


def slugify(text: str) -> str:
    """A file-name part from a title: spaces and punctuation become '-', at most 40 characters."""
    slug = _SLUG_DROP.sub("-", text.strip()).strip("-_")
    return slug[:40].strip("-") or "jilu"


def default_author(config: Config) -> str:
    """The cadre matching git's user.email (or user.name); the only cadre when there is one."""
    name = email = None
    if gitio.is_repo(config.root):
        name, email = gitio.user_identity(config.root)
    for cadre in config.cadres:
        if email and cadre.email and cadre.email.lower() == email.lower():
            return cadre.name
    for cadre in config.cadres:
        if name and cadre.name == name:
            return cadre.name
    if len(config.cadres) == 1:
        return config.cadres[0].name
    raise MinqingError("err.noauthor")


def refuse_control(*values: object) -> None:
    """A value with a control character or line break (an id, a name) is refused before anything is written."""
    for value in values:
        items = value if isinstance(value, (list, tuple)) else [value]
        for item in items:
            if isinstance(item, str) and clean(item) != item:
                raise MinqingError("err.control", value=clean(item))


def fill(root: Path, name: str, **context: object) -> str:
    """A new record's text from its template (the repository's own first), within the template limits."""
    from .render import TemplateLimit, limit_error, render_template
    from .volume import template_error

    try:
        return render_template(environment(root), name, **context)
    except TemplateLimit as exc:
        raise limit_error(exc, name) from None
    except MinqingError:
        raise
    except Exception as exc:  # noqa: BLE001 - a template's fault, named with its line
        raise template_error(exc, name) from None


@dataclass
class NewEntry:
    """What `new` wrote, and what it wants the writer to know (catalog key, params)."""

    path: Path
    notes: list[tuple[str, dict[str, str]]] = field(default_factory=list)


def category_or_fail(category: str) -> str:
    code = vocab.category_code(category)
    if code is None:
        raise MinqingError("err.badcategory", value=category, suggestion=vocab.suggest(category, vocab.category_choices()),
                           choices=category_list())
    return code


def category_list() -> list[str]:
    """['economy 农村经济发展', 'organization 村级组织建设', …] for messages and help."""
    return [f"{code} {names[0]}" for code, names in vocab.CATEGORIES.items()]


def household_villages(root: Path) -> tuple[dict[str, str | None], dict[str, list[str]]]:
    """(household id -> its village as written, head's name -> ids) from households/ (records only read)."""
    from .loader import load_repository

    repo = load_repository(root, run_checks=False)
    villages: dict[str, str | None] = {}
    heads: dict[str, list[str]] = {}
    for rec in repo.households:
        hid = rec.front.text("id") if rec.front is not None else None
        hid = hid or rec.stem
        villages.setdefault(hid, rec.front.text("village") if rec.front is not None else None)
        head = rec.get("head")
        if isinstance(head, str) and head:
            heads.setdefault(head, []).append(hid)
    return villages, heads


def entry_village(config: Config, households: list[str], village: str | None) -> tuple[str | None, list[tuple[str, dict[str, str]]]]:
    """The village to write for a new entry: --village, else the households' village, else the only one.

    Several villages and nothing to go by: the first, with a note naming the choices.
    """
    notes: list[tuple[str, dict[str, str]]] = []
    choices = list(config.villages)
    if village is not None:
        if village not in config.villages:
            raise MinqingError("err.badvillage", value=village, choices=choices)
        return (None if len(config.villages) == 1 else village), notes
    if households:
        ids, heads = household_villages(config.root)
        found: dict[str, str] = {}
        for ref in households:
            hid = ref if ref in ids else (heads[ref][0] if len(heads.get(ref, [])) == 1 else None)
            if hid is None:
                notes.append(("new.note.unknown_household", {"value": ref}))
                continue
            theirs = ids[hid] or (config.villages[0] if len(config.villages) == 1 else None)
            if theirs:
                found[ref] = theirs
        distinct = sorted(set(found.values()))
        if len(distinct) > 1:
            raise MinqingError("err.new.villages", which=[f"{r} → {v}" for r, v in found.items()])
        if distinct:
            return (None if len(config.villages) == 1 and distinct[0] == config.villages[0] else distinct[0]), notes
    if len(config.villages) == 1:
        return None, notes  # one village: the field may be left out
    notes.append(("new.note.village", {"village": config.villages[0], "choices": "、".join(choices)}))
    return config.villages[0], notes


_SHORT_ID = re.compile(r"^([A-Za-z\u3400-\u9fff]+)-(\d{4})-(\d+)$")
_ID_PREFIX = re.compile(r"^([A-Za-z]+)[-_]?\d")


def id_prefix(village: str | None, issue_ids: list[tuple[str, str | None]], household_ids: dict[str, str | None]) -> str:
    """The letters a village's short issue ids start with (QA in QA-2024-004).

    The prefix its existing short ids use; else the letters its household ids start with (qa-01 -> QA);
    else the village's name without 村 (群安-2024-001).
    """
    counts: dict[str, int] = {}
    for iid, v in issue_ids:
        m = _SHORT_ID.match(iid)
        if m and (village is None or v == village):
            counts[m.group(1)] = counts.get(m.group(1), 0) + 1
    if not counts:
        for hid, v in household_ids.items():
            m = _ID_PREFIX.match(hid)
            if m and (village is None or v == village):
                counts[m.group(1).upper()] = counts.get(m.group(1).upper(), 0) + 1
    if counts:
        return max(sorted(counts), key=lambda k: counts[k])
    name = (village or "").removesuffix("村") or "MQ"
    return name


def next_short_id(prefix: str, year: int, issue_ids: list[str]) -> str:
    """QA-2024-004: the prefix, the year, and one more than the highest number used with them (3 digits)."""
    used = [int(m.group(3)) for m in map(_SHORT_ID.match, issue_ids) if m and m.group(1) == prefix and int(m.group(2)) == year]
    return f"{prefix}-{year}-{max(used, default=0) + 1:03d}"


def suggest_short_id(root: Path, config: Config, village: str | None, year: int) -> str:
    """The next short issue id for a village and year, from the repository's records."""
    from .loader import load_repository

    repo = load_repository(root, run_checks=False)
    default_village = config.villages[0] if len(config.villages) == 1 else None
    ids: list[tuple[str, str | None]] = []
    for rec in repo.entries:
        v = rec.front.text("village") if rec.front is not None else None
        for iid, _, _ in rec.issue_ids():
            ids.append((iid, v or default_village))
    hh = {}
    for rec in repo.households:
        hid = (rec.front.text("id") if rec.front is not None else None) or rec.stem
        hh[hid] = (rec.front.text("village") if rec.front is not None else None) or default_village
    prefix = id_prefix(village or default_village, ids, hh)
    return next_short_id(prefix, year, [i for i, _ in ids])


def new_entry(config: Config, *, date: dt.date, author: str, households: list[str], category: str,
              title: str, slug: str | None, village: str | None, urgent: bool, lang: str) -> NewEntry:
    """Write entries/YYYY/MM/YYYY-MM-DD-<slug>.md from the template; a free name is found, nothing overwritten.

    The village comes from --village, else from the households named (xz-03 lives in 新庄村), else the
    only village. The commented issue block proposes the next short id (QA-2024-004).
    """
    code = category_or_fail(category)
    refuse_control(households, author, title, slug, village)
    village, notes = entry_village(config, households, village)
    days = (dt.date.today() - date).days
    if days > config.grace_days:  # typed up late: say so now, not only in the hook
        notes.append(("new.note.late", {"date": date.isoformat(), "days": str(days), "grace": str(config.grace_days)}))
    issue_id = suggest_short_id(config.root, config, village, date.year)
    text = fill(config.root, f"entry.{lang}.md.j2",
                date=date.isoformat(), author=author, village=village, households=households,
                category=vocab.category_name(code, "zh") if lang == "zh" else code, title=title, urgent=urgent,
                issue_id=issue_id)
    folder = config.root / "entries" / f"{date.year:04d}" / f"{date.month:02d}"
    base = f"{date.isoformat()}-{slugify(slug or title)}"
    for n in range(1, 1000):
        path = folder / (f"{base}.md" if n == 1 else f"{base}-{n}.md")
        try:
            write_exclusive(path, text)
            return NewEntry(path, notes)
        except FileExistsError:
            continue
    raise MinqingError("err.exists", path=str(folder / base))


def new_household(config: Config, *, hid: str, head: str, village: str | None, lang: str) -> Path:
    """Write households/<id>.md from the template (一户一档); an existing file is never overwritten."""
    if not vocab.HOUSEHOLD_ID.fullmatch(hid):  # fullmatch: `$` would let a trailing newline through
        raise MinqingError("err.household.badid", value=clean(hid))
    refuse_control(head)
    choices = list(config.villages)
    if village is not None and village not in config.villages:
        raise MinqingError("err.badvillage", value=village, choices=choices)
    if village is None and len(config.villages) > 1:
        raise MinqingError("err.newhh.village", choices=choices, id=hid)
    if len(config.villages) == 1:
        village = None  # one village: the field may be left out
    text = fill(config.root, f"household.{lang}.md.j2", id=hid, head=head, village=village)
    path = config.root / "households" / f"{hid}.md"
    try:
        write_exclusive(path, text)
    except FileExistsError:
        raise MinqingError("err.exists.household", path=str(path)) from None
    return path
