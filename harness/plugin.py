"""pytest plugin: the official spec scripts as test items under ``spec/``.

Loaded for every pytest run (``addopts = -p harness.plugin``), so this module
imports nothing heavy; the engine and the suite are touched only when paths
under ``spec/`` are collected.

``spec/<path>.wast`` are *virtual* paths: they name scripts of the suite
folder (``--testsuite`` / ``$NANOWASM_TESTSUITE`` / ``../shared/wasm-testsuite``).
Arguments naming them (``pytest spec/i32.wast``, ``spec/proposals/threads``,
``spec/i32.wast::line_37_assert_return_add``) are turned into a selection
inside the real ``spec`` folder before pytest looks for them on disk.
"""

from __future__ import annotations

import fnmatch
import os
import signal
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

SPEC_DIRNAME = "spec"
SELECTION = pytest.StashKey[dict[str, Any]]()
WAST_PROP = "wast"


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("spec suite (harness)")
    group.addoption("--engine", default="nanowasm",
                    help="engine adapter: nanowasm (default), wasmtime, an entry point of "
                         "group nanowasm.engines, or pkg.module:Class")
    group.addoption("--testsuite", default=None,
                    help="folder of the WebAssembly test suite (default: $NANOWASM_TESTSUITE "
                         "or ../shared/wasm-testsuite)")
    group.addoption("--converter", default="native", choices=["native", "wasm-tools"],
                    help="how .wast scripts become commands and binaries: native (nanowasm's "
                         "text front end, default) or wasm-tools (json-from-wast)")
    group.addoption("--record", default=None,
                    help="where to write the JSON record of the run "
                         "(default .cache/last-run.json; 'none' to disable)")
    group.addoption("--item-timeout", type=float, default=60.0,
                    help="time bound of one spec item in seconds (0: none)")
    group.addoption("--no-xfail-list", action="store_true",
                    help="ignore spec/xfail/<engine>.toml (see every failure)")
    group.addoption("--xfail-list", default=None,
                    help="expected-failure list to use instead of spec/xfail/<engine>.toml")


# -- xdist: one script per worker ------------------------------------------------


@pytest.hookimpl(tryfirst=True)
def pytest_cmdline_main(config: pytest.Config) -> None:
    """With ``-n``, default to ``--dist loadfile`` so a script stays on one worker
    (an explicit ``--dist`` wins; items then replay what they depend on)."""
    opt = config.option
    if getattr(opt, "numprocesses", None) and getattr(opt, "dist", None) == "no":
        opt.dist = "loadfile"


# -- virtual paths under spec/ ----------------------------------------------------


def _spec_root(config: pytest.Config) -> Path:
    return config.rootpath / SPEC_DIRNAME


@pytest.hookimpl(tryfirst=True)
def pytest_collection(session: pytest.Session) -> None:
    config = session.config
    spec = _spec_root(config)
    selection: dict[str, Any] = {"all": False, "prefixes": set(), "items": set()}
    new_args: list[str] = []
    touched = False
    for arg in config.args:
        path_part, sep, rest = arg.partition("::")
        path = Path(path_part)
        if not path.is_absolute():
            path = config.invocation_params.dir / path
        path = Path(os.path.normpath(path))
        if path == spec and not sep:
            selection["all"] = True
        elif spec in path.parents and not path.exists():
            rel = path.relative_to(spec).as_posix()
            if sep:
                selection["items"].add(f"{rel}::{rest}")
            else:
                selection["prefixes"].add(rel)
            touched = True
            continue
        new_args.append(arg)
    if touched and str(spec) not in new_args:
        new_args.append(str(spec))
    config.args[:] = new_args
    if not touched:
        selection["all"] = True
    config.stash[SELECTION] = selection


def _selected(config: pytest.Config, rel: str) -> bool:
    sel = config.stash.get(SELECTION, {"all": True})
    if sel["all"]:
        return True
    for p in sel["prefixes"]:
        if rel == p or rel.startswith(p.rstrip("/") + "/"):
            return True
    return any(item.split("::", 1)[0] == rel for item in sel["items"])


def pytest_collect_directory(path: Path, parent: pytest.Collector) -> pytest.Collector | None:
    if path == _spec_root(parent.config):
        return SpecDir.from_parent(parent, path=path)
    return None


class SpecDir(pytest.Dir):
    """The ``spec`` folder: its real files plus one node per suite script."""

    def collect(self) -> Iterator[pytest.Item | pytest.Collector]:
        yield from super().collect()
        from .suite import convert_with, list_scripts, suite_dir

        config = self.config
        root = suite_dir(config.getoption("testsuite"))
        if not root.is_dir():
            raise pytest.UsageError(
                f"spec suite not found at {root}: set NANOWASM_TESTSUITE or --testsuite "
                "to a checkout of https://github.com/WebAssembly/testsuite")
        scripts = [s for s in list_scripts(root) if _selected(config, s)]
        converter = config.getoption("converter")
        if converter == "native":  # in process (the cache makes reruns cheap)
            converted = [convert_with(converter, root / s) for s in scripts]
        else:
            # convert in parallel up front (subprocesses; the cache is shared by workers)
            from concurrent.futures import ThreadPoolExecutor
            with ThreadPoolExecutor(max_workers=max(2, os.cpu_count() or 2)) as pool:
                converted = list(pool.map(lambda s: convert_with(converter, root / s), scripts))
        for rel, conv in zip(scripts, converted, strict=True):
            yield WastFile.from_parent(self, path=self.path / rel, rel=rel, converted=conv)


