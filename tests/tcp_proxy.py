"""A small TCP proxy between the town and a real hub on 127.0.0.1 that breaks the link on demand: the
honest way to test SYNC.md's fault table (a mock of the client would only test the mock).

Faults are armed for the next request whose request line starts with a prefix (b"POST /sync/v1/push"):
- "refuse":   the connection is closed before the request reaches the hub (nothing happened there);
- "drop":     the request reaches the hub, which commits, and the reply is thrown away (the town never
              learns it was applied);
- "cut":      only the first `keep` bytes of the reply get through (a page cut off mid-transfer);
- "503":      the proxy answers 503 itself (the hub is busy or restarting).
"""

from __future__ import annotations

import contextlib
import socket
import threading
from dataclasses import dataclass

METHODS = (b"GET ", b"POST ", b"PUT ", b"DELETE ", b"HEAD ")


@dataclass
class Fault:
    kind: str
    prefix: bytes
    times: int = 1
    keep: int = 0


class FaultyProxy:
    def __init__(self, upstream_port: int) -> None:
        self.upstream_port = upstream_port
        self._faults: list[Fault] = []
        self._lock = threading.Lock()
        self.fired: list[str] = []
        self._server = socket.create_server(("127.0.0.1", 0))
        self.port = self._server.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self._closing = False
        threading.Thread(target=self._accept, daemon=True, name="faulty-proxy").start()

    def arm(self, kind: str, prefix: bytes, times: int = 1, keep: int = 0) -> None:
        with self._lock:
            self._faults.append(Fault(kind, prefix, times, keep))

    def armed(self) -> int:
        with self._lock:
            return sum(f.times for f in self._faults)

    def close(self) -> None:
        self._closing = True
        self._server.close()

    def _take(self, chunk: bytes) -> Fault | None:
        if not chunk.startswith(METHODS):
            return None
        with self._lock:
            for fault in self._faults:
                if chunk.startswith(fault.prefix):
                    fault.times -= 1
                    if fault.times <= 0:
                        self._faults.remove(fault)
                    self.fired.append(fault.kind)
                    return fault
        return None

    def _accept(self) -> None:
        while not self._closing:
            try:
                client, _ = self._server.accept()
            except OSError:
                return
            threading.Thread(target=self._serve, args=(client,), daemon=True).start()

    def _serve(self, client: socket.socket) -> None:
        try:
            upstream = socket.create_connection(("127.0.0.1", self.upstream_port), timeout=30)
        except OSError:
            client.close()  # the hub is down: the town sees the connection refused/reset
            return
        state: dict[str, Fault | None] = {"fault": None}
        sent = [0]

        def down() -> None:  # hub -> town
            try:
                while data := upstream.recv(65536):
                    fault = state["fault"]
                    if fault is not None and fault.kind == "drop":
                        break
                    if fault is not None and fault.kind == "cut":
                        room = fault.keep - sent[0]
                        if room <= 0:
                            break
                        data = data[:room]
                        sent[0] += len(data)
                        client.sendall(data)
                        if sent[0] >= fault.keep:
                            break
                        continue
                    client.sendall(data)
            except OSError:
                pass
            finally:
                _shut(client)
                _shut(upstream)

        threading.Thread(target=down, daemon=True).start()
        try:
            while data := client.recv(65536):
                fault = self._take(data)
                if fault is not None:
                    if fault.kind == "refuse":
                        break
                    if fault.kind == "503":
                        client.sendall(
                            b"HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                        )
                        break
                    state["fault"] = fault
                upstream.sendall(data)
        except OSError:
            pass
        finally:
            if state["fault"] is None:
                _shut(upstream)
            _shut(client)


def _shut(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)
    sock.close()
