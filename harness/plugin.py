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
    group.addoption(
        "--engine",
        default="nanowasm",
        help="engine adapter: nanowasm (default), wasmtime, an entry point of "
        "group nanowasm.engines, or pkg.module:Class",
    )
    group.addoption(
        "--testsuite",
        default=None,
        help="folder of the WebAssembly test suite (default: $NANOWASM_TESTSUITE "
        "or ../shared/wasm-testsuite)",
    )
    group.addoption(
        "--converter",
        default="native",
        choices=["native", "wasm-tools"],
        help="how .wast scripts become commands and binaries: native (nanowasm's "
        "text front end, default) or wasm-tools (json-from-wast)",
    )
    group.addoption(
        "--record",
        default=None,
        help="where to write the JSON record of the run "
        "(default .cache/last-run.json for a complete run of the whole "
        "suite, .cache/last-partial-run.json otherwise; other engines "
        "add -<engine>; 'none' to disable)",
    )
    group.addoption(
        "--item-timeout",
        type=float,
        default=60.0,
        help="time bound of one spec item in seconds (0: none)",
    )
    group.addoption(
        "--no-xfail-list",
        action="store_true",
        help="ignore spec/xfail/<engine>.toml (see every failure)",
    )
    group.addoption(
        "--missing-feature",
        default=None,
        metavar="FEATURE",
        help="nanowasm only: also check that each module is refused with FEATURE "
        "disabled exactly when wasm-tools refuses it (harness/missing.py)",
    )
    group.addoption(
        "--all-phase-reports",
        action="store_true",
        help="log every spec item's setup and teardown report, also the passed, "
        "empty ones that no known plugin reads (harness/protocol.py)",
    )
    group.addoption(
        "--xfail-list",
        default=None,
        help="expected-failure list to use instead of spec/xfail/<engine>.toml",
    )


# -- xdist: one script per worker ------------------------------------------------


@pytest.hookimpl(tryfirst=True)
def pytest_cmdline_main(config: pytest.Config) -> None:
    """With ``-n``, default to ``--dist loadfile`` so a script stays on one worker
    (an explicit ``--dist`` wins; items then replay what they depend on)."""
    opt = config.option
    if getattr(opt, "numprocesses", None) and getattr(opt, "dist", None) == "no":
        opt.dist = "loadfile"


@pytest.hookimpl(optionalhook=True, tryfirst=True)
def pytest_xdist_make_scheduler(config: pytest.Config, log: Any) -> Any:
    """``--dist loadfile`` by :class:`harness.scheduler.FastLoadFileScheduling`:
    the same schedule as xdist's, without its per-event cost that grows with
    the run (minutes of the controller's CPU on the whole suite)."""
    if config.getvalue("dist") != "loadfile":
        return None
    from .scheduler import FastLoadFileScheduling, fits_this_xdist

    if not fits_this_xdist():
        return None  # another xdist: its own scheduler, slower but right
    return FastLoadFileScheduling(config, log)


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
    wanted = touched or selection["all"]
    if touched and str(spec) not in new_args:
        new_args.append(str(spec))
    config.args[:] = new_args
    if not touched:
        selection["all"] = True
    config.stash[SELECTION] = selection
    if wanted and not hasattr(config, "workerinput"):
        _convert_up_front(config)


def _convert_up_front(config: pytest.Config) -> None:
    """Convert the selected scripts on the controller, with live progress.

    A cold cache takes ~90 s before the first item runs; doing it here, once,
    shows what happens (``converting .wast scripts: 120/257 ...``) instead of a
    silent "collecting", and xdist workers then find every conversion cached.
    """
    from concurrent.futures import ThreadPoolExecutor

    from .progress import Progress
    from .suite import convert_with, list_scripts, suite_dir

    converter = config.getoption("converter")
    root = suite_dir(config.getoption("testsuite"))
    if not root.is_dir():
        return  # reported as a usage error at collection
    scripts = [s for s in list_scripts(root) if _selected(config, s)]
    capman = config.pluginmanager.getplugin("capturemanager")
    with capman.global_and_fixture_disabled() if capman else _nothing():
        import sys

        with (
            Progress(
                "converting .wast scripts",
                len(scripts),
                unit="scripts",
                file=sys.stderr,
                interval=15.0,
            ) as bar,
            # native conversion runs in this process (threads only interleave it);
            # wasm-tools runs as subprocesses, in parallel
            ThreadPoolExecutor(
                max_workers=1 if converter == "native" else max(2, os.cpu_count() or 2)
            ) as pool,
        ):
            for _ in pool.map(lambda s: convert_with(converter, root / s), scripts):
                bar.advance()


