"""Workspaces (a township or county over village repositories): RECORDS §11 read closely."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from minqing.cli import app

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "village-records"
runner = CliRunner()
AS_OF = "2024-06-30"


def invoke(*args: str):
    return runner.invoke(app, list(args))


def village(path: Path, config_edit: tuple[str, str] | None = None) -> Path:
    shutil.copytree(EXAMPLE, path, ignore=shutil.ignore_patterns("README.md"))
    if config_edit:
        cfg = path / "minqing.yaml"
        cfg.write_text(cfg.read_text(encoding="utf-8").replace(*config_edit), encoding="utf-8")
    return path


def workspace(path: Path, members: list[str], extra: str = "") -> Path:
    path.mkdir(parents=True, exist_ok=True)
    (path / "minqing.yaml").write_text("name: 桤泉镇民情日记\ntownship: 桤泉镇\n" + extra + "members:\n"
                                       + "".join(f"  - {m}\n" for m in members), encoding="utf-8")
    return path


@pytest.fixture
def town(tmp_path: Path) -> Path:
    village(tmp_path / "群安村")
    village(tmp_path / "新庄村", ("normal_days: 30", "normal_days: 20"))
    return workspace(tmp_path / "桤泉镇", ["../群安村", "../新庄村"])


def test_issues_rows_gain_repo_and_prefixed_entry(town: Path):
    result = invoke("issues", "--repo", str(town), "--as-of", AS_OF, "--all", "--format", "json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)["issues"]
    single = json.loads(invoke("issues", "--repo", str(EXAMPLE), "--as-of", AS_OF, "--all", "--format", "json").stdout)["issues"]
    assert {r["repo"] for r in rows} == {"群安村", "新庄村"} and len(rows) == 2 * len(single)
    assert all(r["entry"].startswith(r["repo"] + "/entries/") for r in rows)
    assert not any("/" in r["id"] for r in rows)  # ids are not prefixed
    keys = [(r["due"], r["raised"], r["id"]) for r in rows]
    assert keys == sorted(keys)
    # each member keeps its own deadlines: 新庄村 has normal_days 20
    due = {(r["repo"], r["id"]): r["due"] for r in rows}
    assert any(due[("新庄村", i)] < due[("群安村", i)] for _, i in due)


def test_issues_ties_go_by_member_order(tmp_path: Path):
    village(tmp_path / "b")
    village(tmp_path / "a")
    ws = workspace(tmp_path / "ws", ["../b", "../a"])
    rows = json.loads(invoke("issues", "--repo", str(ws), "--as-of", AS_OF, "--format", "json").stdout)["issues"]
    first = [r["repo"] for r in rows if r["id"] == rows[0]["id"]]
    assert first == ["b", "a"]


def test_check_sums_members_and_reports_missing_and_broken_members(tmp_path: Path):
    village(tmp_path / "群安村")
    village(tmp_path / "坏村", ("villages: [群安村, 新庄村]", "villages: 群安村: x"))
    (tmp_path / "空村").mkdir()
    ws = workspace(tmp_path / "镇", ["../群安村", "../不存在", "../坏村", "../空村"])
    result = invoke("check", "--repo", str(ws), "--as-of", AS_OF, "--format", "json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    mq008 = [(d["repo"], d["path"], d["line"]) for d in data["diagnostics"] if d["code"] == "MQ008"]
    assert ("不存在", "minqing.yaml", 5) in mq008
    assert ("空村", "minqing.yaml", 7) in mq008
    assert any(repo == "坏村" and path == "坏村/minqing.yaml" for repo, path, _ in mq008)
    alone = json.loads(invoke("check", "--repo", str(EXAMPLE), "--as-of", AS_OF, "--format", "json").stdout)
    assert data["summary"]["files"] == alone["summary"]["files"]
    assert all(d["path"].startswith(d["repo"] + "/") for d in data["diagnostics"] if d["code"] != "MQ008" or d["repo"] == "坏村")


def test_other_commands_print_readable_members_and_exit_2(tmp_path: Path):
    village(tmp_path / "群安村")
    ws = workspace(tmp_path / "镇", ["../群安村", "../不存在"])
    result = invoke("issues", "--repo", str(ws), "--as-of", AS_OF, "--format", "json")
    assert result.exit_code == 2
    assert json.loads(result.stdout)["issues"]
    lines = [line for line in result.stderr.splitlines() if "MQ008" in line]
    assert len(lines) == 1 and lines[0].startswith("minqing.yaml:5:")


def test_nested_workspaces_name_repos_from_the_top(tmp_path: Path, town: Path):
    county = workspace(tmp_path / "县", ["../桤泉镇"])
    rows = json.loads(invoke("issues", "--repo", str(county), "--as-of", AS_OF, "--format", "json").stdout)["issues"]
    assert {r["repo"] for r in rows} == {"桤泉镇/群安村", "桤泉镇/新庄村"}
    assert all(r["entry"].startswith(r["repo"] + "/entries/") for r in rows)


@pytest.mark.parametrize("setup, needle", [
    ("cycle", "→"), ("twice", "→"), ("dup", "群安村"), ("records", "not inherited"), ("url", "git"), ("empty", "members"),
])
def test_bad_workspaces_exit_2(tmp_path: Path, setup: str, needle: str):
    village(tmp_path / "群安村")
    if setup == "cycle":
        workspace(tmp_path / "a", ["../b"])
        ws = workspace(tmp_path / "b", ["../a"])
    elif setup == "twice":
        workspace(tmp_path / "t", ["../群安村"])
        ws = workspace(tmp_path / "c", ["../t", "../群安村"])
    elif setup == "dup":
        (tmp_path / "x").mkdir()
        village(tmp_path / "x" / "群安村")
        ws = workspace(tmp_path / "w", ["../群安村", "../x/群安村"])
    elif setup == "records":
        ws = workspace(tmp_path / "w", ["../群安村"], extra="deadlines: {normal_days: 10}\n")
    elif setup == "url":
        ws = workspace(tmp_path / "w", ["https://example.org/group/village.git"])
    else:
        ws = tmp_path / "w"
        ws.mkdir()
        (ws / "minqing.yaml").write_text("name: 镇\nmembers: []\n", encoding="utf-8")
    result = invoke("--lang", "en", "issues", "--repo", str(ws))
    assert result.exit_code == 2 and needle in result.stderr, result.stderr
    assert "Traceback" not in result.output


def test_household_bare_id_repo_id_and_ambiguity(town: Path, tmp_path: Path):
    result = invoke("household", "qa-01", "--repo", str(town))
    assert result.exit_code == 2 and "群安村/qa-01" in result.stderr and "新庄村/qa-01" in result.stderr
    result = invoke("household", "新庄村/qa-01", "--repo", str(town), "--as-of", AS_OF, "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["household"]["repo"] == "新庄村" and data["household"]["id"] == "qa-01"
    assert data["entries"] and all(e["path"].startswith("新庄村/entries/") and e["repo"] == "新庄村" for e in data["entries"])
    assert invoke("household", "nobody-99", "--repo", str(town)).exit_code == 2
    other = village(tmp_path / "东村")
    (other / "households" / "dc-01.md").write_text("---\n编号: dc-01\n户主: 赵一\n村: 群安村\n---\n\n" + "正文" * 30 + "\n", encoding="utf-8")
    ws = workspace(tmp_path / "w2", ["../群安村", "../东村"])
    assert invoke("household", "dc-01", "--repo", str(ws), "--format", "json").exit_code == 0


def test_filters_match_in_every_member_error_only_when_none_knows(town: Path):
    ok = invoke("issues", "--repo", str(town), "--household", "qa-03", "--as-of", AS_OF, "--all", "--format", "json")
    assert ok.exit_code == 0 and {r["repo"] for r in json.loads(ok.stdout)["issues"]} == {"群安村", "新庄村"}
    one = invoke("issues", "--repo", str(town), "--household", "新庄村/qa-03", "--as-of", AS_OF, "--all", "--format", "json")
    assert {r["repo"] for r in json.loads(one.stdout)["issues"]} == {"新庄村"}
    assert invoke("issues", "--repo", str(town), "--household", "zz-99").exit_code == 2


def test_quota_rows_per_repo_and_cadre(tmp_path: Path):
    village(tmp_path / "群安村")
    village(tmp_path / "新庄村", ("per_week: 1 ", "per_week: 2 "))
    ws = workspace(tmp_path / "镇", ["../群安村", "../新庄村"])
    result = invoke("quota", "--repo", str(ws), "--from", "2024-05-01", "--to", "2024-05-31", "--format", "json")
    data = json.loads(result.stdout)
    assert data["per_week"] is None
    pairs = [(c["repo"], c["name"]) for c in data["cadres"]]
    assert ("群安村", "张丽") in pairs and ("新庄村", "张丽") in pairs and len(pairs) == len(set(pairs))
    assert result.exit_code == (1 if any(c["shortfalls"] for c in data["cadres"]) else 0)
    same = invoke("quota", "--repo", str(tmp_path / "群安村"), "--from", "2024-05-01", "--to", "2024-05-31", "--format", "json")
    assert json.loads(same.stdout)["per_week"] == 1


def test_export_one_set_of_tables_with_repo(town: Path, tmp_path: Path):
    out = tmp_path / "out"
    result = invoke("export", "--repo", str(town), "--as-of", AS_OF, "--format", "jsonl", "--out", str(out))
    assert result.exit_code == 0, result.output
    rows = [json.loads(x) for x in (out / "issues.jsonl").read_text(encoding="utf-8").splitlines()]
    assert {r["repo"] for r in rows} == {"群安村", "新庄村"}
    assert all(r["entry"].startswith(r["repo"] + "/") for r in rows)
    keys = [(r["repo"], r["id"]) for r in rows]
    assert len(keys) == len(set(keys))
    entries = [json.loads(x) for x in (out / "entries.jsonl").read_text(encoding="utf-8").splitlines()]
    assert all(e["path"].startswith(e["repo"] + "/entries/") for e in entries)
    sqlite_out = tmp_path / "sq"
    assert invoke("export", "--repo", str(town), "--as-of", AS_OF, "--format", "sqlite", "--out", str(sqlite_out)).exit_code == 0


def test_check_paths_go_to_their_member(town: Path, tmp_path: Path):
    path = next((tmp_path / "新庄村" / "entries").rglob("*.md"))
    result = invoke("check", str(path), "--repo", str(town), "--as-of", AS_OF, "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["summary"]["files"] == 1
    assert invoke("check", str(tmp_path), "--repo", str(town)).exit_code == 2


@pytest.mark.parametrize("command", [["new", "--no-edit"], ["new-household", "x-1", "--head", "甲", "--no-edit"],
                                     ["log", "x"], ["hooks", "install"]])
def test_writing_commands_refuse_a_workspace(town: Path, command: list[str]):
    result = invoke(*command, "--repo", str(town))
    assert result.exit_code == 2 and "minqing " + command[0] in result.stderr


def test_init_workspace_writes_one_and_init_inside_refuses(tmp_path: Path, monkeypatch):
    village(tmp_path / "群安村")
    monkeypatch.chdir(tmp_path)
    result = invoke("init", "--workspace", "镇", "--member", "群安村")
    assert result.exit_code == 0, result.output
    text = (tmp_path / "镇" / "minqing.yaml").read_text(encoding="utf-8")
    assert "../群安村" in text
    rows = json.loads(invoke("issues", "--repo", str(tmp_path / "镇"), "--as-of", AS_OF, "--format", "json").stdout)["issues"]
    assert rows and rows[0]["repo"] == "群安村"
    assert invoke("init", "--workspace", "镇", "--member", "群安村").exit_code == 2
    assert invoke("init", str(tmp_path / "镇")).exit_code == 2


def _rows_of_member(root: Path, kind: str) -> list[dict]:
    """A per-repository call as `orders` or `score` would be: JSON rows of one member."""
    if kind == "orders":
        return [{"issue": "X-1", "due": "2024-05-01", "review": "reviews/2024/04/a.md"},
                {"issue": "X-2", "due": root.name == "新庄村" and "2024-04-01" or "2024-06-01", "review": None}]
    return [{"name": "张丽", "points": 3 if root.name == "群安村" else 5}, {"name": "李明", "points": 3}]


def test_generic_rows_merge_and_rank(town: Path, monkeypatch):
    from minqing.workspace import model, reading

    monkeypatch.setenv("MINQING_JOBS", "1")
    ws = model.load_workspace(town)
    orders = reading.ws_json_rows(ws, _rows_of_member, sort=lambda r: (r["due"], r["issue"]), kind="orders")
    assert [(r["repo"], r["issue"]) for r in orders] == [("新庄村", "X-2"), ("群安村", "X-1"), ("新庄村", "X-1"), ("群安村", "X-2")]
    assert orders[1]["review"] == "群安村/reviews/2024/04/a.md" and orders[0]["review"] is None
    ranked = reading.rank_rows(reading.ws_json_rows(ws, _rows_of_member, kind="score"))
    assert [(r["repo"], r["name"], r["rank"]) for r in ranked] == [
        ("新庄村", "张丽", 1), ("群安村", "张丽", 2), ("群安村", "李明", 2), ("新庄村", "李明", 2)]


def test_orders_over_a_workspace(town: Path):
    result = invoke("orders", "--repo", str(town), "--as-of", AS_OF, "--format", "json")
    rows = json.loads(result.stdout)["orders"]
    alone = json.loads(invoke("orders", "--repo", str(EXAMPLE), "--as-of", AS_OF, "--format", "json").stdout)["orders"]
    assert len(rows) == 2 * len(alone) and {r["repo"] for r in rows} == {"群安村", "新庄村"}
    assert all(r["review"].startswith(r["repo"] + "/reviews/") and "/" not in r["issue"] for r in rows)
    keys = [(r["due"], r["issue"]) for r in rows]
    assert keys == sorted(keys) and [r["repo"] for r in rows[:2]] == ["群安村", "新庄村"]
    assert result.exit_code == (1 if any(r["state"] == "overdue" for r in rows) else 0)
    only = json.loads(invoke("orders", "--repo", str(town), "--as-of", AS_OF, "--to", "张丽", "--format", "json").stdout)
    assert only["orders"] and all(r["to"] == "张丽" for r in only["orders"])


def test_score_ranks_all_rows_together(town: Path):
    result = invoke("score", "--repo", str(town), "--from", "2024-04-01", "--to", "2024-06-30", "--format", "json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)["cadres"]
    alone = json.loads(invoke("score", "--repo", str(EXAMPLE), "--from", "2024-04-01", "--to", "2024-06-30",
                              "--format", "json").stdout)["cadres"]
    assert len(rows) == 2 * len(alone)
    pairs = [(r["repo"], r["name"]) for r in rows]
    assert len(set(pairs)) == len(pairs)
    points = [r["points"] for r in rows]
    assert points == sorted(points, reverse=True)
    for i, r in enumerate(rows):  # ties share the best rank: 1, 1, 3, ...
        assert r["rank"] == 1 + next(j for j, p in enumerate(points) if p == r["points"])
    # a 考评表 file needs one member's weights: refused on a workspace with a hint
    assert invoke("score", "--repo", str(town), "--out", str(town / "x.html")).exit_code == 2


def test_check_staged_reads_each_members_own_index(tmp_path: Path):
    from . import gitrepo

    for name in ("群安村", "新庄村"):
        root = village(tmp_path / name)
        shutil.rmtree(root / "reviews", ignore_errors=True)
        gitrepo.init(root)
        gitrepo.commit_all(root)
    ws = workspace(tmp_path / "镇", ["../群安村", "../新庄村"])
    bad = tmp_path / "新庄村" / "entries" / "2024" / "06" / "2024-06-20-bad.md"
    bad.parent.mkdir(parents=True, exist_ok=True)
    bad.write_text("---\n日期: 2024-06-20\n记录人: 张丽\n村: 新庄村\n类别: 不存在的类别\n标题: 测试\n---\n\n"
                   + "正文" * 40 + "\n", encoding="utf-8")
    gitrepo.git(tmp_path / "新庄村", "add", str(bad))
    result = invoke("check", "--staged", "--repo", str(ws), "--as-of", AS_OF, "--format", "json")
    data = json.loads(result.stdout)
    assert result.exit_code == 1 and data["summary"]["files"] == 1
    assert {(d["repo"], d["path"], d["code"]) for d in data["diagnostics"]} >= {
        ("新庄村", "新庄村/entries/2024/06/2024-06-20-bad.md", "MQ106")}
    assert all(d["repo"] == "新庄村" for d in data["diagnostics"])


def test_unknown_household_lists_candidates_as_repo_id(town: Path):
    for args in (["household", "qa-1"], ["issues", "--household", "qa-1"]):
        result = invoke("--lang", "en", *args, "--repo", str(town), "--as-of", AS_OF)
        assert result.exit_code == 2 and "群安村/qa-01" in result.stderr and "新庄村/qa-01" in result.stderr
        assert "{" not in result.stderr


def test_init_workspace_says_when_a_member_is_not_a_repository_yet(tmp_path: Path, monkeypatch):
    village(tmp_path / "群安村")
    monkeypatch.chdir(tmp_path)
    result = invoke("init", "--workspace", "镇", "--member", "群安村", "--member", "新庄村")
    assert result.exit_code == 0, result.output
    assert "新庄村" in result.stderr and "MQ008" in result.stderr and "群安村" not in result.stderr
    assert "../新庄村" in (tmp_path / "镇" / "minqing.yaml").read_text(encoding="utf-8")  # written as asked
