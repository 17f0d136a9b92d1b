"""The `towncentre` command: exit codes, stdout and stderr.

Most runs call `cli.main` in this process (conftest's `towncentre`); a few run the real entry point in a
child process (`run_towncentre_process`): a round trip in a folder with URI characters, and bad usage.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import keyring
import pytest
from db_helpers import Towncentre, copy_database, run_towncentre_process
from keyring.backend import KeyringBackend

from desktop import __version__

DEMO_COUNTS = {
    "town_profile": 1,
    "users": 6,
    "roles": 6,
    "communities": 8,
    "grids": 18,
    "grid_workers": 78,
    "persons": 109,  # 78 grid workers + 31 mediators, parties and agents of the demo mediation cases
    "mediators": 5,
    "mediation_cases": 9,
    "mediation_parties": 27,
    "events": 0,
}


def _one_line(stream: str) -> str:
    lines = stream.strip().splitlines()
    assert len(lines) == 1, stream
    return lines[0]


def test_version(towncentre: Towncentre) -> None:
    done = towncentre("--version")
    assert done.returncode == 0
    assert done.stdout.strip() == f"towncentre {__version__}"


def test_the_installed_entry_point_runs() -> None:
    script = Path(sys.executable).with_name("towncentre")
    if not script.exists():
        pytest.skip("no towncentre script beside this interpreter")
    done = subprocess.run([str(script), "--version"], capture_output=True, text=True, timeout=60, check=False)
    assert (done.returncode, done.stdout.strip()) == (0, f"towncentre {__version__}")


def test_demo_then_check_then_stats_in_a_folder_with_uri_characters(tmp_path: Path) -> None:
    """The round trip through the real entry point, one child process per command. The folder's name
    has characters that mean something in an SQLite URI (`?`, `#`), a space and Chinese."""
    path = tmp_path / "a?b#c 数据" / "towncentre.db"

    demo = run_towncentre_process("demo", "--db", str(path))
    assert demo.returncode == 0, demo.stderr
    summary = _one_line(demo.stdout)
    for part in (
        "清溪镇",
        "330127104000",
        "6 个用户",
        "8 个村（社区）",
        "18 个网格",
        "78 名网格人员",
        "demo2026",
    ):
        assert part in summary

    check = run_towncentre_process("check", "--db", str(path))
    assert check.returncode == 0, check.stdout + check.stderr
    assert "[正常] 审计日志" in check.stdout
    assert "[正常] PDF 预览：第 1 页" in check.stdout and "文字可见" in check.stdout, (
        "PDFium renders the page"
    )
    assert "[失败]" not in check.stdout
    assert check.stdout.strip().endswith("检查通过 / all checks passed")

    stats = run_towncentre_process("stats", "--db", str(path), "--json")
    assert stats.returncode == 0, stats.stderr
    counts = json.loads(stats.stdout)
    assert {k: counts[k] for k in DEMO_COUNTS} == DEMO_COUNTS
    assert counts["audit_log"] > 0


def test_demo_on_a_town_is_refused(towncentre: Towncentre, demo_db_file: Path, tmp_path: Path) -> None:
    path = copy_database(demo_db_file, tmp_path / "towncentre.db")
    again = towncentre("demo", "--db", str(path))
    assert again.returncode == 1
    assert again.stdout == ""
    message = _one_line(again.stderr)
    assert "已有乡镇数据" in message and " / " in message and "already has a town" in message


def test_stats_on_the_shared_demo_database(towncentre: Towncentre, demo_db_file: Path) -> None:
    """The same figures from the in-process demo, through the TOWNCENTRE_DB variable this time."""
    done = towncentre("stats", "--json", TOWNCENTRE_DB=str(demo_db_file))
    assert done.returncode == 0, done.stderr
    counts = json.loads(done.stdout)
    assert {k: counts[k] for k in DEMO_COUNTS} == DEMO_COUNTS
    conn = sqlite3.connect(demo_db_file)
    try:
        assert counts["audit_log"] == conn.execute("SELECT count(*) FROM audit_log").fetchone()[0]
    finally:
        conn.close()


def test_stats_without_json(towncentre: Towncentre, demo_db_file: Path) -> None:
    done = towncentre("stats", "--db", str(demo_db_file))
    assert done.returncode == 0
    assert "grid_workers: 78" in done.stdout.splitlines()


def test_demo_with_another_town_code(towncentre: Towncentre, tmp_path: Path) -> None:
    done = towncentre("demo", "--db", str(tmp_path / "t.db"), "--town", "330127105000")
    assert done.returncode == 0, done.stderr
    assert "示范镇（330127105000）" in done.stdout


def test_demo_with_a_bad_town_code(towncentre: Towncentre, tmp_path: Path) -> None:
    done = towncentre("demo", "--db", str(tmp_path / "t.db"), "--town", "12345")
    assert done.returncode == 1
    assert "12 位数字" in _one_line(done.stderr)


@pytest.mark.parametrize(
    "args",
    [("frobnicate", "--db", "DB"), ("stats", "--nonsense", "--db", "DB"), ("demo", "--db", "DB", "--town")],
)
def test_bad_usage_exits_2(towncentre: Towncentre, tmp_path: Path, args: tuple[str, ...]) -> None:
    done = towncentre(*(str(tmp_path / "t.db") if a == "DB" else a for a in args))
    assert done.returncode == 2
    assert "usage:" in done.stderr
    assert not (tmp_path / "t.db").exists()


def test_bad_usage_exits_2_from_the_real_entry_point(tmp_path: Path) -> None:
    done = run_towncentre_process("stats", "--nonsense", "--db", str(tmp_path / "t.db"))
    assert done.returncode == 2
    assert "usage:" in done.stderr and "--nonsense" in done.stderr
    assert not (tmp_path / "t.db").exists()


@pytest.mark.parametrize("command", ["stats", "check", "demo"])
def test_a_database_from_a_newer_program_is_refused(
    towncentre: Towncentre, demo_db_file: Path, tmp_path: Path, command: str
) -> None:
    path = copy_database(demo_db_file, tmp_path / "towncentre.db")
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("UPDATE alembic_version SET version_num = '0099'")
    conn.close()
    digest = hashlib.sha256(path.read_bytes()).hexdigest()

    done = towncentre(command, "--db", str(path))

    assert done.returncode == 1
    message = _one_line(done.stderr)
    assert "更新版本的程序" in message and "newer version" in message and "0099" in message
    assert hashlib.sha256(path.read_bytes()).hexdigest() == digest
    assert not path.with_name(path.name + "-wal").exists()
    assert not (tmp_path / "backups").exists()


def test_check_on_a_missing_file_fails_without_creating_it(towncentre: Towncentre, tmp_path: Path) -> None:
    missing = tmp_path / "nowhere" / "towncentre.db"
    done = towncentre("check", "--db", str(missing))
    assert done.returncode == 1
    assert "不存在" in done.stderr
    assert not missing.exists()


def test_check_says_whether_the_installed_program_runs_in_utf8_mode() -> None:
    """The frozen bundle must run in UTF-8 mode (installer/towncentre.spec); the build's smoke test
    reads this line from the bundle's own `check`."""
    from desktop.selfcheck import FAIL, OK, UTF8_ON, check_utf8_mode

    assert (check_utf8_mode(True, 1).status, check_utf8_mode(True, 1).message) == (OK, UTF8_ON)
    assert check_utf8_mode(True, 0).status == FAIL, "a bundle without it is a broken build"
    assert check_utf8_mode(False, 0).status == OK, "a developer's Python decides for itself"
    spec = (Path(__file__).parent.parent / "installer" / "towncentre.spec").read_text(encoding="utf-8")
    assert 'python_options = [("X utf8", None, "OPTION")]' in spec