@contextmanager
def _nothing() -> Iterator[None]:
    yield


def _selected(config: pytest.Config, rel: str) -> bool:
    sel: dict[str, Any] = config.stash.get(SELECTION, {"all": True})
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


class SpecDir(pytest.Dir):  # type: ignore[misc]  # Dir is final; pytest documents subclassing it for this
    """The ``spec`` folder: its real files plus one node per suite script."""

    def collect(self) -> Iterator[pytest.Item | pytest.Collector]:
        yield from super().collect()
        from .suite import convert_with, list_scripts, suite_dir

        config = self.config
        root = suite_dir(config.getoption("testsuite"))
        if not root.is_dir():
            raise pytest.UsageError(
                f"spec suite not found at {root}: set NANOWASM_TESTSUITE or --testsuite "
                "to a checkout of https://github.com/WebAssembly/testsuite"
            )
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


# id(engine) -> (engine, version): the engine is kept so that its id is not reused
_VERSION: dict[int, tuple[Any, str]] = {}


def engine_version(engine: Any) -> str:
    """The adapter's ``version``, asked once per engine object.

    Adapters typically answer with ``importlib.metadata.version``, which scans
    ``sys.path`` and parses package metadata on every call; asked once per item
    that was 36% of the suite's CPU time (bench/README.md, "The suite").
    """
    hit = _VERSION.get(id(engine))
    if hit is None or hit[0] is not engine:
        hit = _VERSION[id(engine)] = (engine, str(getattr(engine, "version", "")))
    return hit[1]


def get_engine(config: pytest.Config) -> Any:
    """The adapter for ``--engine``; a failure to load is re-raised per item."""
    name = config.getoption("engine")
    if name not in _ENGINE:
        try:
            from .engines import load_engine

            engine = load_engine(name)
            missing = config.getoption("missing_feature")
            if missing is not None:
                if not hasattr(engine, "missing_feature"):
                    raise ValueError(f"--missing-feature: engine {name!r} has no feature switches")
                from interp.features import SUPPORTED

                if missing not in SUPPORTED:
                    raise ValueError(
                        f"--missing-feature: {missing!r} is not one of "
                        f"{', '.join(sorted(SUPPORTED))}"
                    )
                engine.missing_feature = missing
            _ENGINE[name] = engine
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


def _split_entries(entries: list[tuple[str, str]]) -> tuple[dict[str, str], list[tuple[str, str]]]:
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
        sel: dict[str, Any] = self.config.stash.get(SELECTION, {"all": True, "items": set()})
        wanted = {
            i.split("::", 1)[1] for i in sel.get("items", ()) if i.split("::", 1)[0] == self.rel
        }
        if self.converted.error is not None:
            # a converter that is missing or refuses the script fails it (never a skip)
            first = self.converted.error.strip().splitlines()[0] if self.converted.error else ""
            converter = self.config.getoption("converter")
            yield WastItem.from_parent(
                self,
                name="unconverted",
                command=None,
                kind="unconverted",
                line=0,
                reason=f"converter {converter} cannot convert this script: {first}",
            )
            return
        self._commands = commands_of(self.converted)
        for cmd in self._commands:
            if wanted and cmd.name not in wanted:
                continue
            item = WastItem.from_parent(
                self, name=cmd.name, command=cmd, kind=cmd.kind, line=cmd.line
            )
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


