"""Serving the web chat: `python app.py` or `bot serve`.

The engine (model + index) is loaded, and the index built if missing or stale (startup.py), *before*
the server starts, so the page and the first question are quick. Safe defaults: 127.0.0.1 and only
requests addressed to it (DNS rebinding), no share link, no analytics or monitoring page, uploads
refused (`NoUploads`), a bounded queue; beyond loopback only with a token or a password (access.py).
"""

import argparse
import dataclasses
import json
import os
import re
import socket
import sys
import time
import warnings

from bot.core.errors import BotError
from bot.terminal import ProgressBar, add_flags, settings_of, show_log_lines
from bot.web import render
from bot.web.access import LOOPBACK_HOSTS, access
from bot.web.chat import ChatApp
from bot.web.live import LiveFolder
from bot.web.page import build_ui
from bot.web.startup import ready_to_serve

UPLOAD_MAX = "1mb"  # NoUploads refuses every upload; this cap would still hold if a route slipped past it


class NoUploads:
    """The app takes no files, but Gradio's upload routes are always there and keep what they are
    sent in its temporary folder, even after the app exits. Refused here, before a byte is read."""

    ROUTES = ("/upload", "/process_recording")

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] == "http" and scope["path"].rstrip("/").endswith(self.ROUTES):
            from starlette.responses import PlainTextResponse

            await PlainTextResponse("this app takes no uploads", status_code=403)(scope, receive, send)
            return
        await self.app(scope, receive, send)

class ApiArguments:
    """Gradio's routes that call an API by name (`/run/NAME`, `/api/NAME`, `/call/NAME`,
    `/call/v2/NAME`) answer a name the app does not have with a 500 and a traceback in the log, and
    a call to /ask with too few arguments (`{"data": []}`, or no `data` at all) with
    `{"error": null}` or Gradio's own 422. Here an unknown name gets a 404 that names the one API,
    and /ask's missing arguments are filled with null, so the app itself says what to send. Bodies
    over MAX_API_BODY are refused before Gradio reads them."""

    CALL = re.compile(r"^/gradio_api/(?:run|api|call|call/v2)/([^/]+)/?$")
    NAME = "ask"
    MAX_API_BODY = 16 * 2**20  # a question is at most 2,000 characters; a history, some turns

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        called = self.CALL.match(scope["path"]) if scope["type"] == "http" and scope["method"] == "POST" else None
        if not called:
            await self.app(scope, receive, send)
            return
        from starlette.responses import JSONResponse

        if called[1] != self.NAME:
            await JSONResponse({"error": f"no API named {called[1][:80]!r}: the app's one API is ask "
                                         '(POST /gradio_api/call/ask with {"data": [question, history]})'},
                               status_code=404)(scope, receive, send)
            return
        body, more = b"", True
        while more:
            message = await receive()
            body += message.get("body", b"")
            more = message.get("more_body", False)
            if len(body) > self.MAX_API_BODY:
                await JSONResponse({"error": f"the request is over {self.MAX_API_BODY // 2**20} MB"},
                                   status_code=413)(scope, receive, send)
                return
        if not scope["path"].startswith("/gradio_api/call/v2/"):  # v2 takes named arguments, defaults kept
            body, scope = self._filled(body, scope)
        sent = False

        async def replay():
            nonlocal sent
            if sent:
                return await receive()  # (a disconnect)
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}

        await self.app(scope, replay, send)

    @staticmethod
    def _filled(body: bytes, scope: dict) -> tuple[bytes, dict]:
        """The body with `data` padded to [question, history] by nulls, and its new length."""
        try:
            request = json.loads(body)
        except (ValueError, RecursionError):  # not JSON: Gradio says so itself
            return body, scope
        if not isinstance(request, dict) or not isinstance(request.setdefault("data", []), list) \
                or len(request["data"]) >= 2:
            return body, scope
        request["data"] += [None] * (2 - len(request["data"]))
        body = json.dumps(request).encode()
        return body, dict(scope, headers=[(k, v) for k, v in scope["headers"] if k.lower() != b"content-length"]
                          + [(b"content-length", str(len(body)).encode())])

