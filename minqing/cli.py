"""The command line: options -> one library call -> report -> exit code. Nothing else lives here."""

from __future__ import annotations

import datetime as dt
import os
import shlex
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, Optional, TypeVar

import typer

from . import i18n
from .errors import MinqingError

_LANG = i18n.lang_from_argv(sys.argv)

from . import clizh  # noqa: E402  (click's English "Usage:", "Options:" and errors, in Chinese when zh)

clizh.install()


def h(key: str, **params: object) -> str:
    """Help text in the language chosen before the app was built (`{categories}` lists the categories)."""
    from . import vocab

    if "{categories}" in i18n.CATALOG[key][0]:
        params.setdefault("categories", "、".join(f"{code} {names[0]}" for code, names in vocab.CATEGORIES.items())
                          if _LANG == "zh" else ", ".join(vocab.CATEGORIES))
    return i18n.t(key, _LANG, **params)


app = typer.Typer(help=h("help.app"), no_args_is_help=True, add_completion=True,
                  context_settings={"help_option_names": ["-h", "--help"]}, rich_markup_mode=None,
                  pretty_exceptions_enable=False)

RepoOpt = Annotated[Optional[Path], typer.Option("--repo", help=h("help.repo"), show_default=False)]
LangOpt = Annotated[Optional[str], typer.Option("--lang", help=h("help.lang"), show_default=False)]

F = TypeVar("F", bound=Callable[..., Any])


def lang_of(value: str | None) -> str:
    if value is not None and i18n.normalize_lang(value) is None:
        raise MinqingError("err.badlang", value=value)
    return i18n.detect_lang(value)


def fail(exc: MinqingError, lang: str) -> typer.Exit:
    from . import report

    report.write(exc.message(lang) + "\n", sys.stderr)
    return typer.Exit(exc.exit_code)


def guarded(lang: str | None, body: Callable[[str], int]) -> None:
    """Run a command body; its MinqingError becomes a message and exit code, never a traceback."""
    try:
        chosen = lang_of(lang)
    except MinqingError as exc:
        raise fail(exc, "zh") from None
    try:
        code = body(chosen)
    except MinqingError as exc:
        raise fail(exc, chosen) from None
    except (typer.Exit, typer.Abort, KeyboardInterrupt):
        raise
    except OSError as exc:  # a read-only folder, a full disk, a name too long…: said plainly, with the path
        from .errors import from_os_error

        raise fail(from_os_error(exc), chosen) from None
    except Exception as exc:  # a bug: say so plainly, in the user's language
        raise fail(MinqingError("err.internal", problem=f"{type(exc).__name__}: {exc}"), chosen) from None
    finally:
        if "minqing.index" in sys.modules:  # one command, one look at the files
            sys.modules["minqing.index"].forget()
    raise typer.Exit(code)


def find_repo(repo: Path | None) -> Path:
    """The records repository at or above --repo (or the current folder); a workspace is refused here."""
    target = find_target(repo)
    if not isinstance(target, Path):
        raise MinqingError("ws.memberonly", root=str(target.root), command=_command_name())
    return target


def _command_name() -> str:
    """`minqing <command>` of the running command, for messages."""
    try:  # typer >= 0.22 runs its own bundled click, whose context stack is the one that counts
        from typer._click.globals import get_current_context
    except ImportError:  # older typer runs on the click package
        try:
            from click import get_current_context  # type: ignore[no-redef]
        except ImportError:
            return "minqing"
    ctx = get_current_context(silent=True)
    names = []
    while ctx is not None and ctx.parent is not None:
        names.append(ctx.info_name or "")
        ctx = ctx.parent
    return " ".join(["minqing", *reversed(names)])


def find_target(repo: Path | None) -> Any:
    """The records repository (a Path) or the workspace (a loaded Workspace) at or above --repo."""
    from .config import find_root
    from .workspace.model import is_workspace, load_workspace

    root = find_root(repo if repo is not None else Path.cwd())
    return load_workspace(root) if is_workspace(root) else root


def parse_day(value: str | None) -> dt.date | None:
    from .model import parse_date

    if value is None:
        return None
    d = parse_date(value)
    if d is None:
        raise MinqingError("err.baddate", value=value)
    return d


