"""Write docs/diagnostics.md from the checks registry: code, severity, the check's docstring, messages.

Run `python scripts/gen_diagnostics_doc.py`; `--check` exits 1 when the page is out of date.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from minqing import i18n  # noqa: E402
from minqing.checks import FILE_CHECKS, REPO_CHECKS  # noqa: E402
from minqing.diagnostics import SEVERITY  # noqa: E402

PAGE = ROOT / "docs" / "diagnostics.md"


def render() -> str:
    checks = sorted((*FILE_CHECKS, *REPO_CHECKS), key=lambda c: c.code)
    lines = [
        "# 诊断代码 / Diagnostic codes",
        "",
        "由 `scripts/gen_diagnostics_doc.py` 从检查登记表生成，请勿手工修改。",
        "Generated from the checks registry by `scripts/gen_diagnostics_doc.py`; do not edit by hand.",
        "",
        "错误（error）使 `minqing check` 退出码为 1；警告（warning）不影响退出码。",
        "Errors make `minqing check` exit 1; warnings do not.",
        "",
        "| 代码 code | 级别 severity | 检查 check | 范围 scope |",
        "|---|---|---|---|",
    ]
    for c in checks:
        scope = "文件 file" if c in FILE_CHECKS else "仓库 repository"
        lines.append(f"| {c.code} | {SEVERITY[c.code]} | `{c.__name__}` | {scope} |")
    lines.append("")
    for c in checks:
        doc = " ".join((c.__doc__ or "").split())
        lines += [f"## {c.code} — `{c.__name__}` ({SEVERITY[c.code]})", "", doc, ""]
        variants = sorted(k for k in i18n.CATALOG if k == c.code or k.startswith(c.code + "."))
        for key in variants:
            zh, en = i18n.CATALOG[key]
            lines += [f"- `{key}`", f"  - 中文：{zh}", f"  - English: {en}"]
        lines.append("")
    return "\n".join(lines)


def main() -> int:
    text = render()
    if "--check" in sys.argv:
        current = PAGE.read_text(encoding="utf-8") if PAGE.exists() else ""
        if current != text:
            print("docs/diagnostics.md is out of date: run python scripts/gen_diagnostics_doc.py")
            return 1
        return 0
    PAGE.write_text(text, encoding="utf-8")
    print(f"wrote {PAGE.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
