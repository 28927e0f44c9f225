"""The volume's narrative summary (综述): a few paragraphs written from its figures, as a clerk would.

Pure: it reads a built `Volume` (and the cadres short of their quota) and returns plain-text
paragraphs, in the volume's language. Every number in it is one the volume prints elsewhere.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .volume import Volume

_PERIOD_ZH = {"month": "本月", "quarter": "本季度", "year": "本年"}
_BEFORE_ZH = {"month": "上月", "quarter": "上季度", "year": "上年"}
_PERIOD_EN = {"month": "month", "quarter": "quarter", "year": "year"}


def _zh_date(iso: str) -> str:
    y, m, d = (int(x) for x in iso.split("-"))
    return f"{y}年{m}月{d}日"


def _join_zh(items: list[str]) -> str:
    return items[0] if len(items) == 1 else "、".join(items[:-1]) + "和" + items[-1]


def _join_en(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def summary(v: Volume, short: tuple[tuple[str, int], ...] = ()) -> tuple[str, ...]:
    return _zh(v, short) if v.lang == "zh" else _en(v, short)


def _zh(v: Volume, short: tuple[tuple[str, int], ...]) -> tuple[str, ...]:
    s, i = v.stats, v.stats.issues
    now, before = _PERIOD_ZH[v.period], _BEFORE_ZH[v.period]
    where = v.village or "、".join(v.villages)
    cadres = sum(1 for c in s.cadres if c.entries)
    first = (f"{now}（{_zh_date(v.start)}至{_zh_date(v.end)}），{where}共有{cadres}名干部记录民情日记{s.entries}篇，"
             f"走访涉及农户{s.households}户")
    if s.urgent:
        first += f"，其中紧急事项{s.urgent}篇"
    first += "。"
    cats = [r for r in s.categories if r.entries]
    cats.sort(key=lambda r: -r.entries)
    if len(cats) == 1:
        first += f"全部为{cats[0].name}方面。"
    elif cats:
        first += "从类别看，以" + _join_zh([f"{r.name}（{r.entries}篇）" for r in cats[:3]]) + "居多。"
    parts = [first]

    second = f"{now}收集群众诉求{i.raised}件；办结诉求{i.closed}件（含以前提出的，其中解决{i.resolved}件、解释说明{i.explained}件）"
    if i.escalated:
        second += f"，上报上级{i.escalated}件"
    if i.reopened:
        second += f"，重新办理{i.reopened}件次"
    second += f"。截至{_zh_date(v.as_of)}，尚有{i.open}件未办结"
    second += f"，其中逾期{i.overdue}件。" if i.overdue else "，无逾期。"
    if i.on_time.denominator:
        second += f"按时办结率{i.on_time.percent}"
        second += f"，满意率{i.satisfaction.percent}。" if i.satisfaction.denominator else "。"
    parts.append(second)

    third = ""
    if v.previous_label and not v.previous_entries:
        third = f"{before}（{v.previous_label}）没有日记记录，无从比较。"
    elif v.previous_label:
        if v.risen:
            third = (f"与{before}（{v.previous_label}）相比，"
                     + "，".join(f"{c.name}类日记增加{c.now - c.before}篇（{c.before}篇→{c.now}篇）" for c in v.risen[:3])
                     + "，需予关注。")
        else:
            third = f"与{before}（{v.previous_label}）相比，各类日记均未增加。"
    o = v.oldest_open
    if o is not None:
        third += (f"未办结诉求中时间最长的是{o.village + '的' if o.village else ''}“{o.summary}”（{o.id}），"
                  f"{_zh_date(o.raised)}提出，至统计截止日已{o.days}天，目前{o.status_name}，请抓紧督办。")
    if third:
        parts.append(third)

    if short:
        parts.append(_join_zh([f"{name}{n}周" for name, n in short]) + "未达到每周记录要求，请督促补齐。")
    elif any(c.weeks_required for c in s.cadres):
        parts.append("各干部每周记录均达到要求。")
    return tuple(parts)


def _en(v: Volume, short: tuple[tuple[str, int], ...]) -> tuple[str, ...]:
    s, i = v.stats, v.stats.issues
    p = _PERIOD_EN[v.period]
    where = v.village or _join_en(list(v.villages))
    cadres = sum(1 for c in s.cadres if c.entries)
    first = (f"This {p} ({v.start} to {v.end}), {cadres} cadre{'s' if cadres != 1 else ''} in {where} wrote "
             f"{s.entries} diary entr{'ies' if s.entries != 1 else 'y'}, naming {s.households} household"
             f"{'s' if s.households != 1 else ''}")
    if s.urgent:
        first += f", {s.urgent} of them urgent"
    first += "."
    cats = sorted((r for r in s.categories if r.entries), key=lambda r: -r.entries)
    if cats:
        first += " Most were on " + _join_en([f"{r.name} ({r.entries})" for r in cats[:3]]) + "."
    parts = [first]

    second = (f"Residents raised {i.raised} issue{'s' if i.raised != 1 else ''}; {i.closed} issue"
              f"{'s were' if i.closed != 1 else ' was'} closed, earlier ones included ({i.resolved} resolved, "
              f"{i.explained} explained)")
    if i.escalated:
        second += f", {i.escalated} escalated"
    if i.reopened:
        second += f", {i.reopened} reopened"
    second += f". As of {v.as_of}, {i.open} remain{'s' if i.open == 1 else ''} open"
    second += f", {i.overdue} of them overdue." if i.overdue else ", none overdue."
    if i.on_time.denominator:
        second += f" Closed on time: {i.on_time.percent}"
        second += f"; satisfaction: {i.satisfaction.percent}." if i.satisfaction.denominator else "."
    parts.append(second)

    third = ""
    if v.previous_label and not v.previous_entries:
        third = f"There are no entries for {v.previous_label} to compare with."
    elif v.previous_label:
        if v.risen:
            third = (f"Against {v.previous_label}, entries rose on "
                     + _join_en([f"{c.name} ({c.before} to {c.now})" for c in v.risen[:3]]) + ".")
        else:
            third = f"No category had more entries than in {v.previous_label}."
    o = v.oldest_open
    if o is not None:
        third += (f" The oldest open issue is {o.id}, “{o.summary}”{' in ' + o.village if o.village else ''}, "
                  f"raised on {o.raised}, {o.days} days ago ({o.status_name}).")
    if third:
        parts.append(third.strip())

    if short:
        parts.append("Short of the weekly quota: " + _join_en([f"{name} ({n} week{'s' if n != 1 else ''})"
                                                               for name, n in short]) + ".")
    elif any(c.weeks_required for c in s.cadres):
        parts.append("Every cadre met the weekly quota.")
    return tuple(parts)
