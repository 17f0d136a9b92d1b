"""The reproducible build: the lock covers what pyproject.toml asks for, and build.py refuses drift."""

from __future__ import annotations

import importlib.util
import re
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
