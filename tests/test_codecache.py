"""The persistent compiled-code cache (interp.codecache) behind ``nanowasm run/invoke``."""

from __future__ import annotations

import marshal
import os
import subprocess
from pathlib import Path

import pytest

from interp import cli, codecache
from interp import compile as compile_mod

# a loop (flat mode when forced), a tail call and a plain function
WAT = """(module
  (func $sum (export "sum") (param i32) (result i32) (local i32)
    (block $out (loop $l
      (br_if $out (i32.eqz (local.get 0)))
      (local.set 1 (i32.add (local.get 1) (local.get 0)))
      (local.set 0 (i32.sub (local.get 0) (i32.const 1)))
      (br $l)))
    (local.get 1))
  (func (export "tail") (param i32) (result i32) (return_call $sum (local.get 0))))
"""


@pytest.fixture
def wasm(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    src, out = tmp_path / "m.wat", tmp_path / "m.wasm"
    src.write_text(WAT)
    subprocess.run(["wasm-tools", "parse", str(src), "-o", str(out)], check=True)
    return out


def res(n: int) -> str:
    """How ``nanowasm invoke`` prints an i32 result."""
    return f"i32:{n} ({n}, 0x{n:08x})\n"


def _count_compiles(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    calls: list[int] = []
    real = compile_mod.FunctionCompiler.compile

    def counting(self: compile_mod.FunctionCompiler) -> str:
        calls.append(self.index)
        return real(self)

    monkeypatch.setattr(compile_mod.FunctionCompiler, "compile", counting)
    return calls


def test_second_run_skips_code_generation(wasm: Path, monkeypatch, capfd) -> None:
    calls = _count_compiles(monkeypatch)
    assert cli.main(["invoke", str(wasm), "tail", "10"]) == 0
    assert capfd.readouterr().out == res(55)
    assert calls == [1, 0]  # tail, then sum through the tail call
    files = list((Path(str(wasm.parent)) / "xdg" / "nanowasm").glob("*.code"))
    assert len(files) == 1
    calls.clear()
    assert cli.main(["invoke", str(wasm), "tail", "100"]) == 0
    assert capfd.readouterr().out == res(5050)
    assert calls == []  # both came from the cache, tail mode included
    # --no-cache compiles again and leaves the file alone
    before = files[0].read_bytes()
    assert cli.main(["invoke", "--no-cache", str(wasm), "sum", "3"]) == 0
    assert capfd.readouterr().out == res(6)
    assert calls == [0]
    assert files[0].read_bytes() == before


def test_options_are_part_of_the_key(wasm: Path, monkeypatch, capfd) -> None:
    calls = _count_compiles(monkeypatch)
    assert cli.main(["invoke", str(wasm), "sum", "4"]) == 0
    assert cli.main(["invoke", "--fuel", "1000", str(wasm), "sum", "4"]) == 0
    assert capfd.readouterr().out == res(10) + res(10)
    assert calls == [0, 0]  # code with fuel accounting is other code


def test_corrupt_or_foreign_file_is_ignored(wasm: Path, monkeypatch, capfd) -> None:
    assert cli.main(["invoke", str(wasm), "sum", "4"]) == 0
    (path,) = (wasm.parent / "xdg" / "nanowasm").glob("*.code")
    path.write_bytes(b"\x00garbage")
    calls = _count_compiles(monkeypatch)
    assert cli.main(["invoke", str(wasm), "sum", "5"]) == 0
    assert capfd.readouterr().out == res(10) + res(15)
    assert calls == [0]


def test_entries_of_earlier_runs_are_kept(wasm: Path, monkeypatch, capfd) -> None:
    """A run that compiles more rewrites the file with the earlier runs' entries too."""
    calls = _count_compiles(monkeypatch)
    assert cli.main(["invoke", str(wasm), "sum", "4"]) == 0  # compiles sum (0)
    assert cli.main(["invoke", "--fuel", "99", str(wasm), "sum", "4"]) == 0  # sum, with fuel
    assert cli.main(["invoke", str(wasm), "tail", "4"]) == 0  # tail (1); sum from the file
    assert calls == [0, 0, 1]
    calls.clear()
    for options in ([], ["--fuel", "99"]):
        assert cli.main(["invoke", *options, str(wasm), "tail", "5"]) == 0
    assert calls == [1]  # only tail with fuel was new
    calls.clear()
    assert cli.main(["invoke", "--fuel", "99", str(wasm), "tail", "6"]) == 0
    assert calls == []
    out = capfd.readouterr().out
    assert out == res(10) * 3 + res(15) * 2 + res(21)


@pytest.mark.parametrize("cut", [1, 8, 100])
def test_truncated_file_is_ignored(wasm: Path, monkeypatch, capfd, cut: int) -> None:
    """A file cut short (a full disk, another writer) is a cold start, never an error."""
    assert cli.main(["invoke", str(wasm), "tail", "4"]) == 0
    (path,) = (wasm.parent / "xdg" / "nanowasm").glob("*.code")
    data = path.read_bytes()
    path.write_bytes(data[: max(0, len(data) - cut)])
    calls = _count_compiles(monkeypatch)
    assert cli.main(["invoke", str(wasm), "tail", "5"]) == 0
    assert capfd.readouterr().out == res(10) + res(15)
    assert calls == [1, 0]  # compiled again: the lengths in the file no longer add up


def test_other_engine_versions_never_match(wasm: Path, monkeypatch, capfd) -> None:
    assert cli.main(["invoke", str(wasm), "sum", "4"]) == 0
    monkeypatch.setattr(codecache, "_fingerprint", "another engine")
    calls = _count_compiles(monkeypatch)
    assert cli.main(["invoke", str(wasm), "sum", "4"]) == 0
    assert capfd.readouterr().out == res(10) + res(10)
    assert calls == [0]
    assert len(list((wasm.parent / "xdg" / "nanowasm").glob("*.code"))) == 2


def test_source_signature_follows_every_edit(tmp_path: Path) -> None:
    import os

    (tmp_path / "sub").mkdir()
    (tmp_path / "a.py").write_text("x = 1\n")
    (tmp_path / "sub" / "b.py").write_text("y = 2\n")
    (tmp_path / "notes.txt").write_text("not a source")
    first = codecache.source_signature(str(tmp_path))
    assert first == codecache.source_signature(str(tmp_path))
    (tmp_path / "notes.txt").write_text("still not a source")
    assert codecache.source_signature(str(tmp_path)) == first
    st = os.stat(tmp_path / "sub" / "b.py")
    os.utime(tmp_path / "sub" / "b.py", ns=(st.st_atime_ns, st.st_mtime_ns + 1))  # saved again
    touched = codecache.source_signature(str(tmp_path))
    assert touched != first
    (tmp_path / "a.py").write_text("x = 10\n")  # a new size
    assert codecache.source_signature(str(tmp_path)) not in (first, touched)
    (tmp_path / "sub" / "c.py").write_text("")  # a new module
    assert "c.py" in codecache.source_signature(str(tmp_path))


def test_warm_start_skips_decoding_bodies_and_validation(wasm: Path, monkeypatch, capfd) -> None:
    from interp import binary, validate

    validations: list[object] = []
    real_validate = validate.validate_module

    def counting_validate(module: object, features: object = None) -> None:
        validations.append(module)
        real_validate(module, features)  # type: ignore[arg-type]

    monkeypatch.setattr(validate, "validate_module", counting_validate)
    monkeypatch.setattr("interp.validate_module", counting_validate)
    assert cli.main(["invoke", str(wasm), "tail", "3"]) == 0
    assert len(validations) == 1
    (path,) = (wasm.parent / "xdg" / "nanowasm").glob("*.code")
    assert marshal.loads(path.read_bytes())[1] is True  # (key, validated, uses, outline, ...)
    decoded: list[bool] = []
    real_decode = binary.decode_module

    sizes: list[int] = []

    def spying_decode(data: bytes, features: object = None, *, lazy_bodies: bool = False) -> object:
        decoded.append(lazy_bodies)
        sizes.append(len(data))
        return real_decode(data, features, lazy_bodies=lazy_bodies)  # type: ignore[arg-type]

    monkeypatch.setattr("interp.decode_module", spying_decode)
    calls = _count_compiles(monkeypatch)
    assert cli.main(["invoke", str(wasm), "tail", "4"]) == 0
    assert capfd.readouterr().out == res(6) + res(10)
    assert decoded == [True] and len(validations) == 1 and calls == []
    assert sizes[0] < len(wasm.read_bytes())  # the outline: no code, function or name section
    # a function the cache does not hold is compiled from its lazily decoded body
    assert cli.main(["invoke", str(wasm), "sum", "5"]) == 0
    assert capfd.readouterr().out == res(15)
    assert calls == [] and decoded == [True, True]  # sum was cached by the first run


def test_lazy_bodies_decode_as_eager_ones(wasm: Path) -> None:
    from interp.binary import LazyFunc, decode_module

    data = wasm.read_bytes()
    eager, lazy = decode_module(data), decode_module(data, lazy_bodies=True)
    assert all(isinstance(f, LazyFunc) for f in lazy.funcs)
    assert [(f.typeidx, f.locals, f.body, f.offsets) for f in eager.funcs] == [
        (f.typeidx, f.locals, f.body, f.offsets) for f in lazy.funcs
    ]


@pytest.mark.parametrize("program", ["m.wasm", "fsops.wasm", "reactor.wasm", "hello.wasm"])
def test_outlined_decode_is_the_lazy_decode(wasm: Path, program: str) -> None:
    """A warm start's module (the cache's outline + the other sections) is the lazily decoded one."""
    from interp.binary import decode_module

    path = wasm if program == "m.wasm" else Path(__file__).parent / "wasi_programs" / program
    data = path.read_bytes()
    # a custom section before the others and one after them, with a name section too
    extra = b"\x00\x07\x05first\xaa" if program == "m.wasm" else b""
    data = data[:8] + extra + data[8:] + b"\x00\x05\x04last"
    lazy = decode_module(data, lazy_bodies=True)
    outline = codecache.outline_of(decode_module(data), data)
    assert outline is not None
    outlined = codecache.decode_outlined(data, outline)
    assert outlined.func_names and [c.name for c in outlined.customs][-1] == "last"
    assert outlined == lazy  # every field; the bodies are decoded and compared
    assert marshal.loads(marshal.dumps(outline)) == outline  # what the cache file holds


def test_invalid_module_is_never_marked_valid(tmp_path: Path, monkeypatch, capfd) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    out = tmp_path / "bad.wasm"  # (func (export "f") (result i32) (i64.const 11))
    out.write_bytes(
        bytes.fromhex("0061736d01000000" "010501600001 7f" "03020100" "07050101660000" "0a0601040042 0b0b".replace(" ", ""))
    )  # fmt: skip
    for _ in range(2):
        assert cli.main(["invoke", str(out), "f"]) != 0
        assert "type mismatch" in capfd.readouterr().err
    assert not list((tmp_path / "xdg").rglob("*.code"))


def test_prune_removes_least_recently_used_first(tmp_path: Path, monkeypatch) -> None:
    """The directory bound: oldest files go first, the file just written never, stale temporaries too."""
    monkeypatch.setenv("NANOWASM_CACHE_MAX_MB", str(2.5 / 1024))  # 2,560 bytes
    now = 1_000_000.0
    for age, name in [(50, "a.code"), (40, "b.code"), (30, "c.code"), (60, "new.code")]:
        path = tmp_path / name
        path.write_bytes(bytes(1000))
        os.utime(path, (now - age, now - age))
    stale, fresh = tmp_path / ".tmp-1.code", tmp_path / ".tmp-2.code"
    for path, age in [(stale, codecache.STALE_TMP + 1), (fresh, 10)]:
        path.write_bytes(b"x")
        os.utime(path, (now - age, now - age))
    (tmp_path / "other.txt").write_bytes(bytes(5000))  # not ours: neither counted nor removed
    codecache.prune(tmp_path, keep="new.code", now=now)
    # 4,000 bytes of cache files, bound 2,560: a (oldest) and b go; new.code is
    # the oldest of all but was just written
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        ".tmp-2.code",
        "c.code",
        "new.code",
        "other.txt",
    ]


def test_runs_keep_the_cache_directory_bounded(
    wasm: Path, tmp_path: Path, monkeypatch, capfd
) -> None:
    """Two modules with a bound that holds one file: the second run's file evicts the first's."""
    monkeypatch.setenv("NANOWASM_CACHE_MAX_MB", "0")
    cache_dir = tmp_path / "xdg" / "nanowasm"
    assert cli.main(["invoke", str(wasm), "sum", "3"]) == 0
    first = sorted(cache_dir.glob("*.code"))
    assert len(first) == 1
    other = tmp_path / "other.wasm"
    other.write_bytes(wasm.read_bytes() + b"\x00\x03\x01x\x00")  # a custom section: another key
    assert cli.main(["invoke", str(other), "sum", "3"]) == 0
    second = sorted(cache_dir.glob("*.code"))
    assert len(second) == 1 and second != first
    assert capfd.readouterr().out == res(6) * 2
