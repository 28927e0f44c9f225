"""The fixed vocabulary of the records: keys in both languages, categories, statuses, verdicts."""

from __future__ import annotations

import difflib
import re
from types import MappingProxyType

from .traditional import TO_TRADITIONAL, simplified

# canonical (English) key -> Chinese key, per kind of mapping
ENTRY_KEYS = MappingProxyType({
    "date": "日期", "author": "记录人", "village": "村", "households": "农户", "category": "类别",
    "title": "标题", "urgent": "紧急", "issues": "诉求", "updates": "跟踪", "tags": "标签",
    "participants": "参加人员", "end_date": "结束日期", "weather": "天气", "place": "地点", "aid": "慰问",
    "attachments": "附件", "backfill": "补录",
})
ISSUE_KEYS = MappingProxyType({
    "id": "编号", "summary": "摘要", "category": "类别", "households": "农户", "status": "状态",
    "due": "期限", "escalated_to": "上报", "result": "结果", "feedback": "反馈", "satisfaction": "满意度",
    "owner": "承办人", "assist": "协办",
})
UPDATE_KEYS = MappingProxyType({
    "issue": "问题", "status": "状态", "note": "进展", "result": "结果", "feedback": "反馈",
    "satisfaction": "满意度", "escalated_to": "上报", "due": "期限",
    "owner": "承办人", "assist": "协办", "reply": "答复",
})
HOUSEHOLD_KEYS = MappingProxyType({
    "id": "编号", "head": "户主", "village": "村", "group": "村民小组", "members": "人口",
    "phone": "电话", "cadre": "联系干部", "tags": "标签", "causes": "致贫原因", "family": "家庭成员",
})
AID_KEYS = MappingProxyType({"kind": "类型", "amount": "金额", "goods": "物品", "households": "农户"})
ATTACHMENT_KEYS = MappingProxyType({"path": "路径", "caption": "说明"})

# value types of each key (see schema.coerce)
ENTRY_TYPES = MappingProxyType({
    "date": "date", "author": "text", "village": "text", "households": "list", "category": "text",
    "title": "text", "urgent": "bool", "issues": "items", "updates": "items", "tags": "list",
    "participants": "names", "end_date": "date", "weather": "text", "place": "text", "aid": "items",
    "attachments": "items", "backfill": "bool",
})
ISSUE_TYPES = MappingProxyType({
    "id": "text", "summary": "text", "category": "text", "households": "list", "status": "text",
    "due": "date", "escalated_to": "text", "result": "text", "feedback": "text", "satisfaction": "satisfaction",
    "owner": "text", "assist": "list",
})
UPDATE_TYPES = MappingProxyType({
    "issue": "text", "status": "text", "note": "text", "result": "text", "feedback": "text",
    "satisfaction": "satisfaction", "escalated_to": "text", "due": "date",
    "owner": "text", "assist": "list", "reply": "text",
})
HOUSEHOLD_TYPES = MappingProxyType({
    "id": "text", "head": "text", "village": "text", "group": "text", "members": "int",
    "phone": "text", "cadre": "text", "tags": "list", "causes": "list", "family": "names",
})
AID_TYPES = MappingProxyType({"kind": "text", "amount": "amount", "goods": "text", "households": "list"})
ATTACHMENT_TYPES = MappingProxyType({"path": "text", "caption": "text"})

# supervision: a review file (reviews/…), its graded items and its supervision orders (督办)
REVIEW_KEYS = MappingProxyType({"date": "日期", "reviewer": "审阅人", "reviews": "审阅", "orders": "督办"})
REVIEW_TYPES = MappingProxyType({"date": "date", "reviewer": "text", "reviews": "items", "orders": "items"})
GRADE_KEYS = MappingProxyType({"entry": "日记", "grade": "等级", "comment": "意见"})
GRADE_TYPES = MappingProxyType({"entry": "text", "grade": "text", "comment": "text"})
ORDER_KEYS = MappingProxyType({"issue": "问题", "to": "承办人", "due": "期限", "request": "要求"})
ORDER_TYPES = MappingProxyType({"issue": "text", "to": "text", "due": "date", "request": "text"})

