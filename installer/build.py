"""Builds the frozen bundle, smoke-tests it, and (on Windows) wraps it in an NSIS installer.

    python installer/build.py                 # PyInstaller -> dist/TownCentre, then the smoke test
    python installer/build.py --nsis          # ... then makensis -> dist/TownCentre-Setup-<version>.exe
    python installer/build.py --nsis-only --bundle-dir DIR   # only compile the installer around DIR

The smoke test (STYLE.md §11) runs the bundled console executable in a folder with Chinese characters in
its name: `demo`, then `check` (which renders a page through PDFium and stores and reads back a keyring
credential: on Windows it must be WinVaultKeyring), `export matters` (an xlsx, read back here) and
`print mediation-agreement --all` (real documents); then the windowed executable with `--startup-probe`
on Qt's offscreen platform (login dialog, scripted login as the demo admin, main window, quit). It fails
on a non-zero exit code, a hang, or anything unexpected on stderr.
The onedir must stay within ONEDIR_LIMIT_MIB (issue 16: the installer then stays near 60 MB).
Measurements are printed as `name: value unit` lines. Exit code 0 on success, 1 on any failure.
"""

from __future__ import annotations

import argparse
import ast
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
INSTALLER = REPO / "installer"
SPEC = INSTALLER / "towncentre.spec"
LOCK = INSTALLER / "requirements-lock.txt"  # installer/refresh-lock.sh writes it
NSI = INSTALLER / "towncentre.nsi"
APP_NAME = "TownCentre"
CLI_NAME = "towncentre-cli"
IS_WINDOWS = sys.platform == "win32"
EXE_SUFFIX = ".exe" if IS_WINDOWS else ""
SMOKE_TIMEOUT_S = 300
GUI_PROBE_TIMEOUT_S = 120  # a failed scripted login leaves the dialog open: that shows as a timeout

# stderr lines the smoke test tolerates: keyring may complain when the machine has no usable backend
# (a build server, a container); `check` reports that as a warning on stdout and still exits 0.
ALLOWED_STDERR = [
    re.compile(r"keyring", re.IGNORECASE),
    re.compile(r"secretstorage|dbus|jeepney", re.IGNORECASE),
    # Qt's offscreen platform (used for the GUI probe only) cannot resize native windows
    re.compile(r"This plugin does not support propagateSizeHints"),
]
SMOKE_CHECK_DONE = "all checks passed"
SMOKE_PDF_RENDER = "[正常] PDF 预览"  # desktop/selfcheck._check_pdf_render: PDFium is in the bundle
SMOKE_WINDOWS_KEYRING = "[正常] 系统密钥环：WinVaultKeyring，存取正常"  # selfcheck._check_keyring
SMOKE_DIR_PREFIX = "towncentre-smoke-综治-"  # paths with Chinese characters, as on the centre's PCs
ONEDIR_LIMIT_MIB = 150
DEMO_SOURCE = REPO / "desktop" / "demo" / "town.py"  # DEMO_PASSWORD of the demo town's accounts


class BuildError(Exception):
    """A step failed; the message says which and why."""


@dataclass(frozen=True)
class RunResult:
    returncode: int
    stdout: str
    stderr: str


SMOKE_UTF8 = "UTF-8 模式：已开启"  # desktop/selfcheck.check_utf8_mode, as the bundle must report it


def say(message: str) -> None:
    print(f"[build] {message}", flush=True)


def metric(name: str, value: float, unit: str, digits: int = 1) -> None:
    print(f"{name}: {value:.{digits}f} {unit}", flush=True)


def read_constant(source: Path, name: str) -> str:
    """A module-level string constant, read without importing the module (the build needs no app imports)."""
    tree = ast.parse(source.read_text(encoding="utf-8"))
    for node in tree.body:
        if (
            isinstance(node, ast.Assign)
            and any(isinstance(t, ast.Name) and t.id == name for t in node.targets)
            and isinstance(node.value, ast.Constant)
            and isinstance(node.value.value, str)
        ):
            return node.value.value
    raise BuildError(f"{source} 中没有 {name} / no {name} in {source}")


def project_version() -> str:
    return read_constant(REPO / "desktop" / "__init__.py", "__version__")


def version_quad(version: str) -> str:
    """`0.1.0rc1` -> `0.1.0.0`: the four numbers Windows version resources require."""
    numbers = [int(n) for n in re.findall(r"\d+", version.split("+")[0])[:3]]
    return ".".join(str(n) for n in [*numbers, 0, 0, 0, 0][:4])


