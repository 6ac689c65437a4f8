"""Serving beyond one machine: app replicas over one PostgreSQL store, and authentication.

An app that listens beyond loopback must be given BOT_AUTH (Gradio's login) or BOT_TOKEN (a bearer
token); unauthenticated requests are refused. The servers here bind 0.0.0.0 but are only ever
called on 127.0.0.1.
"""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest

from bot.core.errors import BotError
from bot.web.access import access
from testkit.server import free_port, running_app
from tests.conftest import ROOT, SEEDS


def status(url: str, headers: dict | None = None, data: bytes | None = None) -> int:
    request = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def test_access_rules():
    assert access("127.0.0.1", {}) == ({}, []) and access("localhost", {}) == ({}, [])
    for host in ("0.0.0.0", "192.0.2.10", "::"):
        with pytest.raises(BotError, match="needs authentication: set BOT_AUTH=user:password .* or BOT_TOKEN"):
            access(host, {})
    assert access("0.0.0.0", {"BOT_AUTH": "ann:pw1,bob:pw:2"})[0] == {"auth": [("ann", "pw1"), ("bob", "pw:2")]}
    with pytest.raises(BotError, match="user:password"):
        access("0.0.0.0", {"BOT_AUTH": "ann"})
    with pytest.raises(BotError, match="shorter than 16"):
        access("0.0.0.0", {"BOT_TOKEN": "short"})
    with pytest.raises(BotError, match="not both"):
        access("0.0.0.0", {"BOT_TOKEN": "x" * 32, "BOT_AUTH": "ann:pw"})
    check = access("0.0.0.0", {"BOT_TOKEN": "x" * 32})[0]["auth_dependency"]

    class Request:
        def __init__(self, value):
            self.headers = {"authorization": value} if value is not None else {}

    assert check(Request("Bearer " + "x" * 32)) == "token"
    assert [check(Request(v)) for v in (None, "", "Bearer " + "x" * 31, "x" * 32, "Basic " + "x" * 32)] == [None] * 5


def test_serving_beyond_loopback_without_authentication_is_refused_at_once(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("BOT_AUTH", "BOT_TOKEN")}
    done = subprocess.run([sys.executable, "app.py", "--host", "0.0.0.0", "--port", str(free_port()), "--seeds",
                           str(SEEDS), "--index", str(tmp_path / "index")], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 1 and done.stderr.count("\n") == 1, done.stderr
    assert "needs authentication" in done.stderr and not (tmp_path / "index").exists()


def test_a_replica_over_postgres_answers_only_with_the_token(tmp_path, pg_url):
    from gradio_client import Client

    token = secrets.token_urlsafe(24)
    with running_app(tmp_path, "--store", pg_url, "--host", "0.0.0.0", env={"BOT_TOKEN": token}) as server:
        call = server.url + "gradio_api/call/ask"
        body = json.dumps({"data": ["Who is Japan's defense minister?", []]}).encode()
        json_type = {"Content-Type": "application/json"}
        for headers in ({}, {"Authorization": "Bearer wrong-" + token}, {"Authorization": token}):
            assert status(server.url + "gradio_api/info", headers) == 401
            assert status(server.url + "config", headers) == 401
            assert status(call, {**json_type, **headers}, body) == 401
        assert status(call, {**json_type, "Authorization": f"Bearer {token}"}, body) == 200
        client = Client(server.url, verbose=False, headers={"Authorization": f"Bearer {token}"})
        answer = client.predict("Who is Japan's defense minister?", [], api_name="/ask")
        assert "Nobuo Kishi" in answer["quotes"][0]["text"] and answer["index_version"].startswith("pg-")
        assert not (tmp_path / "index").exists()  # the index is in the database, not in a folder


# Every route the app has, and some it has not: without the token each one is 401, body unread.
ROUTES = ["/", "/config", "/openapi.json", "/gradio_api/openapi.json", "/gradio_api/info", "/docs",
          "/gradio_api/heartbeat/abc", "/gradio_api/queue/data?session_hash=abc", "/theme.css", "/favicon.ico",
          "/assets/index.js", "/gradio_api/upload", "/login", "/no-such-route", "/gradio_api/call/ask"]


def test_with_a_token_every_route_is_closed_before_its_body_is_read(tmp_path):
    token = secrets.token_urlsafe(24)
    with running_app(tmp_path, "--host", "0.0.0.0", env={"BOT_TOKEN": token}) as server:
        base = server.url.rstrip("/")
        for route in ROUTES:
            for headers in ({}, {"Authorization": "Bearer wrong-" + token}):
                assert status(base + route, headers) == 401, route
                assert status(base + route, {**headers, "Content-Type": "application/json"}, b"{not json") == 401, route
        bearer = {"Authorization": f"Bearer {token}"}
        assert status(base + "/config", bearer) == 200 and status(base + "/gradio_api/info", bearer) == 200
        assert status(base + "/gradio_api/call/ask", {**bearer, "Content-Type": "application/json"}, b"{not json") == 422


def test_wrong_logins_wait_longer_each_time(tmp_path):
    from bot.web.access import FIRST_DELAY

    with running_app(tmp_path, "--host", "0.0.0.0", env={"BOT_AUTH": "ann:" + "right-password"}) as server:
        login = server.url.rstrip("/") + "/login"

        def attempt(password: str) -> int:
            form = f"username=ann&password={password}".encode()
            return status(login, {"Content-Type": "application/x-www-form-urlencoded"}, form)

        assert attempt("wrong") == 400
        statuses = [attempt("wrong") for _ in range(200)]  # at once: refused without being checked
        assert statuses.count(429) == 200
        assert attempt("right-password") == 429  # even the right one waits its turn
        time.sleep(FIRST_DELAY + 0.1)
        assert attempt("wrong") == 400  # the second wrong one: the wait doubles
        time.sleep(FIRST_DELAY + 0.1)
        assert attempt("right-password") == 429
        time.sleep(FIRST_DELAY + 0.1)
        assert attempt("right-password") == 200
        assert attempt("wrong") == 400 and status(server.url.rstrip("/") + "/config") == 401
