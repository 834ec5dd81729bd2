"""WASI preview 1: real C programs (tests/wasi_programs) against wasmtime's WASI.

Each program runs three ways and must give the same stdout and exit code:

* ``wasmtime``  -- wasmtime's engine with wasmtime's own WASI (the reference);
* ``hosted``    -- wasmtime's engine calling *our* :class:`interp.wasi.Wasi` as
  host functions: checks the WASI layer alone, independent of our engine;
* ``nanowasm``  -- our engine with our WASI (the real thing).

Plus unit tests of struct layouts and of the sandbox on a fake memory.
"""

from __future__ import annotations

import ctypes
import hashlib
import io
import json
import os
import re
import shutil
import struct
import subprocess
from pathlib import Path

import pytest

from interp import wasi as W
from interp.errors import Trap

HERE = Path(__file__).parent
PROGRAMS = HERE / "wasi_programs"
BENCH = Path(os.environ.get("NANOWASM_BENCH", HERE.parent.parent / "shared" / "bench"))

wasmtime = pytest.importorskip("wasmtime")


BUILD_FLAGS = ["--target=wasm32-wasi", "-mcpu=mvp", "-O2", "-Wl,--strip-debug"]  # as build.sh


def _c_compiler() -> str | None:
    cc = os.environ.get("CC") or shutil.which("clang") or shutil.which("clang-14")
    return cc if cc and Path("/usr/lib/wasm32-wasi/libc.a").exists() else None


