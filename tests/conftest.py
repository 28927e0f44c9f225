"""Shared fixtures: a small records repository written inline, and the checks run on it."""

from __future__ import annotations

import datetime as dt
import textwrap
from pathlib import Path

import pytest

from minqing.loader import load_repository
from tests.examples import indexed_village, town  # noqa: F401  (fixtures shared by several test files)

CONFIG = """\
name: 测试村民情日记
township: 桤泉镇
villages: [群安村, 新庄村]
cadres:
  - {name: 张丽, role: 镇干部, email: zhangli@example.org}
  - {name: 李明, role: 驻村第一书记}
quota: {per_week: 1, grace_days: 7, exempt_weeks: [2024-W06]}
deadlines: {normal_days: 30, urgent_days: 3, by_category: {disputes: 15}, working_days: false}
min_body_chars: 50
"""

HOUSEHOLDS = {
    "households/qa-01.md": "---\n编号: qa-01\n户主: 吴俊义\n村: 群安村\n人口: 4\n电话: 13800001234\n---\n\n吴俊义一家四口，妻子常年患病，两个孩子在镇上读书，主要收入靠种植核桃和外出零工。\n",
    "households/qa-02.md": "---\n编号: qa-02\n户主: 李桂兰\n村: 群安村\n---\n\n李桂兰独居，儿女在外务工，是空巢老人，房屋为土木结构，需要关注冬季取暖和用电安全。\n",
}

BODY = "今天上午到吴俊义家走访，了解到入户饮水管道在寒潮中冻裂，全家只能到邻居家挑水。我和村委会主任一起查看了管道走向，初步商定由村里先垫付材料费，组织党员志愿者下周修复。"


def entry(front: str, body: str = BODY) -> str:
    return "---\n" + textwrap.dedent(front).strip("\n") + "\n---\n\n" + body + "\n"


@pytest.fixture
def make_repo(tmp_path: Path):
    def make(files: dict[str, str | bytes], config: str = CONFIG, households: bool = True) -> Path:
        root = tmp_path / "repo"
        root.mkdir(exist_ok=True)
        (root / "minqing.yaml").write_text(config, encoding="utf-8")
        all_files = {**(HOUSEHOLDS if households else {}), **files}
        for rel, content in all_files.items():
            path = root / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(content, encoding="utf-8")
        return root

    return make


def found(root: Path, today: dt.date = dt.date(2024, 12, 31)) -> set[tuple[str, str, int | None]]:
    """(path, code, line) of every diagnostic in the repository."""
    repo = load_repository(root, today=today)
    return {(d.path, d.code, d.line) for d in repo.diagnostics}


@pytest.fixture
def diagnose():
    return found
