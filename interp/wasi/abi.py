"""The preview-1 ABI: errno, rights, flags, enums and every function's signature.

Values and layouts follow the witx description of preview 1
(``wasi_snapshot_preview1.witx`` / ``typenames.witx`` in WebAssembly/WASI);
a name's position in its list is its value (enums) or bit (flags).
"""

from __future__ import annotations

import errno as host_errno
import os

from ..types import FuncType, valtype

MODULE_NAME = "wasi_snapshot_preview1"


def _enum(words: str) -> list[str]:
    """Names listed in witx order; the position of a name is its value (or bit)."""
    return words.split()


# -- errno (enum errno: u16) --------------------------------------------------------
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
E2BIG, EBADF, EBUSY, EEXIST, EFAULT = (ERRNO[n] for n in ("2big", "badf", "busy", "exist", "fault"))
EINVAL, EIO, EISDIR, ELOOP = ERRNO["inval"], ERRNO["io"], ERRNO["isdir"], ERRNO["loop"]
ENOENT, ENOSYS, ENOTDIR, ENOTSOCK = (
    ERRNO["noent"],
    ERRNO["nosys"],
    ERRNO["notdir"],
    ERRNO["notsock"],
)
ENOTCAPABLE, ESPIPE, EPERM = ERRNO["notcapable"], ERRNO["spipe"], ERRNO["perm"]
ENOTSUP, EOVERFLOW, ENAMETOOLONG = ERRNO["notsup"], ERRNO["overflow"], ERRNO["nametoolong"]
EILSEQ, ENOTEMPTY = ERRNO["ilseq"], ERRNO["notempty"]

# host errno -> WASI errno, built from the shared names ("noent" -> errno.ENOENT)
HOST_TO_WASI: dict[int, int] = {
    getattr(host_errno, "E" + name.upper()): code
    for name, code in ERRNO.items()
    if hasattr(host_errno, "E" + name.upper())
}
HOST_TO_WASI[host_errno.EOPNOTSUPP] = ENOTSUP
HOST_TO_WASI[getattr(host_errno, "EWOULDBLOCK", host_errno.EAGAIN)] = ERRNO["again"]

# -- filetype (u8) ---------------------------------------------------------------------
FILETYPE_UNKNOWN, FILETYPE_BLOCK_DEVICE, FILETYPE_CHARACTER_DEVICE = 0, 1, 2
FILETYPE_DIRECTORY, FILETYPE_REGULAR_FILE = 3, 4
FILETYPE_SOCKET_DGRAM, FILETYPE_SOCKET_STREAM, FILETYPE_SYMBOLIC_LINK = 5, 6, 7

# -- flags ---------------------------------------------------------------------------
FDFLAGS_APPEND, FDFLAGS_DSYNC, FDFLAGS_NONBLOCK, FDFLAGS_RSYNC, FDFLAGS_SYNC = 1, 2, 4, 8, 16
FDFLAGS_ALL = 31
OFLAGS_CREAT, OFLAGS_DIRECTORY, OFLAGS_EXCL, OFLAGS_TRUNC = 1, 2, 4, 8
OFLAGS_ALL = 15
LOOKUPFLAGS_SYMLINK_FOLLOW = 1
FSTFLAGS_ATIM, FSTFLAGS_ATIM_NOW, FSTFLAGS_MTIM, FSTFLAGS_MTIM_NOW = 1, 2, 4, 8
FSTFLAGS_ALL = 15
SDFLAGS_ALL = 3  # rd, wr
RIFLAGS_ALL = 3  # recv_peek, recv_waitall
WHENCE = {0: os.SEEK_SET, 1: os.SEEK_CUR, 2: os.SEEK_END}
ADVICE_MAX = 5  # normal sequential random willneed dontneed noreuse
SUBCLOCKFLAGS_ABSTIME = 1
EVENTTYPE_CLOCK, EVENTTYPE_FD_READ, EVENTTYPE_FD_WRITE = 0, 1, 2
PREOPENTYPE_DIR = 0
CLOCK_REALTIME, CLOCK_MONOTONIC, CLOCK_PROCESS_CPUTIME, CLOCK_THREAD_CPUTIME = 0, 1, 2, 3

# -- rights (u64 flags) ------------------------------------------------------------------
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


def _rights(*names: str) -> int:
    return sum(RIGHT[n] for n in names)


# The rights wasmtime *reports* (fd_fdstat_get), measured with wasmtime 50: it
# derives them from what a descriptor is, not from what path_open asked for.
# A regular file has every right but reading (if not readable) and fd_write
# (if not writable); a directory opened by path_open, a preopen and the
# standard streams have fixed sets.  nanowasm reports the same and enforces
# only the rights a program drops itself (fd_fdstat_set_rights).
FILE_UNREADABLE = _rights("fd_read", "fd_readdir")
FILE_UNWRITABLE = _rights("fd_write")
DIR_RIGHTS = RIGHTS_ALL & ~_rights(
    "fd_seek", "fd_write", "path_filestat_set_size", "fd_filestat_set_size"
)
PREOPEN_RIGHTS = RIGHTS_ALL & ~_rights(
    "fd_datasync", "fd_read", "fd_seek", "fd_fdstat_set_flags", "fd_sync", "fd_tell",
    "fd_write", "fd_advise", "fd_allocate", "path_filestat_set_size", "fd_filestat_set_size",
    "poll_fd_readwrite", "sock_shutdown", "sock_accept",
)  # fmt: skip
PREOPEN_INHERITING = RIGHTS_ALL & ~_rights("path_filestat_set_size", "sock_shutdown", "sock_accept")
STDIN_RIGHTS = _rights("fd_read")
STDOUT_RIGHTS = _rights("fd_write")


# -- the interface: every preview-1 function with its core wasm signature -------------


def _sig(params: str, results: str = "i32") -> FuncType:
    return FuncType(tuple(map(valtype, params.split())), tuple(map(valtype, results.split())))


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


class WasiErrno(Exception):
    """Internal: abort the current WASI call and return ``errno`` to the guest."""

    def __init__(self, errno: int) -> None:
        super().__init__(ERRNO_NAMES[errno])
        self.errno = errno
