"""A real, throwaway PostgreSQL server for the store's PostgreSQL tests, started and stopped by the tests.

The server listens only on a Unix socket in its own temporary folder (no TCP), trusts every local connection,
and is stopped at the end of the session. PostgreSQL refuses to run as root, so as root the server runs as an
unprivileged user (`postgres` where the Debian package made one, else `nobody`) that owns the folder.
Without the binaries the PostgreSQL tests are skipped: install Debian's package with `apt-get install postgresql`.
"""

from __future__ import annotations

import glob
import os
import pwd
import shlex
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

USER = "quotewise"  # the server's superuser
INSTALL_HINT = (
    "PostgreSQL server binaries (initdb, pg_ctl) not found on PATH or under /usr/lib/postgresql/*/bin: "
    "install Debian's postgresql package (`apt-get install postgresql`) to run the PostgreSQL tests"
)


def _binaries() -> tuple[str, str] | None:
    """initdb and pg_ctl: from PATH, else from the newest /usr/lib/postgresql/N/bin."""
    initdb, pg_ctl = shutil.which("initdb"), shutil.which("pg_ctl")
    if initdb and pg_ctl:
        return initdb, pg_ctl

    def version(folder: str) -> tuple[int, ...]:
        name = Path(folder).parent.name
        return tuple(int(p) for p in name.split(".") if p.isdigit()) or (0,)

    for folder in sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=version, reverse=True):
        initdb, pg_ctl = os.path.join(folder, "initdb"), os.path.join(folder, "pg_ctl")
        if os.access(initdb, os.X_OK) and os.access(pg_ctl, os.X_OK):
            return initdb, pg_ctl
    return None


def _server_user() -> str | None:
    """Who runs the server: None for ourselves, or an unprivileged account when we are root."""
    if os.geteuid() != 0:
        return None
    for name in ("postgres", "nobody"):
        try:
            pwd.getpwnam(name)
        except KeyError:
            continue
        return name
    pytest.fail("running as root, and there is neither a 'postgres' nor a 'nobody' user to run PostgreSQL as")


def _as(user: str | None, command: list[str]) -> list[str]:
    if user is None:
        return command
    if shutil.which("runuser"):
        return ["runuser", "-u", user, "--", *command]
    return ["su", "-s", "/bin/sh", user, "-c", " ".join(map(shlex.quote, command))]


def _locale() -> list[str]:
    # Pinned, so collation and lower() don't follow whatever $LANG the machine has: C.UTF-8 (code-point order,
    # Unicode case mapping) where the C library has it, else plain C.
    try:
        listed = subprocess.run(["locale", "-a"], capture_output=True, text=True, timeout=10, check=False).stdout
    except OSError:
        listed = ""
    names = {line.strip().lower().replace("-", "") for line in listed.splitlines()}
    return ["--locale=C.UTF-8"] if "c.utf8" in names else ["--no-locale"]


def _free_port() -> int:
    # Only names the socket file (.s.PGSQL.<port>), but a port free on TCP too keeps the choice unsurprising.
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _run(command: list[str], cwd: str, what: str, log: str | None = None) -> None:
    done = subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=120, check=False)
    if done.returncode != 0:
        server_log = Path(log).read_text(errors="replace") if log and os.path.exists(log) else ""
        pytest.fail(f"{what} failed ({done.returncode}): {shlex.join(command)}\n{done.stdout}\n{done.stderr}\n"
                    + (f"server log:\n{server_log}" if server_log else ""))


def _url(socket_dir: str, port: int, database: str) -> str:
    return f"postgresql://{USER}@/{database}?host={socket_dir}&port={port}"


def _admin(url: str, statement: str) -> None:
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(statement)


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[tuple[str, int]]:
    """A running server: (socket folder, port). Stopped, and its files removed, after the session."""
    found = _binaries()
    if found is None:
        pytest.skip(INSTALL_HINT)
    initdb, pg_ctl = found
    user = _server_user()
    # Not pytest's tmp_path: its folders are private to us, and an unprivileged server could not reach them.
    # Under /tmp, too, so the socket's path stays well inside the length a Unix socket's path may have.
    base = tempfile.mkdtemp(prefix="quotewise-pg-", dir="/tmp" if os.path.isdir("/tmp") else None)
    data, log = os.path.join(base, "data"), os.path.join(base, "server.log")
    started = False
    try:
        if user is not None:
            shutil.chown(base, user=user)
        _run(_as(user, [initdb, "-D", data, "-U", USER, "--auth=trust", "-E", "UTF8", *_locale()]), base, "initdb")
        port = _free_port()
        options = f"-k {shlex.quote(base)} -p {port} -c listen_addresses='' -c fsync=off -c full_page_writes=off"
        started = True
        _run(_as(user, [pg_ctl, "-D", data, "-l", log, "-w", "-t", "60", "-o", options, "start"]), base,
             "pg_ctl start", log)
        yield base, port
    finally:
        if started:
            subprocess.run(_as(user, [pg_ctl, "-D", data, "-m", "immediate", "-w", "stop"]), cwd=base,
                           capture_output=True, timeout=60, check=False)
        shutil.rmtree(base, ignore_errors=True)


@pytest.fixture(scope="session")
def postgres_url(postgres_server: tuple[str, int]) -> str:
    """A postgresql:// URL (as `--db` takes it) of a database on the throwaway server, for the whole session."""
    socket_dir, port = postgres_server
    _admin(_url(socket_dir, port, "postgres"), "CREATE DATABASE quotewise_session")
    return _url(socket_dir, port, "quotewise_session")


@pytest.fixture
def pg_store_url(postgres_server: tuple[str, int]) -> Iterator[str]:
    """A fresh, empty database for one test, so no test sees another's rows; dropped afterwards."""
    socket_dir, port = postgres_server
    name = f"quotewise_{uuid.uuid4().hex[:16]}"
    admin = _url(socket_dir, port, "postgres")
    _admin(admin, f"CREATE DATABASE {name}")
    yield _url(socket_dir, port, name)
    _admin(admin, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.fixture(params=["sqlite", "postgresql"])
def new_store(request, tmp_path):
    """An empty store on each database: SQLite in a temporary folder, PostgreSQL on the throwaway server."""
    from quotewise.corpus.store import Store

    location = str(tmp_path / "new.db") if request.param == "sqlite" else request.getfixturevalue("pg_store_url")
    opened = Store.open(location)
    yield opened
    opened.close()
