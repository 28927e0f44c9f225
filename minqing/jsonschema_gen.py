"""`schema`: JSON Schema (draft 2020-12) for entry and household front matter and for minqing.yaml.

The schemas are built from the tables in `vocab` (keys in both languages, value types, categories,
statuses), so they follow the vocabulary. They describe the data as a YAML 1.2 tool reads it — as
editors do, dates stay strings — and stay looser than `minqing check` where a schema cannot know the
repository (rosters, villages, households, real calendar days).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from . import vocab
from .traditional import TO_TRADITIONAL
from .errors import MinqingError
from .config import SCORE_FIGURES
from .i18n import t

DRAFT = "https://json-schema.org/draft/2020-12/schema"
KINDS = ("all", "entry", "household", "review", "config")

# the two date forms minqing reads (model.parse_date); the schema cannot tell 2024-02-30 from a real day
# a weekday may follow: 2016年5月30日 星期一, 2016年5月30日（周一）
_WEEKDAY_PATTERN = r"([\s,，、]*[(（]?\s*((星期|周|週|礼拜|禮拜)[一二三四五六日天]|[A-Za-z]{3,9}\.?)\s*[)）]?)?"
DATE_PATTERN = (r"^\s*\d{4}[-/.]\d{1,2}[-/.]\d{1,2}" + _WEEKDAY_PATTERN + r"\s*$|^\s*\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*[日号號]"
                + _WEEKDAY_PATTERN + r"\s*$")
WEEK_PATTERN = r"^\d{4}-W(0[1-9]|[1-4][0-9]|5[0-3])$"

_TABLES: dict[str, tuple[Mapping[str, str], Mapping[str, str], tuple[str, ...]]] = {
    "entry": (vocab.ENTRY_KEYS, vocab.ENTRY_TYPES, vocab.ENTRY_REQUIRED),
    "issue": (vocab.ISSUE_KEYS, vocab.ISSUE_TYPES, vocab.ISSUE_REQUIRED),
    "update": (vocab.UPDATE_KEYS, vocab.UPDATE_TYPES, vocab.UPDATE_REQUIRED),
    "household": (vocab.HOUSEHOLD_KEYS, vocab.HOUSEHOLD_TYPES, vocab.HOUSEHOLD_REQUIRED),
    "aid": (vocab.AID_KEYS, vocab.AID_TYPES, vocab.AID_REQUIRED),
    "attachment": (vocab.ATTACHMENT_KEYS, vocab.ATTACHMENT_TYPES, vocab.ATTACHMENT_REQUIRED),
    "review": (vocab.REVIEW_KEYS, vocab.REVIEW_TYPES, vocab.REVIEW_REQUIRED),
    "grade": (vocab.GRADE_KEYS, vocab.GRADE_TYPES, vocab.GRADE_REQUIRED),
    "order": (vocab.ORDER_KEYS, vocab.ORDER_TYPES, (*vocab.ORDER_REQUIRED, "due")),  # no due: MQ123
}
# required by the contract, yet left out when the roster has only one village: a schema cannot know
_OPTIONAL_IN_SCHEMA = frozenset({"village"})
_ITEMS = dict(vocab.ITEM_KINDS)


def key_forms(en: str, zh: str) -> list[str]:
    """A key's spellings: English, Simplified, and Traditional when it differs (状态 -> 狀態)."""
    return list(dict.fromkeys((en, zh, zh.translate(TO_TRADITIONAL))))


def category_names() -> list[str]:
    """Every category spelling minqing accepts: code, Simplified, Traditional, and the name + 问题."""
    out: list[str] = []
    for code, names in vocab.CATEGORIES.items():
        for name in (code, *names, *(n + s for n in names for s in ("问题", "問題"))):
            if name not in out and vocab.category_code(name) == code:
                out.append(name)
    return out


def status_names(codes: tuple[str, ...] | None = None) -> list[str]:
    """Status spellings minqing accepts (code, Simplified, Traditional, in-progress variants)."""
    out: list[str] = []
    for code, names in vocab.STATUSES.items():
        if codes is not None and code not in codes:
            continue
        spellings = [code, *names]
        if code == "in-progress":
            spellings += ["in progress", "in_progress", "inprogress"]
        for name in spellings:
            if name not in out and vocab.status_code(name) == code:
                out.append(name)
    return out