# -- engine, shared by all scripts of a worker -----------------------------------

_ENGINE: dict[str, Any] = {}


def get_engine(config: pytest.Config) -> Any:
    """The adapter for ``--engine``; a failure to load is re-raised per item."""
    name = config.getoption("engine")
    if name not in _ENGINE:
        try:
            from .engines import load_engine
            _ENGINE[name] = load_engine(name)
        except Exception as e:  # an engine that does not load fails items, not the run
            _ENGINE[name] = e
    got = _ENGINE[name]
    if isinstance(got, Exception):
        raise EngineLoadError(f"engine {name!r} failed to load: {type(got).__name__}: {got}")
    return got


class EngineLoadError(Exception):
    pass


# -- expected failures --------------------------------------------------------------


def load_xfail(config: pytest.Config) -> list[tuple[str, str]]:
    """``spec/xfail/<engine>.toml``: ``"<script>::<item>" = "reason"`` (globs allowed)."""
    if config.getoption("no_xfail_list"):
        return []
    key = "_harness_xfail"
    if not hasattr(config, key):
        import tomllib
        name = config.getoption("engine").replace(":", "_").replace("/", "_")
        chosen = config.getoption("xfail_list")
        f = Path(chosen) if chosen else _spec_root(config) / "xfail" / f"{name}.toml"
        entries: list[tuple[str, str]] = []
        if f.is_file():
            data = tomllib.loads(f.read_text())
            for section in data.values():
                if isinstance(section, dict):
                    entries.extend((k, str(v)) for k, v in section.items())
        setattr(config, key, entries)
    return getattr(config, key)


def _xfail_reason(entries: list[tuple[str, str]], ident: str) -> str | None:
    exact, globs = _split_entries(entries)
    if ident in exact:
        return exact[ident]
    for pattern, reason in globs:
        if fnmatch.fnmatchcase(ident, pattern):
            return reason
    return None


_SPLIT: dict[int, tuple[dict[str, str], list[tuple[str, str]]]] = {}


def _split_entries(entries: list[tuple[str, str]]
                   ) -> tuple[dict[str, str], list[tuple[str, str]]]:
    """Exact ids in a dict (lists hold thousands of entries), globs apart."""
    key = id(entries)
    if key not in _SPLIT:
        exact = {p: r for p, r in entries if not any(c in p for c in "*?[")}
        globs = [(p, r) for p, r in entries if p not in exact]
        _SPLIT.clear()
        _SPLIT[key] = (exact, globs)
    return _SPLIT[key]


# -- nodes --------------------------------------------------------------------------


class WastFile(pytest.File):
    """One ``.wast`` script; its items share one :class:`ScriptRunner`."""

    def __init__(self, *, rel: str, converted: Any, **kw: Any) -> None:
        super().__init__(**kw)
        self.rel = rel
        self.converted = converted
        self._runner: Any = None
        self._commands: list[Any] = []

    def collect(self) -> Iterator[pytest.Item]:
        from .runner import commands_of

        entries = load_xfail(self.config)
        sel = self.config.stash.get(SELECTION, {"all": True, "items": set()})
        wanted = {i.split("::", 1)[1] for i in sel.get("items", ()) if
                  i.split("::", 1)[0] == self.rel}
        if self.converted.error is not None:
            # a converter that is missing or refuses the script fails it (never a skip)
            first = self.converted.error.strip().splitlines()[0] if self.converted.error else ""
            converter = self.config.getoption("converter")
            yield WastItem.from_parent(self, name="unconverted", command=None,
                                       kind="unconverted", line=0,
                                       reason=f"converter {converter} cannot convert this "
                                              f"script: {first}")
            return
        self._commands = commands_of(self.converted)
        for cmd in self._commands:
            if wanted and cmd.name not in wanted:
                continue
            item = WastItem.from_parent(self, name=cmd.name, command=cmd, kind=cmd.kind,
                                        line=cmd.line)
            reason = _xfail_reason(entries, f"{self.rel}::{cmd.name}")
            if reason is not None:
                item.add_marker(pytest.mark.xfail(reason=reason, strict=True))
            yield item

    def runner(self) -> Any:
        if self._runner is None:
            from .runner import ScriptRunner
            engine = get_engine(self.config)
            self._runner = ScriptRunner(self.converted, engine, f"{SPEC_DIRNAME}/{self.rel}")
        return self._runner

    def teardown(self) -> None:
        self._runner = None  # free the script's instances


class ItemTimeout(BaseException):
    """A BaseException so that no engine or replay code swallows it."""

    pass


