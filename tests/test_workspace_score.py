"""`score --out` on a workspace: one printable 考评表 per member, each with its own cadres, weights and templates."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from minqing import index
from minqing.cli import app

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "village-records"
runner = CliRunner()
PERIOD = ["--from", "2024-01-01", "--to", "2024-06-30"]
NAME = "考评-2024-01-01-2024-06-30"


@pytest.fixture
def county(tmp_path: Path) -> Path:
    """县 → 镇 → (群安村, 新庄村); 新庄村 weighs the figures its own way and prints its own template."""
    for name in ("群安村", "新庄村"):
        shutil.copytree(EXAMPLE, tmp_path / name, ignore=shutil.ignore_patterns("README.md"))
    config = tmp_path / "新庄村" / "minqing.yaml"
    text = config.read_text(encoding="utf-8")
    start = text.index("score:")
    config.write_text(text[:start] + "score:\n  weights: {entries: 3, raised: 2}\n"
                      + text[text.index("\n", text.index("weights:", start)) + 1:], encoding="utf-8")
    (tmp_path / "新庄村" / "templates").mkdir()
    (tmp_path / "新庄村" / "templates" / "score.html.j2").write_text(
        "<h1>新庄村自己的表 {{ sheet.title }}</h1><p>{{ sheet.weights }}</p>"
        "{% for row in sheet.rows %}<p>{{ row[1] }}</p>{% endfor %}", encoding="utf-8")
    town = tmp_path / "镇"
    town.mkdir()
    (town / "minqing.yaml").write_text("name: 桤泉镇\nmembers: [../群安村, ../新庄村]\n", encoding="utf-8")
    top = tmp_path / "县"
    top.mkdir()
    (top / "minqing.yaml").write_text("name: 清溪县\nmembers: [../镇]\n", encoding="utf-8")
    yield top
    index.forget()


def invoke(*args: str):
    return runner.invoke(app, list(args))


def test_one_sheet_per_member_with_its_own_weights_and_template(county: Path, tmp_path: Path):
    out = tmp_path / "考评表"
    result = invoke("score", "--repo", str(county), *PERIOD, "--out", str(out), "--lang", "en")
    assert result.exit_code == 0, result.output
    qa = out / "镇" / "群安村" / f"{NAME}.html"
    xz = out / "镇" / "新庄村" / f"{NAME}.html"
    assert sorted(p for p in out.rglob("*") if p.is_file()) == sorted([qa, xz])
    assert [Path(line).name for line in result.stdout.splitlines()] == [qa.name, xz.name]
    own = xz.read_text(encoding="utf-8")
    assert own.startswith("<h1>新庄村自己的表") and "entries ×3" in own and "raised ×2" in own
    built_in = qa.read_text(encoding="utf-8")
    assert "<!DOCTYPE html>" in built_in or "<html" in built_in
    assert "closed_on_time ×2" in built_in and "entries ×3" not in built_in
    # each member's sheet is that member's own `score` sheet
    alone = tmp_path / "alone.html"
    assert invoke("score", "--repo", str(tmp_path / "群安村"), *PERIOD, "--out", str(alone), "--lang", "en").exit_code == 0
    assert alone.read_text(encoding="utf-8") == built_in


def test_existing_sheets_are_refused_before_any_work_unless_forced(county: Path, tmp_path: Path):
    result = invoke("score", "--repo", str(county), *PERIOD, "--format", "html")
    assert result.exit_code == 0, result.output
    made = county / "out" / "镇" / "新庄村" / f"{NAME}.html"
    assert made.is_file() and (county / "out" / ".gitignore").is_file()
    made.write_text("kept", encoding="utf-8")
    result = invoke("score", "--repo", str(county), *PERIOD, "--format", "html")
    assert result.exit_code == 2 and "--force" in result.output
    assert made.read_text(encoding="utf-8") == "kept"
    assert invoke("score", "--repo", str(county), *PERIOD, "--format", "html", "--force").exit_code == 0
    assert made.read_text(encoding="utf-8") != "kept"


def test_a_file_name_is_refused_for_a_workspace(county: Path, tmp_path: Path):
    result = invoke("score", "--repo", str(county), *PERIOD, "--out", str(tmp_path / "one.html"), "--lang", "en")
    assert result.exit_code == 2 and "give --out a folder" in result.output
    assert not (tmp_path / "one.html").exists()
    result = invoke("score", "--repo", str(county), *PERIOD, "--out", str(tmp_path / "no" / "such"))
    assert result.exit_code == 2 and not (tmp_path / "no").exists()


def test_an_unreadable_member_is_said_and_the_others_written(county: Path, tmp_path: Path):
    (county.parent / "镇" / "minqing.yaml").write_text("name: 桤泉镇\nmembers: [../群安村, ../新庄村, ../东岳村]\n",
                                                    encoding="utf-8")
    out = tmp_path / "sheets"
    out.mkdir()
    result = invoke("score", "--repo", str(county), *PERIOD, "--out", str(out))
    assert result.exit_code == 2
    assert "MQ008" in result.output
    assert len([p for p in out.rglob("*.html")]) == 2
