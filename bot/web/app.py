"""The web chat: `python app.py` or `bot serve`. Gradio Blocks over one `Engine`.

Choices made on purpose:
- The engine (model + index) is loaded, and the index built if missing or stale
  (startup.py), *before* the server starts, so the page and the first question are quick.
  The engine swaps in a new build by itself when ``index/current`` changes, which is how both the
  Rebuild button and a CLI `bot index` reach the running app without a restart; questions asked
  meanwhile are answered from the old build.
- The only public API endpoint is ``/ask`` (same object as `bot ask --json`, plus the
  ``index_version`` that answered); every UI event is ``api_visibility="private"`` (Gradio 6's
  replacement for ``show_api=False``): unlisted and not callable by gradio_client, though the page
  itself still calls them over HTTP, so they must stay as harmless as the buttons they serve.
- A session's state is its list of turns (question + answer JSON). The chat and the engine's history
  (`bot ask`'s JSON format) are both derived from it, so the Chatbot's own value format does not matter.
- Safe defaults: 127.0.0.1 and only requests addressed to it (DNS rebinding), no share link, no
  analytics or monitoring page, uploads refused (`NoUploads`), a bounded queue, article text escaped
  (ui_render.py), feedback appended one bounded line at a time.
"""

import argparse
import os
import socket
import sys
import time
import uuid
import warnings
from collections.abc import Mapping

from bot.answer.engine import Engine
from bot.answer.refusal import Calibration
from bot.core.errors import BotError
from bot.core.settings import Settings
from bot.index.watch import SeedWatch
from bot.store.base import Build
from bot.terminal import ProgressBar, add_flags, settings_of, show_log_lines
from bot.web import render
from bot.web.examples import example_questions
from bot.web.feedback import FEEDBACK_FILE, FeedbackFile
from bot.web.startup import ready_to_serve

SKIPPED_SHOWN = 5  # skipped files named in the rebuild message; the rest are counted
MAX_EXAMPLES = 4  # example questions under the chat, made from the indexed articles (examples.py)
# The text box cuts a paste only far past the question limit, so that an over-long question gets the
# engine's error ("... characters long; the limit is 2,000"), as in the CLI, not a silent cut.
BOX_MAX_CHARS = 20_000
UPLOAD_MAX = "1mb"  # NoUploads refuses every upload; this cap would still hold if a route slipped past it
LOOPBACK_HOSTS = ["127.0.0.1", "localhost"]
MIN_TOKEN_CHARS = 16


class WithText(Mapping):
    """A build's documents with their text, decoded only for the ones a panel shows."""

    def __init__(self, index: Build):
        self.index = index

    def __getitem__(self, source: str) -> dict:
        return dict(self.index.documents[source].as_json(), text=self.index.text(source))

    def __iter__(self):
        return iter(self.index.documents)

    def __len__(self) -> int:
        return len(self.index.documents)


def history_of(turns: list[dict]) -> list[dict]:
    """The conversation in the API's format, from a session's turns (the engine keeps the last ones)."""
    out = []
    for turn in turns:
        if turn.get("answer"):
            out += [{"role": "user", "content": turn["question"]},
                    {"role": "assistant", "content": turn["answer"]["answer"]}]
    return out


