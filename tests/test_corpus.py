"""The bad-input corpus: every broken record gives its own diagnostic, and nothing crashes.

The corpus is tests/corpus/repo/ (written by tests/corpus/make_corpus.py) and its
manifest tests/corpus/expected.json. The test copies it under tmp_path, adds the
cases that cannot be committed (a 10 MB entry, a symlink leaving the repository,
a file name that is not UTF-8), and runs ``minqing check`` on the copy.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import traceback
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

CORPUS = Path(__file__).resolve().parent / "corpus"
CORPUS_REPO = CORPUS / "repo"
MANIFEST: dict[str, dict[str, Any]] = json.loads((CORPUS / "expected.json").read_text(encoding="utf-8"))

GOOD = "entries/2024/03/2024-03-05-good.md"
GBK = "entries/2024/03/2024-03-06-gbk.md"
PWNED = "/tmp/minqing-pwned"  # written by the python tag in 2024-03-14-python-tag.md if it ever runs

BIG = "entries/2024/03/2024-03-22-big.md"
LINK = "entries/2024/03/2024-03-20-link.md"
BADNAME_DIR = "entries/2024/03"
BADNAME = b"2024-03-21-\xb2\xe2\xca\xd4.md"  # "测试" in GBK: not UTF-8
BADNAME_PREFIX = "entries/2024/03/2024-03-21-"

TIME_LIMIT = 600  # seconds: a run that takes longer is a hang
BIG_TIME_LIMIT = 120  # seconds: the whole corpus run, 10 MB entry included

# severities from the spec's table (section 7); MQ008 (symlink out of the repository) per the lead
SEVERITY = {
    **{c: "error" for c in ("MQ001", "MQ002", "MQ003", "MQ004", "MQ005", "MQ006", "MQ007", "MQ008")},
    **{c: "error" for c in ("MQ101", "MQ103", "MQ104", "MQ106", "MQ107", "MQ108", "MQ109", "MQ110")},
    **{c: "error" for c in ("MQ111", "MQ112", "MQ113", "MQ114", "MQ115")},
    **{c: "warning" for c in ("MQ102", "MQ105", "MQ116", "MQ117", "MQ118", "MQ201", "MQ202")},
    **{c: "warning" for c in ("MQ301", "MQ302", "MQ303")},
}


# ---------------------------------------------------------------------------
# building the repository under test
# ---------------------------------------------------------------------------

BIG_HEAD = "---\n日期: 2024-03-22\n记录人: 张丽\n村: 群安村\n类别: 村务民主管理\n标题: 全年村务档案整理长篇记录\n---\n"
BIG_PARAGRAPH = (
    "逐卷翻阅村里历年的会议记录、收支凭证和工程合同，按年份和事项分类装订，缺页之处另行登记说明。\n"
    "整理中发现早年的土地承包合同字迹褪色，需要复印存档，原件装入防潮袋单独保管，以备日后查证。\n"
    "档案目录录入电脑后打印两份，一份存村档案室，一份报镇经管站，群众需要查阅时可以凭身份登记调阅。\n"
)
# a mobile number on the last line: its MQ202 proves the whole 10 MB file was read
BIG_LAST = "档案室管理员的手机号码是13698765432，查阅档案请提前预约。\n"


def big_text() -> str:
    """A valid entry of just over 10 MB whose last line holds a mobile number."""
    return BIG_HEAD + BIG_PARAGRAPH * (10 * 1024 * 1024 // len(BIG_PARAGRAPH.encode("utf-8")) + 1) + BIG_LAST


def big_last_line() -> int:
    return big_text().count("\n")


BADNAME_TEXT = (
    "---\n日期: 2024-03-21\n记录人: 张丽\n村: 群安村\n类别: 其他\n标题: 文件名不是UTF-8编码\n---\n"
    "这篇日记的文件名是用国标码保存的，内容本身没有问题：记录的是帮村民学习使用智能手机的事情，\n"
    "教会了几位老人视频通话和扫码付款，他们很高兴，说以后可以随时和在外地的儿女见面聊天了。\n"
)
OUTSIDE_TEXT = "这不是一条记录：没有前置元数据。如果工具读了它，就会报告缺少前置元数据。\n"


def build_repo(base: Path, *, big: bool) -> Path:
    """Copy the corpus to base/repo and add the special cases; return the repository."""
    repo = base / "repo"
    shutil.copytree(CORPUS_REPO, repo)
    if big:
        (repo / BIG).write_bytes(big_text().encode("utf-8"))
    outside = base / "outside"
    outside.mkdir()
    target = outside / "2024-03-20-target.md"
    target.write_text(OUTSIDE_TEXT, encoding="utf-8")
    os.symlink(target, repo / LINK)
    fd = os.open(os.path.join(os.fsencode(repo / BADNAME_DIR), BADNAME), os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    try:
        os.write(fd, BADNAME_TEXT.encode("utf-8"))
    finally:
        os.close(fd)
    return repo


def count_record_files(repo: Path) -> int:
    """Every *.md under households/ and entries/ (symlinks and undecodable names included)."""
    total = 0
    for top in (b"households", b"entries"):
        for _dir, _subdirs, files in os.walk(os.path.join(os.fsencode(repo), top)):
            total += sum(1 for name in files if name.endswith(b".md"))
    return total


@contextlib.contextmanager
def time_limit(seconds: int) -> Iterator[None]:
    """Raise TimeoutError in the main thread after seconds (where SIGALRM exists)."""
    if not hasattr(signal, "SIGALRM"):
        yield
        return

    def on_alarm(signum: int, frame: Any) -> None:
        raise TimeoutError(f"minqing check did not finish within {seconds} s")

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


@dataclass
class Run:
    repo: Path
    result: Any
    elapsed: float

    @property
    def data(self) -> dict[str, Any]:
        try:
            data: dict[str, Any] = json.loads(self.result.stdout)
        except ValueError:
            pass
        else:
            return data
        pytest.fail(f"check did not print JSON\n{explain(self.result)}")

    def by_path(self) -> dict[str, list[dict[str, Any]]]:
        out: dict[str, list[dict[str, Any]]] = {}
        for d in self.data["diagnostics"]:
            out.setdefault(d["path"], []).append(d)
        return out


def explain(result: Any) -> str:
    """The exception and the output of a CliRunner result, for assertion messages."""
    text = f"exit code {result.exit_code}\n"
    if result.exc_info and not isinstance(result.exception, SystemExit):
        text += "".join(traceback.format_exception(*result.exc_info))
    return text + result.output[-3000:]


def invoke(repo: Path, *args: str) -> Run:
    from typer.testing import CliRunner

    from minqing.cli import app

    start = time.monotonic()
    with time_limit(TIME_LIMIT):
        result = CliRunner().invoke(app, ["check", "--repo", str(repo), *args])
    return Run(repo, result, time.monotonic() - start)


# ---------------------------------------------------------------------------
# fixtures: hostile YAML first in a child process (a crash there must not take pytest down)
# ---------------------------------------------------------------------------

HOSTILE = [
    "entries/2024/03/2024-03-14-deep-flow.md",
    "entries/2024/03/2024-03-14-deep-block.md",
    "entries/2024/03/2024-03-14-alias-bomb.md",
    "entries/2024/03/2024-03-14-python-tag.md",
]


@pytest.fixture(scope="module")
def preflight(tmp_path_factory: pytest.TempPathFactory) -> subprocess.CompletedProcess[str]:
    """Run check on the hostile-YAML files alone, in a child process with a time limit."""
    import minqing.cli  # fail here, clearly, when the package is missing

    repo = tmp_path_factory.mktemp("hostile") / "repo"
    (repo / "entries/2024/03").mkdir(parents=True)
    shutil.copy(CORPUS_REPO / "minqing.yaml", repo / "minqing.yaml")
    for rel in HOSTILE:
        shutil.copy(CORPUS_REPO / rel, repo / rel)
    package_root = str(Path(minqing.cli.__file__).resolve().parent.parent)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([package_root, os.environ.get("PYTHONPATH", "")])}
    code = "import sys; from minqing.cli import app; app(sys.argv[1:], prog_name='minqing')"
    if os.path.exists(PWNED):
        os.remove(PWNED)  # a leftover canary from an earlier run
    try:
        proc = subprocess.run(
            [sys.executable, "-c", code, "check", "--repo", str(repo), "--format", "json"],
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
            env=env,
            timeout=TIME_LIMIT,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"check hangs on hostile YAML ({TIME_LIMIT} s)")
    if proc.returncode not in (0, 1):
        pytest.fail(f"check crashed on hostile YAML: exit {proc.returncode}\n{proc.stderr[-3000:]}")
    return proc


@pytest.fixture(scope="module")
def run(preflight: Any, tmp_path_factory: pytest.TempPathFactory) -> Run:
    """The corpus with every special case, checked once with --format json."""
    repo = build_repo(tmp_path_factory.mktemp("corpus"), big=True)
    if os.path.exists(PWNED):
        os.remove(PWNED)
    return invoke(repo, "--format", "json")


@pytest.fixture(scope="module")
def lite_repo(preflight: Any, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The corpus with the symlink and the undecodable name, without the 10 MB entry."""
    return build_repo(tmp_path_factory.mktemp("corpus-lite"), big=False)


