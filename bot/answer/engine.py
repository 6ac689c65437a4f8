"""The question-answering session: one loaded index + model, answering questions until it is closed.

`Engine.ask` validates the question, resolves follow-ups, retrieves, ranks sentences and composes
the answer. It watches the index's `current` pointer and swaps in a new build between questions, so
a rebuild done elsewhere (CLI or web button) is picked up without a restart; a question that arrives
during a swap is answered from the build it started with.
"""

from __future__ import annotations

import bisect
import logging
import re
import threading
import time
import unicodedata
from dataclasses import replace

import numpy as np

from bot.answer.candidates import Candidate, candidates
from bot.answer.compose import Answer, compose, declined, offered_only
from bot.answer.features import Question, follow_up_info, question_info
from bot.answer.followups import check_history, goes_on_alone, keep_to_thread, resolve
from bot.answer.ranking import (
    SMALL_FOLDER,
    AnswerModel,
    credit_first,
    gives_what_it_lacks,
    names_another_article,
    rank,
    refusal_evidence,
    without_headers,
)
from bot.answer.refusal import Calibration, calibrate, probe_questions
from bot.answer.retrieve import Hit, Retriever
from bot.core.errors import BadQuestion, BotError
from bot.core.manifest import check_model
from bot.core.settings import Settings
from bot.embed.backends import one_blas_thread
from bot.embed.embedding import Embedder
from bot.shortanswer.marker import Marker, load_marker
from bot.store.base import Build, Store, open_store

# A terminal's escape sequences ("\x1b[31m" colours, "\x1b[2J" clears), as a question pasted from a
# terminal carries them: dropping only the escape character would leave "[31m" among the words.
TERMINAL_ESCAPE = re.compile(r"\x1b(\[[0-?]*[ -/]*[@-~]|[@-Z\\-_])")

log = logging.getLogger(__name__)


class Loaded:
    """One build of the index, ready to answer from; immutable once made."""

    def __init__(self, index: Build, embedder: Embedder, stamp=None, calibration: Calibration | None = None):
        self.index = index
        self.retriever = Retriever(index, embedder)
        self.version = index.version
        self.stamp = stamp  # the store's `current()` when it was loaded
        self.calibration = calibration  # where off-topic questions fall on this build (refusal.py)

    def original_text(self, source: str) -> str:
        return self.index.text(source)

    def gather(self, query: str, k: int, mode: str = "fused", vector: np.ndarray | None = None):
        """Question features, retrieval hits and candidate sentences (unranked) for one query
        (`vector`: its embedding, when already made)."""
        if vector is None:
            vector = self.retriever.embed_question(query)
        lexicon = self.retriever.lexicon(query)  # the index's statistics of its words, in one look-up
        info = question_info(query, vector, lexicon.idf, lexicon.known)
        hits = self.retriever.search(query, vector, mode=mode, k=k, lexicon=lexicon)
        return info, hits, candidates(self.index, info, hits, self.retriever.embedder.word_vectors())

    def weigh_follow_up(self, joined: Question, hits: list[Hit], asked: str) -> tuple[Question, list[Candidate]]:
        """A follow-up's candidates again, weighed against the question as asked first
        (features.follow_up_info); `joined` adds the question it leans on."""
        info = follow_up_info(joined, asked, self.retriever.embed_question(asked))
        return info, candidates(self.index, info, hits, self.retriever.embedder.word_vectors())

    def refusal_evidence(self, query: str, model: AnswerModel, k: int,
                         vector: np.ndarray | None = None) -> dict[str, float]:
        info, hits, found = self.gather(query, k, vector=vector)
        return refusal_evidence(info, hits, rank(model, found, self.index))


def calibrate_build(index: Build, embedder: Embedder, model: AnswerModel, top_k: int) -> Calibration:
    """Ask the off-topic probes against a build (refusal.py): done once when it is built. The
    probes are embedded first, each alone as a question is, side by side on a build's embedder."""
    loaded = Loaded(index, embedder)
    probes = probe_questions()
    vectors = dict(zip(probes, embedder.embed(probes)))
    return calibrate(lambda probe: loaded.refusal_evidence(probe, model, top_k, vectors[probe]), model.digest,
                     probes)


