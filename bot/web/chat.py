"""One web chat session over one `Engine`: questions, answers, votes, the Index tab and its Rebuild.

A session's state is its list of turns (question + answer JSON). The chat and the engine's history
(`bot ask`'s JSON format) are both derived from it, so the Chatbot's own value format does not
matter. The engine swaps in a new build by itself when ``index/current`` changes, which is how both
the Rebuild button and a CLI `bot index` reach the running app without a restart; questions asked
meanwhile are answered from the old build.
"""

import time
import uuid
from collections.abc import Mapping

from bot.answer.engine import Engine
from bot.answer.refusal import Calibration
from bot.core.errors import BadQuestion, BotError
from bot.core.settings import Settings
from bot.index.watch import SeedWatch
from bot.store.base import Build
from bot.web import render
from bot.web.examples import example_questions
from bot.web.feedback import FEEDBACK_FILE, FeedbackFile
from bot.web.live import LiveFolder
from bot.web.sessions import MAX_TURNS, Sessions

SKIPPED_SHOWN = 5  # files left out (skipped, copies) named in the rebuild message; the rest are counted

MAX_EXAMPLES = 4  # example questions under the chat, made from the indexed articles (examples.py)

class WithText(Mapping):
    """A build's documents with their text, decoded only for the ones a panel shows. A source an
    older answer quoted that is now under another name (`contents`: its sha256 then) is found
    by its content: a renamed article keeps its quotes, title and text."""

    def __init__(self, index: Build, contents: Mapping[str, str] | None = None):
        self.index = index
        self.contents = contents or {}

    def __getitem__(self, source: str) -> dict:
        if source not in self.index.documents and source in self.contents:
            source = next((s for s, info in self.index.documents.items() if info.sha256 == self.contents[source]),
                          source)
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
    """What the page's events call. One per server; per-session data lives in the `turns` state,
    copied to `sessions` under the browser's session id so that a reload finds the chat again."""

    def __init__(self, settings: Settings, engine: Engine, live: LiveFolder | None = None):
        self.settings = settings
        self.engine = engine
        self.live = live  # the watched seeds folder (live.py); None: rebuilt only by the button or the CLI
        self.seeds = SeedWatch()
        self.votes = FeedbackFile(settings.index_dir / FEEDBACK_FILE)
        self.sessions = Sessions()
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
    def ask(self, question: str | None = None, history: list[dict] | None = None) -> dict:
        """Answer one question like `bot ask --json`: {question, answered, answer, quotes, seconds}.

        `history` is the conversation so far, [{"role": "user"|"assistant", "content": str}, ...],
        for follow-up questions. An empty or over-long question gives {"error": "..."}.
        `index_version` names the build that answered (a rebuild swaps builds between questions);
        `"folder_changed": true` says the watched folder holds changes that build does not have yet.
        """
        if question is None:  # `{"data": []}`: Gradio passes what is missing as None
            return {"error": 'no question: send {"data": [question, history]}, e.g. '
                             '{"data": ["Who is the mayor?", []]} (history may be left out)'}
        try:
            answer = self.engine.ask(question, history)
        except BotError as error:
            return {"error": str(error)}
        pending = {"folder_changed": True} if self.live and self.live.pending else {}  # answered from the last build
        return {**answer.as_json(), "index_version": answer.index_version, **pending}

    # -- chat ------------------------------------------------------------------------------------
    def resume(self, session: str | None):
        """On page load: the browser's session id (a new one if it has none the server knows) and
        that session's chat, turns and last sources."""
        import gradio as gr

        turns = self.sessions.get(session)
        if not turns:  # the chat is left as it is: a question asked while the page loaded stays
            return self.sessions.new_id(), gr.skip(), gr.skip(), gr.skip()
        return session, render.chat_messages(turns), turns, self.turn_sources(turns[-1])

    def clear(self, session: str | None = None):
        self.sessions.put(session, [])
        return [], [], render.sources_html(None, {})

    def respond(self, question: str, turns: list[dict], session: str | None = None):
        turns = list(turns or [])[-(MAX_TURNS - 1):]
        if not (question or "").strip():
            return "", render.chat_messages(turns), turns, self.turn_sources(turns[-1] if turns else {})
        try:
            answer = self.engine.ask(question, history_of(turns))
            turn = {"question": question, "answer": answer.as_json(), "version": answer.index_version,
                    "id": uuid.uuid4().hex, "contents": self._contents(answer.as_json())}
            if self.live and self.live.pending:
                turn["note"] = ("The folder has changes not indexed yet (the index is being updated): this "
                                "answer comes from the last build.")
        except BotError as error:
            turn = {"question": question, "answer": None, "error": str(error)}
            # A question refused as it stands (too long) stays in the box, to be shortened, not typed again.
            kept = question if isinstance(error, BadQuestion) else ""
        else:
            kept = ""
        turns.append(turn)
        self.sessions.put(session, turns)
        return kept, render.chat_messages(turns), turns, self.turn_sources(turn)

    def _contents(self, answer: dict) -> dict[str, str]:
        """The sha256 of each document the answer quotes, so a later rename does not read as a change."""
        try:
            documents = self.engine.loaded().index.documents
        except BotError:
            return {}
        quoted = {q["source"] for q in answer.get("quotes", []) + answer.get("closest", [])}
        return {source: documents[source].sha256 for source in quoted if source in documents}

    def turn_sources(self, turn: dict) -> str:
        return self.sources(turn.get("answer"), turn.get("contents", {}))

    def sources(self, answer: dict | None, contents: dict[str, str] | None = None) -> str:
        try:
            documents = WithText(self.engine.loaded().index, contents or {})
        except BotError:
            documents = {}
        return render.sources_html(answer, documents)

    @staticmethod
    def _turn(turns: list[dict], event) -> dict:
        """The turn of the message a select/like event points at."""
        return render.turn_at(turns or [], event.index if isinstance(event.index, int) else event.index[0])

    def select(self, turns: list[dict], event) -> str | None:
        """Clicking a message shows the sources of its turn; None for the note on earlier turns (the
        panel stays as it is: a click there blanked it)."""
        turn = self._turn(turns, event)
        return self.turn_sources(turn) if turn else None

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
        # The file's name only: the page may be seen by others than whoever runs the server.
        where = f"{FEEDBACK_FILE}, beside the index"
        return f"Thanks: saved to {where}" if row else f"Vote taken back: removed from {where}"

    # -- the index -------------------------------------------------------------------------------
    def index_status(self) -> str:
        """The line under the question box: when the index last changed and what changed."""
        if self.live is None:
            return ""
        return render.md_escape(self.live.status())

    def index_panel(self):
        try:
            loaded = self.engine.loaded()
        except BotError as error:
            return f"**Index unavailable:** {render.md_escape(str(error))}", ""
        manifest = loaded.index.manifest
        changes = self.seeds.changes(self.settings.seeds_dir, manifest)
        refusal = render.refusal_summary(loaded.calibration, self.engine.threshold(),
                                         recorded=loaded.calibration == Calibration.from_json(manifest.refusal))
        watching = bool(self.live and self.live.watching)
        return (render.index_summary(manifest, loaded.version, changes, watching) + "\n\n" + refusal,
                render.documents_table(manifest, WithText(loaded.index), self.settings.seeds_dir))

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
            if notes := report.notes():
                message += " Left out: " + "; ".join(esc(note) for note in notes[:SKIPPED_SHOWN])
                if len(notes) > SKIPPED_SHOWN:
                    message += f"; and {len(notes) - SKIPPED_SHOWN} more"
        except BotError as error:  # IndexBusy: another rebuild (CLI or button) holds the lock
            message = f"**Not rebuilt:** {esc(str(error))}"
        return (message, *self.index_panel())
