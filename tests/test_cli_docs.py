"""Per-command docs stay in step with the CLI; help follows the language; completion scripts print."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
GENERATOR = ROOT / "scripts" / "gen_cli_docs.py"
FIX = "run `python scripts/gen_cli_docs.py` and commit docs/commands/"


def _load_generator():
    spec = importlib.util.spec_from_file_location("gen_cli_docs", GENERATOR)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def gen():
    return _load_generator()


@pytest.fixture(scope="module")
def pages(gen) -> dict[str, str]:
    return gen.render()


def test_every_command_has_a_page(gen) -> None:
    missing = [name for name, _ in gen.commands() if not (gen.DOCS / f"{name}.md").is_file()]
    assert not missing, f"no page in docs/commands for: {', '.join(missing)}; {FIX}"


def test_pages_match_the_generator(gen, pages: dict[str, str]) -> None:
    diff = gen.differences(pages)
    assert not diff, "docs/commands is out of step with the CLI:\n  " + "\n  ".join(diff) + f"\n{FIX}"


def test_generator_is_deterministic(gen, pages: dict[str, str]) -> None:
    assert gen.render() == pages


def test_pages_hold_both_languages(gen, pages: dict[str, str]) -> None:
    names = [name for name, _ in gen.commands()]
    assert {"check", "issues", "quota", "export"} <= set(names)
    for name in names:
        text = pages[f"{name}.md"]
        assert text.startswith(f"# minqing {name}\n")
        zh, en = text.index("## 中文"), text.index("## English")
        assert zh < en
        assert f"$ minqing {name} --help\n" in text[zh:en] and f"$ minqing {name} --help --lang en\n" in text[en:]
        assert f"({name}.md)" in pages["README.md"]
    assert "校验" in pages["check.md"].split("## English")[0]
    assert "Validate" in pages["check.md"].split("## English")[1]


def test_write_and_check(gen, pages: dict[str, str], tmp_path: Path) -> None:
    folder = tmp_path / "commands"
    (folder).mkdir()
    (folder / "gone.md").write_text("old", encoding="utf-8")
    gen.write(pages, folder)
    assert sorted(p.name for p in folder.iterdir()) == sorted(pages)
    assert gen.differences(pages, folder) == []
    (folder / "check.md").write_text("edited by hand", encoding="utf-8")
    (folder / "export.md").unlink()
    diff = gen.differences(pages, folder)
    assert any("check.md" in d for d in diff) and any("export.md" in d for d in diff)


# ---- the help language, read from argv before the app is built ----

def _env(**extra: str) -> dict[str, str]:
    drop = {"MINQING_LANG", "LC_ALL", "LC_MESSAGES", "LANGUAGE", "_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION",
            "_MINQING_COMPLETE"}
    env = {k: v for k, v in os.environ.items() if k not in drop}
    env.update({"LANG": "C.UTF-8", "PYTHONIOENCODING": "utf-8", "NO_COLOR": "1", "TERM": "dumb",
                "PYTHONPATH": os.pathsep.join([str(ROOT), *filter(None, [os.environ.get("PYTHONPATH")])])})
    env.update(extra)
    return env


def _minqing(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "minqing.cli", *args], cwd=ROOT, env=_env(**env),
                          capture_output=True, text=True, encoding="utf-8", timeout=120)


@pytest.mark.parametrize("args", [("--help",), ("check", "--help")])
def test_help_is_chinese_by_default(args: tuple[str, ...]) -> None:
    proc = _minqing(*args)
    assert proc.returncode == 0, proc.stderr
    assert "校验" in proc.stdout


@pytest.mark.parametrize("args", [("--help", "--lang", "en"), ("--lang", "en", "--help"), ("check", "--help", "--lang", "en"),
                                  ("check", "--lang=en", "--help"), ("--lang", "en", "check", "--help")])
def test_help_is_english_with_lang_en(args: tuple[str, ...]) -> None:
    proc = _minqing(*args)
    assert proc.returncode == 0, proc.stderr
    assert "校验" not in proc.stdout
    assert "validate" in proc.stdout.lower()


def test_lang_before_the_command_reaches_its_messages(tmp_path: Path) -> None:
    proc = _minqing("--lang", "en", "check", "--repo", str(tmp_path))
    assert proc.returncode == 2
    assert "no records repository" in proc.stderr
    proc = _minqing("--lang", "xx", "check", "--repo", str(tmp_path))
    assert proc.returncode == 2 and "xx" in proc.stderr


# ---- shell completion ----

@pytest.mark.parametrize("shell, marker", [("bash", "complete -o default -F"), ("zsh", "#compdef minqing"),
                                           ("fish", "complete --command minqing"), ("powershell", "Register-ArgumentCompleter")])
def test_show_completion_prints_a_script(shell: str, marker: str) -> None:
    proc = _minqing("--show-completion", shell, _TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION="1")
    assert proc.returncode == 0, proc.stderr
    assert marker in proc.stdout and "_MINQING_COMPLETE" in proc.stdout
    # the way docs/completion.md gives for a chosen shell prints the same script
    by_env = _minqing(_MINQING_COMPLETE=f"source_{shell}")
    assert by_env.returncode == 0 and by_env.stdout.strip() == proc.stdout.strip()


def test_completion_completes_commands_and_options() -> None:
    proc = _minqing(_MINQING_COMPLETE="complete_bash", COMP_WORDS="minqing ex", COMP_CWORD="1")
    assert proc.stdout.split() == ["export"]
    proc = _minqing(_MINQING_COMPLETE="complete_bash", COMP_WORDS="minqing export --f", COMP_CWORD="2")
    assert set(proc.stdout.split()) == {"--format", "--force"}


def test_completion_doc_covers_every_shell() -> None:
    text = (ROOT / "docs" / "completion.md").read_text(encoding="utf-8")
    assert text.index("## 中文") < text.index("## English")
    for shell in ("bash", "zsh", "fish", "PowerShell"):
        assert shell in text
    assert "--install-completion" in text and "--show-completion" in text
