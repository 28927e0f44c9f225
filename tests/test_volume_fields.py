"""The entry fields of real use as the volume prints them: time span, place, weather, participants,
aid handed over (慰问) with the period's totals, and the backfill mark (补录), in HTML and Markdown,
Chinese and English, redacted or not."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from minqing import volume
from minqing.cli import app

from .conftest import entry

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "village-records"

VISIT = (
    "日期: 2024-03-05\n结束日期: 2024-03-07\n记录人: 张丽\n参加人员: [李明, 村主任王强]\n村: 群安村\n"
    "农户: [qa-01]\n地点: 群安村小学\n天气: 多云转晴 <b>\n类别: 精神文明建设\n标题: 走访村小学和吴俊义家\n补录: 是\n"
    "慰问:\n"
    "  - {类型: 慰问金, 金额: 500, 农户: [qa-01]}\n"
    "  - {类型: 临时救助, 金额: 200.5元, 农户: [王大妈]}\n"
    "  - {类型: 物品, 物品: '大米两袋*特供_'}\n"
)
PLAIN = "日期: 2024-03-12\n记录人: 李明\n村: 群安村\n农户: [qa-02]\n类别: other\n标题: 回访李桂兰\n"


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.output


def compile_text(root: Path, period: str, out: Path, *extra: str) -> str:
    code, output = run("compile", period, "--repo", str(root), "--out", str(out), *extra)
    assert code == 0, output
    return out.read_text(encoding="utf-8")


@pytest.fixture
def repo(make_repo) -> Path:
    return make_repo({
        "entries/2024/03/2024-03-05-xiaoxue.md": entry(VISIT),
        "entries/2024/03/2024-03-12-huifang.md": entry(PLAIN),
    })


def article(html: str, title: str) -> str:
    """The HTML of the entry whose title is `title`."""
    return next(a for a in html.split('<article class="entry"')[1:] if title in a.split("</h3>")[0])


def md_entry(md: str, title: str) -> str:
    start = md.index(title)
    return md[start:md.index("<!--", start)]


def test_build_reads_the_fields_and_totals_the_aid(repo: Path) -> None:
    v = volume.build(volume.read_records(repo), "2024-03")
    e = next(e for sec in v.categories for e in sec.entries if e.title.startswith("走访村小学"))
    assert (e.end_date, e.when, e.place, e.weather) == ("2024-03-07", "2024-03-05 至 2024-03-07", "群安村小学", "多云转晴 <b>")
    assert e.participants == ("李明", "村主任王强") and e.backfill
    assert [(a.kind, a.amount, a.goods) for a in e.aid] == [("慰问金", "500", ""), ("临时救助", "200.50", ""),
                                                            ("物品", "", "大米两袋*特供_")]
    assert [[h.id for h in a.households] for a in e.aid] == [["qa-01"], ["王大妈"], ["qa-01"]]  # default: the entry's
    assert (v.stats.aid_entries, v.stats.aid_money, v.stats.aid_goods) == (1, "700.50", 1)
    other = next(e for sec in v.categories for e in sec.entries if e.title == "回访李桂兰")
    assert (other.when, other.end_date, other.place, other.weather, other.participants, other.aid, other.backfill) == (
        "2024-03-12", "", "", "", (), (), False)
    assert "本月有1篇日记记有慰问，送去慰问金共计700.50元、物品1项。" in v.summary
    en = volume.build(volume.read_records(repo), "2024-03", lang="en")
    assert "1 entry record aid handed over: 700.50 yuan in money and 1 lot of goods." in en.summary


def test_html_prints_a_line_of_facts_and_an_aid_table(repo: Path, tmp_path: Path) -> None:
    html = compile_text(repo, "2024-03", tmp_path / "v.html")
    a = article(html, "走访村小学")
    assert "<b>时间</b>2024-03-05 至 2024-03-07" in a
    assert "<b>参加人员</b>李明、村主任王强" in a
    assert "<b>地点</b>群安村小学" in a
    assert "<b>天气</b>多云转晴 &lt;b&gt;" in a and "多云转晴 <b>" not in a  # autoescaped
    assert 'class="flag backfill" title="据纸质笔记本事后补录">补录</span>' in a
    table = a[a.index('<table class="aid">'):a.index("</table>", a.index('<table class="aid">'))]
    assert "<th>类型</th><th class=\"n\">金额（元）</th><th>物品</th><th>农户</th>" in table
    rows = re.findall(r"<tr><td>(.*?)</td><td class=\"n\">(.*?)</td><td>(.*?)</td><td>(.*?)</td></tr>", table)
    assert [r[:3] for r in rows] == [("慰问金", "500", ""), ("临时救助", "200.50", ""), ("物品", "", "大米两袋*特供_")]
    assert "qa-01 吴俊义" in rows[0][3] and rows[1][3] == "王大妈"
    b = article(html, "回访李桂兰")
    assert "<b>日期</b>2024-03-12" in b
    for absent in ("时间", "地点", "天气", "参加人员", 'class="aid"', "补录"):
        assert absent not in b, absent
    stats = html[html.index('id="stats"'):html.index('id="entries"')]
    assert re.search(r'<table class="aid-total">.*?<td class="n">1</td><td class="n">700.50</td><td class="n">1</td>',
                     stats, re.S)
    assert "送去慰问金共计700.50元、物品1项" in html


def test_english_volume_names_the_fields_in_english(repo: Path, tmp_path: Path) -> None:
    html = compile_text(repo, "2024-03", tmp_path / "v.html", "--lang", "en")
    a = article(html, "走访村小学")
    for text in ("<b>Time</b>2024-03-05 to 2024-03-07", "<b>With</b>李明、村主任王强", "<b>Place</b>群安村小学",
                 "<b>Weather</b>", ">Backfilled</span>", "<caption>Aid handed over</caption>", "Amount (yuan)"):
        assert text in a, text
    md = compile_text(repo, "2024-03", tmp_path / "v.md", "--lang", "en", "--format", "md")
    e = md_entry(md, "走访村小学")
    for line in ("- Time: 2024-03-05 to 2024-03-07", "- With: 李明、村主任王强", "- Place: 群安村小学",
                 "- Backfilled: typed up later from a paper notebook", "**Aid handed over**",
                 "| Kind | Amount (yuan) | Goods | Households |"):
        assert line in e.split("\n"), line
    assert "Money handed over (yuan)" in md


def test_markdown_prints_the_facts_escaped(repo: Path, tmp_path: Path) -> None:
    md = compile_text(repo, "2024-03", tmp_path / "v.md", "--format", "md")
    e = md_entry(md, "走访村小学")
    assert e.startswith("走访村小学和吴俊义家（补录）\n")
    for line in ("- 时间：2024-03-05 至 2024-03-07", "- 参加人员：李明、村主任王强", "- 地点：群安村小学",
                 "- 天气：多云转晴 \\<b\\>", "- 补录：据纸质笔记本事后补录", "**慰问**",
                 "| 类型 | 金额（元） | 物品 | 农户 |", "| 慰问金 | 500 |  | qa-01 吴俊义 |",
                 "| 临时救助 | 200.50 |  | 王大妈 |", "| 物品 |  | 大米两袋\\*特供\\_ | qa-01 吴俊义 |"):
        assert line in e.split("\n"), line
    assert "| 1 | 700.50 | 1 |" in md
    b = md_entry(md, "回访李桂兰")
    assert "- 日期：2024-03-12" in b and "时间" not in b and "慰问" not in b


@pytest.mark.parametrize("fmt", ["html", "md"])
def test_redaction_masks_households_in_aid_but_not_participants(repo: Path, tmp_path: Path, fmt: str) -> None:
    text = compile_text(repo, "2024-03", tmp_path / f"r.{fmt}", "--format", fmt, "--redact")
    star = "\\*" if fmt == "md" else "*"
    assert "吴俊义" not in text and "王大妈" not in text and "李桂兰" not in text
    assert f"qa-01 吴{star}{star}" in text and f"王{star}{star}" in text  # in the aid table
    assert "李明、村主任王强" in text  # participants are cadres and officials: not masked
    assert "群安村小学" in text and "700.50" in text
    if fmt == "md":
        assert "| 临时救助 | 200.50 |  | 王\\*\\* |" in text


def test_private_names_include_heads_named_only_in_aid(repo: Path) -> None:
    names = volume.private_names(volume.read_records(repo))
    assert "王大妈" in names and "李明" not in names and "村主任王强" not in names


def test_markdown_text_filter() -> None:
    assert volume._md_text("a*b_c[d]<e>|f`g#h") == "a\\*b\\_c\\[d\\]\\<e\\>\\|f\\`g\\#h"
    assert volume._md_text("吴\\*\\*") == "吴\\*\\*"  # a mask's stars stay one escape
    assert volume._md_text("a\\b\nc") == "a\\\\b c"
    assert volume._money(300) == "300" and volume._money(200.5) == "200.50" and volume._money(None) == ""
    assert volume._money(0.1 + 0.2) == "0.30"


# ---- the example village ----

@pytest.fixture
def village(tmp_path: Path) -> Path:
    root = tmp_path / "village"
    shutil.copytree(EXAMPLE, root)
    return root


def test_example_february_volume_prints_weather_aid_place_and_participants(village: Path, tmp_path: Path) -> None:
    html = compile_text(village, "2024-02", tmp_path / "v.html")
    a = article(html, "雨雪冰冻后黄秀英家后墙开裂")
    assert "<b>天气</b>雨雪转阴" in a
    rows = re.findall(r"<tr><td>(.*?)</td><td class=\"n\">(.*?)</td><td>(.*?)</td>", a)
    assert rows == [("慰问金", "300", ""), ("物品", "", "棉被两床")]
    assert "后墙贯通裂缝" in a  # its attachment's caption
    m = article(html, "新庄村两委节后第一次工作会")
    assert "<b>地点</b>新庄村村委会会议室" in m and "<b>参加人员</b>陈晓宇、村两委成员" in m
    assert "送去慰问金共计300元、物品1项" in html
    md = compile_text(village, "2024-02", tmp_path / "v.md", "--format", "md")
    assert "| 慰问金 | 300 |  | qa-07 黄秀英 |" in md and "- 天气：雨雪转阴" in md
    assert "- 地点：新庄村村委会会议室" in md and "- 参加人员：陈晓宇、村两委成员" in md
    red = compile_text(village, "2024-02", tmp_path / "r.md", "--format", "md", "--redact")
    assert "| 慰问金 | 300 |  | qa-07 黄\\*\\* |" in red and "- 参加人员：陈晓宇、村两委成员" in red