@contextmanager
def time_bound(seconds: float) -> Iterator[None]:
    """Raise :class:`ItemTimeout` in the main thread after ``seconds``."""
    import threading
    if seconds <= 0 or threading.current_thread() is not threading.main_thread():
        yield
        return

    def on_alarm(signum: int, frame: Any) -> None:
        raise ItemTimeout(f"item exceeded its time bound of {seconds:g} s (--item-timeout)")

    old = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


class WastItem(pytest.Item):
    def __init__(self, *, command: Any, kind: str, line: int, reason: str | None = None,
                 **kw: Any) -> None:
        super().__init__(**kw)
        self.command = command
        self.reason = reason
        parent: WastFile = self.parent  # type: ignore[assignment]
        self.user_properties.append(
            (WAST_PROP, {"file": parent.rel, "line": line, "kind": kind}))

    def runtest(self) -> None:
        from .runner import Failure, Skipped

        parent: WastFile = self.parent  # type: ignore[assignment]
        if self.command is None:
            raise WastFailure(f"{SPEC_DIRNAME}/{parent.rel}: {self.reason or 'not converted'}")
        runner = parent.runner()
        self.user_properties.append(("engine_version", str(getattr(runner.engine, "version", ""))))
        start = time.perf_counter()
        try:
            with time_bound(self.config.getoption("item_timeout")):
                outcome = runner.run(self.command, parent._commands)
        except Skipped as e:
            pytest.skip(str(e))
        except Failure as e:
            raise WastFailure(str(e)) from None
        finally:
            self.user_properties.append(("duration", time.perf_counter() - start))
        if outcome.message_matched is not None:
            self.user_properties.append(("message", {
                "matched": outcome.message_matched, "expected": outcome.message_expected,
                "actual": outcome.message_actual}))

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException], style: Any = None) -> Any:
        if isinstance(excinfo.value, WastFailure | ItemTimeout | EngineLoadError):
            return str(excinfo.value)
        import traceback
        where = f"{SPEC_DIRNAME}/{self.parent.rel}:{self.command.line if self.command else 0}"  # type: ignore[attr-defined]
        tail = "".join(traceback.format_exception(excinfo.value, limit=-8))
        return f"{where}: engine crashed: {excinfo.typename}: {excinfo.value}\n{tail}"

    def reportinfo(self) -> tuple[Path, int | None, str]:
        line = self.command.line if self.command else 0
        return self.path, line - 1 if line else None, f"{self.parent.rel}:{line} {self.name}"  # type: ignore[attr-defined]


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Any:
    """Skips of spec items point at the script line, not at this plugin."""
    report = yield
    if isinstance(item, WastItem) and report.skipped and isinstance(report.longrepr, tuple):
        line = item.command.line if item.command else 0
        report.longrepr = (f"{SPEC_DIRNAME}/{item.parent.rel}", line, report.longrepr[2])  # type: ignore[attr-defined]
    return report


class WastFailure(AssertionError):
    pass


# -- summary and record (on the controller) ----------------------------------------

_STATS_KEY = pytest.StashKey[Any]()


def pytest_configure(config: pytest.Config) -> None:
    if hasattr(config, "workerinput"):
        return  # an xdist worker: the controller aggregates
    config.stash[_STATS_KEY] = None


def _stats(config: pytest.Config) -> Any:
    if _STATS_KEY not in config.stash:
        return None
    if config.stash[_STATS_KEY] is None:
        from .summary import RunStats
        config.stash[_STATS_KEY] = RunStats()
    return config.stash[_STATS_KEY]


@pytest.hookimpl(trylast=True)
def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    props = dict(report.user_properties)
    if WAST_PROP not in props:
        return
    if report.passed and report.when != "call" and not report.sections and _CONFIG:
        # pytest keeps every passing setup/teardown report and scans them all once
        # per failure when printing failures: quadratic for a suite of 60k items
        reporter = _CONFIG[0].pluginmanager.get_plugin("terminalreporter")
        kept = getattr(reporter, "stats", {}).get("")
        if kept and kept[-1] is report:
            kept.pop()
    stats = _stats(_CONFIG[0]) if _CONFIG else None
    if stats is not None:
        stats.add_report(report, props)


_CONFIG: list[pytest.Config] = []


@pytest.hookimpl(tryfirst=True)
def pytest_sessionstart(session: pytest.Session) -> None:
    _CONFIG[:] = [session.config]


def pytest_terminal_summary(terminalreporter: Any, exitstatus: int, config: pytest.Config) -> None:
    stats = config.stash.get(_STATS_KEY, None)
    if stats is None or not stats.total():
        return
    from .summary import build_record, format_summary, write_record
    record = build_record(stats, config)
    terminalreporter.write_sep("=", f"spec conformance: {record['engine']}")
    for line in format_summary(record):
        terminalreporter.write_line(line)
    where = config.getoption("record")
    if where != "none":
        path = Path(where) if where else config.rootpath / ".cache" / "last-run.json"
        write_record(record, path)
        terminalreporter.write_line(f"record written to {path}")


def pytest_unconfigure(config: pytest.Config) -> None:
    """Release engine objects while their libraries are still loaded (wasmtime's
    finalizers fail noisily at interpreter exit otherwise)."""
    if _ENGINE:
        import gc
        _ENGINE.clear()
        gc.collect()