class ChatApp:
    """What the page's events call. One per server; per-session data lives in the `turns` state."""

    def __init__(self, settings: Settings, engine: Engine):
        self.settings = settings
        self.engine = engine
        self.seeds = SeedWatch()
        self.votes = FeedbackFile(settings.index_dir / FEEDBACK_FILE)
        self._examples: tuple[str, list[str]] = ("", [])  # (index version, questions)

    def examples(self) -> list[str]:
        """Example questions about the build being served, made once per build."""
        try:
            version = self.engine.loaded().version
        except BotError:
            return []
        if self._examples[0] != version:
            self._examples = (version, example_questions(self.engine, MAX_EXAMPLES))
        return self._examples[1]

    def example_buttons(self) -> list:
        import gradio as gr

        found = self.examples()
        return [gr.update(value=q, visible=True) if q else gr.update(visible=False)
                for q in found + [""] * (MAX_EXAMPLES - len(found))]

    # -- the API ---------------------------------------------------------------------------------
    def ask(self, question: str, history: list[dict] | None = None) -> dict:
        """Answer one question like `bot ask --json`: {question, answered, answer, quotes, seconds}.

        `history` is the conversation so far, [{"role": "user"|"assistant", "content": str}, ...],
        for follow-up questions. An empty or over-long question gives {"error": "..."}.
        `index_version` names the build that answered (a rebuild swaps builds between questions).
        """
        try:
            answer = self.engine.ask(question, history)
        except BotError as error:
            return {"error": str(error)}
        return {**answer.as_json(), "index_version": answer.index_version}

    # -- chat ------------------------------------------------------------------------------------
    def respond(self, question: str, turns: list[dict]):
        turns = list(turns or [])
        if not (question or "").strip():
            return "", render.chat_messages(turns), turns, self.sources(turns[-1]["answer"] if turns else None)
        try:
            answer = self.engine.ask(question, history_of(turns))
            turn = {"question": question, "answer": answer.as_json(), "version": answer.index_version,
                    "id": uuid.uuid4().hex}
        except BotError as error:
            turn = {"question": question, "answer": None, "error": str(error)}
        turns.append(turn)
        return "", render.chat_messages(turns), turns, self.sources(turn["answer"])

    def sources(self, answer: dict | None) -> str:
        try:
            documents = WithText(self.engine.loaded().index)
        except BotError:
            documents = {}
        return render.sources_html(answer, documents)

    @staticmethod
    def _turn(turns: list[dict], event) -> dict:
        """The turn of the message a select/like event points at (messages alternate user/bot)."""
        index = event.index if isinstance(event.index, int) else event.index[0]
        return (turns or [])[index // 2] if 0 <= index // 2 < len(turns or []) else {}

    def select(self, turns: list[dict], event):
        """Clicking a message shows the sources of its turn."""
        return self.sources(self._turn(turns, event).get("answer"))

    def feedback(self, turns: list[dict], event) -> str:
        """A thumbs up/down on an answer: its line in index/feedback.jsonl, replaced when the vote
        changes and removed when it is taken back. Returns what to tell the user."""
        turn = self._turn(turns, event)
        answer = turn.get("answer")
        if not answer:
            return ""
        vote = {True: "up", False: "down"}.get(event.liked, event.liked)  # or a custom option's name
        row = {
            "time": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "vote": vote, "question": turn["question"],
            "answered": answer["answered"], "tentative": answer.get("tentative", False), "answer": answer["answer"],
            "quotes": answer.get("quotes") or answer.get("closest", []), "index_version": turn.get("version", ""),
        } if vote and isinstance(vote, str) else None
        if not self.votes.record(turn.get("id") or turn["question"], row):
            return "Not saved: the feedback file is full (10 MB)."
        return f"Thanks: saved to {self.votes.path}" if row else f"Vote taken back: removed from {self.votes.path}"

    # -- the index -------------------------------------------------------------------------------
    def index_panel(self):
        try:
            loaded = self.engine.loaded()
        except BotError as error:
            return f"**Index unavailable:** {render.md_escape(str(error))}", ""
        manifest = loaded.index.manifest
        changes = self.seeds.changes(self.settings.seeds_dir, manifest)
        refusal = render.refusal_summary(loaded.calibration, self.engine.threshold(),
                                         recorded=loaded.calibration == Calibration.from_json(manifest.refusal))
        return (render.index_summary(manifest, loaded.version, changes) + "\n\n" + refusal,
                render.documents_table(manifest, WithText(loaded.index)))

    def rebuild(self, progress=None):
        """Incremental rebuild; the engine swaps to the new build before this returns."""
        from bot import build

        def step(done: int, total: int) -> None:
            if progress is not None:
                progress((done, total), desc="Embedding changed articles", unit="chunks")

        if progress is not None:
            progress(0, desc="Reading the seeds folder")

        esc = render.md_escape
        try:
            report = build(self.settings, self.engine.embedder, progress=step, target=self.engine.store)
            version = self.engine.loaded().version
            message = f"**Rebuilt**: {report.summary()}. Now serving `{version}`."
            if report.skipped:
                shown = report.skipped[:SKIPPED_SHOWN]
                message += " Skipped: " + "; ".join(f"{esc(s.source)} ({esc(s.reason)})" for s in shown)
                if len(report.skipped) > len(shown):
                    message += f"; and {len(report.skipped) - len(shown)} more"
        except BotError as error:  # IndexBusy: another rebuild (CLI or button) holds the lock
            message = f"**Not rebuilt:** {esc(str(error))}"
        return (message, *self.index_panel())


def build_ui(app: ChatApp):
    import gradio as gr

    private = {"api_visibility": "private"}
    with gr.Blocks(title="seedbot: ask the articles", analytics_enabled=False) as demo:
        turns = gr.State([])
        gr.Markdown("## seedbot — ask the articles\nAnswers are sentences quoted verbatim from the "
                    "articles in the seeds folder; each [n] points to a source on the right.")
        with gr.Tabs():
            with gr.Tab("Chat"):
                with gr.Row(equal_height=False):
                    with gr.Column(scale=3):
                        chat = gr.Chatbot(
                            label="Chat", show_label=False, height=520, buttons=["copy", "copy_all"], sanitize_html=True,
                            allow_tags=False, latex_delimiters=[], elem_id="chat",
                            placeholder="Ask a question about the articles.")
                        box = gr.Textbox(placeholder="Ask a question about the articles… (Enter to send)",
                                         show_label=False, submit_btn="Ask", autofocus=True,
                                         max_length=BOX_MAX_CHARS, elem_id="question")
                        with gr.Row(elem_id="examples"):
                            examples = [gr.Button(visible=False, size="sm", variant="secondary")
                                        for _ in range(MAX_EXAMPLES)]
                        clear = gr.Button("Clear chat", size="sm", variant="secondary", elem_id="clear")
                    with gr.Column(scale=2):
                        gr.Markdown("### Sources")
                        sources = gr.HTML(render.sources_html(None, {}), elem_id="sources", js_on_load=None)
            with gr.Tab("Index") as index_tab:
                summary = gr.Markdown(elem_id="index-summary")
                with gr.Row():
                    rebuild = gr.Button("Rebuild", variant="primary", elem_id="rebuild")
                    refresh = gr.Button("Refresh", elem_id="refresh")
                status = gr.Markdown(elem_id="rebuild-status")
                gr.Markdown("### Documents indexed")
                documents = gr.HTML(elem_id="documents", js_on_load=None)

        def rebuild_with_progress(progress=gr.Progress()):
            return app.rebuild(progress)

        def select(state, event: gr.SelectData):
            return app.select(state, event)

        def like(state, event: gr.LikeData):
            if message := app.feedback(state, event):
                gr.Info(message)

        box.submit(app.respond, [box, turns], [box, chat, turns, sources], **private).then(
            app.index_panel, None, [summary, documents], show_progress="hidden", **private)
        for button in examples:  # a click asks it
            button.click(app.respond, [button, turns], [box, chat, turns, sources], **private)
        chat.select(select, [turns], [sources], **private)
        chat.like(like, [turns], None, **private)
        for event in (clear.click, chat.clear):
            event(lambda: ([], [], render.sources_html(None, {})), None, [chat, turns, sources], **private)
        rebuild.click(rebuild_with_progress, None, [status, summary, documents], concurrency_limit=1, **private).then(
            app.example_buttons, None, examples, show_progress="hidden", **private)
        refresh.click(app.index_panel, None, [summary, documents], **private)
        # The Index tab is hidden when the page loads: a progress overlay put on its parts then was
        # never cleared (grey, with a timer running). Fill it quietly, and again when it is opened.
        demo.load(app.index_panel, None, [summary, documents], show_progress="hidden", **private)
        index_tab.select(app.index_panel, None, [summary, documents], show_progress="hidden", **private)
        demo.load(app.example_buttons, None, examples, show_progress="hidden", **private)
        gr.api(app.ask, api_name="ask")
    return demo


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
                       "`Authorization: Bearer <secret>`); README: Serving beyond one machine")
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
