"""PostgreSQL for the index: connecting (with one-line errors that name the fix) and the schema.

Tables (in the connection's current schema, so one database can hold several indexes, one per
schema: `?options=-csearch_path%3Dmyindex,public`):

    seedbot_schema    the schema version (SCHEMA_VERSION); an older one is refused with the fix
    texts             sha256 -> a document's original text (what quotes are cut from)
    documents         one document's rows as made with one model and chunking (`profile`): reused
                      by every build that holds the same text, never modified once written
    chunks            (document, ordinal): file and cleaned-text offsets, cleaned text, BM25 length,
                      halfvec embedding; HNSW index per dimension (inner product)
    sentences         (document, ordinal): chunk ordinal, offsets, halfvec embedding (late-pooled)
    terms, postings   BM25's vocabulary, and (term, document, chunk) -> term frequency, chunk length
    builds            one row per build made current: manifest (jsonb), counts, average length
    build_documents   a build's documents in row order: file name, document, row offsets
    build_terms       (build, term) -> document frequency: idf is per build
    current_build     the one current build; `bot index` switches it in the transaction that
                      writes the build's rows, and NOTIFYs `seedbot_current`
    readers           servers and their build, with a heartbeat: old builds are removed once no
                      server has read them for READER_TIMEOUT seconds

Every statement takes its values as parameters; the few identifiers (index names) and integers
put into SQL text go through psycopg.sql.
"""

from __future__ import annotations

import os
import re
import socket
from urllib.parse import urlsplit

from bot.core.errors import IndexDamaged, IndexMismatch, IndexMissing
from bot.core.manifest import Manifest
from bot.core.settings import redact
from bot.store.base import StoreError

SCHEMA_VERSION = 1
CONNECT_TIMEOUT = 5  # seconds; an unreachable host fails fast instead of hanging a question
NOTIFY_CHANNEL = "seedbot_current"

DDL = """
CREATE TABLE IF NOT EXISTS seedbot_schema (version int NOT NULL);
CREATE TABLE IF NOT EXISTS texts (sha256 text PRIMARY KEY, text text NOT NULL);
CREATE TABLE IF NOT EXISTS documents (
    id bigserial PRIMARY KEY,
    sha256 text NOT NULL REFERENCES texts,
    profile text NOT NULL,
    size bigint NOT NULL,
    chunks int NOT NULL,
    sentences int NOT NULL,
    length_total bigint NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now());
CREATE INDEX IF NOT EXISTS documents_by_content ON documents (sha256, profile);
CREATE TABLE IF NOT EXISTS chunks (
    document bigint NOT NULL REFERENCES documents ON DELETE CASCADE,
    ordinal int NOT NULL,
    file_start int NOT NULL, file_end int NOT NULL, clean_start int NOT NULL, clean_end int NOT NULL,
    text text NOT NULL,
    length int NOT NULL,
    embedding halfvec NOT NULL,
    PRIMARY KEY (document, ordinal));
CREATE TABLE IF NOT EXISTS sentences (
    document bigint NOT NULL REFERENCES documents ON DELETE CASCADE,
    ordinal int NOT NULL,
    chunk int NOT NULL,
    file_start int NOT NULL, file_end int NOT NULL, clean_start int NOT NULL, clean_end int NOT NULL,
    embedding halfvec NOT NULL,
    PRIMARY KEY (document, ordinal));
CREATE TABLE IF NOT EXISTS terms (id serial PRIMARY KEY, term text NOT NULL UNIQUE);
CREATE TABLE IF NOT EXISTS postings (
    document bigint NOT NULL REFERENCES documents ON DELETE CASCADE,
    chunk int NOT NULL,
    term int NOT NULL,
    tf int NOT NULL,
    length int NOT NULL,
    PRIMARY KEY (document, chunk, term));
CREATE INDEX IF NOT EXISTS postings_by_term ON postings (term) INCLUDE (document, chunk, tf, length);
CREATE TABLE IF NOT EXISTS builds (
    id bigserial PRIMARY KEY,
    created_at timestamptz NOT NULL DEFAULT now(),
    retired_at timestamptz,
    manifest jsonb NOT NULL,
    chunks int NOT NULL,
    sentences int NOT NULL,
    average_length float8 NOT NULL);
CREATE TABLE IF NOT EXISTS build_documents (
    build bigint NOT NULL REFERENCES builds ON DELETE CASCADE,
    position int NOT NULL,
    source text NOT NULL,
    document bigint NOT NULL REFERENCES documents,
    chunk_offset int NOT NULL,
    sentence_offset int NOT NULL,
    PRIMARY KEY (build, position));
CREATE INDEX IF NOT EXISTS build_documents_by_document ON build_documents (document);
CREATE TABLE IF NOT EXISTS build_terms (
    build bigint NOT NULL REFERENCES builds ON DELETE CASCADE,
    term int NOT NULL,
    df int NOT NULL,
    PRIMARY KEY (build, term));
CREATE TABLE IF NOT EXISTS current_build (
    one boolean PRIMARY KEY DEFAULT true CHECK (one),
    build bigint NOT NULL REFERENCES builds);
CREATE TABLE IF NOT EXISTS readers (
    id text PRIMARY KEY,
    build bigint NOT NULL,
    seen_at timestamptz NOT NULL DEFAULT now());
"""
TABLES = ("readers", "current_build", "build_terms", "build_documents", "builds", "postings", "terms",
          "sentences", "chunks", "documents", "texts", "seedbot_schema")

EF_SEARCH = 200  # candidates walked in the HNSW graph; docs/benchmarks.md: recall@10 against exact search


