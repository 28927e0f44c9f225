"""A workspace: a folder whose minqing.yaml names member repositories (or other workspaces).

Reading the workspace resolves its members depth-first into a flat list of records repositories,
each with its `repo` name (the member folder names from this workspace down, joined by `/`).
A member that cannot be read (a missing path, a folder without minqing.yaml, a bad config) is
kept as an `Unreadable` in its place, so that commands report it (MQ008) and go on with the rest;
a cycle, one repository reached twice, two members of one name or a bad workspace file stop the
command (exit 2).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..config import CONFIG_NAME, Config, load_config
from ..errors import MinqingError
from ..frontmatter import YMap, YNode, decode, parse_yaml
from ..i18n import ref

WORKSPACE_KEYS = ("name", "township", "county", "members")
_URL = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*://|[A-Za-z0-9._-]+@[A-Za-z0-9._-]+:)")


@dataclass(frozen=True)
class Member:
    """A records repository reached from the workspace."""

    repo: str  # e.g. 桤泉镇/群安村
    root: Path  # the folder as written (normalised, symlinks not followed)
    config: Config


@dataclass(frozen=True)
class Unreadable:
    """A member that could not be read: reported as MQ008 at `path`:`line` (workspace-relative)."""

    repo: str
    path: str  # the file the diagnostic is about, with the repo prefix of the workspace file
    line: int | None
    key: str  # catalog key of the MQ008 message
    params: dict[str, object] = field(default_factory=dict)
    error: MinqingError | None = None  # the config error, when the member's config is bad

    def message_params(self, lang: str) -> dict[str, object]:
        params = dict(self.params)
        if self.error is not None:
            params["problem"] = self.error.message(lang)
        return params


@dataclass(frozen=True)
class Workspace:
    root: Path
    name: str
    township: str
    county: str
    members: tuple[Member | Unreadable, ...]

    @property
    def readable(self) -> list[Member]:
        return [m for m in self.members if isinstance(m, Member)]

    @property
    def unreadable(self) -> list[Unreadable]:
        return [m for m in self.members if isinstance(m, Unreadable)]

    def order(self) -> dict[str, int]:
        """repo -> position in member order (depth-first as listed)."""
        return {m.repo: i for i, m in enumerate(self.members)}


@dataclass(frozen=True)
class _Spec:
    name: str
    township: str
    county: str
    members: tuple[tuple[str, int], ...]  # (path as written, line)


def _node_map(path: Path) -> dict[str, YNode] | None:
    """The top-level mapping of a minqing.yaml, or None when it cannot be parsed (load_config says why)."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    text, problem = decode(data)
    if problem is not None or text is None:
        return None
    node, problem = parse_yaml(text, 1, frozenset())
    if problem is not None or node is None or not isinstance(node.value, YMap):
        return None
    return {k: v for k, _, v in node.value.items}


def is_workspace(root: Path) -> bool:
    """True when root/minqing.yaml names members (a workspace) rather than records settings."""
    try:
        data = (root / CONFIG_NAME).read_bytes()
    except OSError:
        return False
    if b"members" not in data and b"\\" not in data:
        return False  # no key can spell `members` (only a backslash escape could hide it): not parsed
    top = _node_map(root / CONFIG_NAME)
    return top is not None and "members" in top


def enclosing_workspace(start: Path) -> Path | None:
    """The workspace folder when the nearest minqing.yaml at or above start is a workspace's."""
    start = Path(os.path.abspath(start))
    for folder in (start, *start.parents):
        if (folder / CONFIG_NAME).is_file():
            return folder if is_workspace(folder) else None
    return None


def _fail(path: Path, line: int, problem: str, **params: object) -> MinqingError:
    return MinqingError("err.config", path=str(path), line=line, problem_key=problem, problem_params=params)


def read_spec(root: Path) -> _Spec:
    """The workspace file at root: name, township/county and the members as written."""
    path = root / CONFIG_NAME
    top = _node_map(path)
    if top is None:
        load_config(root)  # raises the precise error
        raise _fail(path, 1, "ws.notmapping")
    for key, node in top.items():
        if key not in WORKSPACE_KEYS:
            raise _fail(path, node.line, "ws.notinherited", key=key)
    values: dict[str, str] = {}
    for key in ("name", "township", "county"):
        node = top.get(key)
        if node is None or node.value is None:
            values[key] = ""
        elif isinstance(node.value, str):
            values[key] = node.value.strip()
        else:
            raise _fail(path, node.line, "cfg.type", key=key, expected=ref("type.text"))
    mnode = top["members"]
    if not isinstance(mnode.value, list) or not mnode.value:
        raise _fail(path, mnode.line, "ws.nomembers")
    members = []
    for item in mnode.value:
        if not isinstance(item.value, str) or not item.value.strip():
            raise _fail(path, item.line, "ws.badmember")
        written = item.value.strip()
        if _URL.match(written):
            raise _fail(path, item.line, "ws.url", value=written)
        members.append((written, item.line))
    return _Spec(values["name"], values["township"], values["county"], tuple(members))


