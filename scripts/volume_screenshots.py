#!/usr/bin/env python3
"""Regenerate the pictures of the example's volume in docs/images/ that docs/compile.md shows.

    python scripts/volume_screenshots.py            # needs chromium, WeasyPrint, poppler-utils, Pillow

It compiles the example repository's March 2024 volume (as of 2024-03-31, with a sign-off block in a
copy of its minqing.yaml), prints the HTML to PDF with headless Chromium as a browser's "Print" does,
typesets the PDF with WeasyPrint, and writes for each renderer one strip of the first pages and the
first page of the ledger:

    docs/images/volume-html-pages.png    docs/images/volume-html-ledger.png
    docs/images/volume-pdf-pages.png     docs/images/volume-pdf-ledger.png
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests import layout  # noqa: E402  (the same printing and reading helpers the layout tests use)

OUT = ROOT / "docs" / "images"
FIRST_PAGES = 4
STRIP_DPI = 40
LEDGER_DPI = 70
SIGN_OFF = "volume: {compiler: 桤泉镇党政办, reviewer: 王建华, date: 2024-04-02}\n"


def pages_png(pdf: Path, first: int, last: int, dpi: int, work: Path, name: str) -> list[Path]:
    subprocess.run(["pdftoppm", "-r", str(dpi), "-f", str(first), "-l", str(last), "-png", str(pdf), str(work / name)],
                   check=True)
    return sorted(work.glob(f"{name}-*.png"))


def strip(images: list[Path], target: Path) -> None:
    from PIL import Image

    opened = [Image.open(p).convert("L") for p in images]
    gap = 12
    width = sum(im.width for im in opened) + gap * (len(opened) + 1)
    height = max(im.height for im in opened) + 2 * gap
    sheet = Image.new("L", (width, height), 200)
    x = gap
    for im in opened:
        sheet.paste(im, (x, gap))
        x += im.width + gap
    sheet.save(target, optimize=True)


def ledger_page(pdf: Path) -> int:
    for n, text in enumerate(layout.page_texts(pdf), start=1):
        if "序号" in text and "上报 / 结果 / 反馈" in text:
            return n
    raise SystemExit(f"no ledger page in {pdf}")


def main() -> int:
    for tool in ("pdftoppm", "pdftotext"):
        if shutil.which(tool) is None:
            raise SystemExit(f"{tool} is missing (Debian: apt install poppler-utils)")
    if layout.chromium() is None:
        raise SystemExit("chromium is missing (Debian: apt install chromium fonts-noto-cjk)")
    from minqing.volume import compile_month

    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        repo = work / "village-records"
        shutil.copytree(ROOT / "examples" / "village-records", repo,
                        ignore=shutil.ignore_patterns(".minqing-cache", "out"))
        config = repo / "minqing.yaml"
        config.write_text(config.read_text(encoding="utf-8") + SIGN_OFF, encoding="utf-8")
        import datetime as dt

        as_of = dt.date(2024, 3, 31)
        html = compile_month(repo, "2024-03", fmt="html", out=work / "v.html", as_of=as_of).path
        pdf = compile_month(repo, "2024-03", fmt="pdf", out=work / "v.pdf", as_of=as_of).path
        printed = layout.chromium_pdf(html, work / "chromium.pdf", work)
        for name, source in (("html", printed), ("pdf", pdf)):
            strip(pages_png(source, 1, FIRST_PAGES, STRIP_DPI, work, f"{name}-p"), OUT / f"volume-{name}-pages.png")
            n = ledger_page(source)
            strip(pages_png(source, n, n, LEDGER_DPI, work, f"{name}-l"), OUT / f"volume-{name}-ledger.png")
            print(f"{name}: {layout.page_count(source)} pages, ledger from page {n}")
    for path in sorted(OUT.glob("volume-*.png")):
        print(path.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