def run(
    cmd: Sequence[str],
    *,
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
    capture: bool = False,
    timeout: float | None = None,
) -> RunResult:
    say("$ " + " ".join(str(c) for c in cmd))
    try:
        proc = subprocess.run(
            [str(c) for c in cmd],
            cwd=cwd,
            env=env,
            timeout=timeout,
            check=False,
            capture_output=capture,
            text=capture,
            encoding="utf-8" if capture else None,
            errors="replace" if capture else None,
        )
    except FileNotFoundError as exc:
        raise BuildError(f"找不到程序 / program not found: {cmd[0]}") from exc
    except subprocess.TimeoutExpired as exc:
        raise BuildError(f"超时 / timed out after {timeout} s: {' '.join(map(str, cmd))}") from exc
    return RunResult(proc.returncode, proc.stdout or "", proc.stderr or "")


def dir_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def lock_mismatches(lock: Path) -> list[str]:
    """Packages of this platform whose installed version is not the one the lock pins: the bundle
    would not be the reproducible one. (`pip install --require-hashes -r installer/requirements-lock.txt`)"""
    from importlib.metadata import PackageNotFoundError, version

    from packaging.markers import Marker

    found: list[str] = []
    for line in lock.read_text(encoding="utf-8").splitlines():
        match = re.match(r"^([A-Za-z0-9._-]+)==([^ ;\\]+)\s*(?:;([^\\]+))?", line)
        if not match:
            continue
        name, pinned, marker = match.group(1), match.group(2), match.group(3)
        if marker and not Marker(marker.strip()).evaluate():
            continue
        try:
            installed = version(name)
        except PackageNotFoundError:
            installed = "missing"
        if installed != pinned:
            found.append(f"{name} {installed} (lock: {pinned})")
    return found


def build_bundle(dist: Path, work: Path) -> Path:
    try:
        import PyInstaller  # noqa: F401
    except ImportError as exc:
        raise BuildError("未安装 PyInstaller，请运行 pip install -e .[build] / PyInstaller missing") from exc
    run_result = run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--clean",
            "--log-level",
            "WARN",
            "--distpath",
            str(dist),
            "--workpath",
            str(work),
            str(SPEC),
        ],
        cwd=REPO,
    )
    if run_result.returncode != 0:
        raise BuildError(f"PyInstaller 失败 / PyInstaller failed (exit {run_result.returncode})")
    bundle = dist / APP_NAME
    for exe in (APP_NAME, CLI_NAME):
        if not (bundle / f"{exe}{EXE_SUFFIX}").is_file():
            raise BuildError(f"打包结果缺少 / the bundle lacks {exe}{EXE_SUFFIX}")
    return bundle


def unexpected_stderr(stderr: str) -> list[str]:
    return [
        line
        for line in stderr.splitlines()
        if line.strip() and not any(p.search(line) for p in ALLOWED_STDERR)
    ]


def smoke_env() -> dict[str, str]:
    env = dict(os.environ)
    # the bundle must not depend on the build machine's settings or Python
    for name in ("TOWNCENTRE_DB", "PYTHONPATH", "PYTHONHOME", "PYTHONIOENCODING", "PYTHONUTF8", "QT_API"):
        env.pop(name, None)
    env["QT_QPA_PLATFORM"] = env.get("QT_QPA_PLATFORM", "offscreen")
    return env


def smoke_step(
    exe: Path, args: Sequence[str], env: dict[str, str], cwd: Path, timeout: float = SMOKE_TIMEOUT_S
) -> RunResult:
    result = run([str(exe), *args], env=env, cwd=cwd, capture=True, timeout=timeout)
    for line in result.stdout.splitlines():
        print(f"    | {line}")
    for line in result.stderr.splitlines():
        print(f"    ! {line}")
    if result.returncode != 0:
        raise BuildError(f"冒烟测试失败 / smoke test failed: {' '.join(args)} exited {result.returncode}")
    extra = unexpected_stderr(result.stderr)
    if extra:
        raise BuildError(f"冒烟测试 stderr 有意外输出 / unexpected stderr from {' '.join(args)}: {extra[0]}")
    return result