def choose_format(value: str | None, choices: tuple[str, ...]) -> str:
    fmt = value or choices[0]
    if fmt not in choices:
        raise MinqingError("err.badformat", value=fmt, choices=", ".join(choices))
    return fmt


@app.command("check", help=h("help.check"))
def check_cmd(
    paths: Annotated[Optional[list[str]], typer.Argument(help=h("help.check.paths"), show_default=False)] = None,
    staged: Annotated[bool, typer.Option("--staged", help=h("help.check.staged"))] = False,
    fmt: Annotated[Optional[str], typer.Option("--format", help=h("help.format", choices="table, text, json, csv"), show_default=False)] = None,
    as_of: Annotated[Optional[str], typer.Option("--as-of", help=h("help.check.asof"), show_default=False)] = None,
    no_cache: Annotated[bool, typer.Option("--no-cache", help=h("help.nocache"))] = False,
    repo: RepoOpt = None,
    lang: LangOpt = None,
) -> None:
    def body(lang: str) -> int:
        from . import report
        from .checker import run_check
        chosen = output_format(fmt)
        root = find_target(repo)
        if not isinstance(root, Path):
            from .workspace import commands as ws

            return ws.check(root, lang, chosen, paths or None, staged, parse_day(as_of), not no_cache)
        result = run_check(root, paths or None, staged=staged, today=parse_day(as_of), use_cache=not no_cache)
        for key, params in result.notes:
            report.write(i18n.t(key, lang, **params) + "\n", sys.stderr)
        if chosen in ("table", "text") and not result.has_errors:
            hint = short_id_hint(root, paths, staged)
            if hint:
                report.write(i18n.t("check.note.short_ids", lang, **hint) + "\n", sys.stderr)
        diags, files = result.diagnostics, result.files
        report.emit(chosen, json=lambda: report.check_json(diags, files, lang),
                    csv=lambda: report.check_csv(diags, lang), table=lambda: report.check_table(diags, files, lang),
                    text=lambda: report.check_lines(diags, files, lang))
        return 1 if result.has_errors else 0

    guarded(lang, body)


def short_id_hint(root: Path, paths: list[str] | None, staged: bool) -> dict[str, str] | None:
    """How many issues (of the checked files) go by the long default id, and a short id to use instead."""
    from . import gitio
    from .checker import relative
    from .config import load_config
    from .index.queries import ledger_for
    from .scaffold import suggest_short_id

    try:
        config, issues, _, _ = ledger_for(root, dt.date.today())  # the same cache entry as `issues`
        wanted: set[str] | None = None
        if staged:
            wanted = {p for p in gitio.staged(root)} if gitio.is_repo(root) else set()
        elif paths:
            wanted = {relative(root, p) for p in paths}
        defaults = [i for i in issues if "#" in i.id and (wanted is None or any(
            i.entry == w or i.entry.startswith(w.rstrip("/") + "/") or w == "." for w in wanted))]
        if not defaults:
            return None
        first = min(defaults, key=lambda i: (i.raised, i.id))
        short = suggest_short_id(root, load_config(root), first.village, first.raised.year)
        return {"count": str(len(defaults)), "example": first.id, "short": short}
    except MinqingError:
        return None


@app.command("init", help=h("help.init"))
def init_cmd(
    directory: Annotated[Optional[Path], typer.Argument(help=h("help.init.dir"), show_default=False)] = None,
    workspace: Annotated[bool, typer.Option("--workspace", help=h("help.init.workspace"))] = False,
    member: Annotated[Optional[list[str]], typer.Option("--member", help=h("help.init.member"), show_default=False)] = None,
    lang: LangOpt = None,
) -> None:
    def body(lang: str) -> int:
        from . import report
        from .scaffold import init_repository

        if workspace or member:
            from .workspace.model import members_not_ready, write_workspace

            written = write_workspace(directory or Path.cwd(), list(member or []))
            report.write(i18n.t("ws.init.created", lang, path=str(written), members=len(member or [])) + "\n")
            for m in members_not_ready(list(member or [])):  # written as asked, but said now, not at the first check
                report.write(i18n.t("ws.init.notready", lang, member=m) + "\n", sys.stderr)
            return 0
        from .workspace.model import enclosing_workspace

        around = enclosing_workspace(directory or Path.cwd())
        if around is not None:
            raise MinqingError("ws.memberonly", root=str(around), command="minqing init")
        path = init_repository(directory or Path.cwd())
        report.write(i18n.t("init.created", lang, path=str(path)) + "\n")
        return 0

    guarded(lang, body)


