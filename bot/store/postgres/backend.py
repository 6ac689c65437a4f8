"""PostgreSQL + pgvector as a `store/base.py's `Store``: many servers over one database (docs/postgres.md).

- Reading: `current()` is a value kept fresh by a watcher thread that LISTENs on the channel the
  builder NOTIFYs when it switches builds (and re-reads `current_build` every POLL seconds anyway,
  in case a notification was missed while the connection was down). The engine compares it with
  the build it has loaded before every question, so every server picks a new build up within
  about a second, and each question is answered from the one build it started with.
- Queries go to a bounded pool (`Settings.store_pool` connections) on `store_read` when given (a streaming
  standby, read around while it is down), else on the primary; a connection broken by a server restart
  is replaced and the statement retried once, and a pool left empty by an outage is reopened as soon
  as the server answers again, so questions succeed within about a second of it, without restarting us.
- Writing: `bot index` holds an advisory lock (released by the server if the builder dies),
  writes new documents in batches (each complete when committed), then one transaction inserts
  the build, its document list and term statistics, moves `current_build` and NOTIFYs. A builder
  killed before that commit leaves `current_build` as it was; the next build removes its rows.
- Removing: a build stays while it is current, for GRACE seconds after it stopped being current,
  and while a server has read it within READER_TIMEOUT seconds (servers heartbeat in `readers`).
"""

from __future__ import annotations

import json
import logging
import os
import socket
import threading
import time
import uuid
from contextlib import contextmanager
from dataclasses import replace

import numpy as np

from bot.core.errors import IndexBusy, IndexMissing
from bot.core.manifest import Manifest, ModelInfo
from bot.core.settings import Settings, redact
from bot.store.base import DocumentRows, Finish, Reused, StoreError
from bot.store.postgres import schema
from bot.store.postgres.build import load_build
from bot.store.postgres.schema import EF_SEARCH
from bot.store.postgres.write import ensure_hnsw, write_documents

POOL_TIMEOUT = 5.0  # seconds to wait for a connection before the question fails
WAIT_STEP = 0.5  # seconds waited on an empty pool before the server itself is asked
REPLICA_RETRY = 2.0  # seconds reads go to the primary after the standby was found down
POLL = 1.0  # seconds between checks of `current_build` when no notification came
HEARTBEAT = 10.0  # seconds between a server's `readers` updates
READER_TIMEOUT = 60.0  # a server silent this long no longer protects its build
GRACE = 30.0  # a build replaced this recently is kept: a server may have just loaded it
HNSW_M, HNSW_EF_CONSTRUCTION = 16, 64
STATEMENT_TIMEOUT_MS = 30_000  # a reader's statement that takes longer has met something wrong
LOCK_CLASS = 24301  # advisory lock (LOCK_CLASS, hashtext(schema)): one build at a time per schema
LOCK_PATIENCE = 2.0  # a server's clean-up holds the lock for milliseconds: a build waits that out

log = logging.getLogger(__name__)


