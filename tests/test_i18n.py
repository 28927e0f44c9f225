"""The message catalog: both languages, same placeholders; docs of the diagnostics kept in step."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from minqing import i18n

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("key", sorted(i18n.CATALOG))
def test_both_languages_have_the_same_placeholders(key):
    zh, en = i18n.CATALOG[key]
    assert zh.strip() and en.strip()
    assert i18n.placeholders(zh) == i18n.placeholders(en), key


def test_every_code_has_a_message():
    from minqing.diagnostics import SEVERITY

    assert set(SEVERITY) <= set(i18n.CATALOG)


def test_lang_detection(monkeypatch):
    monkeypatch.delenv("MINQING_LANG", raising=False)
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    assert i18n.detect_lang() == "en"
    monkeypatch.setenv("LANG", "C.UTF-8")
    assert i18n.detect_lang() == "zh"
    monkeypatch.setenv("MINQING_LANG", "en")
    assert i18n.detect_lang() == "en"
    assert i18n.detect_lang("zh") == "zh"
    assert i18n.lang_from_argv(["minqing", "--lang=en", "check"]) == "en"


def test_diagnostics_page_is_current():
    proc = subprocess.run([sys.executable, str(ROOT / "scripts" / "gen_diagnostics_doc.py"), "--check"],
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout
