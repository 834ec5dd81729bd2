"""Legacy exception handling (interp.legacy_exceptions): both compile modes.

The suite's ``legacy/`` scripts in both modes; hand-built binaries that nest
deeper than CPython's 20 static blocks (flat mode by necessity) for each of
the three mechanisms -- handlers, ``delegate``, ``rethrow``; the rules the
suite checks only lightly: a ``delegate`` to a ``try_table`` or to the
caller, handlers in loops, host frames, fuel; validation and the feature
switch (off by default, as in wasmtime).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import interp
from interp import compile as _compile
from interp.host import func
from interp.text.encode import sleb, uleb, vec
from interp.text.run import run_script
from interp.text.script import module_from_source, parse_script

SUITE = Path(__file__).resolve().parent.parent.parent / "shared" / "wasm-testsuite"
LEGACY = interp.Features().enable("legacy_exceptions")


def store(**kwargs: Any) -> interp.Store:
    return interp.Store(features=LEGACY, **kwargs)


def load_bytes(wasm: bytes, imports: Any = None, st: interp.Store | None = None) -> interp.Instance:
    module = interp.decode_module(wasm, LEGACY)
    interp.validate_module(module, LEGACY)
    return interp.instantiate(st or store(), module, imports)


def load(text: str, imports: Any = None, st: interp.Store | None = None) -> interp.Instance:
    return load_bytes(module_from_source(text.encode()), imports, st)


# -- the suite's scripts in both modes -----------------------------------------------


@pytest.mark.skipif(not SUITE.is_dir(), reason="official test suite not found")
@pytest.mark.parametrize(
    ("name", "least"),
    [("try_catch.wast", 40), ("try_delegate.wast", 20), ("rethrow.wast", 15), ("throw.wast", 10)],
)
def test_legacy_scripts(name: str, least: int, mode: str) -> None:
    script = parse_script((SUITE / "legacy" / name).read_bytes())
    out = run_script(script, name, make_store=store, features=LEGACY)
    assert out.failed == 0 and out.passed >= least, out.messages


# -- hand-built binaries, nested beyond CPython's static-block limit -----------------


def section(sid: int, content: bytes) -> bytes:
    return bytes([sid]) + uleb(len(content)) + content


def i32(n: int) -> bytes:
    return b"\x41" + sleb(n)


TRY_I32, TRY_VOID = b"\x06\x7f", b"\x06\x40"
CATCH0, CATCH_ALL, END, THROW0 = b"\x07\x00", b"\x19", b"\x0b", b"\x08\x00"


def delegate(label: int) -> bytes:
    return b"\x18" + uleb(label)


def rethrow(label: int) -> bytes:
    return b"\x09" + uleb(label)


def module_of(body: bytes, typeidx: int = 1) -> bytes:
    """One exported function "f" with ``body``; type 0 = [i32] -> [] (the tag
    0's), 1 = [i32] -> [i32]; local 0 is the parameter."""
    code = b"\x00" + body + END  # no locals besides the parameter
    wasm = b"\x00asm\x01\x00\x00\x00"
    wasm += section(1, vec([b"\x60\x01\x7f\x00", b"\x60\x01\x7f\x01\x7f"]))
    wasm += section(3, vec([uleb(typeidx)]))
    wasm += section(13, vec([b"\x00\x00"]))  # tag 0: (param i32)
    wasm += section(7, vec([b"\x01f\x00\x00"]))
    wasm += section(10, vec([uleb(len(code)) + code]))
    return wasm


def handler_chain(depth: int) -> bytes:
    """``depth`` nested tries; the innermost body throws x; every handler adds
    1 and throws again -- to the next try out, since a handler is not in its
    own try's body -- and the outermost returns: x + depth."""
    body = TRY_I32 * depth + b"\x20\x00" + THROW0
    for level in range(depth):
        body += CATCH0 + i32(1) + b"\x6a" + (THROW0 if level < depth - 1 else b"") + END
    return module_of(body)


def delegate_chain(depth: int, label: int) -> bytes:
    """``depth`` nested tries whose handler k (0 = outermost) yields k; in the
    innermost a try-delegate throws to label ``label`` (counted from outside
    it: 0 = try depth-1, depth = the function, i.e. the caller)."""
    body = TRY_I32 * depth
    body += TRY_I32 + b"\x20\x00" + THROW0 + delegate(label)
    for k in reversed(range(depth)):
        body += CATCH0 + b"\x1a" + i32(k) + END
    return module_of(body)


def rethrow_chain(depth: int, label: int) -> bytes:
    """Tries nested in each other's handlers: level k's body throws k, its
    handler holds level k+1; the innermost handler rethrows label ``label``:
    the exception of level depth-1-label, to the caller (no handler is active)."""
    body = b""
    for k in range(depth):
        body += TRY_VOID + i32(k) + THROW0 + CATCH0 + b"\x1a"
    body += rethrow(label) + END * depth
    return module_of(body, typeidx=0)


_INIT = _compile.FunctionCompiler.__init__  # not the flat_only fixture's


def structured_is_too_deep(inst: interp.Instance) -> bool:
    fc = object.__new__(_compile.FunctionCompiler)
    _INIT(fc, inst.module, inst.types, 0, inst.module.funcs[0], inst.types[0], flat=False)
    try:
        fc.compile()
    except _compile._TooDeep:
        return True
    return False


@pytest.mark.parametrize("depth", [3, 30])
def test_handler_chain(depth: int, mode: str) -> None:
    inst = load_bytes(handler_chain(depth))
    assert structured_is_too_deep(inst) == (depth > _compile.MAX_PY_LOOPS)
    assert inst.invoke("f", 5) == [5 + depth]


@pytest.mark.parametrize("depth", [4, 30])
def test_delegate_chain(depth: int, mode: str) -> None:
    for label in sorted({0, 1, depth // 2, depth - 1}):
        inst = load_bytes(delegate_chain(depth, label))
        assert structured_is_too_deep(inst) == (depth > _compile.MAX_PY_LOOPS)
        assert inst.invoke("f", 7) == [depth - 1 - label], label
    inst = load_bytes(delegate_chain(depth, depth))  # to the caller, past every handler
    with pytest.raises(interp.WasmException) as info:
        inst.invoke("f", 7)
    assert info.value.values == (7,) and info.value.tag is inst.tags[0]


@pytest.mark.parametrize("depth", [4, 60])
def test_rethrow_chain(depth: int, mode: str) -> None:
    """Handlers sit outside their Python ``try``: nesting them costs no static
    block, only indentation (two levels each), whose limit 60 exceeds."""
    for label in sorted({0, 1, depth - 1}):
        inst = load_bytes(rethrow_chain(depth, label))
        assert structured_is_too_deep(inst) == (2 * depth > _compile.MAX_INDENT)
        with pytest.raises(interp.WasmException) as info:
            inst.invoke("f", 0)
        assert info.value.values == (depth - 1 - label,), label


# -- rules the suite checks lightly --------------------------------------------------

MIXED = """
(module
  (tag $e (param i32))
  (func $thrower (param i32) (local.get 0) (throw $e))
  ;; a delegate to a try_table's label: thrown inside the try_table, whose
  ;; catch takes it; the legacy handler in between is skipped
  (func (export "to-try-table") (param i32) (result i32)
    (block $h (result i32)
      (try_table (result i32) (catch $e $h)
        (try (result i32)
          (do (try (result i32) (do (local.get 0) (call $thrower) (i32.const 0)) (delegate 1)))
          (catch $e (drop) (i32.const -1))))))
  ;; a delegate to a try that is in one of its handlers: that try's handlers are
  ;; no longer active, the one outside takes it (the one in between is skipped)
  (func (export "to-handler") (param i32) (result i32)
    (try (result i32)
      (do (try (result i32)
            (do (local.get 0) (call $thrower) (i32.const 0))
            (catch_all
              (try (result i32)
                (do (try (result i32) (do (local.get 0) (call $thrower) (i32.const 0))
                      (delegate 1)))
                (catch_all (i32.const -1))))))
      (catch $e)))
  ;; a delegate to a try-delegate: on to that one's target (past two handlers)
  (func (export "to-delegate") (param i32) (result i32)
    (try (result i32)
      (do (try (result i32)
            (do (try (result i32)
                  (do (try (result i32)
                        (do (try (result i32) (do (local.get 0) (call $thrower) (i32.const 0))
                              (delegate 1)))
                        (catch_all (i32.const -3))))
                  (delegate 1)))
            (catch_all (i32.const -1))))
      (catch_all (i32.const 1))))
  ;; a try_table inside a handler: the handler's exception is rethrown from it
  (func (export "try-table-in-handler") (param i32) (result i32)
    (try (result i32)
      (do (local.get 0) (call $thrower) (i32.const 0))
      (catch $e
        (drop)
        (block $h (result i32)
          (try_table (result i32) (catch $e $h) (rethrow 2))))))
  ;; to the caller past a handler; the caller's own handler takes it
  (func $escape (param i32) (result i32)
    (try (result i32)
      (do (try (result i32) (do (local.get 0) (call $thrower) (i32.const 0)) (delegate 1)))
      (catch_all (i32.const -1))))
  (func (export "escape") (param i32) (result i32) (call $escape (local.get 0)))
  (func (export "caller-catches") (param i32) (result i32)
    (try (result i32)
      (do (call $escape (local.get 0)))
      (catch $e (i32.const 1000) (i32.add))))
  ;; a handler that branches to its try's label, in a loop: ten exceptions
  (func (export "loop-sum") (result i32) (local $i i32) (local $sum i32)
    (loop $l
      (local.set $sum (i32.add (local.get $sum)
        (try $t (result i32)
          (do (local.get $i) (call $thrower) (i32.const -1))
          (catch $e (br $t)))))
      (br_if $l (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (i32.const 10))))
    (local.get $sum))
  ;; a try with parameters: a handler starts without them, with the tag's values
  (tag $pair (param i32 i64))
  (type $t (func (param i32 i32) (result i32 i32)))
  (func (export "params") (param i32) (result i32 i32)
    (i32.const 100) (local.get 0) (i32.const 2)
    (try (type $t)
      (do (i32.add) (i64.const 9) (throw $pair))
      (catch $pair (i32.wrap_i64) (i32.add) (i32.const 5)))
    (i32.add))
  ;; no handler matches: on to the next try out; a catch_all under a catch
  (tag $other)
  (func (export "no-match") (param i32) (result i32)
    (try (result i32)
      (do (try (result i32)
            (do (local.get 0) (call $thrower) (i32.const 0))
            (catch $other (i32.const -1))))
      (catch $other (i32.const -2))
      (catch_all (i32.const 3))))
)
"""


def test_mixed_with_try_table_and_calls(mode: str) -> None:
    inst = load(MIXED)
    assert inst.invoke("to-try-table", 42) == [42]
    assert inst.invoke("try-table-in-handler", 9) == [9]
    assert inst.invoke("to-handler", 8) == [8]
    assert inst.invoke("to-delegate", 8) == [1]
    with pytest.raises(interp.WasmException) as info:
        inst.invoke("escape", 5)  # the host sees the exception itself
    assert info.value.values == (5,) and type(info.value) is interp.WasmException
    assert inst.invoke("caller-catches", 5) == [1005]
    assert inst.invoke("loop-sum") == [45]
    assert inst.invoke("no-match", 1) == [3]
    assert inst.invoke("params", 3) == [100, 19]


HOST = """
(module
  (import "host" "tag" (tag $e (param i32)))
  (import "host" "call" (func $call (param i32)))
  (func (export "catch") (param i32) (result i32)
    (try (result i32)
      (do (call $call (local.get 0)) (i32.const -1))
      (catch $e)
      (catch_all (i32.const -2))))
  (func (export "throw") (param i32)
    (try (do (local.get 0) (throw $e)) (delegate 0)))
)
"""


def test_host_frames(mode: str) -> None:
    """Exceptions cross host frames both ways; a host's Python error is no
    wasm exception: catch_all lets it pass, as it lets traps pass."""
    tag = interp.TagInst(interp.FuncType(("i32",), ()))
    other = interp.TagInst(interp.FuncType((), ()))
    inner: list[interp.Instance] = []

    @func("i32")
    def call(x: int) -> None:
        if x == 1:
            raise interp.WasmException.from_api(tag, 11)
        if x == 2:
            raise interp.WasmException.from_api(other)
        if x == 3:
            raise ValueError("host error")
        inner[0].invoke("throw", x)  # wasm -> host -> wasm, which throws

    inst = load(HOST, {"host": {"tag": tag, "call": call}})
    inner.append(inst)
    assert inst.invoke("catch", 1) == [11]
    assert inst.invoke("catch", 2) == [-2]
    assert inst.invoke("catch", 40) == [40]
    with pytest.raises(ValueError, match="host error"):
        inst.invoke("catch", 3)


def test_fuel_is_the_same_in_both_modes(request: pytest.FixtureRequest) -> None:
    """Markers (catch, catch_all, delegate) are free, as ``else`` and ``end``."""
    used = []
    for flat in (False, True):
        if flat:
            request.getfixturevalue("flat_only")
        st = store(fuel=10_000)
        inst = load(MIXED, st=st)
        for name, args in [("to-try-table", (1,)), ("loop-sum", ()), ("no-match", (1,))]:
            inst.invoke(name, *args)
        assert st.fuel is not None
        used.append(10_000 - st.fuel)
    assert used[0] == used[1] > 0


# -- validation ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("(func (rethrow 0))", "invalid rethrow label"),
        ("(func (try (do (rethrow 0)) (catch_all)))", "invalid rethrow label"),
        ("(func (try (do) (catch_all (block (rethrow 0)))))", "invalid rethrow label"),
        ("(func (try (do) (delegate 1)))", "unknown label"),
        ("(func (try (do) (catch_all (rethrow 2))))", "unknown label"),
        ("(func (try (do) (catch 1)))", "unknown tag 1"),
        ("(func (try (do) (catch 0 (drop) (drop))))", "type mismatch"),
        ("(func (result i32) (try (result i32) (do (i32.const 1)) (catch_all)))", "type mismatch"),
    ],
)
def test_invalid(text: str, message: str) -> None:
    wasm = module_from_source(f"(module (tag (param i32)) {text})".encode())
    module = interp.decode_module(wasm, LEGACY)
    with pytest.raises(interp.InvalidError, match=message):
        interp.validate_module(module, LEGACY)


def test_valid_rethrow_labels() -> None:
    """rethrow may name any enclosing handler's try, through blocks."""
    wasm = module_from_source(
        b"(module (tag) (func (try (do) (catch 0 (block (try (do) (catch_all"
        b" (rethrow 0) (rethrow 2))))))))"
    )
    interp.validate_module(interp.decode_module(wasm, LEGACY), LEGACY)


def test_off_by_default() -> None:
    wasm = module_from_source(b"(module (func (try (do) (catch_all))))")
    with pytest.raises(interp.FeatureDisabled) as info:
        interp.decode_module(wasm, interp.Features())
    assert info.value.feature == "legacy_exceptions"
    assert "instruction try" in info.value.message
    module = interp.decode_module(wasm)  # no features given: no check
    with pytest.raises(interp.FeatureDisabled, match="legacy_exceptions"):
        interp.instantiate(interp.Store(), module, {})
    assert "legacy_exceptions" not in interp.Features().enable("legacy_exceptions").disable(
        "exceptions"
    )
    interp.instantiate(store(), module, {})


def test_uses_of_a_typed_try() -> None:
    """A try's block type counts as multi-value, as a block's (interp.uses)."""
    from interp.uses import first_uses

    wasm = module_from_source(
        b"(module (type (func (param i32))) (func (i32.const 1) (try (type 0) (do (drop))"
        b" (catch_all))))"
    )
    uses = first_uses(interp.decode_module(wasm))
    assert uses["legacy_exceptions"] == "instruction try (function 0)"
    assert uses["multi_value"] == "a block with a type index (function 0)"


# -- random programs: both compile modes agree with a reference -------------------------
#
# Programs are trees of void instructions over two tags ($e0, $e1 (param i32)),
# ``mark k`` recording the path in global $g.  The oracle below runs the tree
# by the overview's rules read dynamically -- a branch or a delegate counts
# labels as it leaves constructs, a delegate's exception is thrown anew where
# its count ends -- an independent formulation of what the compiler resolves
# statically.

Node = tuple[Any, ...]
M32 = 0xFFFFFFFF


class _Gen:
    """A random valid function body as a tree (``text`` prints it)."""

    def __init__(self, seed: int) -> None:
        import random

        self.rng = random.Random(seed)
        self.marks = 0

    def seq(self, labels: list[str], depth: int) -> list[Node]:
        return [self.instr(labels, depth) for _ in range(self.rng.randint(0, 4))]

    def instr(self, labels: list[str], depth: int) -> Node:
        r = self.rng
        choices = ["mark", "mark", "throw0", "throw1", "call"]
        if labels:
            choices += ["br", "br_if"]
        if "catch" in labels:
            choices.append("rethrow")
        if depth < 5:
            choices += ["block", "try", "try", "delegate", "try_table"]
        kind = r.choice(choices)
        if kind == "mark":
            self.marks += 1
            return ("mark", self.marks)
        if kind in ("throw0", "rethrow", "br", "br_if"):
            if kind == "throw0":
                return ("throw0",)
            if kind == "rethrow":
                depths = [k for k, lab in enumerate(reversed(labels)) if lab == "catch"]
                return ("rethrow", r.choice(depths))
            lab = r.randrange(len(labels))
            return ("br", lab) if kind == "br" else ("br_if", lab, r.randint(0, 1))
        if kind == "throw1":
            return ("throw1", r.randint(0, 99))
        if kind == "call":
            return ("call", r.randint(0, 2))
        if kind == "block":
            return ("block", self.seq([*labels, "block"], depth + 1))
        if kind == "delegate":
            body = self.seq([*labels, "try"], depth + 1)
            if r.random() < 0.6:  # mostly something to delegate
                body.append(r.choice([("throw0",), ("throw1", r.randint(0, 99))]))
            # to any label, or (half the time) to a try's: in its body or handler
            tries = [k for k, lab in enumerate(reversed(labels)) if lab in ("try", "catch")]
            if tries and r.random() < 0.5:
                return ("delegate", body, r.choice(tries))
            return ("delegate", body, r.randint(0, len(labels)))
        if kind == "try_table":
            clauses = [
                (r.choice(["e0", "all"]), r.randrange(len(labels)))
                for _ in (range(r.randint(0, 2)) if labels else ())
            ]
            return ("try_table", clauses, self.seq([*labels, "block"], depth + 1))
        body = self.seq([*labels, "try"], depth + 1)
        handlers: list[tuple[str | None, list[Node]]] = [
            (r.choice(["e0", "e1"]), self.seq([*labels, "catch"], depth + 1))
            for _ in range(r.randint(0, 2))
        ]
        if r.random() < 0.5:
            handlers.append((None, self.seq([*labels, "catch"], depth + 1)))
        return ("try", body, handlers)


def text(seq: list[Node]) -> str:
    return " ".join(_text(n) for n in seq)


def _text(n: Node) -> str:
    op = n[0]
    if op == "mark":
        return f"global.get $g i32.const 31 i32.mul i32.const {n[1]} i32.add global.set $g"
    if op == "throw0":
        return "throw $e0"
    if op == "throw1":
        return f"i32.const {n[1]} throw $e1"
    if op == "call":
        return f"i32.const {n[1]} call $maybe"
    if op == "br":
        return f"br {n[1]}"
    if op == "br_if":
        return f"i32.const {n[2]} br_if {n[1]}"
    if op == "rethrow":
        return f"rethrow {n[1]}"
    if op == "block":
        return f"block {text(n[1])} end"
    if op == "delegate":
        return f"try {text(n[1])} delegate {n[2]}"
    if op == "try_table":
        clauses = " ".join(
            f"(catch $e0 {lab})" if kind == "e0" else f"(catch_all {lab})" for kind, lab in n[1]
        )
        return f"try_table {clauses} {text(n[2])} end"
    out = f"try {text(n[1])}"
    for tag, body in n[2]:
        if tag is None:
            out += f" catch_all {text(body)}"
        elif tag == "e0":
            out += f" catch $e0 {text(body)}"
        else:  # the value joins the path
            out += f" catch $e1 global.get $g i32.add global.set $g {text(body)}"
    return out + " end"


class _Br(Exception):
    def __init__(self, depth: int) -> None:
        self.depth = depth


class _Thrown(Exception):
    def __init__(self, tag: int, values: tuple[int, ...]) -> None:
        self.tag, self.values = tag, values


class _Deleg(Exception):
    def __init__(self, exn: _Thrown, depth: int) -> None:
        self.exn, self.depth = exn, depth


class _Oracle:
    def __init__(self) -> None:
        self.g = 0
        self.caught: list[_Thrown | None] = []  # per label: the exception of a handler

    def labelled(self, seq: list[Node], caught: _Thrown | None = None) -> None:
        """Run ``seq`` under one more label: a branch or delegate that counts
        down to it ends here (a delegate's exception is thrown anew here)."""
        self.caught.append(caught)
        try:
            for n in seq:
                self.run(n)
        except _Br as b:
            if b.depth:
                raise _Br(b.depth - 1) from None
        except _Deleg as d:
            if d.depth:
                raise _Deleg(d.exn, d.depth - 1) from None
            raise d.exn from None
        finally:
            self.caught.pop()

    def run(self, n: Node) -> None:
        op = n[0]
        if op == "mark":
            self.g = (self.g * 31 + n[1]) & M32
        elif op == "throw0":
            raise _Thrown(0, ())
        elif op == "throw1":
            raise _Thrown(1, (n[1],))
        elif op == "call":
            if n[1] == 1:
                raise _Thrown(0, ())
            if n[1] == 2:
                raise _Thrown(1, (7,))
        elif op in ("br", "br_if"):
            if op == "br" or n[2]:
                raise _Br(n[1])
        elif op == "rethrow":
            exn = self.caught[-1 - n[1]]
            assert exn is not None
            raise exn
        elif op == "block":
            self.labelled(n[1])
        elif op == "delegate":
            try:
                self.labelled(n[1])
            except _Thrown as t:
                raise _Deleg(t, n[2]) from None
        elif op == "try_table":
            try:
                self.labelled(n[2])
            except _Thrown as t:
                for kind, lab in n[1]:
                    if kind == "all" or t.tag == 0:
                        raise _Br(lab) from None
                raise
        else:
            try:
                self.labelled(n[1])
            except _Thrown as t:
                match = [(tag, body) for tag, body in n[2] if tag in (None, f"e{t.tag}")]
                if not match:
                    raise
                tag, body = match[0]  # the first that matches
                if tag == "e1":
                    self.g = (self.g + t.values[0]) & M32
                self.labelled(body, t)

    def outcome(self, seq: list[Node]) -> tuple[object, ...]:
        try:
            self.labelled(seq)  # the function's label
            return ("ok", self.g)
        except _Thrown as t:
            return ("exception", t.tag, t.values, self.g)


def _outcome(wasm: bytes) -> tuple[object, ...]:
    inst = load_bytes(wasm)
    g = inst.exports["g"]
    assert isinstance(g, interp.GlobalInst)
    try:
        inst.invoke("f")
    except interp.WasmException as e:
        return ("exception", inst.tags.index(e.tag), e.values, g.value)
    return ("ok", g.value)


SEEDS = 300


def _flat_init(self: Any, *args: Any, **kwargs: Any) -> None:
    kwargs["flat"] = True
    _INIT(self, *args[:5], **kwargs)


def test_random_programs_agree_with_the_reference(monkeypatch: pytest.MonkeyPatch) -> None:
    kinds = set()
    for seed in range(SEEDS):
        tree = _Gen(seed).seq([], 0)
        want = _Oracle().outcome(tree)
        wasm = module_from_source(
            (
                '(module (tag $e0) (tag $e1 (param i32)) (global $g (export "g") (mut i32)'
                " (i32.const 0)) (func $maybe (param i32) (local.get 0) (if (then (local.get 0)"
                " (i32.const 1) (i32.eq) (if (then (throw $e0)) (else (i32.const 7) (throw $e1))))))"
                f' (func (export "f") {text(tree)}))'
            ).encode()
        )
        assert _outcome(wasm) == want, (seed, text(tree))
        with monkeypatch.context() as m:
            m.setattr(_compile.FunctionCompiler, "__init__", _flat_init)
            assert _outcome(wasm) == want, ("flat", seed, text(tree))
        kinds.add(want[0])
    assert kinds == {"ok", "exception"}  # both outcomes occur


@pytest.mark.parametrize(
    "text",
    [
        "(func (try (do) (catch_all) (catch_all)))",
        "(func (try (do) (catch_all) (catch 0)))",
        "(func (try (do) (catch 0) (delegate 0)))",
        "(func try catch_all catch_all end)",
        "(func try catch 0 delegate 0)",
        "(func (catch_all))",
        "(func delegate 0)",
    ],
)
def test_text_front_end_refuses_misplaced_handlers(text: str) -> None:
    """As the reference parser: at most one catch_all, the last; no delegate
    after handlers (legacy/try_catch.wast, try_delegate.wast)."""
    from interp.text import parse_module

    with pytest.raises(interp.WasmError, match="unexpected token"):
        parse_module(f"(module (tag) {text})".encode())
