"""scripts/make_county.py: the generated repositories pass `minqing check` and are deterministic."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from minqing import vocab
from minqing.cli import app
from minqing.config import load_config
from minqing.loader import load_repository

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "make_county.py"
SMALL_ENTRIES, SMALL_HOUSEHOLDS = 300, 60


def generate(out: Path, *args: str) -> dict:
    done = subprocess.run([sys.executable, str(SCRIPT), str(out), "--size", "small", *args],
                          check=True, capture_output=True, text=True, encoding="utf-8")
    return json.loads(done.stdout)


def check_json(root: Path) -> dict:
    result = CliRunner().invoke(app, ["check", "--repo", str(root), "--format", "json"])
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)


def git(root: Path, *args: str) -> str:
    return subprocess.run(["git", "-c", "core.fsmonitor=false", "-C", str(root), *args], check=True,
                          capture_output=True, text=True, encoding="utf-8").stdout


def record_files(root: Path) -> list[Path]:
    """What the generator writes (minqing may add its own cache folder next to it)."""
    return sorted([root / "minqing.yaml", *(root / "households").glob("*.md"), *(root / "entries").rglob("*.md")])


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    root = tmp_path_factory.mktemp("county") / "small"
    return root, generate(root)


def test_small_layout(small: tuple[Path, dict]) -> None:
    root, stats = small
    entries = sorted((root / "entries").rglob("*.md"))
    households = sorted((root / "households").glob("*.md"))
    assert (root / "minqing.yaml").is_file()
    assert len(entries) == stats["entries"] == SMALL_ENTRIES
    assert len(households) == stats["households"] == SMALL_HOUSEHOLDS
    for path in entries:
        rel = path.relative_to(root).as_posix()
        year, month, name = rel.split("/")[1:]
        assert year == "2024" and name.startswith(f"2024-{month}-"), rel


def test_small_passes_check_without_any_diagnostic(small: tuple[Path, dict]) -> None:
    root, _ = small
    report = check_json(root)
    assert report["summary"]["files"] == SMALL_ENTRIES + SMALL_HOUSEHOLDS
    assert report["summary"]["errors"] == 0, report["diagnostics"][:10]
    assert report["summary"]["warnings"] == 0, report["diagnostics"][:10]


def test_small_covers_the_issue_life_cycle(small: tuple[Path, dict]) -> None:
    root, stats = small
    repo = load_repository(root, load_config(root), today=dt.date(2025, 1, 31), keep_body=True)
    raised: dict[str, str] = {}
    set_by_updates: set[str] = set()
    satisfaction = escalated_to = english = default_ids = 0
    for rec in repo.entries:
        if "date" in rec.front.fields and rec.front.fields["date"].key == "date":
            english += 1
        assert 200 <= rec.body_chars <= 1600, (rec.path, rec.body_chars)
        for issue_id, _, item in rec.issue_ids():
            raised[issue_id] = vocab.status_code(item.text("status") or "open")
            default_ids += "#" in issue_id
        for item in rec.issues() + rec.updates():
            satisfaction += item.get("satisfaction") is not None
            escalated_to += item.text("escalated_to") is not None
        for upd in rec.updates():
            assert upd.text("issue") in raised  # date order = path order within the year
            set_by_updates.add(vocab.status_code(upd.text("status")))
    statuses = set(raised.values()) | set_by_updates
    assert statuses == {"open", "in-progress", "escalated", "resolved", "explained"}
    assert {"resolved", "explained", "escalated", "in-progress"} <= set_by_updates
    assert stats["reopened"] > 0 and stats["updates"] > 50
    assert satisfaction > 0 and escalated_to > 0 and english > 0
    assert len(raised) == stats["issues"]
    assert default_ids > 0 or stats["issues"] < 50


def test_same_seed_same_bytes_other_seed_differs(small: tuple[Path, dict], tmp_path: Path) -> None:
    root, _ = small
    again, other = tmp_path / "again", tmp_path / "other"
    generate(again)
    generate(other, "--seed", "2")
    files = record_files(root)
    assert [p.relative_to(root) for p in files] == [p.relative_to(again) for p in record_files(again)]
    for path in files[:: max(1, len(files) // 60)]:
        rel = path.relative_to(root)
        assert path.read_bytes() == (again / rel).read_bytes(), rel
    sample = [p.relative_to(root) for p in files if p.parent.name == "households"][:20] + [Path("minqing.yaml")]
    assert any(not (other / rel).exists() or (other / rel).read_bytes() != (root / rel).read_bytes() for rel in sample)
    assert {p.relative_to(other) for p in record_files(other)} != {p.relative_to(root) for p in files}


def test_refuses_a_folder_that_is_not_empty(tmp_path: Path) -> None:
    (tmp_path / "keep.txt").write_text("mine")
    done = subprocess.run([sys.executable, str(SCRIPT), str(tmp_path), "--size", "small"], capture_output=True,
                          check=False)
    assert done.returncode == 2
    assert (tmp_path / "keep.txt").read_text() == "mine"


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_git_one_commit_per_entry(tmp_path: Path) -> None:
    root = tmp_path / "gitrepo"
    stats = generate(root, "--git")
    log = git(root, "log", "--oneline")
    assert len(log.splitlines()) == stats["entries"] + 1
    assert git(root, "status", "--porcelain") == ""  # the work tree matches HEAD
    config = load_config(root)
    emails = {c.name: c.email for c in config.cadres}
    log = git(root, "log", "--reverse", "--format=@%an%x09%ae%x09%aI%x09%cI", "--name-only")
    first_dates: dict[str, dt.date] = {}
    authors: set[str] = set()
    previous = when = None
    for line in log.splitlines():
        if line.startswith("@"):
            name, email, adate, cdate = line[1:].split("\t")
            assert emails[name] == email
            assert adate == cdate and adate.endswith("+08:00")
            when = dt.datetime.fromisoformat(adate)
            assert previous is None or when >= previous  # commits in date order
            previous = when
            authors.add(name)
        elif line and when is not None:
            first_dates.setdefault(line, when.date())
    assert len(first_dates) == stats["entries"] + stats["households"] + 1
    assert len(authors) > 1
    late = 0
    for path, committed in first_dates.items():
        if not path.startswith("entries/"):
            continue
        written = dt.date.fromisoformat(os.path.basename(path)[:10])
        delay = (committed - written).days
        assert 0 <= delay <= 20, (path, delay)
        late += delay > 7
    assert late < 0.06 * stats["entries"]
    report = check_json(root)
    assert report["summary"]["errors"] == 0, report["diagnostics"][:10]
    # the only warnings allowed are the deliberately late entries (补记)
    assert {d["code"] for d in report["diagnostics"]} <= {"MQ302"}
    assert sum(d["code"] == "MQ302" for d in report["diagnostics"]) == late


def test_workspace_split_gives_clean_village_repositories(tmp_path: Path):
    out = tmp_path / "county"
    done = subprocess.run([sys.executable, str(SCRIPT), str(out), "--size", "township", "--entries", "400",
                           "--households", "120", "--workspace", "3"], check=True, capture_output=True, text=True,
                          encoding="utf-8")
    stats = json.loads(done.stdout)
    assert stats["townships"] == 3 and stats["repositories"] == 10
    result = CliRunner().invoke(app, ["check", "--repo", str(out), "--as-of", "2024-12-31", "--format", "json"])
    data = json.loads(result.stdout)
    assert result.exit_code == 0 and data["summary"]["errors"] == 0
    assert data["summary"]["files"] == 400 + 120
    repos = {d["repo"] for d in json.loads(CliRunner().invoke(
        app, ["issues", "--repo", str(out), "--as-of", "2024-12-31", "--format", "json"]).stdout)["issues"]}
    assert all(r.count("/") == 1 for r in repos) and len({r.split("/")[0] for r in repos}) == 3
