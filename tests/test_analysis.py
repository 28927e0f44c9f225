"""民情分析: the figures from hand-made rows, the command's formats, the report, and the Parquet path."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

from typer.testing import CliRunner

from minqing import analysis
from minqing.cli import app

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "village-records"
runner = CliRunner()
D = dt.date


def issue(id_: str, raised: str, category: str = "livelihood", status: str = "open", households=(), village="群安村",
          escalated_to=None, closed_on=None, overdue=False, repo=None):
    return {"repo": repo, "id": id_, "summary": f"事{id_}", "status": status, "category": category, "raised": raised,
            "due": raised, "overdue": overdue, "village": village, "households": list(households), "entry": f"e/{id_}.md",
            "escalated_to": escalated_to, "closed_on": closed_on}


def update(issue_id: str, date: str, status: str, escalated_to=None, repo=None):
    return {"repo": repo, "issue": issue_id, "date": date, "status": status, "entry": f"u/{issue_id}-{date}.md",
            "escalated_to": escalated_to}


def test_categories_change_against_the_previous_period():
    rows = {"issues": [issue("a", "2024-04-02"), issue("b", "2024-05-20"), issue("c", "2024-06-30", "disputes"),
                       issue("d", "2024-03-31"), issue("e", "2023-12-31", "disputes"), issue("f", "2024-07-01")]}
    a = analysis.analyze(rows, D(2024, 4, 1), D(2024, 6, 30))
    assert a.previous == (D(2024, 1, 1), D(2024, 3, 31))  # the three months before
    by = {c.category: c for c in a.categories}
    assert (by["livelihood"].count, by["livelihood"].previous, by["livelihood"].change, by["livelihood"].change_pct) == (2, 1, 1, 100.0)
    assert (by["disputes"].count, by["disputes"].previous, by["disputes"].change_pct) == (1, 0, None)  # 2023-12-31 is outside
    assert [(m.month, m.category, m.count) for m in a.months] == [
        ("2024-04", "livelihood", 1), ("2024-05", "livelihood", 1), ("2024-06", "disputes", 1)]
    assert a.raised == 3 and a.raised_previous == 1
    assert analysis.previous_period(D(2024, 3, 1), D(2024, 3, 31)) == (D(2024, 2, 1), D(2024, 2, 29))  # whole months
    assert analysis.previous_period(D(2024, 3, 5), D(2024, 3, 14)) == (D(2024, 2, 24), D(2024, 3, 4))  # else as many days


def test_places_groups_and_recurring_households():
    rows = {
        "households": [{"repo": None, "id": "h1", "head": "甲", "village": "群安村", "group": "三组"},
                       {"repo": None, "id": "h2", "head": "乙", "village": "新庄村", "group": "一组"}],
        "issues": [issue("a", "2024-04-02", households=["h1"], overdue=True), issue("b", "2024-04-03", "economy", households=["h1"]),
                   issue("c", "2024-04-04", households=["h2"], village="新庄村", status="resolved", closed_on="2024-04-05"),
                   issue("d", "2024-01-04", households=["h2"], village="新庄村")],
    }
    a = analysis.analyze(rows, D(2024, 4, 1), D(2024, 4, 30))
    assert [(p.village, p.matters, p.open, p.overdue) for p in a.villages] == [("群安村", 2, 2, 1), ("新庄村", 1, 0, 0)]
    assert [(p.village, p.group, p.matters) for p in a.groups] == [("群安村", "三组", 2), ("新庄村", "一组", 1)]
    assert [(h.id, h.head, h.matters, h.categories) for h in a.households] == [("h1", "甲", 2, ["economy", "livelihood"])]
    assert [(o.id, o.days_open) for o in a.oldest_open] == [("d", 117), ("a", 28), ("b", 27)]


def test_escalations_by_department_with_reply_times():
    rows = {
        "issues": [issue("a", "2024-04-01", status="resolved", escalated_to="县水务局", closed_on="2024-04-21"),
                   issue("b", "2024-04-05", status="escalated", escalated_to="县水务局"),
                   issue("c", "2024-04-06", status="escalated", escalated_to="县民政局")],
        "updates": [update("a", "2024-04-03", "escalated", "县水务局"), update("a", "2024-04-13", "in-progress"),
                    update("a", "2024-04-21", "resolved"), update("b", "2024-04-07", "escalated", "县水务局")],
    }
    a = analysis.analyze(rows, D(2024, 4, 1), D(2024, 4, 30))
    water = next(d for d in a.departments if d.department == "县水务局")
    assert (water.escalated, water.closed, water.open, water.replied) == (2, 1, 1, 1)
    assert water.avg_reply_days == 10.0 and water.avg_close_days == 18.0
    civil = next(d for d in a.departments if d.department == "县民政局")  # escalated when raised, no update since
    assert (civil.escalated, civil.replied, civil.avg_reply_days) == (1, 0, None)


def invoke(*args: str):
    return runner.invoke(app, list(args))


def test_command_json_and_report(tmp_path: Path):
    result = invoke("analyze", "--repo", str(EXAMPLE), "--from", "2024-04-01", "--to", "2024-06-30", "--format", "json",
                    "--out", str(tmp_path / "分析.html"))
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert set(data) >= {"from", "to", "previous", "categories", "months", "villages", "groups", "households",
                         "oldest_open", "departments"}
    assert data["raised"] == sum(c["count"] for c in data["categories"])
    html = (tmp_path / "分析.html").read_text(encoding="utf-8")
    assert html.count("<svg") == 3 and "群安村" in html and "<script" not in html
    again = invoke("analyze", "--repo", str(EXAMPLE), "--to", "2024-06-30", "--out", str(tmp_path / "分析.html"))
    assert again.exit_code == 2  # never clobbered without --force
    text = invoke("analyze", "--repo", str(EXAMPLE), "--from", "2024-04-01", "--to", "2024-06-30").stdout
    assert "民情分析" in text and "县" in text
    assert invoke("analyze", "--repo", str(EXAMPLE), "--from", "2024-07-01", "--to", "2024-06-30").exit_code == 2


def test_published_parquet_gives_the_workspace_analysis(tmp_path: Path):
    for name in ("群安村", "新庄村"):
        shutil.copytree(EXAMPLE, tmp_path / name)
        assert invoke("export", "--repo", str(tmp_path / name), "--format", "parquet", "--as-of", "2024-06-30",
                      "--out", str(tmp_path / "pub" / name)).exit_code == 0
    ws = tmp_path / "镇"
    ws.mkdir()
    (ws / "minqing.yaml").write_text("name: 镇\nmembers: [../群安村, ../新庄村]\n", encoding="utf-8")
    args = ["analyze", "--from", "2024-04-01", "--to", "2024-06-30", "--format", "json"]
    from_ws = json.loads(invoke(*args, "--repo", str(ws)).stdout)
    from_pq = json.loads(invoke(*args, "--parquet", str(tmp_path / "pub" / "群安村"), "--parquet",
                                str(tmp_path / "pub" / "新庄村")).stdout)
    assert from_pq == from_ws and {v["repo"] for v in from_ws["villages"]} == {"群安村", "新庄村"}
