"""The index's SQLite file: where it lives, who may trust it, and its schema.

One file, `.git/minqing/index.sqlite` when the records root is the top of a git repository,
else `.minqing-cache/index.sqlite` beside the records. Safety rules, each enforced here:

- the folder is created 0700 and the file 0600 (SQLite gives its `-wal`/`-shm` files the same
  mode); neither the folder, its parent `minqing/` nor the file is ever followed through a
  symbolic link (checked with lstat, opened with O_NOFOLLOW); a link is refused with a warning
  and the command runs without the index;
- the file must be owned by the user, and carry a token made with a per-user secret
  (`~/.cache/minqing/key`, 0600) over the file's own path, device and inode: an index copied in
  from a USB stick or another repository, or one written by someone else, fails the token and is
  rebuilt from scratch, so it can never bring its own answers;
- the schema version and minqing's code stamp are stored: any difference, and the file is
  rebuilt from scratch; a corrupt file is rebuilt too, never an error.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import sqlite3
import stat
import sys
from pathlib import Path

from .. import __version__

SCHEMA = 8
FILE_NAME = "index.sqlite"

DDL = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value) WITHOUT ROWID;
CREATE TABLE files (
    path BLOB PRIMARY KEY,      -- repository-relative, '/', UTF-8 bytes (a non-UTF-8 name keeps its bytes)
    blob TEXT NOT NULL,         -- git blob id of the bytes ('' when unreadable)
    size INTEGER, mtime_ns INTEGER, ctime_ns INTEGER, ino INTEGER, link INTEGER,
    checked_ns INTEGER,         -- when the stat above was taken (racy-window rule)
    kind TEXT, ok INTEGER,      -- entry/household; front matter parsed
    date INTEGER,               -- ordinal of the entry's date
    author TEXT, village TEXT,
    hid TEXT, head TEXT,        -- a household's id and head
    items INTEGER,              -- the entry raises issues or has updates
    backfill INTEGER,           -- typed up later from a paper notebook (补录)
    state BLOB NOT NULL,        -- marshal of Record.to_state()
    diags BLOB                  -- marshal of the file checks' diagnostics (NULL: none)
);
-- what `check` reads of every record, apart from the wide rows: a scan reads a tenth of the pages
CREATE TABLE checks (
    path BLOB PRIMARY KEY,      -- as in files
    facts BLOB NOT NULL,        -- marshal of checks.facts.Facts: what the repository checks read
    diags BLOB                  -- as in files
) WITHOUT ROWID;
CREATE INDEX files_date ON files (kind, date);
CREATE INDEX files_hid ON files (kind, hid);
CREATE TABLE refs (path BLOB NOT NULL, ref TEXT NOT NULL);  -- households an entry names
CREATE INDEX refs_ref ON refs (ref);
CREATE INDEX refs_path ON refs (path);
-- a rowid table, not WITHOUT ROWID: its values run to tens of MB (the history), and a WITHOUT ROWID
-- b-tree keeps whole rows in its interior cells, so finding a small value read the big ones' pages
CREATE TABLE kv (name TEXT PRIMARY KEY, stamp BLOB, value BLOB);
CREATE TABLE ledger (                             -- the last ledger built, one issue per row in ledger order
    n INTEGER PRIMARY KEY, open INTEGER,          -- (kv 'ledger' holds its stamp)
    state BLOB NOT NULL,                          -- marshal of ledger.to_state()
    id TEXT, status TEXT, overdue INTEGER,        -- what `issues` filters on (ledger.passes in SQL)
    author TEXT, village TEXT, category TEXT, owner TEXT,
    json BLOB NOT NULL                            -- Issue.to_json() (order null) as issues JSON writes it
);
CREATE INDEX ledger_id ON ledger (id);
CREATE TABLE ledger_households (hid TEXT NOT NULL, n INTEGER NOT NULL);  -- the households each issue names
CREATE INDEX ledger_households_hid ON ledger_households (hid);
-- the repository checks kept per record (rchecks): the keys each record gives other records' checks,
-- the diagnostics of the last run per check and record, and the records changed since
CREATE TABLE rkeys (kind INTEGER NOT NULL, key NOT NULL, ord REAL, path BLOB NOT NULL);
CREATE INDEX rkeys_key ON rkeys (kind, key, ord);
CREATE INDEX rkeys_path ON rkeys (path);
CREATE TABLE rdiags (chk INTEGER NOT NULL, path BLOB NOT NULL, d BLOB NOT NULL, PRIMARY KEY (chk, path)) WITHOUT ROWID;
CREATE TABLE rdirty (path BLOB PRIMARY KEY) WITHOUT ROWID;
"""