def member_name(written: str) -> str:
    """The folder name of a member path as written: its last part, normalised (no symlinks followed)."""
    norm = os.path.normpath(os.path.expanduser(written))
    name = os.path.basename(norm)
    if name in ("", ".", ".."):
        name = Path(os.path.abspath(norm)).name
    return name


def member_path(base: Path, written: str) -> Path:
    expanded = os.path.expanduser(written)
    return Path(os.path.normpath(expanded if os.path.isabs(expanded) else os.path.join(base, expanded)))


def load_workspace(root: Path) -> Workspace:
    """Resolve the workspace at root into its records repositories, depth-first as listed."""
    root = Path(os.path.abspath(root))
    spec = read_spec(root)
    out: list[Member | Unreadable] = []
    seen: dict[str, list[str]] = {}  # real path -> the chain that reached it
    top_real = os.path.realpath(root)
    _resolve(root, spec, "", [top_real], [spec.name or root.name], out, seen)
    return Workspace(root, spec.name or root.name, spec.township, spec.county, tuple(out))


def _chain(names: list[str]) -> str:
    return " → ".join(names)


def _resolve(folder: Path, spec: _Spec, prefix: str, stack: list[str], names: list[str],
             out: list[Member | Unreadable], seen: dict[str, list[str]]) -> None:
    here = folder / CONFIG_NAME
    shown_file = prefix + CONFIG_NAME
    by_name: dict[str, str] = {}
    for written, line in spec.members:
        name = member_name(written)
        if name in by_name:
            raise _fail(here, line, "ws.dupname", name=name, first=by_name[name], second=written)
        by_name[name] = written
        repo = prefix + name
        path = member_path(folder, written)
        if not path.is_dir():
            out.append(Unreadable(repo, shown_file, line, "MQ008.member.missing", {"member": written}))
            continue
        if not (path / CONFIG_NAME).is_file():
            out.append(Unreadable(repo, shown_file, line, "MQ008.member.noconfig", {"member": written}))
            continue
        real = os.path.realpath(path)
        chain = [*names, name]
        if real in stack:
            raise MinqingError("ws.cycle", chain=_chain(chain))
        if real in seen:
            raise MinqingError("ws.twice", first=_chain(seen[real]), second=_chain(chain))
        seen[real] = chain
        if is_workspace(path):
            try:
                inner = read_spec(path)
            except MinqingError as exc:
                out.append(Unreadable(repo, f"{repo}/{CONFIG_NAME}", exc.params.get("line", 1), "MQ008.member.config",
                                      {"member": written}, exc))
                continue
            _resolve(path, inner, repo + "/", [*stack, real], chain, out, seen)
            continue
        try:
            config = load_config(path)
        except MinqingError as exc:
            line_no = exc.params.get("line", 1)
            out.append(Unreadable(repo, f"{repo}/{CONFIG_NAME}", line_no if isinstance(line_no, int) else 1,
                                  "MQ008.member.config", {"member": written}, exc))
            continue
        out.append(Member(repo, path, config))


def write_workspace(target: Path, members: list[str], name: str | None = None, township: str | None = None,
                    county: str | None = None) -> Path:
    """A new workspace minqing.yaml naming the members (never overwriting one)."""
    from ..fsio import write_new
    from ..render import yaml_scalar

    target = Path(os.path.abspath(target))
    if not members:
        raise MinqingError("ws.init.nomembers")
    lines = [f"name: {yaml_scalar(name or target.name)}"]
    if township:
        lines.append(f"township: {yaml_scalar(township)}")
    if county:
        lines.append(f"county: {yaml_scalar(county)}")
    lines.append("members:")
    for m in members:
        if _URL.match(m):
            raise MinqingError("ws.init.url", value=m)
        path = member_path(Path.cwd(), m)
        shown = os.path.relpath(path, target) if not os.path.isabs(os.path.expanduser(m)) else m
        lines.append(f"  - {yaml_scalar(Path(shown).as_posix())}")
    target.mkdir(parents=True, exist_ok=True)
    out = target / CONFIG_NAME
    write_new(out, ("\n".join(lines) + "\n").encode("utf-8"), exists_key="ws.init.exists", nofolder_key="ws.init.nofolder")
    return out


def members_not_ready(members: list[str]) -> list[str]:
    """The members, as written on the command line, with no minqing.yaml there yet (missing or not made)."""
    return [m for m in members if not _URL.match(m) and not (member_path(Path.cwd(), m) / CONFIG_NAME).is_file()]
