"""WASI preview 1 (``wasi_snapshot_preview1``) for nanowasm.

A :class:`Wasi` object is one program's view of the outside world: its
arguments, environment, standard streams and the host directories it was
explicitly given ("preopens").  It is capability-based as WASI intends: a
program given no preopen sees no host file at all, and every path is resolved
*relative to a directory descriptor* by :meth:`Wasi._resolve`, which refuses
absolute paths, ``..`` above that directory and symlinks that lead out of it
(``ENOTCAPABLE``, as wasmtime does).

Layouts and errno values follow the witx description of preview 1
(``wasi_snapshot_preview1.witx`` / ``typenames.witx`` in WebAssembly/WASI).
Unimplemented functions are still provided and return ``ENOSYS`` so that
programs that merely *import* them can be instantiated.

Usage::

    wasi = Wasi(args=["prog", "x"], env={"K": "V"}, preopens={"/data": "/tmp/d"})
    inst = interp.runtime.instantiate(store, module, wasi.imports())
    wasi.bind(inst)
    code = wasi.run_start(inst)            # _start, ProcExit caught -> exit code

Known limitation: path resolution checks the host filesystem and then opens
the resolved path, so a concurrent host process swapping a directory for a
symlink between the two steps could defeat the sandbox (no ``openat2``
``RESOLVE_BENEATH`` in the standard library).  Fine for tests and tools; do
not run hostile guests against a hostile host.
"""

from __future__ import annotations

import contextlib
import errno as host_errno
import io
import os
import stat
import struct
import sys
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, BinaryIO

from .types import FuncType

MODULE_NAME = "wasi_snapshot_preview1"

# -- errno (typenames.witx, enum errno: u16) ----------------------------------


def _enum(words: str) -> list[str]:
    """Names listed in witx order; the position of a name is its value (or bit)."""
    return words.split()


ERRNO_NAMES = _enum(
    "success 2big acces addrinuse addrnotavail afnosupport again already badf badmsg busy "
    "canceled child connaborted connrefused connreset deadlk destaddrreq dom dquot exist fault "
    "fbig hostunreach idrm ilseq inprogress intr inval io isconn isdir loop mfile mlink msgsize "
    "multihop nametoolong netdown netreset netunreach nfile nobufs nodev noent noexec nolck "
    "nolink nomem nomsg noprotoopt nospc nosys notconn notdir notempty notrecoverable notsock "
    "notsup notty nxio overflow ownerdead perm pipe proto protonosupport prototype range rofs spipe "
    "srch stale timedout txtbsy xdev notcapable"
)
ERRNO: dict[str, int] = {name: i for i, name in enumerate(ERRNO_NAMES)}
SUCCESS = 0
E2BIG, EBADF, EEXIST, EFAULT = ERRNO["2big"], ERRNO["badf"], ERRNO["exist"], ERRNO["fault"]
EINVAL, EIO, EISDIR, ELOOP = ERRNO["inval"], ERRNO["io"], ERRNO["isdir"], ERRNO["loop"]
ENOENT, ENOSYS, ENOTDIR = ERRNO["noent"], ERRNO["nosys"], ERRNO["notdir"]
ENOTCAPABLE, ESPIPE, EPERM = ERRNO["notcapable"], ERRNO["spipe"], ERRNO["perm"]
ENOTSUP, EOVERFLOW = ERRNO["notsup"], ERRNO["overflow"]

# host errno -> WASI errno, built from the shared names ("noent" -> errno.ENOENT)
_HOST_TO_WASI: dict[int, int] = {
    getattr(host_errno, "E" + name.upper()): code
    for name, code in ERRNO.items()
    if hasattr(host_errno, "E" + name.upper())
}
_HOST_TO_WASI[host_errno.EOPNOTSUPP] = ENOTSUP
_HOST_TO_WASI[getattr(host_errno, "EWOULDBLOCK", host_errno.EAGAIN)] = ERRNO["again"]

# -- filetype (u8) ---------------------------------------------------------------
FILETYPE_UNKNOWN, FILETYPE_BLOCK_DEVICE, FILETYPE_CHARACTER_DEVICE = 0, 1, 2
FILETYPE_DIRECTORY, FILETYPE_REGULAR_FILE = 3, 4
FILETYPE_SOCKET_DGRAM, FILETYPE_SOCKET_STREAM, FILETYPE_SYMBOLIC_LINK = 5, 6, 7

# -- flags --------------------------------------------------------------------------
FDFLAGS_APPEND, FDFLAGS_DSYNC, FDFLAGS_NONBLOCK, FDFLAGS_RSYNC, FDFLAGS_SYNC = 1, 2, 4, 8, 16
OFLAGS_CREAT, OFLAGS_DIRECTORY, OFLAGS_EXCL, OFLAGS_TRUNC = 1, 2, 4, 8
LOOKUPFLAGS_SYMLINK_FOLLOW = 1
FSTFLAGS_ATIM, FSTFLAGS_ATIM_NOW, FSTFLAGS_MTIM, FSTFLAGS_MTIM_NOW = 1, 2, 4, 8
WHENCE = {0: os.SEEK_SET, 1: os.SEEK_CUR, 2: os.SEEK_END}
SUBCLOCKFLAGS_ABSTIME = 1
EVENTTYPE_CLOCK, EVENTTYPE_FD_READ, EVENTTYPE_FD_WRITE = 0, 1, 2
PREOPENTYPE_DIR = 0

