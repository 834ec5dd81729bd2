"""Path resolution beneath a directory descriptor: the WASI sandbox.

Every guest path is resolved relative to an *open host directory
descriptor*, one component at a time, and never handed to the host as a
multi-component path.  Intermediate components are opened with
``O_DIRECTORY | O_NOFOLLOW`` relative to the descriptor of the previous one,
so a component that is (or is swapped into) a symlink fails to open instead
of being followed by the kernel; it is then read with ``readlink`` and its
target resolved by this module, from the directory that holds the link.
What the caller finally operates on is a single name relative to an open
directory (``dir_fd`` + name, never following a symlink), so no swap of a
component during the call can redirect it outside (issue 16).

Rules (those of wasmtime / cap-std; errno values as wasmtime answers them):

* an absolute path, ``..`` above the starting directory, and a symlink whose
  target is absolute or climbs above it: ``EPERM`` (wasmtime answers
  ``PERM``, not ``NOTCAPABLE``, for every escape);
* at most :data:`MAX_SYMLINK_EXPANSIONS` symlinks per resolution: ``ELOOP``;
* every directory descriptor is its own root: ``..`` cannot climb above the
  directory a descriptor was opened on, even if that is below a preopen;
* a trailing ``/`` means "must be a directory": it is reported in
  :attr:`Target.slash` and makes the last component be followed like
  ``symlink_follow`` (as POSIX path resolution does); each function then
  applies its own rule (see :mod:`interp.wasi.functions`).
"""

from __future__ import annotations

import contextlib
import errno as host_errno
import os
from collections.abc import Iterator

from ..records import record
from .abi import ELOOP, ENOENT, EPERM, WasiErrno

MAX_SYMLINK_EXPANSIONS = 40  # as Linux' MAXSYMLINKS
_DIR_FLAGS = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC


@record(frozen=True)
class Target:
    """What a path names: ``name`` (one component, or ``"."``) in directory ``dir_fd``.

    ``name`` is never a symlink that was to be followed: those are expanded.
    Operate on it with ``dir_fd=`` and without following symlinks.
    """

    dir_fd: int
    name: str
    slash: bool  # the path ended in "/" (or in a symlink whose target does)


def _readlink(dir_fd: int, name: str) -> str | None:
    """The target of symlink ``name``, or ``None`` when it is not a symlink."""
    try:
        return os.readlink(name, dir_fd=dir_fd)
    except OSError as e:
        if e.errno in (host_errno.EINVAL, host_errno.ENOENT, host_errno.ENOTDIR):
            return None
        raise


def _split(path: str) -> list[str]:
    if path.startswith("/"):
        raise WasiErrno(EPERM)  # absolute: outside every capability
    return [c for c in path.split("/") if c]


@contextlib.contextmanager
def resolve(root_fd: int, path: str, follow: bool, slash_follows: bool = True) -> Iterator[Target]:
    """Resolve ``path`` beneath the directory ``root_fd``; yields a :class:`Target`.

    The intermediate directories opened on the way are closed when the
    ``with`` block ends, so the target's ``dir_fd`` stays valid inside it.
    ``follow`` follows a symlink in the last component (``symlink_follow``);
    so does a trailing slash unless ``slash_follows`` is false (``rename``,
    ``link`` and ``symlink`` act on the link itself, as POSIX does).
    """
    if path == "":
        raise WasiErrno(ENOENT)
    opened: list[int] = []
    try:
        yield _walk(root_fd, path, follow, slash_follows, opened)
    finally:
        for fd in opened:
            os.close(fd)


def _walk(root_fd: int, path: str, follow: bool, slash_follows: bool, opened: list[int]) -> Target:
    stack = [root_fd]  # stack[0] is the capability: ".." never pops it
    pending = _split(path)
    slash = path.endswith("/")
    expansions = 0

    def expand(link: str) -> None:
        nonlocal expansions, pending, slash
        expansions += 1
        if expansions > MAX_SYMLINK_EXPANSIONS:
            raise WasiErrno(ELOOP)
        if link == "":
            raise WasiErrno(ENOENT)
        if not pending:  # the link was the last component: its target's slash counts
            slash = slash or link.endswith("/")
        pending = _split(link) + pending

    while True:
        if not pending:  # "", "d/..": the directory itself
            return Target(stack[-1], ".", slash)
        name = pending.pop(0)
        last = not pending
        if name == ".":
            if last:
                return Target(stack[-1], ".", slash)
            continue
        if name == "..":
            if len(stack) == 1:
                raise WasiErrno(EPERM)
            stack.pop()  # its descriptor stays in ``opened`` until the end
            if last:
                return Target(stack[-1], ".", slash)
            continue
        if last:
            if follow or (slash and slash_follows):
                link = _readlink(stack[-1], name)
                if link is not None:
                    expand(link)
                    continue
            return Target(stack[-1], name, slash)
        try:
            fd = os.open(name, _DIR_FLAGS, dir_fd=stack[-1])
        except OSError as e:
            # ELOOP: a symlink (O_NOFOLLOW); ENOTDIR may be one too on some hosts
            if e.errno in (host_errno.ELOOP, host_errno.ENOTDIR):
                link = _readlink(stack[-1], name)
                if link is not None:
                    expand(link)
                    continue
            raise
        opened.append(fd)
        stack.append(fd)