#: (session, number of conftests loaded, the spec folder's hook relay)
_HOOKS: list[Any] = [None, -1, None]


def spec_hooks(node: pytest.Item) -> Any:
    """The hook relay of the real ``spec`` folder, made once per set of conftests.

    A spec node's path (``spec/i32.wast``) does not exist, so pytest's
    ``Node.ihook`` finds no conftest for it and wraps the hooks in a proxy
    that drops *every* conftest plugin (``Session.gethookproxy``), rebuilt on
    each access: ~8 hook lookups per item, each building a hook caller, were
    ~4% of a worker's profile.  The spec folder's relay is the one its
    conftests (the root's, ``spec/conftest.py``) apply to, as for a real file
    there; it is cached until another conftest is loaded.  This runs once
    per hook call, so the hit is two comparisons.
    """
    session = node.session
    loaded = len(session.config.pluginmanager._conftest_plugins)
    if _HOOKS[0] is not session or _HOOKS[1] != loaded:
        _HOOKS[:] = [session, loaded, session.gethookproxy(_spec_root(session.config))]
    return _HOOKS[2]


class WastItem(pytest.Item):
    @property
    def ihook(self) -> Any:
        return spec_hooks(self)

    def __init__(
        self, *, command: Any, kind: str, line: int, reason: str | None = None, **kw: Any
    ) -> None:
        super().__init__(**kw)
        self.command = command
        self.reason = reason
        parent: WastFile = self.parent  # type: ignore[assignment]
        self.user_properties.append((WAST_PROP, {"file": parent.rel, "line": line, "kind": kind}))

    def runtest(self) -> None:
        from .runner import Failure, Skipped

        parent: WastFile = self.parent  # type: ignore[assignment]
        if self.command is None:
            raise WastFailure(f"{SPEC_DIRNAME}/{parent.rel}: {self.reason or 'not converted'}")
        runner = parent.runner()
        self.user_properties.append(("engine_version", engine_version(runner.engine)))
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
            self.user_properties.append(
                (
                    "message",
                    {
                        "matched": outcome.message_matched,
                        "expected": outcome.message_expected,
                        "actual": outcome.message_actual,
                    },
                )
            )

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException], style: Any = None) -> Any:
        if isinstance(excinfo.value, WastFailure | ItemTimeout | EngineLoadError):
            return str(excinfo.value)
        import traceback

        where = f"{SPEC_DIRNAME}/{self.parent.rel}:{self.command.line if self.command else 0}"  # type: ignore[union-attr]
        tail = "".join(traceback.format_exception(excinfo.value, limit=-8))
        return f"{where}: engine crashed: {excinfo.typename}: {excinfo.value}\n{tail}"

    def reportinfo(self) -> tuple[Path, int | None, str]:
        line = self.command.line if self.command else 0
        return self.path, line - 1 if line else None, f"{self.parent.rel}:{line} {self.name}"  # type: ignore[union-attr]


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_protocol(item: pytest.Item, nextitem: pytest.Item | None) -> bool | None:
    """Spec items: pytest's protocol without the passed, empty setup and
    teardown reports that no plugin of the run reads (:mod:`harness.protocol`)."""
    if type(item) is not WastItem:
        return None
    from .protocol import quiet_phases, run_protocol

    return run_protocol(item, nextitem) if quiet_phases(item.config) else None


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Any:
    """Skips of spec items point at the script line, not at this plugin."""
    report = yield
    if isinstance(item, WastItem) and report.skipped and isinstance(report.longrepr, tuple):
        line = item.command.line if item.command else 0
        report.longrepr = (f"{SPEC_DIRNAME}/{item.parent.rel}", line, report.longrepr[2])  # type: ignore[union-attr]
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


#: groups of the other tests of a run, for "what was tested" (first match wins)
TEST_GROUPS = (
    ("wasmtime sample", "tests/test_harness_wasmtime_sample.py"),
    ("examples", "tests/test_examples.py"),
    ("fuzz reproducers", "tests/test_fuzz_findings.py"),
    ("fuzz reproducers", "tests/test_fuzz_diff.py"),
    ("unit tests", "tests/"),
)
_OTHER: dict[str, dict[str, int]] = {}


