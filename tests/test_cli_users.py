"""The command line acts as a named user (DESIGN.md §5; issue 9, finding 4).

`import`, `export`, `print` and `audit reanchor` log in with `--user NAME` (or TOWNCENTRE_USER) and the
password in TOWNCENTRE_PASSWORD, through the program's own login (audited, counted towards the lockout);
they are refused without them, when the password must be changed first, and when the user's role lacks
the permission, and each refusal leaves an audit row. What they do is audited under that user.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from db_helpers import Towncentre, copy_database

from desktop.demo.town import DEMO_PASSWORD
from desktop.services.common import audit_anchor
from desktop.services.matters import exchange, listfile

CHECK_PASSED = "检查通过 / all checks passed"


@pytest.fixture(autouse=True)
def _no_credentials_from_the_shell(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test passes the user and password it means; none leak in from the developer's shell."""
    monkeypatch.delenv("TOWNCENTRE_USER", raising=False)
    monkeypatch.delenv("TOWNCENTRE_PASSWORD", raising=False)


@pytest.fixture
def db_file(demo_db_file: Path, tmp_path: Path) -> Path:
    """A private copy of the demo town (users admin, zhuren, shouli, tiaojie, wangge, chakan)."""
    return copy_database(demo_db_file, tmp_path / "data" / "towncentre.db")


def audit_rows(path: Path, count: int) -> list[tuple[str, str, str, str]]:
    """The newest `count` audit rows, oldest first: (username, action, result, summary)."""
    conn = sqlite3.connect(path)
    try:
        rows = conn.execute(
            "SELECT username, action, result, summary FROM audit_log ORDER BY seq DESC LIMIT ?", (count,)
        ).fetchall()
    finally:
        conn.close()
    return [tuple(r) for r in reversed(rows)]


def scalar(path: Path, sql: str, *params: object) -> object:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql, params).fetchone()[0]
    finally:
        conn.close()


def audit_count(path: Path) -> int:
    return int(str(scalar(path, "SELECT count(*) FROM audit_log")))


@pytest.fixture
def list_file(tmp_path: Path) -> Path:
    path = tmp_path / "清单.xlsx"
    exchange.write_template(path)
    return path


def commands(db_file: Path, list_file: Path, out: Path) -> dict[str, list[str]]:
    return {
        "导出事项清单": ["export", "matters", "--out", str(out), "--db", str(db_file)],
        "导出事件": ["export", "events", "--out", str(out), "--db", str(db_file)],
        "导入事项清单": ["import", "matters", str(list_file), "--db", str(db_file)],
    }


@pytest.mark.parametrize("action", ["导出事项清单", "导出事件", "导入事项清单"])
def test_without_a_user_the_command_is_refused_and_the_refusal_audited(
    towncentre: Towncentre, db_file: Path, list_file: Path, tmp_path: Path, action: str
) -> None:
    out = tmp_path / "out.xlsx"
    args = commands(db_file, list_file, out)[action]
    before = audit_count(db_file)

    done = towncentre(*args)

    assert done.returncode == 2
    assert "--user" in done.stderr and "TOWNCENTRE_PASSWORD" in done.stderr and " / " in done.stderr
    assert not out.exists()
    assert audit_count(db_file) == before + 1
    assert audit_rows(db_file, 1) == [("", action, "拒绝", "命令行未提供用户名")]

    # A name without a password (and no terminal to ask on) is refused the same way.
    named = towncentre(*args, "--user", "zhuren")
    assert named.returncode == 2 and "TOWNCENTRE_PASSWORD" in named.stderr
    assert audit_rows(db_file, 1) == [("", action, "拒绝", "命令行未提供密码")]
    assert not out.exists()


def test_a_wrong_password_is_refused_counted_and_audited(
    towncentre: Towncentre, db_file: Path, tmp_path: Path
) -> None:
    out = tmp_path / "events.xlsx"
    done = towncentre(
        "export", "events", "--out", str(out), "--db", str(db_file), "--user", "shouli",
        TOWNCENTRE_PASSWORD="wrong-password",
    )  # fmt: skip
    assert done.returncode == 1
    assert "用户名或密码不正确" in done.stderr and "Wrong user name or password" in done.stderr
    assert not out.exists()
    assert audit_rows(db_file, 1)[0][:3] == ("", "命令行登录失败", "失败")
    assert scalar(db_file, "SELECT failed_logins FROM app_user WHERE username = 'shouli'") == 1


@pytest.mark.parametrize(
    ("user", "args", "action", "missing"),
    [
        ("shouli", ["import", "matters", "LIST"], "导入事项清单", "维护事项清单"),
        ("tiaojie", ["export", "matters", "--out", "OUT"], "导出事项清单", "查看事项清单"),
    ],
)
def test_a_role_without_the_permission_is_refused_and_audited_as_refused(
    towncentre: Towncentre,
    db_file: Path,
    list_file: Path,
    tmp_path: Path,
    user: str,
    args: list[str],
    action: str,
    missing: str,
) -> None:
    out = tmp_path / "out.xlsx"
    argv = [{"LIST": str(list_file), "OUT": str(out)}.get(a, a) for a in args]
    versions = scalar(db_file, "SELECT count(*) FROM matter_list_version")

    done = towncentre(*argv, "--db", str(db_file), "--user", user, TOWNCENTRE_PASSWORD=DEMO_PASSWORD)

    assert done.returncode == 1
    assert f"您没有“{missing}”的权限" in done.stderr and " / " in done.stderr
    assert not out.exists()
    login, refusal = audit_rows(db_file, 2)
    assert login[:3] == (user, "命令行登录", "成功")
    assert refusal[:3] == (user, action, "拒绝") and missing in refusal[3]
    assert scalar(db_file, "SELECT count(*) FROM matter_list_version") == versions


