"""Who may use the app: a bearer token or Gradio's login page, required beyond loopback.

Gradio checks its `auth_dependency` inside its routes, after the body is parsed, and not at all on
some (the OpenAPI route list, static files, the heartbeat stream). With a token, `RequireToken`
answers 401 to every request without it, before the app reads a byte. With a login page,
`LoginThrottle` makes a client that keeps giving wrong passwords wait longer each time.
"""

from __future__ import annotations

import hmac
import math
import time
from collections import OrderedDict
from collections.abc import Mapping

from bot.core.errors import BotError

LOOPBACK_HOSTS = ["127.0.0.1", "localhost"]
MIN_TOKEN_CHARS = 16
FIRST_DELAY, MAX_DELAY = 1.0, 60.0  # seconds a client waits after its 1st, ..., nth wrong login
CLIENTS_REMEMBERED = 10_000  # the throttle's memory is bounded: the oldest clients are forgotten


def access(host: str, env: Mapping[str, str]) -> tuple[dict, list]:
    """launch() keywords and the ASGI middleware that make callers authenticate. Required when the
    app listens beyond loopback (replicas behind a load balancer), optional on loopback:
    - BOT_AUTH="user:password[,user2:password2]": Gradio's own login page (gradio_client: auth=(user, password));
    - BOT_TOKEN=<secret>: every request carries `Authorization: Bearer <secret>` (API clients, or a
      proxy that adds the header); compared in constant time.
    BotError (one line) when neither is set for a non-loopback host, or both are set."""
    users, token = env.get("BOT_AUTH", ""), env.get("BOT_TOKEN", "")
    if users and token:
        raise BotError("set BOT_AUTH (a login page) or BOT_TOKEN (a bearer token), not both")
    if token:
        if len(token) < MIN_TOKEN_CHARS:
            raise BotError(f"BOT_TOKEN is shorter than {MIN_TOKEN_CHARS} characters: use a long random secret")
        check = bearer_check(token)
        return {"auth_dependency": lambda request: check(request.headers.get("authorization"))}, \
            [(RequireToken, {"check": check})]
    if users:
        pairs = [tuple(pair.split(":", 1)) for pair in users.split(",") if pair]
        if not pairs or any(len(pair) != 2 or not all(pair) for pair in pairs):
            raise BotError("BOT_AUTH must be user:password, or several joined by commas")
        return {"auth": pairs}, [(LoginThrottle, {})]
    if host not in LOOPBACK_HOSTS and host != "::1":
        raise BotError(f"serving on {host} reaches beyond this machine and needs authentication: set "
                       "BOT_AUTH=user:password (a login page) or BOT_TOKEN=<long secret> (clients send "
                       "`Authorization: Bearer <secret>`); docs/postgres.md")
    return {}, []


def bearer_check(token: str):
    """`check(authorization_header) -> "token" | None`, in constant time."""
    expected = f"Bearer {token}".encode()

    def check(header: str | None) -> str | None:
        return "token" if hmac.compare_digest((header or "").encode(), expected) else None

    return check


def _header(scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", []):
        if key.lower() == name:
            return value.decode("latin-1")
    return None


async def _refuse(scope, send, status: int, message: str, headers: dict[str, str]) -> None:
    if scope["type"] == "websocket":
        await send({"type": "websocket.close", "code": 1008})
        return
    from starlette.responses import JSONResponse

    await JSONResponse({"error": message}, status_code=status, headers=headers)(scope, None, send)


class RequireToken:
    """Every HTTP and websocket request needs the token: 401 otherwise, before any route runs. One
    exception: Gradio's launch() calls its own `startup-events` route, without our header, and
    fails to start if refused; that route runs the app's start-up once and answers true or false."""

    OPEN = {("GET", "/gradio_api/startup-events")}

    def __init__(self, app, check):
        self.app, self.check = app, check

    async def __call__(self, scope, receive, send):
        if scope["type"] in ("http", "websocket") and (scope.get("method"), scope["path"]) not in self.OPEN \
                and not self.check(_header(scope, b"authorization")):
            await _refuse(scope, send, 401, "not authenticated: send `Authorization: Bearer <token>` "
                          "(the server's BOT_TOKEN)", {"WWW-Authenticate": "Bearer"})
            return
        await self.app(scope, receive, send)


class LoginThrottle:
    """A client's wrong logins make it wait FIRST_DELAY, then twice as long each time, up to
    MAX_DELAY; a login tried before the wait is over gets 429 without being checked. A login is
    counted as wrong while it is checked (so a burst of them is one try), and a right one clears
    the client's count."""

    def __init__(self, app, clock=time.monotonic):
        self.app, self.clock = app, clock
        self.clients: OrderedDict[str, tuple[int, float]] = OrderedDict()  # client -> (failures, wait until)

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or scope["method"] != "POST" or not scope["path"].rstrip("/").endswith("/login"):
            await self.app(scope, receive, send)
            return
        client = (scope.get("client") or ("?",))[0]
        failures, until = self.clients.get(client, (0, 0.0))
        wait = until - self.clock()
        if wait > 0:
            await _refuse(scope, send, 429, f"too many wrong logins: try again in {math.ceil(wait)} s",
                          {"Retry-After": str(math.ceil(wait))})
            return
        self._failed(client, failures + 1)  # counted as wrong until it proves right: a burst waits too
        status = []

        async def watch(message):
            if message["type"] == "http.response.start":
                status.append(message["status"])
            await send(message)

        await self.app(scope, receive, watch)
        if status and status[0] < 300:
            self.clients.pop(client, None)

    def _failed(self, client: str, failures: int) -> None:
        self.clients[client] = (failures, self.clock() + min(MAX_DELAY, FIRST_DELAY * 2 ** (failures - 1)))
        self.clients.move_to_end(client)
        while len(self.clients) > CLIENTS_REMEMBERED:
            self.clients.popitem(last=False)
