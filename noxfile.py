"""Developer sessions.  The default test run is ``pytest`` (see README);
long campaigns (benchmarks, fuzzing, conformance history) live here so they
never slow down CI.

Each session is a thin wrapper around a module entry point, so the same
command also works without nox (``python -m bench ...``).
"""

from __future__ import annotations

import nox

nox.options.sessions = ["lint", "tests"]
nox.options.reuse_existing_virtualenvs = True

PY = "3.11"


def _install(session: nox.Session, extras: str) -> None:
    session.install("-e", f".[{extras}]")


@nox.session(python=PY)
def tests(session: nox.Session) -> None:
    """The default run: unit tests and the spec suite on nanowasm."""
    _install(session, "harness,fuzz,reports")
    session.run("pytest", "-n", "auto", *session.posargs)


@nox.session(python=PY)
def spec(session: nox.Session) -> None:
    """The spec suite only; pass ``-- --engine wasmtime`` for another engine."""
    _install(session, "harness")
    session.run("pytest", "spec", "-n", "auto", *session.posargs)


@nox.session(python=PY)
def lint(session: nox.Session) -> None:
    session.install("ruff==0.17.6")  # the version pinned in the dev extra
    session.run("ruff", "check", ".")
    session.run("ruff", "format", "--check", ".")


@nox.session(python=PY)
def types(session: nox.Session) -> None:
    _install(session, "dev,harness,fuzz,reports,bench")  # mypy sees every package's types
    session.run("mypy")


@nox.session(python=PY)
def bench(session: nox.Session) -> None:
    """One bench session (kernels, bench/programs, startup figures): ``nox -s bench -- OPTIONS``.

    Every option is ``python -m bench``'s (they are passed through), e.g.
    ``nox -s bench -- --lock /work/.suite.lock --suite --publish``.
    """
    _install(session, "bench")
    session.run("python", "-m", "bench", *session.posargs)


@nox.session(python=PY)
def fuzz(session: nox.Session) -> None:
    """Coverage-guided fuzzing: ``nox -s fuzz -- <target> --time SECONDS``."""
    _install(session, "fuzz")
    session.run("python", "-m", "fuzz", *session.posargs)


@nox.session(python=PY)
def diff(session: nox.Session) -> None:
    """Differential campaign against wasmtime: ``nox -s diff -- --time 1800 --config wasm2``."""
    _install(session, "fuzz")
    session.run("python", "-m", "fuzz.diff", *session.posargs)


@nox.session(python=PY)
def conformance(session: nox.Session) -> None:
    """Run the suite and append the record to reports/history.jsonl, then redraw the plots."""
    _install(session, "harness,reports,bench")
    session.run("python", "-m", "reports", "record", *session.posargs)
