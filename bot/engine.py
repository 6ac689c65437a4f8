"""The question-answering session: one loaded index + model, answering questions until it is closed.

`Engine.ask` validates the question, resolves follow-ups, retrieves, ranks sentences and composes
the answer. It watches the index's `current` pointer and swaps in a new build between questions, so
a rebuild done elsewhere (CLI or web button) is picked up without a restart; a question that arrives
during a swap is answered from the build it started with.
"""

from __future__ import annotations

import threading
import time
from dataclasses import replace

from . import store
from .answer import Answer, AnswerModel, candidates, compose, rank
from .chat import resolve
from .embedding import Embedder
from .errors import BadQuestion
from .features import question_info
from .retrieve import Retriever
from .settings import Settings


class Loaded:
    """One build of the index, ready to answer from; immutable once made."""

    def __init__(self, index: store.StoredIndex, embedder: Embedder):
        self.index = index
        self.retriever = Retriever(index, embedder)
        self.version = index.folder.name

    def original_text(self, source: str) -> str:
        return self.index.documents[source]["text"]


class Engine:
    def __init__(self, settings: Settings, embedder: Embedder | None = None,
                 model: AnswerModel | None = None):
        self.settings = settings
        self.embedder = embedder or Embedder(settings)
        self.model = model or AnswerModel.load()
        self._loaded: Loaded | None = None
        self._lock = threading.Lock()

    # -- the index -------------------------------------------------------------------------------
    def loaded(self) -> Loaded:
        """The current build, reloaded if `current` now points elsewhere (cheap check per call)."""
        target = store.current_build(self.settings.index_dir)
        if self._loaded is None or target is None or target != self._loaded.index.folder:
            with self._lock:
                if self._loaded is None or store.current_build(self.settings.index_dir) != self._loaded.index.folder:
                    self._loaded = self._load()
        return self._loaded

    def _load(self) -> Loaded:
        _, manifest = store.read_manifest(self.settings.index_dir)
        self.embedder.load()
        index = store.load(self.settings.index_dir, self.embedder.model_id, self.embedder.dim)
        return Loaded(index, self.embedder)

    # -- questions -------------------------------------------------------------------------------
    def check(self, question) -> str:
        if not isinstance(question, str):
            raise BadQuestion("the question must be text")
        text = " ".join(question.split())
        if not text:
            raise BadQuestion("the question is empty")
        if len(text) > self.settings.max_question_chars:
            raise BadQuestion(f"the question is {len(text):,} characters long; the limit is "
                              f"{self.settings.max_question_chars:,}")
        return text

    def evidence(self, text: str, history: list[dict] | None = None, mode: str = "fused"):
        """Question features (of the resolved query), retrieval hits and candidate sentences (unranked)."""
        loaded = self.loaded()
        query = resolve(text, history or [])
        vector = loaded.retriever.embed_question(query)
        info = question_info(query, vector, loaded.retriever.term_idf, loaded.retriever.known)
        hits = loaded.retriever.search(query, vector, mode=mode, k=self.settings.top_k)
        return loaded, info, hits, candidates(loaded.index, info, hits)

    def ask(self, question, history: list[dict] | None = None, mode: str = "fused") -> Answer:
        started = time.perf_counter()
        text = self.check(question)
        loaded, info, hits, found = self.evidence(text, history, mode)
        query = info.text
        ranked = rank(self.model, found)
        answered = bool(ranked) and self.model.answer_probability(info, hits, ranked) >= self.model.decline_threshold
        answer = compose(text, ranked, answered, loaded.original_text)
        return replace(answer, question=question, seconds=time.perf_counter() - started,
                       resolved_question=query if query != text else "", index_version=loaded.version)