ENTRY_REQUIRED = ("date", "author", "village", "category", "title")
ISSUE_REQUIRED = ("summary",)
# an update's status is required unless it is a 回访 on a closed issue (a repository check decides)
UPDATE_REQUIRED = ("issue",)
HOUSEHOLD_REQUIRED = ("id", "head", "village")
AID_REQUIRED: tuple[str, ...] = ()
ATTACHMENT_REQUIRED = ("path",)
REVIEW_REQUIRED = ("date", "reviewer")
GRADE_REQUIRED = ("entry",)
ORDER_REQUIRED = ("issue",)  # a missing due is MQ123, not MQ101

# list keys whose items are mappings of their own kind (attachments may also be plain paths)
ITEM_KINDS = MappingProxyType({"issues": "issue", "updates": "update", "aid": "aid", "attachments": "attachment",
                               "reviews": "grade", "orders": "order"})

# Traditional-script spellings of Chinese keys beyond the character table's (every key is also read
# through `traditional.simplified`), per kind
TRADITIONAL_KEYS = MappingProxyType({
    "entry": {"記錄人": "author", "農戶": "households", "類別": "category", "標題": "title", "緊急": "urgent",
              "訴求": "issues", "跟蹤": "updates", "標籤": "tags"},
    "issue": {"編號": "id", "狀態": "status", "農戶": "households", "類別": "category", "上報": "escalated_to",
              "結果": "result", "反饋": "feedback", "滿意度": "satisfaction", "承辦人": "owner", "協辦": "assist"},
    "update": {"問題": "issue", "狀態": "status", "進展": "note", "結果": "result", "反饋": "feedback",
               "滿意度": "satisfaction", "承辦人": "owner", "協辦": "assist", "答覆": "reply", "答復": "reply"},
    "household": {"編號": "id", "戶主": "head", "村民小組": "group", "電話": "phone", "聯繫幹部": "cadre",
                  "標籤": "tags", "致貧原因": "causes"},
    "review": {"審閱人": "reviewer", "審閱": "reviews", "督辦": "orders"},
    "grade": {"日記": "entry", "等級": "grade", "意見": "comment"},
    "order": {"問題": "issue", "承辦人": "to"},
})

KEY_TABLES = (ENTRY_KEYS, ISSUE_KEYS, UPDATE_KEYS, HOUSEHOLD_KEYS, AID_KEYS, ATTACHMENT_KEYS, REVIEW_KEYS, GRADE_KEYS,
              ORDER_KEYS)
# every key, in English, Simplified and Traditional script (for the full-width colon check)
ALL_KEYS = frozenset(
    [k for table in KEY_TABLES for en, zh in table.items() for k in (en, zh, zh.translate(TO_TRADITIONAL))]
    + [k for table in TRADITIONAL_KEYS.values() for k in table]
)

# code -> (Simplified name, Traditional name)
CATEGORIES = MappingProxyType({
    "economy": ("农村经济发展", "農村經濟發展"),
    "organization": ("村级组织建设", "村級組織建設"),
    "democracy": ("村务民主管理", "村務民主管理"),
    "disputes": ("农村矛盾纠纷", "農村矛盾糾紛"),
    "livelihood": ("群众关注的热点难点", "群眾關注的熱點難點"),
    "civility": ("精神文明建设", "精神文明建設"),
    "environment": ("村容村貌整治", "村容村貌整治"),
    "other": ("其他", "其他"),
})
CATEGORY_EN = MappingProxyType({
    "economy": "Rural economy", "organization": "Village organisation", "democracy": "Village democracy",
    "disputes": "Disputes", "livelihood": "Livelihood hot spots", "civility": "Civility and culture",
    "environment": "Village environment", "other": "Other",
})