@app.command("new", help=h("help.new"))
def new_cmd(
    title: Annotated[Optional[str], typer.Option("--title", "-t", help=h("help.new.title"), show_default=False)] = None,
    category: Annotated[str, typer.Option("--category", "-c", help=h("help.new.category"))] = "other",
    household: Annotated[Optional[list[str]], typer.Option("--household", "-H", help=h("help.new.household"), show_default=False)] = None,
    date: Annotated[Optional[str], typer.Option("--date", "-d", help=h("help.new.date"), show_default=False)] = None,
    author: Annotated[Optional[str], typer.Option("--author", "-a", help=h("help.new.author"), show_default=False)] = None,
    village: Annotated[Optional[str], typer.Option("--village", help=h("help.new.village"), show_default=False)] = None,
    slug: Annotated[Optional[str], typer.Option("--slug", help=h("help.new.slug"), show_default=False)] = None,
    urgent: Annotated[bool, typer.Option("--urgent", help=h("help.new.urgent"))] = False,
    no_edit: Annotated[bool, typer.Option("--no-edit", help=h("help.new.noedit"))] = False,
    repo: RepoOpt = None,
    lang: LangOpt = None,
) -> None:
    def body(lang: str) -> int:
        from . import report
        from .config import load_config
        from .scaffold import default_author, new_entry

        root = find_repo(repo)
        config = load_config(root)
        day = parse_day(date) or dt.date.today()
        who = author or default_author(config)
        done = new_entry(config, date=day, author=who, households=list(household or []), category=category,
                         title=title or ("新的民情日记" if lang == "zh" else "New entry"), slug=slug,
                         village=village, urgent=urgent, lang=lang)
        for key, params in done.notes:
            report.write(i18n.t(key, lang, **params) + "\n", sys.stderr)
        shown = shown_path(done.path)
        if not no_edit:
            open_editor(done.path, shown, lang)
        report.write(shown + "\n")
        return 0

    guarded(lang, body)


FormatOpt = Annotated[Optional[str], typer.Option("--format", help=h("help.format", choices="table, text, json, csv"), show_default=False)]


def output_format(value: str | None, choices: tuple[str, ...] = ("table", "text", "json", "csv")) -> str:
    """The chosen format; `table` becomes plain text lines when stdout is not a terminal."""
    from . import report

    chosen = choose_format(value, choices)
    return "text" if chosen == "table" and not report.is_terminal() else chosen


def load_ledger(root: Path, as_of: dt.date, lang: str, idx: Any = None, household: str | None = None,
                filters: Any = None, heads: bool = True) -> tuple[Any, list[Any], dict[str, str]]:
    """(config, issues as of the date (only those naming `household`, or passing `filters`, when given),
    household id -> head (empty unless `heads`)), from the index when fresh."""
    from . import report
    from .index.queries import ledger_for

    config, issues, names, unknown = ledger_for(root, as_of, idx=idx, household=household, filters=filters, heads=heads)
    report.note_years(unknown, lang)
    return config, issues, names


def open_editor(path: Path, shown: str, lang: str = "zh") -> None:
    """Open `path` in $VISUAL or $EDITOR when the user sits at a terminal; else say why it was not opened."""
    from . import report

    editor = os.environ.get("VISUAL") or os.environ.get("EDITOR")
    if not editor:
        if report.is_terminal(sys.stdin):
            report.write(i18n.t("new.note.noeditor", lang, path=shown) + "\n", sys.stderr)
        return
    if not report.is_terminal(sys.stdin):
        report.write(i18n.t("new.note.editor", lang, editor=editor, path=shown) + "\n", sys.stderr)
        return
    if editor:
        try:
            subprocess.run([*shlex.split(editor), str(path)], check=False)
        except OSError as exc:
            raise MinqingError("err.editor", editor=editor, problem=str(exc), path=shown) from None


def shown_path(path: Path) -> str:
    rel = os.path.relpath(path, Path.cwd())
    return str(path) if rel.startswith("..") else rel