class Unusable(Exception):
    """The index folder or file may not be used (a link, another owner): a catalog key and the path."""

    def __init__(self, key: str, path: object) -> None:
        super().__init__(key, str(path))
        self.key, self.path = key, str(path)


_CODE: str | None = None


def code_stamp() -> str:
    """minqing's version and a digest of its modules' sizes and mtimes: changed code, new index."""
    global _CODE
    if _CODE is None:
        h = hashlib.blake2b(f"{__version__}:{SCHEMA}".encode(), digest_size=8)
        package = Path(__file__).resolve().parent.parent
        for path in sorted(package.rglob("*.py")):
            st = path.stat()
            h.update(f"{path.relative_to(package)}:{st.st_size}:{st.st_mtime_ns};".encode())
        _CODE = h.hexdigest()
    return _CODE


def enabled() -> bool:
    return os.environ.get("MINQING_NO_CACHE", "") in ("", "0")


WARNED: set[tuple[str, str]] = set()  # said in this command already (cleared by index.forget())


def warn(key: str, path: object) -> None:
    """A catalog message on stderr, in the language of the command line or MINQING_LANG; once per
    command for the same index (a workspace may open a member's index twice)."""
    from .. import i18n

    if (key, str(path)) in WARNED:
        return
    WARNED.add((key, str(path)))

    try:
        lang = i18n.lang_from_argv(sys.argv[1:])
    except Exception:  # pragma: no cover - an odd argv: the default language
        lang = i18n.detect_lang()
    try:
        from ..report import write

        write("minqing: " + i18n.t(key, lang, path=str(path)) + "\n", sys.stderr)
    except (OSError, ValueError):  # pragma: no cover - no stderr
        pass


def location(root: Path) -> tuple[Path, Path]:
    """(folder, file) of the index for the records root."""
    git = root / ".git"
    if git.is_dir() and not git.is_symlink():
        folder = git / "minqing"
    else:
        folder = root / ".minqing-cache"
    return folder, folder / FILE_NAME


def _safe_folder(folder: Path) -> None:
    """Create the folder 0700, or check that it is a real folder of ours; never through a link."""
    for part in (folder.parent, folder):
        try:
            st = os.lstat(part)
        except FileNotFoundError:
            if part == folder.parent:
                raise Unusable("index.notdir", part) from None
            os.mkdir(part, 0o700)
            st = os.lstat(part)
        if stat.S_ISLNK(st.st_mode):
            raise Unusable("index.link", part)
        if not stat.S_ISDIR(st.st_mode):
            raise Unusable("index.notdir", part)
    st = os.lstat(folder)
    if st.st_uid != os.geteuid():
        raise Unusable("index.owner", folder)
    if stat.S_IMODE(st.st_mode) != 0o700:
        os.chmod(folder, 0o700)
    if folder.name == ".minqing-cache":
        ignore = folder / ".gitignore"
        if not os.path.lexists(ignore):
            fd = os.open(ignore, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
            with os.fdopen(fd, "w") as fh:
                fh.write("*\n")


def user_key() -> bytes | None:
    """The per-user secret; recreated (with a warning) when someone else owns it or may read it."""
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "minqing"
    path = base / "key"
    try:
        base.mkdir(parents=True, exist_ok=True, mode=0o700)
        st = os.lstat(path)
        if stat.S_ISLNK(st.st_mode) or not stat.S_ISREG(st.st_mode) or st.st_uid != os.geteuid() \
                or stat.S_IMODE(st.st_mode) & 0o077 or st.st_size < 32:
            warn("index.key", path)
            os.unlink(path)
            raise FileNotFoundError
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
        with os.fdopen(fd, "rb") as fh:
            return fh.read(32)
    except FileNotFoundError:
        pass
    except OSError:
        return None
    try:
        key = os.urandom(32)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
        with os.fdopen(fd, "wb") as fh:
            fh.write(key)
        return key
    except FileExistsError:  # another process made it meanwhile
        try:
            fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
            with os.fdopen(fd, "rb") as fh:
                return fh.read(32) or None
        except OSError:
            return None
    except OSError:
        return None


def _token(key: bytes, path: Path, st: os.stat_result, nonce: bytes) -> str:
    what = f"{os.path.realpath(path.parent)}\0{st.st_dev}\0{st.st_ino}\0".encode("utf-8", "surrogateescape") + nonce
    return hmac.new(key, what, hashlib.blake2b).hexdigest()


def _remove(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        try:
            os.unlink(f"{path}{suffix}")
        except FileNotFoundError:
            pass


def _connect(path: Path) -> sqlite3.Connection:
    con = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False, timeout=30)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("PRAGMA synchronous=NORMAL")
    con.execute("PRAGMA temp_store=MEMORY")
    con.execute("PRAGMA cache_size=-32000")
    return con


def _open_file(path: Path) -> os.stat_result:
    """Create the file 0600 if missing; check that it is a regular file of ours, not a link."""
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o600)
    except OSError as exc:
        if os.path.islink(path):
            raise Unusable("index.link", path) from None
        raise OSError(exc.errno, exc.strerror, str(path)) from None
    try:
        st = os.fstat(fd)
    finally:
        os.close(fd)
    if not stat.S_ISREG(st.st_mode):
        raise Unusable("index.notdir", path)
    for suffix in ("-wal", "-shm"):
        if os.path.islink(f"{path}{suffix}"):
            raise Unusable("index.link", f"{path}{suffix}")
    return st


