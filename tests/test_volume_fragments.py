"""The entries' HTML kept in the index (`EntryPrinter`, `index.queries.Fragments`): reused only when the
volume would print the same bytes again."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from minqing import volume
from minqing.index.queries import Fragments

DAY = dt.date(2024, 12, 31)


@pytest.fixture
def counted(monkeypatch) -> dict[str, int]:
    """Hits and misses of every fragment store a compile opens."""
    seen = {"hits": 0, "misses": 0}
    real_close = Fragments.close

    def close(self: Fragments) -> None:
        seen["hits"] += self.hits
        seen["misses"] += self.misses
        real_close(self)

    monkeypatch.setattr(Fragments, "close", close)
    return seen


def _compile(root: Path, out: Path, month: str, lang: str, redacted: bool, fmt: str = "html") -> bytes:
    volume.compile_month(root, month, fmt=fmt, out=out, lang=lang, redacted=redacted, today=DAY, force=True)
    return out.read_bytes()


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("redacted", [False, True])
def test_kept_entries_give_the_html_printed_without_them(indexed_village: Path, tmp_path: Path, monkeypatch, counted,
                                                          lang: str, redacted: bool) -> None:
    monkeypatch.setattr(volume, "FRAGMENT_CACHE", False)
    plain = _compile(indexed_village, tmp_path / "plain.html", "2024-03", lang, redacted)
    assert counted == {"hits": 0, "misses": 0}
    monkeypatch.setattr(volume, "FRAGMENT_CACHE", True)
    first = _compile(indexed_village, tmp_path / "first.html", "2024-03", lang, redacted)
    entries = plain.count(b'<article class="entry"')
    assert entries > 5 and counted == {"hits": 0, "misses": entries}
    again = _compile(indexed_village, tmp_path / "again.html", "2024-03", lang, redacted)
    assert counted == {"hits": entries, "misses": entries}  # every entry reused
    assert first == plain and again == plain


def test_an_edited_entry_is_printed_again_and_only_it(indexed_village: Path, tmp_path: Path, counted) -> None:
    before = _compile(indexed_village, tmp_path / "before.html", "2024-03", "zh", False)
    entries = before.count(b'<article class="entry"')
    counted.update(hits=0, misses=0)
    edited = sorted((indexed_village / "entries").rglob("2024-03-*.md"))[0]
    edited.write_text(edited.read_text(encoding="utf-8") + "\n补记：回访时又说起水渠的事。\n", encoding="utf-8")
    after = _compile(indexed_village, tmp_path / "after.html", "2024-03", "zh", False)
    assert "补记：回访时又说起水渠的事。" in after.decode()
    assert counted == {"hits": entries - 1, "misses": 1}
    volume.FRAGMENT_CACHE = False
    try:
        assert _compile(indexed_village, tmp_path / "plain.html", "2024-03", "zh", False) == after
    finally:
        volume.FRAGMENT_CACHE = True


def test_a_changed_label_or_language_is_no_hit(indexed_village: Path, tmp_path: Path, counted) -> None:
    _compile(indexed_village, tmp_path / "zh.html", "2024-03", "zh", False)
    entries = counted["misses"]
    _compile(indexed_village, tmp_path / "en.html", "2024-03", "en", False)
    assert counted == {"hits": 0, "misses": 2 * entries}


def test_the_repositorys_own_entry_template_is_used_and_never_kept(indexed_village: Path, tmp_path: Path, counted) -> None:
    (indexed_village / "templates").mkdir()
    (indexed_village / "templates" / "volume_entry.html.j2").write_text(
        "{%- macro households(refs) -%}{% for h in refs %}{{ h.id }}{% endfor %}{%- endmacro -%}\n"
        "{%- macro entry(e, L, lang) %}<p class=\"mine\">{{ e.title }}</p>{{ e.body_html }}{%- endmacro %}\n",
        encoding="utf-8")
    html = _compile(indexed_village, tmp_path / "own.html", "2024-03", "zh", False).decode()
    assert '<p class="mine">' in html and "<p>" in html.split('<p class="mine">', 2)[1]  # the body, rendered
    assert counted == {"hits": 0, "misses": 0}


def test_an_own_volume_template_gets_the_bodies_rendered(indexed_village: Path, tmp_path: Path, counted) -> None:
    (indexed_village / "templates").mkdir()
    (indexed_village / "templates" / "volume.html.j2").write_text(
        "{% for sec in volume.categories %}{% for e in sec.entries %}<div>{{ e.body_html }}</div>{% endfor %}"
        "{% endfor %}", encoding="utf-8")
    html = _compile(indexed_village, tmp_path / "own.html", "2024-03", "zh", False).decode()
    assert "<div><p>" in html and "<div></div>" not in html
    assert counted == {"hits": 0, "misses": 0}


def test_the_kept_pieces_stay_within_the_limit(indexed_village: Path, tmp_path: Path, monkeypatch) -> None:
    from minqing.config import load_config
    from minqing.index import for_root

    monkeypatch.setattr(Fragments, "LIMIT", 3)
    _compile(indexed_village, tmp_path / "a.html", "2024-03", "zh", False)
    idx = for_root(indexed_village, load_config(indexed_village))
    assert idx is not None
    assert idx.con.execute("SELECT count(*) FROM fragments").fetchone()[0] == 3


def test_kept_pieces_are_read_a_batch_at_a_time(indexed_village: Path, tmp_path: Path, monkeypatch, counted) -> None:
    """A year's volume never holds all its kept pieces at once: they are read a few ahead of the printing."""
    plain = _compile(indexed_village, tmp_path / "first.html", "2024", "zh", False)
    entries = plain.count(b'<article class="entry"')
    monkeypatch.setattr(volume.EntryPrinter, "BATCH", 3)
    held = []
    real_get = Fragments.get

    def get(self: Fragments, key: bytes):
        held.append(len(self.fetched))
        return real_get(self, key)

    monkeypatch.setattr(Fragments, "get", get)
    again = _compile(indexed_village, tmp_path / "again.html", "2024", "zh", False)
    assert again == plain and counted["hits"] == entries > 6
    assert len(held) == entries and max(held) <= 3
