"""Labels of the entry fields the volume prints under each entry's title: time span, place, weather,
participants, aid handed over (慰问) and the backfill mark (补录)."""

from __future__ import annotations

CATALOG: dict[str, tuple[str, str]] = {
    "compile.label.time": ("时间", "Time"),
    "compile.label.place": ("地点", "Place"),
    "compile.label.weather": ("天气", "Weather"),
    "compile.label.participants": ("参加人员", "With"),
    "compile.label.aid": ("慰问", "Aid handed over"),
    "compile.label.aid_kind": ("类型", "Kind"),
    "compile.label.aid_amount": ("金额（元）", "Amount (yuan)"),
    "compile.label.aid_goods": ("物品", "Goods"),
    "compile.label.aid_households": ("农户", "Households"),
    "compile.label.aid_entries": ("有慰问的日记（篇）", "Entries with aid"),
    "compile.label.aid_money": ("慰问金合计（元）", "Money handed over (yuan)"),
    "compile.label.aid_goods_count": ("送物品（项）", "Goods handed over (items)"),
    "compile.label.backfill": ("补录", "Backfilled"),
    "compile.label.backfill_note": ("据纸质笔记本事后补录", "typed up later from a paper notebook"),
    "compile.date_range": ("{start} 至 {end}", "{start} to {end}"),
}
