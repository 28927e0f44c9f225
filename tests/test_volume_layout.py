"""The volume's printed layout, measured in the renderers a user prints with: headless Chromium and WeasyPrint.

Not "the page is not blank": the ledger's text columns hold a line of characters, no ledger row is taller
than a page, a 50-row ledger fills a bounded number of pages (rows break across pages instead of each
taking one), the cover's labels do not wrap and its boxes do not overlap, headings do not end a page,
categories do not each start one, and every page says "第 X 页 共 Y 页".
"""

from __future__ import annotations

import re
import shutil
from collections import Counter
from pathlib import Path

import pytest
from typer.testing import CliRunner

from minqing.cli import app

from . import layout, volume_stress

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "village-records"
CATEGORY_NAMES = ("农村经济发展", "村级组织建设", "村务民主管理", "农村矛盾纠纷", "群众关注的热点难点", "精神文明建设",
                  "村容村貌整治", "其他")
PAGE = layout.A4_TEXT_HEIGHT_MM * layout.MM  # the height of a page's text block, in CSS px

needs_chromium = pytest.mark.skipif(layout.chromium() is None or shutil.which("pdftotext") is None,
                                    reason="needs chromium and poppler-utils (Debian: apt install chromium poppler-utils)")


def needs_weasyprint() -> None:
    pytest.importorskip("weasyprint", reason="WeasyPrint is not installed (pip install 'minqing[pdf]')")
    if shutil.which("pdftotext") is None:
        pytest.skip("poppler-utils is not installed")