def smoke_test(bundle: Path, *, gui_probe: bool) -> None:
    cli = bundle / f"{CLI_NAME}{EXE_SUFFIX}"
    env = smoke_env()
    with tempfile.TemporaryDirectory(prefix=SMOKE_DIR_PREFIX) as tmp:
        db = Path(tmp) / "t.db"
        version = smoke_step(cli, ["--version"], env, Path(tmp))
        if project_version() not in version.stdout + version.stderr:
            raise BuildError(f"版本号不符 / --version printed {version.stdout.strip()!r}")
        smoke_step(cli, ["demo", "--db", str(db)], env, Path(tmp))
        check = smoke_step(cli, ["check", "--db", str(db)], env, Path(tmp))
        if SMOKE_CHECK_DONE not in check.stdout:
            raise BuildError("check 没有报告通过 / check did not report success")
        if SMOKE_UTF8 not in check.stdout:
            raise BuildError("打包程序没有启用 UTF-8 模式 / the bundle runs without UTF-8 mode")
        if SMOKE_PDF_RENDER not in check.stdout:
            raise BuildError("打包程序无法用 PDFium 显示文书 / PDFium missing from the bundle")
        if IS_WINDOWS and SMOKE_WINDOWS_KEYRING not in check.stdout:
            raise BuildError("凭据管理器不可用 / the keyring backend is not a working WinVaultKeyring")
        if not (db.parent / "logs" / "towncentre-cli.log").is_file():
            raise BuildError("没有写出日志文件 / no log file next to the database")
        as_admin = dict(env, TOWNCENTRE_PASSWORD=read_constant(DEMO_SOURCE, "DEMO_PASSWORD"))
        export_step(cli, db, as_admin, Path(tmp))
        print_step(cli, db, as_admin, Path(tmp))
        if gui_probe:
            gui_probe_step(bundle, db, env, Path(tmp))
    say("冒烟测试通过 / smoke test passed")


def export_step(cli: Path, db: Path, env: dict[str, str], cwd: Path) -> None:
    """`export matters`: openpyxl in the bundle writes a workbook that opens as one."""
    out = cwd / "事项清单.xlsx"
    smoke_step(cli, ["export", "matters", "--db", str(db), "--out", str(out), "--user", "admin"], env, cwd)
    try:
        with zipfile.ZipFile(out) as book:
            sheets = [n for n in book.namelist() if n.startswith("xl/worksheets/")]
            rows = sum(book.read(n).count(b"<row ") for n in sheets)
    except (OSError, zipfile.BadZipFile) as exc:
        raise BuildError(f"导出的 Excel 文件无法打开 / the exported xlsx does not open: {exc}") from exc
    if "xl/workbook.xml" not in book.namelist() or rows < 100:
        raise BuildError(f"导出的 Excel 文件不完整 / the exported xlsx holds {rows} rows")


def print_step(cli: Path, db: Path, env: dict[str, str], cwd: Path) -> None:
    """`print mediation-agreement --all`: the documents (reportlab, the CJK fonts) from the bundle."""
    out_dir = cwd / "文书"
    args = ["print", "mediation-agreement", "--all", "--db", str(db), "--out-dir", str(out_dir)]
    smoke_step(cli, [*args, "--user", "admin"], env, cwd)
    pdfs = sorted(out_dir.glob("*.pdf"))
    if not pdfs or any(not p.read_bytes().startswith(b"%PDF") for p in pdfs):
        raise BuildError("打印文书失败 / no mediation agreement was printed")


def gui_probe_step(bundle: Path, db: Path, env: dict[str, str], cwd: Path) -> None:
    """desktop/app.py's start-up probe: opens the login dialog, logs in, shows the main window, quits."""
    password = read_constant(DEMO_SOURCE, "DEMO_PASSWORD")
    from_demo = dict(env, TOWNCENTRE_PROBE_USER="admin", TOWNCENTRE_PROBE_PASSWORD=password)
    gui = bundle / f"{APP_NAME}{EXE_SUFFIX}"
    result = smoke_step(gui, ["--db", str(db), "--startup-probe"], from_demo, cwd, GUI_PROBE_TIMEOUT_S)
    # A windowed Windows executable has no stdout, so the probe's marks can only be read elsewhere.
    if not IS_WINDOWS and "main_window:" not in result.stdout:
        raise BuildError("界面探测没有打开主窗口 / the GUI probe did not reach the main window")


def find_makensis() -> str | None:
    found = shutil.which("makensis")
    if found:
        return found
    if IS_WINDOWS:
        for base in (os.environ.get("PROGRAMFILES(X86)"), os.environ.get("PROGRAMFILES")):
            if base and (Path(base) / "NSIS" / "makensis.exe").is_file():
                return str(Path(base) / "NSIS" / "makensis.exe")
    return None


