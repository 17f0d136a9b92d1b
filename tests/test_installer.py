"""The reproducible build: the lock covers what pyproject.toml asks for, and build.py refuses drift."""

from __future__ import annotations

import importlib.util
import re
import sys
import tomllib
from importlib.metadata import version
from pathlib import Path
from types import ModuleType

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


def locked() -> dict[str, tuple[str, int]]:
    """name -> (pinned version, number of hashes)."""
    pins: dict[str, tuple[str, int]] = {}
    name = ""
    for line in LOCK.read_text(encoding="utf-8").splitlines():
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