def _other_group(nodeid: str) -> str:
    path = nodeid.split("::", 1)[0]
    for name, prefix in TEST_GROUPS:
        if path == prefix or (prefix.endswith("/") and path.startswith(prefix)):
            return name
    return "other tests"


def _count_other(report: pytest.TestReport) -> None:
    from .summary import classify

    outcome = classify(report)
    if outcome is not None:
        from .outcomes import empty

        _OTHER.setdefault(_other_group(report.nodeid), empty())[outcome] += 1


@pytest.hookimpl(trylast=True)
def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    props = dict(report.user_properties)
    if WAST_PROP not in props:
        if _CONFIG and _STATS_KEY in _CONFIG[0].stash:  # on the controller only
            _count_other(report)
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


# -- collection cost --------------------------------------------------------------------


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    _skip_identity_reorder(config)


def _skip_identity_reorder(config: pytest.Config) -> None:
    """Spare a run of spec items pytest's fixture-based reordering.

    ``FixtureManager.pytest_collection_modifyitems`` regroups items by their
    parametrized higher-scoped fixtures.  Spec items use no fixtures, so the
    result is the order they came in, but computing it hashes every item
    once per scope and more: about a second of CPU per process on the 67k
    items of the suite, paid by the controller and by every xdist worker
    (bench/README.md, "The suite").  The fixture manager's hook is wrapped
    (once) to return at once when every item is a :class:`WastItem`; any
    other item (a unit test in the same run) gets pytest's reordering as
    usual.  If pytest's internals differ, nothing is changed.
    """
    manager = config.pluginmanager.get_plugin("funcmanage")
    if manager is None:
        return
    for impl in config.hook.pytest_collection_modifyitems.get_hookimpls():
        if impl.plugin is not manager or getattr(impl.function, "_spec_items_skip", False):
            continue
        if tuple(impl.argnames) != ("items",):
            return  # not the hook this was written for

        def reorder(items: list[pytest.Item], _original: Any = impl.function) -> None:
            if all(type(item) is WastItem for item in items):
                return  # no fixtures, so pytest's reordering would keep this order
            _original(items)

        reorder._spec_items_skip = True  # type: ignore[attr-defined]
        setattr(impl, "function", reorder)  # noqa: B010  (typed Final in pluggy)
        return


# -- is this run the whole suite? -----------------------------------------------------

_COLLECTED = pytest.StashKey[int]()
_DESELECTED = pytest.StashKey[int]()


def pytest_collection_finish(session: pytest.Session) -> None:
    """Spec items about to run (without xdist; with it, see the xdist hook below)."""
    n = sum(isinstance(i, WastItem) for i in session.items)
    session.config.stash[_COLLECTED] = n


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_node_collection_finished(node: Any, ids: list[str]) -> None:
    """Each xdist worker collects the whole selection; the controller hears its ids."""
    config = node.config
    n = sum(1 for i in ids if i.startswith(f"{SPEC_DIRNAME}/") and ".wast::" in i)
    config.stash[_COLLECTED] = max(n, config.stash.get(_COLLECTED, 0))


def pytest_deselected(items: list[pytest.Item]) -> None:
    if items:
        config = items[0].config
        n = sum(isinstance(i, WastItem) for i in items)
        config.stash[_DESELECTED] = config.stash.get(_DESELECTED, 0) + n