# rights (u64 flags), in witx order
RIGHTS_NAMES = _enum(
    "fd_datasync fd_read fd_seek fd_fdstat_set_flags fd_sync fd_tell fd_write fd_advise "
    "fd_allocate path_create_directory path_create_file path_link_source path_link_target "
    "path_open fd_readdir path_readlink path_rename_source path_rename_target "
    "path_filestat_get path_filestat_set_size path_filestat_set_times fd_filestat_get "
    "fd_filestat_set_size fd_filestat_set_times path_symlink path_remove_directory "
    "path_unlink_file poll_fd_readwrite sock_shutdown sock_accept"
)
RIGHT: dict[str, int] = {name: 1 << i for i, name in enumerate(RIGHTS_NAMES)}
RIGHTS_ALL = (1 << len(RIGHTS_NAMES)) - 1
_READ_RIGHTS = RIGHT["fd_read"] | RIGHT["fd_readdir"]
_WRITE_RIGHTS = (
    RIGHT["fd_write"] | RIGHT["fd_datasync"] | RIGHT["fd_allocate"] | RIGHT["fd_filestat_set_size"]
)
# The standard streams: readable or writable, never seekable (wasi-libc's
# isatty() is "character device without seek/tell rights").
_STREAM_RIGHTS = (
    RIGHT["fd_fdstat_set_flags"] | RIGHT["fd_filestat_get"] | RIGHT["poll_fd_readwrite"]
)
_STDIN_RIGHTS = _STREAM_RIGHTS | RIGHT["fd_read"]
_STDOUT_RIGHTS = _STREAM_RIGHTS | RIGHT["fd_write"]

CLOCK_REALTIME, CLOCK_MONOTONIC, CLOCK_PROCESS_CPUTIME, CLOCK_THREAD_CPUTIME = 0, 1, 2, 3
_CLOCKS: dict[int, tuple[Callable[[], int], str]] = {
    CLOCK_REALTIME: (time.time_ns, "time"),
    CLOCK_MONOTONIC: (time.monotonic_ns, "monotonic"),
    CLOCK_PROCESS_CPUTIME: (time.process_time_ns, "process_time"),
    CLOCK_THREAD_CPUTIME: (time.thread_time_ns, "thread_time"),
}

# -- the interface: every preview-1 function with its core wasm signature ------
I32, I64 = "i32", "i64"


def _sig(params: str, results: str = "i32") -> FuncType:
    return FuncType(tuple(params.split()), tuple(results.split()))


SIGNATURES: dict[str, FuncType] = {
    "args_get": _sig("i32 i32"),
    "args_sizes_get": _sig("i32 i32"),
    "environ_get": _sig("i32 i32"),
    "environ_sizes_get": _sig("i32 i32"),
    "clock_res_get": _sig("i32 i32"),
    "clock_time_get": _sig("i32 i64 i32"),
    "fd_advise": _sig("i32 i64 i64 i32"),
    "fd_allocate": _sig("i32 i64 i64"),
    "fd_close": _sig("i32"),
    "fd_datasync": _sig("i32"),
    "fd_fdstat_get": _sig("i32 i32"),
    "fd_fdstat_set_flags": _sig("i32 i32"),
    "fd_fdstat_set_rights": _sig("i32 i64 i64"),
    "fd_filestat_get": _sig("i32 i32"),
    "fd_filestat_set_size": _sig("i32 i64"),
    "fd_filestat_set_times": _sig("i32 i64 i64 i32"),
    "fd_pread": _sig("i32 i32 i32 i64 i32"),
    "fd_prestat_get": _sig("i32 i32"),
    "fd_prestat_dir_name": _sig("i32 i32 i32"),
    "fd_pwrite": _sig("i32 i32 i32 i64 i32"),
    "fd_read": _sig("i32 i32 i32 i32"),
    "fd_readdir": _sig("i32 i32 i32 i64 i32"),
    "fd_renumber": _sig("i32 i32"),
    "fd_seek": _sig("i32 i64 i32 i32"),
    "fd_sync": _sig("i32"),
    "fd_tell": _sig("i32 i32"),
    "fd_write": _sig("i32 i32 i32 i32"),
    "path_create_directory": _sig("i32 i32 i32"),
    "path_filestat_get": _sig("i32 i32 i32 i32 i32"),
    "path_filestat_set_times": _sig("i32 i32 i32 i32 i64 i64 i32"),
    "path_link": _sig("i32 i32 i32 i32 i32 i32 i32"),
    "path_open": _sig("i32 i32 i32 i32 i32 i64 i64 i32 i32"),
    "path_readlink": _sig("i32 i32 i32 i32 i32 i32"),
    "path_remove_directory": _sig("i32 i32 i32"),
    "path_rename": _sig("i32 i32 i32 i32 i32 i32"),
    "path_symlink": _sig("i32 i32 i32 i32 i32"),
    "path_unlink_file": _sig("i32 i32 i32"),
    "poll_oneoff": _sig("i32 i32 i32 i32"),
    "proc_exit": _sig("i32", ""),
    "proc_raise": _sig("i32"),
    "sched_yield": _sig(""),
    "random_get": _sig("i32 i32"),
    "sock_accept": _sig("i32 i32 i32"),
    "sock_recv": _sig("i32 i32 i32 i32 i32 i32"),
    "sock_send": _sig("i32 i32 i32 i32 i32"),
    "sock_shutdown": _sig("i32 i32"),
}


class ProcExit(Exception):
    """Raised by ``proc_exit``; unwinds the wasm frames up to the runner.

    Deliberately not a :class:`interp.errors.WasmError`: the engine lets
    non-Wasm exceptions through untouched, so this reaches the embedder.
    """

    def __init__(self, code: int) -> None:
        super().__init__(code)
        self.code = code


