"""minqing compile: the monthly volume's numbers, escaping, redaction, errors, files, browser and PDF output."""

from __future__ import annotations

import datetime as dt
import logging
import os
import re
import shutil
import struct
import subprocess
import zlib
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from minqing import volume
from minqing.charts import bar_chart, nice_step
from minqing.checks.privacy import id_check_ok
from minqing.cli import app

from .conftest import BODY, entry

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "village-records"
FONT_STACK = '"Noto Serif CJK SC", "Noto Sans CJK SC", "Source Han Serif SC", "SimSun", "Songti SC", serif'


def run(*args: str) -> tuple[int, str]:
    """Exit code and everything printed (stdout and stderr)."""
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.output


def written(*args: str) -> str:
    """What a successful command printed on stdout: the path it wrote."""
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.fixture
def village(tmp_path: Path) -> Path:
    """The example repository copied out of git (so the quota counts entries by date, as outside git)."""
    root = tmp_path / "village"
    shutil.copytree(EXAMPLE, root)
    return root


def compile_to(root: Path, month: str, out: Path, *extra: str) -> str:
    assert written("compile", month, "--repo", str(root), "--out", str(out), *extra) == f"{out}\n"
    return out.read_text(encoding="utf-8")


# ---- an independent reading of the example, straight from the files ----

KEYS = {"日期": "date", "记录人": "author", "类别": "category", "诉求": "issues", "跟踪": "updates", "编号": "id",
        "状态": "status", "问题": "issue", "满意度": "satisfaction", "期限": "due", "紧急": "urgent", "户主": "head",
        "农户": "households"}
STATUS = {"待办": "open", "办理中": "in-progress", "已上报": "escalated", "已解决": "resolved", "已解释": "explained"}
CATEGORY = {"农村经济发展": "economy", "村级组织建设": "organization", "村务民主管理": "democracy",
            "农村矛盾纠纷": "disputes", "農村矛盾糾紛": "disputes", "群众关注的热点难点": "livelihood",
            "精神文明建设": "civility", "村容村貌整治": "environment", "其他": "other"}


def front_of(path: Path) -> dict:
    text = path.read_text(encoding="utf-8")
    data = yaml.safe_load(text.split("\n---", 1)[0].lstrip("-\n"))

    def canon(value):
        if isinstance(value, dict):
            return {KEYS.get(k, k): canon(v) for k, v in value.items()}
        if isinstance(value, list):
            return [canon(v) for v in value]
        return value

    data = canon(data)
    day = data["date"]
    if isinstance(day, str):
        y, m, d = map(int, re.match(r"(\d+)年(\d+)月(\d+)日", day).groups())
        data["date"] = dt.date(y, m, d)
    data["category"] = CATEGORY.get(data["category"], data["category"])
    return data


def read_example(root: Path):
    files = sorted(root.glob("entries/**/*.md"))
    return [(f.relative_to(root).as_posix(), f.stem, front_of(f)) for f in files]


