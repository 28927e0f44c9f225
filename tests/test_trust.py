"""Issue 10: a hostile or broken repository can neither leak, hang, crash nor fool minqing.

One test (or more) per class of failure: links, bounded work, private data, forged output,
exclusive writes, clear errors, processes and history.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from minqing import fsio
from minqing.frontmatter import _FW_COLON, flow_fw_comma, parse
from minqing.loader import load_repository

from .conftest import entry

E = "entries/2024/03/2024-03-04-a.md"
ENTRY = entry("日期: 2024-03-04\n记录人: 张丽\n村: 群安村\n类别: other\n标题: t\n")


def diags(root: Path) -> list[tuple[str, str, str]]:
    repo = load_repository(root, use_cache=False)
    return [(d.path, d.code, d.key) for d in repo.diagnostics]


# ---- 1. links ----

def test_linked_entries_folder_is_mq008_and_not_followed(make_repo, tmp_path):
    outside = tmp_path / "elsewhere"
    (outside / "2024" / "03").mkdir(parents=True)
    (outside / "2024" / "03" / "2024-03-04-a.md").write_text(ENTRY, encoding="utf-8")
    root = make_repo({})
    (root / "entries").symlink_to(outside, target_is_directory=True)
    found = diags(root)
    assert ("entries/", "MQ008", "MQ008.linkdir") in found
    assert not any(p.startswith("entries/2024") for p, _, _ in found)
    repo = load_repository(root, use_cache=False)
    assert not repo.entries


def test_linked_month_folder_inside_the_repository_is_mq008(make_repo):
    root = make_repo({"entries/2024/03/2024-03-04-a.md": ENTRY})
    (root / "entries" / "2024" / "04").symlink_to(root / "entries" / "2024" / "03", target_is_directory=True)
    found = diags(root)
    assert ("entries/2024/04/", "MQ008", "MQ008.linkdir") in found
    assert len(load_repository(root, use_cache=False).entries) == 1  # read once, through the real folder


def test_linked_households_folder_is_mq008(make_repo, tmp_path):
    other = tmp_path / "hh"
    other.mkdir()
    (other / "x-01.md").write_text("---\n编号: x-01\n户主: 王五\n---\n", encoding="utf-8")
    root = make_repo({}, households=False)
    (root / "households").symlink_to(other, target_is_directory=True)
    assert ("households/", "MQ008", "MQ008.linkdir") in diags(root)
    assert not load_repository(root, use_cache=False).households


def test_read_inside_never_passes_a_linked_parent(tmp_path):
    root = tmp_path / "r"
    (root / "a").mkdir(parents=True)
    secret = tmp_path / "secret"
    secret.mkdir()
    (secret / "key.md").write_text("PRIVATE KEY", encoding="utf-8")
    (root / "a" / "b").symlink_to(secret, target_is_directory=True)
    with pytest.raises(fsio.LinkRefused) as info:
        fsio.read_inside(root, "a/b/key.md")
    assert info.value.rel == "a/b" and info.value.folder
    (root / "a" / "f.md").symlink_to(secret / "key.md")
    with pytest.raises(fsio.LinkRefused):
        fsio.read_inside(root, "a/f.md")
    (root / "a" / "real.md").write_text("ok", encoding="utf-8")
    (root / "a" / "inside.md").symlink_to(root / "a" / "real.md")
    assert fsio.read_inside(root, "a/inside.md") == b"ok"  # a link that stays inside is read


def test_fifo_is_not_opened_for_reading(tmp_path):
    os.mkfifo(tmp_path / "p.md")
    with pytest.raises(fsio.NotRegular):
        fsio.read_inside(tmp_path, "p.md")  # returns at once: never blocks waiting for a writer


# ---- 2. bounded work ----

def test_record_larger_than_the_limit_is_mq008_naming_sizes(make_repo):
    big = entry("日期: 2024-03-04\n记录人: 张丽\n村: 群安村\n类别: other\n标题: t\n", "字" * 800_000)
    root = make_repo({E: big})
    repo = load_repository(root, use_cache=False)
    [d] = [d for d in repo.diagnostics if d.path == E]
    assert (d.code, d.key) == ("MQ008", "MQ008.toobig")
    assert d.params["limit"] == 2 * 1024 * 1024 and d.params["size"] == len(big.encode("utf-8"))


def test_record_limit_is_configurable(make_repo):
    from .conftest import CONFIG

    big = entry("日期: 2024-03-04\n记录人: 张丽\n村: 群安村\n类别: other\n标题: t\n", "字" * 800_000)
    root = make_repo({E: big}, config=CONFIG + "max_record_bytes: 4194304\n")
    assert not [d for d in load_repository(root, use_cache=False).diagnostics if d.code == "MQ008"]


@pytest.mark.parametrize("n", [40, 900, 5000])
def test_nesting_hidden_behind_an_apostrophe_is_bounded(n):
    data = ("---\ntags: [it's, " + "[" * n + "]" * n + "]\n---\nbody\n").encode()
    parsed = parse(data)  # no RecursionError
    assert [(p.code, p.key) for p in parsed.problems] == [("MQ004", "MQ004.deep")]


def test_nesting_inside_quotes_is_only_text():
    data = ('---\ntitle: "' + "[" * 500 + '"\ntags: [a, b]\n---\nbody\n').encode()
    parsed = parse(data)
    assert parsed.problems == ()


_OLD_FLOW_COMMA = re.compile(r":\s*\[[^\]\n]*?([，、])")  # the quadratic original, as the reference
_OLD_FW_COLON = re.compile(r"^([ ]*)(-[ ]+)?([^\s:：#'\"\[\]{}|>&*!%@`-][^:：\n]*?)[ \t]*：")
ALPHABET = st.sampled_from(list(":[]，、：- \ta'\"#b"))


@settings(max_examples=400, deadline=None)
@given(st.lists(ALPHABET, max_size=24).map("".join))
def test_linear_scanners_say_what_the_old_patterns_said(line):
    """The linear rewrites find exactly what the backtracking patterns found (small inputs)."""
    m = _OLD_FLOW_COMMA.search(line)
    assert flow_fw_comma(line) == (m.group(1) if m else "")
    old, new = _OLD_FW_COLON.match(line), _FW_COLON.match(line)
    assert bool(old) == bool(new)
    if old:
        assert old.group(3).strip() == new.group(3).strip()


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(ALPHABET, st.integers(1, 3000)), min_size=1, max_size=6))
def test_pathological_front_matter_lines_parse_without_crashing(runs):
    """Long runs of the characters the front-matter scanners look at: a problem or a parse, never an exception."""
    line = "".join(ch * k for ch, k in runs)
    for text in (line, "title: " + line, "- " + line, "a：" + line):
        parsed = parse(("---\n" + text + "\n---\nbody\n").encode())
        assert parsed.front is not None or parsed.problems


def test_linked_cache_folder_is_neither_read_nor_written(make_repo, tmp_path, monkeypatch):
    from . import gitrepo

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.delenv("MINQING_NO_CACHE", raising=False)
    root = make_repo({E: ENTRY})
    gitrepo.init(root)
    outside = tmp_path / "outside"
    outside.mkdir()
    (root / ".git" / "minqing").symlink_to(outside, target_is_directory=True)
    load_repository(root)
    load_repository(root)
    assert list(outside.iterdir()) == []


def test_linked_cache_file_is_neither_read_nor_overwritten(make_repo, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.delenv("MINQING_NO_CACHE", raising=False)
    root = make_repo({E: ENTRY})
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me", encoding="utf-8")
    (root / ".minqing-cache").mkdir()
    (root / ".minqing-cache" / "parse").symlink_to(victim)
    load_repository(root)
    assert victim.read_text(encoding="utf-8") == "keep me"
    assert (root / ".minqing-cache" / "parse").is_symlink()
