"""Each Windows user's own small preferences (大字模式, the last folder used), one JSON file each in
`paths.user_config_dir()`. Reading never fails: anything odd in a file's place (damaged, nested,
huge, a folder, a pipe) reads as "no preference", so a preference can never keep the program from
starting."""

from __future__ import annotations

import json
import os
import stat
from typing import Any

from desktop.paths import user_config_dir

MAX_BYTES = 16_384  # a few settings; anything bigger is not ours


def read(name: str) -> dict[str, Any]:
    path = user_config_dir() / name
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_BYTES:
            return {}
        value = json.loads(path.read_text(encoding="utf-8"))
    except Exception:
        return {}
    return value if isinstance(value, dict) else {}


def write(name: str, values: dict[str, Any]) -> None:
    """Replaces the file whole (temporary file, then rename). Raises OSError when it cannot."""
    folder = user_config_dir()
    folder.mkdir(parents=True, exist_ok=True)
    temporary = folder / f"{name}.tmp"
    temporary.write_text(json.dumps(values, ensure_ascii=False), encoding="utf-8")
    os.replace(temporary, folder / name)