def test_statistics_of_march_match_the_files(village: Path) -> None:
    start, end = dt.date(2024, 3, 1), dt.date(2024, 3, 31)
    records = sorted(read_example(village), key=lambda r: (r[2]["date"], r[0]))
    records = [r for r in records if r[2]["date"] <= end]
    march = [r for r in records if r[2]["date"] >= start]
    config = yaml.safe_load((village / "minqing.yaml").read_text(encoding="utf-8"))

    # a small ledger of our own: issue -> (raised, status, closed_on, due, satisfaction)
    issues: dict[str, dict] = {}
    reopened = updates = 0
    escalated: set[str] = set()
    for _, stem, f in records:
        for n, item in enumerate(f.get("issues") or [], start=1):
            status = STATUS.get(item.get("status", "open"), item.get("status", "open"))
            days = 3 if f.get("urgent") in (True, "是") else 15 if f["category"] == "disputes" else 30
            due = item.get("due") or f["date"] + dt.timedelta(days=days)
            issues[item.get("id") or f"{stem}#{n}"] = {
                "raised": f["date"], "status": status, "due": due, "satisfaction": item.get("satisfaction"),
                "closed_on": f["date"] if status in ("resolved", "explained") else None,
            }
            if start <= f["date"] and status == "escalated":
                escalated.add(item.get("id") or f"{stem}#{n}")
    for _, _, f in records:
        for u in f.get("updates") or []:
            issue = issues[u["issue"]]
            status = STATUS.get(u["status"], u["status"])
            in_month = f["date"] >= start
            if in_month:
                updates += 1
                reopened += issue["status"] in ("resolved", "explained") and status not in ("resolved", "explained")
                if status == "escalated":
                    escalated.add(u["issue"])
            issue["status"] = status
            issue["closed_on"] = f["date"] if status in ("resolved", "explained") else None
            issue["due"] = u.get("due") or issue["due"]
            issue["satisfaction"] = u.get("satisfaction") or issue["satisfaction"]
    closed = [i for i in issues.values() if i["closed_on"] and i["closed_on"] >= start]
    still_open = [i for i in issues.values() if i["status"] in ("open", "in-progress", "escalated")]
    rated = [i for i in closed if i["satisfaction"]]

    repo = volume.read_records(village)
    vol = volume.build(repo, "2024-03", as_of=end)
    s = vol.stats
    assert s.entries == len(march) == 19
    assert {r.name: r.entries for r in s.cadres} == dict(Counter(f["author"] for _, _, f in march))
    assert {r.code: r.entries for r in s.categories if r.entries} == dict(Counter(f["category"] for _, _, f in march))
    assert s.issues.raised == sum(1 for i in issues.values() if i["raised"] >= start)
    assert s.issues.resolved == sum(1 for i in closed if i["status"] == "resolved")
    assert s.issues.explained == sum(1 for i in closed if i["status"] == "explained")
    assert s.issues.closed == len(closed) and s.issues.closed > 0
    assert s.issues.escalated == len(escalated)
    assert s.issues.reopened == reopened
    assert s.updates == updates
    assert s.issues.open == len(still_open)
    assert s.issues.overdue == sum(1 for i in still_open if end > i["due"])
    on_time = sum(1 for i in closed if i["closed_on"] <= i["due"])
    assert (s.issues.on_time.numerator, s.issues.on_time.denominator) == (on_time, len(closed))
    good = sum(1 for i in rated if i["satisfaction"] in ("满意", "基本满意"))
    assert (s.issues.satisfaction.numerator, s.issues.satisfaction.denominator) == (good, len(rated))
    assert s.issues.satisfaction.percent == f"{100 * good / len(rated):.1f}%"

    # quota: ISO weeks whose Thursday is in March (W10–W13), met when the cadre wrote at least one entry
    assert s.weeks == ("2024-W10", "2024-W11", "2024-W12", "2024-W13")
    for row in s.cadres:
        cadre = next(c for c in config["cadres"] if c["name"] == row.name)
        wrote = {f["date"].isocalendar()[1] for _, _, f in records if f["author"] == row.name}
        required = [w for w in (10, 11, 12, 13) if dt.date.fromisocalendar(2024, w, 7) >= cadre["start"]]
        assert row.weeks_required == len(required), row.name
        assert row.weeks_met == sum(1 for w in required if w in wrote), row.name

    # the ledger: issues raised in March, and the earlier ones still open on March 31
    assert {r.id for r in vol.ledger.raised} == {k for k, i in issues.items() if i["raised"] >= start}
    assert [r.raised for r in vol.ledger.raised] == sorted(r.raised for r in vol.ledger.raised)
    assert {r.id for r in vol.ledger.open_before} == {k for k, i in issues.items()
                                                      if i["raised"] < start and i in still_open}
    # the household index lists every household file
    assert len(vol.households) == len(list((village / "households").glob("*.md")))


def test_months_and_weeks() -> None:
    assert volume.month_range("2024-02") == (dt.date(2024, 2, 1), dt.date(2024, 2, 29))
    assert volume.month_range("2024-12") == (dt.date(2024, 12, 1), dt.date(2024, 12, 31))
    for bad in ("2024-13", "abc", "2024-00", "2024/03", "24-03", ""):
        with pytest.raises(volume.MinqingError):
            volume.month_range(bad)
    # 2024-02-29 is a Thursday: W09 belongs to February, so March starts with W10
    assert volume.month_weeks(dt.date(2024, 3, 1), dt.date(2024, 3, 31)) == (dt.date(2024, 3, 4), dt.date(2024, 3, 31))
    assert volume.month_weeks(dt.date(2024, 2, 1), dt.date(2024, 2, 29)) == (dt.date(2024, 1, 29), dt.date(2024, 3, 3))