@pytest.fixture(scope="session")
def programs(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The compiled programs, built from source when a wasm32-wasi clang is present.

    Builds are cached in pytest's cache folder under the hash of source, flags
    and compiler, so a run rebuilds only what changed; without a compiler (or
    if a build fails) the committed .wasm files are used.
    """
    cc = _c_compiler()
    if cc is None:
        return PROGRAMS
    if getattr(request.config, "cache", None) is not None:
        cache = Path(request.config.cache.mkdir("wasi_programs"))
    else:  # -p no:cacheprovider: build once per session
        cache = tmp_path_factory.mktemp("wasi_programs_cache", numbered=False)
    out = tmp_path_factory.mktemp("wasi_programs")  # per session: xdist workers share the cache
    for src in sorted(PROGRAMS.glob("*.c")):
        flags = [
            *BUILD_FLAGS,
            *(["-mexec-model=reactor"] if src.stem.startswith("reactor") else []),
        ]
        key = hashlib.sha256(src.read_bytes() + " ".join([cc, *flags]).encode())
        built = cache / f"{src.stem}-{key.hexdigest()[:16]}.wasm"
        if not built.exists():
            tmp = built.with_suffix(f".{os.getpid()}.tmp")
            proc = subprocess.run(
                [cc, *flags, str(src), "-o", str(tmp)], capture_output=True, check=False
            )
            if proc.returncode != 0:
                return PROGRAMS
            tmp.replace(built)
        shutil.copyfile(built, out / f"{src.stem}.wasm")
    return out


# -- the three runners --------------------------------------------------------------


def run_wasmtime(wasm: Path, args, env, preopens, stdin: bytes, tmp: Path):
    engine = wasmtime.Engine()
    store = wasmtime.Store(engine)
    cfg = wasmtime.WasiConfig()
    cfg.argv = [wasm.name, *args]
    cfg.env = list(env.items())
    for guest, host in preopens.items():
        cfg.preopen_dir(host, guest)
    out, err, inp = tmp / "wt.out", tmp / "wt.err", tmp / "wt.in"
    inp.write_bytes(stdin)
    cfg.stdin_file = str(inp)
    cfg.stdout_file = str(out)
    cfg.stderr_file = str(err)
    store.set_wasi(cfg)
    linker = wasmtime.Linker(engine)
    linker.define_wasi()
    inst = linker.instantiate(store, wasmtime.Module.from_file(engine, str(wasm)))
    code = 0
    try:
        inst.exports(store)["_start"](store)
    except wasmtime.ExitTrap as e:
        code = e.code
    return out.read_bytes(), err.read_bytes(), code


class _WasmtimeMemory:
    """Our WASI wants ``memory.data`` (a bytearray-like); wasmtime's memory, viewed."""

    def __init__(self, store, memory) -> None:
        self.store, self.memory = store, memory

    @property
    def data(self):
        size = self.memory.data_len(self.store)
        ptr = self.memory.data_ptr(self.store)
        array = (ctypes.c_ubyte * size).from_address(ctypes.addressof(ptr.contents))
        return memoryview(array).cast("B")


def run_hosted(wasm: Path, args, env, preopens, stdin: bytes, tmp: Path):
    engine = wasmtime.Engine()
    store = wasmtime.Store(engine)
    module = wasmtime.Module.from_file(engine, str(wasm))
    w = W.Wasi(args=[wasm.name, *args], env=env, preopens=preopens, stdin=stdin)
    val = {"i32": wasmtime.ValType.i32(), "i64": wasmtime.ValType.i64()}
    imports = []
    for imp in module.imports:
        assert imp.module == W.MODULE_NAME, imp.module
        ft = W.SIGNATURES[imp.name]
        wt = wasmtime.FuncType([val[t] for t in ft.params], [val[t] for t in ft.results])
        fn = w.host_function(imp.name)

        def unsigned(*a, fn=fn, params=ft.params):  # wasmtime passes signed ints
            return fn(
                *(x % (1 << (32 if t == "i32" else 64)) for x, t in zip(a, params, strict=True))
            )

        imports.append(wasmtime.Func(store, wt, unsigned))
    inst = wasmtime.Instance(store, module, imports)
    w.memory = _WasmtimeMemory(store, inst.exports(store)["memory"])
    code = 0
    try:
        inst.exports(store)["_start"](store)
    except wasmtime.WasmtimeError as e:  # a Python exception in a host func comes back wrapped
        if isinstance(e.__cause__, W.ProcExit):
            code = e.__cause__.code
        elif "ProcExit" in str(e) or isinstance(getattr(e, "__context__", None), W.ProcExit):
            code = e.__context__.code  # type: ignore[union-attr]
        else:
            raise
    except W.ProcExit as e:
        code = e.code
    w.close()
    return w.stdout.getvalue(), w.stderr.getvalue(), code


def run_nanowasm(wasm: Path, args, env, preopens, stdin: bytes, tmp: Path):
    import interp
    from interp import runtime

    module = interp.decode_module(wasm.read_bytes())
    interp.validate_module(module)
    w = W.Wasi(args=[wasm.name, *args], env=env, preopens=preopens, stdin=stdin)
    store = runtime.Store()
    inst = runtime.instantiate(store, module, w.imports())
    code = w.run_start(inst)
    w.close()
    return w.stdout.getvalue(), w.stderr.getvalue(), code


RUNNERS = {"hosted": run_hosted, "nanowasm": run_nanowasm}


def _engine_available() -> bool:
    try:
        import interp
        import interp.runtime

        return hasattr(interp, "decode_module")
    except ImportError:
        return False


def make_sandbox(root: Path) -> Path:
    """A preopen with a file, a symlink leading out, an absolute symlink; a file outside."""
    box = root / "box"
    box.mkdir()
    (box / "in.txt").write_bytes(b"hello sandboxed world\nsecond line\n" * 3)
    (root / "escape.txt").write_text("secret\n")
    os.symlink("..", box / "link_out")
    os.symlink("/etc/passwd", box / "abs_link")
    return box


CASES = {
    "hello": dict(args=[], env={}),
    "args_env": dict(args=["one", "two words", "", "ünï"], env={"GREETING": "hi there", "A": "1"}),
    "args_env_empty": dict(prog="args_env", args=[], env={}),
    "exit0": dict(prog="exitcode", args=["0"], env={}),
    "exit3": dict(prog="exitcode", args=["3"], env={}),
    "exit42": dict(prog="exitcode", args=["42"], env={}),
    "clock_random": dict(args=[], env={}),
    "filecopy": dict(args=[], env={}, sandbox=True),
    "fsops": dict(args=[], env={}, sandbox=True),
    "stdin_upper": dict(args=[], env={}, stdin=b"some input\nover lines\n"),
    "stdio_kind": dict(args=[], env={}),
    "stdin_empty": dict(prog="stdin_upper", args=[], env={}, stdin=b""),
    # raw preview-1 calls, every function's success path and main errors (errnos printed)
    "wasi_fd": dict(args=[], env={}, sandbox=True),
    "wasi_path": dict(args=[], env={}, sandbox=True),
    "wasi_misc": dict(args=["a b", "c"], env={"K": "V", "EMPTY": ""}, stdin=b"ready"),
    "wasi_io": dict(args=[], env={}, sandbox=True, stdin=b"hi\n"),
}


@pytest.mark.parametrize("runner", RUNNERS)
@pytest.mark.parametrize("case", CASES)
def test_program_matches_wasmtime(case: str, runner: str, tmp_path: Path, programs: Path) -> None:
    if runner == "nanowasm" and not _engine_available():
        pytest.fail("interp.runtime / decode_module not available yet")
    spec = CASES[case]
    wasm = programs / (spec.get("prog", case) + ".wasm")
    results = []
    for name, run in (("wasmtime", run_wasmtime), (runner, RUNNERS[runner])):
        work = tmp_path / name
        work.mkdir()
        preopens = {"/sandbox": str(make_sandbox(work))} if spec.get("sandbox") else {}
        out, err, code = run(
            wasm, spec["args"], spec["env"], preopens, spec.get("stdin", b""), work
        )
        listing = sorted(p.name for p in (work / "box").iterdir()) if preopens else []
        results.append((out.decode(), code, err.decode(), listing))
    (ref_out, ref_code, ref_err, ref_ls), (out, code, err, ls) = results
    assert (out, code) == (ref_out, ref_code)
    assert err == ref_err
    assert ls == ref_ls  # the programs leave the sandbox in the same state
    assert out or err  # every program prints something: an empty match proves nothing


TRAP_CASES = range(14)  # the cases of wasi_traps.c


@pytest.mark.parametrize("case", TRAP_CASES)
def test_undecodable_arguments_trap_as_in_wasmtime(
    case: int, tmp_path: Path, programs: Path
) -> None:
    """Invalid enum/flag values and out-of-bounds pointers trap in both, with the same cause."""
    wasm, preopens = programs / "wasi_traps.wasm", {"/sandbox": str(make_sandbox(tmp_path))}
    with pytest.raises((wasmtime.WasmtimeError, wasmtime.Trap)) as ref:
        run_wasmtime(wasm, [str(case)], {}, preopens, b"", tmp_path)
    last = str(ref.value).strip().splitlines()[-1]  # "    1: Invalid enum value Whence"
    cause = re.sub(r"^\s*(\d+:\s*)?", "", last).lower()
    with pytest.raises(Trap) as ours:
        run_nanowasm(wasm, [str(case)], {}, preopens, b"", tmp_path)
    reason = str(ours.value).split(": ", 1)[1].lower()
    assert " ".join(reason.split()[:4]).rstrip(":") == " ".join(cause.split()[:4]).rstrip(":")


def test_filecopy_output_is_what_we_expect(tmp_path: Path, programs: Path) -> None:
    """Guard against both sides being wrong the same way: the escapes are refused."""
    box = make_sandbox(tmp_path)
    out, _, code = run_wasmtime(
        programs / "filecopy.wasm", [], {}, {"/sandbox": str(box)}, b"", tmp_path
    )
    text = out.decode()
    assert code == 0
    assert "copied 102 bytes" in text
    assert "OPENED" not in text
    assert text.count("refused") == 4


# -- a reactor driven from Python (the README's example) ------------------------------


def test_reactor_from_python_as_in_readme(programs: Path) -> None:
    """_initialize once, strings in through the reactor's alloc, C strings out;
    the same calls on wasmtime give the same strings."""
    import interp

    module = interp.decode_module((programs / "reactor.wasm").read_bytes())
    interp.validate_module(module)
    wasi = W.Wasi(env={"GREETING": "Hi"})
    inst = interp.instantiate(interp.Store(), module, wasi.imports())
    wasi.initialize(inst)  # _initialize, once: constructors, environment
    wasi.initialize(inst)  # a second call does nothing
    mem = inst.exports["memory"]

    def put(text: str) -> tuple[int, int]:  # a string into the reactor's own heap
        raw = text.encode()
        (ptr,) = inst.invoke("alloc", len(raw))
        mem.write(ptr, raw)
        return ptr, len(raw)

    def c_string(ptr: int) -> str:
        return mem.read(ptr, mem.data.find(b"\0", ptr) - ptr).decode()

    (out,) = inst.invoke("greet", *put("Wasm"))
    ours = [c_string(out)]
    inst.invoke("dealloc", out)
    ptr, n = put("quiet")
    assert inst.invoke("shout", ptr, n) == [5]
    ours += [mem.read(ptr, n).decode(), c_string(inst.invoke("greet", *put("again"))[0])]
    assert ours == ["Hi, Wasm! (call 1)", "QUIET", "Hi, again! (call 2)"]
    assert wasi.stdout.getvalue() == b"shouted 5 bytes\n"

    engine = wasmtime.Engine()
    store = wasmtime.Store(engine)
    cfg = wasmtime.WasiConfig()
    cfg.env = [("GREETING", "Hi")]
    store.set_wasi(cfg)
    linker = wasmtime.Linker(engine)
    linker.define_wasi()
    ref = linker.instantiate(
        store, wasmtime.Module(engine, (programs / "reactor.wasm").read_bytes())
    )
    ex = ref.exports(store)
    ex["_initialize"](store)
    wmem = ex["memory"]
    theirs = []
    for name in ("Wasm", "again"):
        raw = name.encode()
        p = ex["alloc"](store, len(raw))
        wmem.write(store, raw, p)
        out = ex["greet"](store, p, len(raw))
        data = wmem.read(store, out, out + 64)
        theirs.append(data[: data.index(0)].decode())
    assert theirs == [ours[0], ours[2]]


def test_reactor_without_initialize_is_visible(programs: Path) -> None:
    """Guard: the reactor really depends on _initialize (else the test above proves nothing)."""
    import interp

    module = interp.decode_module((programs / "reactor.wasm").read_bytes())
    wasi = W.Wasi()
    inst = interp.instantiate(interp.Store(), module, wasi.imports())
    (out,) = inst.invoke("greet", 0, 0)
    mem = inst.exports["memory"]
    assert mem.read(out, 20) == b"(not initialized), !"


# -- the benchmark WASI kernels -------------------------------------------------------


@pytest.mark.parametrize("runner", RUNNERS)
@pytest.mark.parametrize("kernel", ["wasi_spectral", "wasi_wordfreq"])
def test_bench_kernel_small(kernel: str, runner: str, tmp_path: Path) -> None:
    folder = BENCH / kernel
    if not folder.exists():
        pytest.skip(f"{folder} not found")
    if runner == "nanowasm" and not _engine_available():
        pytest.fail("interp.runtime / decode_module not available yet")
    meta = json.loads((folder / "kernel.json").read_text())
    small = meta["sizes"]["small"]
    out, _, code = RUNNERS[runner](folder / meta["wasm"], small["argv"], {}, {}, b"", tmp_path)
    assert (out.decode(), code) == (small["expected_stdout"], 0)


# -- unit tests on a fake memory -------------------------------------------------------


class FakeMemory:
    def __init__(self, size: int = 65536) -> None:
        self.data = bytearray(size)


def make_wasi(tmp_path: Path | None = None, **kw) -> tuple[W.Wasi, bytearray]:
    preopens = {"/sb": str(tmp_path)} if tmp_path else {}
    w = W.Wasi(preopens=preopens, **kw)
    w.memory = FakeMemory()
    return w, w.memory.data


def call(w: W.Wasi, name: str, *args: int) -> int:
    return w.host_function(name)(*args)


def put_path(mem: bytearray, ptr: int, text: str) -> tuple[int, int]:
    raw = text.encode()
    mem[ptr : ptr + len(raw)] = raw
    return ptr, len(raw)


def test_errno_values_match_witx() -> None:
    assert (W.ERRNO["2big"], W.EBADF, W.EINVAL, W.ENOENT, W.ENOSYS) == (1, 8, 28, 44, 52)
    assert (W.ERRNO["perm"], W.ERRNO["xdev"], W.ENOTCAPABLE) == (63, 75, 76)
    assert W.RIGHT["fd_read"] == 2 and W.RIGHT["sock_accept"] == 1 << 29


def test_every_signature_has_a_host_function() -> None:
    w, _ = make_wasi()
    for name in W.SIGNATURES:
        assert callable(w.host_function(name))
        assert hasattr(w, "wasi_" + name), name  # implemented: none answers NOSYS
    assert call(w, "sock_accept", 3, 0, 0) == W.EBADF  # no such descriptor
    assert call(w, "sock_accept", 1, 0, 0) == W.ENOTSOCK  # a descriptor, not a socket
    assert call(w, "sock_shutdown", 1, 2) == W.ENOTSOCK
    assert call(w, "fd_allocate", 1, 0, 1) == W.EBADF
    assert call(w, "proc_raise", 15) == W.ENOTSUP


def test_args_layout() -> None:
    w, mem = make_wasi(args=["prog", "ab"])
    assert call(w, "args_sizes_get", 0, 4) == 0
    assert struct.unpack_from("<II", mem, 0) == (2, 8)
    assert call(w, "args_get", 100, 200) == 0
    assert struct.unpack_from("<II", mem, 100) == (200, 205)
    assert bytes(mem[200:208]) == b"prog\0ab\0"


def test_fd_write_uses_first_nonempty_iovec_and_traps_on_bad_pointers() -> None:
    """As wasmtime: only the first non-empty buffer is written (a short write)."""
    w, mem = make_wasi()
    mem[1000:1005] = b"hello"
    mem[2000:2003] = b" wo"
    struct.pack_into("<IIIIII", mem, 0, 1000, 0, 1000, 5, 2000, 3)
    assert call(w, "fd_write", 1, 0, 3, 64) == 0
    assert w.stdout.getvalue() == b"hello"
    assert struct.unpack_from("<I", mem, 64)[0] == 5
    assert call(w, "fd_write", 1, 0, 0, 64) == 0  # no buffer: nothing written
    assert struct.unpack_from("<I", mem, 64)[0] == 0
    struct.pack_into("<II", mem, 0, 65530, 100)  # past the end of memory: a trap, as wasmtime
    with pytest.raises(Trap, match="fd_write: pointer out of bounds"):
        call(w, "fd_write", 1, 0, 1, 64)
    assert call(w, "fd_write", 9, 0, 1, 64) == W.EBADF
    assert call(w, "fd_write", 0, 0, 1, 64) == W.EBADF  # stdin is not writable


def test_fdstat_and_prestat_layout(tmp_path: Path) -> None:
    w, mem = make_wasi(tmp_path)
    assert call(w, "fd_fdstat_get", 1, 0) == 0
    assert mem[0] == W.FILETYPE_UNKNOWN  # a buffer, not a terminal (wasmtime: same)
    rights = struct.unpack_from("<Q", mem, 8)[0]
    assert rights & W.RIGHT["fd_write"] and not rights & (W.RIGHT["fd_read"] | W.RIGHT["fd_seek"])
    assert call(w, "fd_prestat_get", 3, 100) == 0
    assert struct.unpack_from("<BxxxI", mem, 100) == (0, 3)
    assert call(w, "fd_prestat_dir_name", 3, 200, 3) == 0
    assert bytes(mem[200:203]) == b"/sb"
    assert call(w, "fd_prestat_get", 4, 100) == W.EBADF
    assert call(w, "fd_fdstat_get", 3, 0) == 0
    assert mem[0] == W.FILETYPE_DIRECTORY


def test_clock_and_random() -> None:
    w, mem = make_wasi(random_bytes=lambda n: bytes(range(n)))
    assert call(w, "clock_time_get", W.CLOCK_MONOTONIC, 1, 0) == 0
    assert call(w, "clock_time_get", W.CLOCK_MONOTONIC, 1, 8) == 0
    a, b = struct.unpack_from("<QQ", mem, 0)
    assert 0 < a <= b
    with pytest.raises(Trap, match="invalid enum value Clockid"):
        call(w, "clock_time_get", 99, 1, 0)  # not a clockid: wasmtime traps
    assert call(w, "clock_time_get", W.CLOCK_PROCESS_CPUTIME, 1, 0) == W.EBADF  # as wasmtime
    assert call(w, "clock_res_get", W.CLOCK_REALTIME, 16) == 0
    assert struct.unpack_from("<Q", mem, 16)[0] >= 1
    assert call(w, "random_get", 100, 5) == 0
    assert bytes(mem[100:105]) == b"\0\1\2\3\4"


def test_poll_oneoff_relative_clock() -> None:
    w, mem = make_wasi()
    # subscription: userdata 7, tag clock, id monotonic, timeout 1 ms, relative
    struct.pack_into("<QB", mem, 0, 7, W.EVENTTYPE_CLOCK)
    struct.pack_into("<IxxxxQQH", mem, 16, W.CLOCK_MONOTONIC, 1_000_000, 0, 0)
    assert call(w, "poll_oneoff", 0, 100, 1, 200) == 0
    assert struct.unpack_from("<I", mem, 200)[0] == 1
    assert struct.unpack_from("<QHB", mem, 100) == (7, 0, W.EVENTTYPE_CLOCK)
    assert call(w, "poll_oneoff", 0, 100, 0, 200) == W.EINVAL


def test_proc_exit_raises() -> None:
    w, _ = make_wasi()
    with pytest.raises(W.ProcExit) as e:
        w.host_function("proc_exit")(5)
    assert e.value.code == 5


def _open(
    w: W.Wasi, mem: bytearray, path: str, oflags: int = 0, rights: int = W.RIGHTS_ALL, follow=1
):
    p, n = put_path(mem, 1000, path)
    rc = call(w, "path_open", 3, follow, p, n, oflags, rights, W.RIGHTS_ALL, 0, 0)
    return rc, struct.unpack_from("<I", mem, 0)[0]


def test_sandbox_refuses_escapes(tmp_path: Path) -> None:
    box = tmp_path / "box"
    box.mkdir()
    (tmp_path / "secret").write_text("x")
    (box / "ok.txt").write_text("fine")
    os.symlink("../secret", box / "up")
    os.symlink(str(tmp_path / "secret"), box / "abs")
    os.symlink("sub/../ok.txt", box / "inside")
    (box / "sub").mkdir()
    w, mem = make_wasi(box)
    assert _open(w, mem, "../secret")[0] == W.EPERM
    assert _open(w, mem, "sub/../../secret")[0] == W.EPERM
    assert _open(w, mem, "/etc/passwd")[0] == W.EPERM
    assert _open(w, mem, "up")[0] == W.EPERM
    assert _open(w, mem, "abs")[0] == W.EPERM
    assert _open(w, mem, "missing")[0] == W.ENOENT
    os.symlink("loop_b", box / "loop_a")
    os.symlink("loop_a", box / "loop_b")
    assert _open(w, mem, "loop_a")[0] == W.ELOOP
    os.symlink("../created.txt", box / "dangling")  # O_CREAT through a link must not escape
    assert _open(w, mem, "dangling", W.OFLAGS_CREAT)[0] == W.EPERM
    assert not (tmp_path / "created.txt").exists()
    assert _open(w, mem, "")[0] == W.ENOENT
    rc, fd = _open(w, mem, "sub/../inside")
    assert rc == 0
    struct.pack_into("<II", mem, 100, 200, 10)
    assert call(w, "fd_read", fd, 100, 1, 120) == 0
    assert bytes(mem[200:204]) == b"fine"
    assert _open(w, mem, "ok.txt/")[0] == W.ENOTDIR
    # a directory fd opened below the preopen is its own root: no ".." above it
    rc, subfd = _open(w, mem, "sub", W.OFLAGS_DIRECTORY, W.RIGHT["path_open"])
    assert rc == 0
    p, n = put_path(mem, 1000, "../ok.txt")
    assert call(w, "path_open", subfd, 1, p, n, 0, W.RIGHTS_ALL, 0, 0, 0) == W.EPERM
    assert call(w, "path_open", 1, 1, p, n, 0, W.RIGHTS_ALL, 0, 0, 0) == W.ENOTDIR


def test_no_preopen_no_files() -> None:
    w, mem = make_wasi()
    assert call(w, "fd_prestat_get", 3, 0) == W.EBADF
    p, n = put_path(mem, 1000, "etc/passwd")
    assert call(w, "path_open", 3, 1, p, n, 0, W.RIGHTS_ALL, 0, 0, 0) == W.EBADF


def test_readdir_cookies_and_truncation(tmp_path: Path) -> None:
    for name in ("b", "a", "c"):
        (tmp_path / name).write_text(name)
    w, mem = make_wasi(tmp_path)
    assert call(w, "fd_readdir", 3, 100, 4096, 0, 0) == 0
    used = struct.unpack_from("<I", mem, 0)[0]
    names, pos = [], 100
    while pos < 100 + used:
        nxt, _ino, namlen, ftype = struct.unpack_from("<QQIB", mem, pos)
        names.append((bytes(mem[pos + 24 : pos + 24 + namlen]).decode(), nxt, ftype))
        pos += 24 + namlen
    assert [n for n, _, _ in names] == [".", "..", *os.listdir(tmp_path)]  # the host's order
    assert [c for _, c, _ in names] == [1, 2, 3, 4, 5]
    assert names[2][2] == W.FILETYPE_REGULAR_FILE and names[0][2] == W.FILETYPE_DIRECTORY
    assert call(w, "fd_readdir", 3, 100, 30, 3, 0) == 0  # from "b", cut short
    assert struct.unpack_from("<I", mem, 0)[0] == 30


def test_stdin_read_short() -> None:
    w, mem = make_wasi(stdin=b"abc")
    struct.pack_into("<IIII", mem, 0, 100, 2, 200, 10)
    assert call(w, "fd_read", 0, 0, 2, 50) == 0  # the first buffer only, as wasmtime
    assert struct.unpack_from("<I", mem, 50)[0] == 2
    assert bytes(mem[100:102]) == b"ab"
    assert call(w, "fd_read", 0, 0, 2, 50) == 0
    assert struct.unpack_from("<I", mem, 50)[0] == 1 and mem[100] == ord("c")
    assert call(w, "fd_read", 0, 0, 2, 50) == 0
    assert struct.unpack_from("<I", mem, 50)[0] == 0  # end of file
    assert call(w, "fd_seek", 0, 0, 0, 50) == W.ESPIPE


def test_stdout_to_text_stream_uses_buffer() -> None:
    buf = io.BytesIO()
    text = io.TextIOWrapper(buf)
    w = W.Wasi(stdout=text)
    assert w.stdout is buf


def test_readme_lists_every_function() -> None:
    """The README's WASI table names exactly the implemented functions."""
    text = (HERE.parent / "README.md").read_text()
    table = text[text.index("| group | functions |") : text.index("wasmtime's choices")]
    assert set(re.findall(r"`([a-z_]+)`", table)) == set(W.SIGNATURES)
    assert f"all {len(W.SIGNATURES)} functions" in text
