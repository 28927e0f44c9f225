"""What the reading commands print on a workspace: the merged results in every format, one exit code.

Called from the commands in `minqing/cli.py` when `--repo` (or the current folder) is a workspace.
Unreadable members (MQ008): `check` reports them among its diagnostics; every other command prints
the readable members on stdout, one line per unreadable member on stderr, and exits 2.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import sys
from pathlib import Path
from typing import Any

from .. import i18n, report
from ..diagnostics import Diagnostic, count
from . import reading
from .model import Workspace


def unreadable_lines(ws: Workspace, lang: str) -> int:
    """One stderr line per unreadable member; the exit code the command ends with (2 if any, else 0)."""
    for m in ws.unreadable:
        d = Diagnostic("MQ008", m.path, m.line, m.message_params(lang), m.key)
        place = f"{d.path}:{d.line}" if d.line else d.path
        report.write(f"{place}: MQ008 {i18n.t('severity.error', lang)}: {d.message(lang)}\n", sys.stderr)
    return 2 if ws.unreadable else 0


def with_repo_column(text: str, repos: list[str], lang: str) -> str:
    """A CSV from report.* with a leading repo column (header `repo`, or 仓库 in Chinese)."""
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    if not rows:
        return text
    header, body = rows[0], rows[1:]
    out = [["repo" if lang == "en" else i18n.t("ws.col.repo", lang), *header]]
    out += [[repo, *row] for repo, row in zip(repos, body)]
    return report.dump_csv(out[0], out[1:])


def rows_json(head: dict[str, Any], key: str, rows: list[dict[str, Any]]) -> str:
    """`{head…, key: [rows]}` with one compact row a line: a county's 30,000 rows are encoded by
    json's C encoder instead of its slow indenting one, and stay one row a line for grep and diff."""
    import json

    encode = json.JSONEncoder(ensure_ascii=False).encode  # one encoder, not one per row
    top = encode(head)[:-1]
    inner = ",\n".join("    " + encode(r) for r in rows)
    sep = ", " if head else ""
    return f"{top}{sep}\"{key}\": [\n{inner}\n  ]}}\n" if rows else f"{top}{sep}\"{key}\": []}}\n"


note_years = report.note_years


# ---- check ----

def check(ws: Workspace, lang: str, chosen: str, paths: list[str] | None, staged: bool, today: dt.date | None,
          use_cache: bool) -> int:
    result = reading.ws_check(ws, paths, staged, today, use_cache, lang)
    nogit = [repo for repo, key, _ in result.notes if key == "note.nogit"]
    if nogit:  # one line for the members that are not git repositories, not one each
        report.write(i18n.t("ws.note.nogit", lang, count=len(nogit), repos=", ".join(nogit)) + "\n", sys.stderr)
    for repo, key, params in result.notes:
        if key != "note.nogit":
            report.write(f"{repo}: " + i18n.t(key, lang, **params) + "\n", sys.stderr)
    diags = [d for _, d in result.rows]
    repos = [r for r, _ in result.rows]

    def as_json() -> str:
        errors, warnings = count(diags)
        return report.dump_json({
            "diagnostics": [{**d.to_json(lang), "repo": repo} for repo, d in result.rows],
            "summary": {"files": result.files, "errors": errors, "warnings": warnings},
        })

    report.emit(chosen, json=as_json, csv=lambda: with_repo_column(report.check_csv(diags, lang), repos, lang),
                table=lambda: report.check_table(diags, result.files, lang),
                text=lambda: report.check_lines(diags, result.files, lang))
    return 1 if result.has_errors else 0


# ---- issues ----

def _shown(rows: list[tuple[str, Any]]) -> list[Any]:
    """Issues for the human formats: the id shown as REPO/ID, the way a workspace names them
    (shallow copies: a county has tens of thousands, and `dataclasses.replace` runs __init__)."""
    out = []
    for repo, i in rows:
        if not hasattr(i, "__dict__"):  # pragma: no cover - a slotted Issue
            out.append(dataclasses.replace(i, id=f"{repo}/{i.id}"))
            continue
        shown = object.__new__(type(i))
        shown.__dict__.update(i.__dict__)
        shown.id = f"{repo}/{i.id}"
        out.append(shown)
    return out


