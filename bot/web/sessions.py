"""Chats that survive a page reload: each browser keeps only a random session id (in its
localStorage, gr.BrowserState); the turns stay on the server, in memory, under that id.

Kept on the server, not in the browser, because the page's events trust the turns they are given
(quotes, offsets, votes written to feedback.jsonl): a browser can only name a session, never write
one. Bounded: the newest MAX_TURNS turns of the newest MAX_SESSIONS sessions; a server restart
forgets them all, and a reload then starts an empty chat, as before.
"""

from __future__ import annotations

import re
import threading
import uuid
from collections import OrderedDict

MAX_SESSIONS = 500
MAX_TURNS = 50
SESSION_ID = re.compile(r"[0-9a-f]{32}")  # uuid4().hex: what new_id gives, nothing else is looked up


class Sessions:
    def __init__(self, max_sessions: int = MAX_SESSIONS, max_turns: int = MAX_TURNS):
        self.max_sessions, self.max_turns = max_sessions, max_turns
        self._turns: OrderedDict[str, list[dict]] = OrderedDict()
        self._lock = threading.Lock()

    @staticmethod
    def new_id() -> str:
        return uuid.uuid4().hex

    def valid(self, session: object) -> bool:
        return isinstance(session, str) and SESSION_ID.fullmatch(session) is not None

    def get(self, session: object) -> list[dict]:
        """The session's turns (a copy), or [] for an unknown or malformed id."""
        with self._lock:
            if not self.valid(session) or session not in self._turns:
                return []
            self._turns.move_to_end(session)
            return list(self._turns[session])

    def put(self, session: object, turns: list[dict]) -> None:
        """Keep the newest turns under `session`; the least recently used session goes past the bound."""
        if not self.valid(session):
            return
        with self._lock:
            self._turns[session] = list(turns[-self.max_turns:])
            self._turns.move_to_end(session)
            while len(self._turns) > self.max_sessions:
                self._turns.popitem(last=False)
