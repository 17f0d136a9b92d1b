"""`towncentre check`: is this installation fit to work? One line per item, failures first in the summary."""

from __future__ import annotations

import io
import os
import secrets
import sys
from dataclasses import dataclass
from pathlib import Path

from desktop.db import Database, head_revision, write_problem
from desktop.errors import UserError

OK, WARN, FAIL = "正常", "警告", "失败"


@dataclass(frozen=True)
class CheckLine:
    status: str  # OK / WARN / FAIL
    item: str
    message: str

    def __str__(self) -> str:
        return f"[{self.status}] {self.item}：{self.message}"


UTF8_ITEM = "UTF-8 模式"
UTF8_ON = "已开启"


def check_utf8_mode(frozen: bool, utf8_mode: int) -> CheckLine:
    """The installed program must run in Python's UTF-8 mode: without it, output redirected to a file
    (`towncentre-cli check > 结果.txt`) is written in the ANSI code page, and Chinese or rare names fail
    on an English-locale or a cp936 Windows. The bundle turns it on (installer/towncentre.spec)."""
    if utf8_mode:
        return CheckLine(OK, UTF8_ITEM, UTF8_ON)
    if frozen:
        return CheckLine(FAIL, UTF8_ITEM, "未开启：安装包构建有误 / the bundle runs without UTF-8 mode")
    return CheckLine(OK, UTF8_ITEM, "未打包运行，由 Python 的设置决定 / not frozen: as Python is set up")


KEYRING_ITEM = "系统密钥环"
KEYRING_SERVICE = "towncentre-selfcheck"

KEYRING_NO_BACKEND = (
    "没有可用的密钥环服务（没有桌面会话，或未安装 gnome-keyring / KWallet），县级同步令牌无法保存"
    " / no keyring service (no desktop session, or no gnome-keyring / KWallet): the county token cannot be kept"
)
KEYRING_LOCKED = (
    "密钥环已锁定，请在桌面会话中解锁后再试 / the keyring is locked: unlock it in the desktop session"
)
KEYRING_DENIED = (
    "访问被拒绝：请以保存令牌的同一操作系统用户、在其登录会话中运行"
    " / access denied: run as the OS user who saved the token, in that user's logon session"
)
# Windows errors from Credential Manager: access denied, and no logon session (a task registered
# without the user's password, or run as another account, has no vault to open).
_WIN_DENIED_CODES = {5, 1312}


def keyring_problem(exc: BaseException) -> str:
    """Why the keyring failed, in words IT can act on: no backend, locked, or denied (else the error)."""
    from keyring import errors

    text = f"{type(exc).__name__} {exc}".lower()
    if isinstance(exc, errors.KeyringLocked) or "locked" in text:
        return KEYRING_LOCKED
    code = getattr(exc, "winerror", None)
    if (
        isinstance(exc, PermissionError)
        or code in _WIN_DENIED_CODES
        or "denied" in text
        or "dismissed" in text
    ):
        return KEYRING_DENIED
    if isinstance(exc, errors.NoKeyringError | errors.InitError) or "not available" in text or "dbus" in text:
        return KEYRING_NO_BACKEND
    return f"不可用 / unavailable: {exc}"


def _check_keyring() -> CheckLine:
    """Stores a throw-away credential and reads it back: a backend can be present and still refuse
    (a locked Secret Service, a roaming profile). Windows Credential Manager keeps one vault per
    Windows user, so a scheduled task sees the token only when it runs as the user who saved it."""
    try:
        import keyring
        from keyring.backends import fail

        backend = keyring.get_keyring()
        name = type(backend).__name__
        if isinstance(backend, fail.Keyring) or getattr(backend, "priority", 0) <= 0:
            return CheckLine(WARN, KEYRING_ITEM, KEYRING_NO_BACKEND)
        secret = secrets.token_hex(16)
        account = f"check-{os.getpid()}"
        backend.set_password(KEYRING_SERVICE, account, secret)
        try:
            read_back = backend.get_password(KEYRING_SERVICE, account)
        finally:
            backend.delete_password(KEYRING_SERVICE, account)
        if read_back != secret:
            return CheckLine(
                WARN, KEYRING_ITEM, f"{name} 存入的凭据读不回来 / a stored credential did not read back"
            )
        per_user = "（凭据按操作系统用户分别保存） / stored per user" if sys.platform == "win32" else ""
        return CheckLine(OK, KEYRING_ITEM, f"{name}，存取正常{per_user}")
    except Exception as exc:
        return CheckLine(WARN, KEYRING_ITEM, keyring_problem(exc))


def _check_pdf() -> list[CheckLine]:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    from desktop.printing.fonts import register_fonts

    lines: list[CheckLine] = []
    fonts = register_fonts()
    for choice in (fonts.body, fonts.heading):
        label = "正文字体" if choice.role == "body" else "标题字体"
        if choice.embedded:
            lines.append(CheckLine(OK, label, str(choice.path)))
        else:
            lines.append(
                CheckLine(
                    WARN, label, f"未找到中文 TrueType 字体，改用不嵌入的 {choice.name}，打印效果可能变差"
                )
            )
    buf = io.BytesIO()
    pdf = canvas.Canvas(buf, pagesize=A4)
    pdf.setFont(fonts.body.name, 14)
    pdf.drawString(72, 760, "综治工作台打印自检：人民调解协议书")
    pdf.showPage()
    pdf.save()
    data = buf.getvalue()
    if data.startswith(b"%PDF") and len(data) > 500:
        lines.append(CheckLine(OK, "PDF 生成", f"{len(data)} 字节"))
        lines.append(_check_pdf_render(data))
    else:
        lines.append(CheckLine(FAIL, "PDF 生成", "生成的 PDF 不完整 / the test PDF is incomplete"))
    return lines


