"""A workspace's query tables kept in one store (workspace/qstore.py): read when nothing changed, never stale."""

from __future__ import annotations

import json
import os
from pathlib import Path

from typer.testing import CliRunner

from minqing import index
from minqing.cli import app
from minqing.workspace import qstore, tables
from tests.examples import village, workspace

runner = CliRunner()
AS_OF = "2024-06-30"
ISSUES = "SELECT repo, entry, summary, status FROM issues ORDER BY ALL"
TABLES = ("entries", "issues", "updates", "households", "quota", "reviews", "orders")


def query(ws: Path, sql: str = ISSUES, fmt: str = "json", as_of: str = AS_OF) -> str:
    result = runner.invoke(app, ["query", sql, "--repo", str(ws), "--as-of", as_of, "--format", fmt])
    assert result.exit_code == 0, result.output
    return result.stdout


def cold(ws: Path, sql: str = ISSUES, fmt: str = "json", as_of: str = AS_OF) -> str:
    """The answer read from the files, no cache of any kind."""
    index.forget()
    os.environ["MINQING_NO_CACHE"] = "1"
    try:
        return query(ws, sql, fmt, as_of)
    finally:
        del os.environ["MINQING_NO_CACHE"]


def store_files(ws: Path) -> list[str]:
    folder = ws / ".minqing-cache" / "query"
    return sorted(p.name for p in folder.iterdir()) if folder.is_dir() else []


def no_members_read(monkeypatch) -> None:
    """From here on, reading the members' tables fails: an answer can only come from the store."""
    def refuse(*args, **kwargs):
        raise AssertionError("the members' tables were read")

    monkeypatch.setattr(tables, "workspace_parquet", refuse)


def test_a_warm_query_reads_the_store_and_answers_alike_in_every_format(town: Path, monkeypatch):
    for name in TABLES:
        sql = f"SELECT * FROM {name}"
        answers = {fmt: query(town, sql, fmt) for fmt in ("json", "csv", "text", "table")}
        assert any(f".{name}.duckdb" in f for f in store_files(town))
        with monkeypatch.context() as patch:
            no_members_read(patch)
            for fmt, first in answers.items():
                assert query(town, sql, fmt) == first, (name, fmt)
        for fmt in ("json", "csv"):
            assert cold(town, sql, fmt) == answers[fmt], (name, fmt)
    # the columns' types are the ones the members' tables give
    types = ("SELECT table_name, column_name, data_type FROM information_schema.columns "
             "WHERE table_name IN ('entries', 'issues') AND table_catalog = current_database() ORDER BY ALL")
    assert query(town, types) == cold(town, types)
    assert json.loads(query(town, types))["rows"]


def test_an_edit_keeping_size_and_mtime_is_seen(town: Path, monkeypatch):
    before = json.loads(query(town))["rows"]
    member = town.parent / "群安村"
    path = next(p for p in sorted((member / "entries").rglob("*.md")) if "issues:" in p.read_text(encoding="utf-8"))
    summary = next(r["summary"] for r in before if r["repo"] == "群安村" and r["entry"].endswith(path.name))
    text = path.read_text(encoding="utf-8")
    changed = text.replace(summary, summary[::-1], 1)
    assert len(changed.encode()) == len(text.encode()) and changed != text
    st = path.stat()
    path.write_text(changed, encoding="utf-8")
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    after = query(town)
    assert summary[::-1] in {r["summary"] for r in json.loads(after)["rows"] if r["repo"] == "群安村"}
    assert after == cold(town)
    with monkeypatch.context() as patch:  # the new state is kept in its turn
        no_members_read(patch)
        assert query(town) == after