class PostgresStore:
    def __init__(self, url: str, read_url: str | None = None, pool_size: int = 4):
        self.url, self.read_url, self.pool_size = url, read_url or url, pool_size
        self.name = redact(url)
        self.option = f"--store '{redact(url)}'"
        self.reader_id = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
        self._pools: dict[str, object] = {}
        self._busy: dict[str, int] = {}  # connections out of each pool, by URL
        self._standby_down_until = 0.0
        self._current: int | None = None
        self._reading: int | None = None  # the build this process last loaded
        self._watcher: threading.Thread | None = None
        self._closed = threading.Event()
        self._guard = threading.RLock()

    @staticmethod
    def from_settings(settings: Settings) -> "PostgresStore":
        return PostgresStore(settings.store, settings.store_read, settings.store_pool)

    # -- connections ------------------------------------------------------------------------------
    def connect(self, url: str | None = None):
        """A connection of its own (builder, watcher), with the real error if there is none."""
        import psycopg

        try:
            return psycopg.connect(schema.conninfo(url or self.url), autocommit=True)
        except psycopg.Error as error:
            raise schema.explain(error, url or self.url) from None

    def _pool(self, url: str):
        with self._guard:
            if url not in self._pools:
                self.connect(url).close()  # fails with the real reason (password, host...) if it must
                self._pools[url] = self._open_pool(url)
            return self._pools[url]

    def _open_pool(self, url: str):
        from psycopg_pool import ConnectionPool

        self._busy[url] = 0
        return ConnectionPool(schema.conninfo(url), min_size=1, max_size=self.pool_size, timeout=POOL_TIMEOUT,
                              kwargs={"autocommit": True}, configure=_configure, open=True,
                              name=f"seedbot-{len(self._pools)}")

    def _reopen(self, url: str, stale) -> None:
        """Replace a pool whose connections died with the server: psycopg_pool retries them with
        a back-off that doubles up to minutes, so after a long outage it would stay empty long
        after the server is back. The old pool is closed in the background."""
        with self._guard:
            if self._pools.get(url) is stale and not self._closed.is_set():
                self._pools[url] = self._open_pool(url)
                threading.Thread(target=stale.close, kwargs={"timeout": 1.0}, daemon=True).start()

    def _reachable(self, url: str) -> bool:
        """Whether the server accepts a connection now (refused at once when it is down here)."""
        try:
            self.connect(url).close()
            return True
        except StoreError:
            return False

    def _reads_from(self, read: bool) -> str:
        """The standby for reads while it answers; the primary for writes, and for reads for
        REPLICA_RETRY seconds after the standby was found down."""
        if not read or self.read_url == self.url or time.monotonic() < self._standby_down_until:
            return self.url
        return self.read_url

    @contextmanager
    def _connection(self, url: str):
        """A pooled connection to `url`. A wait longer than WAIT_STEP with none of the pool's
        connections out asks the server directly: down, and the question fails now saying so;
        up, and the pool (stuck in its back-off) is replaced, so answers come back within about a
        second of the server. With connections out, the pool is busy: wait up to POOL_TIMEOUT."""
        from psycopg_pool import PoolTimeout

        deadline = time.monotonic() + POOL_TIMEOUT
        while True:
            try:
                pool = self._pool(url)
            except StoreError as error:  # a standby that cannot be reached is read around
                if url == self.url:
                    raise
                raise Unreachable(url, str(error)) from None
            try:
                with pool.connection(timeout=max(0.01, min(WAIT_STEP, deadline - time.monotonic()))) as conn:
                    with self._guard:
                        self._busy[url] += 1
                    try:
                        yield conn
                    finally:
                        with self._guard:
                            self._busy[url] -= 1
                    return
            except PoolTimeout:  # (an OperationalError too)
                if not self._busy[url]:
                    if not self._reachable(url):
                        raise Unreachable(url, "not accepting connections") from None
                    self._reopen(url, pool)
                elif time.monotonic() >= deadline:
                    raise StoreError(f"PostgreSQL at {schema.where(url)} is busy (no free connection within "
                                     f"{POOL_TIMEOUT:g}s); try again") from None

    def run(self, work, read: bool = True):
        """`work(connection)` on a pooled connection. A connection the server dropped (restart,
        failover) is discarded and the work tried once more on a fresh one; then a clear error.
        Reads fall back to the primary while the standby is down."""
        import psycopg

        for attempt in (1, 2):
            url = self._reads_from(read)
            try:
                with self._connection(url) as conn:
                    return work(conn)
            except Unreachable as error:
                if url == self.url:
                    raise StoreError(f"cannot reach PostgreSQL at {schema.where(url)}: check that the server "
                                     "is up; try again") from None
                self._standby_down_until = time.monotonic() + REPLICA_RETRY
                log.warning("the standby at %s cannot be reached (%s): reading from the primary",
                            schema.where(error.url), error.why)
            except psycopg.OperationalError as error:
                if attempt == 2 or self._closed.is_set():
                    raise schema.explain(error, url) from None
                self._pool(url).check()  # drop every idle connection the restart broke

    # -- which build is current -------------------------------------------------------------------
    def current(self) -> int | None:
        if self._watcher is None:
            with self._guard:
                if self._watcher is None:
                    self._current = self._read_current()
                    self._watcher = threading.Thread(target=self._watch, name="seedbot-pg-watch", daemon=True)
                    self._watcher.start()
        return self._current

    def current_version(self) -> str | None:
        build = self._read_current()
        return None if build is None else f"pg-{build}"

    def _read_current(self) -> int | None:
        def read(conn):
            if conn.execute("SELECT to_regclass('current_build') IS NULL").fetchone()[0]:
                return None
            row = conn.execute("SELECT build FROM current_build").fetchone()
            return row[0] if row else None

        return self.run(read)

    def _watch(self) -> None:
        """LISTEN for switches; re-read `current_build` on each, and every POLL seconds; heartbeat."""
        import psycopg

        beat = 0.0
        while not self._closed.is_set():
            try:
                with psycopg.connect(schema.conninfo(self.url), autocommit=True) as conn:
                    conn.execute(f"LISTEN {schema.NOTIFY_CHANNEL}")
                    while not self._closed.is_set():
                        self._current = self._read_current()
                        if time.monotonic() - beat > HEARTBEAT:
                            self._heartbeat()
                            beat = time.monotonic()
                        for _ in conn.notifies(timeout=POLL, stop_after=1):
                            pass
            except Exception:  # the database is down or restarting: questions report it; retry
                self._closed.wait(POLL)

    def _heartbeat(self) -> None:
        """Tell the database which build this server reads, and remove builds nobody reads."""
        if self._reading is not None:
            self.run(lambda conn: _register(conn, self.reader_id, self._reading), read=False)
        conn = self.connect()
        try:
            if _try_lock(conn):
                _cleanup(conn)
        finally:
            conn.close()

    # -- reading --------------------------------------------------------------------------------
    def read_manifest(self) -> Manifest:
        def read(conn):
            schema.check_readable(conn, self.url)
            row = conn.execute("SELECT b.manifest FROM current_build c JOIN builds b ON b.id = c.build").fetchone()
            if row is None:
                raise IndexMissing(f"no index in {schema.where(self.url)}: run `bot index {self.option}` to build one")
            return schema.manifest(row[0], self.url)

        return self.run(read)

    def load(self, model_id: str | None = None, dim: int | None = None):
        build = load_build(self, model_id, dim)
        self._reading = build.build_id
        self.run(lambda conn: _register(conn, self.reader_id, build.build_id), read=False)
        return build

    def describe(self, version: str) -> str:
        return f"{self.name} build {version}"

    # -- writing --------------------------------------------------------------------------------
    @contextmanager
    def lock(self, wait: bool = False, full: bool = False):
        """The one-rebuild-at-a-time lock, on a connection of its own that the build then writes
        through; the server releases it if this process dies."""
        conn = self.connect()
        try:
            schema.ensure_schema(conn, self.url, rebuild=full)
            from pgvector.psycopg import register_vector

            register_vector(conn)
            if wait:
                conn.execute("SELECT pg_advisory_lock(%s, hashtext(current_schema()))", (LOCK_CLASS,))
            elif not _try_lock(conn, patience=LOCK_PATIENCE):
                holder = conn.execute(
                    "SELECT a.application_name FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid "
                    "WHERE l.locktype = 'advisory' AND l.granted AND l.classid = %s AND l.objsubid = 2 "
                    "AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())",
                    (LOCK_CLASS,)).fetchone()
                raise IndexBusy(f"another rebuild of {self.name} is running ({holder[0] if holder else 'another process'}); "
                                "try again when it ends")
            self._builder = conn
            yield
        finally:
            self._builder = None
            conn.close()  # closing the session releases the advisory lock

    def cleanup(self) -> None:
        _cleanup(self._builder)

    def reusable(self, sha256s: set[str], model: ModelInfo, chunking: dict) -> dict[str, Reused]:
        """Documents already stored with this content, model and chunking (any build's, or left by
        an interrupted one): their rows are used as they are."""
        rows = self._builder.execute(
            "SELECT DISTINCT ON (sha256) sha256, id, size, chunks FROM documents "
            "WHERE profile = %s AND sha256 = ANY(%s) ORDER BY sha256, id DESC",
            (_profile(model, chunking), sorted(sha256s))).fetchall()
        return {sha: Reused("", sha, size, "", chunks, handle) for sha, handle, size, chunks in rows}

    def write(self, manifest: Manifest, parts: list[DocumentRows | Reused], finish: Finish | None = None) -> str:
        """Write the new documents and a build of `parts`; let `finish` see it and amend its
        manifest; then switch `current_build` to it in one transaction. A build that never became
        current (the builder died before the switch) is deleted by the next build's cleanup."""
        conn = self._builder
        profile = _profile(manifest.model, manifest.chunking)
        ensure_hnsw(conn, manifest.model.dim, HNSW_M, HNSW_EF_CONSTRUCTION)
        stored = dict(write_documents(conn, [p for p in parts if isinstance(p, DocumentRows)], profile))
        ids = [stored[id(p)] if isinstance(p, DocumentRows) else p.handle for p in parts]
        counts = conn.execute(
            "SELECT d.id, d.chunks, d.sentences, d.length_total FROM documents d WHERE d.id = ANY(%s)",
            (ids,)).fetchall()
        sizes = {row[0]: row[1:] for row in counts}
        chunk_offsets = np.cumsum([0] + [sizes[i][0] for i in ids])
        sentence_offsets = np.cumsum([0] + [sizes[i][1] for i in ids])
        chunks, sentences = int(chunk_offsets[-1]), int(sentence_offsets[-1])
        average = sum(sizes[i][2] for i in ids) / max(chunks, 1)
        manifest = replace(manifest, format=schema.SCHEMA_VERSION, store="postgresql",
                           dense_index=f"pgvector-hnsw{HNSW_M}-halfvec-ip",
                           counts=replace(manifest.counts, sentences=sentences))
        with conn.transaction():
            build = conn.execute(
                "INSERT INTO builds (manifest, chunks, sentences, average_length) VALUES (%s, %s, %s, %s) RETURNING id",
                (json.dumps(manifest.as_json(), ensure_ascii=False), chunks, sentences, average)).fetchone()[0]
            conn.execute(
                "INSERT INTO build_documents (build, position, source, document, chunk_offset, sentence_offset) "
                "SELECT %s, p - 1, s, d, c, n FROM unnest(%s::text[], %s::bigint[], %s::int[], %s::int[]) "
                "WITH ORDINALITY AS t(s, d, c, n, p)",
                (build, [p.source for p in parts], ids, chunk_offsets[:-1].tolist(), sentence_offsets[:-1].tolist()))
            conn.execute(
                "INSERT INTO build_terms (build, term, df) SELECT %s, p.term, count(*) FROM build_documents b "
                "JOIN postings p ON p.document = b.document WHERE b.build = %s GROUP BY p.term", (build, build))
        if finish is not None:
            from bot.store.postgres.build import load_build

            manifest = replace(manifest, **finish(load_build(self, manifest.model.id, manifest.model.dim,
                                                             build_id=build, read=False)))
            conn.execute("UPDATE builds SET manifest = %s WHERE id = %s",
                         (json.dumps(manifest.as_json(), ensure_ascii=False), build))
        with conn.transaction():
            conn.execute("UPDATE builds SET retired_at = now() WHERE id IN (SELECT build FROM current_build)")
            conn.execute("INSERT INTO current_build (one, build) VALUES (true, %s) "
                         "ON CONFLICT (one) DO UPDATE SET build = EXCLUDED.build", (build,))
            conn.execute("SELECT pg_notify(%s, %s)", (schema.NOTIFY_CHANNEL, str(build)))
        conn.execute("ANALYZE build_documents, build_terms, chunks, sentences, postings")  # plans for the new rows
        _cleanup(conn)
        return f"pg-{build}"

    def close(self) -> None:
        self._closed.set()
        if self._reading is not None:
            try:
                self.run(lambda conn: conn.execute("DELETE FROM readers WHERE id = %s", (self.reader_id,)), read=False)
            except Exception:  # the database may be gone; the heartbeat then times out by itself
                pass
        for pool in self._pools.values():
            pool.close()
        self._pools.clear()


