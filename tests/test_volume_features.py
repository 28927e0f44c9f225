"""What an official volume carries: periods and villages, sign-off, the narrative summary, images, quota
marks that agree, Markdown without dead links, redaction that survives Markdown and hides pinyin ids."""

from __future__ import annotations

import base64
import datetime as dt
import os
import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from minqing import figures, volume
from minqing.cli import app

from .conftest import entry

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "village-records"
# a 2×2 PNG, written by hand so the test needs no image library
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAAAAABX3VL4AAAADklEQVR4nGNgYGBgYGAAAAAFAAGKM+MAAAAASUVORK5CYII=")


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.output


@pytest.fixture
def village(tmp_path: Path) -> Path:
    root = tmp_path / "village"
    shutil.copytree(EXAMPLE, root)
    return root


def compile_text(root: Path, period: str, out: Path, *extra: str) -> str:
    code, output = run("compile", period, "--repo", str(root), "--out", str(out), *extra)
    assert code == 0, output
    return out.read_text(encoding="utf-8")


def entries_between(root: Path, first: str, last: str, village: str | None = None) -> int:
    count = 0
    for path in (root / "entries").rglob("*.md"):
        text = path.read_text(encoding="utf-8")
        m = re.search(r"^(?:日期|date):\s*['\"]?(\d{4})(?:-|年)(\d{1,2})(?:-|月)(\d{1,2})", text, re.M)
        assert m, path
        day = f"{int(m.group(1)):04d}-{int(m.group(2)):02d}-{int(m.group(3)):02d}"
        if first <= day <= last and (village is None or re.search(rf"^(?:村|village):\s*{village}\s*$", text, re.M)):
            count += 1
    return count


# ---- periods and villages ----

def test_periods_parse_and_name_their_files() -> None:
    assert volume.period_of("2024-Q2") == volume.Period("2024-Q2", "quarter", dt.date(2024, 4, 1), dt.date(2024, 6, 30))
    assert volume.period_of("2024") == volume.Period("2024", "year", dt.date(2024, 1, 1), dt.date(2024, 12, 31))
    assert volume.period_of("2024-3").key == "2024-03"
    assert volume.previous(volume.period_of("2024-Q1")).key == "2023-Q4"
    assert volume.previous(volume.period_of("2024-01")).key == "2023-12"
    assert volume.period_label(volume.period_of("2024-Q2"), "zh") == "2024年第二季度"
    assert volume.period_label(volume.period_of("2024-Q2"), "en") == "Q2 2024"
    for bad in ("2024-Q5", "2024-Q0", "24", "2024-W10", "0000"):
        with pytest.raises(Exception):
            volume.period_of(bad)
    assert volume.default_name("2024-03", "pdf", "群安村") == "minqing-2024-03-群安村.pdf"
    assert volume.default_name("2024", "html", "a/b") == "minqing-2024-a_b.html"


def test_quarter_and_year_volumes_cover_their_period(village: Path, tmp_path: Path) -> None:
    code, output = run("compile", "2024-Q1", "--repo", str(village), "--out", str(tmp_path))
    assert code == 0 and (tmp_path / "minqing-2024-Q1.html").is_file(), output
    html = (tmp_path / "minqing-2024-Q1.html").read_text(encoding="utf-8")
    q1 = entries_between(village, "2024-01-01", "2024-03-31")
    assert html.count('class="entry"') == q1 and q1 > 19
    assert "2024年第一季度" in html and "本季度统计" in html and "本月" not in html.split("</style>", 1)[1]
    assert "2024-01-01 — 2024-03-31" in html
    whole = volume.build(volume.read_records(village), "2024", as_of=dt.date(2024, 12, 31))
    assert whole.stats.entries == entries_between(village, "2024-01-01", "2024-12-31")
    assert whole.period == "year" and whole.month_label == "2024年"
    raised = [r.raised for r in whole.ledger.raised]
    assert raised and min(raised) < "2024-02-01" and max(raised) > "2024-05-01"  # the ledger covers the year
    assert not whole.ledger.open_before and not whole.ledger.closed_before