def compile_to(root: Path, out: Path, *extra: str) -> Path:
    result = CliRunner().invoke(app, ["compile", "2024-03", "--repo", str(root), "--out", str(out), *extra])
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="module")
def stress(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """18 villages, 50 earlier issues with default ids from long pinyin file names, all closed in March."""
    root = volume_stress.make(tmp_path_factory.mktemp("stress") / "repo", rows=50)
    return compile_to(root, root.parent / "stress.html")


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("example") / "village"
    shutil.copytree(EXAMPLE, root)
    return compile_to(root, root.parent / "example.html")


# ---- the ledger ----

def check_ledger_figures(tables: list[dict]) -> None:
    assert tables, "no ledger table"
    for table in tables:
        heads = table["heads"]
        assert [h["text"] for h in heads] == ["序号", "摘要", "提出 / 期限", "状态", "上报 / 结果 / 反馈"]
        assert all(h["lines"] == 1 for h in heads), heads  # no header wraps
        for row in table["rows"]:
            chars = [w / row["font"] for w in row["widths"]]
            assert chars[1] >= 18, chars  # the summary: at least 18 characters a line
            assert chars[4] >= 14, chars  # escalation, result and feedback: at least 14
            assert chars[3] >= 5, chars  # the status: 已解释 and a date fit
            assert chars[0] <= 4, chars  # 序号 is narrow
            assert row["rid_font"] is None or row["rid_font"] < row["font"]  # ids print small
            assert row["height"] < PAGE, row  # no row is taller than a page


@needs_chromium
def test_ledger_columns_in_chromium(stress: Path, tmp_path: Path) -> None:
    figures = layout.measure_in_chromium(stress.read_text(encoding="utf-8"), tmp_path)
    check_ledger_figures(figures["ledgers"])
    assert sum(len(t["rows"]) for t in figures["ledgers"]) == 50


def ledger_pages(pdf: Path) -> list[int]:
    """Pages (from 1) that carry ledger rows: their repeated table head says 序号 … 摘要 … 上报 / 结果 / 反馈."""
    return [n for n, text in enumerate(layout.page_texts(pdf), start=1)
            if re.search(r"序号\s+摘要", text) and "上报 / 结果 / 反馈" in text]


def check_page_numbers(pdf: Path) -> None:
    texts = layout.page_texts(pdf)
    total = len(texts)
    assert total == layout.page_count(pdf)
    assert not re.search(r"第\s*\d+\s*页", texts[0])  # the cover has no number
    for n, text in enumerate(texts[1:], start=2):
        assert re.search(rf"第\s*{n}\s*页\s+共\s*{total}\s*页", text), (n, text[-200:])


@needs_chromium
def test_fifty_row_ledger_prints_in_a_bounded_number_of_pages_in_chromium(stress: Path, tmp_path: Path) -> None:
    pdf = layout.chromium_pdf(stress, tmp_path / "stress.pdf", tmp_path)
    pages = ledger_pages(pdf)
    assert 4 <= len(pages) <= 12, pages  # about six rows a page; one row a page would be 50
    check_page_numbers(pdf)


def test_ledger_in_weasyprint(stress: Path) -> None:
    needs_weasyprint()
    pages, cells = layout.weasyprint_boxes(stress.read_text(encoding="utf-8"))
    rows = {c["row"] for c in cells}
    assert rows == {str(n) for n in range(1, 51)}
    for cell in cells:
        chars = cell["width"] / cell["font"]
        bound = {0: (None, 4), 1: (17, None), 3: (5, None), 4: (13, None)}.get(cell["column"])
        if bound:
            low, high = bound
            assert low is None or chars >= low, cell
            assert high is None or chars <= high, cell
        assert cell["height"] < PAGE, cell
    per_page = Counter(c["page"] for c in cells if c["column"] == 0)
    assert 4 <= len(per_page) <= 12, per_page
    full = sorted(per_page.values())[1:-1] if len(per_page) > 2 else list(per_page.values())
    assert min(full) >= 3, per_page  # rows share pages: never one row a page


def test_fifty_row_ledger_pdf_pages_and_numbers(stress: Path, tmp_path: Path) -> None:
    needs_weasyprint()
    pdf = compile_to(stress.parent / "repo", tmp_path / "stress.pdf", "--format", "pdf")
    assert 4 <= len(ledger_pages(pdf)) <= 12
    check_page_numbers(pdf)


# ---- the cover ----

@needs_chromium
def test_cover_with_many_villages_in_chromium(stress: Path, tmp_path: Path) -> None:
    cover = layout.measure_in_chromium(stress.read_text(encoding="utf-8"), tmp_path)["cover"]
    assert all(h["lines"] == 1 for h in cover["heads"]), cover["heads"]  # 村, 时段, 统计截至 … on one line each
    assert cover["stamp"]["bottom"] <= cover["facts"]["top"]
    assert cover["facts"]["bottom"] <= cover["foot"]["top"]  # the credit and sign-off sit below the figures
    assert cover["foot"]["bottom"] <= cover["box"]["bottom"]
    pdf = layout.chromium_pdf(stress, tmp_path / "cover.pdf", tmp_path)
    assert not layout.overlapping(layout.words(pdf, 1))


def test_cover_with_many_villages_in_weasyprint(stress: Path, tmp_path: Path) -> None:
    needs_weasyprint()
    pdf = compile_to(stress.parent / "repo", tmp_path / "cover.pdf", "--format", "pdf")
    words = layout.words(pdf, 1)
    assert not layout.overlapping(words)
    assert any("内部资料" in w[4] for w in words) and any("编制单位" in w[4] for w in words)
    first = layout.page_texts(pdf)[0]
    assert re.search(r"村\s+群安村", first)  # the label 村 is not broken one character a line
    assert "minqing" not in first.lower()  # the cover credits the office, not the tool


# ---- headings and categories ----

def check_flow(pdf: Path) -> None:
    texts = layout.page_texts(pdf)
    for n, text in enumerate(texts, start=1):
        lines = [ln.strip() for ln in text.splitlines() if ln.strip() and not re.search(r"第\s*\d+\s*页", ln)]
        if lines:
            assert lines[-1] not in CATEGORY_NAMES, f"page {n} ends with the heading {lines[-1]}"
    starts = [sum(1 for name in CATEGORY_NAMES if re.search(rf"^\s*{name}\s*$", t, re.M)) for t in texts]
    assert max(starts) >= 2, starts  # categories follow on: some page holds two of them


@needs_chromium
def test_headings_stay_with_their_content_in_chromium(example: Path, tmp_path: Path) -> None:
    check_flow(layout.chromium_pdf(example, tmp_path / "example.pdf", tmp_path))


def test_headings_stay_with_their_content_in_weasyprint(example: Path, tmp_path: Path) -> None:
    needs_weasyprint()
    pdf = compile_to(example.parent / "village", tmp_path / "example.pdf", "--format", "pdf")
    check_flow(pdf)
    check_page_numbers(pdf)


@needs_chromium
def test_quota_marks_are_drawn_alike(example: Path, tmp_path: Path) -> None:
    marks = layout.measure_in_chromium(example.read_text(encoding="utf-8"), tmp_path)["marks"]
    assert marks and set(marks) <= {"达标", "未达标"}
    html = example.read_text(encoding="utf-8")
    assert "✓" not in html.split('id="stats"', 1)[1].split('id="entries"', 1)[0]  # drawn in SVG, not a glyph
