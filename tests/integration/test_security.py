"""Web security and hostile input against the running app (`python app.py` in a subprocess).

File routes never serve files outside Gradio's own (traversal, encoded, absolute paths to the index
and to /etc/passwd); a foreign Origin gets no CORS grant; a foreign Host is refused (DNS
rebinding); only /ask is listed; uploads are refused and nothing is stored; bad questions and a damaged index give
`{"error": ...}` through gradio_client, never a crash.
"""

from __future__ import annotations

import http.client
import json
import os
from urllib.parse import urlparse

import pytest

from bot.store.folder import layout as store
from testkit.server import running_app
from tests.integration.test_hardening import ABOUT_KISHI, BAD_QUESTIONS, REFUSED, damaged_current

SECRETS = [b"root:x:0:0", b'"format"', b"Kishi", b"sha256"]  # /etc/passwd, manifest, article, manifest


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    with running_app(tmp_path_factory.mktemp("security")) as running:
        yield running


@pytest.fixture(scope="module")
def client(server):
    from gradio_client import Client

    return Client(server.url, verbose=False)


def request(server, method: str, path: str, headers: dict | None = None, body: bytes | None = None):
    """One raw HTTP request (no client-side normalization of `..` or %2e): (status, headers, body)."""
    url = urlparse(server.url)
    connection = http.client.HTTPConnection(url.hostname, url.port, timeout=30)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        connection.close()


def traversal_paths(server) -> list[str]:
    build = store.current_build(server.index)
    targets = ["/etc/passwd", str(build / "manifest.json"), str(build / "chunks.npy"),
               str(server.index / "feedback.jsonl"), str(server.seeds / "harbor_log.txt")]
    relative = ["../../../../../../etc/passwd", "..%2f..%2f..%2f..%2f..%2fetc%2fpasswd",
                "%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd", "%2e%2e%2f%2e%2e%2fetc%2fpasswd",
                "....//....//etc/passwd", "..\\..\\..\\etc\\passwd", "app.py", "bot/web/serve.py", "index/current/manifest.json"]
    paths = []
    for prefix in ["/file=", "/gradio_api/file=", "/file/", "/gradio_api/file/"]:
        paths += [prefix + target for target in targets + relative]
        paths += [prefix + target.replace("/", "%2F") for target in targets]
    return paths + ["/static/../../../../etc/passwd", "/assets/..%2f..%2f..%2f..%2fetc%2fpasswd",
                    "/gradio_api/static/%2e%2e/%2e%2e/%2e%2e/etc/passwd", "/favicon.ico/../../../etc/passwd"]


def test_file_routes_never_serve_files_outside_gradio(server):
    paths = traversal_paths(server)
    assert len(paths) > 50
    for path in paths:
        status, _, body = request(server, "GET", path)
        assert status in (403, 404), (path, status, body[:200])
        assert not any(secret in body for secret in SECRETS), path


def test_a_foreign_origin_gets_no_cors_grant(server):
    for origin in ["http://evil.example", "https://attacker.test:7860", "null"]:
        _, headers, _ = request(server, "GET", "/gradio_api/info", {"Origin": origin})
        assert headers.get("access-control-allow-origin") not in (origin, "*")
        _, headers, _ = request(server, "OPTIONS", "/gradio_api/call/ask",
                                {"Origin": origin, "Access-Control-Request-Method": "POST"})
        assert headers.get("access-control-allow-origin") not in (origin, "*")
    own = server.url.rstrip("/")  # the page's own origin still works
    assert request(server, "GET", "/gradio_api/info", {"Origin": own})[1]["access-control-allow-origin"] == own


def test_a_foreign_host_header_is_refused(server):
    """DNS rebinding: a page on evil.example whose name now resolves to 127.0.0.1."""
    status, _, body = request(server, "GET", "/gradio_api/info", {"Host": "evil.example:7860"})
    assert status == 400 and b"/ask" not in body
    status, _, body = request(server, "POST", "/gradio_api/call/ask", {
        "Host": "evil.example", "Origin": "http://evil.example", "Content-Type": "application/json"},
        json.dumps({"data": ["Who is Japan's defense minister?", []]}).encode())
    assert status == 400
    port = urlparse(server.url).port
    assert request(server, "GET", "/gradio_api/info", {"Host": f"localhost:{port}"})[0] == 200


def test_only_ask_is_listed(server):
    status, _, body = request(server, "GET", "/gradio_api/info")
    info = json.loads(body)
    assert status == 200 and list(info["named_endpoints"]) == ["/ask"] and info["unnamed_endpoints"] == {}
    status, _, body = request(server, "GET", "/gradio_api/openapi.json")
    assert status == 200
    assert {p for p in json.loads(body)["paths"] if "ask" not in p} <= {"/gradio_api/upload"}
    assert request(server, "GET", "/monitoring")[0] in (403, 404)  # the monitoring page is off


