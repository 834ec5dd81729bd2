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

import pytest

from harness import protocol

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
    data = json.loads(record.read_text())
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


@pytest.mark.parametrize("xdist", [["-p", "no:xdist"], ["-n", "2"]], ids=["one-process", "n2"])
def test_quiet_phases_change_no_outcome_output_or_record(tmp_path: Path, xdist: list[str]) -> None:
    quiet_out, quiet = _run(tmp_path, "quiet", *xdist)
    full_out, full = _run(tmp_path, "full", *xdist, "--all-phase-reports")
    assert quiet == full
    totals = quiet["totals"]
    assert totals["failed"] >= 2 and totals["skipped"] >= 1 and totals["xfailed"] == 1
    assert totals["xpassed"] == 1 and totals["passed"] > 400
    assert _lines(quiet_out) == _lines(full_out)
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
    proc = subprocess.run(
        [sys.executable, "-c", PROBE, *args], cwd=ROOT, capture_output=True, text=True, check=False
    )
    line = [ln for ln in proc.stdout.splitlines() if ln.startswith("PROBE")]
    assert line, proc.stdout[-2000:] + proc.stderr[-2000:]
    return json.loads(line[-1][len("PROBE") :])


def test_passed_setup_and_teardown_reports_are_withheld_only_when_nobody_reads_them() -> None:
    items = 88  # spec/nop.wast
    assert _phases("known", "spec/nop.wast") == {"rc": 0, "call": items}
    # a reader the harness does not know gets every report
    everything = {"rc": 0, "setup": items, "call": items, "teardown": items}
    assert _phases("unknown", "spec/nop.wast") == everything
    for option in ("--all-phase-reports", "--durations=0", "--setup-show"):
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
    assert not protocol._decide(_config([reader], [], all_phase_reports=True))  # type: ignore[arg-type]
