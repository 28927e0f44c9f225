"""The shortcuts a month's volume takes at county size give exactly what the long way gives: plain
prose bodies written without a Markdown parse, image lookups skipped for bodies without images, the
template reading minqing's own context types without the sandbox's per-access checks, the ledger read
from the index instead of rebuilt, and first commits read for the period's entries only."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from minqing import figures, volume
from minqing.cjkbreaks import cjk_breaks_plugin, paragraphs_per_line
from minqing.history import first_commits, repository_history

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "village-records"

_MD = MarkdownIt("commonmark", {"html": False}).disable(["link", "autolink"]).use(cjk_breaks_plugin)


def parsed(body: str) -> str:
    return str(_MD.render(paragraphs_per_line(body), {"images": {}}))


# Chinese prose with the characters that matter to Markdown around it: digits before 组 or before `.`,
# punctuation, quotes, blanks of both widths, line breaks and the markup characters themselves
ALPHABET = st.sampled_from(list("组村月日我在了。，！？；：“”（）《》") + list("0123456789") +
                           list("abcXYZ") + list(" \t\u3000\n\n\n\r") + list("#>-+*_=`~[]()<>&!\\\"'|.:%$@{}"))
BODIES = st.lists(ALPHABET, max_size=80).map("".join)
PROSE = st.lists(st.sampled_from(["6月7日，我在龙沟村十二组。", "13组常住的只有33户", "“好”", "说：“行”", "A组",
                                  "2024", "1.5亩", "费用\"", "", "", "\u3000缩进", "1. 列表", "**情况**"]),
                 max_size=12).map("\n".join)


@settings(max_examples=600, deadline=None)
@given(st.one_of(BODIES, PROSE))
def test_plain_paragraphs_are_what_markdown_it_writes(body: str) -> None:
    text = paragraphs_per_line(body)
    plain = volume.plain_paragraphs(text)
    if plain is not None:
        assert plain == _MD.render(text, {"images": {}})
    assert volume.markdown_renderer()(body) == parsed(body)


def test_plain_paragraphs_take_the_usual_diary_and_leave_markup_to_the_parser() -> None:
    diary = "6月7日，我在龙沟村十二组。\n\n13组常住的只有33户，说“好”。\n"
    assert volume.plain_paragraphs(paragraphs_per_line(diary)) == (
        "<p>6月7日，我在龙沟村十二组。</p>\n<p>13组常住的只有33户，说“好”。</p>\n")
    assert volume.plain_paragraphs('他说"好"') == "<p>他说&quot;好&quot;</p>\n"
    for body in ("**情况**", "1. 第一条", "2) 第二条", "# 标题", "> 引用", "    代码", "- 一项", "第一行\n第二行 x",
                 "a & b", "<b>粗</b>", "`代码`", "图 ![a](b.png)", "\u3000缩进", "行尾 "):
        assert volume.plain_paragraphs(body) is None, body


@settings(max_examples=300, deadline=None)
@given(BODIES)
def test_body_images_without_the_two_characters_are_none(body: str) -> None:
    if "![" not in body:
        md = MarkdownIt("commonmark", {"html": False}).disable(["link", "autolink"])
        found = [t for block in md.parse(body) for t in (block.children or []) if t.type == "image"]
        assert found == [] and figures.body_images(body) == []


def test_body_images_still_found() -> None:
    assert figures.body_images("看 ![门口](img/a.png) 和 ![][r]\n\n[r]: b.jpg") == [("img/a.png", "门口"), ("b.jpg", "")]


@pytest.fixture
def village(tmp_path: Path) -> Path:
    root = tmp_path / "village"
    shutil.copytree(EXAMPLE, root)
    return root


def test_the_index_path_gives_the_volume_of_a_fresh_read(village: Path, tmp_path: Path, monkeypatch) -> None:
    """Ledger from the index, entries before the window left unread: the same HTML as without the index."""
    outs = {}
    for name, cache in (("indexed", "0"), ("fresh", "1")):
        monkeypatch.setenv("MINQING_NO_CACHE", cache)
        for month in ("2024-03", "2024-04", "2024-Q1"):
            for redacted in (False, True):
                target = tmp_path / f"{name}-{month}-{redacted}.html"
                volume.compile_month(village, month, out=target, redacted=redacted, today=dt.date(2024, 12, 31))
                outs[name, month, redacted] = target.read_bytes()
    for (name, month, redacted), data in outs.items():
        if name == "indexed":
            assert data == outs["fresh", month, redacted], (month, redacted)


def test_first_commits_of_some_paths_agree_with_the_whole_history(village: Path, monkeypatch, tmp_path) -> None:
    import subprocess

    from minqing import history

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "usercache"))
    monkeypatch.delenv("MINQING_NO_CACHE", raising=False)

    subprocess.run(["git", "init", "-q"], cwd=village, check=True)
    subprocess.run(["git", "add", "-A"], cwd=village, check=True)
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "all"], cwd=village, check=True)
    whole = repository_history(village)
    assert whole
    paths = sorted(whole)[:5] + ["entries/none.md"]
    expected = {p: whole[p].first.date for p in paths if p in whole}
    assert first_commits(village, paths) == expected  # made from the history, then stored
    everything = {p: h.first.date for p, h in whole.items() if h.commits}
    monkeypatch.setattr(history, "repository_history",  # the table is stored: the history is not read again
                        lambda root: (_ for _ in ()).throw(AssertionError("the full history was read again")))
    assert first_commits(village, paths) == expected  # read from the stored table
    assert first_commits(village) == everything


def test_first_commits_outside_git_are_none(village: Path) -> None:
    assert first_commits(village, ["entries/2024/03/x.md"]) is None


def test_export_tables_from_the_index_are_those_of_a_fresh_read(village: Path, monkeypatch) -> None:
    """Records and the stored ledger from the index, first commits of the entries only: the same tables."""
    from minqing import export

    day = dt.date(2024, 6, 30)
    monkeypatch.setenv("MINQING_NO_CACHE", "1")
    fresh_unknown: set[int] = set()
    fresh = export.collect(village, day, fresh_unknown)
    monkeypatch.setenv("MINQING_NO_CACHE", "0")
    for _ in range(2):  # the second run reads the ledger the first one stored
        unknown: set[int] = set()
        indexed = export.collect(village, day, unknown)
        assert [(t.name, t.rows) for t in indexed] == [(t.name, t.rows) for t in fresh]
        assert unknown == fresh_unknown


def test_progress_only_on_a_terminal(village: Path, tmp_path: Path, monkeypatch, capsys) -> None:
    """No bar when stderr is not a terminal (hooks, CI, pipes); a bar on stderr when it is."""
    from minqing import export, progress

    day = dt.date(2024, 6, 30)
    export.export(export.collect(village, day, progress=True), "csv", tmp_path / "plain")  # rows are read while written
    assert capsys.readouterr().err == ""
    monkeypatch.setattr(progress, "wanted", lambda: True)
    drawn = []
    real_bar = progress.bar

    def counting_bar(total: int, label: str, enabled: bool = True):
        drawn.append((total, label, enabled))
        return real_bar(total, label, enabled)

    monkeypatch.setattr(progress, "bar", counting_bar)
    export.export(export.collect(village, day, progress=True), "csv", tmp_path / "drawn")
    volume.compile_month(village, "2024", out=tmp_path / "y.html", today=dt.date(2024, 12, 31))
    labels = {label for _, label, _ in drawn}
    assert {"export", "compile"} <= labels


@pytest.mark.parametrize("fmt", ["html", "md"])
def test_the_shortcuts_write_the_volume_the_long_way_writes(village: Path, tmp_path: Path, monkeypatch, fmt: str) -> None:
    """Sandbox checks on every read, a Markdown parse of every body and image lookups for all: the same bytes."""
    monkeypatch.setattr(volume, "FRAGMENT_CACHE", False)  # each run prints every entry (none kept from the first)
    fast = tmp_path / f"fast.{fmt}"
    volume.compile_month(village, "2024-Q1", fmt=fmt, out=fast, today=dt.date(2024, 12, 31))
    monkeypatch.setattr(volume, "context_types", lambda: ())
    monkeypatch.setattr(volume, "plain_paragraphs", lambda text: None)
    slow = tmp_path / f"slow.{fmt}"
    volume.compile_month(village, "2024-Q1", fmt=fmt, out=slow, today=dt.date(2024, 12, 31))
    assert fast.read_bytes() == slow.read_bytes()
