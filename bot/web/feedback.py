"""The web chat's votes: `feedback.jsonl` in the index folder, one JSON line per voted answer.

A line holds the latest vote on one answer (its turn `id`): changing a thumbs from up to down
replaces the line, taking the vote back removes it, so `bot eval feedback.jsonl` counts each answer
once. The file is rewritten whole (temporary file + rename, so a crash leaves the old one) under a
lock; it stays small because fields are clipped and it stops growing at FEEDBACK_MAX_BYTES.
"""

from __future__ import annotations

import json
import os
import tempfile
import threading
from pathlib import Path

FEEDBACK_FILE = "feedback.jsonl"  # in the index folder's root, beside `current`
FEEDBACK_MAX_BYTES = 10_000_000  # stop growing past this: votes are not worth a full disk
FEEDBACK_FIELD_CHARS = 4000  # longest string kept per field of a line


def clip(value):
    """Strings cut to FEEDBACK_FIELD_CHARS, inside lists and dicts too: one line stays small."""
    if isinstance(value, (list, dict)):
        return [clip(v) for v in value] if isinstance(value, list) else {k: clip(v) for k, v in value.items()}
    return value[:FEEDBACK_FIELD_CHARS] if isinstance(value, str) else value


class FeedbackFile:
    def __init__(self, path: Path):
        self.path = path
        self._lock = threading.Lock()

    def record(self, vote_id: str, row: dict | None) -> bool:
        """Put `row` (None: nothing) in place of the earlier vote `vote_id`; False when the file is full."""
        with self._lock:
            lines = self.path.read_text(encoding="utf-8").splitlines(keepends=True) if self.path.exists() else []
            kept = [line for line in lines if _id(line) != vote_id]
            if row is not None:
                kept.append(json.dumps(clip(dict(row, id=vote_id)), ensure_ascii=False) + "\n")
            if sum(len(line.encode()) for line in kept) > FEEDBACK_MAX_BYTES:
                return False
            handle, temporary = tempfile.mkstemp(prefix=".feedback-", dir=self.path.parent)
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                out.writelines(kept)
            os.replace(temporary, self.path)
        return True


def _id(line: str) -> str | None:
    try:
        row = json.loads(line)
    except ValueError:
        return None  # a line damaged by hand is kept as it is
    return row.get("id") if isinstance(row, dict) else None
