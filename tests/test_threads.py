"""Threads: shared memories and atomics, also under real concurrency.

* unit checks of the rules: shared needs a maximum, shared must match when
  linking, exact alignment in validation and at run time ("unaligned
  atomic"), wait on an unshared memory traps, rmw/cmpxchg results and wrapping;
* several Python threads, each with its own :class:`interp.Store` and
  instance importing one shared memory, incrementing a counter with
  ``i32.atomic.rmw.add``: no update is lost;
* ``memory.atomic.wait32`` really blocks until ``notify`` wakes it (and
  ``notify`` reports it), a timeout really elapses, and a wait/notify
  ping-pong between two threads runs its rounds in order.

Every thread is joined with a timeout, so a hang fails the test in seconds.
"""

from __future__ import annotations

import sys
import threading
import time
from typing import Any

import pytest

import interp
from interp.runtime import MemInst
from interp.text import parse_module
from interp.types import Limits, MemType

ON = interp.Features().enable("threads")
JOIN = 20.0  # seconds: generous for a loaded 2-core machine; a hang fails, never blocks


def module(text: str) -> Any:
    m = interp.decode_module(parse_module(text.encode()), ON)
    interp.validate_module(m, ON)
    return m


def instance(text: str, imports: dict[str, Any] | None = None) -> Any:
    """An instance in a store of its own (a Store belongs to one thread)."""
    return interp.instantiate(interp.Store(features=ON), module(text), imports or {})


