"""The ``nanowasm`` command line.

Every command runs at least once as a real subprocess (``python -m interp``),
as a user would; the many small cases of value parsing and error reporting
call :func:`interp.cli.main` in-process (same code path, much faster).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from interp import cli

REPO = Path(__file__).resolve().parent.parent
PROGRAMS = REPO / "tests" / "wasi_programs"

pytestmark = pytest.mark.skipif(shutil.which("wasm-tools") is None, reason="needs wasm-tools")

MATH_WAT = """(module
  (func $add (export "add") (param i32 i32) (result i32) local.get 0 local.get 1 i32.add)
  (func (export "id32") (param f32) (result f32) local.get 0)
  (func (export "id64") (param f64) (result f64) local.get 0)
  (func (export "fadd") (param f32 f32) (result f32) local.get 0 local.get 1 f32.add)
  (func (export "pair") (param i64) (result i64 i32) local.get 0 i32.const -1)
  (func $spin (export "spin") (loop br 0))
  (func $rec (export "rec") call $rec)
  (func $inner (result i32) i32.const 1 i32.const 0 i32.div_s)
  (func $outer (export "crash") (result i32) call $inner)
  (func (export "grow") (param i32) (result i32) local.get 0 memory.grow)
  (memory (export "memory") 1)
  (global (export "g") i32 (i32.const 0))
)"""

# Prints one "." per iteration through WASI fd_write, forever: with --fuel the
# number of dots shows exactly where execution stopped.
DOTS_WAT = """(module
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 16) ".")
  (func (export "_start")
    (i32.store (i32.const 0) (i32.const 16))
    (i32.store (i32.const 4) (i32.const 1))
    (loop $again
      (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))
      (br $again)))
)"""

CONSOLE_WAT = """(module
  (import "console" "log" (func $log (param i32 i32)))
  (memory (export "memory") 1)
  (data (i32.const 8) "Hello from wasm!")
  (func (export "main") (call $log (i32.const 8) (i32.const 16))))"""

CONSOLE_PY = """from interp.host import HostModule, func


def host_module(ctx):
    @func("i32 i32", caller=True)
    def log(caller, ptr, length):
        print(caller.memory.read(ptr, length).decode("utf-8"))

    @func("", "i32")
    def broken():
        raise ValueError("host bug")

    return HostModule({"log": log, "broken": broken})