def test_village_volume_keeps_one_village(village: Path, tmp_path: Path) -> None:
    out = tmp_path / "v.html"
    html = compile_text(village, "2024-03", out, "--village", "群安村")
    assert html.count('class="entry"') == entries_between(village, "2024-03-01", "2024-03-31", "群安村")
    assert "新庄村" not in re.sub(r"<style>.*?</style>", "", html, flags=re.S).split('id="ledger"', 1)[1].split(
        'id="households"', 1)[0]  # no issue of the other village in its ledger
    built = volume.build(volume.read_records(village), "2024-03", village="群安村")
    assert built.villages == ("群安村",) and all(r.village == "群安村" for r in built.ledger.raised)
    assert all(h.village == "群安村" for h in built.households)
    code, output = run("compile", "2024-03", "--repo", str(village), "--out", str(tmp_path), "--village", "群安村")
    assert code == 0 and (tmp_path / "minqing-2024-03-群安村.html").is_file()
    code, output = run("compile", "2024-03", "--repo", str(village), "--out", str(tmp_path / "x.html"), "--village", "某村")
    assert code == 2 and "某村" in output and "群安村、新庄村" in output and not (tmp_path / "x.html").exists()


# ---- sign-off, cover, summary ----

def test_sign_off_from_config_and_blanks_otherwise(village: Path, tmp_path: Path) -> None:
    html = compile_text(village, "2024-03", tmp_path / "a.html")
    cover = html.split('id="cover"', 1)[1].split("</section>", 1)[0]
    assert "编制单位" in cover and "审核人" in cover and "签发人" in cover and "编制日期" in cover
    assert "桤泉镇　编印" in cover and "minqing" not in cover.lower()
    assert cover.count('<td class="blank"></td>') == 2  # reviewer and approver: blanks to sign
    config = village / "minqing.yaml"
    config.write_text(config.read_text(encoding="utf-8")
                      + "volume: {compiler: 桤泉镇党政办, reviewer: 王建华, date: 2024-04-02}\n", encoding="utf-8")
    html = compile_text(village, "2024-03", tmp_path / "b.html")
    cover = html.split('id="cover"', 1)[1].split("</section>", 1)[0]
    assert "桤泉镇党政办　编印" in cover and "王建华" in cover and "2024-04-02" in cover
    md = compile_text(village, "2024-03", tmp_path / "b.md", "--format", "md")
    assert "- 编制单位：桤泉镇党政办" in md and "- 审核人：王建华" in md and md.rstrip().endswith("桤泉镇党政办　编印")
    config.write_text(config.read_text(encoding="utf-8").replace("date: 2024-04-02", "date: 明天"), encoding="utf-8")
    code, output = run("compile", "2024-03", "--repo", str(village), "--out", str(tmp_path / "c.html"))
    assert code == 2 and "volume.date" in output


def test_config_schema_describes_the_sign_off() -> None:
    from minqing import jsonschema_gen

    schema = jsonschema_gen.build("config")
    props = (schema.get("properties") or schema["$defs"]["config"]["properties"])["volume"]["properties"]
    assert set(props) == {"compiler", "reviewer", "approver", "date"}


def test_narrative_summary_is_written_from_the_figures(village: Path) -> None:
    v = volume.build(volume.read_records(village), "2024-03", as_of=dt.date(2024, 3, 31))
    text = "".join(v.summary)
    s, i = v.stats, v.stats.issues
    for fact in (f"民情日记{s.entries}篇", f"农户{s.households}户", f"收集群众诉求{i.raised}件", f"办结诉求{i.closed}件",
                 f"上报上级{i.escalated}件", f"尚有{i.open}件未办结", f"逾期{i.overdue}件", "与上月（2024年2月）相比"):
        assert fact in text, fact
    assert v.oldest_open is not None and v.oldest_open.id in text and f"已{v.oldest_open.days}天" in text
    assert v.oldest_open.raised == min(r.raised for r in (*v.ledger.raised, *v.ledger.open_before) if r.is_open)
    assert v.risen and all(c.now > c.before for c in v.risen) and v.risen[0].name in text
    en = volume.build(volume.read_records(village), "2024-03", as_of=dt.date(2024, 3, 31), lang="en")
    text = " ".join(en.summary)
    assert f"wrote {s.entries} diary entries" in text and f"raised {i.raised} issues" in text
    assert "Against February 2024" in text and "oldest open issue" in text
    first = volume.build(volume.read_records(village), "2024-01", as_of=dt.date(2024, 1, 31))
    assert "2023年12月）没有日记记录" in "".join(first.summary)


