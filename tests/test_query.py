"""minqing query: read-only SQL over the export tables, the documented questions, Parquet folders."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from minqing.cli import app

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "village-records"
DOC = ROOT / "docs" / "query.md"
runner = CliRunner()
AS_OF = "2024-06-30"


def invoke(*args: str):
    return runner.invoke(app, list(args))


def doc_queries() -> list[str]:
    return re.findall(r"```sql\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S)


def test_the_doc_has_ten_questions():
    assert len(doc_queries()) == 10


@pytest.mark.parametrize("n", range(10))
def test_each_documented_query_runs_on_the_example(n: int):
    sql = doc_queries()[n]
    result = invoke("query", sql, "--repo", str(EXAMPLE), "--as-of", AS_OF, "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["columns"] and data["rows"], sql  # every question has an answer in the example village


def test_group_by_matches_the_export():
    result = invoke("query", "SELECT category, count(*) AS n FROM entries GROUP BY category ORDER BY category",
                    "--repo", str(EXAMPLE), "--format", "json")
    rows = json.loads(result.stdout)["rows"]
    assert sum(r["n"] for r in rows) == len(list(EXAMPLE.glob("entries/**/*.md")))


@pytest.mark.parametrize("sql, needle", [
    ("DROP TABLE entries", "SELECT"),
    ("CREATE TABLE x AS SELECT 1", "SELECT"),
    ("SELECT 1; SELECT 2", "2"),
    ("COPY (SELECT 1) TO 'x.csv'", "SELECT"),
    ("SET enable_external_access = true", "SELECT"),
    ("ATTACH 'x.db'", "SELECT"),
    ("SELECT * FROM read_csv('/etc/passwd')", "disabled"),
    ("SELECT * FROM read_text('/etc/hostname')", "disabled"),
    ("SELECT * FROM 'https://example.org/x.parquet'", ""),
    ("SELEKT 1", ""),
])
def test_only_reading_statements_and_no_files(sql: str, needle: str, tmp_path: Path):
    result = invoke("--lang", "en", "query", sql, "--repo", str(EXAMPLE))
    assert result.exit_code == 2 and needle in result.stderr, result.output
    assert not (tmp_path / "x.csv").exists() and "Traceback" not in result.output


def test_formats(tmp_path: Path):
    sql = "SELECT id, households, raised, overdue FROM issues ORDER BY id LIMIT 2"
    csv_out = invoke("query", sql, "--repo", str(EXAMPLE), "--as-of", AS_OF, "--format", "csv").stdout
    assert csv_out.startswith("\ufeffid,households,raised,overdue")
    text = invoke("query", sql, "--repo", str(EXAMPLE), "--as-of", AS_OF).stdout
    assert text.splitlines()[0] == "id\thouseholds\traised\toverdue" and len(text.splitlines()) == 3
    rows = json.loads(invoke("query", sql, "--repo", str(EXAMPLE), "--as-of", AS_OF, "--format", "json").stdout)["rows"]
    assert isinstance(rows[0]["households"], list) and re.match(r"\d{4}-\d\d-\d\d$", rows[0]["raised"])


def test_missing_duckdb_names_the_extra(monkeypatch):
    import builtins

    real = builtins.__import__

    def fake(name, *args, **kwargs):
        if name == "duckdb":
            raise ImportError("no duckdb")
        return real(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", fake)
    result = invoke("query", "SELECT 1", "--repo", str(EXAMPLE))
    assert result.exit_code == 2 and "minqing[analytics]" in result.stderr


def _town(tmp_path: Path) -> Path:
    for name in ("群安村", "新庄村"):
        shutil.copytree(EXAMPLE, tmp_path / name)
    ws = tmp_path / "桤泉镇"
    ws.mkdir()
    (ws / "minqing.yaml").write_text("name: 桤泉镇\nmembers: [../群安村, ../新庄村]\n", encoding="utf-8")
    return ws


def test_workspace_tables_have_repo(tmp_path: Path):
    ws = _town(tmp_path)
    result = invoke("query", "SELECT repo, count(*) AS n, min(path) AS first FROM entries GROUP BY repo ORDER BY repo",
                    "--repo", str(ws), "--format", "json")
    rows = json.loads(result.stdout)["rows"]
    assert [r["repo"] for r in rows] == ["新庄村", "群安村"] and rows[0]["n"] == rows[1]["n"]
    assert all(r["first"].startswith(r["repo"] + "/entries/") for r in rows)


def test_published_parquet_answers_like_the_workspace(tmp_path: Path):
    """The county path: each village's CI publishes export --format parquet; the county queries the folders."""
    ws = _town(tmp_path)
    published = tmp_path / "published"
    for name in ("群安村", "新庄村"):
        out = published / name
        assert invoke("export", "--repo", str(tmp_path / name), "--format", "parquet", "--as-of", AS_OF,
                      "--out", str(out)).exit_code == 0
    sql = ("SELECT repo, category, count(*) AS n, count(*) FILTER (WHERE overdue) AS overdue, min(entry) AS e "
           "FROM issues GROUP BY ALL ORDER BY ALL")
    from_ws = json.loads(invoke("query", sql, "--repo", str(ws), "--as-of", AS_OF, "--format", "json").stdout)
    result = invoke("query", sql, "--parquet", str(published / "群安村"), "--parquet", str(published / "新庄村"),
                    "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == from_ws
    assert invoke("query", "SELECT 1", "--parquet", str(tmp_path / "nothing")).exit_code == 2


def test_cached_tables_follow_the_records(tmp_path: Path):
    """The members' cached Parquet tables are rebuilt when a record changes, and a tampered file is not read."""
    ws = _town(tmp_path)
    sql = "SELECT count(*) AS n FROM entries WHERE repo = '新庄村'"
    args = ("--repo", str(ws), "--as-of", AS_OF, "--format", "json")
    before = json.loads(invoke("query", sql, *args).stdout)["rows"][0]["n"]
    assert json.loads(invoke("query", sql, *args).stdout)["rows"][0]["n"] == before  # from the cache
    victim = sorted((tmp_path / "新庄村" / "entries").rglob("*.md"))[0]
    victim.unlink()
    assert json.loads(invoke("query", sql, *args).stdout)["rows"][0]["n"] == before - 1
    for cached in (tmp_path / "新庄村").rglob("entries.parquet"):
        cached.write_bytes(b"not parquet")
    assert json.loads(invoke("query", sql, *args).stdout)["rows"][0]["n"] == before - 1