@app.command("new-household", help=h("help.newhh"))
def new_household_cmd(
    hid: Annotated[str, typer.Argument(help=h("help.newhh.id"))],
    head: Annotated[str, typer.Option("--head", help=h("help.newhh.head"))],
    village: Annotated[Optional[str], typer.Option("--village", help=h("help.new.village"), show_default=False)] = None,
    no_edit: Annotated[bool, typer.Option("--no-edit", help=h("help.new.noedit"))] = False,
    repo: RepoOpt = None,
    lang: LangOpt = None,
) -> None:
    def body(lang: str) -> int:
        from . import report
        from .config import load_config
        from .scaffold import new_household

        config = load_config(find_repo(repo))
        path = new_household(config, hid=hid, head=head, village=village, lang=lang)
        shown = shown_path(path)
        if not no_edit:
            open_editor(path, shown, lang)
        report.write(shown + "\n")
        return 0

    guarded(lang, body)


@app.command("issues", help=h("help.issues"))
def issues_cmd(
    status: Annotated[Optional[list[str]], typer.Option("--status", help=h("help.issues.status"), show_default=False)] = None,
    overdue: Annotated[bool, typer.Option("--overdue", help=h("help.issues.overdue"))] = False,
    author: Annotated[Optional[str], typer.Option("--author", help=h("help.issues.author"), show_default=False)] = None,
    village: Annotated[Optional[str], typer.Option("--village", help=h("help.issues.village"), show_default=False)] = None,
    household: Annotated[Optional[str], typer.Option("--household", help=h("help.issues.household"), show_default=False)] = None,
    category: Annotated[Optional[str], typer.Option("--category", help=h("help.issues.category"), show_default=False)] = None,
    as_of: Annotated[Optional[str], typer.Option("--as-of", help=h("help.issues.asof"), show_default=False)] = None,
    all_: Annotated[bool, typer.Option("--all", help=h("help.issues.all"))] = False,
    owner: Annotated[Optional[str], typer.Option("--owner", help=h("help.issues.owner"), show_default=False)] = None,
    fmt: FormatOpt = None,
    repo: RepoOpt = None,
    lang: LangOpt = None,
) -> None:
    def body(lang: str) -> int:
        from . import ledger, report, vocab
        from .archive import find_household
        from .index.queries import ledger_by_id, ledger_json
        from .supervision.load import order_briefs, with_orders

        chosen = output_format(fmt)
        day = parse_day(as_of) or dt.date.today()
        root = find_target(repo)
        statuses = set()
        for value in status or []:
            for part in value.split(","):
                code = vocab.status_code(part)
                if code is None:
                    raise MinqingError("err.badstatus", value=part, suggestion=vocab.suggest(part, vocab.status_choices()),
                                       choices=[f"{c} {names[0]}" for c, names in vocab.STATUSES.items()])
                statuses.add(code)
        cat = None
        if category:
            cat = vocab.category_code(category)
            if cat is None:
                from .scaffold import category_or_fail
                category_or_fail(category)
        if not isinstance(root, Path):
            from .workspace import commands as ws

            return ws.issues(root, lang, chosen, day, statuses=frozenset(statuses), overdue=overdue, author=author,
                             village=village, household=household, category=cat, include_closed=all_, owner=owner)
        from . import index
        from .config import load_config
        from .index.queries import household_heads

        config = load_config(root)
        idx = index.synced(root, config)  # one look at the files for every question below
        hid = find_household(household_heads(root, config, idx), household) if household else None
        filters = ledger.Filters(frozenset(statuses), overdue, author, village, hid, cat, all_, owner)
        # JSON straight from the stored ledger's rows, when it is stored as of the day: no Issue is made
        stored = ledger_json(idx, day, filters) if chosen == "json" and idx is not None else None
        if stored is not None:
            rows, unknown_years = stored
            report.note_years(unknown_years, lang)
        else:
            config, chosen_issues, _ = load_ledger(root, day, lang, idx, filters=filters, heads=False)  # only those shown
        if not (rows if stored is not None else chosen_issues) and (
                (village and village not in config.villages) or (author and author not in config.cadre_names)):
            _, every, _ = load_ledger(root, day, lang, idx, heads=False)  # an unknown name no issue shown has: is it in any issue?
            if village and village not in config.villages and not any(i.village == village for i in every):
                raise MinqingError("err.badvillage", value=village, choices=list(config.villages))
            if author and author not in config.cadre_names and not any(i.author == author for i in every):
                raise MinqingError("err.nocadre", value=author, suggestion=vocab.suggest(author, config.cadre_names),
                                   choices=sorted(config.cadre_names))
        if stored is not None:
            orders = order_briefs(root, config, day, lambda ids: ledger_by_id(idx, ids))
            report.write(report.issues_json_stored(rows, orders, day))
            return 0
        with_orders(root, config, chosen_issues, day)
        report.emit(chosen, json=lambda: report.issues_json(chosen_issues, day),
                    csv=lambda: report.issues_csv(chosen_issues, day, lang),
                    table=lambda: report.issues_table(chosen_issues, day, lang),
                    text=lambda: report.issues_lines(chosen_issues, day, lang))
        return 0

    guarded(lang, body)


