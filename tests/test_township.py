"""The township volume: minqing compile PERIOD (a month, quarter or year) on a workspace."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from typer.testing import CliRunner

from minqing.cli import app

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "village-records"
runner = CliRunner()


def invoke(*args: str):
    return runner.invoke(app, list(args))


def town(tmp_path: Path, members: list[str]) -> Path:
    for name in ("群安村", "新庄村"):
        shutil.copytree(EXAMPLE, tmp_path / name)
    ws = tmp_path / "桤泉镇"
    ws.mkdir()
    (ws / "minqing.yaml").write_text("name: 桤泉镇民情日记\ntownship: 桤泉镇\nmembers:\n"
                                     + "".join(f"  - {m}\n" for m in members), encoding="utf-8")
    return ws


def test_one_volume_with_a_chapter_per_village(tmp_path: Path):
    ws = town(tmp_path, ["../群安村", "../新庄村"])
    out = tmp_path / "镇.html"
    result = invoke("compile", "2024-05", "--repo", str(ws), "--out", str(out), "--as-of", "2024-06-30")
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    single = invoke("compile", "2024-05", "--repo", str(EXAMPLE), "--out", str(tmp_path / "村.html"), "--as-of", "2024-06-30")
    assert single.exit_code == 0
    one = (tmp_path / "村.html").read_text(encoding="utf-8")
    # every entry of the village volume appears once per member chapter
    entries_alone = len(re.findall(r'<article class="entry"', one))
    assert len(re.findall(r'<article class="entry"', html)) == 2 * entries_alone
    assert 'id="m1"' in html and 'id="m2"' in html and "全镇统计" in html and "民情分析" in html
    assert "跨村台账" in html and html.count("<svg") >= 4
    assert "干部考评排名" in html and "群安村/张丽" in html and "新庄村/张丽" in html
    ids = re.findall(r' id="([^"]+)"', html)
    assert len(ids) == len(set(ids))  # anchors stay unique across villages
    for target in re.findall(r'href="#([^"]+)"', html):
        assert target in ids, target


def test_township_figures_add_up_and_unreadable_members_are_named(tmp_path: Path):
    ws = town(tmp_path, ["../群安村", "../新庄村", "../不存在"])
    out = tmp_path / "镇.html"
    result = invoke("compile", "2024-05", "--repo", str(ws), "--out", str(out), "--as-of", "2024-06-30")
    assert result.exit_code == 2 and "MQ008" in result.stderr  # written, but the missing member is reported
    html = out.read_text(encoding="utf-8")
    assert "未能读取的成员" in html and "不存在" in html
    total = re.search(r"<tfoot><tr><td><b>合计</b></td><td class=\"n\">(\d+)</td>", html)
    rows = re.findall(r'<tr><td><a href="#m\d">[^<]+</a></td><td class="n">(\d+)</td>', html)
    assert total and int(total.group(1)) == sum(map(int, rows)) and len(rows) == 2


def test_redacted_and_markdown(tmp_path: Path):
    ws = town(tmp_path, ["../群安村", "../新庄村"])
    out = tmp_path / "外发.html"
    assert invoke("compile", "2024-05", "--repo", str(ws), "--out", str(out), "--redact", "--as-of", "2024-06-30").exit_code == 0
    html = out.read_text(encoding="utf-8")
    assert "吴俊义" not in html and "吴**" in html
    md = tmp_path / "镇.md"
    assert invoke("compile", "2024-05", "--repo", str(ws), "--out", str(md), "--format", "md", "--as-of", "2024-06-30").exit_code == 0
    text = md.read_text(encoding="utf-8")
    assert text.startswith("# 桤泉镇民情日记") and "\n# 群安村\n" in text and "\n# 新庄村\n" in text


def _cover_entries(html: str) -> int:
    found = re.search(r"<tr><th>(?:日记|Entries)</th><td>(\d+)</td></tr>", html)
    assert found, "the cover names the number of entries"
    return int(found.group(1))


def test_a_quarter_volume_covers_the_whole_quarter(tmp_path: Path):
    ws = town(tmp_path, ["../群安村", "../新庄村"])
    out = tmp_path / "out"
    out.mkdir()
    result = invoke("compile", "2024-Q1", "--repo", str(ws), "--out", str(out))
    assert result.exit_code == 0, result.output
    target = out / "minqing-2024-Q1.html"
    assert result.stdout.strip() == str(target) and target.exists()
    html = target.read_text(encoding="utf-8")
    assert "<title>桤泉镇民情日记 · 2024年第一季度</title>" in html
    assert "周四落在本季度的周" in html and "本季度提出的诉求" in html and "本月" not in html
    # the figures count January to March, not one month: each village's own quarter volume, twice
    alone = invoke("compile", "2024-Q1", "--repo", str(EXAMPLE), "--out", str(tmp_path / "村.html"))
    assert alone.exit_code == 0, alone.output
    per_village = len(re.findall(r'<article class="entry"', (tmp_path / "村.html").read_text(encoding="utf-8")))
    march = invoke("compile", "2024-03", "--repo", str(ws), "--out", str(out))
    assert march.exit_code == 0, march.output
    in_march = _cover_entries((out / "minqing-2024-03.html").read_text(encoding="utf-8"))
    assert _cover_entries(html) == 2 * per_village > in_march > 0
    # 民情分析 and the ranking are there for the quarter
    assert "民情分析" in html and "干部考评排名" in html
    # the entry facts the village volume shows (February entries: only in the quarter, not in March)
    for fact in ("新庄村村委会会议室", "陈晓宇、村两委成员", "雨雪转阴", "棉被两床", "慰问金"):
        assert html.count(fact) >= 2, fact  # once per village chapter


def test_a_year_volume_in_english_and_a_bad_period(tmp_path: Path):
    ws = town(tmp_path, ["../群安村", "../新庄村"])
    out = tmp_path / "out"
    out.mkdir()
    result = invoke("compile", "2024", "--repo", str(ws), "--out", str(out), "--lang", "en")
    assert result.exit_code == 0, result.output
    html = (out / "minqing-2024.html").read_text(encoding="utf-8")
    assert "<title>桤泉镇民情日记 · 2024</title>" in html
    assert "ISO weeks whose Thursday falls in the year" in html and "this month" not in html
    quarter = invoke("compile", "2024-Q1", "--repo", str(ws), "--out", str(out), "--lang", "en")
    assert quarter.exit_code == 0, quarter.output
    assert _cover_entries(html) > _cover_entries((out / "minqing-2024-Q1.html").read_text(encoding="utf-8"))
    for bad in ("2024-Q5", "2024-13", "24", "2024-Q1-x"):
        wrong = invoke("compile", bad, "--repo", str(ws), "--out", str(out))
        assert wrong.exit_code == 2, (bad, wrong.output)
        assert "YYYY-Qn" in wrong.stderr
    assert sorted(p.name for p in out.iterdir()) == ["minqing-2024-Q1.html", "minqing-2024.html"]


def test_a_runaway_township_template_stops_within_the_limits(tmp_path: Path, monkeypatch):
    """The workspace's own township.html.j2 renders within the template limits, like a village volume's."""
    from minqing import render

    monkeypatch.setattr(render, "TEMPLATE_SECONDS", 1)
    ws = town(tmp_path, ["../群安村", "../新庄村"])
    (ws / "templates").mkdir()
    (ws / "templates" / "township.html.j2").write_text(
        "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}", encoding="utf-8")
    result = invoke("compile", "2024-05", "--repo", str(ws), "--out", str(tmp_path / "镇.html"), "--as-of", "2024-06-30",
                    "--lang", "en")
    assert result.exit_code == 2, result.output
    assert "seconds" in result.output and "township.html.j2" in result.output
    assert not (tmp_path / "镇.html").exists()