def app_middleware(host: str, guards: list) -> dict:
    """The app's own middleware: the access guards (access.py) first, no uploads, and, served on loopback, only requests addressed to
    loopback: a web page whose domain re-resolves to 127.0.0.1 (DNS rebinding) could otherwise read
    the API from the browser. (Served on the network on purpose, the Host header is the proxy's.)"""
    from starlette.middleware import Middleware
    from starlette.middleware.trustedhost import TrustedHostMiddleware

    middleware = [Middleware(guard, **options) for guard, options in guards] + [Middleware(NoUploads),
                                                                                 Middleware(ApiArguments)]
    if host in LOOPBACK_HOSTS:
        middleware.append(Middleware(TrustedHostMiddleware, allowed_hosts=LOOPBACK_HOSTS))
    return {"middleware": middleware}

def parse_args(argv: list[str] | None, prog: str = "python app.py"):
    parser = argparse.ArgumentParser(
        prog=prog, description="Serve the web chat over the index (built first from the seeds folder "
        "when it is missing or stale) on http://127.0.0.1:7860.")
    parser.add_argument("--host", help="address to bind (default 127.0.0.1, or $GRADIO_SERVER_NAME)")
    parser.add_argument("--port", type=int, help="port (default 7860, or $GRADIO_SERVER_PORT)")
    parser.add_argument("--no-watch", action="store_true",
                        help="do not watch the seeds folder (default: rebuilt as it changes; $BOT_WATCH=0)")
    add_flags(parser)
    return parser.parse_args(argv)

def port_taken(host: str, port: int) -> bool:
    """Whether the port cannot be bound, checked the way Gradio checks it (SO_REUSEADDR)."""
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
        except OSError:
            return True
    return False

def main(argv: list[str] | None = None, prog: str = "python app.py") -> int:
    if argv and argv[0] == "--":  # `bot serve -- --port 8000`: the CLI forwards everything after serve
        argv = argv[1:]
    args = parse_args(argv, prog)
    os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
    host = args.host or os.environ.get("GRADIO_SERVER_NAME") or "127.0.0.1"
    port = args.port or int(os.environ.get("GRADIO_SERVER_PORT") or 7860)
    in_use = f"error: port {port} is in use (another server?): pass --port {port + 1}, or stop the other one"
    if port_taken(host, port):  # before loading anything: say it now, not after the index is built
        print(in_use, file=sys.stderr)
        return 1
    show_log_lines()
    bar = ProgressBar("Embedding")
    try:
        protect, guards = access(host, os.environ)  # before the slow start-up: a refused host fails at once
        settings, engine = ready_to_serve(settings_of(args), progress=bar)
    except BotError as error:
        print(f"error: {error}", file=sys.stderr)
        return error.exit_code
    finally:
        bar.close()
    import gradio as gr
    from starlette.exceptions import StarletteDeprecationWarning

    # Gradio's own routes use a renamed Starlette constant: one warning per question, nothing to act on.
    warnings.filterwarnings("ignore", category=StarletteDeprecationWarning)
    if args.no_watch:
        settings = dataclasses.replace(settings, watch=False)
    live = LiveFolder(settings, engine)
    app = ChatApp(settings, engine, live)
    app.examples()  # made before serving; asking them warms every lazy part for the first question
    demo = build_ui(app)
    demo.queue(max_size=64, default_concurrency_limit=2)
    theme = gr.themes.Soft(primary_hue="indigo", font=["ui-sans-serif", "system-ui", "sans-serif"],
                           font_mono=["ui-monospace", "SFMono-Regular", "monospace"])  # no web fonts
    try:
        demo.launch(server_name=host, server_port=port, share=False, css=render.CSS, theme=theme,
                    show_error=False, max_file_size=UPLOAD_MAX, enable_monitoring=False,
                    app_kwargs=app_middleware(host, guards), quiet=True, prevent_thread_lock=True, **protect)
    except OSError:  # taken between the check and now
        print(in_use, file=sys.stderr)
        return 1
    live.start()
    watching = f"; watching {settings.seeds_dir}" if settings.watch else ""
    print(f"Serving the chat on http://{host}:{port}{watching} (Ctrl-C to stop)", file=sys.stderr, flush=True)
    try:
        while demo.is_running:
            time.sleep(0.2)
    except KeyboardInterrupt:
        print("stopped", file=sys.stderr)
    finally:
        live.stop()
        demo.close()
        engine.close()  # a PostgreSQL store forgets this server at once
    return 0