def test_rates_reopenings_and_escalations_on_a_small_repository(make_repo) -> None:
    f = "日期: {d}\n记录人: 张丽\n村: 群安村\n农户: [qa-01]\n类别: livelihood\n标题: 第{n}篇\n"
    done = "    结果: 办好了\n    反馈: 当面告知\n"
    root = make_repo({
        "entries/2024/02/2024-02-20-a.md": entry(f.format(d="2024-02-20", n=1) + "诉求:\n  - 编号: A\n    摘要: 修路\n    期限: 2024-03-10\n"),
        "entries/2024/03/2024-03-05-b.md": entry(f.format(d="2024-03-05", n=2) + "诉求:\n  - 编号: B\n    摘要: 修桥\n    期限: 2024-03-08\n"
                                                 "跟踪:\n  - 问题: A\n    状态: 已解决\n" + done.replace("    ", "    ") + "    满意度: 满意\n", BODY + "二"),
        "entries/2024/03/2024-03-12-c.md": entry(f.format(d="2024-03-12", n=3) + "跟踪:\n  - 问题: B\n    状态: 已解释\n" + done
                                                 + "    满意度: 不满意\n  - 问题: A\n    状态: 办理中\n", BODY + "三"),
        "entries/2024/03/2024-03-20-d.md": entry(f.format(d="2024-03-20", n=4) + "跟踪:\n  - 问题: A\n    状态: 已上报\n    上报: 镇政府\n", BODY + "四"),
        "entries/2024/04/2024-04-02-e.md": entry(f.format(d="2024-04-02", n=5) + "跟踪:\n  - 问题: A\n    状态: 已解决\n" + done, BODY + "五"),
    })
    vol = volume.build(volume.read_records(root), "2024-03")
    i = vol.stats.issues
    assert (i.raised, i.closed, i.resolved, i.explained) == (1, 1, 0, 1)  # A was resolved, then reopened
    assert (i.reopened, i.escalated, i.open, i.overdue) == (1, 1, 1, 1)
    assert (i.on_time.numerator, i.on_time.denominator, i.on_time.percent) == (0, 1, "0.0%")  # B: closed 03-12 > due 03-08
    assert (i.satisfaction.numerator, i.satisfaction.denominator) == (0, 1)
    (a,) = vol.ledger.open_before
    assert a.id == "A" and a.status == "escalated" and a.escalated_to == "镇政府" and a.reopenings == 1
    assert [u.reopening for u in a.updates] == [False, True, False]  # April's update is after the month
    # as of the 5th only the first update counts, and later records are left out
    early = volume.build(volume.read_records(root), "2024-03", as_of=dt.date(2024, 3, 5))
    assert early.stats.issues.closed == 1 and early.stats.issues.reopened == 0 and early.stats.entries == 1


# ---- HTML: escaping, self-containment, print CSS, charts ----

HOSTILE = "<script>alert(1)</script> {{ 7*7 }}"


class Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((tag, dict(attrs)))


def assert_only_local_links(html: str) -> None:
    """No script, image, frame or event handler; every link an anchor in the same file; nothing fetched."""
    parser = Tags()
    parser.feed(html)
    names = {tag for tag, _ in parser.found}
    assert not names & {"script", "img", "iframe", "object", "embed", "link", "image", "use", "video", "audio"}, names
    for tag, attrs in parser.found:
        assert "src" not in attrs and "srcset" not in attrs, (tag, attrs)
        assert not [a for a in attrs if a.startswith("on")], (tag, attrs)
        if "href" in attrs:
            assert (attrs["href"] or "").startswith("#"), (tag, attrs)


def hostile_repo(make_repo) -> Path:
    body = (f"第一段{HOSTILE}，仍是正文。\n\n<img src=x onerror=alert(1)>\n\n![图](http://evil.example/x.png) "
            "[链接](javascript:alert(2)) <http://evil.example/> {% include 'x' %}\n\n" + BODY)
    front = ("日期: 2024-03-05\n记录人: 张丽\n村: 群安村\n农户: [qa-01]\n类别: other\n"
             f"标题: '{HOSTILE}'\n诉求:\n  - 摘要: '{HOSTILE}'\n")
    return make_repo({"entries/2024/03/2024-03-05-x.md": entry(front, body)})


def test_html_escapes_diary_text_and_runs_no_template_code(make_repo, tmp_path: Path) -> None:
    html = compile_to(hostile_repo(make_repo), "2024-03", tmp_path / "v.html")
    assert "<script" not in html.lower()
    assert html.count("&lt;script&gt;alert(1)&lt;/script&gt;") >= 4  # title, body, issue in entry and ledger
    assert "{{ 7*7 }}" in html and ">49<" not in html and " 49 " not in html
    assert "{% include &#39;x&#39; %}" in html or "{% include 'x' %}" in html
    assert_only_local_links(html)
    assert "&lt;img src=x onerror=alert(1)&gt;" in html


