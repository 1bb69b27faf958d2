"""Login throttling: after a run of failed logins from one address or for one name, every further
try waits a delay that doubles with each failure, the right password included. Failed logins are
logged. It sits in front of the page's /login route as ASGI middleware."""

from __future__ import annotations

import json
import logging
import threading
import time
from collections.abc import Awaitable, Callable, MutableMapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs

log = logging.getLogger(__name__)

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

FREE_TRIES = 5  # failures allowed before any wait
FIRST_WAIT_S = 2.0
LONGEST_WAIT_S = 15 * 60.0


@dataclass
class _Record:
    failures: int = 0
    last: float = 0.0


@dataclass
class Throttle:
    """Failures per key ("ip:…" and "name:…"); a success clears both of its keys."""

    free_tries: int = FREE_TRIES
    first_wait_s: float = FIRST_WAIT_S
    longest_wait_s: float = LONGEST_WAIT_S
    clock: Callable[[], float] = time.monotonic
    _records: dict[str, _Record] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def wait_s(self, keys: tuple[str, ...]) -> float:
        """How long these keys must still wait before their next try (0: go ahead)."""
        now = self.clock()
        with self._lock:
            waits = [self._wait(self._records[k], now) for k in keys if k in self._records]
        return max(waits, default=0.0)

    def _wait(self, r: _Record, now: float) -> float:
        over = r.failures - self.free_tries
        if over < 0:
            return 0.0
        delay = min(self.first_wait_s * 2**over, self.longest_wait_s)
        return max(r.last + delay - now, 0.0)

    def record(self, keys: tuple[str, ...], ok: bool) -> None:
        now = self.clock()
        with self._lock:
            for k in keys:
                if ok:
                    self._records.pop(k, None)
                else:
                    r = self._records.setdefault(k, _Record())
                    r.failures += 1
                    r.last = now


class ThrottledLogin:
    """ASGI middleware: a POST to /login is refused with 429 (and Retry-After) while its address or
    name must wait; otherwise it goes through and its outcome is counted."""

    def __init__(self, app: ASGIApp, throttle: Throttle | None = None) -> None:
        self.app = app
        self.throttle = throttle or Throttle()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "POST" or scope["path"].rstrip("/") != "/login":
            await self.app(scope, receive, send)
            return
        body = b""
        while True:
            message = await receive()
            body += message.get("body", b"")
            if not message.get("more_body"):
                break
        name = (parse_qs(body.decode("utf-8", "replace")).get("username") or [""])[0].strip()
        address = (scope.get("client") or ("?", 0))[0]
        keys = (f"ip:{address}", f"name:{name}")
        wait = self.throttle.wait_s(keys)
        if wait > 0:
            log.warning("login refused while throttled: name %r from %s (wait %.0f s)", name, address, wait)
            await _too_many(send, wait)
            return
        status: list[int] = []

        async def replay() -> Message:
            return {"type": "http.request", "body": body, "more_body": False}

        async def watch(message: Message) -> None:
            if message["type"] == "http.response.start":
                status.append(message["status"])
            await send(message)

        await self.app(scope, replay, watch)
        ok = bool(status) and status[0] < 400
        if not ok:
            log.warning("failed login: name %r from %s", name, address)
        self.throttle.record(keys, ok)


async def _too_many(send: Send, wait: float) -> None:
    seconds = max(int(wait + 0.999), 1)
    body = json.dumps({"detail": f"登录失败次数过多，请在 {seconds} 秒后再试。"}, ensure_ascii=False).encode()
    headers = [(b"content-type", b"application/json; charset=utf-8"), (b"retry-after", str(seconds).encode())]
    await send({"type": "http.response.start", "status": 429, "headers": headers})
    await send({"type": "http.response.body", "body": body})
