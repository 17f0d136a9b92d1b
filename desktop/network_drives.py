"""Databases on network locations are refused: a mapped drive (Z:), a share (\\\\server\\share), or a
network file system on a Linux desktop (NFS, CIFS/SMB, sshfs).

SQLite's write-ahead log needs shared memory between the processes using the file, which a network
file system cannot give, so two PCs on one share corrupt it; and on Windows `Path.resolve()` turns
Z:\\x.db into \\\\server\\share\\x.db, whose file URI SQLite rejects, so such a database opened once
and never again. Each PC keeps its own database; the county link is the sync.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path, PureWindowsPath

from desktop.errors import DatabaseProblem

DRIVE_REMOTE = 4  # GetDriveTypeW
NETWORK_FILE_SYSTEMS = frozenset({
    "nfs", "nfs4", "cifs", "smb3", "smbfs", "fuse.sshfs", "sshfs", "9p", "afs", "ceph", "glusterfs",
    "fuse.gvfsd-fuse",
})  # fmt: skip


def _windows_drive_type(root: str) -> int:
    import ctypes

    return int(ctypes.windll.kernel32.GetDriveTypeW(root))  # type: ignore[attr-defined]


def windows_network_location(path: str, drive_type: Callable[[str], int] = _windows_drive_type) -> bool:
    """A UNC path (\\\\server\\share\\…, \\\\?\\UNC\\…) or a drive letter the system maps to a share."""
    text = str(PureWindowsPath(path))
    if text.upper().startswith("\\\\?\\UNC\\"):
        return True
    if text.startswith(("\\\\?\\", "\\\\.\\")):
        text = text[4:]  # a local device path: \\?\C:\… is C:\…
    elif text.startswith("\\\\"):
        return True
    drive = PureWindowsPath(text).drive
    return len(drive) == 2 and drive[1] == ":" and drive_type(drive + "\\") == DRIVE_REMOTE


def _mounts() -> list[tuple[str, str]]:
    """(mount point, file system type) of every mount, longest mount point first."""
    try:
        lines = Path("/proc/self/mounts").read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return []
    found = []
    for line in lines:
        parts = line.split()
        if len(parts) >= 3:
            found.append((parts[1].replace("\\040", " "), parts[2]))
    return sorted(found, key=lambda m: len(m[0]), reverse=True)


def posix_file_system(path: Path, mounts: list[tuple[str, str]] | None = None) -> str:
    """The type of the file system holding `path` (or its nearest existing folder)."""
    target = Path(path).resolve()  # a symlink into a share lives on the share
    for mount_point, kind in mounts if mounts is not None else _mounts():
        if target == Path(mount_point) or Path(mount_point) in target.parents:
            return kind
    return ""


def network_location(path: Path) -> bool:
    if sys.platform == "win32":
        return windows_network_location(str(path.absolute()))
    return posix_file_system(path) in NETWORK_FILE_SYSTEMS


def refuse_network_location(path: Path) -> None:
    if network_location(path):
        raise DatabaseProblem(
            f"数据库不能放在网络驱动器或共享文件夹上：{path}。请把数据库放在本机磁盘上（默认位置即可）；"
            "各台电脑的数据通过与县级中心同步汇总。",
            f"The database cannot be on a network drive or shared folder: {path}. Keep it on this "
            "PC's own disk (the default place will do); the PCs' data come together through the county sync.",
        )
