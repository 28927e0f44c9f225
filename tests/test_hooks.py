"""`minqing hooks install|uninstall` and `.pre-commit-hooks.yaml`, in real git repositories under tmp_path."""

from __future__ import annotations

import os
import shlex
import shutil
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from minqing import hooks, i18n
from minqing.cli import app

PROJECT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

CONFIG = """\
name: 测试村民情日记
township: 桤泉镇
villages: [群安村]
cadres:
  - {name: 张丽, role: 镇干部, email: zhangli@example.org}
"""

HOUSEHOLD = "---\n编号: qa-01\n户主: 吴俊义\n村: 群安村\n---\n\n吴俊义一家四口，妻子常年患病，两个孩子在镇上读书，主要收入靠种植核桃和外出零工。\n"

BODY = ("今天上午到吴俊义家走访，了解到入户饮水管道在寒潮中冻裂，全家只能到邻居家挑水。"
        "我和村委会主任一起查看了管道走向，初步商定由村里先垫付材料费，组织党员志愿者下周修复。")


def entry(date: str, title: str = "吴俊义家饮水管道冻裂", body: str = BODY) -> str:
    return f"---\n日期: {date}\n记录人: 张丽\n农户: [qa-01]\n类别: 群众关注的热点难点\n标题: {title}\n---\n\n{body}\n"


GOOD = "entries/2024/03/2024-03-05-yinshui.md"
BAD = "entries/2024/03/2024-03-06-huaidate.md"
BAD_TEXT = entry("2024-02-30", title="日期写错的日记", body=BODY.replace("今天上午", "今天下午"))
MQ104 = i18n.t("MQ104", "zh", value="2024-02-30")


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """A clean environment: fixed git identity, HOME in tmp_path, no system git config, Chinese messages."""
    home = tmp_path / "home"
    home.mkdir()
    values = {
        "GIT_AUTHOR_NAME": "张丽", "GIT_AUTHOR_EMAIL": "zhangli@example.org",
        "GIT_COMMITTER_NAME": "张丽", "GIT_COMMITTER_EMAIL": "zhangli@example.org",
        "GIT_AUTHOR_DATE": "2024-03-06T10:00:00+08:00", "GIT_COMMITTER_DATE": "2024-03-06T10:00:00+08:00",
        "HOME": str(home), "GIT_CONFIG_NOSYSTEM": "1", "MINQING_LANG": "zh",
        "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-cache"),
    }
    for key in [k for k in os.environ if k.startswith("GIT_")]:
        monkeypatch.delenv(key)
    for key, value in values.items():
        monkeypatch.setenv(key, value)
    return {**{k: v for k, v in os.environ.items()}, **values}