class WasiErrno(Exception):
    """Internal: abort the current WASI call and return ``errno`` to the guest."""

    def __init__(self, errno: int) -> None:
        super().__init__(ERRNO_NAMES[errno])
        self.errno = errno


def _to_s64(x: int) -> int:
    return x - (1 << 64) if x >= 1 << 63 else x


# -- file descriptors -------------------------------------------------------------


@dataclass
class FileDesc:
    """One entry of the guest's descriptor table.

    ``stream`` is a Python binary stream (the standard streams), ``host_fd``
    an OS descriptor (opened files), ``dir_path`` a host directory; exactly
    one of them is set.  ``preopen`` is the guest-visible name of a preopen.
    """

    filetype: int
    rights_base: int
    rights_inheriting: int
    flags: int = 0
    stream: BinaryIO | None = None
    host_fd: int | None = None
    dir_path: str | None = None
    preopen: str | None = None
    readable: bool = True
    writable: bool = True
    extra: dict[str, Any] = field(default_factory=dict)


def _filetype_of_mode(mode: int) -> int:
    table = (
        (stat.S_ISDIR, FILETYPE_DIRECTORY),
        (stat.S_ISREG, FILETYPE_REGULAR_FILE),
        (stat.S_ISLNK, FILETYPE_SYMBOLIC_LINK),
        (stat.S_ISCHR, FILETYPE_CHARACTER_DEVICE),
        (stat.S_ISBLK, FILETYPE_BLOCK_DEVICE),
        (stat.S_ISSOCK, FILETYPE_SOCKET_STREAM),
    )
    for test, filetype in table:
        if test(mode):
            return filetype
    return FILETYPE_UNKNOWN


def _stream_filetype(stream: Any) -> int:
    """A terminal is a character device; a buffer, file or pipe is reported as
    ``unknown``, as wasmtime does for redirected standard streams."""
    try:
        return FILETYPE_CHARACTER_DEVICE if stream.isatty() else FILETYPE_UNKNOWN
    except (AttributeError, ValueError, OSError):
        return FILETYPE_UNKNOWN


def _as_binary(stream: Any) -> BinaryIO:
    """Accept bytes, a binary stream, or a text stream with ``.buffer``."""
    if stream is None:
        return io.BytesIO()
    if isinstance(stream, bytes | bytearray):
        return io.BytesIO(bytes(stream))
    if isinstance(stream, io.TextIOBase) and hasattr(stream, "buffer"):
        return stream.buffer
    return stream


MAX_SYMLINK_EXPANSIONS = 40  # as Linux' MAXSYMLINKS