# ---- quota marks ----

def test_quota_mark_legend_and_count_agree(village: Path) -> None:
    v = volume.build(volume.read_records(village), "2024-02", as_of=dt.date(2024, 2, 29))
    exempt = [w for c in v.stats.cadres for w in c.weeks if w.week == "2024-W06"]
    assert exempt and any(w.count for w in exempt)  # the Spring Festival week has entries
    assert all(w.mark == "·" and w.state == "off" and not w.met for w in exempt)
    for c in v.stats.cadres:
        assert c.weeks_met == sum(1 for w in c.weeks if w.mark == "✓")
        assert c.weeks_required == sum(1 for w in c.weeks if w.mark != "·")


# ---- Markdown ----

def links_and_anchors(md: str) -> tuple[set[str], set[str]]:
    return set(re.findall(r"\]\(#([^)]+)\)", md)), set(re.findall(r'<a id="([^"]+)"></a>', md))


@pytest.mark.parametrize("extra", [(), ("--redact",)])
def test_markdown_volume_has_no_dead_links(village: Path, tmp_path: Path, extra: tuple[str, ...]) -> None:
    md = compile_text(village, "2024-03", tmp_path / "v.md", "--format", "md", *extra)
    links, anchors = links_and_anchors(md)
    assert any(a.startswith("i-") for a in links) and links <= anchors, links - anchors
    assert "entries/2024/03/" not in md or "--redact" not in extra


def test_markdown_masks_stay_stars_in_tables_and_lists(village: Path, tmp_path: Path) -> None:
    from markdown_it import MarkdownIt

    md = compile_text(village, "2024-03", tmp_path / "v.md", "--format", "md", "--redact")
    assert "吴\\*\\*" in md and "吴**" not in md
    html = MarkdownIt("commonmark").enable("table").render(md)
    assert "吴**" in html and not re.search(r"<(strong|em)>[^<]*(吴|邓|冉|包)", html)  # stars, never bold


# ---- redaction: no pinyin ids ----

def test_redacted_volume_prints_neutral_numbers_for_default_ids(make_repo, tmp_path: Path) -> None:
    root = make_repo({
        "entries/2024/03/2024-03-05-wu-junyi-yinshui.md": entry(
            "日期: 2024-03-05\n记录人: 张丽\n村: 群安村\n农户: [qa-01]\n类别: other\n标题: 饮水\n"
            "诉求:\n  - 摘要: 管道冻裂\n  - 编号: QA-1\n    摘要: 水压低\n"),
        "entries/2024/03/2024-03-12-wu-junyi-huifang.md": entry(
            "日期: 2024-03-12\n记录人: 张丽\n村: 群安村\n农户: [qa-01]\n类别: other\n标题: 回访\n"
            "跟踪:\n  - 问题: 2024-03-05-wu-junyi-yinshui#1\n    状态: 已解决\n    结果: 已修好\n"),
    })
    plain = compile_text(root, "2024-03", tmp_path / "p.html")
    assert "2024-03-05-wu-junyi-yinshui#1" in plain
    for fmt in ("html", "md"):
        text = compile_text(root, "2024-03", tmp_path / f"r.{fmt}", "--format", fmt, "--redact")
        assert "wu-junyi" not in text and "junyi" not in text, fmt
        assert "#1" in text and "QA-1" in text, fmt  # the neutral number, and an explicit id kept
    v = volume.redact(volume.build(volume.read_records(root), "2024-03", redacted=True), volume.private_names(
        volume.read_records(root)))
    row = v.ledger.raised[0]
    assert row.id == "#1" and row.updates[0].issue == "#1"  # the update names the same neutral number