"""

BROKEN_WAT = '(module (import "console" "broken" (func $b (result i32))) (func (export "f") (result i32) call $b))'
INVALID_WAT = '(module (func (export "f") (result i32)))'
IMPORTS_WAT = '(module (import "env" "log" (func (param i32))) (func (export "f")))'


def wat2wasm(tmp: Path, name: str, text: str) -> Path:
    src, out = tmp / f"{name}.wat", tmp / f"{name}.wasm"
    src.write_text(text)
    subprocess.run(["wasm-tools", "parse", str(src), "-o", str(out)], check=True)
    return out


@pytest.fixture(scope="module")
def mods(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    tmp = tmp_path_factory.mktemp("cli")
    out = {
        "math": wat2wasm(tmp, "math", MATH_WAT),
        "dots": wat2wasm(tmp, "dots", DOTS_WAT),
        "invalid": wat2wasm(tmp, "invalid", INVALID_WAT),
        "imports": wat2wasm(tmp, "imports", IMPORTS_WAT),
        "console": wat2wasm(tmp, "console", CONSOLE_WAT),
        "broken": wat2wasm(tmp, "broken", BROKEN_WAT),
    }
    (tmp / "console.py").write_text(CONSOLE_PY)
    out["console.py"] = tmp / "console.py"
    (tmp / "text.wasm").write_text("(module (func (i32.const 0x)))")  # malformed text
    out["text"] = tmp / "text.wasm"
    (tmp / "truncated.wasm").write_bytes(b"\0asm\1\0\0\0\1\5")
    out["truncated"] = tmp / "truncated.wasm"
    return out


def nanowasm(*args: str | Path, stdin: bytes = b"") -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(REPO))
    env.pop("NANOWASM_DEBUG", None)
    proc = subprocess.run(
        [sys.executable, "-m", "interp", *map(str, args)],
        input=stdin.decode(),
        capture_output=True,
        text=True,
        env=env,
        cwd=REPO,
        timeout=120,
    )
    assert "Traceback" not in proc.stderr, proc.stderr
    return proc


def run_main(capfd: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str, str]:
    code = cli.main([str(a) for a in args])
    out, err = capfd.readouterr()
    assert "Traceback" not in err
    return code, out, err


# -- every command as a subprocess -----------------------------------------------------------


def test_run_hello_subprocess() -> None:
    proc = nanowasm("run", PROGRAMS / "hello.wasm")
    assert (proc.returncode, proc.stdout) == (0, "Hello, WASI!\n")


def test_run_args_env_exit_code_stdin_subprocess() -> None:
    proc = nanowasm(
        "run", "--env", "GREETING=hi", PROGRAMS / "args_env.wasm", "x", "--not-an-option"
    )
    assert proc.returncode == 0
    assert proc.stdout.splitlines() == [
        "argc=3",
        "argv[1]=x",
        "argv[2]=--not-an-option",
        "env GREETING=hi",
        "GREETING is hi",
    ]
    proc = nanowasm("run", PROGRAMS / "exitcode.wasm", "7")
    assert (proc.returncode, proc.stdout, proc.stderr) == (
        7,
        "exiting with 7\n",
        "this goes to stderr\n",
    )
    proc = nanowasm("run", PROGRAMS / "stdin_upper.wasm", stdin=b"abc\n")
    assert (proc.returncode, proc.stdout, proc.stderr) == (0, "ABC\n", "4 bytes\n")


def test_run_dir_preopen_subprocess(tmp_path: Path) -> None:
    box = tmp_path / "box"
    box.mkdir()
    (box / "in.txt").write_text("0123456789abcdef\n")
    (tmp_path / "escape.txt").write_text("secret")
    os.symlink("..", box / "link_out")
    os.symlink("/etc/passwd", box / "abs_link")
    proc = nanowasm("run", "--dir", f"{box}::/sandbox", PROGRAMS / "filecopy.wasm")
    assert proc.returncode == 0, proc.stderr
    assert "copied 17 bytes" in proc.stdout
    assert "bytes 6..11: '6789a'" in proc.stdout
    assert proc.stdout.count("refused") == 4 and "OPENED" not in proc.stdout
    assert sorted(p.name for p in box.iterdir()) == ["abs_link", "in.txt", "link_out"]


def test_invoke_subprocess(mods: dict[str, Path]) -> None:
    proc = nanowasm("invoke", mods["math"], "add", "-1", "0x10")
    assert (proc.returncode, proc.stdout) == (0, "i32:15 (15, 0x0000000f)\n")


def test_validate_subprocess(mods: dict[str, Path]) -> None:
    proc = nanowasm("validate", mods["math"])
    assert proc.returncode == 0 and "valid" in proc.stdout
    proc = nanowasm("validate", mods["invalid"])
    assert proc.returncode == 1
    assert proc.stderr.startswith("nanowasm: error: invalid module:")
    assert len(proc.stderr.strip().splitlines()) == 1


def test_inspect_subprocess(mods: dict[str, Path]) -> None:
    proc = nanowasm("inspect", mods["dots"])
    assert proc.returncode == 0
    out = proc.stdout
    for needle in (
        "sections:",
        "import ",
        "data ",
        "wasi_snapshot_preview1.fd_write: func [i32 i32 i32 i32] -> [i32]",
        "_start: func [] -> []",
        "memory: memory index 0",
        "memories: mem 1..",
    ):
        assert needle in out, needle


def test_wast_subprocess(tmp_path: Path) -> None:
    script = tmp_path / "t.wast"
    script.write_text(
        """(module (func (export "add") (param i32 i32) (result i32) local.get 0 local.get 1 i32.add)
                   (func (export "div") (param i32 i32) (result i32) local.get 0 local.get 1 i32.div_s))
        (assert_return (invoke "add" (i32.const 1) (i32.const 2)) (i32.const 3))
        (assert_trap (invoke "div" (i32.const 1) (i32.const 0)) "integer divide by zero")
        (assert_invalid (module (func (result i32))) "type mismatch")
        """
    )
    proc = nanowasm("wast", script)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stdout.strip().endswith("4/4 passed, 0 failed, 0 skipped")
    script.write_text(
        script.read_text()
        + '(assert_return (invoke "add" (i32.const 1) (i32.const 1)) (i32.const 3))\n'
    )
    proc = nanowasm("wast", script)
    assert proc.returncode == 1
    assert ":6: assert_return: wrong result" in proc.stdout
    assert "4/5 passed, 1 failed" in proc.stdout


def test_bad_input_subprocess(tmp_path: Path) -> None:
    proc = nanowasm("run", tmp_path / "missing.wasm")
    assert proc.returncode == 1
    assert proc.stderr == f"nanowasm: error: {tmp_path / 'missing.wasm'}: no such file\n"
    proc = nanowasm()
    assert proc.returncode == 2 and "usage" in proc.stderr


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (("validate", "text"), "text.wasm:1:26: unknown operator"),
        (("inspect", "truncated"), "malformed module"),
        (("run", "truncated"), "malformed module"),
        (("invoke", "invalid", "f"), "invalid module"),
        (("invoke", "math", "add", "1"), "takes 2 argument(s)"),
        (("invoke", "math", "add", "1", "one"), "argument 2: 'one' is not a valid i32"),
        (("invoke", "imports", "f"), "unknown import env.log"),
        (("run", "--dir", "/nonexistent/dir", "dots"), "is not a directory"),
        (("run", "--env", "NOEQUALS", "dots"), "expected KEY=VALUE"),
        (("validate", "--disable", "multi_value", "math"), "requires the multi_value feature"),
        (("invoke", "--disable", "multi_value", "math", "add", "1", "2"), "multi_value feature"),
        (("inspect", "--disable", "nosuch", "math"), "unknown WebAssembly feature 'nosuch'"),
    ],
)
def test_bad_input(capfd, mods, args: tuple[str, ...], needle: str) -> None:
    argv = [str(mods.get(a, a)) for a in args]
    code, _, err = run_main(capfd, *argv)
    assert code == cli.EXIT_ERROR
    assert err.startswith("nanowasm: error:") and needle in err
    assert len(err.strip().splitlines()) == 1, err


def test_feature_switches(capfd, mods, monkeypatch) -> None:
    """--disable / --enable: unrelated proposals do not matter; enabling an
    off-by-default proposal is silent, enabling an unimplemented one warns."""
    code, out, _ = run_main(capfd, "validate", "--disable", "simd", "--disable", "gc", mods["math"])
    assert code == cli.EXIT_OK and "valid" in out
    args = ("invoke", "--enable", "custom_descriptors", mods["math"], "add", "1", "2")
    code, out, err = run_main(capfd, *args)
    assert code == cli.EXIT_OK and out.startswith("i32:3") and "warning" not in err
    # every proposal of the table is implemented now: the warning is checked
    # against a table that pretends one is not
    monkeypatch.setattr(cli, "SUPPORTED", cli.SUPPORTED - {"custom_descriptors"})
    code, out, err = run_main(capfd, *args)
    assert code == cli.EXIT_OK and out.startswith("i32:3")
    assert "feature custom_descriptors is not implemented by this engine" in err


def test_fuel_stops_at_the_same_point_every_time(mods: dict[str, Path]) -> None:
    """The same fuel gives the same output and the same trap location, run after run."""
    first = nanowasm("run", "--fuel", "1000", mods["dots"])
    second = nanowasm("run", "--fuel", "1000", mods["dots"])
    assert first.returncode == cli.EXIT_TRAP
    assert "out of fuel" in first.stderr
    assert 0 < len(first.stdout) < 1000 and set(first.stdout) == {"."}
    assert (first.stdout, first.stderr) == (second.stdout, second.stderr)


# -- in-process: values, limits, errors --------------------------------------------------------


@pytest.mark.parametrize(
    ("func", "args", "expected"),
    [
        ("add", ["4294967295", "2"], ["i32:1 (1, 0x00000001)"]),
        ("add", ["-2147483648", "0"], ["i32:-2147483648 (2147483648, 0x80000000)"]),
        ("id32", ["0x7fc00000"], ["f32:nan:0x400000 (0x7fc00000)"]),
        ("id32", ["0x7fa00001"], ["f32:nan:0x200001 (0x7fa00001)"]),  # signalling, kept
        ("id32", ["-nan"], ["f32:-nan:0x400000 (0xffc00000)"]),
        ("id32", ["nan:0x1"], ["f32:nan:0x1 (0x7f800001)"]),
        ("id32", ["inf"], ["f32:inf (0x7f800000)"]),
        ("id32", ["-inf"], ["f32:-inf (0xff800000)"]),
        ("id32", ["-0"], ["f32:-0.0 (0x80000000)"]),
        ("id32", ["0.1"], ["f32:0.1 (0x3dcccccd)"]),
        ("id32", ["1e40"], ["f32:inf (0x7f800000)"]),
        ("fadd", ["0.1", "0.2"], ["f32:0.3 (0x3e99999a)"]),
        ("id64", ["0.1"], ["f64:0.1 (0x3fb999999999999a)"]),
        ("id64", ["0x7ff0000000000001"], ["f64:nan:0x1 (0x7ff0000000000001)"]),
        ("id64", ["-1.5e300"], ["f64:-1.5e+300 (0xfe41eb2d66005835)"]),
        (
            "pair",
            ["-2"],
            [
                "i64:-2 (18446744073709551614, 0xfffffffffffffffe)",
                "i32:-1 (4294967295, 0xffffffff)",
            ],
        ),
    ],
)
def test_invoke_values(capfd, mods, func: str, args: list[str], expected: list[str]) -> None:
    code, out, err = run_main(capfd, "invoke", mods["math"], func, *args)
    assert (code, out.splitlines(), err) == (0, expected, "")


@pytest.mark.parametrize(
    ("func", "args", "needle"),
    [
        ("add", ["4294967296", "0"], "not a valid i32"),
        ("add", ["-2147483649", "0"], "not a valid i32"),
        ("id32", ["0x100000000"], "not a valid f32"),
        ("id32", ["nan:0x800000"], "not a valid f32"),
        ("id32", ["abc"], "not a valid f32"),
        ("add", [], "takes 2 argument(s)"),
        ("g", [], "is a global, not a function"),
        ("nope", [], "no exported function 'nope'"),
    ],
)
def test_invoke_bad_arguments(capfd, mods, func: str, args: list[str], needle: str) -> None:
    code, out, err = run_main(capfd, "invoke", mods["math"], func, *args)
    assert code == cli.EXIT_ERROR and out == ""
    assert err.startswith("nanowasm: error:") and needle in err


def test_trap_prints_a_wasm_backtrace(capfd, mods) -> None:
    code, _, err = run_main(capfd, "invoke", mods["math"], "crash")
    assert code == cli.EXIT_TRAP
    lines = err.splitlines()
    assert lines[0] == "nanowasm: trap: integer divide by zero"
    assert lines[1].startswith("wasm backtrace")
    assert lines[2].startswith("  0: inner @0x") and lines[3].startswith("  1: outer @0x")


def test_limits(capfd, mods) -> None:
    code, _, err = run_main(capfd, "invoke", "--fuel", "100", mods["math"], "spin")
    assert code == cli.EXIT_TRAP and err.startswith("nanowasm: out of fuel")
    code, _, err = run_main(capfd, "invoke", "--max-call-depth", "50", mods["math"], "rec")
    assert code == cli.EXIT_TRAP and err.startswith("nanowasm: exhaustion")
    code, _, err = run_main(capfd, "invoke", "--timeout", "0.2", mods["math"], "spin")
    assert code == cli.EXIT_TRAP and err.startswith("nanowasm: timeout")
    # memory.grow beyond the cap fails the way the spec says growth fails: -1
    assert (
        run_main(capfd, "invoke", "--max-memory", "2", mods["math"], "grow", "1")[1]
        == "i32:1 (1, 0x00000001)\n"
    )
    assert run_main(capfd, "invoke", "--max-memory", "128KiB", mods["math"], "grow", "2")[
        1
    ].startswith("i32:-1 (4294967295, 0xffffffff)")
    assert run_main(capfd, "invoke", "--max-memory", "1MiB", mods["math"], "grow", "15")[
        1
    ].startswith("i32:1 ")


def test_fuel_is_enough_for_a_short_program(capfd, mods) -> None:
    code, out, _ = run_main(capfd, "invoke", "--fuel", "3", mods["math"], "add", "1", "2")
    assert (code, out) == (0, "i32:3 (3, 0x00000003)\n")
    code, _, err = run_main(capfd, "invoke", "--fuel", "2", mods["math"], "add", "1", "2")
    assert code == cli.EXIT_TRAP and "out of fuel" in err


def test_trace(capfd, mods) -> None:
    code, out, err = run_main(capfd, "invoke", "--trace", mods["math"], "add", "5", "7")
    assert code == 0 and out == "i32:12 (12, 0x0000000c)\n"
    lines = err.splitlines()
    assert len(lines) == 3
    assert lines[0].startswith("trace: add @0x") and lines[0].endswith("local.get")
    assert lines[2].endswith("i32.add 5 7")


def test_run_without_start(capfd, mods) -> None:
    code, _, err = run_main(capfd, "run", mods["math"])
    assert code == cli.EXIT_ERROR and "no _start export" in err


@pytest.mark.parametrize(
    ("text", "pages"),
    [("3", 3), ("65536B", 1), ("64KiB", 1), ("100KiB", 1), ("16MiB", 256), ("1g", 16384)],
)
def test_memory_limit_syntax(text: str, pages: int) -> None:
    assert cli.parse_memory_limit(text) == pages


def test_memory_limit_rejects_garbage() -> None:
    with pytest.raises(Exception, match="invalid memory size"):
        cli.parse_memory_limit("12 parsecs")


def test_host_module_from_python_file(capfd, mods) -> None:
    host = f"console={mods['console.py']}"
    code, out, err = run_main(capfd, "invoke", "--host", host, mods["console"], "main")
    assert (code, out, err) == (0, "Hello from wasm!\n", "")
    code, _, err = run_main(capfd, "invoke", "--host", host, mods["broken"], "f")
    assert code == cli.EXIT_ERROR
    assert err.startswith("nanowasm: error: unexpected ValueError: host bug")
    code, _, err = run_main(capfd, "invoke", mods["console"], "main")
    assert code == cli.EXIT_ERROR and "unknown import console.log" in err
    code, _, err = run_main(capfd, "invoke", "--host", "console", mods["console"], "main")
    assert code == cli.EXIT_ERROR and "expected NAME=FILE.py" in err


def test_version_subprocess() -> None:
    import tomllib

    proc = nanowasm("--version")
    version = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]["version"]
    assert (proc.returncode, proc.stdout) == (0, f"nanowasm {version}\n")


def test_argv0_is_the_path_as_typed(capfd) -> None:
    typed = os.path.relpath(PROGRAMS / "wasi_misc.wasm")  # relative, as a user types it
    code, out, _ = run_main(capfd, "run", typed, "x")
    assert code == 7  # wasi_misc ends with proc_exit(7)
    assert f"  argv[0]={typed}\n  argv[1]=x\n" in out


def test_reactor_run_and_invoke(capfd) -> None:
    """A reactor: `run` calls _initialize (and nothing else); `invoke` calls it first."""
    reactor = PROGRAMS / "reactor.wasm"
    assert run_main(capfd, "run", reactor) == (0, "", "")
    code, out, err = run_main(capfd, "invoke", reactor, "shout", "0", "5")
    assert (code, out, err) == (0, "shouted 5 bytes\ni32:5 (5, 0x00000005)\n", "")
    code, out, _ = run_main(capfd, "invoke", "--env", "GREETING=Hey", reactor, "greet", "0", "0")
    assert code == 0 and out.startswith("i32:")
