"""Differential testing in the normal run: a fixed-seed smith batch, the
comparator's own sensitivity, and the replay of every saved divergence."""

from __future__ import annotations

import pytest

pytest.importorskip("wasmtime")

from fuzz import diff, oracle, toolchain
from fuzz.subject import Subject

SEED = 20260101


def _wat(text: str) -> bytes:
    return toolchain.parse_wat(text)


IDENTITY = """(module
  (memory (export "mem") 1 1)
  (global (export "g") (mut f32) (f32.const 0))
  (func (export "id") (param f32) (result f32) local.get 0 global.set 0 local.get 0)
  (func (export "div") (param i32 i32) (result i32) local.get 0 local.get 1 i32.div_u)
  (func (export "poke") (param i32) local.get 0 i32.const 1 i32.store8))"""


def test_fixed_seed_batch_agrees() -> None:
    fig = diff.campaign("wasm2", count=12, seed=SEED, save=False, record=False, verbose=False)
    assert fig["modules"] >= 10
    assert fig["calls"] > 0
    assert fig["divergences"] == {}, fig


def test_raw_call_keeps_signalling_nan_bits() -> None:
    o = diff.Oracle(_wat(IDENTITY), "wasm2")
    assert o.load() == ["ok"] and o.instantiate() == ["ok"]
    assert o.call("id", ["f32"], ["f32"], [0x7FA00001]) == ["ok", [0x7FA00001]]
    state = o.state()
    assert state["g"] == ["global", 0x7FA00001]


def test_identical_engines_agree_and_traps_are_classified() -> None:
    res = diff.compare_module(_wat(IDENTITY), "wasm2", seed=1, calls_per_export=6)
    assert res.instantiated and res.calls == 18
    assert res.divergences == []
    ours = Subject(_wat(IDENTITY))
    ours.load()
    ours.instantiate()
    assert ours.call("div", ["i32", "i32"], ["i32"], [1, 0]) == ["trap", "int-div-zero"]
    assert ours.call("poke", ["i32"], [], [65536]) == ["trap", "oob-memory"]


def test_comparator_detects_a_wrong_result(monkeypatch: pytest.MonkeyPatch) -> None:
    real = Subject.call

    def off_by_one(self, name, params, results, args):  # type: ignore[no-untyped-def]
        out = real(self, name, params, results, args)
        if out[0] == "ok" and out[1]:
            out = ["ok", [out[1][0] ^ 1, *out[1][1:]]]
        return out

    monkeypatch.setattr(Subject, "call", off_by_one)
    res = diff.compare_module(_wat(IDENTITY), "wasm2", seed=1)
    assert [d["kind"] for d in res.divergences] == ["call-result"]


def test_comparator_detects_a_state_difference(monkeypatch: pytest.MonkeyPatch) -> None:
    real = Subject.state

    def corrupt(self, extra=None):  # type: ignore[no-untyped-def]
        self.inst.exports["mem"].data[5] ^= 0xFF
        return real(self, extra)

    monkeypatch.setattr(Subject, "state", corrupt)
    res = diff.compare_module(_wat(IDENTITY), "wasm2", seed=1)
    assert [d["kind"] for d in res.divergences] == ["state-memory"]


