"""The threads proposal's runtime: atomic memory accesses, wait and notify.

Why this is enough for atomicity: every access here is one Python-level
operation on the memory's buffer (a slice read or a slice assignment), which
the interpreter lock makes indivisible with respect to other Python threads.
Read-modify-write and compare-exchange are *two* operations (read, then
write), so they run under the shared memory's lock (:class:`SharedSync`);
atomic loads and stores need no lock.  Plain (non-atomic) accesses of the
compiled code are single ``struct`` calls, so they never tear either, which
is stronger than the proposal requires.

``memory.atomic.wait32/64`` and ``memory.atomic.notify`` really block and
wake: each address being waited on has a :class:`threading.Condition` on the
memory's lock and a FIFO queue of waiters; ``notify`` wakes the oldest
``count`` of them (the proposal's order).  A waiter that times out leaves
the queue itself, so it is never counted as woken.

Trap order for every atomic access follows the reference interpreter: the
effective address must be aligned to the access size ("unaligned atomic"),
then in bounds ("out of bounds memory access"); wait on an unshared memory
then traps ("expected shared memory"), notify on one returns 0.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from typing import Any

from .errors import Trap, TrapCode

_MASKS = {1: 0xFF, 2: 0xFFFF, 4: 0xFFFFFFFF, 8: 0xFFFFFFFFFFFFFFFF}


class _Waiter:
    __slots__ = ("woken",)

    def __init__(self) -> None:
        self.woken = False


class SharedSync:
    """The synchronisation state of one shared memory (one per MemInst)."""

    __slots__ = ("conds", "lock", "queues")

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.conds: dict[int, threading.Condition] = {}  # address -> condition on ``lock``
        self.queues: dict[int, deque[_Waiter]] = {}  # address -> waiters, oldest first

    def cond(self, addr: int) -> threading.Condition:
        c = self.conds.get(addr)
        if c is None:
            c = self.conds[addr] = threading.Condition(self.lock)
        return c


def _check(mem: Any, ea: int, n: int) -> Any:
    """The buffer of ``mem`` after the alignment and bounds checks of an n-byte access."""
    if ea % n:
        raise Trap(TrapCode.UNALIGNED_ATOMIC)
    data = mem.data
    if ea + n > len(data):
        raise Trap(TrapCode.MEMORY_OUT_OF_BOUNDS)
    return data


def atomic_load(mem: Any, ea: int, n: int) -> int:
    """``*.atomic.load*``: the n-byte value at ``ea``, zero-extended."""
    data = _check(mem, ea, n)
    return int.from_bytes(data[ea : ea + n], "little")


def atomic_store(mem: Any, ea: int, n: int, v: int) -> None:
    """``*.atomic.store*``: the low n bytes of ``v`` at ``ea``."""
    data = _check(mem, ea, n)
    data[ea : ea + n] = (v & _MASKS[n]).to_bytes(n, "little")


def _rmw_result(op: str, old: int, v: int, mask: int) -> int:
    if op == "add":
        return (old + v) & mask
    if op == "sub":
        return (old - v) & mask
    if op == "and":
        return old & v
    if op == "or":
        return old | v
    if op == "xor":
        return old ^ v
    assert op == "xchg", op
    return v


def atomic_rmw(mem: Any, ea: int, n: int, op: str, v: int) -> int:
    """``*.atomic.rmw*.<op>``: store ``old <op> v`` (wrapped to n bytes), return old."""
    data = _check(mem, ea, n)
    mask = _MASKS[n]
    v &= mask
    sync = mem.sync
    if sync is None:  # unshared: one thread by construction
        old = int.from_bytes(data[ea : ea + n], "little")
        data[ea : ea + n] = _rmw_result(op, old, v, mask).to_bytes(n, "little")
        return old
    with sync.lock:
        data = mem.data  # a concurrent memory.grow may have replaced the buffer
        old = int.from_bytes(data[ea : ea + n], "little")
        data[ea : ea + n] = _rmw_result(op, old, v, mask).to_bytes(n, "little")
    return old


def atomic_cmpxchg(mem: Any, ea: int, n: int, expected: int, replacement: int) -> int:
    """``*.atomic.rmw*.cmpxchg*``: store ``replacement`` if the value equals
    ``expected`` (both wrapped to n bytes, as the proposal says); return the old value."""
    data = _check(mem, ea, n)
    mask = _MASKS[n]
    expected &= mask
    new = (replacement & mask).to_bytes(n, "little")
    sync = mem.sync
    if sync is None:
        old = int.from_bytes(data[ea : ea + n], "little")
        if old == expected:
            data[ea : ea + n] = new
        return old
    with sync.lock:
        data = mem.data
        old = int.from_bytes(data[ea : ea + n], "little")
        if old == expected:
            data[ea : ea + n] = new
    return old


def atomic_wait(mem: Any, ea: int, n: int, expected: int, timeout: int) -> int:
    """``memory.atomic.wait32/64``: 0 woken ("ok"), 1 "not-equal", 2 "timed-out".

    ``timeout`` is the i64 operand as an unsigned pattern: nanoseconds, a
    negative value (signed) waits forever.
    """
    _check(mem, ea, n)
    sync = mem.sync
    if sync is None:
        raise Trap(TrapCode.EXPECTED_SHARED_MEMORY)
    if timeout >> 63:
        deadline = None
    else:
        deadline = time.monotonic() + timeout / 1e9
    with sync.lock:
        data = mem.data
        if int.from_bytes(data[ea : ea + n], "little") != expected & _MASKS[n]:
            return 1
        me = _Waiter()
        queue = sync.queues.setdefault(ea, deque())
        queue.append(me)
        cond = sync.cond(ea)
        try:
            while not me.woken:
                if deadline is None:
                    cond.wait()
                    continue
                left = deadline - time.monotonic()
                if left <= 0:
                    return 2
                cond.wait(left)
            return 0
        finally:  # timed out, or interrupted (the store's timeout): leave the queue
            if not me.woken:
                queue.remove(me)
                if not queue and sync.queues.get(ea) is queue:
                    del sync.queues[ea]


def atomic_notify(mem: Any, ea: int, count: int) -> int:
    """``memory.atomic.notify``: wake up to ``count`` waiters at ``ea``; how many woke."""
    _check(mem, ea, 4)
    sync = mem.sync
    if sync is None:
        return 0
    with sync.lock:
        queue = sync.queues.get(ea)
        if not queue:
            return 0
        woken = 0
        while queue and woken < count:
            queue.popleft().woken = True
            woken += 1
        if not queue:
            del sync.queues[ea]
        sync.cond(ea).notify_all()
        return woken
