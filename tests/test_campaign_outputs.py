"""Runs and campaigns write to ignored places by default; publishing is explicit."""

from __future__ import annotations

import inspect
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def ignored(path: Path) -> bool:
    out = subprocess.run(
        ["git", "-C", str(ROOT), "check-ignore", "-q", str(path)], capture_output=True
    )
    if out.returncode == 128:
        pytest.skip("not a git checkout")
    return out.returncode == 0


def test_fuzz_campaigns_default_to_the_work_directory() -> None:
    pytest.importorskip("wasmtime")
    from fuzz import diff

    assert ignored(diff.WORK_DIR / "latest.json")
    assert inspect.signature(diff.write_figures).parameters["reports_dir"].default == diff.WORK_DIR
    params = inspect.signature(diff.campaign).parameters
    assert params["reports_dir"].default == diff.WORK_DIR
    assert params["findings_dir"].default.is_relative_to(diff.WORK_DIR)
    assert not ignored(diff.REPORTS_DIR / "latest.json")  # the published place is tracked


def test_bench_sessions_default_to_the_work_directory() -> None:
    from bench import runner

    assert ignored(runner.DEFAULT_JSON)
    assert runner.parse_args([]).json == runner.DEFAULT_JSON
    published = runner.parse_args(["--publish"])
    assert published.json == runner.PUBLISHED_JSON and published.update_readme


def test_partial_spec_runs_do_not_overwrite_the_full_record() -> None:
    from types import SimpleNamespace

    from harness.plugin import default_record_path

    config = SimpleNamespace(rootpath=ROOT)
    full = default_record_path(config, "nanowasm", True)  # type: ignore[arg-type]
    partial = default_record_path(config, "nanowasm", False)  # type: ignore[arg-type]
    other = default_record_path(config, "wasmtime", True)  # type: ignore[arg-type]
    assert full.name == "last-run.json" and len({full, partial, other}) == 3
    assert all(ignored(p) for p in (full, partial, other))


def _config(**opts: object) -> object:
    from types import SimpleNamespace

    from harness.plugin import SELECTION

    stash = pytest.Stash()
    stash[SELECTION] = {"all": True, "prefixes": set(), "items": set()}
    option = SimpleNamespace(keyword="", markexpr="", deselect=None, lf=False, stepwise=False)
    for k, v in opts.items():
        setattr(option, k, v)
    return SimpleNamespace(stash=stash, option=option, rootpath=ROOT)


def test_run_scope_tells_a_full_run_from_a_partial_one() -> None:
    from harness.plugin import _COLLECTED, SELECTION, run_scope

    cfg = _config()
    cfg.stash[_COLLECTED] = 100  # type: ignore[attr-defined]
    assert run_scope(cfg, 100) == (True, [])  # type: ignore[arg-type]
    complete, why = run_scope(cfg, 60)  # type: ignore[arg-type]
    assert not complete and why == ["40 of 100 collected items did not report"]
    assert run_scope(_config(keyword="line_37"), 0) == (False, ["-k given"])  # type: ignore[arg-type]
    one_script = _config()
    one_script.stash[SELECTION] = {"all": False, "prefixes": {"i32.wast"}, "items": set()}  # type: ignore[attr-defined]
    assert run_scope(one_script, 0)[1] == ["a selection of scripts or items"]  # type: ignore[arg-type]
