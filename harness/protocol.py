"""The run-test protocol of a spec item, without the reports nobody reads.

Why: pytest makes three reports per item (setup, call, teardown) and hands
each to ``pytest_runtest_logreport``.  Under xdist, a worker serialises every
one of them for the controller (execnet's pure-Python serialiser, ~65 µs a
report), the controller unserialises it (~85 µs) and dispatches it to its
plugins again: 6 messages per item, three of them reports.  For a spec item
the setup and teardown phases do nothing that can be seen (the script's
runner is built lazily in the call, see ``WastFile.runner``), and a passed
setup or teardown report with no captured output is read by no plugin of
the run: the terminal reporter files it under the blank category (which the
harness dropped anyway, see ``pytest_runtest_logreport`` in
:mod:`harness.plugin`), the record counts only calls, failures and skips
(:func:`harness.summary.classify`), ``--lf`` and ``--sw`` look at failures
and calls, the session counts failures.

So :func:`run_protocol` runs pytest's own protocol (logstart, setup, call,
teardown, logfinish, through the same hooks, so capture, logging, warnings,
timeouts, skip/xfail marks and every other plugin's phase hooks run as
before) and *withholds* a setup or teardown report that passed with no
sections.  Every other report is logged at once, as pytest does.  It is used
only while :func:`quiet_phases` says that no plugin of the run could read
the withheld reports: each ``pytest_runtest_logreport`` implementer is one
of :data:`KNOWN_READERS`, and no option asks for per-phase information
(``--durations``, ``--junitxml``, ``--report-log``, ``--pdb``, ``--trace``,
``--setup-show/-only/-plan``).  ``--all-phase-reports`` turns it off.
``tests/test_harness_protocol.py`` runs the same scripts both ways and
compares every outcome, the terminal output and the record.
"""

from __future__ import annotations

import functools
from typing import Any

import pytest

#: ``pytest_runtest_logreport`` implementers that ignore a passed setup or
#: teardown report without sections (module name or class, as
#: "module.QualName"; xdist's worker class is executed as ``__channelexec__``)
KNOWN_READERS = frozenset(
    {
        "harness.plugin",
        "_pytest.cacheprovider.LFPlugin",  # call passes and skips, failures
        "_pytest.stepwise.StepwisePlugin",  # failures, call reports
        "_pytest.terminal.TerminalReporter",  # blank category, nothing printed
        "_pytest.logging.LoggingPlugin",  # live-log phase name only
        "_pytest.main.Session",  # counts failures (maxfail)
        "xdist.remote.WorkerInteractor",  # sends it to the controller
        "__channelexec__.WorkerInteractor",
    }
)

#: ``pytest_exception_interact`` implementers for which it does not matter
#: that the hook runs before the report is logged (``call_and_report`` with
#: ``log=False`` calls it first): they cancel their timers
KNOWN_INTERACT = frozenset({"_pytest.faulthandler", "pytest_timeout"})

#: options under which some plugin wants every phase's report or interaction
PHASE_OPTIONS = (
    "durations",  # per-phase durations (None when not given; 0 means all)
    "xmlpath",  # --junitxml: a test case is closed by its teardown report
    "report_log",  # pytest-reportlog writes every report
    "usepdb",
    "trace",
    "setupshow",
    "setuponly",
    "setupplan",
)

_QUIET = pytest.StashKey[bool]()


def _name(plugin: object) -> str:
    if isinstance(plugin, type(pytest)):  # a module
        return str(getattr(plugin, "__name__", ""))
    cls = type(plugin)
    return f"{cls.__module__}.{cls.__qualname__}"


@functools.cache
def _call_and_report() -> Any:
    """pytest's ``call_and_report``, or None if this pytest has another one."""
    try:
        from _pytest.runner import call_and_report
    except ImportError:
        return None
    import inspect

    try:
        params = list(inspect.signature(call_and_report).parameters)
    except (TypeError, ValueError):
        return None
    return call_and_report if params[:3] == ["item", "when", "log"] else None


def quiet_phases(config: pytest.Config) -> bool:
    """Whether withheld setup/teardown reports would be read by no plugin (once per run)."""
    hit = config.stash.get(_QUIET, None)
    if hit is None:
        hit = config.stash[_QUIET] = _decide(config)
    return hit


def _decide(config: pytest.Config) -> bool:
    opt = config.option
    if getattr(opt, "all_phase_reports", False) or _call_and_report() is None:
        return False
    for name in PHASE_OPTIONS:
        value = getattr(opt, name, None)
        if value is not None and value is not False and value != "":
            return False
    hook = config.pluginmanager.hook
    readers = {_name(i.plugin) for i in hook.pytest_runtest_logreport.get_hookimpls()}
    interact = {_name(i.plugin) for i in hook.pytest_exception_interact.get_hookimpls()}
    return readers <= KNOWN_READERS and interact <= KNOWN_INTERACT


def withheld(report: pytest.TestReport) -> bool:
    """A setup or teardown report that passed and carries nothing."""
    return (
        report.when != "call" and report.passed and not report.sections and report.longrepr is None
    )


def run_protocol(item: pytest.Item, nextitem: pytest.Item | None) -> bool:
    """``_pytest.runner.pytest_runtest_protocol`` for one spec item, logging
    every report at once except the ones :func:`withheld` selects."""
    call_and_report = _call_and_report()
    ihook = item.ihook
    ihook.pytest_runtest_logstart(nodeid=item.nodeid, location=item.location)
    rep = call_and_report(item, "setup", False)
    if not withheld(rep):
        ihook.pytest_runtest_logreport(report=rep)
    if rep.passed:  # (--setup-only and --setup-show take pytest's own protocol)
        ihook.pytest_runtest_logreport(report=call_and_report(item, "call", False))
    # as pytest: if the session is about to stop, tear everything down now
    if item.session.shouldfail or item.session.shouldstop:
        nextitem = None
    rep = call_and_report(item, "teardown", False, nextitem=nextitem)
    if not withheld(rep):
        ihook.pytest_runtest_logreport(report=rep)
    ihook.pytest_runtest_logfinish(nodeid=item.nodeid, location=item.location)
    return True
