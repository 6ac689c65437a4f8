"""Serving the web chat: `python app.py` or `bot serve`.

The engine (model + index) is loaded, and the index built if missing or stale (startup.py), *before*
the server starts, so the page and the first question are quick. Safe defaults: 127.0.0.1 and only
requests addressed to it (DNS rebinding), no share link, no analytics or monitoring page, uploads
refused (`NoUploads`), a bounded queue; beyond loopback only with a token or a password (`access`).
"""

import argparse
import os
import socket
import sys
import time
import warnings
from collections.abc import Mapping

from bot.core.errors import BotError
from bot.terminal import ProgressBar, add_flags, settings_of, show_log_lines
from bot.web import render
from bot.web.chat import ChatApp
from bot.web.page import build_ui
from bot.web.startup import ready_to_serve

UPLOAD_MAX = "1mb"  # NoUploads refuses every upload; this cap would still hold if a route slipped past it

LOOPBACK_HOSTS = ["127.0.0.1", "localhost"]

MIN_TOKEN_CHARS = 16

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

def app_middleware(host: str) -> dict:
    """The app's own middleware: no uploads, and, served on loopback, only requests addressed to
    loopback: a web page whose domain re-resolves to 127.0.0.1 (DNS rebinding) could otherwise read
    the API from the browser. (Served on the network on purpose, the Host header is the proxy's.)"""
    from starlette.middleware import Middleware
    from starlette.middleware.trustedhost import TrustedHostMiddleware

    middleware = [Middleware(NoUploads)]
    if host in LOOPBACK_HOSTS:
        middleware.append(Middleware(TrustedHostMiddleware, allowed_hosts=LOOPBACK_HOSTS))
    return {"middleware": middleware}

def access(host: str, env: Mapping[str, str]) -> dict:
    """launch() keywords that make callers authenticate. Required when the app listens beyond
    loopback (replicas behind a load balancer), optional on loopback:
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
        import hmac

        expected = f"Bearer {token}".encode()

        def bearer(request) -> str | None:
            given = request.headers.get("authorization", "").encode()
            return "token" if hmac.compare_digest(given, expected) else None

        return {"auth_dependency": bearer}
    if users:
        pairs = [tuple(pair.split(":", 1)) for pair in users.split(",") if pair]
        if not pairs or any(len(pair) != 2 or not all(pair) for pair in pairs):
            raise BotError("BOT_AUTH must be user:password, or several joined by commas")
        return {"auth": pairs}
    if host not in LOOPBACK_HOSTS and host != "::1":
        raise BotError(f"serving on {host} reaches beyond this machine and needs authentication: set "
                       "BOT_AUTH=user:password (a login page) or BOT_TOKEN=<long secret> (clients send "
                       "`Authorization: Bearer <secret>`); docs/postgres.md")
    return {}

def parse_args(argv: list[str] | None, prog: str = "python app.py"):
    parser = argparse.ArgumentParser(
        prog=prog, description="Serve the web chat over the index (built first from the seeds folder "
        "when it is missing or stale) on http://127.0.0.1:7860.")
    parser.add_argument("--host", help="address to bind (default 127.0.0.1, or $GRADIO_SERVER_NAME)")
    parser.add_argument("--port", type=int, help="port (default 7860, or $GRADIO_SERVER_PORT)")
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
        protect = access(host, os.environ)  # before the slow start-up: a refused host fails at once
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
    app = ChatApp(settings, engine)
    app.examples()  # made before serving; asking them warms every lazy part for the first question
    demo = build_ui(app)
    demo.queue(max_size=64, default_concurrency_limit=2)
    theme = gr.themes.Soft(primary_hue="indigo", font=["ui-sans-serif", "system-ui", "sans-serif"],
                           font_mono=["ui-monospace", "SFMono-Regular", "monospace"])  # no web fonts
    try:
        demo.launch(server_name=host, server_port=port, share=False, css=render.CSS, theme=theme,
                    show_error=False, max_file_size=UPLOAD_MAX, enable_monitoring=False,
                    app_kwargs=app_middleware(host), quiet=True, prevent_thread_lock=True, **protect)
    except OSError:  # taken between the check and now
        print(in_use, file=sys.stderr)
        return 1
    print(f"Serving the chat on http://{host}:{port} (Ctrl-C to stop)", file=sys.stderr, flush=True)
    try:
        while demo.is_running:
            time.sleep(0.2)
    except KeyboardInterrupt:
        print("stopped", file=sys.stderr)
    finally:
        demo.close()
        engine.close()  # a PostgreSQL store forgets this server at once
    return 0
