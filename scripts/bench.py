#!/usr/bin/env python3
"""Benchmark minqing on generated county-scale repositories.

    python scripts/bench.py [--sizes small,township,county] [--work /tmp/minqing-bench] [--out FILE] [--no-git]

For each size the repository is generated once with scripts/make_county.py (cached under --work and
reused while its marker file is there), then each operation runs as its own subprocess
(`python -m minqing.cli ...`) and is measured for wall time and peak resident memory (`ru_maxrss`
of the child from `os.wait4`). The floor is the least any checker must do: read every record file
and parse its front matter with libyaml (`yaml.CSafeLoader`); it runs in a child of this script so
that its memory is measured alone, and its time is taken inside that child (no interpreter start-up).

Each measurement runs --repeat times (default 3, 1 for county) and the median is reported.

Prints one Markdown table (and writes it to --out when given). The targets are those of the county
size on two cores; at smaller sizes they are shown for reference.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError
from importlib.metadata import version as dist_version
from pathlib import Path

HERE = Path(__file__).resolve().parent
GENERATOR = HERE / "make_county.py"
MINQING = [sys.executable, "-m", "minqing.cli"]
EDITS = 10
COMPILE_MONTH = "2024-06"
MEMORY_TARGET_MB = 400.0
QUARTER = ("2024-10-01", "2024-12-31")


@dataclass
class Run:
    seconds: float
    rss_mb: float
    code: int
    stdout: Path


def _tree_rss_kb(pid: int) -> int:
    """Resident memory (kB) of a process and all its descendants, from /proc."""
    total, stack, seen = 0, [pid], set()
    while stack:
        p = stack.pop()
        if p in seen:
            continue
        seen.add(p)
        try:
            with open(f"/proc/{p}/status", encoding="ascii", errors="replace") as fh:
                for line in fh:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1])
                        break
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children", encoding="ascii") as fh:
                    stack.extend(int(c) for c in fh.read().split())
        except (OSError, ValueError):
            continue
    return total


def run(cmd: list[str], out: Path, cwd: Path | None = None, env: dict | None = None) -> Run:
    """Run cmd as a child; its wall time, the peak RSS (MB) of its whole process tree (the child and
    its worker processes, sampled every 20 ms, and never below the child's own ru_maxrss) and exit code."""
    import threading

    peak = [0]
    with open(out, "wb") as fh, open(out.with_suffix(".err"), "wb") as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=fh, stderr=err, cwd=cwd, env=env)
        done = threading.Event()

        def sample() -> None:
            while not done.is_set():
                peak[0] = max(peak[0], _tree_rss_kb(proc.pid))
                done.wait(0.02)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        done.set()
        sampler.join()
    proc.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
    return Run(seconds, max(usage.ru_maxrss, peak[0]) / 1024.0, proc.returncode, out)


# ------------------------------------------------------------------------------------------------
# The floor: read every record and parse its front matter with libyaml
# ------------------------------------------------------------------------------------------------


def record_paths(root: Path) -> list[str]:
    found = []
    for top in ("entries", "households", "reviews"):
        for folder, dirs, files in os.walk(root / top):
            dirs[:] = [d for d in dirs if not d.startswith(".")]
            found += [os.path.join(folder, f) for f in files if f.endswith(".md")]
    found.sort()
    return found


def _floor_chunk(paths: list[str]) -> tuple[int, int]:
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    parsed = failed = 0
    for path in paths:
        with open(path, "rb") as fh:
            data = fh.read()
        text = data.decode("utf-8-sig")
        lines = text.split("\n")
        if not lines or lines[0].rstrip("\r") != "---":
            failed += 1
            continue
        try:
            end = next(i for i in range(1, len(lines)) if lines[i].rstrip("\r") == "---")
        except StopIteration:
            failed += 1
            continue
        try:
            yaml.load("\n".join(lines[1:end]), Loader=loader)
            parsed += 1
        except yaml.YAMLError:
            failed += 1
    return parsed, failed


