"""HTTP to the county hub: gzip bodies, per-request timeouts, a CA file for the intranet's TLS, and
back-off with jitter for what may pass (timeouts, dropped connections, 429, 5xx). A 4xx other than 410
and 429 is the hub refusing this town's request: it is not retried.

There is deliberately no way to switch certificate checking off.
"""

from __future__ import annotations

import functools
import gzip
import json
import logging
import ssl
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast
from urllib.parse import urlsplit

import httpx
import orjson
from tenacity import RetryCallState, Retrying, retry_if_exception, stop_after_attempt, wait_random_exponential

from desktop.errors import UserError
from desktop.sync import protocol

log = logging.getLogger(__name__)
LOOPBACK = frozenset({"127.0.0.1", "::1", "localhost"})


class SyncError(UserError):
    """A round could not go on; the message says why in words the operator can act on."""

    smaller_may_pass = False  # a timeout or 413: the same changes in smaller batches may get through


class TooBigOrSlow(SyncError):
    smaller_may_pass = True


class ForeignRecords(SyncError):
    """403 for records the hub holds as another town's (`keys`), or for a stored batch whose id another
    town used (`batch`: a database copied from it): the round sets them aside, or forgets the batch,
    and goes on."""

    def __init__(self, keys: set[tuple[str, str]], batch: str = "") -> None:
        super().__init__(
            "县级中心拒收了部分记录：它们在县级中心属于其他乡镇。",
            "The hub refused some records: it holds them as another town's.",
        )
        self.keys = keys
        self.batch = batch


def _foreign(response: httpx.Response) -> ForeignRecords | None:
    """What a 403 names as another town's, if it names anything (hubs older than this name nothing)."""
    try:
        detail = orjson.loads(response.content).get("detail")
    except (ValueError, AttributeError):
        return None
    if not isinstance(detail, dict):
        return None
    named = detail.get("records")
    keys = {
        (r["type"], r["id"])
        for r in (named if isinstance(named, list) else [])
        if isinstance(r, dict) and isinstance(r.get("type"), str) and isinstance(r.get("id"), str)
    }
    batch = detail.get("batch")
    batch = batch if isinstance(batch, str) else ""
    return ForeignRecords(keys, batch) if keys or batch else None


class Gone(Exception):
    """410: the cursor is below what the hub keeps, or the hub's epoch changed: take a snapshot."""

    def __init__(self, reply: protocol.GoneReply) -> None:
        super().__init__(reply.get("detail", ""))
        self.reply = reply


@dataclass(frozen=True)
class Prepared:
    """A request body as it goes on the wire: JSON compressed. A round prepares the next batch's while
    the hub stores the one before, so compressing is not in the time between two batches."""

    content: bytes

    @classmethod
    def of_json(cls, text: str) -> Prepared:
        return cls(gzip.compress(text.encode(), compresslevel=5))


class Transient(Exception):
    """Worth another try: the hub was busy, restarting, or the link dropped."""


@dataclass(frozen=True)
class Timeouts:
    connect: float = 10.0
    read: float = 60.0
    # Back-off between tries: random up to min(cap, base * 2**n) seconds (tests make these tiny).
    backoff_base: float = 1.0
    backoff_cap: float = 30.0
    attempts: int = 5


def _retryable(exc: BaseException) -> bool:
    if _certificate_refused(exc):
        return False  # the same certificate fails again: no point waiting for it
    return isinstance(exc, Transient | httpx.TimeoutException | httpx.TransportError)


def _certificate_refused(exc: BaseException) -> bool:
    """The hub's certificate did not verify (no CA file, the wrong one, or an address the certificate
    does not name): httpx wraps ssl's error in a ConnectError."""
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, ssl.SSLCertVerificationError):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def _log_retry(state: RetryCallState) -> None:
    outcome = state.outcome
    exc = outcome.exception() if outcome else None
    log.warning("county link: try %d failed (%s), trying again", state.attempt_number, type(exc).__name__)


@functools.lru_cache(maxsize=4)
def _tls_context(ca_file: str | None, mtime_ns: int, size: int) -> ssl.SSLContext:
    """The TLS settings for a CA file (None: httpx's default trust store), made once a process: loading a
    trust store takes 0.1-0.2 s, paid by every round when each client made its own. A replaced CA file
    (another mtime or size) gets a new context."""
    del mtime_ns, size  # only part of the cache key
    if ca_file is None:
        return httpx.create_ssl_context()
    return ssl.create_default_context(cafile=ca_file)


