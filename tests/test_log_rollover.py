"""Logs shared between processes: one file per kind of process, and a rollover Windows refuses (an open
file cannot be renamed) neither loses records nor pushes older logs out."""

from __future__ import annotations

import logging
import os
from pathlib import Path

import pytest

from desktop import logsetup
from desktop.logsetup import SharedRotatingFileHandler


def record(n: int) -> logging.LogRecord:
    return logging.LogRecord(
        "towncentre.test", logging.INFO, __file__, 1, f"记录 {n:04d} " + "x" * 60, None, None
    )


def test_a_refused_rollover_keeps_every_record_and_every_older_log(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    live = tmp_path / "towncentre.log"
    for number in range(1, 6):  # five older logs, as after weeks of use
        (tmp_path / f"towncentre.log.{number}").write_text(f"旧日志 {number}\n", encoding="utf-8")
    handler = SharedRotatingFileHandler(live, max_bytes=2_000, backups=5)
    real_replace = os.replace

    def windows_replace(source: str, target: str) -> None:
        if Path(source) == live:  # another process has it open
            raise PermissionError(13, "The process cannot access the file", source)
        real_replace(source, target)

    monkeypatch.setattr(os, "replace", windows_replace)
    for n in range(200):
        handler.emit(record(n))
    handler.close()
    written = live.read_text(encoding="utf-8")
    assert all(f"记录 {n:04d}" in written for n in range(200)), "no record lost"
    for number in range(1, 6):
        assert (tmp_path / f"towncentre.log.{number}").read_text(encoding="utf-8") == f"旧日志 {number}\n"

    monkeypatch.setattr(os, "replace", real_replace)  # the other process has closed it
    handler = SharedRotatingFileHandler(live, max_bytes=2_000, backups=5)
    handler.emit(record(999))
    handler.close()
    assert "记录 0199" in (tmp_path / "towncentre.log.1").read_text(encoding="utf-8"), "rotated at last"
    assert (tmp_path / "towncentre.log.5").read_text(encoding="utf-8") == "旧日志 4\n"
    assert "记录 0999" in live.read_text(encoding="utf-8")


def test_the_window_and_the_command_line_write_separate_logs(tmp_path: Path) -> None:
    db = tmp_path / "towncentre.db"
    try:
        assert logsetup.setup_logging(db, console=True).name == "towncentre.log"
        assert logsetup.setup_logging(db, console=False).name == "towncentre-cli.log"
    finally:
        logsetup.stop_logging()