def floor_parallel(root: Path) -> dict:
    """The floor over all cores: the walk, then the files read and parsed by a process pool."""
    from concurrent.futures import ProcessPoolExecutor

    start = time.perf_counter()
    paths = record_paths(root)
    n = len(os.sched_getaffinity(0))
    size = max(200, len(paths) // (n * 8))
    parsed = failed = 0
    with ProcessPoolExecutor(n) as pool:
        for p, f in pool.map(_floor_chunk, [paths[i:i + size] for i in range(0, len(paths), size)]):
            parsed += p
            failed += f
    return {"seconds": time.perf_counter() - start, "files": len(paths), "parsed": parsed, "failed": failed,
            "cores": n}


def floor(root: Path) -> dict:
    """Seconds to read all record bytes and yaml.load every front matter (CSafeLoader), in this process."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    start = time.perf_counter()
    paths = record_paths(root)
    parsed, failed = _floor_chunk(paths)  # the same work as each worker of the all-cores floor
    return {"seconds": time.perf_counter() - start, "files": len(paths), "parsed": parsed, "failed": failed,
            "libyaml": loader.__name__ == "CSafeLoader"}


# ------------------------------------------------------------------------------------------------
# Repositories
# ------------------------------------------------------------------------------------------------


def ensure_repo(size: str, work: Path, use_git: bool) -> tuple[Path, dict]:
    """The generated repository of this size (generated now unless cached) and the generator's stats."""
    root = work / (size if use_git else f"{size}-nogit")
    marker = work / f"{root.name}.json"
    if marker.exists() and (root / "minqing.yaml").exists():
        stats = json.loads(marker.read_text(encoding="utf-8"))
        stats["cached"] = True
        restore_edits(root, work)
        return root, stats
    if root.exists():
        shutil.rmtree(root)
    work.mkdir(parents=True, exist_ok=True)
    cmd = [sys.executable, str(GENERATOR), str(root), "--size", size, *(["--git"] if use_git else [])]
    print(f"generating {size} ...", file=sys.stderr, flush=True)
    r = run(cmd, work / f"{root.name}.gen.out")
    if r.code != 0:
        raise SystemExit(f"generator failed for {size}: see {r.stdout.with_suffix('.err')}")
    stats = json.loads(r.stdout.read_text(encoding="utf-8"))
    stats.update({"wall_seconds": round(r.seconds, 2), "rss_mb": round(r.rss_mb, 1), "cached": False})
    marker.write_text(json.dumps(stats, ensure_ascii=False), encoding="utf-8")
    return root, stats


def backup_dir(root: Path, work: Path) -> Path:
    return work / f"{root.name}.edit-backup"


def restore_edits(root: Path, work: Path) -> None:
    """Put back entries edited by an earlier (possibly interrupted) run."""
    backup = backup_dir(root, work)
    if not backup.exists():
        return
    for saved in backup.rglob("*.md"):
        target = root / saved.relative_to(backup)
        shutil.copyfile(saved, target)
    shutil.rmtree(backup)


def edit_entries(root: Path, work: Path, count: int) -> list[Path]:
    """Append a sentence to `count` entries spread over the year (originals saved for restore_edits)."""
    entries = sorted((root / "entries").rglob("*.md"))
    step = max(1, len(entries) // count)
    chosen = entries[step // 2:: step][:count]
    backup = backup_dir(root, work)
    for path in chosen:
        saved = backup / path.relative_to(root)
        saved.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, saved)
        with open(path, "a", encoding="utf-8") as fh:
            fh.write(f"\n基准测试追加的一句话：{path.stem}这一篇在回访时又核实了一遍情况。\n")
    return chosen


def drop_caches(root: Path) -> None:
    for cache in (root / ".minqing-cache", root / ".git" / "minqing"):
        if cache.is_dir():
            shutil.rmtree(cache)
        elif cache.exists():
            cache.unlink()


# ------------------------------------------------------------------------------------------------
# Detection of what this minqing offers
# ------------------------------------------------------------------------------------------------


def help_text(args: list[str], work: Path) -> str:
    out = work / "help.out"
    r = run([*MINQING, *args, "--help"], out)
    return out.read_text(encoding="utf-8", errors="replace") if r.code == 0 else ""


def commands(work: Path) -> set[str]:
    text = help_text([], work)
    found = set()
    in_commands = False
    for line in text.splitlines():
        if line.strip().lower().startswith("commands"):
            in_commands = True
            continue
        m = re.match(r"^\s{2}([a-z][a-z0-9-]*)\b", line)
        if in_commands and m:
            found.add(m.group(1))
    return found


# ------------------------------------------------------------------------------------------------
# The benchmark
# ------------------------------------------------------------------------------------------------

TARGETS = {  # operation -> (target seconds or None, description); None = no target
    "generate": (None, "—"),
    "start-up: minqing --help": (None, "—"),
    "floor: read + libyaml front matter, 1 core": (None, "—"),
    "floor: read + libyaml front matter, all cores": (None, "—"),
    "check, cold": ("floor2", "≤ 2 × floor (all cores)"),
    "check, warm": (0.3, "≤ 0.3 s"),
    f"check after editing {EDITS} files": (1.0, "≤ 1 s"),
    "check FILE (warm)": (0.3, "≤ 0.3 s"),
    "issues --format json (warm)": (0.5, "≤ 0.5 s"),
    "quota a quarter --format json (warm)": (0.5, "≤ 0.5 s"),
    "household ID --format json (warm)": (0.3, "≤ 0.3 s"),
    f"compile {COMPILE_MONTH} --format html": (3.0, "≤ 3 s"),
    f"compile {COMPILE_MONTH} --format html --redact": (None, "≤ 400 MB"),
    f"export --format sqlite --as-of {COMPILE_MONTH} end (warm)": (None, "≤ 400 MB"),
}


def repeated(times: int, once) -> Run:
    """Call `once()` (which returns a Run) `times` times: the median time, the largest peak memory."""
    runs = [once() for _ in range(max(1, times))]
    runs.sort(key=lambda r: r.seconds)
    mid = runs[len(runs) // 2]
    worst = max((r for r in runs if r.code != 0), key=lambda r: r.code, default=mid)
    return Run(mid.seconds, max(r.rss_mb for r in runs), worst.code, mid.stdout)


def bench_size(size: str, work: Path, use_git: bool, offered: set[str], no_cache: bool,
               repeat: int) -> tuple[list[dict], dict]:
    root, stats = ensure_repo(size, work, use_git)
    files = len(record_paths(root))
    rows: list[dict] = []
    out = work / f"{root.name}.op.out"
    repo = ["--repo", str(root)]
    env = {**os.environ, "MINQING_LANG": "en"}

    def add(op: str, r: Run | None, note: str = "", seconds: float | None = None) -> None:
        rows.append({"size": size, "files": files, "operation": op,
                     "seconds": seconds if seconds is not None else (r.seconds if r else None),
                     "rss_mb": r.rss_mb if r else None, "code": r.code if r else None, "note": note})

    gen_note = "cached" if stats.get("cached") else ""
    rows.append({"size": size, "files": files, "operation": "generate", "seconds": stats.get("wall_seconds"),
                 "rss_mb": stats.get("rss_mb"), "code": 0,
                 "note": (f"files {stats.get('seconds')} s + git {stats.get('git_seconds', 0)} s" +
                          (f"; {gen_note}" if gen_note else ""))})
    add("start-up: minqing --help", repeated(repeat, lambda: run([*MINQING, "--help"], out, env=env)))
    # the floor: its own time, measured inside the child
    floors: list[dict] = []

    def floor_once() -> Run:
        r = run([sys.executable, str(Path(__file__).resolve()), "--floor", str(root)], work / f"{root.name}.floor.out")
        floors.append(json.loads(r.stdout.read_text(encoding="utf-8")))
        return Run(floors[-1]["seconds"], r.rss_mb, r.code, r.stdout)

    fr = repeated(repeat, floor_once)
    add("floor: read + libyaml front matter, 1 core", fr, f"{floors[-1]['parsed']} parsed, {floors[-1]['failed']} failed")
    pfloors: list[dict] = []

    def pfloor_once() -> Run:
        r = run([sys.executable, str(Path(__file__).resolve()), "--floor-parallel", str(root)],
                work / f"{root.name}.pfloor.out")
        pfloors.append(json.loads(r.stdout.read_text(encoding="utf-8")))
        return Run(pfloors[-1]["seconds"], r.rss_mb, r.code, r.stdout)

    add("floor: read + libyaml front matter, all cores", repeated(repeat, pfloor_once), f"{pfloors[-1]['cores']} cores")
    check = [*MINQING, "check", *repo, "--format", "json"]

    def cold_once() -> Run:
        drop_caches(root)
        return run(check, out, env=env)

    cold = repeated(repeat, cold_once)
    add("check, cold", cold, "index deleted: the index is built")
    summary: dict = {}
    try:
        report = json.loads(cold.stdout.read_text(encoding="utf-8"))
        codes: dict[str, int] = {}
        for d in report.get("diagnostics", []):
            codes[d["code"]] = codes.get(d["code"], 0) + 1
        summary = {**report.get("summary", {}), "codes": codes}
    except (json.JSONDecodeError, OSError):
        summary = {"unreadable": True}
    run(check, out, env=env)  # prime
    add("check, warm", repeated(repeat, lambda: run(check, out, env=env)))
    edited: list[Path] = []

    def edited_once() -> Run:
        run(check, out, env=env)  # warm before editing
        edited[:] = edit_entries(root, work, EDITS)
        try:
            return run(check, out, env=env)
        finally:
            restore_edits(root, work)

    add(f"check after editing {EDITS} files", repeated(repeat, edited_once))
    run(check, out, env=env)  # warm again with the restored files
    add("check FILE (warm)", repeated(repeat, lambda: run([*check, str(edited[0])], out, env=env)))
    hid = sorted((root / "households").glob("*.md"))[len(list((root / "households").glob("*.md"))) // 2].stem
    for name, label, extra in (("issues", "issues --format json (warm)", []),
                               ("quota", "quota a quarter --format json (warm)", ["--from", QUARTER[0], "--to", QUARTER[1]]),
                               ("household", "household ID --format json (warm)", [hid])):
        if name in offered:
            cmd = [*MINQING, name, *extra, *repo, "--format", "json"]
            run(cmd, out, env=env)  # prime
            add(label, repeated(repeat, lambda cmd=cmd: run(cmd, out, env=env)))
        else:
            add(label, None, "n/a")
    label = f"compile {COMPILE_MONTH} --format html"
    if "compile" in offered:
        html = work / f"{root.name}-{COMPILE_MONTH}.html"

        def compile_once() -> Run:
            if html.exists():
                html.unlink()
            return run([*MINQING, "compile", COMPILE_MONTH, *repo, "--format", "html", "--out", str(html)], out,
                       env=env)

        add(label, repeated(repeat, compile_once))
        redacted = work / f"{root.name}-{COMPILE_MONTH}-redacted.html"
        add(f"{label} --redact", repeated(repeat, lambda: run(
            [*MINQING, "compile", COMPILE_MONTH, *repo, "--format", "html", "--redact", "--force", "--out",
             str(redacted)], out, env=env)))
        # the ledger as of the month's end is the one compile stored: the export streams what is stored
        end = volume_end(COMPILE_MONTH)
        tables = work / f"{root.name}-export"
        add(f"export --format sqlite --as-of {COMPILE_MONTH} end (warm)", repeated(repeat, lambda: run(
            [*MINQING, "export", *repo, "--format", "sqlite", "--as-of", end, "--force", "--out", str(tables)], out,
            env=env)))
    else:
        add(label, None, "n/a")
    return rows, summary


def volume_end(month: str) -> str:
    """The last day of a YYYY-MM month (the as-of date compile uses for a month that is over)."""
    import calendar

    year, mon = map(int, month.split("-"))
    return f"{year:04d}-{mon:02d}-{calendar.monthrange(year, mon)[1]:02d}"


def status(row: dict, floor_seconds: float | None) -> tuple[str, str]:
    target, text = TARGETS.get(row["operation"], (None, "—"))
    if row["note"] == "n/a":
        return text, "n/a"
    if row["code"] not in (0, None) and not (row["operation"].startswith("quota") and row["code"] == 1) \
            and not (row["operation"].startswith("check") and row["code"] == 1):
        return text, f"failed (exit {row['code']})"
    if target is None:
        return text, ""
    if target == "floor2":
        if not floor_seconds:
            return text, "?"
        return f"{text} ({2 * floor_seconds:.2f} s)", "met" if row["seconds"] <= 2 * floor_seconds else "missed"
    return text, "met" if row["seconds"] <= target else "missed"


def fmt(value: float | None, digits: int = 2) -> str:
    return "—" if value is None else f"{value:.{digits}f}"


def table(all_rows: list[dict]) -> str:
    lines = ["| size | files | operation | seconds | peak RSS MB | target | status |",
             "|---|---:|---|---:|---:|---|---|"]
    by_size: dict[str, list[dict]] = {}
    for row in all_rows:
        by_size.setdefault(row["size"], []).append(row)
    for size, rows in by_size.items():
        floor_s = next((r["seconds"] for r in rows if r["operation"].startswith("floor") and "all cores" in r["operation"]),
                       None)
        for row in rows:
            target, state = status(row, floor_s)
            op = row["operation"] + (f" ({row['note']})" if row["note"] and row["note"] != "n/a" else "")
            seconds = "n/a" if row["note"] == "n/a" else fmt(row["seconds"])
            rss = fmt(row["rss_mb"], 0)
            lines.append(f"| {size} | {row['files']} | {op} | {seconds} | {rss} | {target} | {state} |")
        measured = [r["rss_mb"] for r in rows if r["rss_mb"] is not None and r["operation"] != "generate"]
        peak = max(measured) if measured else None
        state = "" if peak is None else ("met" if peak <= MEMORY_TARGET_MB else "missed")
        lines.append(f"| {size} | {rows[0]['files']} | peak memory of the minqing commands | — | {fmt(peak, 0)} "
                     f"| ≤ {MEMORY_TARGET_MB:.0f} MB | {state} |")
    return "\n".join(lines) + "\n"


def proc_field(path: str, key: str) -> str | None:
    """The value after `key:` on the first matching line of a /proc file, or None."""
    try:
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                if line.startswith(key):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return None


def machine() -> str:
    cpu = proc_field("/proc/cpuinfo", "model name") or "unknown"
    mem = proc_field("/proc/meminfo", "MemTotal")
    ram = f"{int(mem.split()[0]) / 1024 / 1024:.1f} GiB" if mem else "unknown"
    git = "no git"
    if shutil.which("git"):
        git = subprocess.run(["git", "--version"], capture_output=True, text=True, check=False).stdout.strip()
    try:
        version = dist_version("minqing")
    except PackageNotFoundError:  # run from a source tree that is not installed
        version = "not installed"
    head = subprocess.run(["git", "-c", "core.fsmonitor=false", "-C", str(HERE.parent), "describe", "--always",
                           "--dirty"], capture_output=True, text=True, check=False).stdout.strip() if shutil.which("git") else ""
    return (f"- minqing: {version}" + (f" at {head}" if head else "") + f", started {time.strftime('%Y-%m-%d %H:%M %Z')}\n"
            f"- CPUs (nproc): {os.cpu_count()}\n- CPU: {cpu}\n- RAM: {ram}\n"
            f"- Python: {platform.python_version()} ({platform.python_implementation()})\n- {git}\n"
            f"- OS: {platform.system()} {platform.release()}\n")


PATHOLOGICAL_SIZE = 256 * 1024
PATHOLOGICAL_BUDGET = 2.0  # seconds per 256 KB file: linear work takes under one, a backtracking pattern minutes


def pathological() -> int:
    """Parse, check and redact every case of tests/pathological at 256 KB; a table; 1 when one is over budget."""
    sys.path.insert(0, str(HERE.parent))
    from tests.pathological.corpus import CASES

    from minqing.config import Config
    from minqing.figures import strip_markdown_images
    from minqing.loader import load_file
    from minqing.volume import masker

    config = Config(root=Path("."), name="bench", township="", villages=("群安村",), cadres=())
    mask = masker(["吴俊义", "欧阳春花", "李桂兰"])
    rows, over = [], 0
    for case in CASES:
        data = case.record(PATHOLOGICAL_SIZE)
        start = time.perf_counter()
        load_file("entries/2024/03/2024-03-04-x.md", data, None, config)
        mask(data.decode("utf-8"))
        strip_markdown_images(data.decode("utf-8"), "zh")
        seconds = time.perf_counter() - start
        ok = seconds <= PATHOLOGICAL_BUDGET
        over += not ok
        rows.append(f"| {case.name} | {case.where} | {len(data) // 1024} KB | {seconds:.3f} | "
                     f"{PATHOLOGICAL_BUDGET} | {'ok' if ok else 'OVER'} |")
    print("| case | where | size | seconds (parse, checks, redaction) | budget | |")
    print("|---|---|---|---|---|---|")
    print("\n".join(rows))
    return 1 if over else 0


# ------------------------------------------------------------------------------------------------
# A county workspace: ~15 township workspaces of ~7 village repositories (issue 15)
# ------------------------------------------------------------------------------------------------

WS_TOWNSHIPS = 15
WS_AS_OF = "2024-12-31"
WS_QUERY = "SELECT category, count(*) AS n FROM entries GROUP BY category ORDER BY n DESC"
WORKSPACE_TARGETS = {
    "workspace: issues --overdue (warm)": (2.0, "≤ 2 s"),
    "workspace: query group-by over all entries (warm)": (1.0, "≤ 1 s"),
    f"workspace: township volume, compile {COMPILE_MONTH} (warm)": (10.0, "≤ 10 s"),
}
TARGETS.update(WORKSPACE_TARGETS)


def ensure_workspace(work: Path) -> tuple[Path, dict]:
    """The county workspace (make_county.py --size county --workspace 15), generated once and kept."""
    root = work / "county-workspace"
    marker = work / "county-workspace.json"
    if marker.exists() and (root / "minqing.yaml").exists():
        stats = json.loads(marker.read_text(encoding="utf-8"))
        stats["cached"] = True
        return root, stats
    if root.exists():
        shutil.rmtree(root)
    work.mkdir(parents=True, exist_ok=True)
    print("generating the county workspace ...", file=sys.stderr, flush=True)
    r = run([sys.executable, str(GENERATOR), str(root), "--size", "county", "--workspace", str(WS_TOWNSHIPS)],
            work / "county-workspace.gen.out")
    if r.code != 0:
        raise SystemExit(f"generator failed for the workspace: see {r.stdout.with_suffix('.err')}")
    stats = json.loads(r.stdout.read_text(encoding="utf-8"))
    stats.update({"wall_seconds": round(r.seconds, 2), "rss_mb": round(r.rss_mb, 1), "cached": False})
    marker.write_text(json.dumps(stats, ensure_ascii=False), encoding="utf-8")
    return root, stats


def drop_workspace_caches(root: Path) -> None:
    for cache in root.rglob(".minqing-cache"):
        shutil.rmtree(cache, ignore_errors=True)


def run_cpu(cmd: list[str], out: Path, env: dict | None = None) -> tuple[Run, float]:
    """run(), plus the CPU seconds (user + system) of the child and its children: on a shared machine
    wall time varies with the load, CPU time much less."""
    before = os.times()
    r = run(cmd, out, env=env)
    after = os.times()
    return r, (after.children_user - before.children_user) + (after.children_system - before.children_system)


def bench_workspace(work: Path, repeat: int) -> tuple[list[dict], dict]:
    root, stats = ensure_workspace(work)
    files = stats.get("entries", 0) + stats.get("households", 0)
    township = sorted(p for p in root.iterdir() if (p / "minqing.yaml").exists())[0]
    env = {**os.environ, "MINQING_LANG": "en"}
    out = work / "county-workspace.op.out"
    rows: list[dict] = []

    def add(op: str, cmd: list[str], warm: bool, note: str = "") -> None:
        if warm:
            run(cmd, out, env=env)  # the warm-up run fills the members' caches
        results = []
        for _ in range(max(1, repeat)):
            if not warm:
                drop_workspace_caches(root)
            results.append(run_cpu(cmd, out, env=env))
        results.sort(key=lambda rc: rc[0].seconds)
        r, cpu = results[len(results) // 2]
        rows.append({"size": "county-workspace", "files": files, "operation": op, "seconds": r.seconds,
                     "rss_mb": max(x[0].rss_mb for x in results), "code": r.code,
                     "note": "; ".join(x for x in (note, f"CPU {cpu:.2f} s") if x)})
        print(f"  {op}: {r.seconds:.2f} s wall, {cpu:.2f} s CPU, {rows[-1]['rss_mb']:.0f} MB, exit {r.code}",
              file=sys.stderr, flush=True)

    rows.append({"size": "county-workspace", "files": files, "operation": "generate",
                 "seconds": stats.get("wall_seconds"), "rss_mb": stats.get("rss_mb"), "code": 0,
                 "note": f"{stats.get('townships')} townships, {stats.get('repositories')} repositories"
                         + ("; cached" if stats.get("cached") else "")})
    ws = ["--repo", str(root)]
    issues = [*MINQING, "issues", "--overdue", "--as-of", WS_AS_OF, *ws]
    add("workspace: issues --overdue (cold)", issues, warm=False)
    add("workspace: issues --overdue (warm)", issues, warm=True, note="text")
    add("workspace: issues --overdue --format json (warm)", [*issues, "--format", "json"], warm=True)
    query = [*MINQING, "query", WS_QUERY, "--as-of", WS_AS_OF, *ws]
    add("workspace: query group-by over all entries (cold)", query, warm=False, note="builds the Parquet caches")
    add("workspace: query group-by over all entries (warm)", query, warm=True)
    add("workspace: analyze a year (warm)", [*MINQING, "analyze", "--from", "2024-01-01", "--to", WS_AS_OF,
                                             "--format", "json", *ws], warm=True)
    volume = work / "township-volume.html"
    add(f"workspace: township volume, compile {COMPILE_MONTH} (warm)",
        [*MINQING, "compile", COMPILE_MONTH, "--force", "--out", str(volume), "--repo", str(township)], warm=True,
        note=f"{township.name}, {sum(1 for p in township.iterdir() if (p / 'minqing.yaml').exists())} villages")
    add("workspace: check (warm)", [*MINQING, "check", "--format", "json", *ws], warm=True)
    return rows, {"workspace": str(root), "generated": stats}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Benchmark minqing on generated repositories.")
    ap.add_argument("--sizes", default="small,township", help="comma-separated: small,township,county")
    ap.add_argument("--work", default="/tmp/minqing-bench", help="where generated repositories are cached")
    ap.add_argument("--out", default=None, help="also write the table (Markdown) to this file")
    ap.add_argument("--no-git", action="store_true", help="generate plain folders instead of git repositories")
    ap.add_argument("--json", default=None, help="also write the raw measurements as JSON")
    ap.add_argument("--pathological", action="store_true",
                    help="time the pathological-line corpus (tests/pathological) against its per-file budget")
    ap.add_argument("--repeat", type=int, default=0,
                    help="runs per measurement, median reported (default 3; 1 for county)")
    ap.add_argument("--workspace", action="store_true",
                    help="also benchmark a county workspace (15 townships, 100 village repositories)")
    ap.add_argument("--floor", default=None, help=argparse.SUPPRESS)
    ap.add_argument("--floor-parallel", default=None, help=argparse.SUPPRESS)
    ap.add_argument("--county", default=None, help="use this already generated county repository (make_county.py --size county --git)")
    a = ap.parse_args(argv)
    if a.pathological:
        return pathological()
    if a.floor:
        print(json.dumps(floor(Path(a.floor))))
        return 0
    if a.floor_parallel:
        print(json.dumps(floor_parallel(Path(a.floor_parallel))))
        return 0
    sizes = [s.strip() for s in a.sizes.split(",") if s.strip()]
    bad = [s for s in sizes if s not in ("small", "township", "county")]
    if bad:
        ap.error(f"unknown size(s): {', '.join(bad)}")
    work = Path(a.work)
    work.mkdir(parents=True, exist_ok=True)
    if a.county:  # reuse a county generated before (generation takes minutes)
        link = work / "county"
        if not link.exists():
            link.symlink_to(Path(a.county).resolve())
        marker = work / "county.json"
        if not marker.exists():
            marker.write_text(json.dumps({"note": f"generated before: {a.county}"}), encoding="utf-8")
    offered = commands(work) | {"issues", "quota", "household", "compile"}
    no_cache = "--no-cache" in help_text(["check"], work)
    header = machine()  # the minqing revision measured is the one at the start
    all_rows: list[dict] = []
    summaries = {}
    for size in sizes:
        print(f"benchmarking {size} ...", file=sys.stderr, flush=True)
        load_before = os.getloadavg()[0]
        rows, summary = bench_size(size, work, not a.no_git, offered, no_cache,
                                   a.repeat if a.repeat else (1 if size == "county" else 3))
        summary["load_average"] = f"{load_before:.2f} before, {os.getloadavg()[0]:.2f} after"
        all_rows += rows
        summaries[size] = summary
    if a.workspace:
        print("benchmarking the county workspace ...", file=sys.stderr, flush=True)
        load_before = os.getloadavg()[0]
        rows, summary = bench_workspace(work, a.repeat or 1)
        summary["load_average"] = f"{load_before:.2f} before, {os.getloadavg()[0]:.2f} after"
        all_rows += rows
        summaries["county-workspace"] = summary
    text = table(all_rows)
    text += ("\nSeconds are wall time (median of the runs); peak RSS is the largest ru_maxrss of the child. "
             "The floor's seconds are measured inside its process (no interpreter start-up).\n")
    notes = ["", "check results on the generated data (cold run):", ""]
    for size, s in summaries.items():
        notes.append(f"- {size}: {json.dumps(s, ensure_ascii=False)}")
    report = text + "\n".join(notes) + "\n"
    report = header + f"- finished {time.strftime('%Y-%m-%d %H:%M %Z')}\n\n" + report
    print(report)
    if a.out:
        Path(a.out).write_text(report, encoding="utf-8")
    if a.json:
        Path(a.json).write_text(json.dumps({"rows": all_rows, "summaries": summaries}, ensure_ascii=False, indent=2),
                                encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
