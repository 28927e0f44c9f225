"""minqing.yaml -> a frozen Config, or a MinqingError naming the file, the line and the fix."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .i18n import ref
from . import vocab
from .errors import MinqingError
from .frontmatter import YMap, YNode, decode, parse_yaml
from .model import parse_date

CONFIG_NAME = "minqing.yaml"
_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")


@dataclass(frozen=True, slots=True)
class Leave:
    start: dt.date
    end: dt.date
    reason: str = ""


@dataclass(frozen=True, slots=True)
class Cadre:
    name: str
    role: str = ""
    email: str | None = None
    start: dt.date | None = None
    end: dt.date | None = None
    leave: tuple[Leave, ...] = ()


@dataclass(frozen=True, slots=True)
class SignOff:
    """`volume:` in minqing.yaml: who compiles and reviews the volume (printed in its sign-off block)."""

    compiler: str = ""  # 编制单位, e.g. 桤泉镇党政办
    reviewer: str = ""  # 审核人
    approver: str = ""  # 签发人
    date: dt.date | None = None  # 编制日期; blank to fill in by hand when not given


@dataclass(frozen=True, slots=True)
class Supervisor:
    """Someone who reviews diaries and issues supervision orders (督办); no weekly quota."""

    name: str
    role: str = ""
    email: str | None = None


DEFAULT_GRADES: dict[str, int] = {"优": 4, "良": 3, "中": 2, "差": 0}
# 考评 weights: points = Σ weight × figure. The defaults reward keeping the weekly diary and closing
# matters on time, cost a late (补记) entry one point and an overdue supervision order three.
DEFAULT_WEIGHTS: dict[str, float] = {"weeks_met": 1, "late": -1, "closed_on_time": 2, "orders_overdue": -3,
                                     "grade_points": 1}
# every figure of a score row that a weight may name
SCORE_FIGURES = ("weeks_required", "weeks_met", "entries", "late", "raised", "closed", "closed_on_time",
                 "satisfied", "rated", "reviews", "grade_points", "orders", "orders_overdue")


@dataclass(frozen=True, slots=True)
class Config:
    root: Path
    name: str
    township: str
    villages: tuple[str, ...]
    cadres: tuple[Cadre, ...]
    per_week: int = 1
    grace_days: int = 7
    exempt_weeks: frozenset[str] = frozenset()
    normal_days: int = 30
    urgent_days: int = 3
    by_category: dict[str, int] = field(default_factory=dict)
    working_days: bool = False
    min_body_chars: int = 50
    max_record_bytes: int = 2 * 1024 * 1024  # a larger record file is MQ008, not read
    sign_off: SignOff = SignOff()
    digest: str = ""  # hash of the config text: cached check results depend on it
    supervisors: tuple[Supervisor, ...] = ()
    departments: tuple[str, ...] = ()
    grades: dict[str, int] = field(default_factory=lambda: dict(DEFAULT_GRADES))
    weights: dict[str, float] = field(default_factory=lambda: dict(DEFAULT_WEIGHTS))

    @property
    def supervisor_names(self) -> frozenset[str]:
        return frozenset(s.name for s in self.supervisors)

    def supervisor(self, name: str) -> Supervisor | None:
        return next((s for s in self.supervisors if s.name == name), None)

    @property
    def cadre_names(self) -> frozenset[str]:
        return frozenset(c.name for c in self.cadres)

    def cadre(self, name: str) -> Cadre | None:
        return next((c for c in self.cadres if c.name == name), None)

    def due_days(self, category: str | None, urgent: bool) -> int:
        if urgent:
            return self.urgent_days
        if category and category in self.by_category:
            return self.by_category[category]
        return self.normal_days


def find_root(start: Path) -> Path:
    """The nearest folder at or above `start` that holds minqing.yaml."""
    start = start.resolve()
    for folder in (start, *start.parents):
        if (folder / CONFIG_NAME).is_file():
            return folder
    raise MinqingError("err.norepo", start=str(start))


class _Reader:
    def __init__(self, path: Path) -> None:
        self.path = path

    def fail(self, line: int, msg: str, **params: Any) -> MinqingError:
        return MinqingError("err.config", path=str(self.path), line=line, problem_key=msg, problem_params=params)

    def text(self, node: YNode | None, key: str, required: bool = False) -> str:
        if node is None or node.value is None:
            if required:
                raise self.fail(node.line if node else 1, "cfg.missing", key=key)
            return ""
        if not isinstance(node.value, str):
            raise self.fail(node.line, "cfg.type", key=key, expected=ref("type.text"))
        return node.value.strip()

    def number(self, node: YNode | None, key: str, default: int, minimum: int = 0, maximum: int = 3660) -> int:
        if node is None or node.value is None:
            return default
        v = node.value.strip() if isinstance(node.value, str) else ""
        if v.isascii() and v.isdigit() and minimum <= int(v) <= maximum:
            return int(v)
        raise self.fail(node.line, "cfg.type", key=key, expected=ref("type.int"))

    def flag(self, node: YNode | None, key: str) -> bool:
        if node is None or node.value is None:
            return False
        if isinstance(node.value, str) and node.value.strip().lower() in vocab.TRUE_WORDS:
            return True
        if isinstance(node.value, str) and node.value.strip().lower() in vocab.FALSE_WORDS:
            return False
        raise self.fail(node.line, "cfg.type", key=key, expected=ref("type.bool"))

    def date(self, node: YNode | None, key: str) -> dt.date | None:
        if node is None or node.value is None:
            return None
        d = parse_date(node.value) if isinstance(node.value, str) else None
        if d is None:
            raise self.fail(node.line, "cfg.type", key=key, expected=ref("type.date"))
        return d

    def mapping(self, node: YNode | None, key: str) -> dict[str, YNode]:
        if node is None or node.value is None:
            return {}
        if not isinstance(node.value, YMap):
            raise self.fail(node.line, "cfg.type", key=key, expected=ref("type.mapping"))
        return {k: v for k, _, v in node.value.items}

    def seq(self, node: YNode | None, key: str) -> list[YNode]:
        if node is None or node.value is None:
            return []
        if not isinstance(node.value, list):
            raise self.fail(node.line, "cfg.type", key=key, expected=ref("type.list"))
        return node.value


_LOADED: dict[tuple[str, bytes], Config] = {}  # (path, bytes) -> its Config: one command reads it several times


def load_config(root: Path) -> Config:
    """Read and validate root/minqing.yaml (parsed once per process for the same bytes: a Config is
    frozen and depends on nothing but the file)."""
    path = root / CONFIG_NAME
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise MinqingError("err.config.read", path=str(path), problem=exc.strerror or str(exc)) from None
    key = (str(path), data)
    known = _LOADED.get(key)
    if known is not None:
        return known
    config = _parse_config(root, path, data)
    if len(_LOADED) >= 512:  # a county workspace names a few hundred members at most
        _LOADED.clear()
    _LOADED[key] = config
    return config


def _parse_config(root: Path, path: Path, data: bytes) -> Config:
    r = _Reader(path)
    text, problem = decode(data)
    if problem is None and text is not None:
        node, problem = parse_yaml(text, 1, frozenset())
    if problem is not None:
        raise MinqingError("err.config", path=str(path), line=problem.line or 1,
                           problem_key=problem.key or problem.code, problem_params=dict(problem.params))
    assert node is not None
    if not isinstance(node.value, YMap):
        raise r.fail(node.line, "cfg.notmapping")
    top = r.mapping(node, "minqing.yaml")
    villages = tuple(r.text(v, "villages") for v in r.seq(top.get("villages"), "villages"))
    if not villages:
        raise r.fail(top["villages"].line if "villages" in top else 1, "cfg.novillages")
    cadres = []
    seen: set[str] = set()
    for item in r.seq(top.get("cadres"), "cadres"):
        c = r.mapping(item, "cadres")
        name = r.text(c.get("name"), "cadres.name", required=True) if c else ""
        if not name:
            raise r.fail(item.line, "cfg.missing", key="cadres.name")
        if name in seen:
            raise r.fail(item.line, "cfg.dupcadre", value=name)
        seen.add(name)
        leaves = []
        for lv in r.seq(c.get("leave"), "leave"):
            lm = r.mapping(lv, "leave")
            start = r.date(lm.get("from"), "leave.from")
            end = r.date(lm.get("to"), "leave.to") or start
            if start is None or end is None:
                raise r.fail(lv.line, "cfg.missing", key="leave.from")
            leaves.append(Leave(start, end, r.text(lm.get("reason"), "leave.reason")))
        email = r.text(c.get("email"), "cadres.email") or None
        cadres.append(Cadre(name, r.text(c.get("role"), "cadres.role"), email,
                            r.date(c.get("start"), "cadres.start"), r.date(c.get("end"), "cadres.end"), tuple(leaves)))
    if not cadres:
        raise r.fail(top["cadres"].line if "cadres" in top else 1, "cfg.nocadres")
    quota = r.mapping(top.get("quota"), "quota")
    weeks = set()
    for w in r.seq(quota.get("exempt_weeks"), "quota.exempt_weeks"):
        value = r.text(w, "exempt_weeks")
        m = _WEEK.match(value)
        if not m or not 1 <= int(m.group(2)) <= 53:
            raise r.fail(w.line, "cfg.badweek", value=value)
        weeks.add(value)
    deadlines = r.mapping(top.get("deadlines"), "deadlines")
    by_category = {}
    for key, value in r.mapping(deadlines.get("by_category"), "deadlines.by_category").items():
        code = vocab.category_code(key)
        if code is None:
            raise r.fail(value.line, "cfg.badcategory", value=key)
        by_category[code] = r.number(value, f"by_category.{key}", 30, 1)
    vol = r.mapping(top.get("volume"), "volume")
    sign_off = SignOff(
        compiler=r.text(vol.get("compiler"), "volume.compiler"),
        reviewer=r.text(vol.get("reviewer"), "volume.reviewer"),
        approver=r.text(vol.get("approver"), "volume.approver"),
        date=r.date(vol.get("date"), "volume.date"),
    )
    supervisors = _supervisors(r, top)
    departments = _departments(r, top)
    grades = _grades(r, top)
    weights = _weights(r, top)
    return Config(
        root=root,
        name=r.text(top.get("name"), "name") or "民情日记",
        township=r.text(top.get("township"), "township"),
        villages=villages,
        cadres=tuple(cadres),
        per_week=r.number(quota.get("per_week"), "quota.per_week", 1),
        grace_days=r.number(quota.get("grace_days"), "quota.grace_days", 7),
        exempt_weeks=frozenset(weeks),
        normal_days=r.number(deadlines.get("normal_days"), "deadlines.normal_days", 30, 1),
        urgent_days=r.number(deadlines.get("urgent_days"), "deadlines.urgent_days", 3, 0),
        by_category=by_category,
        working_days=r.flag(deadlines.get("working_days"), "deadlines.working_days"),
        min_body_chars=r.number(top.get("min_body_chars"), "min_body_chars", 50, 0, 100_000),
        sign_off=sign_off,
        max_record_bytes=r.number(top.get("max_record_bytes"), "max_record_bytes", 2 * 1024 * 1024, 1024, 1 << 30),
        digest=hashlib.sha1(data).hexdigest(),
        supervisors=supervisors,
        departments=departments,
        grades=grades,
        weights=weights,
    )


def _supervisors(r: _Reader, top: dict[str, YNode]) -> tuple[Supervisor, ...]:
    out: list[Supervisor] = []
    for item in r.seq(top.get("supervisors"), "supervisors"):
        m = r.mapping(item, "supervisors")
        name = r.text(m.get("name"), "supervisors.name")
        if not name:
            raise r.fail(item.line, "cfg.missing", key="supervisors.name")
        if any(s.name == name for s in out):
            raise r.fail(item.line, "cfg.dupsupervisor", value=name)
        out.append(Supervisor(name, r.text(m.get("role"), "supervisors.role"),
                              r.text(m.get("email"), "supervisors.email") or None))
    return tuple(out)


def _departments(r: _Reader, top: dict[str, YNode]) -> tuple[str, ...]:
    out: list[str] = []
    for item in r.seq(top.get("departments"), "departments"):
        name = r.text(item, "departments")
        if not name:
            raise r.fail(item.line, "cfg.missing", key="departments")
        if name in out:
            raise r.fail(item.line, "cfg.dupdepartment", value=name)
        out.append(name)
    return tuple(out)


_INT = re.compile(r"^[+-]?\d{1,4}$")
_NUMBER = re.compile(r"^[+-]?(\d{1,6}(\.\d{1,4})?|\.\d{1,4})$")


def _grades(r: _Reader, top: dict[str, YNode]) -> dict[str, int]:
    review = r.mapping(top.get("review"), "review")
    if "grades" not in review or review["grades"].value is None:
        return dict(DEFAULT_GRADES)
    grades: dict[str, int] = {}
    for key, node in r.mapping(review["grades"], "review.grades").items():
        v = node.value.strip() if isinstance(node.value, str) else ""
        if not _INT.match(v) or not -100 <= int(v) <= 100:
            raise r.fail(node.line, "cfg.badgrade", value=key)
        grades[key] = int(v)
    if not grades:
        raise r.fail(review["grades"].line, "cfg.nogrades")
    return grades


def _weights(r: _Reader, top: dict[str, YNode]) -> dict[str, float]:
    score = r.mapping(top.get("score"), "score")
    given = r.mapping(score.get("weights"), "score.weights")
    if not given:
        return dict(DEFAULT_WEIGHTS)
    weights: dict[str, float] = {}  # weights given replace the defaults: a figure not named weighs 0
    for key, node in given.items():
        if key not in SCORE_FIGURES:
            found = vocab.suggest(key, SCORE_FIGURES)
            raise r.fail(node.line, "cfg.badweight", value=key, choices=", ".join(SCORE_FIGURES),
                         suggest=f" ({found}?)" if found else "")
        v = node.value.strip() if isinstance(node.value, str) else ""
        if not _NUMBER.match(v):
            raise r.fail(node.line, "cfg.type", key=f"score.weights.{key}", expected=ref("type.number"))
        number = float(v)
        weights[key] = int(number) if number.is_integer() else number
    return weights
