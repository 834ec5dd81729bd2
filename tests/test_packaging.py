"""The wheel: no generic top-level packages; the pytest plugin loads through
its ``pytest11`` entry point in a fresh virtualenv and runs the suite for an
engine adapter of another project (``examples/engine_adapter/my_engine.py``).

Builds the wheel with ``pip wheel`` (build isolation: setuptools comes from
the package index) and installs pytest into the virtualenv, once per run.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SUITE = ROOT.parent / "shared" / "wasm-testsuite"


def _run(
    *cmd: str | Path,
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
    timeout: float = 300,
) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run(
        [str(c) for c in cmd], cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout
    )
    assert proc.returncode == 0, (
        f"{cmd}: exit {proc.returncode}\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}"
    )
    return proc


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    src = tmp_path_factory.mktemp("src") / "nanowasm"
    # build from a clean copy of the tracked files (no build/ or .cache/ residue)
    files = _run("git", "-C", ROOT, "ls-files", "-co", "--exclude-standard").stdout.split()
    for rel in files:
        if (ROOT / rel).is_file():
            (src / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / rel, src / rel)
    _run(sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", out, src)
    (found,) = out.glob("nanowasm-*.whl")
    return found


def test_wheel_has_no_generic_top_level_packages(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    top = {n.split("/", 1)[0] for n in names}
    assert top == {"interp", "nanowasm_testbed", "nanowasm-0.1.0.dist-info"}, top
    assert "nanowasm_testbed/harness/plugin.py" in names
    for folder, installed in (("interp", "interp"), ("harness", "nanowasm_testbed/harness")):
        for init in (ROOT / folder).rglob("__init__.py"):
            rel = init.relative_to(ROOT / folder).as_posix()
            assert f"{installed}/{rel}" in names, f"pyproject.toml lacks the package of {init}"
    assert "nanowasm_testbed/harness/engines/nanowasm_engine.py" in names
    eps = zipfile.ZipFile(wheel).read("nanowasm-0.1.0.dist-info/entry_points.txt").decode()
    assert "[pytest11]" in eps and "nanowasm_testbed = nanowasm_testbed.harness.plugin" in eps


@pytest.mark.skipif(not SUITE.is_dir(), reason=f"no test suite at {SUITE}")
def test_plugin_loads_from_the_wheel_in_a_fresh_virtualenv(wheel: Path, tmp_path: Path) -> None:
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    py = env_dir / "bin" / "python"
    _run(py, "-m", "pip", "install", "-q", "pytest", wheel)
    # another engine's project: its adapter and an empty spec/ folder, nothing else
    project = tmp_path / "their-engine"
    (project / "spec").mkdir(parents=True)
    shutil.copy(ROOT / "examples" / "engine_adapter" / "my_engine.py", project)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "PYTEST"))}
    env["PYTHONPATH"] = str(project)
    env["NANOWASM_TESTSUITE"] = str(SUITE)
    env["XDG_CACHE_HOME"] = str(tmp_path / "cache")
    shown = _run(py, "-m", "pytest", "--help", cwd=project, env=env).stdout
    assert "--engine" in shown and "spec suite (harness)" in shown
    where = _run(
        py,
        "-c",
        "import nanowasm_testbed.harness.plugin as p; print(p.__file__)",
        cwd=project,
        env=env,
    ).stdout
    assert where.startswith(str(env_dir)), where
    out = _run(
        py,
        "-m",
        "pytest",
        "spec/i32.wast",
        "--engine",
        "my_engine:MyEngine",
        "-q",
        "-p",
        "no:cacheprovider",
        cwd=project,
        env=env,
    ).stdout
    assert "458 passed, 2 skipped" in out, out[-2000:]
    assert "spec conformance: my_engine:MyEngine" in out