def test_html_is_self_contained_and_made_for_print(village: Path, tmp_path: Path) -> None:
    html = compile_to(village, "2024-03", tmp_path / "v.html")
    assert html.startswith("<!DOCTYPE html>") and '<html lang="zh-CN">' in html
    assert FONT_STACK in html
    assert re.search(r"@page\s*\{\s*size:\s*A4;", html) and 'content: "第 " counter(page) " 页　共 " counter(pages) " 页"' in html
    assert "break-before: page" in html
    assert "http:" not in html and "https:" not in html and "@import" not in html and "@font-face" not in html
    assert_only_local_links(html)
    anchors = set(re.findall(r'\bid="([^"]+)"', html))
    assert set(re.findall(r'href="#([^"]+)"', html)) <= anchors
    # cover, contents, statistics, categories, ledger, index
    for text in ("群安村新庄村民情日记", "桤泉镇", "2024年3月", "目录", "本月统计", "按时办结率", "满意率", "民情台账",
                 "农户索引", "农村矛盾纠纷", "吴俊义", "每周记录情况"):
        assert text in html, text
    assert html.count('class="entry"') == 19 and html.count('class="category"') == 8
    # entries by category, in date order within each
    cats = re.findall(r'<section class="category" id="c-(\w+)">(.*?)</section>', html, re.DOTALL)
    assert [c for c, _ in cats] == ["economy", "organization", "democracy", "disputes", "livelihood", "civility",
                                    "environment", "other"]
    for _, block in cats:
        dates = re.findall(r"<b>日期</b>(\d{4}-\d\d-\d\d)", block)
        assert dates == sorted(dates)


def test_charts_are_black_and_white_with_value_labels(village: Path, tmp_path: Path) -> None:
    html = compile_to(village, "2024-03", tmp_path / "v.html")
    svgs = [s for s in re.findall(r"<svg .*?</svg>", html, re.DOTALL) if 'class="mk"' not in s]  # charts, not quota marks
    assert len(svgs) == 3
    for svg in svgs:
        assert "Noto Sans CJK SC" in svg and "<pattern" in svg
        for colour in re.findall(r'(?:fill|stroke)="([^"]+)"', svg):
            grey = re.fullmatch(r"#([0-9a-f]{2})\1\1|#([0-9a-f])\2\2", colour)
            assert grey or colour.startswith("url(#") or colour == "none", colour
    issues_chart = svgs[0]
    assert re.search(r">8</text>", issues_chart)  # the value label of the 8 issues raised
    chart = bar_chart("t", "t", ["一", "二"], [("a", "solid")], [(3,), (0,)])
    assert chart.rows[1].bars[0].width == 0 and chart.rows[0].bars[0].width > 0
    assert [nice_step(n) for n in (0, 4, 9, 23, 140)] == [1, 1, 2, 5, 50]


def test_english_labels(village: Path, tmp_path: Path) -> None:
    html = compile_to(village, "2024-03", tmp_path / "v.html", "--lang", "en")
    for text in ("Contents", "Statistics", "Issue ledger", "Household index", "March 2024", "Closed on time",
                 "Disputes"):
        assert text in html, text
    assert "本月统计" not in html and '<html lang="zh-CN">' in html


# ---- Markdown ----

def test_markdown_volume(village: Path, tmp_path: Path) -> None:
    md = compile_to(village, "2024-03", tmp_path / "v.md", "--format", "md")
    assert md.startswith("# 群安村新庄村民情日记\n")
    assert "## 本月统计" in md and "## 民情台账" in md and "## 农户索引" in md and "### 农村矛盾纠纷" in md
    assert md.count("\n#### ") == 19
    body = (village / "entries/2024/03/2024-03-05-dijie-shangbao.md").read_text(encoding="utf-8").split("---\n", 2)[2]
    assert body.strip().split("\n\n")[0] in md  # bodies verbatim
    assert "&lt;" not in md
    for line in md.splitlines():
        if line.startswith("| ") and not line.startswith("|---"):
            assert line.endswith("|"), line


def test_markdown_keeps_diary_text_as_text(make_repo, tmp_path: Path) -> None:
    md = compile_to(hostile_repo(make_repo), "2024-03", tmp_path / "v.md", "--format", "md")
    assert "{{ 7*7 }}" in md and "{% include 'x' %}" in md and "49" not in md


# ---- redaction ----

def heads(root: Path) -> list[str]:
    return [front_of_household(p) for p in sorted((root / "households").glob("*.md"))]


def front_of_household(path: Path) -> str:
    data = yaml.safe_load(path.read_text(encoding="utf-8").split("\n---", 1)[0].lstrip("-\n"))
    return data.get("户主") or data["head"]


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_redacted_volume_names_no_household_head(village: Path, tmp_path: Path, fmt: str) -> None:
    names = heads(village)
    assert len(names) == 16 and "吴俊义" in names
    plain = compile_to(village, "2024-03", tmp_path / f"plain.{fmt}", "--format", fmt)
    assert any(n in plain for n in names)
    text = compile_to(village, "2024-03", tmp_path / f"v.{fmt}", "--format", fmt, "--redact")
    leaked = [n for n in names if n in text]
    assert not leaked, leaked
    star = "\\*" if fmt == "md" else "*"  # Markdown escapes the mask's stars, so they do not turn into bold
    assert f"吴{star}{star}" in text and f"邓{star}{star}" in text
    assert "entries/2024/" not in text  # source paths (pinyin slugs) are left out
    assert "张丽" in text  # cadres are not masked


