"""`init` and `new`: a new records repository, a new entry from the template. Never overwrites."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
from pathlib import Path

from . import gitio, vocab
from .config import CONFIG_NAME, Config
from .errors import MinqingError
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
        write_exclusive(ignore, ".minqing-cache/\n*.pdf\n")
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


def new_entry(config: Config, *, date: dt.date, author: str, households: list[str], category: str,
              title: str, slug: str | None, village: str | None, urgent: bool, lang: str) -> Path:
    """Write entries/YYYY/MM/YYYY-MM-DD-<slug>.md from the template; a free name is found, nothing overwritten."""
    code = vocab.category_code(category)
    if code is None:
        raise MinqingError("err.badcategory", value=category, suggest="")
    if village is None and len(config.villages) == 1:
        village = None  # one village: the field may be left out
    elif village is None:
        village = config.villages[0]
    text = fill(config.root, f"entry.{lang}.md.j2",
                date=date.isoformat(), author=author, village=village, households=households,
                category=vocab.category_name(code, "zh") if lang == "zh" else code, title=title, urgent=urgent)
    folder = config.root / "entries" / f"{date.year:04d}" / f"{date.month:02d}"
    base = f"{date.isoformat()}-{slugify(slug or title)}"
    for n in range(1, 1000):
        path = folder / (f"{base}.md" if n == 1 else f"{base}-{n}.md")
        try:
            write_exclusive(path, text)
            return path
        except FileExistsError:
            continue
    raise MinqingError("err.exists", path=str(folder / base))


def new_household(config: Config, *, hid: str, head: str, village: str | None, lang: str) -> Path:
    """Write households/<id>.md from the template (一户一档); an existing file is never overwritten."""
    if not vocab.HOUSEHOLD_ID.match(hid):
        raise MinqingError("err.household.badid", value=hid)
    if village is None and len(config.villages) > 1:
        village = config.villages[0]
    text = fill(config.root, f"household.{lang}.md.j2", id=hid, head=head, village=village)
    path = config.root / "households" / f"{hid}.md"
    try:
        write_exclusive(path, text)
    except FileExistsError:
        raise MinqingError("err.exists.household", path=str(path)) from None
    return path