def run_scope(config: pytest.Config, ran: int) -> tuple[bool, list[str]]:
    """``(complete, reasons)``: did every item of the suite run?

    A partial run (``pytest spec/i32.wast``, ``-k``, ``--lf``, ``-x`` stopping
    early, an interrupted run) must never stand in for the full record, so its
    record is written elsewhere (see :func:`default_record_path`) and
    ``reports`` refuses to put it into the history.
    """
    reasons = []
    sel = config.stash.get(SELECTION, {"all": True})
    if not sel["all"]:
        reasons.append("a selection of scripts or items")
    opt = config.option
    for name, label in (
        ("keyword", "-k"),
        ("markexpr", "-m"),
        ("deselect", "--deselect"),
        ("lf", "--lf"),
        ("stepwise", "--sw"),
    ):
        if getattr(opt, name, None):
            reasons.append(f"{label} given")
    if config.stash.get(_DESELECTED, 0):
        reasons.append("items deselected")
    collected = config.stash.get(_COLLECTED, 0)
    if ran < collected:
        reasons.append(f"{collected - ran} of {collected} collected items did not report")
    return not reasons, reasons


def default_record_path(config: pytest.Config, engine: str, complete: bool) -> Path:
    """``.cache/last-run.json`` for a complete nanowasm run; other engines and
    partial runs get a file of their own, so nothing overwrites the full record."""
    stem = "last-run" if complete else "last-partial-run"
    if engine != "nanowasm":
        stem += "-" + "".join(c if c.isalnum() or c in "-_" else "_" for c in engine)
    return config.rootpath / ".cache" / f"{stem}.json"


def what_was_tested(other: dict[str, dict[str, int]], spec: dict[str, Any] | None) -> list[str]:
    """One line per group of the run: unit tests, wasmtime sample, ..., spec suite."""
    from .outcomes import total

    def figures(c: dict[str, int]) -> str:
        names = {"xfailed": "expected failures", "xpassed": "unexpected passes", "error": "errors"}
        parts = [
            f"{c[k]:,} {names.get(k, k)}"
            for k in ("passed", "failed", "xfailed", "xpassed", "error", "skipped")
            if c[k]
        ]
        return ", ".join(parts) or "nothing ran"

    order = [name for name, _ in TEST_GROUPS] + ["other tests"]
    lines = [
        f"{name} ({total(other[name]):,} items): {figures(other[name])}"
        for name in dict.fromkeys(order)
        if name in other
    ]
    if spec is not None:
        lines.append(
            f"spec suite on {spec['engine']} ({total(spec['totals']):,} items"
            f"{'' if spec.get('complete', True) else ', partial'}): "
            f"{figures(spec['totals'])}"
        )
    return lines


def pytest_terminal_summary(terminalreporter: Any, exitstatus: int, config: pytest.Config) -> None:
    stats = config.stash.get(_STATS_KEY, None)
    if stats is None or not stats.total():
        if _OTHER and _STATS_KEY in config.stash:
            terminalreporter.write_sep("=", "what was tested")
            for line in what_was_tested(_OTHER, None):
                terminalreporter.write_line(line)
        return
    from .summary import build_record, format_summary, write_record

    record = build_record(stats, config)
    complete, reasons = run_scope(config, stats.total())
    if exitstatus == pytest.ExitCode.INTERRUPTED:
        complete, reasons = False, [*reasons, "interrupted"]
    record["complete"] = complete
    if reasons:
        record["partial_because"] = reasons
    terminalreporter.write_sep("=", f"spec conformance: {record['engine']}")
    for line in format_summary(record):
        terminalreporter.write_line(line)
    if not complete:
        terminalreporter.write_line(
            "partial run (" + "; ".join(reasons) + "): not a conformance record of the whole suite"
        )
    where = config.getoption("record")
    if where != "none":
        path = (
            Path(where) if where else default_record_path(config, str(record["engine"]), complete)
        )
        write_record(record, path)
        terminalreporter.write_line(f"record written to {path}")
    if _OTHER:
        terminalreporter.write_sep("=", "what was tested")
        for line in what_was_tested(_OTHER, record):
            terminalreporter.write_line(line)


def pytest_unconfigure(config: pytest.Config) -> None:
    """Release engine objects while their libraries are still loaded (wasmtime's
    finalizers fail noisily at interpreter exit otherwise)."""
    if _ENGINE:
        import gc

        _ENGINE.clear()
        gc.collect()