def bool_words() -> list[str]:
    """Yes/no words that stay strings after a YAML load (true/false/yes/no/on/off become booleans)."""
    words = sorted(vocab.TRUE_WORDS | vocab.FALSE_WORDS)
    out: list[str] = []
    for w in words:
        for v in (w, w.capitalize(), w.upper()):
            if v not in out:
                out.append(v)
    return out


class _Builder:
    """Schemas with descriptions in one language."""

    def __init__(self, lang: str) -> None:
        self.lang = lang

    def d(self, key: str, **params: object) -> str:
        return t(key, self.lang, **params)

    # ---- value types ----
    def value(self, kind: str, key: str, vtype: str) -> dict[str, Any]:
        if key == "category":
            return {"type": "string", "enum": category_names()}
        if key == "status":
            return {"type": "string", "enum": status_names()}
        if kind == "household" and key == "id":
            return {"type": ["string", "integer"], "pattern": vocab.HOUSEHOLD_ID.pattern}
        if vtype in ("text", "list", "date", "bool", "int", "satisfaction"):
            return self.types()[vtype]
        if vtype == "names":  # a list, or one line: 李明、王强
            return {"anyOf": [self.types()["list"], {"type": "string"}], "description": self.d("schema.type.list")}
        if vtype == "amount":
            return {"anyOf": [{"type": "number", "minimum": 0}, {"type": "string", "pattern": r"^\s*[0-9][0-9,]*(\.[0-9]{1,2})?\s*(元|块|塊)?\s*$"}],
                    "description": self.d("type.amount")}
        if vtype == "items":
            item: dict[str, Any] = {"$ref": f"#/$defs/{_ITEMS[key]}"}
            if key == "attachments":  # a plain path, or {path, caption}
                item = {"anyOf": [{"type": "string", "minLength": 1}, item]}
            return {"type": "array", "items": item}
        raise AssertionError(vtype)  # pragma: no cover

    def types(self) -> dict[str, dict[str, Any]]:
        """Value types, written out where used: editors on draft-07 ignore keywords beside a $ref."""
        return {
            # YAML 1.1 reads 12, 1.5 and yes as numbers and booleans; minqing reads them as text
            "text": {"type": ["string", "number", "boolean"], "description": self.d("schema.type.text")},
            "date": {"type": "string", "pattern": DATE_PATTERN, "description": self.d("schema.type.date")},
            "list": {"type": "array", "items": {"type": ["string", "number", "boolean"]},
                     "description": self.d("schema.type.list")},
            "bool": {"anyOf": [{"type": "boolean"}, {"type": "string", "enum": bool_words()}],
                     "description": self.d("schema.type.bool")},
            "int": {"anyOf": [{"type": "integer", "minimum": 1}, {"type": "string", "pattern": r"^\s*0*[1-9][0-9]*\s*$"}],
                    "description": self.d("schema.type.int")},
            "satisfaction": {"type": "string", "enum": list(vocab.SATISFACTION),
                             "description": self.d("schema.type.satisfaction")},
        }

    # ---- records ----
    def record(self, kind: str) -> dict[str, Any]:
        keys, types, required = _TABLES[kind]
        props: dict[str, Any] = {}
        for en, zh in keys.items():
            about = self.d(f"schema.{kind}.{en}")
            trad = zh.translate(TO_TRADITIONAL)
            for name, other in ((en, zh), (zh, en), *(((trad, zh),) if trad != zh else ())):
                schema = self.value(kind, en, types[en])
                optional = en not in required or en in _OPTIONAL_IN_SCHEMA
                if optional:  # an empty optional key reads as not given
                    schema = {"anyOf": [schema, {"type": "null"}]}
                props[name] = {**schema, "description": about + self.d("schema.alias", other=other)}
        for trad, en in vocab.TRADITIONAL_KEYS.get(kind, {}).items():  # Traditional-script spellings
            props[trad] = {**props[keys[en]], "description": self.d(f"schema.{kind}.{en}") +
                           self.d("schema.alias", other=en)}
        rules: list[dict[str, Any]] = []
        for en in required:
            if en not in _OPTIONAL_IN_SCHEMA:
                spellings = [*key_forms(en, keys[en]), *(t_ for t_, e in vocab.TRADITIONAL_KEYS.get(kind, {}).items() if e == en)]
                rules.append({"anyOf": [{"required": [k]} for k in dict.fromkeys(spellings)]})
        for en, zh in keys.items():  # MQ006: one key in both languages (or both scripts)
            forms = key_forms(en, zh)
            for i, a in enumerate(forms):
                for b2 in forms[i + 1:]:
                    rules.append({"not": {"required": [a, b2]}})
        for trad, en in vocab.TRADITIONAL_KEYS.get(kind, {}).items():
            if trad not in key_forms(en, keys[en]):
                rules += [{"not": {"required": [trad, other]}} for other in (en, keys[en])]
        if "status" in keys:
            rules += self.status_rules(keys)
        out: dict[str, Any] = {
            "type": "object",
            "title": self.d(f"schema.title.{kind}"),
            "description": self.d(f"schema.about.{kind}"),
            "properties": props,
            "additionalProperties": True,  # unknown keys are a warning (MQ102), never an error
            "allOf": rules,
        }
        return out

    @staticmethod
    def status_rules(keys: Mapping[str, str]) -> list[dict[str, Any]]:
        """MQ111/MQ112: a closed status needs result and feedback; escalated needs escalated_to."""

        def status_in(codes: tuple[str, ...]) -> dict[str, Any]:
            names = status_names(codes)
            return {"anyOf": [{"required": [k], "properties": {k: {"enum": names}}}
                              for k in key_forms("status", keys["status"])]}

        def need(en: str) -> dict[str, Any]:
            return {"anyOf": [{"required": [k]} for k in key_forms(en, keys[en])]}

        return [
            {"if": status_in(vocab.CLOSED_STATUSES), "then": {"allOf": [need("result"), need("feedback")]}},
            {"if": status_in(("escalated",)), "then": need("escalated_to")},
        ]

    # ---- minqing.yaml ----
    def config(self) -> dict[str, Any]:
        d = self.d

        def count(key: str, minimum: int) -> dict[str, Any]:
            return {"anyOf": [{"type": "integer", "minimum": minimum},
                              {"type": "string", "pattern": r"^\s*[0-9]+\s*$"}],
                    "description": d(key)}

        def text(key: str) -> dict[str, Any]:
            return {"type": ["string", "number", "null"], "description": d(key)}

        types = self.types()

        def day(key: str) -> dict[str, Any]:
            return {"anyOf": [types["date"], {"type": "null"}], "description": d(key)}

        flag = {"anyOf": [types["bool"], {"type": "null"}], "description": d("schema.config.working_days")}
        leave = {
            "type": "object",
            "properties": {"from": day("schema.config.leave.from"), "to": day("schema.config.leave.to"),
                           "reason": text("schema.config.leave.reason")},
            "required": ["from"],
        }
        cadre = {
            "type": "object",
            "properties": {
                "name": {"type": ["string", "number"], "minLength": 1, "description": d("schema.config.cadre.name")},
                "role": text("schema.config.cadre.role"),
                "email": text("schema.config.cadre.email"),
                "start": day("schema.config.cadre.start"),
                "end": day("schema.config.cadre.end"),
                "leave": {"type": ["array", "null"], "items": leave, "description": d("schema.config.cadre.leave")},
            },
            "required": ["name"],
        }
        return {
            "type": "object",
            "title": d("schema.title.config"),
            "description": d("schema.about.config"),
            "properties": {
                "name": text("schema.config.name"),
                "township": text("schema.config.township"),
                "villages": {"type": "array", "minItems": 1, "items": {"type": ["string", "number"]},
                             "description": d("schema.config.villages")},
                "cadres": {"type": "array", "minItems": 1, "items": cadre, "description": d("schema.config.cadres")},
                "quota": {"type": ["object", "null"], "description": d("schema.config.quota"), "properties": {
                    "per_week": count("schema.config.per_week", 0),
                    "grace_days": count("schema.config.grace_days", 0),
                    "exempt_weeks": {"type": ["array", "null"], "items": {"type": "string", "pattern": WEEK_PATTERN},
                                     "description": d("schema.config.exempt_weeks")},
                }},
                "deadlines": {"type": ["object", "null"], "description": d("schema.config.deadlines"), "properties": {
                    "normal_days": count("schema.config.normal_days", 1),
                    "urgent_days": count("schema.config.urgent_days", 0),
                    "by_category": {"type": ["object", "null"], "propertyNames": {"enum": category_names()},
                                    "additionalProperties": count("schema.config.days", 1),
                                    "description": d("schema.config.by_category")},
                    "working_days": flag,
                }},
                "min_body_chars": count("schema.config.min_body_chars", 0),
                "volume": {"type": ["object", "null"], "description": d("schema.config.volume"), "properties": {
                    "compiler": text("schema.config.volume.compiler"),
                    "reviewer": text("schema.config.volume.reviewer"),
                    "approver": text("schema.config.volume.approver"),
                    "date": day("schema.config.volume.date"),
                }},
                "max_record_bytes": count("schema.config.max_record_bytes", 1024),
                "supervisors": {"type": ["array", "null"], "description": d("schema.config.supervisors"), "items": {
                    "type": "object", "required": ["name"], "properties": {
                        "name": {"type": ["string", "number"], "minLength": 1,
                                 "description": d("schema.config.supervisor.name")},
                        "role": text("schema.config.cadre.role"),
                        "email": text("schema.config.supervisor.email"),
                    }}},
                "departments": {"type": ["array", "null"], "items": {"type": ["string", "number"]},
                                "description": d("schema.config.departments")},
                "review": {"type": ["object", "null"], "description": d("schema.config.review"), "properties": {
                    "grades": {"type": ["object", "null"], "minProperties": 1, "description": d("schema.config.grades"),
                               "additionalProperties": {"anyOf": [
                                   {"type": "integer", "minimum": -100, "maximum": 100},
                                   {"type": "string", "pattern": r"^\s*[+-]?[0-9]{1,3}\s*$"}]}},
                }},
                "score": {"type": ["object", "null"], "description": d("schema.config.score"), "properties": {
                    "weights": {"type": ["object", "null"], "description": d("schema.config.weights"),
                                "propertyNames": {"enum": list(SCORE_FIGURES)},
                                "additionalProperties": {"anyOf": [
                                    {"type": "number"}, {"type": "string", "pattern": r"^\s*[+-]?[0-9.]+\s*$"}]}},
                }},
            },
            "required": ["villages", "cadres"],
        }


