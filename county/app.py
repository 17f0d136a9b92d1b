"""The hub's HTTP face (FastAPI): the token, the body's size and encoding, then county/service.py."""

from __future__ import annotations

import hashlib
import hmac
import logging
import zlib
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Annotated, Any

import orjson
from fastapi import Depends, FastAPI, HTTPException, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.responses import JSONResponse, Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy import Engine, select

from county import service
from county.db import open_hub, reading
from county.models import Town
from desktop import __version__
from desktop.sync import protocol

log = logging.getLogger("county.app")


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@dataclass(frozen=True)
class Caller:
    code: str
    name: str


def find_caller(engine: Engine, token: str) -> Caller | None:
    """The town holding this token, unless it was revoked."""
    wanted = token_hash(token)
    with reading(engine) as session:
        town = session.scalar(select(Town).where(Town.token_hash == wanted))
        if town is None or not hmac.compare_digest(town.token_hash, wanted) or town.revoked_at is not None:
            return None
        return Caller(town.code, town.name)


def too_large(what: str) -> HTTPException:
    return HTTPException(413, f"请求过大（{what}）")


async def read_json_body(request: Request) -> Any:
    """The body, inflated when gzip, refused (413) past the protocol's caps before it is all in memory."""
    length = request.headers.get("content-length")
    if length is not None:
        if not length.isdigit():
            raise HTTPException(400, "Content-Length 不正确")
        if int(length) > protocol.MAX_BODY_BYTES:
            raise too_large(f"超过 {protocol.MAX_BODY_BYTES} 字节")
    encoding = request.headers.get("content-encoding", "identity").strip().lower()
    if encoding not in ("identity", "gzip"):
        raise HTTPException(415, "只接受 gzip 压缩或不压缩的请求")
    inflater = zlib.decompressobj(wbits=31) if encoding == "gzip" else None
    received = inflated = 0
    parts: list[bytes] = []
    try:
        async for chunk in request.stream():
            received += len(chunk)
            if received > protocol.MAX_BODY_BYTES:
                raise too_large(f"超过 {protocol.MAX_BODY_BYTES} 字节")
            if inflater is None:
                parts.append(chunk)
                continue
            # One byte past the cap is enough to know; never inflate a bomb in full.
            data = inflater.decompress(chunk, protocol.MAX_INFLATED_BYTES - inflated + 1)
            inflated += len(data)
            if inflated > protocol.MAX_INFLATED_BYTES or inflater.unconsumed_tail:
                raise too_large(f"解压后超过 {protocol.MAX_INFLATED_BYTES} 字节")
            parts.append(data)
        if inflater is not None and not inflater.eof:
            raise HTTPException(400, "压缩数据不完整")
    except zlib.error as exc:
        raise HTTPException(400, "压缩数据损坏") from exc
    try:
        # orjson: a third of the time of the json module's, and as strict (NaN, Infinity, bad UTF-8,
        # a lone surrogate and brackets nested over 1,024 deep are refused; ValueError is its error).
        return orjson.loads(b"".join(parts))
    except ValueError as exc:
        raise HTTPException(400, "请求不是有效的 JSON") from exc


bearer = HTTPBearer(auto_error=False)


def caller(
    request: Request, credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]
) -> Caller:
    """The calling town, from its bearer token: 401 when missing, unknown or revoked."""
    if credentials is None or credentials.scheme.lower() != "bearer":
        raise HTTPException(401, "缺少令牌", headers={"WWW-Authenticate": "Bearer"})
    town = find_caller(request.app.state.engine, credentials.credentials)
    if town is None:
        log.warning("refused a request: unknown or revoked token")
        raise HTTPException(401, "令牌无效或已被停用", headers={"WWW-Authenticate": "Bearer"})
    return town


CurrentTown = Annotated[Caller, Depends(caller)]


def create_app(db_url: str) -> FastAPI:
    """The hub's application on the database at `db_url` (a SQLite path or a SQLAlchemy URL)."""
    engine = open_hub(db_url)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        engine.dispose()  # the server stopped: its connections go with it

    app = FastAPI(title="县级中心数据交换服务", version=__version__, lifespan=lifespan)
    app.add_middleware(
        GZipMiddleware, minimum_size=1024, compresslevel=5
    )  # 9: a push's reply took as long as its parsing
    app.state.engine = engine
    # response_model=None throughout: the protocol's TypedDicts are typing.TypedDict, which pydantic
    # cannot model on Python 3.11, and the replies need no second validation on the way out.

    @app.get(f"{protocol.PREFIX}/hello", response_model=None)
    def hello(town: CurrentTown) -> protocol.Hello:
        return service.hello(engine, town.code, town.name)

    @app.post(f"{protocol.PREFIX}/push", response_model=None)
    async def push(town: CurrentTown, request: Request) -> Response:
        body = await read_json_body(request)
        batch = body.get("batch_id") if isinstance(body, dict) else None
        try:
            # The reply's text as the inbox keeps it: FastAPI would otherwise walk the 500 results
            # through jsonable_encoder, and JSONResponse would encode them again.
            reply = await run_in_threadpool(service.push_text, engine, town.code, body)
            return Response(reply, media_type="application/json")
        except service.Forbidden as exc:
            log.warning("push town=%s batch=%s refused: %s", town.code, str(batch)[:64], exc)
            if exc.records or exc.batch:  # the town sets these aside (or forgets the batch) and goes on
                detail = {"message": str(exc), "records": exc.records, "batch": exc.batch}
                raise HTTPException(403, detail) from exc
            raise HTTPException(403, str(exc)) from exc
        except service.BadRequest as exc:
            log.warning("push town=%s batch=%s malformed: %s", town.code, str(batch)[:64], exc)
            raise HTTPException(422, str(exc)) from exc

    @app.get(f"{protocol.PREFIX}/pull", response_model=None)
    def pull(
        town: CurrentTown,
        since: Annotated[int, Query(ge=0, le=2**62)] = 0,
        limit: Annotated[int, Query(ge=1)] = protocol.MAX_PULL,
        epoch: str = "",
    ) -> protocol.PullReply | JSONResponse:
        result = service.pull(engine, town.code, since, limit, epoch)
        if isinstance(result, service.Gone):
            log.info("pull town=%s since=%d: gone (epoch %r)", town.code, since, epoch)
            return JSONResponse(dict(result.reply), status_code=410)
        return result

    @app.get(f"{protocol.PREFIX}/snapshot/{{record_type}}", response_model=None)
    def snapshot(town: CurrentTown, record_type: str) -> protocol.SnapshotReply:
        if record_type not in protocol.SNAPSHOT_TYPES:
            raise HTTPException(404, "没有这种数据")
        log.info("snapshot town=%s type=%s", town.code, record_type)
        return service.snapshot(engine, record_type)

    return app