class Wasi:
    """The WASI preview-1 host for one program (one instance)."""

    def __init__(
        self,
        args: Iterable[str] = ("main.wasm",),
        env: Mapping[str, str] | Iterable[tuple[str, str]] = (),
        preopens: Mapping[str, str] | Iterable[tuple[str, str]] = (),
        stdin: bytes | BinaryIO | None = None,
        stdout: BinaryIO | None = None,
        stderr: BinaryIO | None = None,
        random_bytes: Callable[[int], bytes] = os.urandom,
        flush: bool = False,
    ) -> None:
        """``preopens`` maps guest names to host directories, e.g. ``{".": "/tmp/x"}``.

        ``stdout``/``stderr`` default to in-memory buffers (read them back as
        ``wasi.stdout.getvalue()``); pass ``sys.stdout.buffer`` to print.
        ``flush`` flushes after every write (interactive use).
        """
        self.args = [a.encode() for a in args]
        env_items = env.items() if isinstance(env, Mapping) else env
        self.env = [f"{k}={v}".encode() for k, v in env_items]
        self.stdin = _as_binary(stdin)
        self.stdout = _as_binary(stdout)
        self.stderr = _as_binary(stderr)
        self.random_bytes = random_bytes
        self.flush = flush
        self.memory: Any = None  # a MemInst (anything with a ``.data`` bytearray)
        self.fds: dict[int, FileDesc] = {}
        for fd, s in enumerate((self.stdin, self.stdout, self.stderr)):
            self.fds[fd] = FileDesc(
                _stream_filetype(s),
                _STDIN_RIGHTS if fd == 0 else _STDOUT_RIGHTS,
                0,
                stream=s,
                readable=fd == 0,
                writable=fd != 0,
            )
        pre_items = preopens.items() if isinstance(preopens, Mapping) else preopens
        for guest, host in pre_items:
            if not os.path.isdir(host):
                raise NotADirectoryError(f"preopen {host!r} is not a directory")
            self.fds[len(self.fds)] = FileDesc(
                FILETYPE_DIRECTORY,
                self._dir_rights(),
                RIGHTS_ALL,
                dir_path=os.path.realpath(host),
                preopen=guest,
            )

    # -- embedding -------------------------------------------------------------

    def imports(self) -> dict[str, dict[str, Any]]:
        """``{"wasi_snapshot_preview1": {name: HostFunc}}`` for ``instantiate``."""
        from .runtime import HostFunc  # deferred: the runtime imports nothing from here

        return {
            MODULE_NAME: {n: HostFunc(ft, self.host_function(n)) for n, ft in SIGNATURES.items()}
        }

    def bind(self, instance: Any) -> None:
        """Give the host functions the instance's exported ``memory``."""
        self.memory = instance.exports.get("memory")

    def run_start(self, instance: Any, entry: str = "_start") -> int:
        """Run a command's entry point; return its exit code (0 if it returns)."""
        self.bind(instance)
        try:
            instance.invoke(entry)
        except ProcExit as e:
            return e.code
        finally:
            self._flush_streams()
        return 0

    def close(self) -> None:
        """Close every host descriptor the guest left open."""
        for fd in list(self.fds):
            desc = self.fds.pop(fd)
            if desc.host_fd is not None:
                os.close(desc.host_fd)

    def host_function(self, name: str) -> Callable[..., Any]:
        """The Python callable for WASI function ``name`` (errno-returning).

        Methods named ``wasi_<name>`` do the work and *raise* :class:`WasiErrno`;
        this wrapper turns that (and host ``OSError``) into the errno result, so
        each method reads as the straight-line success path.
        """
        method = getattr(self, "wasi_" + name, None)
        if name == "proc_exit":
            return self.wasi_proc_exit
        if method is None:
            return lambda *args: ENOSYS

        def call(*args: int) -> int:
            try:
                method(*args)
            except WasiErrno as e:
                return e.errno
            except OSError as e:
                return _HOST_TO_WASI.get(e.errno or 0, EIO)
            except (OverflowError, ValueError):
                return EINVAL
            return SUCCESS

        call.__name__ = name
        return call

    def _flush_streams(self) -> None:
        for s in (self.stdout, self.stderr):
            with contextlib.suppress(OSError, ValueError):
                s.flush()

    # -- guest memory -------------------------------------------------------------

    def _mem(self) -> bytearray:
        if self.memory is None:
            raise WasiErrno(EFAULT)
        return self.memory.data

    def _check(self, mem: bytearray, ptr: int, size: int) -> None:
        if ptr + size > len(mem):
            raise WasiErrno(EFAULT)

    def load(self, fmt: str, ptr: int) -> Any:
        mem = self._mem()
        self._check(mem, ptr, struct.calcsize(fmt))
        values = struct.unpack_from("<" + fmt, mem, ptr)
        return values[0] if len(values) == 1 else values

    def store(self, fmt: str, ptr: int, *values: Any) -> None:
        mem = self._mem()
        self._check(mem, ptr, struct.calcsize("<" + fmt))
        struct.pack_into("<" + fmt, mem, ptr, *values)

    def read_bytes(self, ptr: int, size: int) -> bytes:
        mem = self._mem()
        self._check(mem, ptr, size)
        return bytes(mem[ptr : ptr + size])

    def write_bytes(self, ptr: int, data: bytes) -> None:
        mem = self._mem()
        self._check(mem, ptr, len(data))
        mem[ptr : ptr + len(data)] = data

    def read_path(self, ptr: int, size: int) -> str:
        raw = self.read_bytes(ptr, size)
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError:
            raise WasiErrno(ERRNO["ilseq"]) from None

    def iovecs(self, iovs: int, count: int) -> list[tuple[int, int]]:
        """The (buf, len) pairs of an iovec/ciovec array (8 bytes each)."""
        return [self.load("II", iovs + 8 * i) for i in range(count)]

    # -- descriptor helpers ----------------------------------------------------

    def _fd(self, fd: int) -> FileDesc:
        desc = self.fds.get(fd)
        if desc is None:
            raise WasiErrno(EBADF)
        return desc

    def _dir(self, fd: int) -> FileDesc:
        desc = self._fd(fd)
        if desc.dir_path is None:
            raise WasiErrno(ENOTDIR)
        return desc

    def _new_fd(self, desc: FileDesc) -> int:
        fd = 0
        while fd in self.fds:
            fd += 1
        self.fds[fd] = desc
        return fd

    @staticmethod
    def _dir_rights() -> int:
        return RIGHTS_ALL & ~(
            _WRITE_RIGHTS | RIGHT["fd_read"] | RIGHT["fd_seek"] | RIGHT["fd_tell"]
        )

    # -- path resolution (the sandbox) -------------------------------------------

    def _resolve(self, dirfd: int, path: str, follow_last: bool) -> str:
        """Host path of guest ``path`` relative to directory ``dirfd``.

        Walks the path one component at a time below the directory's host
        path, expanding symlinks by hand so that none can lead outside:
        absolute paths, ``..`` above the start and symlinks to absolute or
        escaping targets all raise ``ENOTCAPABLE``.  The last component is
        followed only if ``follow_last`` (``lookupflags.symlink_follow``).
        """
        root = self._dir(dirfd).dir_path
        assert root is not None
        if path == "":
            raise WasiErrno(ENOENT)
        if "\0" in path:
            raise WasiErrno(EINVAL)
        must_be_dir = path.endswith("/")
        pending = self._components(path)
        done: list[str] = []  # resolved components below root, no symlinks in them
        expansions = 0
        while pending:
            name = pending.pop(0)
            if name == "..":
                if not done:
                    raise WasiErrno(ENOTCAPABLE)
                done.pop()
                continue
            host = os.path.join(root, *done, name)
            is_last = not pending
            if os.path.islink(host) and (not is_last or follow_last or must_be_dir):
                expansions += 1
                if expansions > MAX_SYMLINK_EXPANSIONS:
                    raise WasiErrno(ELOOP)
                target = os.readlink(host)
                pending = self._components(target) + pending
                continue
            done.append(name)
        host = os.path.join(root, *done) if done else root
        if must_be_dir and os.path.exists(host) and not os.path.isdir(host):
            raise WasiErrno(ENOTDIR)
        return host

    @staticmethod
    def _components(path: str) -> list[str]:
        if path.startswith("/"):
            raise WasiErrno(ENOTCAPABLE)
        return [c for c in path.split("/") if c not in ("", ".")]

    # -- args, environ ------------------------------------------------------------

    def _put_strings(self, strings: list[bytes], ptrs: int, buf: int) -> None:
        for i, s in enumerate(strings):
            self.store("I", ptrs + 4 * i, buf)
            self.write_bytes(buf, s + b"\0")
            buf += len(s) + 1

    def wasi_args_sizes_get(self, argc_ptr: int, size_ptr: int) -> None:
        self.store("I", argc_ptr, len(self.args))
        self.store("I", size_ptr, sum(len(a) + 1 for a in self.args))

    def wasi_args_get(self, argv: int, argv_buf: int) -> None:
        self._put_strings(self.args, argv, argv_buf)

    def wasi_environ_sizes_get(self, count_ptr: int, size_ptr: int) -> None:
        self.store("I", count_ptr, len(self.env))
        self.store("I", size_ptr, sum(len(e) + 1 for e in self.env))

    def wasi_environ_get(self, environ: int, environ_buf: int) -> None:
        self._put_strings(self.env, environ, environ_buf)

    # -- clocks, random, scheduling -------------------------------------------------

    def _clock(self, clock_id: int) -> tuple[Callable[[], int], str]:
        if clock_id not in _CLOCKS:
            raise WasiErrno(EINVAL)
        return _CLOCKS[clock_id]

    def wasi_clock_res_get(self, clock_id: int, res_ptr: int) -> None:
        _, info_name = self._clock(clock_id)
        resolution = time.get_clock_info(info_name).resolution  # type: ignore[arg-type]
        self.store("Q", res_ptr, max(1, round(resolution * 1e9)))

    def wasi_clock_time_get(self, clock_id: int, _precision: int, time_ptr: int) -> None:
        now, _ = self._clock(clock_id)
        self.store("Q", time_ptr, now() & 0xFFFF_FFFF_FFFF_FFFF)

    def wasi_random_get(self, buf: int, size: int) -> None:
        self._check(self._mem(), buf, size)
        self.write_bytes(buf, self.random_bytes(size))

    def wasi_sched_yield(self) -> None:
        pass

    def wasi_proc_exit(self, code: int) -> None:
        raise ProcExit(code)

    def wasi_poll_oneoff(self, in_ptr: int, out_ptr: int, nsubs: int, nevents_ptr: int) -> None:
        """Clock subscriptions sleep; fd subscriptions are reported ready at once.

        subscription (48 bytes): userdata u64 @0, tag u8 @8, then at @16 either
        clock {id u32, timeout u64 @24, precision u64 @32, flags u16 @40} or
        fd u32.  event (32 bytes): userdata u64 @0, error u16 @8, type u8 @10,
        fd_readwrite {nbytes u64 @16, flags u16 @24}.
        """
        if nsubs == 0:
            raise WasiErrno(EINVAL)
        events: list[tuple[int, int, int]] = []  # userdata, error, type
        clocks: list[tuple[int, int]] = []  # deadline (monotonic ns), userdata
        for i in range(nsubs):
            sub = in_ptr + 48 * i
            userdata, tag = self.load("QB", sub)
            if tag == EVENTTYPE_CLOCK:
                clock_id, timeout, _precision, flags = self.load("IxxxxQQH", sub + 16)
                if clock_id not in _CLOCKS:
                    events.append((userdata, EINVAL, tag))
                    continue
                now, _ = _CLOCKS[clock_id]
                delay = timeout - now() if flags & SUBCLOCKFLAGS_ABSTIME else timeout
                clocks.append((time.monotonic_ns() + max(0, delay), userdata))
            elif tag in (EVENTTYPE_FD_READ, EVENTTYPE_FD_WRITE):
                fd = self.load("I", sub + 16)
                error = SUCCESS if fd in self.fds else EBADF
                events.append((userdata, error, tag))
            else:
                raise WasiErrno(EINVAL)
        if not events and clocks:
            first = min(deadline for deadline, _ in clocks)
            delay = first - time.monotonic_ns()
            if delay > 0:
                time.sleep(delay / 1e9)
            now_ns = time.monotonic_ns()
            events = [(ud, SUCCESS, EVENTTYPE_CLOCK) for dl, ud in clocks if dl <= now_ns]
        for i, (userdata, error, etype) in enumerate(events):
            self.store("QHBxxxxxQHxxxxxx", out_ptr + 32 * i, userdata, error, etype, 0, 0)
        self.store("I", nevents_ptr, len(events))

    # -- descriptors: reading and writing ------------------------------------------

    def _readable(self, desc: FileDesc) -> None:
        # a directory descriptor is not readable as a stream: EBADF, as wasmtime
        if desc.dir_path is not None or not desc.readable:
            raise WasiErrno(EBADF)

    def _writable(self, desc: FileDesc) -> None:
        if desc.dir_path is not None or not desc.writable:
            raise WasiErrno(EBADF)

    def _read_into(self, iovs: list[tuple[int, int]], read: Callable[[int], bytes]) -> int:
        total = 0
        for buf, size in iovs:
            self._check(self._mem(), buf, size)
        for buf, size in iovs:
            if size == 0:
                continue
            chunk = read(size)
            self.write_bytes(buf, chunk)
            total += len(chunk)
            if len(chunk) < size:
                break
        return total

    def wasi_fd_read(self, fd: int, iovs: int, iovs_len: int, nread_ptr: int) -> None:
        desc = self._fd(fd)
        self._readable(desc)
        vecs = self.iovecs(iovs, iovs_len)
        if desc.stream is not None:
            stream = desc.stream
            reader = getattr(stream, "read1", stream.read)
            n = self._read_into(vecs, lambda k: reader(k) or b"")
        else:
            host_fd = desc.host_fd
            assert host_fd is not None  # not a stream, not a directory (checked above)
            n = self._read_into(vecs, lambda k: os.read(host_fd, k))
        self.store("I", nread_ptr, n)

    def wasi_fd_pread(self, fd: int, iovs: int, iovs_len: int, offset: int, nread_ptr: int) -> None:
        desc = self._fd(fd)
        self._readable(desc)
        if desc.host_fd is None:
            raise WasiErrno(ESPIPE)
        vecs = self.iovecs(iovs, iovs_len)
        pos = [offset]

        def read_at(k: int) -> bytes:
            chunk = os.pread(desc.host_fd, k, pos[0])  # type: ignore[arg-type]
            pos[0] += len(chunk)
            return chunk

        self.store("I", nread_ptr, self._read_into(vecs, read_at))

    def _gather(self, iovs: int, iovs_len: int) -> bytes:
        return b"".join(self.read_bytes(buf, size) for buf, size in self.iovecs(iovs, iovs_len))

    def wasi_fd_write(self, fd: int, iovs: int, iovs_len: int, nwritten_ptr: int) -> None:
        desc = self._fd(fd)
        self._writable(desc)
        data = self._gather(iovs, iovs_len)
        if desc.stream is not None:
            desc.stream.write(data)
            if self.flush:
                desc.stream.flush()
            n = len(data)
        else:
            n = os.write(desc.host_fd, data)  # type: ignore[arg-type]
        self.store("I", nwritten_ptr, n)

    def wasi_fd_pwrite(
        self, fd: int, iovs: int, iovs_len: int, offset: int, nwritten_ptr: int
    ) -> None:
        desc = self._fd(fd)
        self._writable(desc)
        if desc.host_fd is None:
            raise WasiErrno(ESPIPE)
        data = self._gather(iovs, iovs_len)
        self.store("I", nwritten_ptr, os.pwrite(desc.host_fd, data, offset))

    def wasi_fd_seek(self, fd: int, offset: int, whence: int, newoffset_ptr: int) -> None:
        desc = self._fd(fd)
        if whence not in WHENCE:
            raise WasiErrno(EINVAL)
        if desc.host_fd is None:
            raise WasiErrno(EBADF if desc.dir_path is not None else ESPIPE)
        pos = os.lseek(desc.host_fd, _to_s64(offset), WHENCE[whence])
        self.store("Q", newoffset_ptr, pos)

    def wasi_fd_tell(self, fd: int, offset_ptr: int) -> None:
        desc = self._fd(fd)
        if desc.host_fd is None:
            raise WasiErrno(EBADF if desc.dir_path is not None else ESPIPE)
        self.store("Q", offset_ptr, os.lseek(desc.host_fd, 0, os.SEEK_CUR))

    def wasi_fd_close(self, fd: int) -> None:
        desc = self._fd(fd)
        del self.fds[fd]
        if desc.host_fd is not None:
            os.close(desc.host_fd)

    def wasi_fd_renumber(self, fd: int, to: int) -> None:
        desc = self._fd(fd)
        self._fd(to)
        if fd == to:
            return
        self.wasi_fd_close(to)
        self.fds[to] = desc
        del self.fds[fd]

    def wasi_fd_sync(self, fd: int) -> None:
        desc = self._fd(fd)
        if desc.host_fd is not None:
            os.fsync(desc.host_fd)

    def wasi_fd_datasync(self, fd: int) -> None:
        desc = self._fd(fd)
        if desc.host_fd is not None:
            os.fdatasync(desc.host_fd)

    def wasi_fd_advise(self, fd: int, _offset: int, _length: int, advice: int) -> None:
        self._fd(fd)
        if advice > 5:
            raise WasiErrno(EINVAL)

    # -- descriptors: metadata ----------------------------------------------------

    def wasi_fd_fdstat_get(self, fd: int, ptr: int) -> None:
        """fdstat (24 bytes): filetype u8 @0, flags u16 @2, rights_base u64 @8, inheriting @16."""
        desc = self._fd(fd)
        self.store(
            "BxHxxxxQQ", ptr, desc.filetype, desc.flags, desc.rights_base, desc.rights_inheriting
        )

    def wasi_fd_fdstat_set_flags(self, fd: int, flags: int) -> None:
        desc = self._fd(fd)
        if flags & ~(FDFLAGS_APPEND | FDFLAGS_NONBLOCK):
            raise WasiErrno(ENOTSUP)
        if desc.host_fd is not None and (flags ^ desc.flags) & FDFLAGS_APPEND:
            import fcntl  # POSIX only; imported here so the module loads anywhere

            current = fcntl.fcntl(desc.host_fd, fcntl.F_GETFL)
            wanted = current | os.O_APPEND if flags & FDFLAGS_APPEND else current & ~os.O_APPEND
            fcntl.fcntl(desc.host_fd, fcntl.F_SETFL, wanted)
        desc.flags = flags

    def wasi_fd_fdstat_set_rights(self, fd: int, base: int, inheriting: int) -> None:
        desc = self._fd(fd)
        if base & ~desc.rights_base or inheriting & ~desc.rights_inheriting:
            raise WasiErrno(ENOTCAPABLE)  # rights can only shrink
        desc.rights_base, desc.rights_inheriting = base, inheriting

    def _store_filestat(self, ptr: int, st: os.stat_result | None, filetype: int) -> None:
        """filestat (64 bytes): dev, ino u64; filetype u8 @16; nlink, size, atim, mtim, ctim."""
        if st is None:
            self.store("QQBxxxxxxxQQQQQ", ptr, 0, 0, filetype, 0, 0, 0, 0, 0)
            return
        self.store(
            "QQBxxxxxxxQQQQQ",
            ptr,
            st.st_dev,
            st.st_ino,
            _filetype_of_mode(st.st_mode),
            st.st_nlink,
            st.st_size,
            st.st_atime_ns,
            st.st_mtime_ns,
            st.st_ctime_ns,
        )

    def wasi_fd_filestat_get(self, fd: int, ptr: int) -> None:
        desc = self._fd(fd)
        if desc.host_fd is not None:
            self._store_filestat(ptr, os.fstat(desc.host_fd), 0)
        elif desc.dir_path is not None:
            self._store_filestat(ptr, os.stat(desc.dir_path), 0)
        else:
            self._store_filestat(ptr, None, desc.filetype)

    def wasi_fd_filestat_set_size(self, fd: int, size: int) -> None:
        desc = self._fd(fd)
        if desc.host_fd is None:
            raise WasiErrno(EBADF if desc.dir_path is None else EISDIR)
        os.ftruncate(desc.host_fd, size)

    @staticmethod
    def _times(atim: int, mtim: int, fstflags: int, st: os.stat_result) -> tuple[int, int]:
        if (fstflags & FSTFLAGS_ATIM and fstflags & FSTFLAGS_ATIM_NOW) or (
            fstflags & FSTFLAGS_MTIM and fstflags & FSTFLAGS_MTIM_NOW
        ):
            raise WasiErrno(EINVAL)
        now = time.time_ns()
        a = atim if fstflags & FSTFLAGS_ATIM else now if fstflags & FSTFLAGS_ATIM_NOW else None
        m = mtim if fstflags & FSTFLAGS_MTIM else now if fstflags & FSTFLAGS_MTIM_NOW else None
        return (st.st_atime_ns if a is None else a, st.st_mtime_ns if m is None else m)

    def wasi_fd_filestat_set_times(self, fd: int, atim: int, mtim: int, fstflags: int) -> None:
        desc = self._fd(fd)
        target: int | str | None = desc.host_fd if desc.host_fd is not None else desc.dir_path
        if target is None:
            raise WasiErrno(EBADF)
        os.utime(target, ns=self._times(atim, mtim, fstflags, os.stat(target)))

    def wasi_fd_prestat_get(self, fd: int, ptr: int) -> None:
        """prestat (8 bytes): tag u8 @0 (0 = dir), name length u32 @4."""
        desc = self._fd(fd)
        if desc.preopen is None:
            raise WasiErrno(EBADF)
        self.store("BxxxI", ptr, PREOPENTYPE_DIR, len(desc.preopen.encode()))

    def wasi_fd_prestat_dir_name(self, fd: int, path: int, path_len: int) -> None:
        desc = self._fd(fd)
        if desc.preopen is None:
            raise WasiErrno(EBADF)
        name = desc.preopen.encode()
        if path_len < len(name):
            raise WasiErrno(ERRNO["nametoolong"])
        self.write_bytes(path, name)

    def wasi_fd_readdir(self, fd: int, buf: int, buf_len: int, cookie: int, used_ptr: int) -> None:
        """dirent (24 bytes + name): next u64 @0, ino u64 @8, namlen u32 @16, type u8 @20.

        Entries are ``.``, ``..`` and the sorted directory listing; the cookie
        is the index of the next entry.  The last entry is cut off when the
        buffer is full, which tells libc to call again with a larger buffer.
        """
        desc = self._dir(fd)
        path = desc.dir_path
        assert path is not None
        names = [".", "..", *sorted(os.listdir(path))]
        out = bytearray()
        for index in range(cookie, len(names)):
            name = names[index]
            try:
                st = os.lstat(os.path.join(path, name))
                ino, filetype = st.st_ino, _filetype_of_mode(st.st_mode)
            except OSError:
                ino, filetype = 0, FILETYPE_UNKNOWN
            raw = name.encode()
            out += struct.pack("<QQIBxxx", index + 1, ino, len(raw), filetype) + raw
            if len(out) >= buf_len:
                break
        out = out[:buf_len]
        self.write_bytes(buf, bytes(out))
        self.store("I", used_ptr, len(out))

    # -- paths ---------------------------------------------------------------------

    def wasi_path_open(
        self,
        dirfd: int,
        dirflags: int,
        path_ptr: int,
        path_len: int,
        oflags: int,
        rights_base: int,
        rights_inheriting: int,
        fdflags: int,
        fd_ptr: int,
    ) -> None:
        path = self.read_path(path_ptr, path_len)
        follow = bool(dirflags & LOOKUPFLAGS_SYMLINK_FOLLOW)
        host = self._resolve(dirfd, path, follow)
        self._check(self._mem(), fd_ptr, 4)
        want_read = bool(rights_base & _READ_RIGHTS)
        want_write = bool(rights_base & _WRITE_RIGHTS)
        is_dir = os.path.isdir(host) and not (not follow and os.path.islink(host))
        if oflags & OFLAGS_DIRECTORY or is_dir:
            if oflags & (OFLAGS_CREAT | OFLAGS_EXCL | OFLAGS_TRUNC) and not is_dir:
                raise WasiErrno(EINVAL if os.path.lexists(host) else ENOENT)
            if not os.path.lexists(host):
                raise WasiErrno(ENOENT)
            if not is_dir:
                raise WasiErrno(ENOTDIR)
            if want_write or oflags & (OFLAGS_TRUNC | OFLAGS_EXCL):
                raise WasiErrno(EISDIR if not oflags & OFLAGS_EXCL else EEXIST)
            desc = FileDesc(
                FILETYPE_DIRECTORY,
                rights_base & self._dir_rights(),
                rights_inheriting,
                dir_path=host,
            )
            self.store("I", fd_ptr, self._new_fd(desc))
            return
        flags = os.O_CLOEXEC
        if want_read and want_write:
            flags |= os.O_RDWR
        elif want_write:
            flags |= os.O_WRONLY
        else:
            flags |= os.O_RDONLY
        flags |= os.O_CREAT if oflags & OFLAGS_CREAT else 0
        flags |= os.O_EXCL if oflags & OFLAGS_EXCL else 0
        flags |= os.O_TRUNC if oflags & OFLAGS_TRUNC else 0
        flags |= os.O_APPEND if fdflags & FDFLAGS_APPEND else 0
        flags |= os.O_NONBLOCK if fdflags & FDFLAGS_NONBLOCK else 0
        flags |= 0 if follow else os.O_NOFOLLOW
        if oflags & OFLAGS_TRUNC and not want_write:
            raise WasiErrno(EPERM)
        host_fd = os.open(host, flags, 0o666)
        st = os.fstat(host_fd)
        desc = FileDesc(
            _filetype_of_mode(st.st_mode),
            rights_base & RIGHTS_ALL,
            rights_inheriting,
            flags=fdflags & (FDFLAGS_APPEND | FDFLAGS_NONBLOCK),
            host_fd=host_fd,
            readable=want_read or not want_write,
            writable=want_write,
        )
        self.store("I", fd_ptr, self._new_fd(desc))

    def wasi_path_filestat_get(
        self, dirfd: int, flags: int, path: int, path_len: int, ptr: int
    ) -> None:
        follow = bool(flags & LOOKUPFLAGS_SYMLINK_FOLLOW)
        host = self._resolve(dirfd, self.read_path(path, path_len), follow)
        self._store_filestat(ptr, os.stat(host) if follow else os.lstat(host), 0)

    def wasi_path_filestat_set_times(
        self, dirfd: int, flags: int, path: int, path_len: int, atim: int, mtim: int, fst: int
    ) -> None:
        follow = bool(flags & LOOKUPFLAGS_SYMLINK_FOLLOW)
        host = self._resolve(dirfd, self.read_path(path, path_len), follow)
        st = os.stat(host) if follow else os.lstat(host)
        os.utime(host, ns=self._times(atim, mtim, fst, st), follow_symlinks=follow)

    def wasi_path_create_directory(self, dirfd: int, path: int, path_len: int) -> None:
        os.mkdir(self._resolve(dirfd, self.read_path(path, path_len), False))

    def wasi_path_remove_directory(self, dirfd: int, path: int, path_len: int) -> None:
        host = self._resolve(dirfd, self.read_path(path, path_len), False)
        if host == self._dir(dirfd).dir_path:
            raise WasiErrno(EINVAL)  # "." or "a/.." : refusing to remove the capability itself
        os.rmdir(host)

    def wasi_path_unlink_file(self, dirfd: int, path: int, path_len: int) -> None:
        text = self.read_path(path, path_len)
        host = self._resolve(dirfd, text, False)
        if text.endswith("/") or (os.path.isdir(host) and not os.path.islink(host)):
            raise WasiErrno(EISDIR if os.path.isdir(host) else ENOTDIR)
        os.unlink(host)

    def wasi_path_rename(
        self, old_fd: int, old_path: int, old_len: int, new_fd: int, new_path: int, new_len: int
    ) -> None:
        src = self._resolve(old_fd, self.read_path(old_path, old_len), False)
        dst = self._resolve(new_fd, self.read_path(new_path, new_len), False)
        if os.path.isdir(dst) and not os.path.isdir(src):
            raise WasiErrno(EISDIR)
        os.rename(src, dst)

    def wasi_path_link(
        self,
        old_fd: int,
        old_flags: int,
        old_path: int,
        old_len: int,
        new_fd: int,
        new_path: int,
        new_len: int,
    ) -> None:
        follow = bool(old_flags & LOOKUPFLAGS_SYMLINK_FOLLOW)
        src = self._resolve(old_fd, self.read_path(old_path, old_len), follow)
        dst = self._resolve(new_fd, self.read_path(new_path, new_len), False)
        os.link(src, dst, follow_symlinks=False)

    def wasi_path_symlink(
        self, old_path: int, old_len: int, dirfd: int, new_path: int, new_len: int
    ) -> None:
        """The target is stored as given; :meth:`_resolve` vets it on every use."""
        target = self.read_path(old_path, old_len)
        if target.startswith("/"):
            raise WasiErrno(ENOTCAPABLE)
        os.symlink(target, self._resolve(dirfd, self.read_path(new_path, new_len), False))

    def wasi_path_readlink(
        self, dirfd: int, path: int, path_len: int, buf: int, buf_len: int, used_ptr: int
    ) -> None:
        host = self._resolve(dirfd, self.read_path(path, path_len), False)
        target = os.readlink(host).encode()[:buf_len]
        self.write_bytes(buf, target)
        self.store("I", used_ptr, len(target))


def wasi_from_argv(argv: list[str], **kwargs: Any) -> Wasi:
    """Convenience for embedders: the standard streams of this process."""
    kwargs.setdefault("stdin", sys.stdin.buffer)
    kwargs.setdefault("stdout", sys.stdout.buffer)
    kwargs.setdefault("stderr", sys.stderr.buffer)
    return Wasi(args=argv, **kwargs)
