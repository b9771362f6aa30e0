"""A throw-away PostgreSQL server for the team-mode tests: Debian's binaries, a temporary data directory.

:func:`start` runs ``initdb`` and ``pg_ctl start`` on a free loopback port
with trust authentication (loopback only, and the data directory is deleted
afterwards), ``fsync`` off (the tests do not pull the plug on PostgreSQL) and
a socket directory of its own.  PostgreSQL refuses to run as root: when the
tests run as root, the server runs as the ``postgres`` system user the
Debian package creates (or ``nobody``), and the data directory belongs to it.

When no server can be started (no binaries, no unprivileged user) the
reason is kept in :data:`UNAVAILABLE` and the PostgreSQL tests are skipped
with it; ``make test`` installs Debian's ``postgresql`` so that on a fresh
Debian machine they run.
"""
from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

SUPERUSER = "docmanager_admin"


def _bin_dir() -> Optional[Path]:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(p.split("/")[4]))
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Server:
    data: Path
    port: int
    bin: Path
    user: Optional[str]  # the system user the server runs as (None: ourselves)
    base: Path

    @property
    def admin_url(self) -> str:
        return f"postgresql://{SUPERUSER}@127.0.0.1:{self.port}/postgres"

    def url(self, database: str, user: str = SUPERUSER) -> str:
        return f"postgresql://{user}@127.0.0.1:{self.port}/{database}"

    def _run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        return subprocess.run([str(self.bin / args[0]), *args[1:]], capture_output=True, text=True, check=check,
                              user=self.user, timeout=120)

    def create_database(self, prefix: str = "dm") -> str:
        """A new empty database; returns its URL (as the superuser)."""
        import psycopg

        name = f"{prefix}_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(f"host=127.0.0.1 port={self.port} user={SUPERUSER} dbname=postgres",
                             autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}" TEMPLATE template0 ENCODING \'UTF8\'')
        return self.url(name)

    def stop(self) -> None:
        self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop", check=False)
        shutil.rmtree(self.base, ignore_errors=True)


UNAVAILABLE: Optional[str] = None


def start() -> Server:
    """Start a server or raise RuntimeError saying why none can run here."""
    bin_dir = _bin_dir()
    if bin_dir is None:
        raise RuntimeError("PostgreSQL's initdb is not installed (Debian package postgresql)")
    user: Optional[str] = None
    if os.geteuid() == 0:
        for name in ("postgres", "nobody"):
            try:
                pwd.getpwnam(name)
                user = name
                break
            except KeyError:
                continue
        if user is None:
            raise RuntimeError("running as root and no unprivileged user (postgres, nobody) to run PostgreSQL")
    base = Path(tempfile.mkdtemp(prefix="docmanager-pg-"))
    data, sockets = base / "data", base / "sockets"
    sockets.mkdir()
    if user is not None:
        entry = pwd.getpwnam(user)
        os.chown(base, entry.pw_uid, entry.pw_gid)
        os.chown(sockets, entry.pw_uid, entry.pw_gid)
    port = _free_port()
    server = Server(data, port, bin_dir, user, base)
    try:
        server._run("initdb", "-D", str(data), "-U", SUPERUSER, "-A", "trust", "-E", "UTF8", "--no-locale",
                    "--no-sync")
        options = (f"-p {port} -k {sockets} -c listen_addresses=127.0.0.1 -c fsync=off "
                   "-c synchronous_commit=off -c full_page_writes=off -c max_connections=60")
        server._run("pg_ctl", "-D", str(data), "-l", str(base / "server.log"), "-o", options, "-w", "start")
    except subprocess.CalledProcessError as exc:
        log = (base / "server.log").read_text(errors="replace")[-2000:] if (base / "server.log").exists() else ""
        shutil.rmtree(base, ignore_errors=True)
        raise RuntimeError(f"PostgreSQL did not start: {exc.stderr.strip() or exc}\n{log}") from None
    return server
