"""Follow-up questions: resolve "What did he say about it?" against the conversation so far.

Retrieval sees the question alone when it stands on its own. When it leans on earlier turns (a
pronoun or "there"/"then" with no name of its own, or a short "what about X?"), the previous user
question is added to it, so the search finds the same story; the answer step still scores sentences
against the words of the new question first.
"""

from __future__ import annotations

import re

FOLLOW_UP = re.compile(
    r"\b(he|she|it|its|they|them|their|theirs|his|her|hers|him|this|that|these|those|there|then|"
    r"the same|the other|such|former|latter)\b|^(and|but|also|so|what about|how about|why|what else)\b",
    re.IGNORECASE,
)
NAME = re.compile(r"(?<!^)\b[A-Z][a-z]+|\b[A-Z]{2,}\b|\d")


def is_follow_up(question: str) -> bool:
    """A question that names nothing of its own but points back (pronouns, "what about ...")."""
    text = question.strip()
    pointing = bool(FOLLOW_UP.search(text))
    return pointing and (len(NAME.findall(text)) == 0 or len(text.split()) <= 4)


def resolve(question: str, history: list[dict]) -> str:
    """The question to search with: itself, or itself plus the last user question it leans on."""
    if not history or not is_follow_up(question):
        return question
    previous = [turn.get("content", "") for turn in history
                if isinstance(turn, dict) and turn.get("role") == "user" and isinstance(turn.get("content"), str)]
    if not previous:
        return question
    return f"{question} ({previous[-1].strip()})"