def build(kind: str = "all", lang: str = "zh") -> dict[str, Any]:
    """The JSON Schema for `kind` (entry, household, config or all), descriptions in `lang`."""
    if kind not in KINDS:
        raise MinqingError("schema.badkind", value=kind, choices=", ".join(KINDS))
    b = _Builder(lang)
    defs: dict[str, Any] = {
        "entry": b.record("entry"),
        "issue": b.record("issue"),
        "update": b.record("update"),
        "household": b.record("household"),
        "aid": b.record("aid"),
        "attachment": b.record("attachment"),
        "review": b.record("review"),
        "grade": b.record("grade"),
        "order": b.record("order"),
        "config": b.config(),
    }
    if kind == "all":
        return {
            "$schema": DRAFT,
            "title": b.d("schema.title.all"),
            "description": b.d("schema.about.all"),
            "anyOf": [{"$ref": "#/$defs/entry"}, {"$ref": "#/$defs/household"}, {"$ref": "#/$defs/review"},
                      {"$ref": "#/$defs/config"}],
            "$defs": defs,
        }
    root = defs[kind]
    if kind == "entry":
        return {"$schema": DRAFT, **root, "$defs": {k: defs[k] for k in ("issue", "update", "aid", "attachment")}}
    if kind == "review":
        return {"$schema": DRAFT, **root, "$defs": {"grade": defs["grade"], "order": defs["order"]}}
    return {"$schema": DRAFT, **root}


def dumps(schema: dict[str, Any]) -> str:
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"


def write_atomic(path: Path, text: str, force: bool = False) -> None:
    """Write `text` to `path` through a temporary file in the same folder; never overwrite unless `force`."""
    from .fsio import write_new

    write_new(path, text.encode("utf-8"), force, exists_key="schema.exists", nofolder_key="schema.nofolder")