def build_installer(bundle: Path, out_dir: Path) -> Path:
    makensis = find_makensis()
    if makensis is None:
        raise BuildError("找不到 makensis（请安装 NSIS 3） / makensis not found (install NSIS 3)")
    if not bundle.is_dir():
        raise BuildError(f"打包目录不存在 / bundle folder missing: {bundle}")
    version = project_version()
    out_dir.mkdir(parents=True, exist_ok=True)
    setup = out_dir / f"{APP_NAME}-Setup-{version}.exe"
    result = run(
        [
            makensis,
            "-V2",
            "-INPUTCHARSET",
            "UTF8",
            f"-DVERSION={version}",
            f"-DVERSION_QUAD={version_quad(version)}",
            f"-DBUNDLE_DIR={bundle.resolve()}",
            f"-DOUTFILE={setup.resolve()}",
            str(NSI),
        ],
        cwd=INSTALLER,
    )
    if result.returncode != 0 or not setup.is_file():
        raise BuildError(f"makensis 失败 / makensis failed (exit {result.returncode})")
    return setup


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="打包并自检综治工作台 / build and smoke-test the bundle")
    parser.add_argument("--dist", type=Path, default=REPO / "dist", help="output folder (default dist/)")
    parser.add_argument("--work", type=Path, default=REPO / "build", help="PyInstaller work folder")
    parser.add_argument(
        "--nsis",
        action="store_true",
        help="also build the NSIS installer (default on Windows when makensis is found)",
    )
    parser.add_argument("--no-nsis", action="store_true", help="never build the installer")
    parser.add_argument(
        "--nsis-only",
        action="store_true",
        help="skip PyInstaller and the smoke test; only run makensis on --bundle-dir",
    )
    parser.add_argument(
        "--bundle-dir",
        type=Path,
        default=None,
        help="the onedir bundle to package (default <dist>/TownCentre)",
    )
    parser.add_argument("--skip-smoke", action="store_true", help="do not run the smoke test")
    parser.add_argument(
        "--lock",
        type=Path,
        default=LOCK,
        help="the lock the installed packages must match (default installer/requirements-lock.txt; "
        "installer/requirements-lock-glibc228.txt for the .deb that UOS 20 / Kylin V10 run)",
    )
    parser.add_argument(
        "--unlocked",
        action="store_true",
        help="build even if the installed packages differ from installer/requirements-lock.txt",
    )
    parser.add_argument(
        "--no-gui-probe",
        action="store_true",
        help="skip starting the windowed exe with --startup-probe (Qt offscreen platform)",
    )
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    dist: Path = args.dist.resolve()
    bundle: Path = (args.bundle_dir or dist / APP_NAME).resolve()
    started = time.monotonic()
    try:
        if not args.nsis_only:
            lock: Path = args.lock.resolve()
            drift = lock_mismatches(lock)
            if drift and not args.unlocked:
                raise BuildError(
                    "已安装的包与锁定文件不符 / installed packages differ from the lock: "
                    + "; ".join(drift)
                    + f". Run: pip install --require-hashes -r {lock} (or --unlocked)"
                )
            for line in drift:
                say(f"未锁定 / not as locked: {line}")
            bundle = build_bundle(dist, args.work.resolve())
            metric("build_time", time.monotonic() - started, "s")
            onedir_mib = dir_size(bundle) / 1024 / 1024
            metric("onedir_size", onedir_mib, "MiB")
            metric("bundle_files", sum(1 for p in bundle.rglob("*") if p.is_file()), "files", 0)
            if onedir_mib > ONEDIR_LIMIT_MIB:
                raise BuildError(
                    f"打包目录 {onedir_mib:.1f} MiB，超过 {ONEDIR_LIMIT_MIB} MiB 的上限 / the onedir is over "
                    f"the {ONEDIR_LIMIT_MIB} MiB limit: see what grew (du -sh {bundle}/_internal/*)"
                )
            if not args.skip_smoke:
                smoke_started = time.monotonic()
                smoke_test(bundle, gui_probe=not args.no_gui_probe)
                metric("smoke_time", time.monotonic() - smoke_started, "s")
        want_nsis = args.nsis or args.nsis_only or (IS_WINDOWS and find_makensis() is not None)
        if want_nsis and not args.no_nsis:
            nsis_started = time.monotonic()
            setup = build_installer(bundle, dist)
            metric("installer_time", time.monotonic() - nsis_started, "s")
            metric("installer_size", setup.stat().st_size / 1024 / 1024, "MiB")
            say(f"安装程序 / installer: {setup}")
    except BuildError as exc:
        print(f"[build] 失败 / FAILED: {exc}", file=sys.stderr)
        return 1
    metric("total_time", time.monotonic() - started, "s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