def test_redaction_masks_ids_phones_and_member_names(make_repo, tmp_path: Path) -> None:
    id_number = "11010519491231002X"
    assert id_check_ok(id_number)
    body = f"吴俊义的身份证号 {id_number}，手机 13812341234，又写作 138-1234-1234。李桂兰和王小明也在场。\n\n" + BODY
    root = make_repo({
        "households/qa-03.md": "---\n编号: qa-03\n户主: 欧阳春花\n村: 群安村\n家庭成员: [王小明, 欧阳秋]\n---\n\n"
                               "欧阳春花一家三口，丈夫在外务工，主要收入靠种植核桃和零工，孩子在镇上读书。\n",
        "entries/2024/03/2024-03-05-x.md": entry(
            "日期: 2024-03-05\n记录人: 张丽\n村: 群安村\n农户: [qa-01, 欧阳春花]\n类别: other\n标题: 吴俊义和欧阳春花\n"
            "诉求:\n  - 摘要: 李桂兰要求联系 13900001111\n    状态: 已解决\n    结果: 欧阳秋已办好\n    反馈: 电话告知吴俊义\n",
            body),
    })
    for fmt in ("html", "md"):
        text = compile_to(root, "2024-03", tmp_path / f"v.{fmt}", "--format", fmt, "--redact")
        for secret in ("吴俊义", "李桂兰", "欧阳春花", "王小明", "欧阳秋", id_number, "13812341234", "1234-1234",
                       "13900001111"):
            assert secret not in text, (fmt, secret)
        for masked in ("吴**", "李**", "欧***", "王**", "欧**", "110105********002X", "138****1234", "139****1111"):
            # in Markdown bodies the stars are escaped (\\*) so that they do not read as emphasis
            assert masked in text or (fmt == "md" and masked.replace("*", "\\*") in text), (fmt, masked)
        if fmt == "html":
            assert "<strong>" not in text and "<em>" not in text


def test_mask_function() -> None:
    mask = volume.masker(["吴俊义", "吴俊", "李明"])
    assert mask("吴俊义、吴俊和李明；李") == "吴**、吴*和李*；李"
    assert mask("电话 13800001234 和 110105194912310021") == "电话 138****1234 和 110105********0021"
    assert volume.masker(["吴俊义"], markdown=True)("吴俊义 13800001234") == "吴\\*\\* 138\\*\\*\\*\\*1234"


# ---- errors, files ----

@pytest.mark.parametrize("month", ["2024-13", "abc", "2024-3-1"])
def test_bad_month_is_a_usage_error(village: Path, month: str) -> None:
    code, output = run("compile", month, "--repo", str(village))
    assert code == 2 and "YYYY-MM" in output and "Traceback" not in output


def test_month_without_entries_writes_nothing(village: Path, tmp_path: Path) -> None:
    out = tmp_path / "v.html"
    code, output = run("compile", "2023-03", "--repo", str(village), "--out", str(out))
    assert code == 1 and "2023-03" in output and not out.exists()
    code, output = run("compile", "2023-03", "--repo", str(village), "--out", str(out), "--lang", "en")
    assert code == 1 and "no entries" in output


def test_bad_format_and_as_of(village: Path) -> None:
    code, output = run("compile", "2024-03", "--repo", str(village), "--format", "docx")
    assert code == 2 and "docx" in output
    code, output = run("compile", "2024-03", "--repo", str(village), "--as-of", "2024-02-30")
    assert code == 2 and "2024-02-30" in output


@pytest.mark.parametrize(("name", "source", "expected"), [
    ("volume.html.j2", "<html>\n{% include 'nope.html' %}\n</html>\n", ["nope.html"]),
    ("volume.html.j2", "<html>\n<p>\n{% if %}\n</html>\n", ["volume.html.j2", "3"]),
    ("volume.html.j2", "<html>\n{{ volume.nope }}\n</html>\n", ["volume.html.j2", "2", "nope"]),
    ("volume.md.j2", "# {{ volume.title }}\n\n{{ volume.stats.nothing.here }}\n", ["volume.md.j2", "3", "nothing"]),
    ("volume.css", "body {{ volume.nope }}\n", ["volume.css", "1"]),
])
def test_template_errors_name_the_template_and_line(village: Path, tmp_path: Path, name: str, source: str,
                                                    expected: list[str]) -> None:
    (village / "templates").mkdir(exist_ok=True)
    (village / "templates" / name).write_text(source, encoding="utf-8")
    fmt = "md" if name.endswith(".md.j2") else "html"
    out = tmp_path / f"v.{fmt}"
    code, output = run("compile", "2024-03", "--repo", str(village), "--format", fmt, "--out", str(out))
    assert code == 2 and "Traceback" not in output, output
    for text in expected:
        assert text in output, (text, output)
    if len(expected) > 1:
        assert f"第 {expected[1]} 行" in output, output
    assert not out.exists()