@pytest.fixture(scope="module")
def run_en(lite_repo: Path) -> Run:
    return invoke(lite_repo, "--format", "json", "--lang", "en")


@pytest.fixture(scope="module")
def run_text(lite_repo: Path) -> Run:
    return invoke(lite_repo)


# ---------------------------------------------------------------------------
# the manifest itself
# ---------------------------------------------------------------------------


def corpus_record_files() -> set[str]:
    found = set()
    for path in CORPUS_REPO.rglob("*"):
        if path.is_file() and path.name != "minqing.yaml" and ".minqing-cache" not in path.parts:  # a worktree's cache
            found.add(path.relative_to(CORPUS_REPO).as_posix())
    return found


def test_manifest_matches_corpus() -> None:
    assert set(MANIFEST) == corpus_record_files()
    assert len(MANIFEST) >= 45


def line_matches(actual: Any, expected: Any) -> bool:
    if isinstance(expected, list):
        lo, hi = expected
        return isinstance(actual, int) and lo <= actual <= hi
    return bool(actual == expected)


def show(diags: list[dict[str, Any]]) -> str:
    return "\n".join(f"  {d.get('code')} line {d.get('line')}: {d.get('message')}" for d in diags) or "  (none)"


# ---------------------------------------------------------------------------
# the JSON run
# ---------------------------------------------------------------------------