class _MemoryKeyring(KeyringBackend):
    """A keyring backend (keyring's own plug-in interface) that keeps credentials in a dict; `lossy`
    stands for a vault that accepts a credential and returns something else."""

    priority = 1

    def __init__(self, lossy: bool = False) -> None:
        super().__init__()
        self.stored: dict[tuple[str, str], str] = {}
        self.lossy = lossy

    def set_password(self, service: str, username: str, password: str) -> None:
        self.stored[service, username] = "" if self.lossy else password

    def get_password(self, service: str, username: str) -> str | None:
        return self.stored.get((service, username))

    def delete_password(self, service: str, username: str) -> None:
        del self.stored[service, username]


@pytest.mark.parametrize("lossy", [False, True])
def test_check_stores_a_credential_in_the_keyring_and_reads_it_back(lossy: bool) -> None:
    """The county sync token lives in the keyring (Windows Credential Manager, Secret Service): `check`
    proves the round trip, not only that a backend has a name, and leaves nothing behind."""
    from desktop.selfcheck import OK, WARN, _check_keyring

    backend = _MemoryKeyring(lossy=lossy)
    before = keyring.get_keyring()
    keyring.set_keyring(backend)
    try:
        line = _check_keyring()
    finally:
        keyring.set_keyring(before)
    if lossy:
        assert line.status == WARN and "读不回来" in line.message
    else:
        assert (line.status, line.message.split("，")[0]) == (OK, "_MemoryKeyring")
        assert "存取正常" in line.message
    assert backend.stored == {}, "the test credential is deleted again"


class _RefusingKeyring(KeyringBackend):
    """A backend whose vault refuses every store with the given error, as a locked Secret Service or a
    Credential Manager without the user's logon session does."""

    priority = 1

    def __init__(self, error: Exception) -> None:
        super().__init__()
        self.error = error

    def set_password(self, service: str, username: str, password: str) -> None:
        raise self.error

    def get_password(self, service: str, username: str) -> str | None:
        return None

    def delete_password(self, service: str, username: str) -> None:
        raise self.error


def _windows_error(code: int) -> OSError:
    error = OSError(code, "Windows error")
    error.winerror = code  # type: ignore[attr-defined]  # what pywin32-ctypes' error carries
    return error


@pytest.mark.parametrize(
    ("error", "reason"),
    [
        (keyring.errors.KeyringLocked("Failed to unlock the collection!"), "密钥环已锁定"),
        (keyring.errors.PasswordSetError("Prompt dismissed."), "访问被拒绝"),
        (_windows_error(1312), "访问被拒绝"),  # ERROR_NO_SUCH_LOGON_SESSION: a task without the logon
        (PermissionError("denied"), "访问被拒绝"),
        (keyring.errors.InitError("The Secret Service is not available"), "没有可用的密钥环服务"),
    ],
)
def test_check_says_why_the_keyring_failed(error: Exception, reason: str) -> None:
    """IT reads the keyring line to fix a scheduled sync: it names the cause, in Chinese and English."""
    from desktop.selfcheck import WARN, _check_keyring

    before = keyring.get_keyring()
    keyring.set_keyring(_RefusingKeyring(error))
    try:
        line = _check_keyring()
    finally:
        keyring.set_keyring(before)
    assert line.status == WARN
    assert line.message.startswith(reason), line.message
    assert " / " in line.message, "the English follows"


def test_check_says_when_there_is_no_keyring_at_all() -> None:
    from keyring.backends import fail

    from desktop.selfcheck import WARN, _check_keyring

    before = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    try:
        line = _check_keyring()
    finally:
        keyring.set_keyring(before)
    assert (line.status, line.message.split("（")[0]) == (WARN, "没有可用的密钥环服务")
