"""Spec items' run-test protocol (harness/protocol.py): withholding the passed,
empty setup and teardown reports changes nothing a run shows or records."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from harness import protocol
from tests.probe import run_probe

ROOT = Path(__file__).resolve().parent.parent

#: an adapter with every kind of outcome: failures (a wrong result, an engine
#: crash), skips (an operation it "cannot express"), output on stdout, passes
ENGINE = """
from harness.engines.base import Unsupported
from harness.engines.nanowasm_engine import NanowasmEngine

class Odd(NanowasmEngine):
    name = "odd"

    def invoke(self, instance, field, args):
        if field == "mul":
            raise Unsupported("odd does not multiply")
        if field == "div_s":
            raise RuntimeError("odd crashed")
        if field == "rem_u":
            print("odd says hello")
        got = super().invoke(instance, field, args)
        if field == "sub":
            return got + got  # wrong arity: a failure
        return got
"""

#: expected failures: sub fails (xfailed), one add passes (strict XPASS: a failure)
XFAIL = """
[odd]
"i32.wast::line_46_assert_return_sub" = "odd subtracts twice"
"i32.wast::line_37_assert_return_add" = "odd adds fine: an unexpected pass"
"""

SCRIPTS = ["spec/i32.wast", "spec/nop.wast"]


def _env(tmp_path: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(tmp_path), str(ROOT), env.get("PYTHONPATH", "")])
    return env


def _run(tmp_path: Path, name: str, *args: str) -> tuple[str, dict]:
    (tmp_path / "odd_engine.py").write_text(ENGINE)
    (tmp_path / "odd.toml").write_text(XFAIL)
    record = tmp_path / f"{name}.json"
    cmd = [sys.executable, "-m", "pytest", *SCRIPTS, "--engine", "odd_engine:Odd"]
    # the `=` forms: a path argument of its own would move pytest's rootdir
    cmd += [f"--xfail-list={tmp_path / 'odd.toml'}", f"--record={record}"]
    cmd += ["-q", "-rA", "-p", "no:cacheprovider", *args]
    proc = subprocess.run(
        cmd, cwd=ROOT, env=_env(tmp_path), capture_output=True, text=True, check=False
    )
    assert proc.returncode == 1, proc.stdout[-3000:] + proc.stderr[-3000:]
    # which worker ran a script ("[gw0] linux -- ..." in messages) is xdist's choice
    data = json.loads(re.sub(r"\[gw\d+\]", "[gw]", record.read_text()))
    for key in ("date", "project_commit"):
        data.pop(key)
    return proc.stdout, data


def _lines(out: str) -> list[str]:
    """The output without timings and progress lines (workers interleave those)."""
    out = re.sub(r" in [0-9.]+s( \([0-9:]+\))?", " in Ts", out)
    keep = [
        ln
        for ln in out.splitlines()
        if not re.fullmatch(r"[.FsxXE]*( *\[ *\d+%\])?", ln)
        and not ln.startswith(("record written", "bringing up", "created:", "[gw"))
    ]
    return sorted(keep)


@pytest.mark.parametrize(
    "xdist",
    [["-p", "no:xdist"], ["-n", "2"], ["-p", "no:xdist", "--maxfail=3"]],
    ids=["one-process", "n2", "maxfail"],
)
def test_quiet_phases_change_no_outcome_output_or_record(tmp_path: Path, xdist: list[str]) -> None:
    quiet_out, quiet = _run(tmp_path, "quiet", *xdist)
    full_out, full = _run(tmp_path, "full", *xdist, "--pytest-protocol")
    assert quiet == full
    assert _lines(quiet_out) == _lines(full_out)
    totals = quiet["totals"]
    if "--maxfail=3" in xdist:  # stopped at the third failure, the same way
        assert totals["failed"] + totals["xpassed"] == 3 and not quiet["complete"]
        return
    assert totals["failed"] >= 2 and totals["skipped"] >= 1 and totals["xfailed"] == 1
    assert totals["xpassed"] == 1 and totals["passed"] > 400
    assert "odd crashed" in quiet_out and "odd says hello" in quiet_out  # crash, captured output


PROBE = """
import json, sys, pytest
from harness import protocol

class Probe:
    def __init__(self):
        self.phases = {}
    def pytest_runtest_logreport(self, report):
        self.phases[report.when] = self.phases.get(report.when, 0) + 1

probe = Probe()
if sys.argv[1] == "known":
    protocol.KNOWN_READERS = protocol.KNOWN_READERS | {"__main__.Probe"}
rc = pytest.main(sys.argv[2:] + ["-q", "-p", "no:xdist", "-p", "no:cacheprovider",
                                 "--record", "none"], plugins=[probe])
