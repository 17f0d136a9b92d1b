"""A database on a network location is refused with a message, before anything is written there."""

from __future__ import annotations

from pathlib import Path

import pytest
from db_helpers import Towncentre

from desktop import network_drives
from desktop.db import Database
from desktop.errors import DatabaseProblem
from desktop.network_drives import posix_file_system, windows_network_location

# GetDriveTypeW as a PC with Z: mapped to \\server\share would answer (3 = a fixed local disk).
MAPPED_Z = {"Z:\\": network_drives.DRIVE_REMOTE}


def drive_type(root: str) -> int:
    return MAPPED_Z.get(root.upper(), 3)


@pytest.mark.parametrize(
    ("path", "network"),
    [
        (r"Z:\综治\towncentre.db", True),
        (r"\\server\share\towncentre.db", True),
        (r"\\?\UNC\server\share\towncentre.db", True),
        (r"\\?\Z:\towncentre.db", True),
        (r"C:\ProgramData\TownCentre\towncentre.db", False),
        (r"\\?\C:\ProgramData\TownCentre\towncentre.db", False),
        (r"D:\数据\towncentre.db", False),
    ],
)
def test_windows_mapped_drives_and_shares_are_network_locations(path: str, network: bool) -> None:
    assert windows_network_location(path, drive_type) is network


def test_the_file_system_of_a_path_is_its_innermost_mount(tmp_path: Path) -> None:
    mounts = [(str(tmp_path / "share"), "cifs"), (str(tmp_path), "ext4"), ("/", "overlay")]
    assert posix_file_system(tmp_path / "share" / "sub" / "t.db", mounts) == "cifs"
    assert posix_file_system(tmp_path / "sharex" / "t.db", mounts) == "ext4", "a name prefix is not a parent"
    assert posix_file_system(Path("/elsewhere/t.db"), mounts) == "overlay"


def test_a_database_on_a_network_share_is_refused_and_nothing_is_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    share = tmp_path / "share"
    share.mkdir()
    # A Linux desktop (统信UOS, 麒麟) with the centre's share mounted over SMB.
    monkeypatch.setattr(network_drives, "_mounts", lambda: [(str(share), "cifs"), ("/", "ext4")])
    with pytest.raises(DatabaseProblem) as refused:
        Database.open(share / "towncentre.db")
    assert "网络驱动器或共享文件夹" in refused.value.zh and "network drive" in refused.value.en
    assert list(share.iterdir()) == [], "no database, journal or log folder left on the share"
    local = Database.open(tmp_path / "local" / "towncentre.db")  # the PC's own disk is fine
    local.close()


def test_the_command_line_refuses_a_share_before_making_a_log_folder_there(
    towncentre: Towncentre, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    share = tmp_path / "share"
    share.mkdir()
    monkeypatch.setattr(network_drives, "_mounts", lambda: [(str(share), "nfs4"), ("/", "ext4")])
    done = towncentre("demo", "--db", str(share / "towncentre.db"))
    assert done.returncode != 0
    assert "网络驱动器或共享文件夹" in done.stderr
    assert list(share.iterdir()) == []