def open_db(root: Path, config_digest: str) -> sqlite3.Connection | None:
    """The index of root, checked and ready (rebuilt empty when stale or untrusted); None when unusable."""
    if not enabled():
        return None
    key = user_key()
    if key is None:
        return None
    folder, path = location(root)
    try:
        _safe_folder(folder)
        for attempt in range(2):
            st = _open_file(path)
            if st.st_uid != os.geteuid() or stat.S_IMODE(st.st_mode) & 0o077:
                _remove(path)
                continue
            try:
                con = _connect(path)
                if _valid(con, key, path, st, config_digest):
                    return con
                con.close()
            except sqlite3.DatabaseError:
                pass
            _remove(path)
            st = _open_file(path)
            try:
                con = _connect(path)
                _create(con, key, path, st, config_digest)
                return con
            except sqlite3.DatabaseError:
                _remove(path)
        return None
    except Unusable as exc:
        warn(exc.key, exc.path)
        return None
    except OSError:
        return None


def _valid(con: sqlite3.Connection, key: bytes, path: Path, st: os.stat_result, config_digest: str) -> bool:
    try:
        meta = dict(con.execute("SELECT key, value FROM meta"))
    except sqlite3.DatabaseError:
        return False
    nonce = meta.get("nonce")
    if not isinstance(nonce, bytes) or not hmac.compare_digest(str(meta.get("token", "")), _token(key, path, st, nonce)):
        return False
    if meta.get("schema") != SCHEMA or meta.get("code") != code_stamp():
        return False
    if meta.get("config") != config_digest:  # file checks depend on the config: parse again
        con.execute("BEGIN")
        con.execute("DELETE FROM files")
        con.execute("DELETE FROM checks")
        con.execute("DELETE FROM refs")
        con.execute("DELETE FROM kv")
        for table in ("rkeys", "rdiags", "rdirty"):
            con.execute(f"DELETE FROM {table}")
        # rows gone: what git said last (gitscan) no longer describes them; nor do the kept checks
        con.execute("DELETE FROM meta WHERE key IN ('gitscan', 'rkeys', 'rstate')")
        con.execute("INSERT OR REPLACE INTO meta VALUES ('config', ?)", (config_digest,))
        con.execute("COMMIT")
    return True


def _create(con: sqlite3.Connection, key: bytes, path: Path, st: os.stat_result, config_digest: str) -> None:
    nonce = os.urandom(16)
    con.executescript("BEGIN;" + DDL + "COMMIT;")
    con.executemany("INSERT INTO meta VALUES (?, ?)", [
        ("schema", SCHEMA), ("version", __version__), ("code", code_stamp()), ("nonce", nonce),
        ("token", _token(key, path, st, nonce)), ("config", config_digest), ("gen", 0)])


def drop_indexes(con: sqlite3.Connection) -> list[str]:
    """Drop the secondary indexes (inside the caller's transaction); the statements that make them again.

    A first build writes every row, then sorts each index once, instead of keeping them up row by row."""
    made = [line.strip() for line in DDL.splitlines() if line.startswith("CREATE INDEX ")]
    for ddl in made:
        con.execute("DROP INDEX IF EXISTS " + ddl.split()[2])
    return made


def get_meta(con: sqlite3.Connection, name: str, default: object = None) -> object:
    row = con.execute("SELECT value FROM meta WHERE key = ?", (name,)).fetchone()
    return default if row is None else row[0]


def set_meta(con: sqlite3.Connection, name: str, value: object) -> None:
    con.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (name, value))