def test_divergence_is_saved_as_a_reproducer(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:  # type: ignore[no-untyped-def]
    real = Subject.call

    def wrong_trap(self, name, params, results, args):  # type: ignore[no-untyped-def]
        out = real(self, name, params, results, args)
        return ["trap", "oob-table"] if out[0] == "trap" else out

    monkeypatch.setattr(Subject, "call", wrong_trap)
    wasm = _wat(IDENTITY)
    res = diff.compare_module(wasm, "wasm2", seed=3, calls_per_export=8)
    (div,) = res.divergences
    assert div["kind"] == "call-trap" and div["theirs"][0] == "trap"
    d = diff.save_finding(
        div, wasm, b"seed", "wasm2", {"call_seed": 3}, shrink=False, findings_dir=tmp_path
    )
    assert {p.name for p in d.iterdir()} >= {
        "module.wasm",
        "original.wasm",
        "seed.bin",
        "finding.json",
        "module.wat",
    }
    [(found, meta)] = diff.load_findings(tmp_path)
    assert (
        meta["status"] == "open" and meta["divergence"]["call"]["export"] == div["call"]["export"]
    )
    assert diff.replay(found, meta).divergences  # still diverges under the patch
    assert diff.known_keys(tmp_path) == {d.name}


def test_both_reject_an_invalid_module() -> None:
    wasm = _wat("(module (func (result i32)))")
    assert oracle.validate(wasm, "wasm2") is not None
    res = diff.compare_module(wasm, "wasm2")
    assert res.divergences == [] and res.explained == [] and not res.valid


def test_feature_beyond_the_level_is_explained_not_hidden() -> None:
    # multi-memory is 3.0: wasmtime at the 2.0 level rejects it; if we accept it,
    # the disagreement must be recorded as "beyond-level" (never silently dropped)
    wasm = _wat("(module (memory 1) (memory 1))")
    assert oracle.validate(wasm, "wasm2") is not None
    res = diff.compare_module(wasm, "wasm2")
    assert res.divergences == []
    ours_accepts = Subject(wasm).load() == ["ok"]
    assert [e["kind"] for e in res.explained] == (["beyond-level"] if ours_accepts else [])


# differential findings only: text front-end findings (``target: text_parse``,
# an ``input.wast`` instead of a module) are replayed by tests/test_text.py
_FINDINGS = [(d, m) for d, m in diff.load_findings() if m.get("target") != "text_parse"]


@pytest.mark.parametrize(
    "finding",
    [
        pytest.param(
            (d, meta),
            id=d.name,
            marks=[pytest.mark.xfail(strict=True, reason=meta.get("reason") or meta["key"])]
            if meta.get("status") == "open"
            else [],
        )
        for d, meta in _FINDINGS
    ]
    or [pytest.param(None, marks=pytest.mark.skip(reason="no saved differential findings"))],
)
def test_replay_saved_divergence(finding) -> None:  # type: ignore[no-untyped-def]
    d, meta = finding
    res = diff.replay(d, meta)
    assert res.divergences == [], res.divergences


@pytest.mark.parametrize("level", ["wasm3-nogc", "threads"])
def test_fixed_seed_batch_agrees_past_2_0(level: str) -> None:
    fig = diff.campaign(level, count=12, seed=SEED, save=False, record=False, verbose=False)
    assert fig["modules"] >= 10
    assert fig["calls"] > 0
    assert fig["divergences"] == {}, fig


WASM3 = """(module
  (type $s (struct))
  (type $f (func (result i32)))
  (tag $e (param i32))
  (global (export "gs") (mut (ref null $s)) (ref.null $s))
  (global (export "gi") anyref (ref.i31 (i32.const 5)))
  (table (export "t") 2 2 anyref)
  (func (export "throw") (param i32) local.get 0 throw $e)
  (func (export "catch") (param i32) (result i32)
    (block $h (result i32) (try_table (catch $e $h) (throw $e (local.get 0))) (i32.const -1)))
  (func (export "null_call") (param (ref null $f)) (result i32) local.get 0 call_ref $f)
  (func (export "nonnull") (param (ref $f)) (result i32) local.get 0 call_ref $f)
  (func (export "i31") (param i32) (result i31ref) local.get 0 ref.i31)
  (func (export "cast") (param anyref) (result i31ref) local.get 0 ref.cast (ref i31))
  (func (export "exn") (param exnref) (result exnref) local.get 0)
  (type $a (array i8))
  (func (export "mk_struct") (result anyref) struct.new_default $s)
  (func (export "mk_array") (result (ref $a)) (array.new_default $a (i32.const 2)))
  (func (export "tail") (param i32) (result i32) local.get 0 return_call $id)
  (func $id (param i32) (result i32) local.get 0))"""


def test_3_0_outcomes_are_compared() -> None:
    """Exceptions, null typed references, casts and GC-typed state agree and are classified."""
    wasm = _wat(WASM3)
    res = diff.compare_module(wasm, "wasm3", seed=1, calls_per_export=2)
    assert res.instantiated and res.divergences == [], res.divergences
    assert res.inconclusive == {"non-null-param": 1}  # "nonnull" cannot be given a null
    ours, theirs = Subject(wasm), diff.Oracle(wasm, "wasm3")
    for side in (ours, theirs):
        assert side.load() == ["ok"] and side.instantiate() == ["ok"]
    calls: list[tuple[str, list[str], list[str], list[int | str], list[object]]] = [
        ("throw", ["i32"], [], [7], ["trap", "exception"]),
        ("catch", ["i32"], ["i32"], [7], ["ok", [7]]),
        ("null_call", ["funcref"], ["i32"], ["null"], ["trap", "null-ref"]),
        ("i31", ["i32"], ["anyref"], [3], ["ok", ["i31:3"]]),
        ("i31", ["i32"], ["anyref"], [0xFFFFFFFF], ["ok", ["i31:2147483647"]]),
        ("mk_struct", [], ["anyref"], [], ["ok", ["struct"]]),
        ("mk_array", [], ["anyref"], [], ["ok", ["array"]]),
        ("cast", ["anyref"], ["anyref"], ["null"], ["trap", "cast"]),
        ("exn", ["exnref"], ["exnref"], ["null"], ["ok", ["null"]]),
    ]
    for name, params, results, args, want in calls:
        assert ours.call(name, params, results, args) == want, name
        assert theirs.call(name, params, results, args) == want, name
    assert ours.state() == theirs.state()
    assert ours.state()["gi"] == ["global", "i31:5"]
    assert ours.state()["gs"] == ["global", "null"]
    assert [n for n, p, _ in diff.exported_functions(ours.module) if None in p] == ["nonnull"]


THREADS = """(module
  (memory (export "m") 1 2 shared)
  (func (export "add") (param i32 i32) (result i32) local.get 0 local.get 1 i32.atomic.rmw.add)
  (func (export "wide") (param i64 i64) (result i64 i64) local.get 0 local.get 1 i64.mul_wide_u))"""


def test_threads_outcomes_are_compared() -> None:
    """Shared memory contents are snapshotted on both sides; atomic traps share their kinds."""
    wasm = _wat(THREADS)
    res = diff.compare_module(wasm, "threads", seed=1, calls_per_export=4)
    assert res.instantiated and res.divergences == [], res.divergences
    ours, theirs = Subject(wasm), diff.Oracle(wasm, "threads")
    for side in (ours, theirs):
        assert side.load() == ["ok"] and side.instantiate() == ["ok"]
        assert side.call("add", ["i32", "i32"], ["i32"], [8, 5]) == ["ok", [0]]
        assert side.call("add", ["i32", "i32"], ["i32"], [2, 1]) == ["trap", "unaligned-atomic"]
        assert side.call("wide", ["i64", "i64"], ["i64", "i64"], [2**64 - 1, 2**64 - 1]) == [
            "ok",
            [1, 2**64 - 2],
        ]
    assert ours.state() == theirs.state()
    assert ours.state()["m"][:2] == ["memory", 1]
    unshared = _wat(
        '(module (memory 1) (func (export "w") (result i32)'
        " i32.const 0 i32.const 0 i64.const 0 memory.atomic.wait32))"
    )
    for side in (Subject(unshared), diff.Oracle(unshared, "threads")):
        assert side.load() == ["ok"] and side.instantiate() == ["ok"]
        assert side.call("w", [], ["i32"], []) == ["trap", "wait-unshared"]


def test_atomic_trap_order_is_explained_by_the_spec_rule() -> None:
    """Misaligned *and* out of bounds: the threads spec checks alignment first (as we
    do), wasmtime the bounds; explained, with the rule, and never the other way round."""
    from fuzz import known

    wasm = _wat(
        '(module (memory (export "m") 1 1 shared) (func (export "f") (param i32) (result i32)'
        " local.get 0 i32.const 1 memory.atomic.notify offset=73308))"
    )
    ours, theirs = Subject(wasm), diff.Oracle(wasm, "threads")
    for side in (ours, theirs):
        assert side.load() == ["ok"] and side.instantiate() == ["ok"]
    far = 0xFFFFEFFF  # + offset: misaligned and past 4 GiB
    assert ours.call("f", ["i32"], ["i32"], [far]) == ["trap", "unaligned-atomic"]
    assert theirs.call("f", ["i32"], ["i32"], [far]) == ["trap", "oob-memory"]
    res = diff.compare_module(wasm, "threads", seed=3, calls_per_export=40)
    assert res.divergences == []
    assert [e["kind"] for e in res.explained] and {e["kind"] for e in res.explained} == {
        "trap-order"
    }
    assert "step 8" in known.SPEC_EXPLAINED["trap-order"]
    assert known.explain_traps("oob-memory", "unaligned-atomic") is None


def test_huge_gc_allocations_are_bounded_and_inconclusive() -> None:
    """smith's array.new lengths reach gigabytes: wasmtime's GC heap is capped by the
    store's limit (it would really allocate them), and both refusals are inconclusive.
    160 MB asked for: above the cap and our array limit, harmless without them."""
    import resource

    wasm = _wat(
        '(module (type $a (array (mut i64))) (func (export "f") (result i32)'
        " (drop (array.new_default $a (i32.const 20000000))) (i32.const 1)))"
    )
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    theirs = diff.Oracle(wasm, "wasm3")
    assert theirs.load() == ["ok"] and theirs.instantiate() == ["ok"]
    assert theirs.call("f", [], ["i32"], []) == ["inconclusive", "allocation"]
    ours = Subject(wasm)
    assert ours.load() == ["ok"] and ours.instantiate() == ["ok"]
    assert ours.call("f", [], ["i32"], [])[0] == "inconclusive"
    res = diff.compare_module(wasm, "wasm3")
    assert res.divergences == [] and sum(res.inconclusive.values()) == 1
    grown_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    assert grown_mb < 100, grown_mb
