"""config: minqing.yaml is parsed once per process for the same bytes, and again as soon as they change."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from minqing.config import load_config
from minqing.errors import MinqingError

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "village-records" / "minqing.yaml"


def test_same_bytes_one_parse_changed_bytes_a_new_config(tmp_path: Path) -> None:
    shutil.copy(EXAMPLE, tmp_path / "minqing.yaml")
    first = load_config(tmp_path)
    assert load_config(tmp_path) is first  # the second command step reads the same Config
    text = (tmp_path / "minqing.yaml").read_text(encoding="utf-8")
    (tmp_path / "minqing.yaml").write_text(text.replace("per_week: 1", "per_week: 2"), encoding="utf-8")
    second = load_config(tmp_path)
    assert second is not first and second.per_week == 2
    (tmp_path / "minqing.yaml").write_text("villages: [\n", encoding="utf-8")
    with pytest.raises(MinqingError):  # a broken file is an error every time, never the last good Config
        load_config(tmp_path)
    with pytest.raises(MinqingError):
        load_config(tmp_path)