PDF_RENDER_ITEM = "PDF 预览"


def _check_pdf_render(pdf: bytes) -> CheckLine:
    """Renders the test page through PDFium, as the print preview does: an installation without the
    PDFium library (pdfium.dll) starts and makes PDFs, and then previews and prints nothing."""
    try:
        import pypdfium2 as pdfium

        document = pdfium.PdfDocument(pdf)
        try:
            page = document[0]
            bitmap = page.render(scale=1)
            pixels = bytes(bitmap.buffer)
            size = f"{bitmap.width}×{bitmap.height}"
            bitmap.close()
            page.close()
        finally:
            document.close()
    except Exception as exc:
        return CheckLine(FAIL, PDF_RENDER_ITEM, f"PDFium 无法显示文书 / PDFium cannot render: {exc}")
    inked = len(pixels) - len(pixels.translate(None, bytes(range(128))))  # dark channel values
    if not inked:
        return CheckLine(FAIL, PDF_RENDER_ITEM, "测试页显示为空白 / the test page renders blank")
    return CheckLine(OK, PDF_RENDER_ITEM, f"第 1 页 {size} 像素，文字可见")


def _names(db: Database) -> list[str]:
    """Every name that goes on a document: persons (parties, agents, mediators) and organisations."""
    with db.engine.connect() as conn:
        rows = conn.exec_driver_sql(
            "SELECT name FROM person UNION SELECT org_name FROM mediation_party"
            " UNION SELECT org_legal_rep FROM mediation_party"
        ).fetchall()
    return sorted(str(r[0]) for r in rows if r[0])


def _check_name_glyphs(names: list[str]) -> CheckLine:
    """Characters in names that no installed font has: their documents would be refused."""
    from desktop.printing.fonts import needs_glyph, register_fonts

    fonts = register_fonts()
    missing: dict[str, list[str]] = {}
    for name in names:
        for char in name:
            if needs_glyph(char) and not fonts.body_has(char) and fonts.font_for(char) is None:
                missing.setdefault(char, []).append(name)
    if not missing:
        return CheckLine(OK, "姓名用字", f"{len(names)} 个姓名、名称的字都有字体可印")
    listed = "；".join(
        f"“{char}”（U+{ord(char):04X}）见于 {'、'.join(sorted(set(who))[:5])}"
        for char, who in missing.items()
    )
    return CheckLine(
        WARN,
        "姓名用字",
        f"{len(missing)} 个字没有已安装的字体可印（文书将拒绝打印或印作 [U+XXXX]）：{listed}"
        " / characters no installed font can print",
    )


def run_checks(path: Path) -> list[CheckLine]:
    from desktop.services.system import audit, town

    lines: list[CheckLine] = []
    names: list[str] = []
    # A check must not create the database it was asked to check (create=False), nor fail where the
    # program may only read: it then reads without writing and says so.
    read_only = write_problem(path)
    try:
        db = Database.open(path, create=False, read_only=read_only is not None)
    except UserError as exc:
        return [CheckLine(FAIL, "打开数据库", exc.one_line())]
    try:
        lines.append(CheckLine(OK, "打开数据库", f"{path}（结构版本 {head_revision()}）"))
        if read_only is not None:
            lines.append(CheckLine(WARN, "数据库只读", read_only.one_line()))
        integrity = db.integrity_check()
        lines.append(
            CheckLine(
                OK if integrity == "ok" else FAIL,
                "数据库完整性",
                integrity if integrity == "ok" else f"数据库文件损坏 / database damaged: {integrity}",
            )
        )
        with db.engine.connect() as conn:
            broken = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
        lines.append(
            CheckLine(OK, "外键一致性", "ok")
            if not broken
            else CheckLine(FAIL, "外键一致性", f"{len(broken)} 处引用失效 / broken references")
        )
        report = audit.verify_chain(db)
        lines.append(CheckLine(OK if report.ok else FAIL, "审计日志", report.one_line()))
        names = _names(db)
        info = town.get_town(db)
        lines.append(
            CheckLine(OK, "乡镇信息", f"{info.name}（{info.area_code}）")
            if info
            else CheckLine(WARN, "乡镇信息", "尚未完成初始设置 / first-run setup not done")
        )
    finally:
        db.close()
    try:
        lines.extend(_check_pdf())
    except Exception as exc:
        lines.append(CheckLine(FAIL, "PDF 生成", f"失败 / failed: {exc}"))
    else:
        lines.append(_check_name_glyphs(names))
    lines.append(_check_keyring())
    lines.append(check_utf8_mode(bool(getattr(sys, "frozen", False)), sys.flags.utf8_mode))
    return lines
