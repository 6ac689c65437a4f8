"""One build read from PostgreSQL: the `store/base.py's `Build`` the retriever and the answer step read.

What a server keeps in memory per build: the document list and every chunk's and sentence's
offsets (int64 arrays, read at load in one snapshot: 40 bytes a row, 16 MB for 100k chunks),
and a bounded cache of the BM25 vocabulary it has been asked about. Everything else stays in the
database and is read per question: the HNSW search (pgvector), BM25 scored in SQL from the
postings, chunk texts, chunk and sentence vectors; document texts through a byte-bounded cache
keyed by content hash (texts never change, so the cache is shared by every build).

Rows of a build are numbered as in the index folder: a document at position p owns chunk rows
chunk_offset[p] .. + its chunks, sentence rows likewise. The database keys rows by (document,
ordinal), and a document's rows are shared by every build that holds it, so a search returns
(document, ordinal) pairs that are mapped to this build's rows here; pairs of documents this build
does not hold (a newer build's, not yet removed) are dropped.
"""

from __future__ import annotations

import math
import threading
from collections import Counter, OrderedDict

import numpy as np

from bot.core.errors import IndexDamaged, IndexMissing
from bot.core.manifest import Manifest, check_model
from bot.store.base import ChunkRow, StoreError
from bot.store.postgres import schema
from bot.store.postgres.schema import EF_SEARCH

BM25_K1, BM25_B = 1.5, 0.75  # bm25s's defaults, which the index folder uses
TERM_CACHE = 200_000  # vocabulary entries kept per build before the cache starts over
TEXT_CACHE_BYTES = 64 << 20
CHUNK_CACHE = 256  # chunk texts kept per build: a few questions' worth


def load_build(store, model_id: str | None, dim: int | None, build_id: int | None = None,
               read: bool = True) -> "PgBuild":
    """The current build (or the one numbered `build_id`, before it is made current: from the
    primary, `read=False`), its offsets read in one REPEATABLE READ snapshot."""
    from psycopg import sql

    def read_rows(conn):
        schema.check_readable(conn, store.url)
        with conn.transaction():
            conn.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            row = conn.execute("SELECT b.id, b.manifest, b.chunks, b.sentences, b.average_length "
                               "FROM current_build c JOIN builds b ON b.id = c.build").fetchone() if build_id is None \
                else conn.execute("SELECT id, manifest, chunks, sentences, average_length FROM builds WHERE id = %s",
                                  (build_id,)).fetchone()
            if row is None:
                raise IndexMissing(f"no index in {schema.where(store.url)}: run `bot index {store.option}` to build one")
            build, data, chunks, sentences, average = row
            manifest = schema.manifest(data, store.url)
            if manifest.format != schema.SCHEMA_VERSION:
                raise schema.schema_mismatch(manifest.format or 0, store.url)
            check_model(store.name, manifest, model_id, dim, where=store.option)
            documents = conn.execute("SELECT position, source, document, chunk_offset, sentence_offset "
                                     "FROM build_documents WHERE build = %s ORDER BY position", (build,)).fetchall()
            chunk_rows = _int_rows(conn, sql.SQL(
                "COPY (SELECT b.position, c.file_start, c.file_end, c.clean_start, c.clean_end "
                "FROM build_documents b JOIN chunks c ON c.document = b.document WHERE b.build = {} "
                "ORDER BY b.position, c.ordinal) TO STDOUT (FORMAT BINARY)").format(sql.Literal(build)), 5)
            sentence_rows = _int_rows(conn, sql.SQL(
                "COPY (SELECT b.chunk_offset + s.chunk, s.file_start, s.file_end, s.clean_start, s.clean_end "
                "FROM build_documents b JOIN sentences s ON s.document = b.document WHERE b.build = {} "
                "ORDER BY b.position, s.ordinal) TO STDOUT (FORMAT BINARY)").format(sql.Literal(build)), 5)
        if len(chunk_rows) != chunks or len(sentence_rows) != sentences or len(documents) != len(manifest.documents):
            raise IndexDamaged(f"build {build} in {schema.where(store.url)} is incomplete; {schema.fix_command(store.url)}")
        return PgBuild(store, build, manifest, documents, chunk_rows, sentence_rows, average)

    return store.run(read_rows, read=read)


