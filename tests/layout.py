"""Measuring a volume's printed layout in the two renderers a user prints with: Chromium and WeasyPrint.

Chromium: `measure_in_chromium` loads the HTML with a small script that measures the DOM at the width
of an A4 page's text block and writes the figures into the page, read back with --dump-dom;
`chromium_pdf` prints it to PDF as a user's "Print" would. WeasyPrint: `weasyprint_boxes` lays the
HTML out into pages and reads the boxes of the ledger's cells. `page_texts` and `words` read a PDF back
with poppler (pdftotext). Used by tests/test_volume_layout.py and scripts/volume_screenshots.py.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from html import unescape
from pathlib import Path
from typing import Any

MM = 96 / 25.4  # CSS px per mm
A4_TEXT_WIDTH_MM = 210 - 22 - 20  # the @page margins of volume.css
A4_TEXT_HEIGHT_MM = 297 - 22 - 24

_MEASURE = """
<style>@media screen { html { background: #fff; } body { max-width: none; width: %(width)smm; padding: 0; margin: 0;
  box-shadow: none; } .cover { height: 247mm; min-height: 0; } }</style>
<script>
window.addEventListener('load', function () {
  function fs(el) { return parseFloat(getComputedStyle(el).fontSize); }
  function lines(el) {  /* line boxes of an element's text: distinct tops of its client rects */
    var range = document.createRange(); range.selectNodeContents(el);
    var tops = {}; Array.prototype.forEach.call(range.getClientRects(), function (r) { tops[Math.round(r.top)] = 1; });
    return Object.keys(tops).length; }
  var out = {ledgers: [], cover: {}, marks: []};
  document.querySelectorAll('table.ledger').forEach(function (t) {
    var ths = t.querySelectorAll('thead th');
    var rows = [];
    t.querySelectorAll('tbody tr').forEach(function (tr) {
      var cells = tr.querySelectorAll('td');
      var rid = tr.querySelector('.rid');
      rows.push({height: tr.getBoundingClientRect().height, font: fs(cells[1]),
                 widths: Array.prototype.map.call(cells, function (c) { return c.getBoundingClientRect().width; }),
                 rid_font: rid ? fs(rid) : null});
    });
    out.ledgers.push({heads: Array.prototype.map.call(ths, function (h) {
      return {text: h.textContent, width: h.getBoundingClientRect().width, lines: lines(h), font: fs(h)}; }),
      rows: rows});
  });
  var cover = document.querySelector('.cover');
  if (cover) {
    var r = function (sel) { var e = cover.querySelector(sel); if (!e) return null; var b = e.getBoundingClientRect();
      return {top: b.top, bottom: b.bottom, left: b.left, right: b.right}; };
    out.cover = {box: r('.top') && cover.getBoundingClientRect().toJSON(), facts: r('table.facts'), stamp: r('.stamp'),
                 foot: r('.foot'), heads: Array.prototype.map.call(cover.querySelectorAll('table.facts th'), function (h) {
                   return {text: h.textContent, lines: lines(h)}; })};
  }
  document.querySelectorAll('svg.mk').forEach(function (m) { out.marks.push(m.getAttribute('aria-label')); });
  var pre = document.createElement('pre'); pre.id = 'layout-measure'; pre.textContent = JSON.stringify(out);
  document.body.appendChild(pre);
});
</script>
"""


def chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return "/usr/bin/chromium" if os.path.exists("/usr/bin/chromium") else None


def _args(browser: str, work: Path) -> list[str]:
    return [browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            f"--user-data-dir={work / 'chromium-profile'}"]


def measure_in_chromium(html: str, work: Path) -> dict[str, Any]:
    """Figures measured by Chromium with the page laid out at the width of A4's text block."""
    browser = chromium()
    assert browser is not None
    page = work / "measure.html"
    page.write_text(html.replace("</head>", _MEASURE % {"width": A4_TEXT_WIDTH_MM} + "</head>", 1), encoding="utf-8")
    proc = subprocess.run(_args(browser, work) + ["--dump-dom", "--virtual-time-budget=5000", page.as_uri()],
                          capture_output=True, text=True, timeout=180, check=False)
    m = re.search(r'<pre id="layout-measure">(.*?)</pre>', proc.stdout, re.S)
    assert m, proc.stderr[-2000:]
    return json.loads(unescape(m.group(1)))  # type: ignore[no-any-return]


