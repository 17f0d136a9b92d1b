"""A real county hub for tests: uvicorn on 127.0.0.1 in a background thread, on SQLite or PostgreSQL.

`running_hub(db_url)` yields a started `Hub` (`url`, `add_town`, `stop`, `start`); the `pg_cluster` and
`pg_url` fixtures run a throwaway PostgreSQL cluster (registered by tests/conftest.py).
"""

from __future__ import annotations

import glob
import gzip
import json
import os
import shutil
import socket
import subprocess
import tempfile
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import count
from pathlib import Path
from typing import TYPE_CHECKING, Any

import httpx
import pytest

if TYPE_CHECKING:
    import uvicorn

TOWN_A = "330127104000"
TOWN_B = "330127105000"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Hub:
    """A hub serving `db_url` on a fixed port of 127.0.0.1 for its whole life, across stop() and start()."""

    def __init__(self, db_url: str, tls: tuple[Path, Path] | None = None) -> None:
        """`tls`: the server's certificate and key files (PEM); the hub then serves https."""
        from county.db import open_hub

        self.db_url = db_url
        self.tls = tls
        self.port = free_port()
        self.url = f"{'https' if tls else 'http'}://127.0.0.1:{self.port}"
        self.engine = open_hub(db_url)  # for the test's own look-ups and commands
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None
        self._socket: socket.socket | None = None

    def start(self) -> None:
        """Serves (again) on the same port and database; returns once it accepts connections."""
        import uvicorn

        from county.app import create_app

        assert self._thread is None, "already running"
        sock = socket.socket()
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(("127.0.0.1", self.port))
        # No signal handlers: a server in a background thread leaves Ctrl+C to pytest.
        config = uvicorn.Config(
            create_app(self.db_url),
            log_level="warning",
            access_log=False,
            timeout_graceful_shutdown=2,
            ssl_certfile=str(self.tls[0]) if self.tls else None,
            ssl_keyfile=str(self.tls[1]) if self.tls else None,
        )
        server = uvicorn.Server(config)
        thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True, name="hub")
        thread.start()
        deadline = time.monotonic() + 15
        while not server.started:
            if not thread.is_alive() or time.monotonic() > deadline:
                sock.close()
                raise RuntimeError("the hub did not start")
            time.sleep(0.01)
        self._server, self._thread, self._socket = server, thread, sock

    def stop(self) -> None:
        """Stops serving (connections are refused until start()) and closes every database connection,
        the test's own too, so the files may then be copied or replaced (a backup, a restore)."""
        self.engine.dispose()  # usable again afterwards: it reconnects when next used
        if self._thread is None:
            return
        server = self._server
        assert server is not None
        server.should_exit = True
        self._thread.join(timeout=15)
        assert not self._thread.is_alive(), "the hub did not stop"
        self._server = self._thread = None
        if self._socket is not None:
            self._socket.close()
            self._socket = None

    def add_town(self, code: str, name: str) -> str:
        """Registers a town (as `towncentre-county add-town` does); returns its token."""
        from county import admin

        return admin.add_town(self.engine, code, name)

    def close(self) -> None:
        self.stop()
        self.engine.dispose()


@contextmanager
def running_hub(db_url: str) -> Iterator[Hub]:
    hub = Hub(db_url)
    try:
        hub.start()
        yield hub
    finally:
        hub.close()


# --- a town talking to the hub (raw HTTP, for the hub's own tests) ------------------------------------


@dataclass
class TownLink:
    """One town's view of a hub: its code, token and an HTTP client carrying the token."""

    code: str
    token: str
    http: httpx.Client

    def push(
        self, changes: list[dict[str, Any]], batch_id: str | None = None, **extra: Any
    ) -> httpx.Response:
        body = {"town": self.code, "batch_id": batch_id or str(uuid.uuid4()), "epoch": "", "audit_head": None,
                "changes": changes, **extra}  # fmt: skip
        data = gzip.compress(json.dumps(body).encode())
        return self.http.post(
            "/sync/v1/push", content=data,
            headers={"Content-Encoding": "gzip", "Content-Type": "application/json"},
        )  # fmt: skip

    def pull(self, since: int = 0, limit: int = 500, epoch: str = "") -> httpx.Response:
        return self.http.get("/sync/v1/pull", params={"since": since, "limit": limit, "epoch": epoch})