# ---- no technical paths ----

def test_entries_print_cadre_date_and_village_not_paths(village: Path, tmp_path: Path) -> None:
    html = compile_text(village, "2024-03", tmp_path / "v.html")
    visible = re.sub(r'title="[^"]*"', "", html)
    assert "entries/2024/03/" not in visible
    assert 'title="文件: entries/2024/03/2024-03-05-dijie-shangbao.md"' in html
    md = compile_text(village, "2024-03", tmp_path / "v.md", "--format", "md")
    assert re.search(r"^- 文件", md, re.M) is None and "<!-- 文件: entries/2024/03/" in md


# ---- images and attachments ----

def image_repo(make_repo, tmp_path: Path, outside: Path) -> Path:
    outside.write_bytes(PNG)
    body = ("到渠边查看，分水口已用石头压住。\n\n![分水口现场](photos/渠.png)\n\n![没有的照片](photos/none.png)\n\n"
            "![外面的](photos/link.png)\n\n![向上](../../../../outside.png)\n\n" + "记录如下，" * 20)
    root = make_repo({
        "entries/2024/03/photos/渠.png": PNG,
        "entries/2024/03/photos/fake.jpg": b"<svg onload=alert(1)>",
        "entries/2024/03/photos/big.png": PNG + b"\0" * 2048,
        "entries/2024/03/2024-03-05-x.md": entry(
            "日期: 2024-03-05\n记录人: 张丽\n村: 群安村\n类别: other\n标题: 水渠\n"
            "附件:\n  - {路径: photos/渠.png, 说明: 渠首}\n  - photos/fake.jpg\n  - {path: photos/big.png, caption: 大图}\n",
            body),
    })
    os.symlink(outside, root / "entries/2024/03/photos/link.png")
    return root


