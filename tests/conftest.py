"""Shared fixtures: real project folders on disk and a CLI runner."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parents[1]


@dataclass
class CliResult:
    status: int
    out: str
    err: str

    @property
    def json(self):
        return json.loads(self.out)


@pytest.fixture
def cli(capsys):
    """Run ``docmanager ARGS`` in this process; returns status, stdout, stderr."""
    from docmanager.cli import main

    def run(*args: str) -> CliResult:
        capsys.readouterr()
        try:
            status = main([str(a) for a in args])
        except SystemExit as exc:  # --version, --help
            status = exc.code or 0
        captured = capsys.readouterr()
        return CliResult(status, captured.out, captured.err)

    return run


def run_cli_process(*args: str, env: dict | None = None, timeout: float = 300) -> CliResult:
    """Run the CLI as its own process, as a user or a script would."""
    full_env = dict(os.environ, **(env or {}))
    proc = subprocess.run([sys.executable, str(ROOT / "main.py"), *map(str, args)], capture_output=True,
                          text=True, env=full_env, timeout=timeout)
    return CliResult(proc.returncode, proc.stdout, proc.stderr)


# ------------------------------------------------------------------ back ends
# A test module with ``BOTH_BACKENDS = True`` runs every test that uses the
# ``project`` (or ``project_dir``) fixture twice: on a SQLite project file and
# on a team catalogue in a real PostgreSQL server (tests/pgserver.py).


def pytest_generate_tests(metafunc):
    if getattr(metafunc.module, "BOTH_BACKENDS", False) and "backend" in metafunc.fixturenames:
        metafunc.parametrize("backend", ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)],
                             indirect=True)


@pytest.fixture
def backend(request):
    """The catalogue's database: "sqlite" unless the module asks for both."""
    return getattr(request, "param", "sqlite")


@pytest.fixture(scope="session")
def pg_server():
    """A PostgreSQL server of the test session's own, on loopback (skipped, with the reason, if none can run)."""
    from tests import pgserver

    try:
        server = pgserver.start()
    except RuntimeError as exc:
        pytest.skip(f"no PostgreSQL server for the team-mode tests: {exc}")
    yield server
    server.stop()


@pytest.fixture
def pg_url(pg_server):
    """The URL of a new, empty database on the test server."""
    return pg_server.create_database()


@pytest.fixture
def project_dir(tmp_path, cli, backend, request):
    path = tmp_path / "Film"
    args = ["init", path, "--json"]
    if backend == "postgresql":
        args += ["--db", request.getfixturevalue("pg_url")]
    r = cli(*args)
    assert r.status == 0, r.out + r.err
    return path


@pytest.fixture
def project(project_dir):
    from docmanager.project import Project

    p = Project.open(project_dir)
    yield p
    p.close()


@pytest.fixture(scope="session")
def demo_master(tmp_path_factory):
    """The demo project, generated once per test session (real ffmpeg footage)."""
    from docmanager.demo import create_demo

    path = tmp_path_factory.mktemp("demo") / "Demo"
    report = create_demo(path)
    assert report.ok, report.failed
    return path


@pytest.fixture
def demo_project(demo_master, tmp_path):
    """A private copy of the demo project that a test may change."""
    import shutil

    path = tmp_path / "Demo"
    shutil.copytree(demo_master, path)
    return path