OPEN_STATUSES = ("open", "in-progress", "escalated")
CLOSED_STATUSES = ("resolved", "explained")
STATUSES = MappingProxyType({
    "open": ("待办", "待辦"), "in-progress": ("办理中", "辦理中"), "escalated": ("已上报", "已上報"),
    "resolved": ("已解决", "已解決"), "explained": ("已解释", "已解釋"),
})
STATUS_EN = MappingProxyType({
    "open": "open", "in-progress": "in progress", "escalated": "escalated", "resolved": "resolved",
    "explained": "explained",
})
SATISFACTION = MappingProxyType({"满意": "满意", "基本满意": "基本满意", "不满意": "不满意",
                                 "滿意": "满意", "基本滿意": "基本满意", "不滿意": "不满意"})
TRUE_WORDS = frozenset({"true", "yes", "是", "y", "on"})
FALSE_WORDS = frozenset({"false", "no", "否", "n", "off"})

HOUSEHOLD_ID = re.compile(r"^[A-Za-z0-9_-]+$")


def _lookup_table(table: MappingProxyType) -> dict[str, str]:
    out: dict[str, str] = {}
    for code, names in table.items():
        out[code.lower()] = code
        for name in names:
            out[name] = code
    return out


_CATEGORY_LOOKUP = _lookup_table(CATEGORIES)
_STATUS_LOOKUP = _lookup_table(STATUSES)
_STATUS_LOOKUP.update({"in progress": "in-progress", "inprogress": "in-progress", "in_progress": "in-progress"})


def category_code(value: str) -> str | None:
    """'disputes', '农村矛盾纠纷', '農村矛盾糾紛' or '农村矛盾纠纷问题' -> 'disputes'; None if unknown."""
    v = value.strip()
    for suffix in ("问题", "問題"):
        if v.endswith(suffix) and len(v) > len(suffix):
            v = v[: -len(suffix)]
    return _CATEGORY_LOOKUP.get(v) or _CATEGORY_LOOKUP.get(v.lower()) or _CATEGORY_LOOKUP.get(simplified(v))


def status_code(value: str) -> str | None:
    v = value.strip()
    return _STATUS_LOOKUP.get(v) or _STATUS_LOOKUP.get(v.lower()) or _STATUS_LOOKUP.get(simplified(v))


def category_name(code: str, lang: str) -> str:
    return CATEGORY_EN[code] if lang == "en" else CATEGORIES[code][0]


def status_name(code: str, lang: str) -> str:
    return STATUS_EN[code] if lang == "en" else STATUSES[code][0]


class Suggester:
    """"Did you mean" over a fixed set of names, indexed so that a county's 100,000 ids stay cheap."""

    def __init__(self, choices: object) -> None:
        self.names = sorted({c for c in choices if isinstance(c, str)})  # type: ignore[union-attr]
        self.by_key: dict[str, list[str]] = {}
        if len(self.names) > 40:
            for n in self.names:
                for key in {"<" + n[:2], ">" + n[-2:]}:
                    self.by_key.setdefault(key, []).append(n)

    budget = 200  # suggestions per run: a mass error must not turn a check into minutes of difflib

    def __call__(self, value: str) -> str | None:
        if self.budget <= 0:
            return None
        self.budget -= 1
        names = self.names
        if self.by_key:
            names = [n for key in ("<" + value[:2], ">" + value[-2:]) for n in self.by_key.get(key, [])[:20]]
        found = difflib.get_close_matches(value, names, n=1, cutoff=0.5)
        if found:
            return found[0]
        # CJK names: one character off in a two- or three-character name
        same_len = {n for n in names if len(n) == len(value) and sum(a != b for a, b in zip(n, value)) == 1}
        return same_len.pop() if len(same_len) == 1 else None


def suggest(value: str, choices: object) -> str | None:
    """The closest choice to a misspelt value, for "did you mean"."""
    return Suggester(choices)(value)


def category_choices() -> list[str]:
    return [name for code, names in CATEGORIES.items() for name in (code, *names)]


def status_choices() -> list[str]:
    return [name for code, names in STATUSES.items() for name in (code, *names)]