def run_threads(targets: list[Any]) -> list[Any]:
    """Run each target in a thread, join with a timeout, re-raise their errors."""
    results: list[Any] = [None] * len(targets)
    errors: list[BaseException] = []

    def wrap(k: int, fn: Any) -> None:
        try:
            results[k] = fn()
        except BaseException as e:  # reported below, in the test's thread
            errors.append(e)

    threads = [
        threading.Thread(target=wrap, args=(k, fn), daemon=True) for k, fn in enumerate(targets)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(JOIN)
    assert not any(t.is_alive() for t in threads), "a thread hangs"
    if errors:
        raise errors[0]
    return results


SHARED = MemType(Limits(1, 1), shared=True)


def waiting(inst: Any) -> dict[int, Any]:
    """The wait queues of an instance's exported shared memory ``mem``."""
    mem = inst.exports["mem"]
    assert isinstance(mem, MemInst) and mem.sync is not None
    return mem.sync.queues


# -- rules --------------------------------------------------------------------------------


def test_shared_memory_needs_a_maximum_and_the_feature() -> None:
    with pytest.raises(interp.InvalidError, match="shared memory must have maximum"):
        module("(module (memory 1 shared))")
    m = module("(module (memory 1 2 shared))")
    assert m.mems[0].shared and m.mems[0].limits == Limits(1, 2)
    assert not module("(module (memory 1 2))").mems[0].shared
    with pytest.raises(interp.FeatureDisabled, match="threads"):
        interp.decode_module(parse_module(b"(module (memory 1 2 shared))"), interp.Features())


def test_shared_must_match_when_linking() -> None:
    shared, plain = MemInst(SHARED), MemInst(MemType(Limits(1, 1)))
    imp_shared = '(module (import "m" "mem" (memory 1 1 shared)))'
    imp_plain = '(module (import "m" "mem" (memory 1 1)))'
    instance(imp_shared, {"m": {"mem": shared}})
    instance(imp_plain, {"m": {"mem": plain}})
    for text, mem in ((imp_shared, plain), (imp_plain, shared)):
        with pytest.raises(interp.LinkError, match="incompatible import type"):
            instance(text, {"m": {"mem": mem}})


def test_alignment_is_exact_in_validation() -> None:
    for instr in ("i32.atomic.load align=2", "i32.atomic.load align=8", "i64.atomic.load align=4"):
        with pytest.raises(interp.InvalidError, match="atomic alignment must be natural"):
            module(f"(module (memory 1 1 shared) (func (drop ({instr} (i32.const 0)))))")
    module("(module (memory 1 1 shared) (func (drop (i64.atomic.load align=8 (i32.const 0)))))")
    with pytest.raises(interp.InvalidError, match="unknown memory"):
        module("(module (func (drop (i32.atomic.load (i32.const 0)))))")


ATOMIC = """(module (memory (export "mem") 1 1 shared)
  (func (export "rmw16.add") (param i32 i32) (result i32)
    (i32.atomic.rmw16.add_u (local.get 0) (local.get 1)))
  (func (export "cmpxchg8") (param i32 i64 i64) (result i64)
    (i64.atomic.rmw8.cmpxchg_u (local.get 0) (local.get 1) (local.get 2)))
  (func (export "load64") (param i32) (result i64) (i64.atomic.load offset=8 (local.get 0)))
  (func (export "wait32") (param i32 i32 i64) (result i32)
    (memory.atomic.wait32 (local.get 0) (local.get 1) (local.get 2)))
  (func (export "notify") (param i32 i32) (result i32)
    (memory.atomic.notify (local.get 0) (local.get 1))))"""


def test_atomic_results_traps_and_wrapping() -> None:
    inst = instance(ATOMIC)
    mem = inst.exports["mem"]
    mem.data[0:2] = b"\xff\xff"
    assert inst.invoke("rmw16.add", 0, 2) == [0xFFFF]  # returns the old value
    assert bytes(mem.data[0:3]) == b"\x01\x00\x00"  # wraps at 16 bits, the next byte untouched
    # cmpxchg compares with the expected value wrapped to the access width
    assert inst.invoke("cmpxchg8", 0, 0x101, 0x7F) == [1]
    assert mem.data[0] == 0x7F
    assert inst.invoke("cmpxchg8", 0, 0x101, 0x22) == [0x7F] and mem.data[0] == 0x7F
    with pytest.raises(interp.Trap, match="unaligned atomic"):
        inst.invoke("rmw16.add", 1, 0)
    with pytest.raises(interp.Trap, match="unaligned atomic"):
        inst.invoke("load64", 4)  # 4 + offset 8 is not 8-aligned
    with pytest.raises(interp.Trap, match="out of bounds memory access"):
        inst.invoke("load64", 65536 - 8)
    assert inst.invoke("wait32", 0, 5, 0) == [1]  # not equal
    assert inst.invoke("wait32", 4, 0, 0) == [2]  # equal, timed out at once
    assert inst.invoke("notify", 0, 10) == [0]  # nobody waits


def test_wait_on_unshared_memory_traps() -> None:
    inst = instance(ATOMIC.replace("1 1 shared", "1 1"))
    with pytest.raises(interp.Trap, match="expected shared memory"):
        inst.invoke("wait32", 0, 0, 0)
    assert inst.invoke("notify", 0, 1) == [0]
    assert inst.invoke("rmw16.add", 0, 1) == [0]  # the other atomics work on unshared memory


# -- concurrency ---------------------------------------------------------------------------

COUNTER = """(module (import "env" "mem" (memory 1 1 shared))
  (func (export "count") (param $n i32)
    (loop $l
      (drop (i32.atomic.rmw.add (i32.const 0) (i32.const 1)))
      (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))))"""


def test_threads_increment_a_counter_atomically() -> None:
    mem = MemInst(SHARED)
    n_threads, n = 4, 3000
    insts = [instance(COUNTER, {"env": {"mem": mem}}) for _ in range(n_threads)]
    switch = sys.getswitchinterval()
    sys.setswitchinterval(1e-5)  # switch threads often: races would show
    try:
        run_threads([lambda inst=inst: inst.invoke("count", n) for inst in insts])
    finally:
        sys.setswitchinterval(switch)
    assert int.from_bytes(mem.data[0:4], "little") == n_threads * n


def _wait_for_waiter(mem: MemInst, addr: int) -> None:
    deadline = time.monotonic() + JOIN
    while not (mem.sync is not None and mem.sync.queues.get(addr)):
        assert time.monotonic() < deadline, "the waiter never blocked"
        time.sleep(0.001)


def test_wait_blocks_until_notified() -> None:
    inst = instance(ATOMIC)
    mem = inst.exports["mem"]
    other = instance(ATOMIC.replace('(memory (export "mem") 1 1 shared)',
                                    '(import "e" "mem" (memory 1 1 shared))'),
                     {"e": {"mem": mem}})  # fmt: skip
    box: list[Any] = []
    t = threading.Thread(target=lambda: box.append(other.invoke("wait32", 16, 0, -1)), daemon=True)
    t.start()
    _wait_for_waiter(mem, 16)
    assert t.is_alive() and not box  # really blocked
    assert inst.invoke("notify", 20, 1) == [0]  # another address wakes nobody
    assert inst.invoke("notify", 16, 5) == [1]  # one waiter woken
    t.join(JOIN)
    assert box == [[0]]  # "ok": woken by notify


def test_wait_times_out() -> None:
    inst = instance(ATOMIC)
    start = time.monotonic()
    assert inst.invoke("wait32", 0, 0, 50_000_000) == [2]  # 50 ms
    assert time.monotonic() - start >= 0.045
    assert not waiting(inst)  # the timed-out waiter left the queue


def test_store_timeout_interrupts_a_wait() -> None:
    """A wait with no notifier ends with the store's timeout, and leaves the queue."""
    m = module(ATOMIC)
    inst = interp.instantiate(interp.Store(features=ON, timeout=0.2), m, {})
    with pytest.raises(interp.Timeout):
        inst.invoke("wait32", 0, 0, -1)  # forever
    assert not waiting(inst)
    assert inst.invoke("notify", 0, 1) == [0]  # nobody is counted as woken


PINGPONG = """(module (import "env" "mem" (memory 1 1 shared))
  ;; flag at 0: ping writes 2i+1 and waits for 2i+2; pong waits for 2i+1 and
  ;; writes 2i+2.  Every round appends its number to a log at 8 + 4k, under
  ;; the flag's protocol, so the log shows the order.  Returns the number of
  ;; waits that timed out (5 s each; must be none).
  (func $log (param $v i32)
    (local $k i32)
    (local.set $k (i32.atomic.rmw.add (i32.const 4) (i32.const 1)))
    (i32.atomic.store offset=8 (i32.mul (local.get $k) (i32.const 4)) (local.get $v)))
  (func $await (param $want i32) (param $seen i32) (result i32)
    (local $bad i32)
    (block $got (loop $w
      (br_if $got (i32.eq (i32.atomic.load (i32.const 0)) (local.get $want)))
      (if (i32.eq (memory.atomic.wait32 (i32.const 0) (local.get $seen) (i64.const 5000000000))
                  (i32.const 2))
        (then (local.set $bad (i32.add (local.get $bad) (i32.const 1)))))
      (br $w)))
    (local.get $bad))
  (func $signal (param $v i32)
    (i32.atomic.store (i32.const 0) (local.get $v))
    (drop (memory.atomic.notify (i32.const 0) (i32.const 1))))
  (func (export "ping") (param $n i32) (result i32)
    (local $i i32) (local $bad i32) (local $odd i32)
    (block $done (loop $l
      (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
      (local.set $odd (i32.add (i32.shl (local.get $i) (i32.const 1)) (i32.const 1)))
      (call $log (local.get $odd))
      (call $signal (local.get $odd))
      (local.set $bad (i32.add (local.get $bad)
        (call $await (i32.add (local.get $odd) (i32.const 1)) (local.get $odd))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $l)))
    (local.get $bad))
  (func (export "pong") (param $n i32) (result i32)
    (local $i i32) (local $bad i32) (local $odd i32)
    (block $done (loop $l
      (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
      (local.set $odd (i32.add (i32.shl (local.get $i) (i32.const 1)) (i32.const 1)))
      (local.set $bad (i32.add (local.get $bad)
        (call $await (local.get $odd) (i32.sub (local.get $odd) (i32.const 1)))))
      (call $log (i32.add (local.get $odd) (i32.const 1)))
      (call $signal (i32.add (local.get $odd) (i32.const 1)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $l)))
    (local.get $bad)))"""


def test_wait_notify_ping_pong() -> None:
    mem = MemInst(SHARED)
    rounds = 100
    ping, pong = (instance(PINGPONG, {"env": {"mem": mem}}) for _ in range(2))
    got = run_threads([lambda: pong.invoke("pong", rounds), lambda: ping.invoke("ping", rounds)])
    assert got == [[0], [0]]  # no wait timed out
    n = int.from_bytes(mem.data[4:8], "little")
    log = [int.from_bytes(mem.data[8 + 4 * k : 12 + 4 * k], "little") for k in range(n)]
    assert log == list(range(1, 2 * rounds + 1))  # strictly alternating, in order
    assert int.from_bytes(mem.data[0:4], "little") == 2 * rounds


# -- the script layer: (thread ...) and (wait ...) run as Python threads ---------------------

SCRIPT = b"""(module $Mem (memory (export "shared") 1 1 shared))
(thread $T1 (shared (module $Mem))
  (register "mem" $Mem)
  (module
    (memory (import "mem" "shared") 1 1 shared)
    (func (export "run") (result i32)
      (memory.atomic.wait32 (i32.const 0) (i32.const 0) (i64.const -1))))
  (assert_return (invoke "run") (i32.const 0)))
(thread $T2 (shared (module $Mem))
  (register "mem" $Mem)
  (module
    (memory (import "mem" "shared") 1 1 shared)
    (func (export "run") (result i32)
      (local i32)
      (block $done (loop $l
        (local.set 0 (memory.atomic.notify (i32.const 0) (i32.const 1)))
        (br_if $done (local.get 0))
        (br $l)))
      (local.get 0)))
  (assert_return (invoke "run") (i32.const WOKEN)))
(wait $T1)
(wait $T2)
"""


def test_script_threads_run_concurrently() -> None:
    """T1 blocks in wait until T2's notify wakes it: only concurrent threads pass."""
    from interp.text.run import run_script
    from interp.text.script import parse_script

    script = parse_script(SCRIPT.replace(b"WOKEN", b"1"))
    assert [c["type"] for c in script.commands] == ["module", "thread", "thread", "wait", "wait"]
    assert script.commands[1]["shared"] == ["Mem"] and len(script.commands[1]["commands"]) == 3
    out = run_script(script, "t.wast", lambda: interp.Store(features=ON))
    assert (out.passed, out.failed, out.skipped, out.messages) == (7, 0, 0, [])
    # a failing assertion inside a thread is reported by its wait
    out = run_script(
        parse_script(SCRIPT.replace(b"WOKEN", b"2")), "t.wast", lambda: interp.Store(features=ON)
    )
    assert out.failed == 1 and "t.wast:20: assert_return" in out.messages[0]