def issues(ws: Workspace, lang: str, chosen: str, day: dt.date, **filters: Any) -> int:
    from ..loader import paused_gc

    with paused_gc():  # a county's tens of thousands of issues are made, sorted and printed once
        result = reading.ws_issues(ws, day, **filters)
        note_years(result.unknown_years, lang)
        rows = result.rows
        report.emit(chosen,
                    json=lambda: rows_json({"as_of": day.isoformat()}, "issues",
                                           [{**i.to_json(), "repo": repo} for repo, i in rows]),
                    csv=lambda: with_repo_column(report.issues_csv([i for _, i in rows], day, lang),
                                                 [r for r, _ in rows], lang),
                    table=lambda: report.issues_table(_shown(rows), day, lang),
                    text=lambda: report.issues_lines(_shown(rows), day, lang))
    return unreadable_lines(ws, lang)


# ---- quota ----

def quota(ws: Workspace, lang: str, chosen: str, start: dt.date | None, end: dt.date, authors: list[str] | None) -> int:
    from types import SimpleNamespace

    rep = reading.ws_quota(ws, start, end, authors)
    shown = SimpleNamespace(start=rep.start, end=rep.end, per_week=rep.per_week if rep.per_week is not None else "—",
                            cadres=[dataclasses.replace(c, name=f"{repo}/{c.name}") for repo, c in rep.rows],
                            shortfalls=rep.shortfalls)

    def as_csv() -> str:
        plain = SimpleNamespace(cadres=[c for _, c in rep.rows])
        repos = [repo for repo, c in rep.rows for _ in c.weeks]
        return with_repo_column(report.quota_csv(plain, lang), repos, lang)

    report.emit(chosen, json=lambda: report.dump_json(rep.to_json()), csv=as_csv,
                table=lambda: report.quota_table(shown, lang), text=lambda: report.quota_lines(shown, lang))
    code = unreadable_lines(ws, lang)
    return code or (1 if rep.shortfalls else 0)


# ---- household ----

def household(ws: Workspace, lang: str, chosen: str, key: str, day: dt.date) -> int:
    from .. import archive
    from ..index.queries import ledger_for
    from ..loader import load_repository

    member, hid = reading.ws_household_target(ws, key, day)
    _, issues_, _, unknown = ledger_for(member.root, day)
    note_years(unknown, lang)
    arch = archive.build(load_repository(member.root, today=day, run_checks=False), hid, issues_)
    repo = member.repo
    arch.entries = [dataclasses.replace(e, path=f"{repo}/{e.path}") for e in arch.entries]
    arch.issues = [dataclasses.replace(i, entry=f"{repo}/{i.entry}") for i in arch.issues]

    def as_json() -> str:
        import json

        data = json.loads(report.household_json(arch))
        data["household"]["repo"] = repo
        for row in (*data["entries"], *data["issues"]):
            row["repo"] = repo
        return report.dump_json(data)

    def heading(text_fn: Any) -> Any:
        def run() -> str | None:
            report.write(i18n.t("ws.household.repo", lang, repo=repo) + "\n")
            return text_fn()
        return run

    report.emit(chosen, json=as_json, table=heading(lambda: report.household_view(arch, lang, day)),
                text=heading(lambda: report.household_lines(arch, lang, day)))
    return unreadable_lines(ws, lang)


# ---- export ----

def export(ws: Workspace, lang: str, chosen: str, out: Path, day: dt.date, force: bool) -> int:
    from .. import export as exp

    tables, unknown = reading.ws_tables(ws, day)
    note_years(unknown, lang)
    written = exp.export(tables, chosen, out, force=force)
    report.write(i18n.t("export.done", lang, tables=len(tables), format=chosen, as_of=day.isoformat(),
                        out=str(out)) + "\n", sys.stderr)
    report.write("".join(str(p) + "\n" for p in written))
    return unreadable_lines(ws, lang)


# ---- compile ----

def compile_volume(ws: Workspace, lang: str, month: str, chosen: str, out: Path | None, redacted: bool, force: bool,
                   day: dt.date | None) -> int:
    from .township import compile_township

    done = compile_township(ws, month, fmt=chosen, out=out, redacted=redacted, force=force, as_of=day, lang=lang)
    for key, params in done.notes:
        report.write(i18n.t(key, lang, **params) + "\n", sys.stderr)
    report.write(str(done.path) + "\n")
    return unreadable_lines(ws, lang)