def test_uploads_are_refused_and_nothing_is_stored(server):
    """The app takes no files: whatever is posted to Gradio's upload routes, small or large, one
    file or several, is refused and leaves nothing in Gradio's temporary folder."""
    boundary = "----seedbot"

    def files(*sizes: int) -> bytes:
        parts = [(f"--{boundary}\r\nContent-Disposition: form-data; name=\"files\"; filename=\"f{i}.txt\"\r\n"
                  "Content-Type: text/plain\r\n\r\n").encode() + b"x" * size + b"\r\n" for i, size in enumerate(sizes)]
        return b"".join(parts) + f"--{boundary}--\r\n".encode()

    form = {"Content-Type": f"multipart/form-data; boundary={boundary}"}
    for path in ["/gradio_api/upload", "/upload", "/gradio_api/upload?upload_id=x1", "/gradio_api/process_recording"]:
        for body in (files(10), files(900_000, 900_000, 900_000), files(2_000_000)):
            status, _, _ = request(server, "POST", path, form, body)
            assert status in (403, 404), (path, status)
    stored = server.log.parent / "gradio-tmp"
    assert not stored.exists() or [p for p in stored.rglob("*") if p.is_file()] == []


# -- the /ask API under bad input --------------------------------------------------------------
def ask_raw(server, body: bytes) -> dict:
    """/ask over plain HTTP (Gradio's two-step call API), for JSON that gradio_client cannot send."""
    status, _, answer = request(server, "POST", "/gradio_api/call/ask", {"Content-Type": "application/json"}, body)
    assert status == 200, answer
    status, _, stream = request(server, "GET", f"/gradio_api/call/ask/{json.loads(answer)['event_id']}")
    events = stream.decode().split("\n\n")
    complete = next(e for e in events if e.startswith("event: complete"))
    return json.loads(complete.split("data: ", 1)[1])[0]


@pytest.mark.parametrize("name", list(BAD_QUESTIONS))
def test_bad_questions_through_gradio_client(client, server, name):
    if name == "lone surrogate":  # not encodable as UTF-8 by the client: sent as a JSON escape
        body = json.dumps({"data": [BAD_QUESTIONS[name], []]}).encode()
        assert b"\\ud800" in body
        result = ask_raw(server, body)
    else:
        result = client.predict(BAD_QUESTIONS[name], [], api_name="/ask")
    assert ("error" in result) == (name in REFUSED), result
    if "error" in result:
        assert set(result) == {"error"} and result["error"] and "\n" not in result["error"]
        return
    assert {"question", "answered", "answer", "quotes", "seconds", "index_version"} <= set(result)
    if name in ABOUT_KISHI:
        assert result["answered"] and "Kishi" in result["quotes"][0]["text"], result
    for quote in result["quotes"] + result.get("closest", []):
        text = (server.seeds / quote["source"]).read_text(encoding="utf-8")
        assert quote["text"] == text[quote["start"] : quote["end"]]


@pytest.mark.parametrize("history", [
    "not a list", [1, 2], [{"role": "user"}], [{"role": "user", "content": 5}],
    [{"role": "user", "content": "Japan " * 100_000}] * 3, None,
])
def test_bad_histories_through_gradio_client(client, history):
    result = client.predict("What did he say?", history, api_name="/ask")
    assert ("error" in result and set(result) == {"error"}) or "answered" in result


def test_a_damaged_index_is_reported_through_the_api(client, server):
    with damaged_current(server.index) as good:
        result = client.predict("Who is Japan's defense minister?", [], api_name="/ask")
        assert set(result) == {"error"} and "damaged" in result["error"] and "bot index --full" in result["error"]
    result = client.predict("Who is Japan's defense minister?", [], api_name="/ask")
    assert result["answered"] and result["index_version"] == good.name
    assert os.path.isdir(good)


@pytest.mark.parametrize("data", [[], ["Who is Japan's defense minister?"], [None, None], [None]])
def test_a_request_without_its_question_is_told_what_to_send(server, data):
    result = ask_raw(server, json.dumps({"data": data}).encode())
    if data[:1] == ["Who is Japan's defense minister?"]:  # the history may be left out
        assert result["answered"] and "Kishi" in result["quotes"][0]["text"], result
        return
    assert set(result) == {"error"} and "[question, history]" in result["error"], result


def test_a_body_without_data_is_told_what_to_send(server):
    result = ask_raw(server, b"{}")
    assert set(result) == {"error"} and "[question, history]" in result["error"], result


@pytest.mark.parametrize("data", [["Who is Japan's defense minister?"], []])
def test_the_one_step_route_answers_or_says_what_to_send(server, data):
    """Gradio's /run/ask answers at once; without its history it used to fail with a 500."""
    status, _, body = request(server, "POST", "/gradio_api/run/ask", {"Content-Type": "application/json"},
                              json.dumps({"data": data}).encode())
    assert status == 200, body
    result = json.loads(body)["data"][0]
    if data:
        assert result["answered"] and "Kishi" in result["quotes"][0]["text"], result
    else:
        assert set(result) == {"error"} and "[question, history]" in result["error"], result


def test_an_unknown_api_name_gets_a_404_naming_the_one_api(server):
    for path in ["/gradio_api/call/nonexistent", "/gradio_api/run/nonexistent", "/gradio_api/call/rebuild",
                 "/gradio_api/api/predict", "/gradio_api/call/v2/respond", "/gradio_api/run/ask/extra/"]:
        status, _, body = request(server, "POST", path, {"Content-Type": "application/json"},
                                  json.dumps({"data": ["Who is Japan's defense minister?", []]}).encode())
        assert status == 404, (path, status, body[:200])
        if not path.endswith("/extra/"):  # (not an API call at all: Gradio's own 404)
            assert "one API is ask" in json.loads(body)["error"], body
    assert "Traceback" not in server.log.read_text(encoding="utf-8", errors="replace")
