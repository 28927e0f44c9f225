"""Copies of the example village, a township workspace over two of them, for the tests that need them."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from minqing import index
from minqing.workspace import fresh

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "village-records"


def village(path: Path) -> Path:
    """A copy of the example village at `path` (its README left out)."""
    shutil.copytree(EXAMPLE, path, ignore=shutil.ignore_patterns("README.md"))
    return path


def workspace(path: Path, members: list[str]) -> Path:
    """A workspace at `path` naming `members` (paths relative to it)."""
    path.mkdir(parents=True, exist_ok=True)
    (path / "minqing.yaml").write_text("name: 桤泉镇民情日记\nmembers:\n" + "".join(f"  - {m}\n" for m in members),
                                       encoding="utf-8")
    return path


@pytest.fixture
def town(tmp_path: Path, monkeypatch) -> Path:
    """A township of two villages (群安村, 新庄村), their files taken as older than the racy window."""
    # files written a moment ago lie in the racy window, where no manifest or key is kept: pretend they are old
    monkeypatch.setattr(fresh, "RACY_NS", -10**18)
    village(tmp_path / "群安村")
    village(tmp_path / "新庄村")
    yield workspace(tmp_path / "镇", ["../群安村", "../新庄村"])
    index.forget()


@pytest.fixture
def indexed_village(tmp_path: Path, monkeypatch) -> Path:
    """A copy of the example village with its own user cache and the index on."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "usercache"))
    monkeypatch.delenv("MINQING_NO_CACHE", raising=False)
    return village(tmp_path / "village")
