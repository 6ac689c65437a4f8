"""Writing documents into PostgreSQL: COPY in binary, a batch of documents per transaction.

A document is written whole or not at all (its text, its `documents` row, its chunks, sentences
and BM25 postings commit together), so the rows a killed builder leaves behind are complete
documents that no build references yet; the next build deletes them (pg_store._cleanup).
Vectors go in as pgvector `halfvec`; BM25 terms are the same `lexical.terms` the folder's bm25s
index is built from, with "∅" for a chunk without any, as there.
"""

from __future__ import annotations

from collections import Counter

import numpy as np

from bot.core.lexical import terms as bm25_terms
from bot.store.base import DocumentRows

BATCH_CHUNKS = 5000  # new documents are written in transactions of about this many chunks


def ensure_hnsw(conn, dim: int, m: int, ef_construction: int) -> None:
    """One HNSW index per vector size (several models may share a database), inner product."""
    from psycopg import sql

    conn.execute(sql.SQL(
        "CREATE INDEX IF NOT EXISTS {name} ON chunks USING hnsw ((embedding::halfvec({dim})) halfvec_ip_ops) "
        "WITH (m = {m}, ef_construction = {ef}) WHERE vector_dims(embedding) = {dim}").format(
        name=sql.Identifier(f"chunks_hnsw_{dim}"), dim=sql.Literal(dim), m=sql.Literal(m),
        ef=sql.Literal(ef_construction)))


def write_documents(conn, parts: list[DocumentRows], profile: str):
    """Insert new documents, a batch of about BATCH_CHUNKS chunks per transaction; yields
    (id(part), document id) once each batch is committed."""
    batch: list[DocumentRows] = []
    for part in parts:
        batch.append(part)
        if sum(len(p.chunks) for p in batch) >= BATCH_CHUNKS:
            yield from _write_batch(conn, batch, profile)
            batch = []
    if batch:
        yield from _write_batch(conn, batch, profile)


def _write_batch(conn, parts: list[DocumentRows], profile: str):
    from pgvector import HalfVector

    counted = [[Counter(bm25_terms(c.text) or ["∅"]) for c in p.chunks] for p in parts]
    vocabulary = sorted({t for counts in counted for c in counts for t in c})
    with conn.transaction():
        conn.execute("INSERT INTO terms (term) SELECT unnest(%s::text[]) ON CONFLICT (term) DO NOTHING", (vocabulary,))
        term_id = dict(conn.execute("SELECT term, id FROM terms WHERE term = ANY(%s)", (vocabulary,)).fetchall())
        ids = [row[0] for row in conn.execute(
            "SELECT nextval(pg_get_serial_sequence('documents', 'id')) FROM generate_series(1, %s)",
            (len(parts),)).fetchall()]
        conn.execute("INSERT INTO texts (sha256, text) SELECT * FROM unnest(%s::text[], %s::text[]) "
                     "ON CONFLICT (sha256) DO NOTHING", ([p.sha256 for p in parts], [p.text for p in parts]))
        conn.execute(
            "INSERT INTO documents (id, sha256, profile, size, chunks, sentences, length_total) "
            "SELECT i, s, %s, z, c, n, l FROM unnest(%s::bigint[], %s::text[], %s::bigint[], %s::int[], "
            "%s::int[], %s::bigint[]) AS t(i, s, z, c, n, l)",
            (profile, ids, [p.sha256 for p in parts], [p.size for p in parts], [len(p.chunks) for p in parts],
             [len(p.sentences) for p in parts], [sum(sum(c.values()) for c in counts) for counts in counted]))
        with conn.cursor().copy("COPY chunks (document, ordinal, file_start, file_end, clean_start, clean_end, "
                                "text, length, embedding) FROM STDIN (FORMAT BINARY)") as copy:
            copy.set_types(["int8", "int4", "int4", "int4", "int4", "int4", "text", "int4", "halfvec"])
            for doc, p, counts in zip(ids, parts, counted):
                for i, (c, n) in enumerate(zip(p.chunks, counts)):
                    copy.write_row((doc, i, c.start, c.end, c.clean_start, c.clean_end, c.text, sum(n.values()),
                                    HalfVector(p.chunk_vectors[i])))
        with conn.cursor().copy("COPY sentences (document, ordinal, chunk, file_start, file_end, clean_start, "
                                "clean_end, embedding) FROM STDIN (FORMAT BINARY)") as copy:
            copy.set_types(["int8", "int4", "int4", "int4", "int4", "int4", "int4", "halfvec"])
            for doc, p in zip(ids, parts):
                for i, (row, vector) in enumerate(zip(p.sentences.tolist(), p.sentence_vectors)):
                    copy.write_row((doc, i, *row, HalfVector(np.asarray(vector, dtype=np.float32))))
        with conn.cursor().copy("COPY postings (document, chunk, term, tf, length) FROM STDIN (FORMAT BINARY)") as copy:
            copy.set_types(["int8", "int4", "int4", "int4", "int4"])
            for doc, counts in zip(ids, counted):
                for i, n in enumerate(counts):
                    length = sum(n.values())
                    for term, tf in n.items():
                        copy.write_row((doc, i, term_id[term], tf, length))
    yield from ((id(p), doc) for p, doc in zip(parts, ids))