def link(hub: Hub, code: str, name: str) -> Iterator[TownLink]:
    token = hub.add_town(code, name)
    with httpx.Client(base_url=hub.url, headers={"Authorization": f"Bearer {token}"}, timeout=30) as http:
        yield TownLink(code, token, http)


def change(
    record_type: str, record_id: str, *, ver: int = 1, base_ver: int = 0, op: str = "upsert", **fields: Any
) -> dict[str, Any]:
    return {
        "type": record_type,
        "id": record_id,
        "op": op,
        "base_ver": base_ver,
        "ver": ver,
        "fields": fields,
    }


def statuses(response: httpx.Response) -> list[str]:
    assert response.status_code == 200, response.text
    return [r["status"] for r in response.json()["results"]]


# --- PostgreSQL ----------------------------------------------------------------------------------


@dataclass
class PgCluster:
    port: int
    bin_dir: Path
    data_dir: Path
    _names: count[int]

    def new_database(self) -> str:
        """A new empty database in the cluster; its SQLAlchemy URL."""
        import psycopg

        name = f"hub_{next(self._names)}"
        with psycopg.connect(self.dsn("postgres"), autocommit=True) as conn:
            conn.execute(f"CREATE DATABASE {name}")
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{name}"

    def dsn(self, database: str) -> str:
        return f"host=127.0.0.1 port={self.port} user=postgres dbname={database}"


def postgres_bin_dir() -> Path | None:
    """Where initdb and pg_ctl are: on PATH, or the Debian package's /usr/lib/postgresql/N/bin."""
    found = shutil.which("initdb")
    if found and shutil.which("pg_ctl"):
        return Path(os.path.realpath(found)).parent
    versions = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(p.split("/")[4]))
    return Path(versions[-1]).parent if versions else None


def _as_postgres(args: list[str]) -> list[str]:
    # initdb refuses to run as root: the cluster belongs to the `postgres` user then.
    return ["runuser", "-u", "postgres", "--", *args] if os.geteuid() == 0 else args


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[PgCluster]:
    """A throwaway PostgreSQL cluster on 127.0.0.1 (trust auth, no fsync), for the whole session.

    Skipped when PostgreSQL is not installed, except in CI (env CI set), where that is a failure."""
    bin_dir = postgres_bin_dir()
    if bin_dir is None:
        reason = "PostgreSQL is not installed (no initdb on PATH or in /usr/lib/postgresql/*/bin)"
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    root = Path(tempfile.mkdtemp(prefix="hub-pg-"))
    if os.geteuid() == 0:
        shutil.chown(root, "postgres", "postgres")
    data, port = root / "data", free_port()
    env = {**os.environ, "LC_ALL": "C"}
    try:
        subprocess.run(
            _as_postgres([str(bin_dir / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres",
                          "-E", "UTF8", "--no-locale", "--no-sync"]),
            check=True, capture_output=True, env=env,
        )  # fmt: skip
        options = f"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off"
        subprocess.run(
            _as_postgres([str(bin_dir / "pg_ctl"), "-D", str(data), "-o", options, "-l", str(root / "log"),
                          "-w", "-t", "30", "start"]),
            check=True, capture_output=True, env=env,
        )  # fmt: skip
    except subprocess.CalledProcessError as exc:
        shutil.rmtree(root, ignore_errors=True)
        pytest.fail(f"PostgreSQL did not start: {exc.stderr.decode(errors='replace')}")
    try:
        yield PgCluster(port, bin_dir, data, count(1))
    finally:
        subprocess.run(
            _as_postgres([str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"]),
            check=False, capture_output=True,
        )  # fmt: skip
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture
def pg_url(pg_cluster: PgCluster) -> str:
    """The URL of a new, empty PostgreSQL database in the session's cluster (one per test)."""
    return pg_cluster.new_database()
