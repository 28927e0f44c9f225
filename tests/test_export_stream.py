"""An export over the records index streams its rows (`export.Rows`): the files are those of the export
that loads every record first (the path without the index), byte for byte."""

from __future__ import annotations

import datetime as dt
import pickle
from pathlib import Path

import pytest

from minqing import export

DAY = dt.date(2024, 12, 31)


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "sqlite"])
@pytest.mark.parametrize("redacted", [False, True])
def test_streamed_files_are_those_of_a_loaded_repository(indexed_village: Path, tmp_path: Path, monkeypatch, fmt: str,
                                                         redacted: bool) -> None:
    monkeypatch.setenv("MINQING_NO_CACHE", "1")  # every record loaded, tables held whole: the old way
    loaded = export.collect(indexed_village, DAY, redacted=redacted)
    assert all(isinstance(t.rows, list) for t in loaded)
    export.export(loaded, fmt, tmp_path / "loaded")
    monkeypatch.setenv("MINQING_NO_CACHE", "0")
    for run in ("cold", "warm"):  # the index built, then read again with the ledger it stored
        streamed = export.collect(indexed_village, DAY, redacted=redacted)
        assert isinstance(next(t for t in streamed if t.name == "entries").rows, export.Rows)
        export.export(streamed, fmt, tmp_path / run)
        assert _files(tmp_path / run) == _files(tmp_path / "loaded")


def test_rows_read_again_compare_and_pickle_as_lists(indexed_village: Path) -> None:
    tables = {t.name: t for t in export.collect(indexed_village, DAY)}
    rows = tables["entries"].rows
    assert isinstance(rows, export.Rows)
    whole = list(rows)
    assert whole and list(rows) == whole and rows == whole and len(rows) == len(whole) and rows[0] == whole[0]
    assert pickle.loads(pickle.dumps(rows)) == whole and type(pickle.loads(pickle.dumps(rows))) is list
    issues = list(tables["issues"].rows)
    assert issues == list(tables["issues"].rows) and len({r[0] for r in issues}) == len(issues)


def test_the_ledger_stored_for_another_day_meanwhile_is_not_read(indexed_village: Path) -> None:
    """Another command stores the ledger of another date between collecting and writing: the issues are
    still those of the export's date."""
    from minqing.config import load_config
    from minqing.index import synced
    from minqing.index.queries import ledger_for

    early = dt.date(2024, 3, 10)
    expected = list(export.collect(indexed_village, early)[1].rows)
    tables = export.collect(indexed_village, early)
    ledger_for(indexed_village, DAY, idx=synced(indexed_village, load_config(indexed_village)))  # replaces the stored ledger
    assert list(tables[1].rows) == expected
    assert expected != list(export.collect(indexed_village, DAY)[1].rows)