@app.command("quota", help=h("help.quota"))
def quota_cmd(
    start: Annotated[Optional[str], typer.Option("--from", help=h("help.quota.from"), show_default=False)] = None,
    end: Annotated[Optional[str], typer.Option("--to", help=h("help.quota.to"), show_default=False)] = None,
    author: Annotated[Optional[list[str]], typer.Option("--author", help=h("help.quota.author"), show_default=False)] = None,
    fmt: FormatOpt = None,
    repo: RepoOpt = None,
    lang: LangOpt = None,
) -> None:
    def body(lang: str) -> int:
        from . import gitio, report, vocab
        from .index.queries import entries_for
        from .history import first_commits
        from .quota import compute

        chosen = output_format(fmt)
        root = find_target(repo)
        if not isinstance(root, Path):
            from .workspace import commands as ws

            return ws.quota(root, lang, chosen, parse_day(start), parse_day(end) or dt.date.today(), author)
        to_day = parse_day(end) or dt.date.today()
        asked = parse_day(start)

        def span(first: dt.date | None) -> tuple[dt.date, dt.date]:
            from_day = asked or max(first or to_day, to_day - dt.timedelta(weeks=52))
            if from_day > to_day:
                raise MinqingError("err.range", start=from_day.isoformat(), end=to_day.isoformat())
            if (to_day - from_day).days > 3660:
                raise MinqingError("err.range.long", weeks=(to_day - from_day).days // 7)
            return from_day, to_day

        config, facts, period = entries_for(root, span=span)  # only the period's weeks are read
        from_day, to_day = period or (to_day, to_day)
        firsts = first_commits(root, [fact[0] for fact in facts]) or {}
        if gitio.is_shallow(root):
            report.write(i18n.t("note.shallow.quota", lang, root=str(root)) + "\n", sys.stderr)
        names = None
        if author:
            for name in author:
                if name not in config.cadre_names:
                    raise MinqingError("err.nocadre", value=name, suggestion=vocab.suggest(name, config.cadre_names),
                                       choices=list(config.cadre_names))
            names = author
        rep = compute(facts, config, from_day, to_day, firsts, names)
        report.emit(chosen, json=lambda: report.dump_json(rep.to_json()), csv=lambda: report.quota_csv(rep, lang),
                    table=lambda: report.quota_table(rep, lang), text=lambda: report.quota_lines(rep, lang))
        return 1 if rep.shortfalls else 0

    guarded(lang, body)


@app.command("household", help=h("help.household"))
def household_cmd(
    key: Annotated[str, typer.Argument(help=h("help.household.id"))],
    as_of: Annotated[Optional[str], typer.Option("--as-of", help=h("help.issues.asof"), show_default=False)] = None,
    fmt: Annotated[Optional[str], typer.Option("--format", help=h("help.format", choices="table, text, json"), show_default=False)] = None,
    repo: RepoOpt = None,
    lang: LangOpt = None,
) -> None:
    def body(lang: str) -> int:
        from . import archive, report

        chosen = output_format(fmt, ("table", "text", "json"))
        day = parse_day(as_of) or dt.date.today()
        root = find_target(repo)
        if not isinstance(root, Path):
            from .workspace import commands as ws

            return ws.household(root, lang, chosen, key, day)
        from .index.queries import household_records
        from .supervision.load import with_orders

        from . import index
        from .config import load_config

        idx = index.synced(root, load_config(root))  # one look at the files for both questions
        _, rec, hid, entries = household_records(root, key, idx=idx)
        config, issues, _ = load_ledger(root, day, lang, idx, household=hid, heads=False)  # only its issues
        with_orders(root, config, issues, day)
        arch = archive.assemble(rec, hid, entries, issues)
        report.emit(chosen, json=lambda: report.household_json(arch), table=lambda: report.household_view(arch, lang, day),
                    text=lambda: report.household_lines(arch, lang, day))
        return 0

    guarded(lang, body)


@app.command("log", help=h("help.log"))
def log_cmd(
    target: Annotated[str, typer.Argument(help=h("help.log.target"))],
    fmt: Annotated[Optional[str], typer.Option("--format", help=h("help.format", choices="text, json"), show_default=False)] = None,
    repo: RepoOpt = None,
    lang: LangOpt = None,
) -> None:
    def body(lang: str) -> int:
        from . import report
        from .checker import relative
        from .gitlog import issue_log, path_log

        chosen = choose_format(fmt, ("text", "json", "table"))
        root = find_repo(repo)
        rel = None
        candidate = Path(target)
        if (candidate if candidate.is_absolute() else Path.cwd() / candidate).is_file():
            rel = relative(root, target)
        elif (root / target).is_file():
            rel = target
        if rel is not None:
            title, rows = path_log(root, rel)
            heading = i18n.t("log.title", lang, path=rel)
        else:
            title, rows = issue_log(root, target, lang)
            heading = i18n.t("log.issue", lang, id=target)
        report.emit(chosen, json=lambda: report.log_json(title, rows), text=lambda: report.log_lines(heading, rows, lang))
        return 0

    guarded(lang, body)


@app.command("schema", help=h("help.schema"), short_help=h("help.schema.short"))
def schema_cmd(
    kind: Annotated[str, typer.Option("--kind", help=h("help.schema.kind"))] = "all",
    out: Annotated[Optional[Path], typer.Option("--out", "-o", help=h("help.schema.out"), show_default=False)] = None,
    force: Annotated[bool, typer.Option("--force", help=h("help.schema.force"))] = False,
    lang: LangOpt = None,
) -> None:
    def body(lang: str) -> int:
        from . import report
        from .jsonschema_gen import build, dumps, write_atomic

        text = dumps(build(kind, lang))
        target = out
        if target is None and report.is_terminal():  # at a terminal inside a repository: out/, not the screen
            from .config import find_root
            from .fsio import output_folder

            try:
                target = output_folder(find_root(Path.cwd())) / f"minqing.{kind}.schema.json"
            except MinqingError:
                target = None
        if target is None:
            report.write(text)
        else:
            write_atomic(target, text, force=force)
            report.write(i18n.t("schema.written", lang, path=str(target)) + "\n", sys.stderr)
        return 0

    guarded(lang, body)


hooks_app = typer.Typer(help=h("help.hooks"), no_args_is_help=True)
app.add_typer(hooks_app, name="hooks")


@hooks_app.command("install", help=h("help.hooks.install"))
def hooks_install_cmd(
    force: Annotated[bool, typer.Option("--force", help=h("help.hooks.force"))] = False,
    repo: RepoOpt = None,
    lang: LangOpt = None,
) -> None:
    def body(lang: str) -> int:
        from . import report
        from .hooks import install

        done = install(find_repo(repo), force=force)
        if done.backup is not None:
            report.write(i18n.t("hooks.backup", lang, path=str(done.backup)) + "\n")
        key = "hooks.updated" if done.replaced_own else "hooks.installed"
        report.write(i18n.t(key, lang, path=str(done.path)) + "\n")
        return 0

    guarded(lang, body)


@hooks_app.command("uninstall", help=h("help.hooks.uninstall"))
def hooks_uninstall_cmd(repo: RepoOpt = None, lang: LangOpt = None) -> None:
    def body(lang: str) -> int:
        from . import report
        from .hooks import uninstall

        removed = uninstall(find_repo(repo))
        if removed is None:
            report.write(i18n.t("hooks.none", lang) + "\n")
        else:
            report.write(i18n.t("hooks.removed", lang, path=str(removed)) + "\n")
        return 0

    guarded(lang, body)


@app.command("export", help=h("help.export"), short_help=h("help.export.short"))
def export_cmd(
    fmt: Annotated[str, typer.Option("--format", help=h("help.export.format"), show_default=False)] = "csv",
    out: Annotated[Optional[Path], typer.Option("--out", "-o", help=h("help.export.out"), show_default=False)] = None,
    as_of: Annotated[Optional[str], typer.Option("--as-of", help=h("help.export.asof"), show_default=False)] = None,
    force: Annotated[bool, typer.Option("--force", help=h("help.export.force"))] = False,
    redact: Annotated[bool, typer.Option("--redact", help=h("help.export.redact"))] = False,
    repo: RepoOpt = None,
    lang: LangOpt = None,
) -> None:
    def body(lang: str) -> int:
        from . import export, report

        chosen = choose_format(fmt, export.FORMATS)
        if chosen == "parquet":
            export.import_duckdb()
        day = parse_day(as_of) or dt.date.today()
        root = find_target(repo)
        if not isinstance(root, Path):
            from .workspace import commands as ws

            return ws.export(root, lang, chosen, out, day, force)
        if out is None:  # out/export in the repository: never committed, never read as records
            from .fsio import output_folder

            target = output_folder(root) / "export"
        else:
            target = out
        unknown: set[int] = set()
        tables = export.collect(root, day, unknown, redacted=redact, progress=True)
        report.note_years(unknown, lang)
        written = export.export(tables, chosen, target, force=force)
        report.write(i18n.t("export.done", lang, tables=len(tables), format=chosen, as_of=day.isoformat(),
                            out=str(target)) + "\n", sys.stderr)
        report.write("".join(str(p) + "\n" for p in written))
        return 0

    guarded(lang, body)


def _lang_defaults(group: Any, value: str) -> dict[str, Any]:
    """A click default_map giving every (sub)command's --lang the value given before the command name."""
    out: dict[str, Any] = {}
    for name, cmd in getattr(group, "commands", {}).items():
        out[name] = _lang_defaults(cmd, value) if hasattr(cmd, "commands") else {"lang": value}
    return out


@app.callback()
def _top(ctx: typer.Context, lang: LangOpt = None) -> None:
    # `minqing --lang en --help` and `minqing --lang en check`: help was already chosen from argv
    # (_LANG); the value becomes the default of the command's own --lang.
    if lang is None:
        return
    try:
        lang_of(lang)
    except MinqingError as exc:
        raise fail(exc, "zh") from None
    ctx.default_map = {**(ctx.default_map or {}), **_lang_defaults(ctx.command, lang)}


@app.command("compile", help=h("help.compile"), short_help=h("help.compile.short"))
def compile_cmd(
    month: Annotated[str, typer.Argument(help=h("help.compile.month"), metavar="PERIOD")],
    fmt: Annotated[Optional[str], typer.Option("--format", help=h("help.compile.format"), show_default=False)] = None,
    out: Annotated[Optional[Path], typer.Option("--out", "-o", help=h("help.compile.out"), show_default=False)] = None,
    redact: Annotated[bool, typer.Option("--redact", help=h("help.compile.redact"))] = False,
    force: Annotated[bool, typer.Option("--force", help=h("help.compile.force"))] = False,
    as_of: Annotated[Optional[str], typer.Option("--as-of", help=h("help.compile.asof"), show_default=False)] = None,
    village: Annotated[Optional[str], typer.Option("--village", help=h("help.compile.village"), show_default=False)] = None,
    repo: RepoOpt = None,
    lang: LangOpt = None,
) -> None:
    def body(lang: str) -> int:
        from . import report
        from .volume import FORMATS, compile_month, period_of

        chosen = choose_format(fmt, FORMATS)
        period_of(month)  # a bad period is a usage error before anything is read
        day = parse_day(as_of)
        root = find_target(repo)
        if not isinstance(root, Path):
            from .workspace import commands as ws

            return ws.compile_volume(root, lang, month, chosen, out, redact, force, day)
        done = compile_month(root, month, fmt=chosen, out=out, redacted=redact, force=force, as_of=day, lang=lang,
                             village=village)
        for key, params in done.notes:
            report.write(i18n.t(key, lang, **params) + "\n", sys.stderr)
        report.write(str(done.path) + "\n")
        return 0

    guarded(lang, body)


from .commands import register_all  # noqa: E402  (modules of minqing/commands/ add their commands to `app`)

register_all()


def main() -> None:
    """Console entry point."""
    app(prog_name="minqing")


if __name__ == "__main__":  # pragma: no cover
    # `python -m minqing.cli`: command modules register on the imported `minqing.cli`, not on __main__
    from minqing.cli import main as _main

    _main()
