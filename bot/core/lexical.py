"""Words for BM25: lower-cased word tokens, English stop words dropped, Snowball-stemmed.

The same function tokenizes chunks at build time and questions at ask time, so both sides agree.
"""

from __future__ import annotations

import logging
import re
from functools import lru_cache

WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*", re.UNICODE)
# A list item's number opening a line or a sentence ("4. Climb the ridge...", "3) Leave the trees").
ITEM_NUMBER = re.compile(r"^\(?\d{1,3}[.)]\s+(?=\S)")

STOP_WORDS = frozenset("""
a about above after again against all am an and any are as at be because been before being below
between both but by can could did do does doing down during each few for from further had has have
having he her here hers herself him himself his how i if in into is it its itself just me more most
my myself no nor not now of off on once only or other our ours ourselves out over own same she should
so some such than that the their theirs them themselves then there these they this those through to
too under until up very was we were what when where which while who whom why will with would you your
yours yourself yourselves also s t can't won't don't doesn't didn't isn't aren't wasn't weren't
""".split())


@lru_cache(maxsize=1)
def stemmer():
    try:
        import Stemmer

        return Stemmer.Stemmer("english").stemWord
    except ImportError:  # PyStemmer is a declared dependency; without it BM25 is a little weaker
        return lambda word: word


def words(text: str) -> list[str]:
    """Lower-cased word tokens, stop words kept (for overlap features)."""
    return [w.replace("’", "'") for w in WORD.findall(text.lower())]


def terms(text: str) -> list[str]:
    """BM25 terms: stop words dropped, stemmed."""
    stem = stemmer()
    return [stem(w) for w in words(text) if w not in STOP_WORDS]


def bm25s_module():
    """bm25s, imported on first use, with its logger (set to DEBUG on import) back to warnings only."""
    import bm25s

    logging.getLogger("bm25s").setLevel(logging.WARNING)
    return bm25s


def build_bm25(texts: list[str]):
    """The BM25 index of `texts`, its vocabulary in sorted order: bm25s numbers the terms of a list of
    lists in set order, which changes with Python's hash seed, so two builds of the same files wrote
    different files (and could break equal scores differently)."""
    bm25s = bm25s_module()
    documents = [terms(t) or ["∅"] for t in texts]
    vocabulary = {term: i for i, term in enumerate(sorted({term for document in documents for term in document}))}
    bm25 = bm25s.BM25()
    bm25.index(bm25s.tokenization.Tokenized([[vocabulary[t] for t in d] for d in documents], vocabulary),
               show_progress=False)
    return bm25
