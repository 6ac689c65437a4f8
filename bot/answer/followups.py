"""Follow-up questions: resolve "What did he say about it?" against the conversation so far.

Retrieval sees the question alone when it stands on its own. When it leans on earlier turns (it
opens with "and", "but", "what about" and the like, or has a pronoun or "there"/"then" and no name
of its own), the previous user question is added to it, so the search finds the same story. The
sentences found are then weighed against the new question first (features.follow_up_info): the
words it borrows count for less, or the sentence that answered the last question would win again.
The marker reads the new question alone.
"""

from __future__ import annotations

import re

from bot.core.errors import BadQuestion

ROLES = ("user", "assistant")  # a follow-up leans on the last "user" turn; other roles mean a mistake
MAX_HISTORY_MESSAGES = 40  # follow-ups lean on the last turns only; a huge history only costs time

POINTING = re.compile(
    r"\b(he|she|it|its|they|them|their|theirs|his|her|hers|him|this|that|these|those|there|then|"
    r"the same|the other|such|former|latter)\b|^why\b(?=(?:\W+\w+){0,3}\W*$)",  # "Why?", "Why so?", not "Why does the recipe ...?"
    re.IGNORECASE,
)
# A question opening with these goes on from the last one whatever it names ("And what about the US
# side?", "And who was the American he met?").
CONTINUING = re.compile(r"^(and|but|also|so|what about|how about|what else)\b(?!-)", re.IGNORECASE)  # not "So-called"
NAME = re.compile(r"(?<!^)\b[A-Z][a-z]+|\b[A-Z]{2,}\b|\d")
# "his", "its", "their" after "the <noun>" or a name point inside the question: "Who did the teenager
# draw with in his final game?" stands on its own.
OWN_REFERENT = re.compile(r"\b(?i:the|an?)\s+\w+.*?\b(?i:his|its|their)\b|(?<!^)\b[A-Z][a-z]+.*?\b(?i:his|its|their)\b")
POSSESSIVES = frozenset(("his", "its", "their"))
# "that" after a noun opens a clause about it ("the membership that lets me use every club"): it points
# back only alone or after a verb of being, a question word or a preposition ("Who said that?", "When
# did that happen?", "the name of that company").
RELATIVE_THAT = re.compile(r"(?<!^)(?<![,;])\s(?!(?:is|was|are|were|did|does|do|has|had|have|will|would|can|could|"
                           r"about|after|before|of|in|on|at|from|for|with|by|to|like|since|than|what|when|where|why|"
                           r"how|who|said|say|says|mean|means|meant)\s)\w+\s(that)\s+\w", re.IGNORECASE)
# A pronoun in the second half of a "who" question points at who is asked about: "Who is picking us
# up at the airport, and how much does he charge?"
WHO_AND_PRONOUN = re.compile(r"^\s*who\b[^?]*?(?:,|\band\b)[^?]*?\b(he|she|they|him|her|them|his|their)\b", re.IGNORECASE)


# "this weekend", "this year": a time, not a thing of the last answer; "is there", "there's": there
# is no place in them.
TIME_THIS = re.compile(r"\bthis (?=(?:weekend|week|year|month|morning|afternoon|evening|summer|winter|spring|"
                       r"autumn|term|season|time)\b)", re.IGNORECASE)
THERE_IS = re.compile(r"\b(?:is|are|was|were|will|would|could|can|has|have|had) (there)\b"
                      r"|\b(there)(?:'s|’s| is| are| was| were| will| has| have)\b", re.IGNORECASE)


# "it" waiting for what comes after "to": "How much would it cost to add my son?", "Is it safe to
# swim?" name their own thing.
DUMMY_IT = re.compile(r"\b(?:would|will|does|do|did|is|was|could|can|should|might|may)\s+(it)\s+(?:\w+\s+){0,2}?"
                      r"to\s+(?!(?:the|a|an|his|her|their|its|my|your|our|them|him|us|me|it)\b)[a-z]+", re.IGNORECASE)


def is_follow_up(question: str) -> bool:
    """A question that goes on from the last one ("and ...", "what about ...") or that names nothing
    of its own but points back (a pronoun, "there", "then"; not a possessive whose noun is in it, a
    "that" opening a clause, a pronoun for whom a "who" question asks, "this weekend", "is there" nor
    an "it" that stands for what follows "to")."""
    text = question.strip()
    if CONTINUING.search(text):
        return True
    own = {m.start(1) for m in RELATIVE_THAT.finditer(text)} | {m.start(1) for m in WHO_AND_PRONOUN.finditer(text)} \
        | {m.start() for m in TIME_THIS.finditer(text)} | {m.start(1) if m.group(1) else m.start(2) for m in THERE_IS.finditer(text)} \
        | {m.start(1) for m in DUMMY_IT.finditer(text)}
    pointing = [m.group(0).lower() for m in POINTING.finditer(text) if m.start() not in own]
    if OWN_REFERENT.search(text):
        pointing = [word for word in pointing if word not in POSSESSIVES]
    return bool(pointing) and (len(NAME.findall(text)) == 0 or len(text.split()) <= 4)


# A question opening with a conjunction goes on from one before it, whatever else it says.
CONJUNCTION = re.compile(r"^(and|but|also|so)\b(?!-)", re.IGNORECASE)


def goes_on_alone(question: str, history: list[dict]) -> bool:
    """Whether a question goes on from an earlier one that is not there ("and when did it open?" as
    the first question, or after the page was reloaded): what it is about cannot be known."""
    return bool(CONJUNCTION.search(question.strip())) and not any(
        isinstance(turn, dict) and turn.get("role") == "user" for turn in history)


def resolve(question: str, history: list[dict]) -> str:
    """The question to search with: itself, or itself plus the last user question it leans on."""
    if not history or not is_follow_up(question):
        return question
    previous = [turn.get("content", "") for turn in history
                if isinstance(turn, dict) and turn.get("role") == "user" and isinstance(turn.get("content"), str)]
    if not previous:
        return question
    return f"{question} ({previous[-1].strip()})"


def keep_to_thread(ranked: list, thread: str) -> list:
    """A follow-up's sentences, those of the conversation's story (`thread`, the source of the joined
    question's best sentence) first, each side in its order: weighed against the follow-up alone,
    "How old is he?" after "Who was jailed for stealing from the supporters' trust?" ranked "The
    24-year-old striker" of another story over the thief's "41"."""
    return sorted(ranked, key=lambda candidate: candidate.source != thread)


def history_problem(history) -> str:
    """What is wrong with a conversation as a caller gives it (the API, `bot ask`'s JSON lines, a
    question set), or "": None or a list of {"role": "user"|"assistant", "content": str} objects."""
    if not history:
        return ""
    if not isinstance(history, list) or not all(
            isinstance(t, dict) and t.get("role") in ROLES and isinstance(t.get("content"), str) for t in history):
        return '"history" must be a list of {"role": "user" or "assistant", "content": str} objects'
    return ""


def check_history(history, clip: int) -> list[dict]:
    """The conversation to resolve follow-ups against: its last MAX_HISTORY_MESSAGES messages, each
    clipped to `clip` characters; BadQuestion when it is not a list of messages."""
    if problem := history_problem(history):
        raise BadQuestion(problem)
    return [dict(turn, content=turn["content"][:clip]) for turn in (history or [])[-MAX_HISTORY_MESSAGES:]]
