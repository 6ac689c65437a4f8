"""Compose an extractive answer: the sentences that answer the question, quoted verbatim.

There is no generative model: the answer *is* the best sentence of the articles, followed by
supporting sentences, each quoted with its file and exact character span. Whether it is given
confidently, tentatively or declined is decided here (`confidence`), after the refusal model
(ranking.py) has seen whether the articles are on the question's topic at all; a declined answer
says so (`NOT_IN_DOCUMENTS`) and its closest passages are returned apart, marked as such.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from bot.answer.candidates import Candidate
from bot.answer.features import Question
from bot.answer.kinds import (
    YES_NO,
    age_for_count,
    another_figure_nearer,
    clause_cut,
    labelled_otherwise,
    lacks_asked_kind,
    leaver_for_successor,
    names_another,
    office_elsewhere,
    old_value,
    only_other_end,
    other_end,
    past_for_future,
    per_unit_figure,
    player_for_part,
    restates,
    span_fits,
    speaks_of_plan,
    titled_otherwise,
)
from bot.answer.ranking import TYPED_KINDS, other_item_asked, settle_first
from bot.answer.statements import A_DATE, AUTHOR_NAME, LABEL_VALUE, SENT_BY, SIGNATURE, asks_for_credit, table_header
from bot.core.lexical import STOP_WORDS, words
from bot.shortanswer.choose import MODEL_FILE, ShortAnswer, choose
from bot.shortanswer.marker import Marker

NOT_IN_DOCUMENTS = "The documents do not answer this question."

MAY_NOT_ANSWER = "The documents may not answer this directly; the closest passage is:"

@dataclass(frozen=True)
class Quote:
    n: int
    source: str
    start: int
    end: int
    text: str
    score: float
    page: int | None = None  # PDF: the 1-based page where the quote starts
    header: str | None = None  # a table row's: its table's header row (statements.table_header)

    def as_json(self) -> dict:
        out = {"n": self.n, "source": self.source, "start": self.start, "end": self.end,
               "text": self.text, "score": round(self.score, 4)}
        if self.page is not None:
            out["page"] = self.page
        if self.header is not None:
            out["header"] = self.header
        return out

@dataclass(frozen=True)
class Answer:
    question: str
    text: str
    answered: bool
    quotes: tuple[Quote, ...] = ()
    closest: tuple[Quote, ...] = ()  # for a declined question: near passages, not an answer
    seconds: float = 0.0
    resolved_question: str = ""  # the question after follow-up resolution, when it differs
    index_version: str = ""
    short_answer: ShortAnswer | None = None  # the few words of a quote that answer, when clear
    # The evidence is in between: not answered, the closest passages offered with a warning.
    tentative: bool = False

    def as_json(self) -> dict:
        out = {"question": self.question, "answered": self.answered}
        if self.tentative:
            out["tentative"] = True
        out["answer"] = self.text
        if self.short_answer:
            out["short_answer"] = self.short_answer.as_json()
        out.update(quotes=[q.as_json() for q in self.quotes], seconds=round(self.seconds, 4))
        if self.closest:
            out["closest"] = [q.as_json() for q in self.closest]
        if self.resolved_question:
            out["resolved_question"] = self.resolved_question
        return out

@dataclass(frozen=True)
class Margins:
    """Where the marker's margin on the first sentence (its best span over "no answer here") moves
    an answer between confident, tentative and declined. The refusal model sees that the articles
    are on the question's topic; the marker sees whether the sentence says the thing asked ("How
    old is the mayor?" against a sentence naming the mayor, with no age).

    Each marker reads on its own scale, so the margins are learned with it: scripts/choose_margins.py
    picks each for a fixed share of the tuning questions, and train_short_answer.py writes them into
    short_answer_model.json beside the short-answer model that learned on the same marks."""

    confident: float  # below it, a question asking for a kind of thing (a name, a date...) is tentative
    clause: float  # the same for a question whose answer is a clause, where margins run lower
    decline: float  # below it, a question asking for a kind of thing is declined
    rescue: float  # at or above it, a question the refusal turns away is still offered, tentatively

    @staticmethod
    @lru_cache(maxsize=1)
    def load(path: Path = MODEL_FILE) -> "Margins":
        margins = json.loads(path.read_text()).get("margins")
        if margins is None:
            raise ValueError(f"{path} has no margins; retrain it (python scripts/train_short_answer.py)")
        return Margins(**margins)

CONFIDENT, TENTATIVE, DECLINED = "confident", "tentative", "declined"

# In between: the refusal model turns the question away, but not far (its probability at least this),
# the marker reads its closest line halfway from the decline margin to the confident one or better,
# and that line is a table row or a "Label: value" line holding one of the question's words. "Net
# weight | 10.8 kg" for "How much does the dehumidifier weigh?" (0.27): a row shares few words with
# a paraphrase, and the refusal model learned from prose. (Prose too offered 176 of the 1,581 40/8
# questions about an article not indexed; a row without the word, "How many players are on a
# volleyball team?" against a league table.)
NEAR_ENOUGH = 0.15
# In a small folder (ranking.SMALL_FOLDER: one person's own papers), the refusal model, which learned
# what "on topic" is from encyclopedia and news articles, turns away paraphrases of a letter or a
# manual that its closest line plainly answers ("How long am I tied in for on the normal deal?"
# against "Our standard contract lasts 18 months."). There, a closest line the marker reads this
# little under the confident margin is offered too, prose or not: on the tuning half and users a to
# y, 15 of 23 such lines held the answer; 3 near-topic questions and 1 off-topic one were offered.
SMALL_FOLDER_BELOW = 0.5


def _laid_out(line: str) -> bool:
    """Whether a line is a fact laid out as a table row or a "Label: value" line, not prose."""
    return " | " in line or bool(LABEL_VALUE.match(line))


def _shares_a_word(question: str, sentence: str) -> bool:
    """Whether the sentence holds one of the question's words other than stop words (by their first
    five letters: "weigh" and "weight")."""
    said = {w[:5] for w in words(sentence)}
    return any(w[:5] in said for w in words(question) if w not in STOP_WORDS)

# The second look (ranking.settle_first), set from the confident margin so that it follows the
# marker's scale: it reads further when the first sentence reads LOOK_BELOW under that margin, takes
# a sentence reading PROMOTE_ABOVE over it, and answers with it confidently only PROMOTED_SURE over
# it (tentatively below): a sentence found past the ranking's first few needs the marker's word more.
LOOK_BELOW, PROMOTE_ABOVE, PROMOTED_SURE = -2.0, 2.0, 4.0
# A sentence the marker moved up among the close ones is wrong more often at a given margin than the
# ranking's own first (tuning questions, their first ten sentences each read: at the confident
# margin, 37% of those answering confidently against 12%); so it answers confidently only this far
# over the confident margin (the clause margin, for an answer that is a clause). With the wider close
# set, the tuning halves kept as many right confident answers (SQuAD 00-23 842 against 830, the
# users' folders 420 against 419) with fewer wrong (58 against 66, 123 against 135).
MOVED_SURE = 2.0

def decline_margin(margins: Margins, typed: bool) -> float:
    """The margin under which the marker finds no answer in a sentence. A clause is read as far under
    the decline margin as its confident margin is under the typed one."""
    return margins.decline if typed else margins.decline + margins.clause - margins.confident

def declines_unread(asked: Question, follow_up: bool) -> bool:
    """Whether the question is declined where the marker finds no answer: not a follow-up, which it
    reads as asked, nor a clause answered yes or no, which is no span for it to mark."""
    return not follow_up and (bool(asked.asks & TYPED_KINDS) or not YES_NO.match(asked.text))

def confidence(asked: Question, first: str, margin: float, follow_up: bool = False,
               margins: Margins | None = None) -> str:
    """How a question the refusal model lets through is answered, from the marker's margin on the
    first sentence and whether that sentence holds the kind of thing asked for. The marker is least
    sure of answers that are a whole clause ("What did the statement leave out?"): those are
    tentative from a lower margin, and declined from a lower one too (read that low, few such first
    sentences held their answer on the tuning sets), unless answered yes or no: such an answer is
    no span for the marker to mark. A sentence without the kind of thing asked for (no age for "How
    old is she?"), read under the confident margin, does not answer it: declined. Read over it, it
    is only offered: the kind asked is read from the question's words, and a quiz question's
    preamble ("..., who died this week at age 75. ...") or a name ("the Ice Age") can ask for a
    kind it does not want. A follow-up, which it reads as asked ("Which uni is he at?"), is not
    judged by the margin at all."""
    margins = margins or Margins.load()
    typed = bool(asked.asks & TYPED_KINDS)
    if margin < decline_margin(margins, typed) and declines_unread(asked, follow_up):
        return DECLINED
    lacks = lacks_asked_kind(asked.asks, first, asked.words, asked.text)
    if lacks and not follow_up and margin < (margins.confident if typed else margins.clause):
        return DECLINED
    if lacks or names_another(asked.text, first, asked.asks) or speaks_of_plan(asked.text, first):
        return TENTATIVE
    if follow_up:  # the marker reads it as asked ("Why did he say it?"): its margin says little
        return CONFIDENT
    return TENTATIVE if margin < (margins.confident if typed else margins.clause) else CONFIDENT

def compose(question: str, ranked: list[Candidate], answered: bool, original_text,
            max_quotes: int = 3, answer_probability: float = 1.0, asked: Question | None = None,
            marker: Marker | None = None, follow_up: bool = False, credited: bool = False,
            small_folder: bool = False) -> Answer:
    """Turn ranked sentences into the chat answer and its numbered, verbatim quotes. A quote's score
    is the models' estimate that it is the answer: P(the articles answer) x P(this sentence is the one).
    Given the question's features (`asked`) and the marker, the first two sentences are settled by
    the marker's reading (settle_first) and the answer opens with the short answer in bold when a
    quote holds one, then that quote with the short answer in bold inside it. `credited`: the first
    is the credit line a question about the article's author or date asked for (ranking.credit_first),
    quoted as it is. `small_folder`: the index is one person's own papers (SMALL_FOLDER_BELOW)."""
    def quoted(ranked: list[Candidate]) -> tuple[Quote, ...]:
        return tuple(Quote(n, c.source, c.start, c.end, original_text(c.source)[c.start : c.end],
                           answer_probability * c.share, header=table_header(original_text(c.source), c.start, c.end))
                     for n, c in enumerate(ranked[:max_quotes], start=1))

    reads = not credited and asked is not None and marker is not None and bool(ranked)
    margins = Margins.load() if reads else None
    # A follow-up's margin says little (confidence): no second look for it.
    look = dict(look_below=margins.confident + LOOK_BELOW, promote_at=margins.confident + PROMOTE_ABOVE) \
        if reads and not follow_up else {}
    if reads:
        typed = bool(asked.asks & TYPED_KINDS)
        look.update(clause=not typed, one_source=follow_up,
                    lacks=lambda text: lacks_asked_kind(asked.asks, text, asked.words, asked.text))
        if declines_unread(asked, follow_up):
            look.update(no_answer_below=decline_margin(margins, typed))
    if not answered:
        if reads and not follow_up:
            settled = settle_first(question, ranked, marker, **look)
            # The refusal model weighs how well the articles match the question's words, and a
            # paraphrase ("How noisy is it?", "What did the meal come to?") can match them poorly
            # while the closest sentence plainly says it.
            margin, closest = settled.marks.best()[2], settled.ranked[0].text
            near = answer_probability >= NEAR_ENOUGH and (
                margin >= (margins.decline + margins.confident) / 2 and _laid_out(closest)
                and _shares_a_word(question, closest)
                or small_folder and margin >= margins.confident - SMALL_FOLDER_BELOW)
            if (margin >= margins.rescue or near) and \
                    not lacks_asked_kind(asked.asks, closest, asked.words, asked.text):
                return _tentative(question, quoted(settled.ranked))
        return Answer(question, NOT_IN_DOCUMENTS, False, (), quoted(ranked))
    if reads:
        settled = settle_first(question, ranked, marker, **look)
        ranked, marks = settled.ranked, settled.marks
        outcome = confidence(asked, ranked[0].text, marks.best()[2], follow_up, margins)
        if outcome == CONFIDENT and settled.looked_further and marks.best()[2] < margins.confident + PROMOTED_SURE:
            outcome = TENTATIVE
        elif outcome == CONFIDENT and settled.moved and not follow_up and \
                marks.best()[2] < (margins.clause if look["clause"] else margins.confident) + MOVED_SURE:
            outcome = TENTATIVE
        if outcome == DECLINED:
            return Answer(question, NOT_IN_DOCUMENTS, False, (), quoted(ranked))
        if outcome == TENTATIVE:
            return _tentative(question, quoted(ranked))
    quotes = quoted(ranked)
    short = choose(question, asked.terms, quotes, [marks]) if reads else None
    if short:
        held = quotes[short.quote - 1]
        at, to = short.start - held.start, short.end - held.start
        if other_item_asked(set(asked.terms), held.text, at, to):
            short = None  # the quoted list holds the answer; the marker's span is in another item of it
        elif old_value(question, held.text, at, to) or other_end(question, held.text, at, to):
            # "from three coaches to six", "open at 8.40am and close at 8.55am": the sentence
            # answers, the number the marker read does not
            short = None
    if short:
        held = quotes[short.quote - 1]
        at, to = short.start - held.start, short.end - held.start
        rate = per_unit_figure(question, held.text)
        if rate and not (rate[0] < to and at < rate[1]):
            at, to = rate  # "How much a week ...?": the figure said a week, not the marker's other sum beside it
        at, to = player_for_part(question, held.text, at, to) or (at, to)  # "Who plays Silas?": the player
        to = at + clause_cut(question, held.text[at:to])
        short = replace(short, text=held.text[at:to], start=held.start + at, end=held.start + to)
    if credited:
        short = credit_span(question, quotes[0])
    if short and not follow_up:
        held = quotes[short.quote - 1]
        if _misread(question, short.text, held.text, short.start - held.start, short.end - held.start):
            return _tentative(question, quotes)
    lead = quotes[short.quote - 1] if short else quotes[0]
    support = [q for q in quotes if q is not lead]
    if short:
        at, to = short.start - lead.start, short.end - lead.start
        text = (f"**{_one_line(short.text)}**\n\n"
                + _one_line(f"{lead.text[:at]}**{lead.text[at:to]}**{lead.text[to:]}") + f" [{lead.n}]")
    else:
        text = f"{_one_line(lead.text)} [{lead.n}]"
    text += _columns(lead)
    if support:  # not "supporting": the ranking's next passages, whatever chance they have of answering
        text += "\n\nOther passages: " + " ".join(f"[{q.n}]" for q in support)
    return Answer(question, text, True, quotes, short_answer=short)


def _misread(question: str, short: str, text: str, at: int, to: int) -> bool:
    """Whether the marker's short answer `short` (text[at:to]) is most likely not what is asked, so the
    sentence most likely does not say it either: of another kind ("Who founded it?" -> "1979"), the
    question's own words ("What was Win Ashby's maiden name?" -> "Winifred"), a table row's other
    field, a title held elsewhere ("Who is the president of Taiwan?" -> "President Joe Biden"), a past
    time for one to come ("When will it be built?" -> "shelved in 2019"), the one leaving for who
    takes over, a name given another role than the one asked ("Sunita Bhatt (Secretary)" for who
    replaces the Chair), or an age for a count. Such an answer is offered, not asserted."""
    return not span_fits(question, short, text[to:]) or restates(question, short, text[to:], text[:at]) \
        or another_figure_nearer(question, text, at, to) or only_other_end(question, text, at, to) \
        or labelled_otherwise(question, text, at, to) or office_elsewhere(question, text) \
        or past_for_future(question, text, at, to) or leaver_for_successor(question, text, at, to) \
        or titled_otherwise(question, text, at, to) or age_for_count(question, text, at, to)


def offered_only(answer: Answer) -> Answer:
    """A confident answer offered tentatively instead, its quotes as the closest passages."""
    return _tentative(answer.question, answer.quotes) if answer.answered and answer.quotes else answer


def declined(answer: Answer) -> Answer:
    """An answer turned into a decline, its passages kept as the closest ones."""
    return Answer(answer.question, NOT_IN_DOCUMENTS, False, (), answer.quotes or answer.closest)


def _tentative(question: str, closest: tuple[Quote, ...]) -> Answer:
    """The evidence is in between: the closest passages, offered with a warning, not as the answer."""
    return Answer(question, f"{MAY_NOT_ANSWER}\n\n{_one_line(closest[0].text)} [1]{_columns(closest[0])}", False,
                  (), closest, tentative=True)


def _columns(quote: Quote) -> str:
    """A table row's header under it, so that its figures can be told apart."""
    return f"\n(columns: {quote.header})" if quote.header else ""


def credit_span(question: str, quote: Quote) -> ShortAnswer | None:
    """The name after "By", the date in a credit line, or a signature's name, as the short answer
    to a question about who wrote the article, when it was published, or who signed the letter."""
    asked = asks_for_credit(question)
    sender = asked != "date" and SENT_BY.match(quote.text)  # "From: Hannelore Quist <...>"
    found = (SIGNATURE if asked == "signer" or sender else AUTHOR_NAME if asked == "author" else A_DATE).search(quote.text)
    if not found:
        return None
    start, end = found.span(found.lastindex or 0)
    return ShortAnswer(quote.text[start:end], quote.source, quote.start + start, quote.start + end, quote.n)


def _one_line(text: str) -> str:
    return " ".join(text.split())