# ---- orders and score ----

def orders(ws: Workspace, lang: str, chosen: str, day: dt.date, to: str | None, states: frozenset[str]) -> int:
    from ..supervision import report as out

    result = reading.ws_orders(ws, day, to, states)
    note_years(result.unknown_years, lang)
    rows = result.rows
    shown = [dataclasses.replace(o, issue=f"{repo}/{o.issue}") for repo, o in rows]
    report.emit(chosen,
                json=lambda: rows_json({"as_of": day.isoformat()}, "orders", [{**o.to_json(), "repo": repo} for repo, o in rows]),
                csv=lambda: with_repo_column(out.orders_csv([o for _, o in rows], lang), [r for r, _ in rows], lang),
                table=lambda: out.orders_table(shown, day, lang), text=lambda: out.orders_lines(shown, day, lang))
    code = unreadable_lines(ws, lang)
    return code or (1 if any(o.state == "overdue" for _, o in rows) else 0)


def score(ws: Workspace, lang: str, chosen: str, start: dt.date, end: dt.date) -> int:
    from types import SimpleNamespace

    from ..supervision import report as sheet

    result = reading.ws_score(ws, start, end)
    note_years(result.unknown_years, lang)
    every = [m.config.weights for m in ws.readable]
    common = every[0] if every and all(w == every[0] for w in every) else {}  # shown only when all members agree
    shown = SimpleNamespace(start=start, end=end, weights=common,
                            rows=[dataclasses.replace(r, name=f"{repo}/{r.name}") for repo, r in result.rows])

    report.emit(chosen, json=lambda: report.dump_json(result.to_json()),
                csv=lambda: with_repo_column(sheet.score_csv(SimpleNamespace(rows=[r for _, r in result.rows]), lang),
                                             [repo for repo, _ in result.rows], lang),
                table=lambda: sheet.score_table(shown, lang), text=lambda: sheet.score_lines(shown, lang))
    return unreadable_lines(ws, lang)


def score_sheets(ws: Workspace, lang: str, chosen: str, start: dt.date, end: dt.date, out: Path | None,
                 force: bool) -> int:
    """One printable 考评表 per member, each with its own cadres, weights and templates (a county's
    members may weigh the figures differently, so one sheet over all of them would compare unlike
    points): `<folder>/<repo>/考评-<from>-<to>.html|pdf`, the folder `--out` or the workspace's `out/`.
    Every file is checked before any work (refused when it exists, unless `force`)."""
    from ..cli import shown_path
    from ..errors import MinqingError
    from ..fsio import output_folder
    from ..supervision import report as sheet
    from ..volume import publish
    from .run import over_fresh

    if out is not None and out.suffix.lower() in (".html", ".pdf") and not out.is_dir():
        raise MinqingError("ws.score.folder", path=str(out))
    kind = "pdf" if chosen == "pdf" else "html"
    if out is None:
        folder = output_folder(ws.root)
    else:
        if not out.is_dir() and not (out.parent if str(out.parent) else Path(".")).is_dir():
            raise MinqingError("compile.nofolder", path=str(out.parent))
        folder = out
    name = f"考评-{start.isoformat()}-{end.isoformat()}.{kind}"
    targets = {m.repo: folder.joinpath(*m.repo.split("/"), name) for m in ws.readable}
    for target in targets.values():
        if target.exists() and not force:
            raise MinqingError("compile.exists", path=str(target))
    results = over_fresh(ws, reading.score_fresh, start=start, end=end)
    reading.raise_failed(results)
    unknown: set[int] = set()
    for m, (rep, years) in results:
        unknown |= set(years)
        target = targets[m.repo]
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise MinqingError("err.outdir", path=str(target.parent), problem=exc.strerror or str(exc)) from None
        publish(target, sheet.score_html(rep, m.config, lang, m.root), kind == "pdf", force)
        report.write(shown_path(target) + "\n")
    note_years(unknown, lang)
    return unreadable_lines(ws, lang)