def test_repository_templates_override_the_built_in_ones(village: Path, tmp_path: Path) -> None:
    (village / "templates").mkdir(exist_ok=True)
    (village / "templates" / "volume.md.j2").write_text(
        "{{ volume.title }} {{ volume.month_label }}: {{ volume.stats.entries }}\n", encoding="utf-8")
    assert compile_to(village, "2024-03", tmp_path / "v.md", "--format", "md") == "群安村新庄村民情日记 2024年3月: 19\n"
    (village / "templates" / "volume.css").write_text("body { margin: 1cm }\n", encoding="utf-8")
    html = compile_to(village, "2024-03", tmp_path / "v.html")
    assert "body { margin: 1cm }" in html and "@page" not in html


def test_no_clobber_force_and_atomic_write(village: Path, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    default = village / "out" / "minqing-2024-03.html"  # the repository's out/, which git ignores
    assert written("compile", "2024-03", "--repo", str(village)) == f"{default}\n" and default.is_file()
    assert (village / "out" / ".gitignore").read_text(encoding="utf-8").splitlines()[-1] == "*"
    default.write_text("mine", encoding="utf-8")
    code, output = run("compile", "2024-03", "--repo", str(village))
    assert code == 2 and "--force" in output and default.read_text(encoding="utf-8") == "mine"
    code, output = run("compile", "2024-03", "--repo", str(village), "--force")
    assert code == 0 and default.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    code, output = run("compile", "2024-03", "--repo", str(village), "--format", "md", "--out", str(tmp_path))
    assert code == 0 and (tmp_path / "minqing-2024-03.md").is_file()
    code, output = run("compile", "2024-03", "--repo", str(village), "--out", str(tmp_path / "no" / "v.html"))
    assert code == 2 and "no" in output
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []  # no temporary files left
    assert sorted(p.name for p in (village / "out").iterdir() if p.name.startswith(".")) == [".gitignore"]


def test_write_atomic_leaves_the_old_file_when_writing_fails(tmp_path: Path, monkeypatch) -> None:
    target = tmp_path / "v.html"
    target.write_text("old", encoding="utf-8")

    def broken(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(os, "fsync", broken)
    with pytest.raises(OSError):
        volume.write_atomic(target, b"new", force=True)
    assert target.read_text(encoding="utf-8") == "old" and [p.name for p in tmp_path.iterdir()] == ["v.html"]


# ---- PDF ----

def test_pdf_missing_weasyprint_names_what_to_install(village: Path, tmp_path: Path, monkeypatch) -> None:
    import builtins

    real = builtins.__import__

    def no_weasyprint(name, *args, **kwargs):
        if name == "weasyprint" or name.startswith("weasyprint."):
            raise OSError("cannot load library 'libpango-1.0-0'")
        return real(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_weasyprint)
    out = tmp_path / "v.pdf"
    code, output = run("compile", "2024-03", "--repo", str(village), "--format", "pdf", "--out", str(out))
    assert code == 2 and "Traceback" not in output
    for text in ("pip install 'minqing[pdf]'", "libpango-1.0-0", "libpangoft2-1.0-0", "libharfbuzz-subset0",
                 "fonts-noto-cjk"):
        assert text in output
    assert not out.exists()


def test_pdf_without_a_chinese_font_says_so(village: Path, tmp_path: Path, monkeypatch) -> None:
    pytest.importorskip("weasyprint", reason="WeasyPrint is not installed (pip install 'minqing[pdf]')")
    from minqing import pdf

    monkeypatch.setattr(pdf, "chinese_fonts", list)
    code, output = run("compile", "2024-03", "--repo", str(village), "--format", "pdf", "--out", str(tmp_path / "v.pdf"))
    assert code == 2 and "fonts-noto-cjk" in output and "fc-list" in output


def test_pdf_fetcher_serves_only_data_urls() -> None:
    weasyprint = pytest.importorskip("weasyprint", reason="WeasyPrint is not installed (pip install 'minqing[pdf]')")
    from minqing.pdf import url_fetcher

    fetch = url_fetcher(weasyprint)
    for url in ("file:///etc/hostname", "http://example.org/a.png", "https://example.org/font.woff", "ftp://x/y"):
        with pytest.raises(ValueError):
            fetch(url)
    got = fetch("data:text/plain;base64,aGk=")
    data = got.read() if hasattr(got, "read") else got.get("string")
    assert data == b"hi"


def _png_pixels(path: Path) -> tuple[int, int, list[int]]:
    """Grey values of a PNG: with Pillow when installed, else decoded here (8-bit RGB/RGBA/grey, no interlace)."""
    try:
        from PIL import Image
    except ImportError:
        return _decode_png(path.read_bytes())
    image = Image.open(path).convert("L")
    return image.width, image.height, list(image.tobytes())


def _decode_png(data: bytes) -> tuple[int, int, list[int]]:
    pos, idat, width = 8, b"", 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        chunk = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, _depth, colour = struct.unpack(">IIBB", chunk[:10])
        elif kind == b"IDAT":
            idat += chunk
        pos += 12 + length
    channels = {0: 1, 2: 3, 4: 2, 6: 4}[colour]
    raw, stride = zlib.decompress(idat), width * channels
    rows, prev = [], bytearray(stride)
    for y in range(height):
        filt = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - channels] if i >= channels else 0
            b = prev[i]
            c = prev[i - channels] if i >= channels else 0
            line[i] = (line[i] + (0, a, b, (a + b) // 2, _paeth(a, b, c))[filt]) & 255
        rows.append(bytes(line))
        prev = line
    grey = [sum(r[i:i + min(channels, 3)]) // min(channels, 3) for r in rows for i in range(0, stride, channels)]
    return width, height, grey


def _paeth(a: int, b: int, c: int) -> int:
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    return a if pa <= pb and pa <= pc else b if pb <= pc else c


def test_png_decoder_agrees_with_pillow(tmp_path: Path) -> None:
    Image = pytest.importorskip("PIL.Image", reason="Pillow is not installed")
    for mode, colour in (("L", 90), ("RGB", (90, 90, 90)), ("RGBA", (90, 90, 90, 255))):
        image = Image.new(mode, (37, 23), "white")
        for x in range(37):
            for y in range(23):
                if (x * y + x) % 7 < 3:
                    image.putpixel((x, y), colour if (x + y) % 2 else (200 if mode == "L" else (200,) * len(colour)))
        path = tmp_path / f"{mode}.png"
        image.save(path)
        assert _decode_png(path.read_bytes()) == (37, 23, list(image.convert("L").tobytes()))


def assert_printed_text(width: int, height: int, grey: list[int], least_ink: float = 0.004) -> None:
    """Not blank: a fair share of dark (ink) pixels, and many grey levels (anti-aliased glyphs)."""
    assert width > 100 and height > 100
    ink = sum(1 for g in grey if g < 160) / len(grey)
    levels = len(set(grey))
    assert ink > least_ink, f"only {ink:.2%} of the pixels are ink"
    assert levels >= 16, f"only {levels} grey levels: no rendered text"


def test_pdf_renders_chinese_with_real_glyphs(village: Path, tmp_path: Path, caplog) -> None:
    pytest.importorskip("weasyprint", reason="WeasyPrint is not installed (pip install 'minqing[pdf]')")
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm is not installed (Debian: apt install poppler-utils)")
    out = tmp_path / "v.pdf"
    with caplog.at_level(logging.WARNING, logger="weasyprint"):
        code, output = run("compile", "2024-03", "--repo", str(village), "--format", "pdf", "--out", str(out))
    assert code == 0, output
    data = out.read_bytes()
    assert data.startswith(b"%PDF-") and len(data) > 20_000
    problems = [r.getMessage() for r in caplog.records if r.name.startswith("weasyprint")
                and re.search(r"glyph|font|\.notdef", r.getMessage(), re.IGNORECASE)]
    assert not problems, problems
    fetched = [r.getMessage() for r in caplog.records if r.name.startswith("weasyprint") and r.levelno >= logging.ERROR]
    assert not fetched, fetched
    subprocess.run(["pdftoppm", "-r", "50", "-f", "1", "-l", "3", "-png", str(out), str(tmp_path / "page")], check=True)
    pages = sorted(tmp_path.glob("page-*.png"))
    assert len(pages) == 3
    for page in pages:
        assert_printed_text(*_png_pixels(page))
    if shutil.which("pdffonts"):
        fonts = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True, check=True).stdout
        assert "CJK" in fonts


# ---- in a browser ----

def test_html_renders_in_headless_chromium(village: Path, tmp_path: Path) -> None:
    browser = next((b for b in ("/usr/bin/chromium", shutil.which("chromium") or "", shutil.which("chromium-browser") or "")
                    if b and os.path.exists(b)), None)
    if browser is None:
        pytest.skip("chromium is not installed (Debian: apt install chromium fonts-noto-cjk)")
    page = tmp_path / "v.html"
    compile_to(village, "2024-03", page)
    shot = tmp_path / "shot.png"
    args = [browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            f"--user-data-dir={tmp_path / 'profile'}", f"--screenshot={shot}", "--window-size=1240,1754",
            page.as_uri()]
    proc = subprocess.run(args, capture_output=True, text=True, timeout=120, check=False)
    assert shot.is_file(), proc.stderr[-2000:]
    width, height, grey = _png_pixels(shot)
    assert (width, height) == (1240, 1754)
    assert_printed_text(width, height, grey)


def test_every_context_field_is_documented() -> None:
    import dataclasses

    from minqing import charts

    doc = (ROOT / "docs" / "compile.md").read_text(encoding="utf-8").split("## English", 1)[1]
    classes = [volume.Volume, volume.ContentsItem, volume.Stats, volume.CadreRow, volume.WeekCell, volume.CategoryRow,
               volume.IssueStats, volume.Rate, volume.Charts, volume.CategorySection, volume.EntryView,
               volume.HouseholdRef, volume.IssueRef, volume.UpdateView, volume.Ledger, volume.LedgerRow,
               volume.HouseholdRow, volume.Link, volume.Figure, volume.SignOffView, volume.OldestOpen,
               volume.CategoryChange, volume.EntryReview, volume.OrderView, volume.RemarkView, charts.Chart, charts.Row, charts.Bar, charts.Tick, charts.LegendItem]
    missing = [f"{cls.__name__}.{f.name}" for cls in classes for f in dataclasses.fields(cls) if f"`{f.name}`" not in doc
               and f"`volume.{f.name}`" not in doc]
    assert not missing, f"document these fields in docs/compile.md: {missing}"


def test_quota_in_a_git_repository_marks_late_weeks(make_repo, tmp_path: Path) -> None:
    from . import gitrepo

    f = "日期: {d}\n记录人: 张丽\n村: 群安村\n农户: [qa-01]\n类别: other\n标题: 第{n}篇\n"
    root = make_repo({"entries/2024/03/2024-03-05-a.md": entry(f.format(d="2024-03-05", n=1))})
    gitrepo.init(root)
    gitrepo.commit_all(root, "按时", date="2024-03-06T09:00:00+08:00")
    late = root / "entries/2024/03/2024-03-12-b.md"
    late.write_text(entry(f.format(d="2024-03-12", n=2), BODY + "补"), encoding="utf-8")
    gitrepo.commit_all(root, "补记", date="2024-03-25T09:00:00+08:00")  # 13 days > grace 7
    result = CliRunner().invoke(app, ["compile", "2024-03", "--repo", str(root), "--out", str(tmp_path / "v.md"),
                                      "--format", "md"])
    assert result.exit_code == 0 and "git" not in result.stderr, result.output
    vol = volume.build(volume.read_records(root), "2024-03", first_commits={
        "entries/2024/03/2024-03-05-a.md": dt.datetime(2024, 3, 6, tzinfo=dt.timezone.utc),
        "entries/2024/03/2024-03-12-b.md": dt.datetime(2024, 3, 25, tzinfo=dt.timezone.utc)})
    zhang = next(c for c in vol.stats.cadres if c.name == "张丽")
    assert [w.mark for w in zhang.weeks[:2]] == ["✓", "迟"] and zhang.weeks_late == 1
    md = (tmp_path / "v.md").read_text(encoding="utf-8")
    assert "| 张丽 | ✓ (1) | 迟 (0+1) | ✗ | ✗ |" in md


def test_entries_of_no_use_to_the_volume_are_not_parsed() -> None:
    first, as_of = dt.date(2024, 3, 1), dt.date(2024, 3, 31)

    def skip(text: str) -> bool:
        return volume.unneeded(text.encode("utf-8"), first, as_of)

    assert skip("---\n日期: 2024-02-01\n标题: 早\n---\n正文") and skip("---\ndate: '2024-04-01' # later\n---\n")
    assert skip("\ufeff---\r\n日期: 2024年4月1日\r\n---\r\n")
    assert not skip("---\n日期: 2024-02-01\n诉求:\n  - 摘要: 修路\n---\n")  # raises an issue: the ledger needs it
    assert not skip('---\n日期: 2024-02-01\n"updates": [{issue: A, status: resolved}]\n---\n')
    assert not skip("---\n日期: 2024-03-05\n---\n")  # in the month
    assert not skip("---\ndate: 2024-02-01\n日期: 2024-04-02\n---\n")  # two dates: let the parser decide
    assert not skip("---\n{date: 2024-02-01}\n---\n") and not skip("---\n日期: 2024-02-30\n---\n")
    assert not skip("no front matter") and not volume.unneeded(b"---\n\xb2\xe2: 2024-02-01\n---\n", first, as_of)


def test_skipping_changes_nothing_in_the_volume(village: Path) -> None:
    end = dt.date(2024, 3, 31)
    whole = volume.build(volume.read_records(village), "2024-03", as_of=end)
    window = volume.read_records(village, volume.window(volume.period_of("2024-03"), end))
    assert len(window.entries) < len(volume.read_records(village).entries)
    assert volume.build(window, "2024-03", as_of=end) == whole