class Transport:
    def __init__(self, url: str, token: str, ca_file: str = "", timeouts: Timeouts | None = None) -> None:
        url = url.strip().rstrip("/")
        parsed = urlsplit(url)
        if parsed.scheme not in ("http", "https") or not parsed.hostname:
            raise SyncError(
                "县级中心地址应以 https:// 开头，例如 https://10.1.2.3:8443。",
                "The county hub address must start with https://.",
            )
        if parsed.scheme == "http" and parsed.hostname not in LOOPBACK:
            # The token travels in every request: in clear text anyone on the way could take it.
            raise SyncError(
                "县级中心地址必须以 https:// 开头（加密传输）；http:// 只能用于本机测试。",
                "The county hub must be reached over https:// (http:// only on this PC, for tests).",
            )
        self.url = url
        self.timeouts = timeouts or Timeouts()
        if ca_file:
            if not Path(ca_file).is_file():
                raise SyncError(
                    f"找不到证书文件：{ca_file}（请在同步设置中重新选择）。",
                    f"The CA file {ca_file} does not exist.",
                )
            stat = Path(ca_file).stat()
            verify = _tls_context(ca_file, stat.st_mtime_ns, stat.st_size)
        else:
            verify = _tls_context(None, 0, 0)
        t = self.timeouts
        self._client = httpx.Client(
            base_url=url + protocol.PREFIX,
            headers={"Authorization": f"Bearer {token}", "Accept-Encoding": "gzip"},
            timeout=httpx.Timeout(t.read, connect=t.connect),
            verify=verify,
            trust_env=False,  # an intranet link: no proxy from the environment
        )

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> Transport:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    # --- messages ----------------------------------------------------------------------------------

    def hello(self) -> protocol.Hello:
        return cast(protocol.Hello, self._call("GET", "/hello"))

    def push(self, request: protocol.PushRequest | Prepared) -> protocol.PushReply:
        return cast(protocol.PushReply, self._call("POST", "/push", body=request))

    @staticmethod
    def prepare_push(request: protocol.PushRequest, changes_json: str) -> Prepared:
        """`changes_json`: the request's changes as JSON text already (a stored batch's body), spliced
        in instead of encoding `request["changes"]` again."""
        envelope = {name: value for name, value in request.items() if name != "changes"}
        text = json.dumps(envelope, ensure_ascii=False)[:-1] + ', "changes": ' + changes_json + "}"
        return Prepared.of_json(text)

    def pull(self, since: int, limit: int, epoch: str) -> protocol.PullReply:
        params = {"since": since, "limit": limit, "epoch": epoch}
        return cast(protocol.PullReply, self._call("GET", "/pull", params=params))

    def snapshot(self, kind: str) -> protocol.SnapshotReply:
        return cast(protocol.SnapshotReply, self._call("GET", f"/snapshot/{kind}"))

    # --- one call, with retries ---------------------------------------------------------------------

    def _call(self, method: str, path: str, body: Any = None, params: dict[str, Any] | None = None) -> Any:
        t = self.timeouts
        retrying = Retrying(
            retry=retry_if_exception(_retryable),
            wait=wait_random_exponential(multiplier=t.backoff_base, max=t.backoff_cap),
            stop=stop_after_attempt(t.attempts),
            before_sleep=_log_retry,
            reraise=True,
        )
        try:
            return retrying(self._once, method, path, body, params)
        except httpx.TimeoutException as exc:
            raise TooBigOrSlow(
                "连接县级中心超时，请稍后再试。", "The county hub did not answer in time."
            ) from exc
        except httpx.TransportError as exc:
            if not _certificate_refused(exc):
                raise self._unreachable(exc) from exc
            log.warning("county link: certificate not verified: %s", _plain(exc))
            raise SyncError(
                "县级中心的证书验证不通过：请在同步设置中选择县级中心提供的 CA 证书文件，"
                "并确认填写的地址与证书上的一致。",
                "The county hub's certificate could not be verified: choose the CA file the county gave "
                "you in the sync settings, and check the address matches the certificate.",
            ) from exc
        except Transient as exc:
            raise self._unreachable(exc) from exc

    @staticmethod
    def _unreachable(exc: BaseException) -> SyncError:
        # The technical reason ([Errno 111] Connection refused) is for the log, not the screen.
        log.warning("county link: %s", _plain(exc))
        return SyncError(
            "连不上县级中心，请检查网络，或联系县级中心确认服务是否开启。",
            f"Cannot reach the county hub ({_plain(exc)}).",
        )

    def _once(self, method: str, path: str, body: Any, params: dict[str, Any] | None) -> Any:
        headers = {}
        content = None
        if body is not None:
            prepared = (
                body if isinstance(body, Prepared) else Prepared.of_json(json.dumps(body, ensure_ascii=False))
            )
            content = prepared.content
            headers = {"Content-Encoding": "gzip", "Content-Type": "application/json"}
        response = self._client.request(method, path, content=content, headers=headers, params=params)
        status = response.status_code
        if status == 200:
            try:
                return orjson.loads(response.content)  # a pull page: a third of json.loads' time
            except ValueError as exc:
                raise Transient("reply is not JSON") from exc  # cut off on the way
        if status == 410:
            raise Gone(orjson.loads(response.content))
        if status == 429 or status >= 500:
            raise Transient(f"HTTP {status}")
        if status == 401:
            raise SyncError(
                "县级中心不认这台电脑的同步口令（可能已更换或作废），请向县级中心索取新口令，在同步设置中填写。",
                "The county hub refused this town's token; ask the county for a new one.",
            )
        if status == 403:
            if (foreign := _foreign(response)) is not None:
                raise foreign
            raise SyncError(
                "县级中心拒绝了本次同步：口令与本镇不符，或涉及其他乡镇的记录。",
                "The hub refused: the token does not belong to this town, or the records are another town's.",
            )
        if status == 413:
            raise TooBigOrSlow(
                "一次发送的数据过多，县级中心拒收。", "The hub refused a request as too large."
            )
        raise SyncError(
            f"县级中心拒绝了请求（HTTP {status}）。", f"The county hub refused the request (HTTP {status})."
        )


def _plain(exc: BaseException) -> str:
    text = str(exc) or type(exc).__name__
    return text[:120]