class Unreachable(Exception):
    """The server at `url` refused a direct connection (`why`): down, not merely busy."""

    def __init__(self, url: str, why: str):
        super().__init__(url, why)
        self.url, self.why = url, why


def _configure(conn) -> None:
    """Every pooled connection: the HNSW search width and a statement time limit. (Vectors are
    read as halfvec_send() bytes and sent as float4[], so no type needs registering.)"""
    conn.execute("SELECT set_config('hnsw.ef_search', %s, false), set_config('statement_timeout', %s, false)",
                 (str(EF_SEARCH), str(STATEMENT_TIMEOUT_MS)))


def _profile(model: ModelInfo, chunking: dict) -> str:
    """What a document's rows depend on besides its text: rows are reused only when this matches."""
    return json.dumps({"model": model.id, "dim": model.dim, "chunking": chunking}, sort_keys=True)


def _try_lock(conn, patience: float = 0.0) -> bool:
    """Take the build lock if it is free, trying for up to `patience` seconds."""
    deadline = time.monotonic() + patience
    while True:
        if conn.execute("SELECT pg_try_advisory_lock(%s, hashtext(current_schema()))", (LOCK_CLASS,)).fetchone()[0]:
            return True
        if time.monotonic() >= deadline:
            return False
        time.sleep(0.05)


def _register(conn, reader: str, build: int) -> None:
    conn.execute("INSERT INTO readers (id, build, seen_at) VALUES (%s, %s, now()) "
                 "ON CONFLICT (id) DO UPDATE SET build = EXCLUDED.build, seen_at = now()", (reader, build))


def _cleanup(conn) -> None:
    """Under the build lock: forget silent servers, delete builds no one needs, then documents and
    texts no build holds (rows of an interrupted build, of removed builds)."""
    with conn.transaction():
        conn.execute("DELETE FROM readers WHERE seen_at < now() - make_interval(secs => %s)", (READER_TIMEOUT,))
        conn.execute(
            "DELETE FROM builds b WHERE b.id NOT IN (SELECT build FROM current_build) "
            "AND (b.retired_at IS NULL OR b.retired_at < now() - make_interval(secs => %s)) "
            "AND NOT EXISTS (SELECT 1 FROM readers r WHERE r.build = b.id)", (GRACE,))
        conn.execute("DELETE FROM documents d WHERE NOT EXISTS "
                     "(SELECT 1 FROM build_documents b WHERE b.document = d.id)")
        conn.execute("DELETE FROM texts t WHERE NOT EXISTS (SELECT 1 FROM documents d WHERE d.sha256 = t.sha256)")
