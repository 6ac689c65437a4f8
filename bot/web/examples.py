"""Example questions for the web chat, made from the indexed articles themselves.

Hard-coded examples only fit the folder they were written for. Instead each article offers the
names it repeats most (runs of capitalised words such as "Nobuo Kishi" or "Taiwan Strait"), asked
as "What is known about NAME?". A question is offered only if the bot answers it with a quote that
holds the name, so a click never lands on a refusal; when none qualifies, no example is shown.
"""

from __future__ import annotations

import re
from collections import Counter
from itertools import chain, zip_longest

from bot.core.errors import BotError
from bot.core.lexical import STOP_WORDS

NAME = re.compile(r"\b[A-Z][\w'’-]*[a-z][\w'’-]*(?:\s(?:of\s|the\s|de\s|von\s)?[A-Z][\w'’-]*[a-z][\w'’-]*)+")
THE_BEFORE = re.compile(r"\b[Tt]he\s+$")  # "the" ending right where a name starts
# A name going on from a capitalised word and "and": "Country Planning Act" is the end of "Town and
# Country Planning Act", not a name to offer ("Japan and America" are two names, so "and" stays out).
TAIL_OF_NAME = re.compile(r"\b[A-Z][\w'’-]*\s+(?:and|&)\s+$")
TEMPLATE = "What is known about {}?"
SCAN_CHARS = 20_000  # of each article: its opening names what it is about
PER_DOCUMENT = 3  # names tried per article
MAX_TRIED = 12  # questions asked at most (about 10 ms each)
MAX_DOCUMENTS = 40


def names(text: str) -> list[str]:
    """The article's repeated names, most frequent first, a leading "The"/"In"... dropped; "the"
    put back before a name the article mostly writes with it ("the Taiwan Strait", never "the Nobuo Kishi")."""
    counts, with_the = Counter(), Counter()
    for match in NAME.finditer(text[:SCAN_CHARS]):
        if TAIL_OF_NAME.search(text, max(0, match.start() - 40), match.start()):
            continue
        words = match.group().split()
        the = bool(THE_BEFORE.search(text, max(0, match.start() - 8), match.start()))
        while words and words[0].lower() in STOP_WORDS:
            the = words[0].lower() == "the"
            words = words[1:]
        if len(words) >= 2:
            name = " ".join(words)
            counts[name] += 1
            with_the[name] += the
    return [f"the {name}" if 2 * with_the[name] > n else name
            for name, n in counts.most_common(PER_DOCUMENT) if n >= 2]


def example_questions(engine, limit: int = 4) -> list[str]:
    """Up to `limit` questions the bot answers about the indexed articles, one article after another."""
    try:
        index = engine.loaded().index
    except BotError:
        return []
    sources = list(index.documents)[:MAX_DOCUMENTS]
    per_document = [names(index.text(source)) for source in sources]
    tried, found = 0, []
    for name in (n for n in chain.from_iterable(zip_longest(*per_document)) if n):
        if len(found) == limit or tried == MAX_TRIED:
            break
        question = TEMPLATE.format(name)
        if question in found:
            continue
        tried += 1
        answer = engine.ask(question)
        if answer.answered and name.split()[-1] in answer.quotes[0].text:
            found.append(question)
    return found
