"""A repository made to stress the volume's layout: many villages with long names, default issue ids
built from long pinyin file names, and a ledger of many earlier issues closed this month with long results.

Used by the layout tests (tests/test_volume_layout.py) and by scripts/volume_screenshots.py.
"""

from __future__ import annotations

from pathlib import Path

VILLAGES = [f"{name}村" for name in (
    "群安", "新庄", "桤木沟", "白果湾", "青杠坡", "石板滩", "黄桷树", "大河坝", "二郎庙", "三合场", "四方碑",
    "五凤溪", "六合堰", "七里桥", "八角井", "九龙坡", "十里铺", "上河坝")]
CADRES = ["张丽", "何春梅", "杨德全", "陈晓宇"]
RESULT = ("经镇农业服务中心、村两委和供电所现场踏勘，确认问题属实，已协调施工队于本月内完成整改，"
          "并由包村干部逐户回访，群众对处理结果表示认可，相关照片和签字材料已归档备查。")
SUMMARY = "组里{n}户人家反映灌溉渠道年久失修、雨季漫水冲毁田坎，希望村里尽快组织维修并落实资金来源"


def make(root: Path, rows: int = 50) -> Path:
    """Write the repository under `root`: `rows` issues raised in February, all closed in March 2024."""
    (root / "entries" / "2024" / "02").mkdir(parents=True, exist_ok=True)
    (root / "entries" / "2024" / "03").mkdir(parents=True, exist_ok=True)
    (root / "households").mkdir(parents=True, exist_ok=True)
    villages = ", ".join(VILLAGES)
    cadres = "\n".join(f"  - {{name: {c}, role: 包村干部}}" for c in CADRES)
    (root / "minqing.yaml").write_text(
        f"name: 桤泉镇民情日记\ntownship: 桤泉镇\nvillages: [{villages}]\ncadres:\n{cadres}\n"
        "quota: {per_week: 1}\ndeadlines: {normal_days: 30}\n", encoding="utf-8")
    body = "今天到组里走访，" + "群众反映的情况记录如下，需要逐项核实并跟踪办理。" * 4
    for n in range(1, rows + 1):
        village = VILLAGES[n % len(VILLAGES)]
        author = CADRES[n % len(CADRES)]
        day = 1 + n % 28
        stem = f"2024-02-{day:02d}-zhang-jianguo-wang-xiulan-guangai-qudao-weixiu-{n:03d}"
        (root / "entries" / "2024" / "02" / f"{stem}.md").write_text(
            f"---\n日期: 2024-02-{day:02d}\n记录人: {author}\n村: {village}\n类别: 村容村貌整治\n"
            f"标题: 灌溉渠道维修第{n}次走访\n诉求:\n  - 摘要: {SUMMARY.format(n=n)}\n---\n\n{body}\n",
            encoding="utf-8")
        closed = 1 + n % 29
        (root / "entries" / "2024" / "03" / f"2024-03-{closed:02d}-huifang-{n:03d}.md").write_text(
            f"---\n日期: 2024-03-{closed:02d}\n记录人: {author}\n村: {village}\n类别: 村容村貌整治\n"
            f"标题: 渠道维修回访{n}\n跟踪:\n  - 问题: {stem}#1\n    状态: 已解决\n    结果: {RESULT}\n"
            f"    反馈: 群众表示满意，希望今后汛期前再检查一次\n    满意度: 满意\n---\n\n{body}\n",
            encoding="utf-8")
    return root