def _int_rows(conn, query, columns: int) -> np.ndarray:
    """COPY ... (FORMAT BINARY) of int4 columns as an int64 array, parsed by numpy in one go:
    every row is an int16 field count, then per field an int32 length (4) and the value."""
    with conn.cursor().copy(query) as copy:
        data = b"".join(bytes(block) for block in copy)
    header = 19 + int.from_bytes(data[15:19], "big")  # signature, flags, extension length
    fields = [("n", ">i2")] + [item for i in range(columns) for item in ((f"l{i}", ">i4"), (f"v{i}", ">i4"))]
    rows = np.frombuffer(data[header:-2], dtype=np.dtype(fields))
    if len(rows) and not (np.all(rows["n"] == columns) and all(np.all(rows[f"l{i}"] == 4) for i in range(columns))):
        raise IndexDamaged("unexpected row layout in the database")
    return np.stack([rows[f"v{i}"].astype(np.int64) for i in range(columns)], axis=1).reshape(-1, columns)


class PgBuild:
    def __init__(self, store, build_id: int, manifest: Manifest, documents: list[tuple], chunk_rows: np.ndarray,
                 sentence_rows: np.ndarray, average_length: float):
        self.store, self.build_id, self.version = store, build_id, f"pg-{build_id}"
        self.manifest, self.documents = manifest, manifest.documents
        self.sources = [d[1] for d in documents]
        self.document_ids = np.array([d[2] for d in documents], dtype=np.int64)
        self.chunk_offsets = np.array([d[3] for d in documents], dtype=np.int64)
        self.sentence_offsets = np.array([d[4] for d in documents], dtype=np.int64)
        self.positions: dict[int, list[int]] = {}  # a document may be in a build twice (two file names)
        for position, document in enumerate(self.document_ids.tolist()):
            self.positions.setdefault(document, []).append(position)
        self.chunks = PgChunks(self, chunk_rows)
        self.sentences = sentence_rows
        self.sentence_vectors = PgVectors(self, "sentences")
        self.dim = manifest.model.dim
        self.bm25_k1 = BM25_K1
        self.average_length = average_length
        self._terms: dict[str, tuple[int, int] | None] = {}  # term -> (id, df), None: not in this build

    # -- keys ---------------------------------------------------------------------------------
    def chunk_keys(self, rows) -> tuple[list[int], list[int]]:
        """(document ids, ordinals) of chunk rows."""
        rows = np.asarray(rows, dtype=np.int64)
        positions = self.chunks.rows[rows, 0]
        return self.document_ids[positions].tolist(), (rows - self.chunk_offsets[positions]).tolist()

    def sentence_keys(self, rows) -> tuple[list[int], list[int]]:
        rows = np.asarray(rows, dtype=np.int64)
        positions = np.searchsorted(self.sentence_offsets, rows, "right") - 1
        return self.document_ids[positions].tolist(), (rows - self.sentence_offsets[positions]).tolist()

    def fetch_texts(self, keys: tuple[list[int], list[int]]) -> list[str]:
        """Chunk texts of these (document, ordinal) keys, in their order."""
        found = dict(self._fetch("SELECT w.i, t.text FROM {keys} JOIN {table} t USING (document, ordinal)", "chunks", keys))
        self._check(found, keys)
        return [found[i] for i in range(1, len(keys[0]) + 1)]

    def fetch_vectors(self, table: str, keys: tuple[list[int], list[int]]) -> np.ndarray:
        """Vectors of these (document, ordinal) keys of `table`, float32 [n, dim]. Sent as one
        bytea of halfvec_send() records, decoded by numpy at once: a few hundred vectors per
        question would cost milliseconds as one Python object each."""
        if not keys[0]:
            return np.zeros((0, self.dim), dtype=np.float32)
        rows = self._fetch("SELECT count(*), string_agg(halfvec_send(t.embedding), ''::bytea ORDER BY w.i) "
                           "FROM {keys} JOIN {table} t USING (document, ordinal)", table, keys)
        count, data = rows[0]
        self._check(range(count), keys)
        records = np.frombuffer(data, dtype=np.dtype([("dim", ">i2"), ("unused", ">i2"), ("v", ">f2", (self.dim,))]))
        if len(records) != count or (count and np.any(records["dim"] != self.dim)):
            raise IndexDamaged(f"vectors of build {self.version} do not have {self.dim} dimensions")
        return records["v"].astype(np.float32)

    def _fetch(self, template: str, table: str, keys: tuple[list[int], list[int]]) -> list[tuple]:
        """`template` over the rows of `table` with these keys (`w.i` is a key's 1-based place)."""
        from psycopg import sql

        if not keys[0]:
            return []
        query = sql.SQL(template).format(table=sql.Identifier(table), keys=sql.SQL(
            "unnest(%s::bigint[], %s::int[]) WITH ORDINALITY AS w(document, ordinal, i)"))
        return self.store.run(lambda conn: conn.execute(query, keys).fetchall())

    def _check(self, found, keys) -> None:
        if len(found) != len(keys[0]):
            raise StoreError(f"build {self.version} is no longer in the database (a newer build replaced it "
                             "and this server was silent too long); ask again")

    def _rows_of(self, hits) -> tuple[list[float], list[int]]:
        """(document, ordinal, score) of chunks -> this build's (scores, rows), best first."""
        scores, rows = [], []
        for document, ordinal, score in hits:
            for position in self.positions.get(document, ()):
                scores.append(score)
                rows.append(int(self.chunk_offsets[position]) + ordinal)
        return scores, rows

    # -- store/base.py's `Build` --------------------------------------------------------------------------
    def text(self, source: str) -> str:
        digest = self.documents[source].sha256
        text = _TEXTS.get(digest)
        if text is None:
            self.prefetch_texts([source])
            text = _TEXTS.get(digest)
        if text is None:
            raise StoreError(f"the text of {source} is no longer in the database; ask again")
        return text

    def prefetch_texts(self, sources) -> None:
        """Read the texts of these documents that are not cached yet, in one query: a question's
        quotes and paragraph checks then find them all in the cache."""
        missing = sorted({self.documents[s].sha256 for s in sources} - _TEXTS.keys())
        if missing:
            for digest, text in self.store.run(lambda conn: conn.execute(
                    "SELECT sha256, text FROM texts WHERE sha256 = ANY(%s)", (missing,)).fetchall()):
                _TEXTS.put(digest, text)

    def chunk_vectors(self, rows) -> np.ndarray:
        return self.fetch_vectors("chunks", self.chunk_keys(rows))

    def dense_search(self, vector: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        """HNSW over every stored chunk of this dimension, then this build's rows among them;
        a build that is missing rows from that (many chunks of other builds were nearer) is
        searched again, exactly, among its own chunks."""
        from psycopg import sql

        limit = min(2 * k, EF_SEARCH)
        query = np.asarray(vector, dtype=np.float32).tolist()
        dim = sql.Literal(self.dim)
        approximate = sql.SQL(
            "SELECT document, ordinal, embedding::halfvec({d}) <#> %s::float4[]::halfvec({d}) FROM chunks "
            "WHERE vector_dims(embedding) = {d} ORDER BY 3 LIMIT %s").format(d=dim)
        hits = self.store.run(lambda conn: conn.execute(approximate, (query, limit)).fetchall())
        scores, rows = self._rows_of(hits)
        if len(rows) < min(k, len(self.chunks)) and len(hits) == limit:
            exact = sql.SQL(
                "SELECT c.document, c.ordinal, c.embedding::halfvec({d}) <#> %s::float4[]::halfvec({d}) FROM build_documents b "
                "JOIN chunks c ON c.document = b.document WHERE b.build = %s ORDER BY 3 LIMIT %s").format(d=dim)
            hits = self.store.run(lambda conn: conn.execute(exact, (query, self.build_id, k)).fetchall())
            scores, rows = self._rows_of(hits)
        return -np.array(scores[:k], dtype=np.float32), np.array(rows[:k], dtype=np.int64)

    def document_frequencies(self, terms) -> dict[str, int]:
        known = self._term_info(terms)
        return {t: info[1] for t, info in known.items()}

    def _term_info(self, terms) -> dict[str, tuple[int, int]]:
        """(id, df) of the terms this build holds; looked up once per term, then cached."""
        cache = self._terms
        missing = [t for t in set(terms) if t not in cache]
        if missing:
            found = dict.fromkeys(missing)
            for term, term_id, df in self.store.run(lambda conn: conn.execute(
                    "SELECT t.term, t.id, b.df FROM terms t JOIN build_terms b ON b.term = t.id AND b.build = %s "
                    "WHERE t.term = ANY(%s)", (self.build_id, missing)).fetchall()):
                found[term] = (term_id, df)
            if len(cache) > TERM_CACHE:
                self._terms = cache = {}
            cache.update(found)
            return {t: found.get(t) or cache.get(t) for t in terms if found.get(t) or cache.get(t)}
        return {t: cache[t] for t in terms if cache.get(t)}

    def bm25_search(self, terms: list[str], k: int) -> tuple[np.ndarray, np.ndarray]:
        """BM25 (Lucene's idf, as bm25s) scored in SQL over the postings of the question's terms."""
        info = self._term_info(terms)
        n = len(self.chunks)
        weights = {}
        for term, count in Counter(t for t in terms if t in info).items():
            term_id, df = info[term]
            weights[term_id] = count * math.log(1 + (n - df + 0.5) / (df + 0.5))
        if not weights:
            return np.zeros(0), np.zeros(0, dtype=np.int64)
        score = ("sum(q.w * p.tf / (p.tf + %(k1)s * (1 - %(b)s + %(b)s * p.length / %(avg)s)))")
        params = {"ids": list(weights), "w": list(weights.values()), "k1": BM25_K1, "b": BM25_B,
                  "avg": self.average_length, "limit": 2 * k, "build": self.build_id}
        anywhere = (f"SELECT p.document, p.chunk, {score} FROM unnest(%(ids)s::int[], %(w)s::float8[]) AS q(term, w) "
                    "JOIN postings p ON p.term = q.term GROUP BY 1, 2 ORDER BY 3 DESC LIMIT %(limit)s")
        hits = self.store.run(lambda conn: conn.execute(anywhere, params).fetchall())
        scores, rows = self._rows_of(hits)
        if len(rows) < k and len(hits) == params["limit"]:  # other builds' chunks crowded this one's out
            own = (f"SELECT p.document, p.chunk, {score} FROM unnest(%(ids)s::int[], %(w)s::float8[]) AS q(term, w) "
                   "JOIN postings p ON p.term = q.term JOIN build_documents b ON b.document = p.document "
                   "AND b.build = %(build)s GROUP BY 1, 2 ORDER BY 3 DESC LIMIT %(limit)s")
            scores, rows = self._rows_of(self.store.run(lambda conn: conn.execute(own, params).fetchall()))
        return np.array(scores[:k], dtype=np.float64), np.array(rows[:k], dtype=np.int64)


class PgChunks:
    """Chunk rows: offsets from memory, texts from the database, the last CHUNK_CACHE kept (a
    question reads its chunks together, then a few of them again for the sentence before a quote)."""

    def __init__(self, build: PgBuild, rows: np.ndarray):
        self.build, self.rows = build, rows  # rows: position, start, end, clean start, clean end
        self.cache: OrderedDict[int, str] = OrderedDict()
        self.lock = threading.Lock()

    def __len__(self) -> int:
        return len(self.rows)

    def __getitem__(self, row: int) -> ChunkRow:
        if not -len(self) <= row < len(self):
            raise IndexError(f"chunk row {row} of {len(self)}")
        return self.many([row % len(self)])[0]

    def source(self, row: int) -> str:
        return self.build.sources[int(self.rows[row, 0])]

    def many(self, rows) -> list[ChunkRow]:
        rows = [int(r) for r in rows]
        with self.lock:
            texts = {row: self.cache[row] for row in rows if row in self.cache}
        missing = sorted(set(rows) - set(texts))
        if missing:
            fetched = dict(zip(missing, self.build.fetch_texts(self.build.chunk_keys(missing))))
            texts.update(fetched)
            with self.lock:
                self.cache.update(fetched)
                while len(self.cache) > CHUNK_CACHE:
                    self.cache.popitem(last=False)
        self.build.prefetch_texts({self.source(row) for row in rows})
        out = []
        for row in rows:
            position, start, end, clean_start, clean_end = (int(x) for x in self.rows[row])
            out.append(ChunkRow(self.build.sources[position], start, end, clean_start, clean_end, texts[row]))
        return out


class PgVectors:
    """Sentence vectors by row, read from the database: `vectors[rows]` -> float32 [n, dim]."""

    def __init__(self, build: PgBuild, table: str):
        self.build, self.table = build, table

    def __getitem__(self, rows) -> np.ndarray:
        rows = np.atleast_1d(np.asarray(rows, dtype=np.int64))
        return self.build.fetch_vectors(self.table, self.build.sentence_keys(rows))


class _TextCache:
    """Document texts by sha256, least recently used dropped past TEXT_CACHE_BYTES."""

    def __init__(self, limit: int):
        self.limit, self.size, self.items, self.lock = limit, 0, OrderedDict(), threading.Lock()

    def keys(self) -> set[str]:
        with self.lock:
            return set(self.items)

    def get(self, key: str) -> str | None:
        with self.lock:
            if key in self.items:
                self.items.move_to_end(key)
                return self.items[key]
        return None

    def put(self, key: str, text: str) -> str:
        with self.lock:
            if key not in self.items:
                self.items[key] = text
                self.size += len(text)
                while self.size > self.limit and len(self.items) > 1:
                    self.size -= len(self.items.popitem(last=False)[1])
        return text


_TEXTS = _TextCache(TEXT_CACHE_BYTES)