def test_images_are_embedded_inside_the_repository_only(make_repo, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(figures, "MAX_BYTES", 1024)
    root = image_repo(make_repo, tmp_path, tmp_path / "outside.png")
    html = compile_text(root, "2024-03", tmp_path / "v.html")
    uri = "data:image/png;base64," + base64.b64encode(PNG).decode()
    assert html.count(f'src="{uri}"') == 2  # the body's image and the attachment, both the file inside
    assert '<span class="caption">分水口现场</span>' in html and "<figcaption>渠首</figcaption>" in html
    assert "没有的照片——找不到这个文件" in html
    assert "外面的——路径不在记录库内" in html and "向上——路径不在记录库内" in html  # a symlink out, and ../
    assert "fake.jpg——不是 JPEG、PNG、GIF 或 WebP 图片" in html
    assert "大图——文件大于 5 MB" in html
    assert "file:" not in html and "photos/渠.png" not in re.sub(r'title="[^"]*"', "", html).replace("photos/渠.png)", "")
    assert "<svg onload" not in html


def test_redacted_volume_leaves_images_out(make_repo, tmp_path: Path) -> None:
    root = image_repo(make_repo, tmp_path, tmp_path / "outside.png")
    for fmt in ("html", "md"):
        text = compile_text(root, "2024-03", tmp_path / f"r.{fmt}", "--format", fmt, "--redact")
        assert "data:image" not in text and "photos/" not in text, fmt
        assert "［图片略：分水口现场］" in text, fmt
        assert re.search(r"脱敏版略去的图片和附件[：:]\s*7", text), fmt  # four in the body, three attached


def test_pdf_prints_embedded_images(make_repo, tmp_path: Path) -> None:
    pytest.importorskip("weasyprint", reason="WeasyPrint is not installed")
    root = image_repo(make_repo, tmp_path, tmp_path / "outside.png")
    code, output = run("compile", "2024-03", "--repo", str(root), "--format", "pdf", "--out", str(tmp_path / "v.pdf"))
    assert code == 0, output
    assert (tmp_path / "v.pdf").read_bytes().count(b"/Subtype /Image") >= 1


def test_image_resolution_rules(tmp_path: Path) -> None:
    root = tmp_path / "r"
    (root / "entries" / "2024").mkdir(parents=True)
    (root / "entries" / "2024" / "a.png").write_bytes(PNG)
    (root / ".git").mkdir()
    (root / ".git" / "x.png").write_bytes(PNG)
    assert figures.embed(root, "entries/2024/x.md", "a.png")[0].startswith("data:image/png;base64,")
    assert figures.embed(root, "entries/2024/x.md", "a%2Epng")[0].startswith("data:image/png")  # as markdown-it encodes
    for target in ("/etc/hostname", "http://example.org/a.png", "file:///etc/passwd", "../../.git/x.png",
                   "C:\\x.png", "data:image/png;base64,AAAA"):
        assert figures.embed(root, "entries/2024/x.md", target) == ("", "compile.figure.outside"), target
    assert figures.media_type(b"RIFF\0\0\0\0WEBPVP8 ") == "image/webp"
    assert figures.media_type(b"<svg") is None
    assert figures.attachments_of(["a.png", {"路径": "b.jpg", "说明": "门口"}, {"caption": "no path"}, 3]) == [
        ("a.png", ""), ("b.jpg", "门口")]
    assert figures.strip_markdown_images("前![图 一](a.png \"t\")后", "zh") == ("前［图片略：图 一］后", 1)


def test_english_volume_numbers_its_pages_in_english(village: Path, tmp_path: Path) -> None:
    html = compile_text(village, "2024-03", tmp_path / "v.html", "--lang", "en")
    assert 'content: "Page " counter(page) " of " counter(pages)' in html and 'class="lang-en"' in html
    assert "Compiled by 桤泉镇" in html


# ---- supervision: reviews, orders, remarks ----

def test_volume_prints_reviews_orders_and_remarks(village: Path, tmp_path: Path) -> None:
    v = volume.build(volume.read_records(village), "2024-05", as_of=dt.date(2024, 5, 31))
    reviewed = [e for s in v.categories for e in s.entries if e.reviews]
    assert reviewed and all(r.reviewer == "周文斌" and r.grade in ("优", "良", "中", "差", "") for e in reviewed
                            for r in e.reviews)
    states = {o.issue: o.state for o in v.orders}
    assert states["XZ-2024-013"] == "met" and states["XZ-2024-014"] == "late" and states["QA-2024-012"] == "pending"
    assert [o.number for o in v.orders] == list(range(1, len(v.orders) + 1))
    assert all(o.issue_anchor for o in v.orders) and [r.date for r in v.remarks] == sorted(r.date for r in v.remarks)
    assert len(v.remarks) == 4 and all(r.paragraphs for r in v.remarks)
    html = compile_text(village, "2024-05", tmp_path / "v.html")
    part = html.split('id="supervision"', 1)[1].split('id="households"', 1)[0]
    assert "督办事项（5）" in part and "逾期办结" in part and "按期办结" in part and "审阅意见（4）" in part
    assert '<div class="box review"><b>审阅</b> <span class="grade">优</span>（周文斌，2024-05-06）' in html
    anchors = set(re.findall(r'\bid="([^"]+)"', html))
    assert set(re.findall(r'href="#([^"]+)"', html)) <= anchors
    md = compile_text(village, "2024-05", tmp_path / "v.md", "--format", "md")
    assert "### 督办事项（5）" in md and "> **审阅** 优（周文斌，2024-05-06）" in md
    links, anchors = links_and_anchors(md)
    assert links <= anchors
    march = volume.build(volume.read_records(village), "2024-03", as_of=dt.date(2024, 3, 31))
    assert not march.orders and not march.remarks  # reviews begin in May
    assert "supervision" not in {c.anchor for c in march.contents}