def chromium_pdf(html_path: Path, pdf: Path, work: Path) -> Path:
    """The HTML printed to PDF by headless Chromium (its own header and footer off: the CSS prints page numbers)."""
    browser = chromium()
    assert browser is not None
    proc = subprocess.run(_args(browser, work) + ["--no-pdf-header-footer", f"--print-to-pdf={pdf}", html_path.as_uri()],
                          capture_output=True, text=True, timeout=300, check=False)
    assert pdf.is_file(), proc.stderr[-2000:]
    return pdf


def page_texts(pdf: Path) -> list[str]:
    """The text of every page (pdftotext -layout), in order."""
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    pages = text.split("\f")
    return pages[:-1] if pages and not pages[-1].strip() else pages


def page_count(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))  # type: ignore[union-attr]


def words(pdf: Path, page: int) -> list[tuple[float, float, float, float, str]]:
    """(xmin, ymin, xmax, ymax, word) of the words on one page (pdftotext -bbox), in points."""
    out = subprocess.run(["pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(pdf), "-"],
                         capture_output=True, text=True, check=True).stdout
    found = re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>', out)
    return [(float(a), float(b), float(c), float(d), unescape(w)) for a, b, c, d, w in found]


def overlapping(boxes: list[tuple[float, float, float, float, str]], slack: float = 0.5) -> list[tuple[str, str]]:
    """Pairs of words whose glyphs overlap (by more than `slack` points both ways).

    A word's box from pdftotext spans the font's whole ascent and descent, much taller than its glyphs
    (Chromium's PDFs most of all), so only the middle half of each box's height is compared.
    """
    def core(box: tuple[float, float, float, float, str]) -> tuple[float, float]:
        mid, half = (box[1] + box[3]) / 2, (box[3] - box[1]) / 4
        return mid - half, mid + half

    out = []
    for i, a in enumerate(boxes):
        (a1, a2) = core(a)
        for b in boxes[i + 1:]:
            (b1, b2) = core(b)
            if min(a[2], b[2]) - max(a[0], b[0]) > slack and min(a2, b2) - max(a1, b1) > slack:
                out.append((a[4], b[4]))
    return out


def weasyprint_boxes(html: str) -> tuple[int, list[dict[str, Any]]]:
    """(pages, ledger cells): each cell of a ledger row as WeasyPrint laid it out, with its page (from 1),
    column (from 0), width, height and font size in CSS px, and the row's number (序号)."""
    import weasyprint

    from minqing.pdf import url_fetcher

    doc = weasyprint.HTML(string=html, url_fetcher=url_fetcher(weasyprint)).render()
    cells: list[dict[str, Any]] = []

    def walk(box: Any, page: int, in_ledger: bool, row: Any) -> None:
        element = getattr(box, "element", None)
        tag = getattr(box, "element_tag", None)
        if tag == "table" and element is not None and "ledger" in (element.get("class") or ""):
            in_ledger = True
        if tag == "tr" and type(box).__name__ == "TableRowBox":
            row = element
        if in_ledger and row is not None and tag == "td" and type(box).__name__ == "TableCellBox":
            cells.append({"page": page, "column": list(row).index(element), "width": box.width,
                          "height": box.height, "font": box.style["font_size"], "row": (row[0].text or "").strip()})
        for child in getattr(box, "children", ()) or ():
            walk(child, page, in_ledger, row)

    for n, page in enumerate(doc.pages, start=1):
        walk(page._page_box, n, False, None)
    return len(doc.pages), cells