def test_no_crash_and_exit_code(run: Run) -> None:
    result = run.result
    assert result.exception is None or isinstance(result.exception, SystemExit), explain(result)
    assert "Traceback" not in result.output, explain(result)
    assert result.exit_code == 1, explain(result)


def test_json_shape(run: Run) -> None:
    data = run.data
    assert set(data) >= {"diagnostics", "summary"}
    assert isinstance(data["diagnostics"], list)
    for d in data["diagnostics"]:
        assert set(d) >= {"code", "severity", "path", "line", "message"}, d
        assert re.fullmatch(r"MQ\d{3}", d["code"]), d
        assert d["severity"] in {"error", "warning", "info"}, d
        assert isinstance(d["path"], str), d
        if not d["path"].startswith(BADNAME_PREFIX):  # how an undecodable byte is shown is the tool's choice
            assert "\\" not in d["path"], d
        assert not d["path"].startswith("/") and ".." not in d["path"].split("/"), d
        assert d["line"] is None or (isinstance(d["line"], int) and d["line"] >= 1), d
        assert isinstance(d["message"], str) and d["message"].strip(), f"empty message: {d}"
        assert "Traceback" not in d["message"], d
        if d["code"] in SEVERITY:
            assert d["severity"] == SEVERITY[d["code"]], d
    summary = data["summary"]
    severities = [d["severity"] for d in data["diagnostics"]]
    assert summary["errors"] == severities.count("error")
    assert summary["warnings"] == severities.count("warning")


def test_summary_counts_record_files(run: Run) -> None:
    assert run.data["summary"]["files"] == count_record_files(run.repo)


@pytest.mark.parametrize("path", sorted(MANIFEST), ids=lambda p: p.rsplit("/", 1)[-1])
def test_corpus_file(run: Run, path: str) -> None:
    case = MANIFEST[path]
    diags = run.by_path().get(path, [])
    context = f"{path}: {case['why']}\ngot:\n{show(diags)}"
    for code, line in case["expect"]:
        assert any(d["code"] == code and line_matches(d["line"], line) for d in diags), (
            f"expected {code} at line {line}\n{context}"
        )
    if case["only"]:
        extra = [
            d for d in diags if not any(d["code"] == c and line_matches(d["line"], ln) for c, ln in case["expect"])
        ]
        assert not extra, f"unexpected diagnostics\n{context}"
        assert len(diags) == len(case["expect"]), f"a diagnostic given twice\n{context}"


