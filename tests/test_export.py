"""`minqing export`: the same ledger in every format, typed columns, no clobbering."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import sqlite3
import sys
from collections import Counter
from pathlib import Path

import pytest
from typer.testing import CliRunner

from minqing import export
from minqing.cli import app

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "village-records"
AS_OF = "2024-06-30"
TABLES = ("entries", "issues", "updates", "households", "quota", "reviews", "orders")
OPEN_SQL = ("SELECT village, COUNT(*) FROM issues WHERE status IN ('open', 'in-progress', 'escalated') "
            "GROUP BY village ORDER BY village")


def run(*args: str) -> object:
    return CliRunner().invoke(app, list(args))


def do_export(out: Path, fmt: str, *more: str) -> object:
    result = run("export", "--repo", str(EXAMPLE), "--as-of", AS_OF, "--format", fmt, "--out", str(out), *more)
    assert result.exit_code == 0, (result.output, result.exception)
    return result


@pytest.fixture(scope="module")
def open_per_village() -> dict[str, int]:
    """Open issues per village, from `minqing issues --format json` (which lists only open issues)."""
    result = run("issues", "--format", "json", "--repo", str(EXAMPLE), "--as-of", AS_OF)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["as_of"] == AS_OF
    counts = Counter(i["village"] for i in data["issues"] if i["status"] in ("open", "in-progress", "escalated"))
    assert sum(counts.values()) == len(data["issues"])
    assert sum(counts.values()) > 0, "the example should have open issues on 2024-06-30"
    return dict(counts)


def test_sqlite_open_issues_per_village(tmp_path: Path, open_per_village: dict[str, int]) -> None:
    result = do_export(tmp_path / "out", "sqlite")
    db = tmp_path / "out" / "minqing.sqlite"
    assert result.stdout.strip() == str(db)
    con = sqlite3.connect(db)
    try:
        assert dict(con.execute(OPEN_SQL).fetchall()) == open_per_village
        names = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        assert names == set(TABLES)
        indexes = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
        assert {"issues_status", "issues_village", "updates_issue"} <= indexes
    finally:
        con.close()


def test_sqlite_column_types(tmp_path: Path) -> None:
    do_export(tmp_path, "sqlite")
    con = sqlite3.connect(tmp_path / "minqing.sqlite")
    try:
        declared = {
            "entries": export.ENTRY_COLUMNS, "issues": export.ISSUE_COLUMNS, "updates": export.UPDATE_COLUMNS,
            "households": export.HOUSEHOLD_COLUMNS, "quota": export.QUOTA_COLUMNS,
            "reviews": export.REVIEW_COLUMNS, "orders": export.ORDER_COLUMNS,
        }
        sql_type = {"text": "TEXT", "int": "INTEGER", "real": "REAL", "bool": "INTEGER", "date": "TEXT", "list": "TEXT"}
        for name, columns in declared.items():
            info = con.execute(f'PRAGMA table_info("{name}")').fetchall()  # cid, name, type, notnull, default, pk
            assert [(r[1], r[2]) for r in info] == [(c.name, sql_type[c.type]) for c in columns], name
        pk = {name: [r[1] for r in sorted(con.execute(f'PRAGMA table_info("{name}")'), key=lambda r: r[5]) if r[5]]
              for name in TABLES}
        assert pk == {"entries": ["path"], "issues": ["id"], "updates": [], "households": ["id"], "quota": ["cadre", "week"],
                      "reviews": [], "orders": ["issue"]}
        # values are stored with the declared types: ISO dates, 0/1 booleans, integers, JSON lists
        for table, column, check in [
            ("issues", "raised", "typeof(raised) = 'text' AND raised GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'"),
            ("issues", "due", "typeof(due) = 'text' AND date(due) = due"),
            ("issues", "overdue", "typeof(overdue) = 'integer' AND overdue IN (0, 1)"),
            ("issues", "updates", "typeof(updates) = 'integer'"),
            ("entries", "urgent", "typeof(urgent) = 'integer'"),
            ("entries", "households", "json_valid(households) AND json_type(households) = 'array'"),
            ("households", "members", "members IS NULL OR typeof(members) = 'integer'"),
            ("quota", "short", "typeof(short) = 'integer'"),
        ]:
            bad = con.execute(f'SELECT COUNT(*) FROM "{table}" WHERE NOT ({check})').fetchone()[0]
            total = con.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0]
            assert total and not bad, (table, column)
        # the issue rows match the ledger as of the date, closed ones included
        row = con.execute("SELECT COUNT(*), SUM(status IN ('resolved', 'explained')) FROM issues").fetchone()
        assert row[0] > row[1] > 0
        assert con.execute("SELECT COUNT(*) FROM updates u LEFT JOIN issues i ON i.id = u.issue "
                           "WHERE i.id IS NULL").fetchone()[0] == 0
    finally:
        con.close()


def test_parquet_open_issues_per_village(tmp_path: Path, open_per_village: dict[str, int]) -> None:
    duckdb = pytest.importorskip("duckdb", reason="duckdb is not installed (pip install 'minqing[analytics]')")
    do_export(tmp_path, "parquet")
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(f"{t}.parquet" for t in TABLES)
    con = duckdb.connect()
    try:
        issues = str(tmp_path / "issues.parquet").replace("'", "''")
        got = con.execute(OPEN_SQL.replace("FROM issues", f"FROM read_parquet('{issues}')")).fetchall()
        assert dict(got) == open_per_village
        types = dict(con.execute(f"SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM read_parquet('{issues}'))").fetchall())
        assert types["raised"] == "DATE" and types["due"] == "DATE" and types["closed_on"] == "DATE"
        assert types["overdue"] == "BOOLEAN" and types["updates"] == "INTEGER" and types["households"] == "VARCHAR[]"
        quota = str(tmp_path / "quota.parquet").replace("'", "''")
        qtypes = dict(con.execute(f"SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM read_parquet('{quota}'))").fetchall())
        assert qtypes == {"cadre": "VARCHAR", "week": "VARCHAR", "required": "BOOLEAN", "count": "INTEGER",
                          "late": "INTEGER", "short": "BOOLEAN", "backfill": "INTEGER"}
        first = con.execute(f"SELECT min(raised) FROM read_parquet('{issues}')").fetchone()[0]
        assert isinstance(first, dt.date)
    finally:
        con.close()


def test_parquet_without_duckdb(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "duckdb", None)  # import duckdb now raises ImportError
    result = run("export", "--repo", str(EXAMPLE), "--format", "parquet", "--out", str(tmp_path / "p"), "--lang", "en")
    assert result.exit_code == 2
    assert "pip install 'minqing[analytics]'" in result.output
    assert not (tmp_path / "p").exists()


def test_csv_has_bom_and_parses(tmp_path: Path, open_per_village: dict[str, int]) -> None:
    do_export(tmp_path, "csv")
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(f"{t}.csv" for t in TABLES)
    for name in TABLES:
        raw = (tmp_path / f"{name}.csv").read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf"), name
        with open(tmp_path / f"{name}.csv", encoding="utf-8-sig", newline="") as fh:
            rows = list(csv.DictReader(fh))
        assert rows, name
    with open(tmp_path / "issues.csv", encoding="utf-8-sig", newline="") as fh:
        issues = list(csv.DictReader(fh))
    assert list(issues[0]) == [c.name for c in export.ISSUE_COLUMNS]
    counts = Counter(r["village"] for r in issues if r["status"] in ("open", "in-progress", "escalated"))
    assert dict(counts) == open_per_village
    assert {r["overdue"] for r in issues} <= {"true", "false"}
    assert all(dt.date.fromisoformat(r["raised"]) for r in issues)


def test_jsonl_lines_parse(tmp_path: Path, open_per_village: dict[str, int]) -> None:
    do_export(tmp_path, "jsonl")
    for name in TABLES:
        text = (tmp_path / f"{name}.jsonl").read_text(encoding="utf-8")
        assert not text.startswith("\ufeff") and text.endswith("\n")
        rows = [json.loads(line) for line in text.splitlines()]
        assert rows and all(isinstance(r, dict) for r in rows), name
    issues = [json.loads(line) for line in (tmp_path / "issues.jsonl").read_text(encoding="utf-8").splitlines()]
    assert all(isinstance(i["households"], list) and isinstance(i["overdue"], bool) for i in issues)
    counts = Counter(i["village"] for i in issues if i["status"] in ("open", "in-progress", "escalated"))
    assert dict(counts) == open_per_village


def test_no_clobbering_without_force(tmp_path: Path) -> None:
    out = tmp_path / "new" / "folder"
    do_export(out, "csv")  # --out is created when missing
    marker = out / "issues.csv"
    marker.write_text("mine", encoding="utf-8")
    result = run("export", "--repo", str(EXAMPLE), "--as-of", AS_OF, "--format", "csv", "--out", str(out), "--lang", "en")
    assert result.exit_code == 2
    assert "--force" in result.output and "issues.csv" in result.output
    assert marker.read_text(encoding="utf-8") == "mine"
    # another format in the same folder writes other files: no conflict
    do_export(out, "jsonl")
    do_export(out, "sqlite")
    assert run("export", "--repo", str(EXAMPLE), "--format", "sqlite", "--out", str(out)).exit_code == 2
    do_export(out, "csv", "--force")
    assert marker.read_bytes().startswith(b"\xef\xbb\xbf")
    assert not [p for p in out.iterdir() if p.name.startswith(".")], "temporary files are cleaned up"


def test_usage_errors(tmp_path: Path) -> None:
    assert run("export", "--repo", str(EXAMPLE), "--format", "xlsx", "--out", str(tmp_path)).exit_code == 2
    assert run("export", "--repo", str(EXAMPLE), "--out", str(tmp_path), "--as-of", "2024-02-30").exit_code == 2
    a_file = tmp_path / "file"
    a_file.write_text("x", encoding="utf-8")
    result = run("export", "--repo", str(EXAMPLE), "--out", str(a_file), "--lang", "en")
    assert result.exit_code == 2 and "not a folder" in result.output


def test_tables_from_a_small_repository(make_repo, tmp_path: Path) -> None:
    from .conftest import entry

    root = make_repo({
        "entries/2024-03-04-a.md": entry("""
            日期: 2024-03-04
            记录人: 张丽
            村: 群安村
            农户: [吴俊义]
            类别: 群众关注的热点难点
            标题: 饮水
            紧急: 是
            诉求:
              - 摘要: 水管冻裂
        """),
        "entries/2024-03-05-b.md": entry("""
            日期: 2024-03-05
            记录人: 张丽
            村: 群安村
            类别: 村容村貌整治
            标题: 回访
            跟踪:
              - 问题: 2024-03-04-a#1
                状态: 已解决
                结果: 修好了
                反馈: 当面告知
                满意度: 满意
        """),
    })
    tables = {t.name: t for t in export.collect(root, dt.date(2024, 3, 10))}
    entries = list(tables["entries"].records())
    assert [e["path"] for e in entries] == ["entries/2024-03-04-a.md", "entries/2024-03-05-b.md"]
    assert entries[0]["households"] == ["qa-01"] and entries[0]["urgent"] is True and entries[0]["issues"] == 1
    assert entries[1]["updates"] == 1 and entries[1]["category"] == "environment"
    (issue,) = tables["issues"].records()
    assert issue["status"] == "resolved" and issue["closed_on"] == dt.date(2024, 3, 5) and issue["satisfaction"] == "满意"
    assert issue["due"] == dt.date(2024, 3, 7) and issue["updates"] == 1
    (update,) = tables["updates"].records()
    assert update["issue"] == "2024-03-04-a#1" and update["reopening"] is False
    households = {h["id"]: h for h in tables["households"].records()}
    assert households["qa-01"]["members"] == 4 and households["qa-02"]["members"] is None
    quota = list(tables["quota"].records())
    assert {(q["cadre"], q["week"]) for q in quota} == {("张丽", "2024-W10"), ("李明", "2024-W10")}
    assert next(q for q in quota if q["cadre"] == "李明")["short"] is True
    # CSV of lists and booleans
    export.export(list(tables.values()), "csv", tmp_path / "csv")
    text = (tmp_path / "csv" / "entries.csv").read_text(encoding="utf-8-sig")
    row = next(csv.DictReader(io.StringIO(text)))
    assert row["households"] == "qa-01" and row["urgent"] == "true"