print("PROBE" + json.dumps({"rc": int(rc), **probe.phases}))
"""


def _phases(*args: str) -> dict[str, int]:
    return run_probe(PROBE, *args)


def test_passed_setup_and_teardown_reports_are_withheld_only_when_nobody_reads_them() -> None:
    items = 88  # spec/nop.wast
    assert _phases("known", "spec/nop.wast") == {"rc": 0, "call": items}
    # a reader the harness does not know gets every report
    everything = {"rc": 0, "setup": items, "call": items, "teardown": items}
    assert _phases("unknown", "spec/nop.wast") == everything
    for option in ("--pytest-protocol", "--durations=0", "--setup-show"):
        assert _phases("known", "spec/nop.wast", option) == everything, option


def _config(readers: list[object], interact: list[object], **options: object) -> object:
    def hook(plugins: list[object]) -> object:
        impls = [SimpleNamespace(plugin=p) for p in plugins]
        return SimpleNamespace(get_hookimpls=lambda: impls)

    hooks = SimpleNamespace(
        pytest_runtest_logreport=hook(readers), pytest_exception_interact=hook(interact)
    )
    return SimpleNamespace(
        option=SimpleNamespace(**options),
        pluginmanager=SimpleNamespace(hook=hooks),
    )


def test_decide_reads_options_and_implementers() -> None:
    from _pytest.terminal import TerminalReporter

    import harness.plugin

    reader = object.__new__(TerminalReporter)
    ok = _config([harness.plugin, reader], [])
    assert protocol._decide(ok)  # type: ignore[arg-type]
    assert not protocol._decide(_config([harness.plugin, object()], []))  # type: ignore[arg-type]
    assert not protocol._decide(_config([reader], [object()]))  # type: ignore[arg-type]
    for name in protocol.PHASE_OPTIONS:
        on = _config([reader], [], **{name: "x"})
        assert not protocol._decide(on), name  # type: ignore[arg-type]
    assert not protocol._decide(_config([reader], [], durations=0))  # type: ignore[arg-type]
    assert protocol._decide(_config([reader], [], durations=None, usepdb=False))  # type: ignore[arg-type]
    assert not protocol._decide(_config([reader], [], pytest_protocol=True))  # type: ignore[arg-type]


# -- reports on the wire (harness/wire.py) ----------------------------------------------


def _reports() -> list[pytest.TestReport]:
    try:
        raise RuntimeError("engine crashed: ünïcode")
    except RuntimeError as e:
        crash = pytest.ExceptionInfo.from_exception(e).getrepr(style="long")
    props = [
        ("wast", {"file": "i32.wast", "line": 37, "kind": "assert_trap"}),
        ("engine_version", "0.1.0"),
        ("duration", 0.000123456789),
        ("message", {"matched": False, "expected": "x", "actual": "y\x00z"}),
        ("big", (2**80, -0.0, float("inf"), None, True, b"\xff")),
    ]
    kw = {"line_37": 1, "i32.wast": 1, "spec": 1}
    base: dict[str, Any] = {"keywords": kw, "duration": 0.5, "start": 1.0, "stop": 1.5}
    return [
        pytest.TestReport(
            "spec/i32.wast::line_37",
            ("spec/i32.wast", 36, "i32.wast:37 x"),
            outcome="passed",
            longrepr=None,
            when="call",
            user_properties=props,
            sections=[("Captured stdout call", "hi\n")],
            **base,
        ),
        pytest.TestReport(
            "spec/i32.wast::line_38",
            ("spec/i32.wast", 37, "d"),
            outcome="failed",
            longrepr="spec/i32.wast:38: wrong result",
            when="call",
            **base,
        ),
        pytest.TestReport(
            "spec/i32.wast::line_39",
            ("spec/i32.wast", None, "d"),
            outcome="failed",
            longrepr=crash,
            when="call",
            **base,
        ),
        pytest.TestReport(
            "spec/i32.wast::line_40",
            ("spec/i32.wast", 39, "d"),
            outcome="skipped",
            longrepr=("spec/i32.wast", 40, "Skipped: no"),
            when="setup",
            **base,
        ),
    ]


def _over_the_wire(data: dict) -> dict:
    import execnet

    data = dict(data, item_index=7, worker_id="gw1", testrun_uid="abc")  # what xdist adds
    return execnet.loads(execnet.dumps(data))  # type: ignore[no-any-return]


def _as_seen(report: pytest.TestReport) -> tuple:
    d = dict(vars(report))
    longrepr = d.pop("longrepr")
    return d, type(longrepr), str(longrepr), report._to_json()


def test_packed_reports_arrive_as_the_same_reports() -> None:
    from _pytest import reports

    from harness import wire

    config = SimpleNamespace(
        hook=SimpleNamespace(
            pytest_report_from_serializable=lambda config, data: (
                reports.pytest_report_from_serializable(data)
            )
        )
    )
    for report in _reports():
        data = reports.pytest_report_to_serializable(report)
        packed = wire.pack(report)
        assert data is not None and packed is not None
        assert set(packed) == {"$report_type", "packed"}
        as_before = reports.pytest_report_from_serializable(_over_the_wire(data))
        assert isinstance(as_before, pytest.TestReport)
        got = wire.unpack(config, _over_the_wire(packed))  # type: ignore[arg-type]
        assert _as_seen(got) == _as_seen(as_before)
        assert list(vars(got)) == list(vars(as_before))  # same attributes, same order
        assert type(got.location) is tuple and got.item_index == 7


def test_a_report_marshal_cannot_write_goes_the_usual_way() -> None:
    from harness import wire

    report = _reports()[1]
    report.user_properties = [("odd", object())]
    assert wire.pack(report) is None


GC_PROBE = """
import gc, json, sys, pytest

class Probe:
    def pytest_sessionfinish(self, session):
        self.out = {"enabled": gc.isenabled(), "frozen": gc.get_freeze_count()}

probe = Probe()
rc = pytest.main(sys.argv[1:] + ["-q", "-p", "no:xdist", "-p", "no:cacheprovider",
                                 "--record", "none"], plugins=[probe])
print("PROBE" + json.dumps({"rc": int(rc), **probe.out}))
"""


def test_collection_runs_without_gc_and_freezes_only_spec_runs() -> None:
    spec = run_probe(GC_PROBE, "spec/nop.wast")
    assert spec["rc"] == 0 and spec["enabled"] and spec["frozen"] > 1000
    unit = run_probe(GC_PROBE, "tests/test_harness_values.py")
    assert unit["rc"] == 0 and unit["enabled"] and unit["frozen"] == 0