class Engine:
    def __init__(self, settings: Settings, embedder: Embedder | None = None,
                 model: AnswerModel | None = None, store: Store | None = None):
        one_blas_thread()
        self.settings = settings
        self.embedder = embedder or Embedder(settings)
        self.model = model or AnswerModel.load()
        self.store = store or open_store(settings)
        self._loaded: Loaded | None = None
        self._failed: tuple[object, BotError] | None = None  # (stamp, error) of a failed load
        self._lock = threading.Lock()
        self._marker: Marker | None | bool = False  # False: not loaded yet

    def marker(self) -> Marker | None:
        """The short answer's marker (shortanswer/marker.py), loaded once; None when unavailable."""
        if self._marker is False:
            self._marker = load_marker(self.settings.cache_dir)
        return self._marker

    # -- the index -------------------------------------------------------------------------------
    def loaded(self) -> Loaded:
        """The current build, reloaded if the store's `current` now names another (cheap check
        per call: a readlink for the folder, a value kept fresh by notifications for PostgreSQL)."""
        stamp = self.store.current()
        if self._loaded is None or stamp is None or stamp != self._loaded.stamp:
            with self._lock:
                stamp = self.store.current()
                if self._loaded is None or stamp is None or stamp != self._loaded.stamp:
                    self._loaded = self._load(stamp)
        return self._loaded

    def _load(self, stamp) -> Loaded:
        """Load and verify the current build. A build that failed is not hashed again on every
        question (a large index is gigabytes): its error is repeated until `current` changes."""
        if stamp is not None and self._failed and self._failed[0] == stamp:
            raise self._failed[1]
        try:
            manifest = self.store.read_manifest()
            # Another model's index is refused before this model is loaded (seconds, or a download).
            check_model(self.store.name, manifest, self.embedder.model_id, where=self.store.option)
            self.embedder.load()
            index = self.store.load(self.embedder.model_id, self.embedder.dim)
            # Exported now (once per cache) rather than at the first question, and only after the
            # index is verified: a damaged index fails in one line, with no export before it.
            self.marker()
        except BotError as error:
            self._failed = (stamp, error)
            raise
        calibration = Calibration.from_json(index.manifest.refusal)
        if calibration is None or calibration.model != self.model.digest:
            # Built before calibration existed, or with another answer model: measure it now (about
            # a second); `bot index` records it in the next build.
            log.info("index %s has no refusal calibration for this answer model: measuring it", index.version)
            calibration = calibrate_build(index, self.embedder, self.model, self.settings.top_k)
        return Loaded(index, self.embedder, stamp, calibration)

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> "Engine":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- questions -------------------------------------------------------------------------------
    def check(self, question) -> str:
        """The question as searched: one line, terminal escapes, control and invisible characters
        dropped; or BadQuestion with the reason (empty, too long, not text)."""
        if not isinstance(question, str):
            raise BadQuestion("the question must be text")
        try:
            question.encode("utf-8")
        except UnicodeEncodeError:  # lone surrogates: bytes that were not UTF-8, or a broken \ud800
            raise BadQuestion("the question is not valid text (bytes that are not UTF-8, or a lone surrogate)") from None
        text = " ".join(TERMINAL_ESCAPE.sub("", question).split())
        if len(text) > self.settings.max_question_chars:
            raise BadQuestion(f"the question is {len(text):,} characters long; the limit is "
                              f"{self.settings.max_question_chars:,}")
        # Cc, Cf, Co, Cn: controls, zero-width and bidi marks, tag characters: never words.
        text = " ".join("".join(c for c in text if unicodedata.category(c)[0] != "C").split())
        if not text:
            raise BadQuestion("the question is empty")
        if not any(c.isalnum() for c in text):  # "?" or "...": nothing to search for
            raise BadQuestion("the question has no words")
        return text

    def evidence(self, text: str, history: list[dict] | None = None, mode: str = "fused"):
        """Question features (of the resolved query), retrieval hits and candidate sentences (unranked)."""
        loaded = self.loaded()
        return (loaded, *loaded.gather(resolve(text, history or []), self.settings.top_k, mode))

    def threshold(self) -> float:
        """Answer when the refusal model's probability reaches this (BOT_DECLINE_THRESHOLD overrides)."""
        chosen = self.settings.decline_threshold
        return self.model.refusal.threshold if chosen is None else chosen

    def ask(self, question, history: list[dict] | None = None, mode: str = "fused") -> Answer:
        return self.ask_with_hits(question, history, mode)[0]

    def ask_with_hits(self, question, history: list[dict] | None = None,
                      mode: str = "fused") -> tuple[Answer, list[Hit]]:
        """The answer, and the chunks retrieval found for it, best first (`bot eval` ranks the
        documents by them: the question is embedded and searched once)."""
        started = time.perf_counter()
        text = self.check(question)
        history = check_history(history, self.settings.max_question_chars * 2)
        loaded, info, hits, found = self.evidence(text, history, mode)
        query = info.text
        ranked = rank(self.model, found, loaded.index)
        threshold = self.threshold()
        # A follow-up: whether the articles answer it is judged on the joined question, which sentence
        # answers it on the question as asked first (docs/usage.md: Follow-up questions).
        probability = self.model.refusal.probability(refusal_evidence(info, hits, ranked), loaded.calibration) \
            if ranked else 0.0
        if query != text and ranked:
            thread = ranked[0].source  # the story the conversation is on: the joined question's best sentence's
            info, found = loaded.weigh_follow_up(info, hits, text)
            ranked = keep_to_thread(rank(self.model, found, loaded.index), thread)
        ranked, credited = credit_first(text, self.model, found, ranked, hits, loaded.index)
        if not credited:
            ranked = without_headers(text, ranked, loaded.index)
        answer = compose(text, ranked, probability >= threshold or credited, loaded.original_text,
                         answer_probability=probability, asked=info, marker=self.marker(),
                         follow_up=query != text, credited=credited,
                         small_folder=len(loaded.index.documents) < SMALL_FOLDER)
        if goes_on_alone(text, history) and not credited:
            answer = offered_only(answer)  # "and when did it open?" with no question before it: about what?
        elif (answer.answered or answer.tentative) and not credited:
            answer = _about_its_subject(answer, text, query != text, loaded.index)
        paged = {"quotes": _paged(answer.quotes, loaded.index), "closest": _paged(answer.closest, loaded.index)}
        return replace(answer, **paged, question=question, seconds=time.perf_counter() - started,
                       resolved_question=query if query != text else "", index_version=loaded.version), hits


def _about_its_subject(answer: Answer, question: str, follow_up: bool, index: Build) -> Answer:
    """An answer from an article that is not about what the question names or gives: declined in a
    small folder ("How many people does Vellmoor employ?" against an obituary's "it employed six
    people"; "What was the revenue in 2019?" against a report on 2024), only offered where a name is
    missing in a bigger one or for a follow-up, whose words are not all its own."""
    source = (answer.quotes or answer.closest)[0].source
    elsewhere = names_another_article(question, source, index)
    if not follow_up and len(index.documents) < SMALL_FOLDER and \
            (elsewhere or gives_what_it_lacks(question, index.text(source))):
        return declined(answer)
    return offered_only(answer) if elsewhere else answer


def _paged(quotes: tuple, index: Build) -> tuple:
    """Quotes from a PDF carry the 1-based page they start on (the manifest keeps page starts)."""
    def page(quote) -> int | None:
        info = index.documents.get(quote.source)
        return bisect.bisect_right(info.pages, quote.start) if info and info.pages else None

    return tuple(replace(q, page=page(q)) for q in quotes)