def test_members_added_removed_and_reordered_change_the_answer(town: Path):
    sql = "SELECT repo, count(*) AS n FROM entries GROUP BY repo ORDER BY repo"
    both = json.loads(query(town, sql))["rows"]
    assert [r["repo"] for r in both] == ["新庄村", "群安村"]
    workspace(town, ["../群安村"])
    assert [r["repo"] for r in json.loads(query(town, sql))["rows"]] == ["群安村"]
    village(town.parent / "东岳村")
    workspace(town, ["../群安村", "../新庄村", "../东岳村"])
    assert [r["repo"] for r in json.loads(query(town, sql))["rows"]] == ["东岳村", "新庄村", "群安村"]
    workspace(town, ["../新庄村", "../群安村"])  # member order is the order of `SELECT *` rows
    first = json.loads(query(town, "SELECT repo FROM entries LIMIT 1"))["rows"]
    assert first == [{"repo": "新庄村"}]
    assert query(town, "SELECT repo, path FROM entries") == cold(town, "SELECT repo, path FROM entries")


def test_a_changed_member_config_or_date_is_another_state(town: Path):
    sql = "SELECT repo, id, due FROM issues ORDER BY ALL"
    query(town, sql)
    config = town.parent / "新庄村" / "minqing.yaml"
    config.write_text(config.read_text(encoding="utf-8") + "\n# a comment\n", encoding="utf-8")
    keys = {f.split(".", 1)[0] for f in store_files(town)}
    query(town, sql)
    assert len({f.split(".", 1)[0] for f in store_files(town)}) == len(keys) + 1
    assert query(town, sql, as_of="2024-05-31") == cold(town, sql, as_of="2024-05-31")


def test_racy_or_linked_records_leave_the_store_unused(tmp_path: Path):
    village(tmp_path / "群安村")
    ws = workspace(tmp_path / "镇", ["../群安村"])
    first = query(ws)  # the files were written just now: within the racy window
    assert store_files(ws) == []
    assert query(ws) == first
    index.forget()


def test_a_linked_record_leaves_the_store_unused(town: Path):
    member = town.parent / "群安村"
    path = next(p for p in sorted((member / "entries").rglob("*.md")))
    os.symlink(path.name, path.with_name("link.md"))
    query(town)
    assert store_files(town) == []


def test_an_altered_store_file_is_built_again(town: Path):
    first = query(town)
    for name in store_files(town):
        if name.endswith(".duckdb"):
            (town / ".minqing-cache" / "query" / name).write_bytes(b"not a database")
    assert query(town) == first
    assert query(town) == first


def test_the_last_few_states_are_kept(town: Path):
    days = ["2024-06-26", "2024-06-27", "2024-06-28", "2024-06-29", "2024-06-30", "2024-07-01"]
    for day in days:
        query(town, as_of=day)
    keys = {f.split(".", 1)[0] for f in store_files(town)}
    assert len(keys) == qstore.KEEP
    # and each member keeps as many states of its own tables
    member = town.parent / "群安村" / ".minqing-cache" / "parquet"
    assert len([p for p in member.iterdir() if p.is_dir()]) == tables.KEEP


def test_two_dates_do_not_rebuild_each_others_member_tables(town: Path, monkeypatch):
    sql = "SELECT repo, count(*) AS n FROM issues WHERE overdue GROUP BY repo ORDER BY repo"
    june, july = query(town, sql, as_of="2024-06-30"), query(town, sql, as_of="2024-07-31")
    for cached in (town / ".minqing-cache" / "query").iterdir():
        cached.unlink()  # the workspace store gone: only the members' own tables remain

    def refuse(*args, **kwargs):
        raise AssertionError("a member's tables were built again")

    monkeypatch.setattr("minqing.export.collect", refuse)
    assert query(town, sql, as_of="2024-06-30") == june
    assert query(town, sql, as_of="2024-07-31") == july


def test_a_members_key_spelled_with_escapes_is_still_a_workspace(tmp_path: Path):
    """The quick look that skips parsing a member's config (no `members` in its bytes) is never fooled."""
    from minqing.workspace.model import is_workspace

    village(tmp_path / "群安村")
    ws = tmp_path / "镇"
    ws.mkdir()
    (ws / "minqing.yaml").write_text('"m\\x65mbers":\n  - ../群安村\n', encoding="utf-8")
    assert is_workspace(ws) and not is_workspace(tmp_path / "群安村")
    result = runner.invoke(app, ["query", "SELECT DISTINCT repo FROM entries", "--repo", str(ws), "--as-of", AS_OF,
                                 "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["rows"] == [{"repo": "群安村"}]
    index.forget()
