"""The reproducible build: the lock covers what pyproject.toml asks for, and build.py refuses drift."""

from __future__ import annotations

import importlib.util
import re
import shutil
import subprocess
import sys
import tomllib
from importlib.metadata import version
from pathlib import Path
from types import ModuleType

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

REPO = Path(__file__).resolve().parent.parent
LOCK = REPO / "installer" / "requirements-lock.txt"


def load_build() -> ModuleType:
    spec = importlib.util.spec_from_file_location("installer_build", REPO / "installer" / "build.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look the module up while the class is made
    spec.loader.exec_module(module)
    return module


def locked(lock: Path = LOCK) -> dict[str, tuple[str, int]]:
    """name -> (pinned version, number of hashes)."""
    pins: dict[str, tuple[str, int]] = {}
    name = ""
    for line in lock.read_text(encoding="utf-8").splitlines():
        match = re.match(r"^([A-Za-z0-9._-]+)==([^ ;\\]+)", line)
        if match:
            name = canonicalize_name(match.group(1))
            pins[name] = (match.group(2), 0)
        elif line.strip().startswith("--hash=sha256:") and name:
            pins[name] = (pins[name][0], pins[name][1] + 1)
    return pins


def test_the_lock_pins_every_dependency_of_the_bundle_with_hashes() -> None:
    """A dependency added to pyproject.toml without refreshing the lock (installer/refresh-lock.sh)
    would make `pip install --require-hashes` fail on the build machines."""
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = [Requirement(r) for r in [*project["dependencies"], *project["optional-dependencies"]["build"]]]
    pins = locked()
    for requirement in wanted:
        name = canonicalize_name(requirement.name)
        assert name in pins, f"{requirement.name} is not in {LOCK.name}: run installer/refresh-lock.sh"
        pinned, hashes = pins[name]
        assert requirement.specifier.contains(pinned, prereleases=True), f"{name}=={pinned} ∉ {requirement}"
        assert hashes >= 1, name
    # Windows' keyring backend needs pywin32-ctypes: the lock is for every platform, not only this one
    assert "pywin32-ctypes" in pins


def test_build_refuses_packages_that_differ_from_the_lock(tmp_path: Path) -> None:
    build = load_build()
    lock = tmp_path / "lock.txt"
    pytest_version = version("pytest")
    lock.write_text(
        f"pytest=={pytest_version} \\\n    --hash=sha256:00\n"
        "packaging==0.0.1 \\\n    --hash=sha256:00\n"
        "pywin32-ctypes==0.0.1 ; sys_platform == 'nonesuch' \\\n    --hash=sha256:00\n",
        encoding="utf-8",
    )
    assert build.lock_mismatches(lock) == [f"packaging {version('packaging')} (lock: 0.0.1)"]


def test_the_glibc_228_lock_differs_from_the_main_lock_only_in_qt() -> None:
    """The .deb for UOS 20 / Kylin V10 is built from its own lock (PySide6 6.9: later releases need glibc
    2.34). Refreshing one lock and not the other would ship those PCs other libraries than the rest."""
    old_glibc = locked(REPO / "installer" / "requirements-lock-glibc228.txt")
    main = locked()
    assert old_glibc["pyside6-essentials"][0].startswith("6.9.")
    differing = {name for name, (pin, _) in old_glibc.items() if main.get(name, ("",))[0] != pin}
    assert differing == {"pyside6-essentials", "shiboken6"}, differing
    windows_only = set(main) - set(old_glibc)
    assert windows_only <= {"pywin32-ctypes", "pefile", "macholib"}, windows_only
    assert all(hashes >= 1 for _, hashes in old_glibc.values())


def test_check_glibc_names_the_files_that_need_a_newer_glibc(tmp_path: Path) -> None:
    """installer/check_glibc.py, which the linux-deb workflow runs with --max 2.28, fails on a bundle
    holding a library built against a newer glibc and names it."""
    import shutil
    import subprocess

    if shutil.which("objdump") is None or sys.platform != "linux":
        pytest.skip("needs objdump (binutils) on Linux")
    library = Path(sys.executable).resolve()
    bundle = tmp_path / "TownCentre"
    (bundle / "_internal").mkdir(parents=True)
    shutil.copy(library, bundle / "_internal" / "python-copy")
    (bundle / "_internal" / "notes.txt").write_text("not an ELF file", encoding="utf-8")
    script = REPO / "installer" / "check_glibc.py"
    report = subprocess.run(
        [sys.executable, str(script), str(bundle)], capture_output=True, text=True, check=True
    ).stdout
    needed = re.search(r"glibc_needed: ([0-9.]+)", report)
    assert needed is not None and "elf_files: 1" in report
    too_old = subprocess.run(
        [sys.executable, str(script), str(bundle), "--max", "2.0"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert too_old.returncode == 1
    assert f"needs GLIBC_{needed.group(1)}: _internal/python-copy" in too_old.stdout
    assert (
        subprocess.run([sys.executable, str(script), str(bundle), "--max", needed.group(1)]).returncode == 0
    )


def nsis_function(name: str) -> str:
    script = (REPO / "installer" / "towncentre.nsi").read_text(encoding="utf-8")
    match = re.search(rf"^Function {re.escape(name)}\n(.*?)^FunctionEnd", script, re.S | re.M)
    assert match, name
    return match.group(1)


def test_the_uninstaller_removes_the_data_only_for_a_bare_or_yes_removedata() -> None:
    """GetOptions matches /REMOVEDATA by prefix and returns the rest: /REMOVEDATA=0 once meant "delete"."""
    body = nsis_function("un.onInit")
    assert body.count("StrCpy $RemoveData 1") == 1
    before = body.split("StrCpy $RemoveData 1")[0].rstrip().splitlines()
    accepted = set()
    for line in reversed(before):
        match = re.fullmatch(r'\s*\$\{(?:If|OrIf)\} \$R1 == "([^"]*)"', line)
        if not match:
            break
        accepted.add(match.group(1))
    assert accepted == {"", "=1", "=yes", "=true"}


def test_every_valued_installer_switch_is_matched_with_its_equals_sign() -> None:
    """A switch read without "=" would also match a longer one that starts with its name."""
    script = (REPO / "installer" / "towncentre.nsi").read_text(encoding="utf-8")
    names = re.findall(r'\$\{GetOptions\} \$R0 "(/[A-Z]+=?)"', script)
    assert names and all(name.endswith("=") for name in names if name != "/REMOVEDATA")


@pytest.fixture
def deb_data(tmp_path: Path) -> tuple[Path, Path]:
    """postrm with its data folder moved under tmp_path (and no debconf), and that folder filled."""
    data = tmp_path / "towncentre"
    for name in ("towncentre.db", "towncentre.db-wal", "county.ini", "logs/towncentre-cli.log"):
        (data / name).parent.mkdir(parents=True, exist_ok=True)
        (data / name).write_text("x", encoding="utf-8")
    (data / "backups").mkdir()
    script = (REPO / "installer" / "deb" / "postrm").read_text(encoding="utf-8")
    script = script.replace("data=/var/lib/towncentre", f"data={data}").replace(
        "/usr/share/debconf/confmodule", str(tmp_path / "no-debconf")
    )
    postrm = tmp_path / "postrm"
    postrm.write_text(script, encoding="utf-8")
    return postrm, data


needs_sh = pytest.mark.skipif(sys.platform == "win32", reason="Debian maintainer scripts")


@needs_sh
def test_deb_purge_keeps_the_backups_and_deletes_the_rest(deb_data: tuple[Path, Path]) -> None:
    postrm, data = deb_data
    (data / "backups" / "towncentre-20261127-2130.tcbak").write_bytes(b"copy")
    done = subprocess.run(["sh", str(postrm), "purge"], capture_output=True, text=True, check=False)
    assert done.returncode == 0
    assert sorted(p.name for p in data.iterdir()) == ["backups"]
    assert (data / "backups" / "towncentre-20261127-2130.tcbak").read_bytes() == b"copy"
    assert "已保留备份" in done.stderr


@needs_sh
def test_deb_purge_without_backups_leaves_nothing(deb_data: tuple[Path, Path]) -> None:
    postrm, data = deb_data
    subprocess.run(["sh", str(postrm), "purge"], check=True, capture_output=True)
    assert not data.exists()


@needs_sh
def test_deb_remove_is_refused_while_the_program_runs(tmp_path: Path) -> None:
    if shutil.which("pgrep") is None and shutil.which("pidof") is None:
        pytest.skip("neither pgrep nor pidof")
    prerm = REPO / "installer" / "deb" / "prerm"
    stand_in = tmp_path / "TownCentre"
    shutil.copy(shutil.which("sleep") or "/bin/sleep", stand_in)
    program = subprocess.Popen([str(stand_in), "60"])
    try:
        running = subprocess.run(["sh", str(prerm), "remove"], capture_output=True, text=True, check=False)
        upgrade = subprocess.run(["sh", str(prerm), "upgrade", "0.2"], capture_output=True, check=False)
    finally:
        program.kill()
        program.wait()
    assert running.returncode == 1 and "正在运行" in running.stderr
    assert upgrade.returncode == 0