def test_a_password_that_must_be_changed_first_refuses_the_command(
    towncentre: Towncentre, db_file: Path, tmp_path: Path
) -> None:
    conn = sqlite3.connect(db_file)
    with conn:
        conn.execute("UPDATE app_user SET must_change_password = 1 WHERE username = 'shouli'")
    conn.close()
    out = tmp_path / "events.xlsx"

    done = towncentre(
        "export", "events", "--out", str(out), "--db", str(db_file), "--user", "shouli",
        TOWNCENTRE_PASSWORD=DEMO_PASSWORD,
    )  # fmt: skip

    assert done.returncode == 1
    assert "请先在综治工作台中修改密码" in done.stderr and "change the password in the program" in done.stderr
    assert not out.exists()
    assert audit_rows(db_file, 1)[0][:3] == ("shouli", "导出事件", "拒绝")


def test_the_work_is_audited_under_the_named_user(
    towncentre: Towncentre, db_file: Path, tmp_path: Path
) -> None:
    events = tmp_path / "events.xlsx"
    done = towncentre(
        "export", "events", "--out", str(events), "--db", str(db_file), "--user", "shouli",
        TOWNCENTRE_PASSWORD=DEMO_PASSWORD,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert [r[:3] for r in audit_rows(db_file, 2)] == [
        ("shouli", "命令行登录", "成功"),
        ("shouli", "导出事件", "成功"),
    ]

    # The user can come from TOWNCENTRE_USER too; an import is audited under the manager who ran it.
    listing = tmp_path / "list.xlsx"
    exported = towncentre(
        "export", "matters", "--out", str(listing), "--db", str(db_file),
        TOWNCENTRE_USER="zhuren", TOWNCENTRE_PASSWORD=DEMO_PASSWORD,
    )  # fmt: skip
    assert exported.returncode == 0, exported.stderr
    assert audit_rows(db_file, 1)[0][:3] == ("zhuren", "导出事项清单", "成功")
    from openpyxl import load_workbook

    book = load_workbook(listing)
    book["版本"]["B1"] = "2026.2"
    book["版本"]["B2"] = "2026-05-01"
    book["事项清单"].cell(row=3, column=listfile.ITEM_HEADERS.index("办理时限") + 1, value=11)
    book.save(listing)
    imported = towncentre(
        "import", "matters", str(listing), "--db", str(db_file), "--user", "zhuren",
        TOWNCENTRE_PASSWORD=DEMO_PASSWORD,
    )  # fmt: skip
    assert imported.returncode == 0, imported.stderr
    newest = "SELECT username FROM audit_log WHERE action = '导入事项清单' ORDER BY seq DESC LIMIT 1"
    assert scalar(db_file, newest) == "zhuren"
    assert scalar(db_file, "SELECT applied_by FROM matter_list_version WHERE version = '2026.2'") == "zhuren"


def test_an_administrator_reestablishes_the_audit_anchor_after_a_loss(
    towncentre: Towncentre, db_file: Path
) -> None:
    audit_anchor.anchor_path(db_file).unlink()
    lost = towncentre("check", "--db", str(db_file))
    assert lost.returncode == 1 and "审计锚点文件" in lost.stdout and "缺失" in lost.stdout

    no_reason = towncentre("audit", "reanchor", "--db", str(db_file), "--user", "admin")
    assert no_reason.returncode == 2 and "--reason" in no_reason.stderr

    refused = towncentre(
        "audit", "reanchor", "--reason", "备份恢复时未带锚点文件", "--db", str(db_file), "--user", "shouli",
        TOWNCENTRE_PASSWORD=DEMO_PASSWORD,
    )  # fmt: skip
    assert refused.returncode == 1 and "管理用户账号" in refused.stderr
    assert audit_rows(db_file, 1)[0][:3] == ("shouli", "重建审计锚点", "拒绝")
    assert not audit_anchor.anchor_path(db_file).exists()

    done = towncentre(
        "audit", "reanchor", "--reason", "备份恢复时未带锚点文件", "--db", str(db_file), "--user", "admin",
        TOWNCENTRE_PASSWORD=DEMO_PASSWORD,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "已重建审计锚点" in done.stdout
    assert audit_rows(db_file, 1)[0] == ("admin", "建立审计锚点", "成功", "备份恢复时未带锚点文件")

    again = towncentre("check", "--db", str(db_file))
    assert again.returncode == 0, again.stdout + again.stderr
    assert again.stdout.strip().endswith(CHECK_PASSED)