def test_good_entry_still_checked(run: Run) -> None:
    [(code, line)] = MANIFEST[GOOD]["expect"]
    diags = run.by_path().get(GOOD, [])
    assert [(d["code"], d["line"]) for d in diags] == [("MQ202", line)], show(diags)


def test_no_diagnostics_on_unknown_records(run: Run) -> None:
    known = set(MANIFEST) | {BIG, LINK}
    for d in run.data["diagnostics"]:
        if d["path"].startswith(("entries/", "households/")):
            assert d["path"] in known or d["path"].startswith(BADNAME_PREFIX), d
        else:
            assert d["severity"] == "info", f"a diagnostic outside the records: {d}"


def test_gbk_message_names_gbk(run: Run) -> None:
    [d] = [d for d in run.by_path()[GBK] if d["code"] == "MQ001"]
    assert "GBK" in d["message"], d


def test_python_tag_did_not_run(run: Run) -> None:
    assert not os.path.exists(PWNED), "the !!python tag was executed"


def test_big_entry(run: Run) -> None:
    diags = run.by_path().get(BIG, [])
    errors = [d for d in diags if d["severity"] == "error"]
    assert not errors, show(errors)
    assert any(d["code"] == "MQ202" and d["line"] == big_last_line() for d in diags), (
        f"the mobile number on the last line ({big_last_line()}) of the 10 MB entry was not found\n{show(diags)}"
    )
    assert run.elapsed < BIG_TIME_LIMIT, f"check took {run.elapsed:.1f} s with a 10 MB entry"


def test_symlink_out_of_repository(run: Run) -> None:
    diags = run.by_path().get(LINK, [])
    assert [(d["code"], d["severity"]) for d in diags] == [("MQ008", "error")], show(diags)
    for d in run.data["diagnostics"]:
        assert "2024-03-20-target" not in d["path"] and "outside" not in d["path"], d


def test_undecodable_file_name(run: Run) -> None:
    run.result.stdout_bytes.decode("utf-8")  # strict: the JSON output is UTF-8
    hits = [d for d in run.data["diagnostics"] if d["path"].startswith(BADNAME_PREFIX)]
    assert any(d["code"] == "MQ001" for d in hits), show(hits)


# ---------------------------------------------------------------------------
# --lang en, and the plain text output
# ---------------------------------------------------------------------------


def cjk_count(text: str) -> int:
    return sum(1 for ch in text if "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff")


def test_english_messages(run_en: Run) -> None:
    result = run_en.result
    assert result.exception is None or isinstance(result.exception, SystemExit), explain(result)
    assert "Traceback" not in result.output
    assert result.exit_code == 1, explain(result)
    diags = run_en.data["diagnostics"]
    assert diags
    for d in diags:
        message = d["message"]
        letters = sum(1 for ch in message if ch.isascii() and ch.isalpha())
        assert message.strip() and letters > cjk_count(message), f"not English: {d}"
    [gbk] = [d for d in run_en.by_path()[GBK] if d["code"] == "MQ001"]
    assert "GBK" in gbk["message"] and "UTF-8" in gbk["message"], gbk


TEXT_LINES = [
    GBK,
    "entries/2024/03/2024-03-10-fullwidth-colon.md",
    "entries/2024/03/2024-03-16-february-30.md",
    "entries/2024/03/2024-03-08-crlf-phone.md",
    GOOD,
]


def test_text_output(run_text: Run) -> None:
    result = run_text.result
    assert result.exception is None or isinstance(result.exception, SystemExit), explain(result)
    assert "Traceback" not in result.output
    assert result.exit_code == 1, explain(result)
    for path in TEXT_LINES:
        code, line = MANIFEST[path]["expect"][0]
        pattern = rf"^{re.escape(path)}:{line}: {code} \S"
        assert re.search(pattern, result.stdout, re.MULTILINE), f"no line matching {pattern!r}\n{result.stdout[:3000]}"


# ---------------------------------------------------------------------------
# hostile YAML in a child process
# ---------------------------------------------------------------------------


def test_hostile_yaml_in_child_process(preflight: subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in preflight.stdout + preflight.stderr, preflight.stderr[-3000:]
    assert preflight.returncode == 1
    diags = json.loads(preflight.stdout)["diagnostics"]
    for path in HOSTILE:
        [(code, line)] = MANIFEST[path]["expect"]
        got = [d for d in diags if d["path"] == path]
        assert any(d["code"] == code and line_matches(d["line"], line) for d in got), (path, show(got))
    assert not os.path.exists(PWNED), "the !!python tag was executed"