def git(root: Path, env: dict[str, str], *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run(["git", *args], cwd=root, env=env, capture_output=True, text=True, encoding="utf-8",
                          check=False)
    if check and proc.returncode != 0:
        raise AssertionError(f"git {' '.join(args)} failed:\n{proc.stdout}\n{proc.stderr}")
    return proc


def write(root: Path, rel: str, text: str) -> None:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


@pytest.fixture
def repo(tmp_path: Path, env: dict[str, str]) -> Path:
    """A git repository holding a minimal valid records repository, committed."""
    root = tmp_path / "群安村"
    root.mkdir()
    git(root, env, "init", "-q")
    write(root, "minqing.yaml", CONFIG)
    write(root, "households/qa-01.md", HOUSEHOLD)
    git(root, env, "add", "-A")
    git(root, env, "commit", "-q", "-m", "建库")
    return root


def cli(*args: str) -> Any:
    return CliRunner().invoke(app, list(args))


def head(root: Path, env: dict[str, str]) -> str:
    return git(root, env, "rev-parse", "HEAD").stdout.strip()


# ---------------------------------------------------------------------------
# minqing hooks install
# ---------------------------------------------------------------------------


def test_install_writes_an_executable_marked_sh_script(repo: Path) -> None:
    result = cli("hooks", "install", "--repo", str(repo))
    assert result.exit_code == 0, result.output
    hook = repo / ".git" / "hooks" / "pre-commit"
    assert "已安装" in result.stdout and str(hook) in result.stdout
    text = hook.read_text(encoding="utf-8")
    assert text.startswith("#!/bin/sh\n")
    assert hooks.MARKER in text.splitlines()
    assert f'PY="{sys.executable}"' in text
    assert str(repo.resolve()) not in text, "the repository is found at run time, not written in"
    assert 'TOP=$(git rev-parse --show-toplevel)' in text
    assert '-m minqing.cli check --staged' in text
    assert stat.S_IMODE(hook.stat().st_mode) == 0o755
    assert subprocess.run(["sh", "-n", str(hook)], check=False).returncode == 0
    assert not [p for p in hook.parent.iterdir() if p.name.endswith(".tmp")]


def test_sh_quote_escapes_what_double_quotes_do_not_protect(tmp_path: Path) -> None:
    odd = 'a "b" $HOME `x` \\ 村'
    proc = subprocess.run(["sh", "-c", f"printf %s {hooks.sh_quote(odd)}"], capture_output=True, text=True,
                          encoding="utf-8", check=False)
    assert proc.stdout == odd


def test_commit_good_entry_passes_and_bad_entry_is_stopped(repo: Path, env: dict[str, str]) -> None:
    assert cli("hooks", "install", "--repo", str(repo)).exit_code == 0
    write(repo, GOOD, entry("2024-03-05"))
    git(repo, env, "add", GOOD)
    good = git(repo, env, "commit", "-m", "走访吴俊义", check=False)
    assert good.returncode == 0, good.stdout + good.stderr
    assert "全部通过" in good.stdout + good.stderr

    before = head(repo, env)
    write(repo, BAD, BAD_TEXT)
    git(repo, env, "add", BAD)
    bad = git(repo, env, "commit", "-m", "日期写错", check=False)
    assert bad.returncode != 0
    output = bad.stdout + bad.stderr
    assert MQ104 in output
    assert f"{BAD}:2: MQ104 错误" in output
    assert head(repo, env) == before  # nothing was committed


def test_hook_of_a_copied_repository_checks_the_copy(repo: Path, env: dict[str, str], tmp_path: Path) -> None:
    """`cp -a` of a repository keeps a working hook: it finds its repository when it runs."""
    assert cli("hooks", "install", "--repo", str(repo)).exit_code == 0
    copy = tmp_path / "副本"
    subprocess.run(["cp", "-a", str(repo), str(copy)], check=True)
    shutil.rmtree(repo)  # the original is gone: a hook that names it could check nothing
    before = head(copy, env)
    write(copy, BAD, BAD_TEXT)
    git(copy, env, "add", BAD)
    bad = git(copy, env, "commit", "-m", "日期写错", check=False)
    assert bad.returncode != 0
    assert f"{BAD}:2: MQ104 错误" in bad.stdout + bad.stderr
    assert head(copy, env) == before


def test_hook_checks_the_staged_version_not_the_working_tree(repo: Path, env: dict[str, str]) -> None:
    assert cli("hooks", "install", "--repo", str(repo)).exit_code == 0
    write(repo, BAD, BAD_TEXT)
    git(repo, env, "add", BAD)
    write(repo, BAD, entry("2024-03-06", title="改好了但没有暂存"))  # fixed, not staged
    proc = git(repo, env, "commit", "-m", "x", check=False)
    assert proc.returncode != 0 and MQ104 in proc.stdout + proc.stderr


def test_commit_all_uses_the_temporary_index(repo: Path, env: dict[str, str]) -> None:
    assert cli("hooks", "install", "--repo", str(repo)).exit_code == 0
    write(repo, GOOD, entry("2024-03-05"))
    git(repo, env, "add", GOOD)
    git(repo, env, "commit", "-q", "-m", "good")
    write(repo, GOOD, entry("2024-02-30"))  # modified, not staged: commit -a stages it
    proc = git(repo, env, "commit", "-a", "-m", "x", check=False)
    assert proc.returncode != 0 and MQ104 in proc.stdout + proc.stderr


def test_records_folder_inside_another_work_tree_is_not_a_git_repository(tmp_path: Path, env: dict[str, str]) -> None:
    """A records repository is its own git repository: a folder inside another project's work tree
    (like the example village inside minqing's own repository) gets no hook and no git checks."""
    top = tmp_path / "township"
    top.mkdir()
    git(top, env, "init", "-q")
    rec = top / "qunan"
    write(rec, "minqing.yaml", CONFIG)
    write(rec, "households/qa-01.md", HOUSEHOLD)
    git(top, env, "add", "-A")
    git(top, env, "commit", "-q", "-m", "init")
    result = cli("hooks", "install", "--repo", str(rec))
    assert result.exit_code == 2
    assert str(rec) in result.stderr
    assert not (top / ".git" / "hooks" / "pre-commit").exists()


def test_foreign_hook_is_not_overwritten(repo: Path) -> None:
    hook = repo / ".git" / "hooks" / "pre-commit"
    hook.parent.mkdir(exist_ok=True)
    foreign = "#!/bin/sh\n# husky\nnpm test\n"
    hook.write_text(foreign, encoding="utf-8")
    result = cli("hooks", "install", "--repo", str(repo))
    assert result.exit_code == 2
    assert "不会覆盖" in result.stderr and str(hook) in result.stderr
    assert hook.read_text(encoding="utf-8") == foreign


def test_force_keeps_the_foreign_hook_as_a_backup(repo: Path) -> None:
    hook = repo / ".git" / "hooks" / "pre-commit"
    hook.parent.mkdir(exist_ok=True)
    hook.write_text("#!/bin/sh\nexit 0\n", encoding="utf-8")
    result = cli("hooks", "install", "--force", "--repo", str(repo))
    assert result.exit_code == 0, result.output
    assert (hook.parent / "pre-commit.bak").read_text(encoding="utf-8") == "#!/bin/sh\nexit 0\n"
    assert hooks.is_ours(hook)
    assert "pre-commit.bak" in result.stdout


def test_own_hook_is_rewritten(repo: Path) -> None:
    hook = repo / ".git" / "hooks" / "pre-commit"
    assert cli("hooks", "install", "--repo", str(repo)).exit_code == 0
    hook.write_text(hook.read_text(encoding="utf-8").replace("PY=", "PY_OLD="), encoding="utf-8")
    again = cli("hooks", "install", "--repo", str(repo))
    assert again.exit_code == 0, again.output
    assert "已更新" in again.stdout
    assert "PY_OLD=" not in hook.read_text(encoding="utf-8")
    assert not (hook.parent / "pre-commit.bak").exists()


def test_uninstall_removes_only_its_own_hook(repo: Path) -> None:
    hook = repo / ".git" / "hooks" / "pre-commit"
    assert cli("hooks", "install", "--repo", str(repo)).exit_code == 0
    removed = cli("hooks", "uninstall", "--repo", str(repo))
    assert removed.exit_code == 0 and "已删除" in removed.stdout
    assert not hook.exists()
    none = cli("hooks", "uninstall", "--repo", str(repo))
    assert none.exit_code == 0 and "没有安装" in none.stdout
    hook.write_text("#!/bin/sh\nexit 0\n", encoding="utf-8")
    refused = cli("hooks", "uninstall", "--repo", str(repo))
    assert refused.exit_code == 2 and "不是 minqing 安装的" in refused.stderr
    assert hook.exists()


def test_install_outside_git_is_a_clear_error(tmp_path: Path, env: dict[str, str]) -> None:
    root = tmp_path / "plain"
    write(root, "minqing.yaml", CONFIG)
    result = cli("hooks", "install", "--repo", str(root))
    assert result.exit_code == 2
    assert "不是 git 仓库" in result.stderr and "Traceback" not in result.output


def test_english_messages(repo: Path) -> None:
    result = cli("hooks", "install", "--repo", str(repo), "--lang", "en")
    assert result.exit_code == 0 and "installed the pre-commit hook" in result.stdout


def test_hooks_dir_follows_core_hooks_path(repo: Path, env: dict[str, str]) -> None:
    git(repo, env, "config", "core.hooksPath", ".githooks")
    assert hooks.hooks_dir(repo) == repo / ".githooks"


def test_hooks_dir_when_git_calls_disable_hooks(repo: Path, env: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> None:
    """gitio may pass -c core.hooksPath=/dev/null (a copied repository's hooks must not run): still found."""
    real = hooks.gitio.run

    def run(root: Path, *args: str, check: bool = True) -> bytes:
        return real(root, "-c", "core.hooksPath=/dev/null", *args, check=check)

    monkeypatch.setattr(hooks.gitio, "run", run)
    assert run(repo, "rev-parse", "--git-path", "hooks").strip() == b"/dev/null"
    assert hooks.hooks_dir(repo) == repo / ".git" / "hooks"
    git(repo, env, "config", "core.hooksPath", "my-hooks")
    assert hooks.hooks_dir(repo) == repo / "my-hooks"


def test_python_dash_m_minqing_cli_works() -> None:
    proc = subprocess.run([sys.executable, "-m", "minqing.cli", "--help"], capture_output=True, text=True,
                          encoding="utf-8", check=False)
    assert proc.returncode == 0, proc.stderr
    assert "check" in proc.stdout and "hooks" in proc.stdout


# ---------------------------------------------------------------------------
# the pre-commit framework
# ---------------------------------------------------------------------------

MANIFEST = PROJECT / ".pre-commit-hooks.yaml"


def manifest_hook() -> dict[str, Any]:
    hooks_list = yaml.safe_load(MANIFEST.read_text(encoding="utf-8"))
    assert isinstance(hooks_list, list) and len(hooks_list) == 1
    return hooks_list[0]


def test_pre_commit_hooks_yaml_has_the_required_keys() -> None:
    hook = manifest_hook()
    for key in ("id", "name", "entry", "language"):
        assert hook.get(key), key
    assert hook["id"] == "minqing-check"
    assert hook["entry"] == "minqing check"
    assert hook["language"] == "python"
    assert hook["pass_filenames"] is True
    assert hook["files"] == r"^(entries|households)/.*\.md$"
    assert any("\u4e00" <= c <= "\u9fff" for c in hook["name"]) and "minqing" in hook["name"]


def test_pre_commit_hooks_yaml_passes_pre_commits_own_validation() -> None:
    clientlib = pytest.importorskip("pre_commit.clientlib", reason="pre-commit is not installed")
    loaded = clientlib.load_manifest(str(MANIFEST))
    assert loaded[0]["id"] == "minqing-check"


def pre_commit_available() -> bool:
    try:
        import pre_commit  # noqa: F401
    except ImportError:
        return False
    return True


@pytest.mark.skipif(not pre_commit_available(), reason="pre-commit is not installed (pip install pre-commit)")
def test_pre_commit_framework_runs_the_check(repo: Path, env: dict[str, str]) -> None:
    """A `repo: local` config with the manifest's files and args, run through pre-commit itself."""
    hook = manifest_hook()
    local = {
        "id": hook["id"], "name": hook["name"], "language": "system",
        "entry": f"{shlex.quote(sys.executable)} -m minqing.cli check",
        "args": hook.get("args", []), "files": hook["files"], "pass_filenames": hook["pass_filenames"],
    }
    write(repo, ".pre-commit-config.yaml",
          yaml.safe_dump({"repos": [{"repo": "local", "hooks": [local]}]}, allow_unicode=True))
    write(repo, GOOD, entry("2024-03-05"))
    git(repo, env, "add", "-A")

    def pre_commit(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "pre_commit", *args], cwd=repo, env=env,
                              capture_output=True, text=True, encoding="utf-8", check=False)

    good = pre_commit("run", "--all-files")
    assert good.returncode == 0, good.stdout + good.stderr

    write(repo, BAD, BAD_TEXT)
    git(repo, env, "add", "-A")
    bad = pre_commit("run", "--all-files")
    assert bad.returncode == 1, bad.stdout + bad.stderr
    assert MQ104 in bad.stdout
    assert f"{BAD}:2: MQ104" in bad.stdout

    installed = pre_commit("install")
    assert installed.returncode == 0, installed.stdout + installed.stderr
    before = head(repo, env)
    commit = git(repo, env, "commit", "-m", "x", check=False)
    assert commit.returncode != 0 and MQ104 in commit.stdout + commit.stderr
    assert head(repo, env) == before
