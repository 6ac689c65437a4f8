"""Rank the candidate sentences: the learned ranking model (`answer_model.json`, see features.py),
near-duplicates dropped, a pronoun's antecedent joined, the refusal model's evidence, and the
marker's reading of a close call between the first few (and of the next few, when it finds no answer
in the first).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

import numpy as np

from bot.answer.candidates import Candidate, sentence_text
from bot.answer.features import NAMES, Question
from bot.answer.kinds import GIVEN_CODE, MATCHES, span_fits
from bot.answer.refusal import DECLINE_NAMES, RefusalModel, digest
from bot.answer.retrieve import Hit
from bot.answer.statements import LABEL_VALUE, SENT_BY, asks_for_credit, credits, kind_terms, signs, topic_terms
from bot.core.lexical import terms, words
from bot.core.linear import softmax
from bot.shortanswer.marker import Marker, Marks
from bot.store.base import Build

MODEL_FILE = Path(__file__).with_name("answer_model.json")

# A sentence that leans on the one before it ("After that date, tickets must be paid in full").
PRONOUN_START = re.compile(r"(He|She|It|They|His|Her|Its|Their|This|These|Those|The latter|The former|"
                           r"(?:After|Before|Until|By|Since|From) (?:that|then|this)(?: date| day| time)?)\b")

DUPLICATE_SHARE = 0.8  # share of the shorter sentence's words found in the other: a near-repeat

@dataclass(frozen=True)
class AnswerModel:
    """The sentence-ranking weights and the refusal model, read from `answer_model.json`."""

    weights: np.ndarray
    refusal: RefusalModel
    digest: str  # names this model in index calibrations

    @staticmethod
    @lru_cache(maxsize=1)
    def load(path: Path = MODEL_FILE) -> "AnswerModel":
        data = json.loads(path.read_text())
        if data["features"] != NAMES:
            raise ValueError(f"{path} was trained on other features; retrain it (docs/how-it-works.md)")
        if data["decline"]["features"] != DECLINE_NAMES:
            raise ValueError(f"{path} was trained on other decline features; retrain it (docs/how-it-works.md)")
        refusal = RefusalModel(np.array(data["decline"]["weights"]), float(data["decline"]["threshold"]))
        return AnswerModel(np.array(data["weights"]), refusal, digest(data["weights"], data["decline"]["weights"]))

NO_CANDIDATE_SCORE = -10.0  # the evidence of a question with no candidate sentence at all

RUNNER_UP_GAP = 5.0  # a lone candidate's margin: as if a far weaker one were second

TYPED_KINDS = frozenset(asks for asks, _ in MATCHES.values())

def refusal_evidence(question: Question, hits: list[Hit], ranked: list[Candidate]) -> dict[str, float]:
    """Question-level evidence for the refusal model: how good the best sentence is and by how much
    it beats the next, how well the best passages match, whether it holds the kind of thing asked
    for, and how much of the question (its names above all) the indexed articles never mention."""
    asks_kind = float(bool(question.asks & TYPED_KINDS))
    if not ranked:
        return dict(best_score=NO_CANDIDATE_SCORE, best_dense_sentence=0.0, top_dense_chunk=0.0, best_cover=0.0,
                    best_cover_window=0.0, margin=0.0, unseen=question.unseen, unseen_names=question.unseen_names,
                    asks_kind=asks_kind, best_holds_kind=0.0, best_ask_cover=0.0, best_share=0.0,
                    soft_unseen=1.0, best_soft_cover_window=0.0)
    best = ranked[0]
    f = dict(zip(NAMES, best.features))
    second = ranked[1].score if len(ranked) > 1 else best.score - RUNNER_UP_GAP
    return dict(
        best_score=best.score, best_dense_sentence=f["dense_sentence"],
        top_dense_chunk=max(h.dense for h in hits), best_cover=f["cover"], best_cover_window=f["cover_window"],
        margin=best.score - second, unseen=question.unseen, unseen_names=question.unseen_names,
        asks_kind=asks_kind, best_holds_kind=max(f[name] for name in MATCHES), best_ask_cover=f["ask_cover"],
        best_share=best.share, soft_unseen=f["soft_unseen"], best_soft_cover_window=f["soft_cover_window"])

def rank(model: AnswerModel, found: list[Candidate], index: Build | None = None,
         keep: int = 10) -> list[Candidate]:
    """The best `keep` candidates by learned score, each with its antecedent sentence when it opens
    with a pronoun; overlapping spans and near-duplicate sentences are dropped."""
    if not found:
        return []
    scores = np.array([c.features for c in found]) @ model.weights
    shares = softmax(scores)
    kept: list[Candidate] = []
    kept_words: list[set[str]] = []
    for i in np.argsort(-scores, kind="stable"):
        candidate = replace(found[i], score=float(scores[i]), share=float(shares[i]))
        if index is not None and not _overlaps(expanded := with_list(index, with_label_after(index, with_antecedent(index, candidate))), kept):
            candidate = expanded
        own = set(words(candidate.text))
        if _overlaps(candidate, kept) or any(_repeats(own, other) for other in kept_words):
            continue
        kept.append(candidate)
        kept_words.append(own)
        if len(kept) == keep:
            break
    return kept

def credit_first(question: str, model: AnswerModel, found: list[Candidate], ranked: list[Candidate],
                 hits: list[Hit], index: Build) -> tuple[list[Candidate], bool]:
    """(ranked, credited). For "Who wrote the article?" or "When was it published?", the credit line
    holding the name or the date of the article that holds most of the question's other words ("the
    review of The Salt Road"), then that retrieval found most, alone; when that article has none, or
    is not about what the question names ("the article about the volcano"), the other credit lines
    are dropped: a byline of another article would answer wrongly. The ranking never learned bylines
    (its tuning data has none), so this is a rule. Any other question: `ranked` as it is. ("Who sent
    the booking confirmation email?" found an events programme's booking fees first.)"""
    asked = asks_for_credit(question)
    if not asked or not found:
        return ranked, False
    weight: dict[str, float] = {}  # each article's retrieved chunks, 1/rank each: the one most found
    for hit, chunk in zip(hits, index.chunks.many([h.row for h in hits])):  # one read
        weight[chunk.source] = weight.get(chunk.source, 0.0) + 1.0 / (hit.rank + 1)
    topic = topic_terms(question)

    def holds(article: str) -> int:
        known = set(terms(index.text(article)))
        return sum(t in known for t in topic)

    held = {a: holds(a) for a in weight} if topic else dict.fromkeys(weight, 0)
    article = max(weight, key=lambda a: (held[a], weight[a])) if weight else None
    if article and 2 * held[article] < len(topic):
        article = None
    lines = [c for c in rank(model, found, index, keep=len(found)) if credits(c.text, asked)
             and (asked != "signer" or SENT_BY.fullmatch(c.text.strip()) or signs(index.text(c.source)[: c.start]))]
    if not topic and len({c.source for c in lines}) == 1 and (
            asked == "signer" or set(kind_terms(question)) <= set(terms(index.text(lines[0].source)))):
        # "Who signed the letter?" in a folder holding one signed letter; "Who wrote the press
        # release?" where one article has a byline and says it is released ("the obituary" is not)
        article = lines[0].source
    line = next((c for c in lines if c.source == article), None)
    return ([line], True) if line else ([c for c in ranked if not credits(c.text, asked)], False)


# An email's header lines, two or more together: "From: Rachel Penhaligon <...>", "Date: Wednesday,
# 12 March 2025 19:42". They say who sent a message, to whom and when, nothing else: "Which days is
# the boiler being fitted?" and "On what date did the refund come into my account?" were answered
# from them, and they stood as the closest passages of questions declined.
HEADER_LINE = re.compile(r"(?:From|To|Cc|Bcc|Sent|Date|Subject):\s", re.IGNORECASE)
ABOUT_A_MESSAGE = re.compile(r"\b(?:e-?mails?|messages?|copied|cc'?d|sent|send|sender|wrote|write|written|"
                             r"repl(?:y|ied)|subject|addressed)\b", re.IGNORECASE)


def without_headers(question: str, ranked: list[Candidate], index: Build) -> list[Candidate]:
    """`ranked` without an email's header lines, unless the question asks about a message (who sent
    it, to whom, when, its subject)."""
    if ABOUT_A_MESSAGE.search(question):
        return ranked

    def header(candidate: Candidate) -> bool:  # a header line, and another on the next line up or down
        if not HEADER_LINE.match(candidate.text):
            return False
        text = index.text(candidate.source)
        above = text[max(0, candidate.start - 300) : candidate.start].rstrip().rpartition("\n")[2]
        below = text[candidate.end : candidate.end + 300].lstrip().partition("\n")[0]
        return bool(HEADER_LINE.match(above.strip()) or HEADER_LINE.match(below))

    kept = [c for c in ranked if not header(c)]
    return kept or ranked  # a folder of headers alone still answers from them


# A name or a code the question gives ("the AQ-7", "Marram", "error E04"): capitalized past its first
# word, or letters then digits ("4th" and "10-race" are no names, nor "I've", "I'm" or "OK").
GIVEN_NAME = re.compile(r"(?<!^)(?<![.?!] )\b(?!I['’](?:ve|m|d|ll)\b|OK\b)(?:[A-Z][\w'’-]*[A-Za-z]|[A-Za-z]+\d[\w-]*)")
RARE_SHARE = 0.05  # of the folder's articles, at most (one, in a folder of fewer than 40): "US" names no one article
RARE_CHUNKS = 200  # chunks holding a name, at most, for it to be looked up


def given_terms(question: str) -> set[str]:
    """The terms of the names and codes the question gives (GIVEN_NAME)."""
    return {t for name in GIVEN_NAME.findall(question) if len(name) > 1 for t in terms(name)}


def names_another_article(question: str, source: str, index: Build) -> bool:
    """Whether the question names something (a product, a place, a restaurant) that a few other
    articles of the folder name and the article `source` never does. "How much does a replacement
    particle sensor for the AQ-7 cost?" was answered confidently from a festival's page by "Pay the
    £15 replacement fee by card.": whatever that sentence says, it is not about the AQ-7."""
    given = given_terms(question)
    if not given:
        return False
    rare = max(1, int(RARE_SHARE * len(index.documents)))
    for term, chunks in index.document_frequencies(given).items():
        if 0 < chunks <= RARE_CHUNKS:
            holders = {index.chunks.source(int(row)) for row in index.bm25_search([term], chunks)[1]}
            if source not in holders and len(holders) <= rare:
                return True
    return False


# A folder of fewer articles than this is taken for one person's own documents, each about its own
# things (a report, a letter, a manual): a question naming what one of them holds, or giving a number
# its quote's article never holds, is not answered by that article. In bigger folders (news, an
# encyclopedia) a question's preamble names what the answering article need not: declined there, 9
# of the news quiz's 22 tentative answers so caught and 3 of the SQuAD sample's 6 held the answer.
SMALL_FOLDER = 20
# A code (kinds.GIVEN_CODE) and a number of two digits or more, or with a decimal point ("a 2.0 Ah
# battery", "in 2019", "£14,280"); not an age ("a 13-year-old", which a range of ages may hold), a
# decade ("the 70s") or an ordinal ("5th"), which articles write in other ways.
GIVEN_NUMBER = re.compile(r"(?<![\w.,])\d+(?:[.,]\d+)*(?![\w])(?!-year|\s*years? old)")
A_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


def gives_what_it_lacks(question: str, article: str) -> bool:
    """Whether the question gives a code or a number that the text of the article never holds: "How
    long does the FC-18 charger take to charge a 2.0 Ah battery?" against a manual of a 4.0 Ah one,
    "What was Brackenfield's revenue in 2019?" against a report on 2024."""
    def codes(text: str) -> set[str]:
        return {code.replace("-", "").lower() for code in GIVEN_CODE.findall(text)}

    given = codes(question)
    numbers = {n.replace(",", "") for n in GIVEN_NUMBER.findall(GIVEN_CODE.sub(" ", question)) if len(n) > 1}
    if not given and not numbers:
        return False
    held = {n.replace(",", "") for n in A_NUMBER.findall(article)}
    held |= {part for n in held for part in re.split(r"[.]", n)}  # "7.30pm" holds 30
    return bool(given - codes(article) or numbers - held)


def _overlaps(candidate: Candidate, kept: list[Candidate]) -> bool:
    return any(k.source == candidate.source and k.start < candidate.end and candidate.start < k.end
               for k in kept)

def with_antecedent(index: Build, candidate: Candidate) -> Candidate:
    """ "He is also the oldest quarterback..." says nothing alone: quote the sentence before it
    too, when that one is in the same paragraph of the same article."""
    if not PRONOUN_START.match(candidate.text) or candidate.sentence == 0:
        return candidate
    previous = candidate.sentence - 1
    chunk_row, start, end = (int(x) for x in index.sentences[previous, :3])
    if index.chunks[chunk_row].source != candidate.source:
        return candidate
    between = index.text(candidate.source)[end : candidate.start]
    if "\n" in between:
        return candidate
    text = sentence_text(index, previous) + " " + candidate.text
    return replace(candidate, start=start, text=text)

# A short "Label: value." after a sentence on its line: who owns an action in a set of minutes
# ("... by 31 January 2026. Owner: Odalys Fenwick-Rao."), who to ask, when it is due.
TRAILING_LABEL = re.compile(r"[A-Z][\w'’-]*(?: [\w'’-]+){0,2}:\s+\S[^:]{0,60}")


def with_label_after(index: Build, candidate: Candidate) -> Candidate:
    """An action in a list of them says who owns it after it, on its line ("Owner: Odalys
    Fenwick-Rao."): quote the two together, so that "Who has to present the study?" is answered by
    the owner, not by "the board" it is presented to."""
    following = candidate.sentence + 1
    if following >= len(index.sentences) or LABEL_VALUE.match(candidate.text):
        return candidate
    chunk_row, start, end = (int(x) for x in index.sentences[following, :3])
    document = index.text(candidate.source)
    if index.chunks[chunk_row].source != candidate.source or start < candidate.end \
            or document[candidate.end : start].strip() or "\n" in document[candidate.end : start] \
            or not TRAILING_LABEL.fullmatch(document[start:end].strip()):
        return candidate
    return replace(candidate, end=end, text=document[candidate.start : end])


# A list after its lead-in: the items that follow a line ending in ":" one per line (a bullet or a
# number before each; a blank line only before the first), at most this many and this long with
# the lead-in.
LIST_ITEMS, LIST_CHARS = 8, 500
ITEM_BREAK = re.compile(r"[ \t]*\n[ \t]*(?:[-*•·–]|\d{1,2}[.)])?[ \t]*")
FIRST_ITEM_BREAK = re.compile(r"[ \t]*\n(?:[ \t]*\n)?[ \t]*(?:[-*•·–]|\d{1,2}[.)])?[ \t]*")

def with_list(index: Build, candidate: Candidate) -> Candidate:
    """ "The library is open at these times:" says nothing alone, and "Saturday: 10:00 to 16:00"
    alone does not say what it is about: quote a lead-in with the list it opens, so that the marker
    reads the two together and the quote holds the item asked for."""
    if not candidate.text.rstrip().endswith(":"):
        return candidate
    document = index.text(candidate.source)
    end, row = candidate.end, candidate.sentence + 1
    for _ in range(LIST_ITEMS):
        if row >= len(index.sentences):
            break
        chunk_row, start, stop = (int(x) for x in index.sentences[row, :3])
        if index.chunks[chunk_row].source != candidate.source or start < end or stop - candidate.start > LIST_CHARS \
                or not (ITEM_BREAK if end > candidate.end else FIRST_ITEM_BREAK).fullmatch(document[end:start]):
            break
        end, row = stop, row + 1
    if end == candidate.end:
        return candidate
    return replace(candidate, end=end, text=document[candidate.start : end])

def other_item_asked(question_terms: set[str], quote: str, start: int, end: int) -> bool:
    """Whether, in a quote of a list (`with_list`), the question names what another item is about and
    not the item holding `quote[start:end]` ("When is the library open on Saturday?": the span
    "9:00 to 19:00" in "Monday to Friday: ...", with a line "Saturday: ..." below it)."""
    lines = quote.split("\n")
    if len(lines) < 3:
        return False
    lead = set(terms(lines[0]))
    asked = question_terms - lead
    line_end = quote.find("\n", end)
    own = set(terms(quote[quote.rfind("\n", 0, start) + 1 : line_end if line_end >= 0 else None]))
    others = set(terms(quote[len(lines[0]) :])) - own
    return not (asked & own) and bool(asked & others)

def _repeats(words_a: set[str], words_b: set[str]) -> bool:
    """Near-duplicate sentences (the seed article says some things twice, nearly word for word).
    Measured on the shorter one, so a sentence restated inside a longer one counts too."""
    shorter = min(len(words_a), len(words_b))
    return shorter >= 5 and len(words_a & words_b) / shorter >= DUPLICATE_SHARE

# The marker (marker.py) reads question and sentence together, which the ranking's features cannot.
# The ranking's first three sentences that score within CLOSE_GAP of the first are read, and the one
# with the best score + MARK_WEIGHT x the marker's best margin becomes the first quote. Chosen on the
# tuning data (SQuAD articles 00-23, the news set's January-June weeks, the new-genre tuning half):
# first quote 0.809 / 0.488 / 0.683 with the first two only within 0.75 and a weight of 0.2 (1.28
# reads a SQuAD question), 0.835 / 0.528 / 0.717 with the first three within 1.5 and a weight of 0.5
# (1.57 reads). For a question asking for a kind of thing (a name, a date, a number: TYPED_KINDS),
# the first four within 3.0 and a weight of 1.0 choose the sentence holding the answer more often
# again (twentieth session: the first ten sentences of every tuning question read with the marker;
# SQuAD 00-23, the news weeks and the users' folders gain 1.4 to 2.6 points). The marker is least
# sure of answers that are a clause: there, the wider reading moved four of the seed article's
# questions to a sentence that does not say it, so those keep the narrower one. A sentence the marker
# moves up is wrong more often at a margin: it answers confidently only MOVED_SURE over (compose.py).
SETTLED, CLOSE_GAP, MARK_WEIGHT = 4, 3.0, 1.0
# A close sentence holding the kind of thing asked is put first over one lacking it only where the
# marker reads it at most this far below (about the width of the tentative band, -6 to -2): "price"
# makes "The price of oil was stable until when?" ask for a sum, and "Until the oil shock, the price
# ...", read at 0.3, lacks one, where "From 1947 to 1967, the dollar price ...", at -7.4, holds one.
HOLDING_WITHIN = 4.0
CLAUSE_SETTLED, CLAUSE_CLOSE_GAP, CLAUSE_MARK_WEIGHT = 3, 1.5, 0.5
# Where the marker's best span in a close sentence is not of the kind the question asks (kinds.span_fits:
# "10 cm" for "How long do chicken wings take?"), its reading counts for at most this when the close
# sentences are weighed: "Leave at least 10 cm of space around the air fryer" no longer goes before
# the ranking's "Chicken wings | 180 °C | 25 minutes". Chosen on the tuning halves (new-genre and users
# a to y: first quotes 767 -> 772 of 1,134, confident errors 194 -> 191; at -2, 770 and 193).
UNFIT_READING = -6.0

# A second look: when the marker finds no answer in the sentence settled first (its margin under
# `look_below`), the ranking's next sentences down to LOOK_DEPTH are read too, and the one it reads
# best comes first if that reading reaches `promote_at` (compose.py sets both from the marker's
# margins). The ranking's features miss a paraphrase the marker reads ("Who is the boss of Kestrel
# Baby Products?" against "..., said Martin Ellery, managing director of Kestrel Baby Products" in
# second place). Chosen on the tuning halves: first quote SQuAD 00-23 0.838 -> 0.853, news
# January-June 0.531 -> 0.534, new-genre tuning 0.725 -> 0.767, confident errors 143 -> 143,
# 112 -> 114, 17 -> 17, with a promoted answer confident only well over the confident margin;
# depths 6 and 8 gave the same (docs/evaluation.md, "The second look").
LOOK_DEPTH = 6


@dataclass(frozen=True)
class Settled:
    """The ranked sentences once the marker has read the first few, and its marks of the first."""

    ranked: list[Candidate]
    marks: Marks
    looked_further: bool = False  # the first came from the second look, past the close ones
    moved: bool = False  # the first is not the ranking's first: the marker's reading put it there


def settle_first(question: str, ranked: list[Candidate], marker: Marker, look_below: float = -np.inf,
                 promote_at: float = np.inf, clause: bool = False, one_source: bool = False,
                 lacks: Callable[[str], bool] | None = None, no_answer_below: float = -np.inf) -> Settled:
    """The ranked sentences with the one the marker finds an answer in most clearly first, among the
    first few the ranking is unsure between (and, when it finds none there, among the next few: the
    second look above); and the marker's marks of that one, which the short answer and the
    confidence read. Scores and shares stay the ranking's: the short answer's decision to show was
    learned on them. `clause`: the question's answer is a clause, read more narrowly (above);
    `one_source`: only sentences of the first one's document are read (a follow-up's story, put
    first by followups.keep_to_thread: "How old is he?" is not answered from another story);
    `lacks`: whether a sentence lacks the kind of thing asked for (kinds.lacks_asked_kind): among the
    close ones, one that holds it and the names of the question the first holds, read by the marker
    at most HOLDING_WITHIN below it, comes before those that do not ("Attendance: 96.4% ..." before
    "Class: Year 5, Kestrel Class" for "What percentage of the year was she present?"; not
    "Sixteen-year-old Marek Quill ..." before "His coach, Owen Pike, said ..." for "How old is Owen
    Pike?"). `no_answer_below`: where the marker reads every close sentence under it, it finds an
    answer in none, and a sentence lacking a name of the question that the ranking's first holds
    does not go before it: the closest passage of a declined "How old is Owen Pike?" is "His coach,
    Owen Pike, said ...", not another story's age the marker read a little less badly. A reading whose
    best span is not of the kind asked counts for at most UNFIT_READING."""
    settled, gap, weight = (CLAUSE_SETTLED, CLAUSE_CLOSE_GAP, CLAUSE_MARK_WEIGHT) if clause \
        else (SETTLED, CLOSE_GAP, MARK_WEIGHT)
    close = [c for c in ranked[:settled] if ranked[0].score - c.score < gap
             and not (one_source and c.source != ranked[0].source)]
    marks = marker.read_each(question, [c.text for c in close])

    def reading(i: int) -> float:
        start, end, margin = marks[i].best()
        fits = span_fits(question, close[i].text[start:end], close[i].text[end:])
        return margin if fits else min(margin, UNFIT_READING)

    best = max(range(len(close)), key=lambda i: close[i].score + weight * reading(i))
    if best and all(m.best()[2] < no_answer_below for m in marks) \
            and not given_terms(question) & set(terms(close[0].text)) <= set(terms(close[best].text)):
        best = 0
    elif lacks and lacks(close[best].text):
        # one that holds the kind asked, and every name of the question the first holds
        named = given_terms(question) & set(terms(close[best].text))
        floor = marks[best].best()[2] - HOLDING_WITHIN
        holding = [i for i, c in enumerate(close) if not lacks(c.text) and named <= set(terms(c.text))
                   and marks[i].best()[2] >= floor]
        if holding:
            best = max(holding, key=lambda i: close[i].score + weight * marks[i].best()[2])
    first, first_marks, further = close[best], marks[best], False
    if first_marks.best()[2] < look_below:
        rest = [c for c in ranked[:LOOK_DEPTH] if not any(c is read for read in close)]
        if rest:
            more = marker.read_each(question, [c.text for c in rest])
            found = max(range(len(rest)), key=lambda i: more[i].best()[2])
            if more[found].best()[2] >= promote_at:
                first, first_marks, further = rest[found], more[found], True
    return Settled([first, *(c for c in ranked if c is not first)], first_marks, further, first is not ranked[0])