def manifest(data, url: str) -> Manifest:
    """A build's manifest as the `builds` table holds it (jsonb); damage when it has the wrong shape."""
    try:
        return Manifest.from_json(data)
    except ValueError as error:
        raise IndexDamaged(f"the manifest of the current build in {where(url)} is unreadable ({error}); "
                           f"{fix_command(url)}") from None


def fix_command(url: str) -> str:
    return f"run `bot index --full --store '{redact(url)}'`"


def where(url: str) -> str:
    """host:port/database of a URL, for messages."""
    try:
        parts = urlsplit(url)
        return f"{parts.hostname or 'localhost'}:{parts.port or 5432}{parts.path or '/'}"
    except ValueError:
        return redact(url)


def conninfo(url: str) -> str:
    """The URL with a connect timeout (unless it names one) and an application name that says
    which process this is (shown in pg_stat_activity, and in `another rebuild is running`)."""
    from psycopg.conninfo import make_conninfo

    extra = {"application_name": f"seedbot pid {os.getpid()} on {socket.gethostname()}"[:63]}
    if "connect_timeout" not in url:
        extra["connect_timeout"] = CONNECT_TIMEOUT
    try:
        return make_conninfo(url, **extra)
    except Exception as error:  # psycopg.ProgrammingError: a malformed URL
        raise StoreError(f"the --store URL is not a valid PostgreSQL URL ({error})") from None


def explain(error: Exception, url: str) -> StoreError:
    """A database error as one line that names the fix."""
    text = " ".join(str(error).split())
    at = where(url)
    user = urlsplit(url).username or "(default user)"
    if "password authentication failed" in text or "no password supplied" in text:
        return StoreError(f"PostgreSQL at {at} refused the password for user {user}: correct the password "
                          "in the --store URL (or $BOT_STORE, or ~/.pgpass)")
    if re.search(r"database \".*\" does not exist", text):
        return StoreError(f"PostgreSQL at {at} has no such database: create it (`createdb`), or name an "
                          "existing one in the --store URL")
    if "extension \"vector\" is not available" in text or "could not open extension control file" in text:
        return StoreError(f"PostgreSQL at {at} has no pgvector extension: install pgvector on the database "
                          "server (package postgresql-NN-pgvector), then run `bot index --store URL` again")
    if "permission denied to create extension" in text or "must be owner of" in text:
        return StoreError(f"pgvector is not enabled in {at} and user {user} may not enable it: run "
                          "`CREATE EXTENSION vector;` there as a superuser")
    if "read-only transaction" in text or "recovery is in progress" in text:
        return StoreError(f"PostgreSQL at {at} is a read-only standby: builds go to the primary (--store, "
                          "$BOT_STORE); a standby is for BOT_STORE_READ")
    if any(s in text for s in ("Connection refused", "could not translate host name", "timeout expired",
                               "No route to host", "Name or service not known", "server closed the connection",
                               "terminating connection", "connection is closed", "consuming input failed",
                               "the database system is", "connection failed", "Network is unreachable")):
        return StoreError(f"cannot reach PostgreSQL at {at} ({_short(text)}): check that the server is up "
                          "and the host and port in --store; the question or build was not done, try again")
    return StoreError(f"PostgreSQL at {at} failed: {_short(text)}")


def _short(text: str) -> str:
    return text if len(text) < 200 else text[:200] + "..."


def ensure_schema(conn, url: str, rebuild: bool) -> None:
    """Create the extension and the tables (a writer), or refuse a schema of another version.
    `rebuild` (`bot index --full`) drops an older schema's tables first."""
    import psycopg

    version = schema_version(conn)
    if version is not None and version != SCHEMA_VERSION:
        if version > SCHEMA_VERSION or not rebuild:
            raise schema_mismatch(version, url)
        with conn.transaction():
            for table in TABLES:
                conn.execute(psycopg.sql.SQL("DROP TABLE IF EXISTS {} CASCADE").format(psycopg.sql.Identifier(table)))
        version = None
    try:
        conn.execute("CREATE EXTENSION IF NOT EXISTS vector")
    except psycopg.Error as error:
        raise explain(error, url) from None
    if version is None:
        with conn.transaction():
            conn.execute("SELECT pg_advisory_xact_lock(hashtext(current_schema() || ' schema'))")
            conn.execute(DDL)
            if conn.execute("SELECT count(*) FROM seedbot_schema").fetchone()[0] == 0:
                conn.execute("INSERT INTO seedbot_schema (version) VALUES (%s)", (SCHEMA_VERSION,))


def schema_version(conn) -> int | None:
    """The schema version recorded in the database, None when it has no seedbot tables yet."""
    exists = conn.execute("SELECT to_regclass('seedbot_schema') IS NOT NULL").fetchone()[0]
    if not exists:
        return None
    row = conn.execute("SELECT max(version) FROM seedbot_schema").fetchone()
    return row[0] if row and row[0] is not None else None


def schema_mismatch(version: int, url: str) -> IndexMismatch:
    if version > SCHEMA_VERSION:
        return IndexMismatch(f"the index in {where(url)} has schema {version}, newer than this seedbot "
                             f"reads ({SCHEMA_VERSION}): upgrade seedbot")
    return IndexMismatch(f"the index in {where(url)} has schema {version}, older than this seedbot reads "
                         f"({SCHEMA_VERSION}); {fix_command(url)}")


def check_readable(conn, url: str) -> None:
    """Refuse a database without a seedbot index, or with another schema version."""
    version = schema_version(conn)
    if version is None:
        raise IndexMissing(f"no index in {where(url)}: run `bot index --store '{redact(url)}'` to build one")
    if version != SCHEMA_VERSION:
        raise schema_mismatch(version, url)
