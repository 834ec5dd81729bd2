"""Large functions in pieces (interp.pieces) and br_table switches (interp.switches).

Each case compares the piecewise or switch form with the whole function /
the flat form on the same inputs: results, fuel, traps and backtraces must
not depend on how a function was cut.
"""

from __future__ import annotations

from typing import Any

import pytest

import interp
from interp import compile as C
from interp import pieces
from interp.compile import FunctionCompiler, wasm_backtrace
from interp.text import parse_module


def instance(text: str, **store: Any) -> Any:
    m = interp.decode_module(parse_module(text))
    interp.validate_module(m)
    return interp.instantiate(interp.Store(**store), m, {})


# a loop with locals, a memory, a trap and a return in the middle: every way out of a piece
LOOP = """(module (memory 1)
  (func (export "f") (param i32) (result i32) (local i32 i32)
    (local.set 2 (i32.const 7))
    (block $out
      (loop $top
        (br_if $out (i32.eqz (local.get 0)))
        (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 0) (local.get 2))))
        (i32.store (i32.const 8) (local.get 1))
        (local.set 0 (i32.sub (local.get 0) (i32.const 1)))
        (br $top)))
    (if (i32.eq (local.get 1) (i32.const 70)) (then (return (i32.const -1))))
    (drop (i32.load (i32.mul (local.get 1) (i32.const 1000))))
    (i32.add (local.get 1) (i32.load (i32.const 8)))))"""


@pytest.fixture
def small_pieces(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every function in pieces, every flat block cut after each instruction."""
    monkeypatch.setattr(pieces, "SPLIT_CHARS", 0)
    monkeypatch.setattr(pieces, "PIECE_CHARS", 1)
    monkeypatch.setattr(C, "BLOCK_CHARS", 1)
    monkeypatch.setattr(C, "CUT_CHECK_LINES", 1)


def outcomes(inst: Any) -> list[Any]:
    out: list[Any] = []
    for n in (0, 1, 3, 4, 10):
        try:
            out.append(inst.invoke("f", n))
        except interp.Trap as e:
            out.append((str(e), wasm_backtrace(e)))
    return out


@pytest.mark.parametrize("flat", [False, True], ids=["structured", "flat"])
def test_pieces_compute_what_the_whole_function_does(
    monkeypatch: pytest.MonkeyPatch, flat: bool
) -> None:
    if flat:
        monkeypatch.setattr(C, "MAX_PY_LOOPS", -1)
    whole = instance(LOOP, fuel=10**6)
    expected = outcomes(whole)
    # l1 = 7 n (n + 1) / 2; 70 returns early; a load at 1000 l1 > 64 KiB traps
    assert expected[:4] == [[0], [14], [84], [-1]]
    assert expected[4] == ("out of bounds memory access", [("f", expected[4][1][0][1])])
    monkeypatch.setattr(pieces, "SPLIT_CHARS", 0)
    monkeypatch.setattr(pieces, "PIECE_CHARS", 1)
    monkeypatch.setattr(C, "BLOCK_CHARS", 1)
    monkeypatch.setattr(C, "CUT_CHECK_LINES", 1)
    cut = instance(LOOP, fuel=10**6)
    assert outcomes(cut) == expected
    assert cut.store.fuel == whole.store.fuel  # the same instructions were charged
    fn = cut.funcs[0].compiled()
    names = [n for n in cut.namespace if n.startswith("w0_")]
    assert names, "the function was not cut"
    assert fn.__code__.co_name == "w0"


UNREACHABLE = """(module (func (export "f") (param i32) (result i32)
  (local.set 0 (i32.add (local.get 0) (i32.const 1)))
  (if (local.get 0) (then (unreachable)))
  (local.get 0)))"""


def test_a_trap_in_a_piece_has_the_wasm_offset(monkeypatch: pytest.MonkeyPatch) -> None:
    def frames() -> list[tuple[str, int]]:
        with pytest.raises(interp.Trap) as info:
            instance(UNREACHABLE).invoke("f", 3)
        return wasm_backtrace(info.value)

    whole = frames()
    assert len(whole) == 1 and whole[0][0] == "f" and whole[0][1] > 0
    monkeypatch.setattr(pieces, "SPLIT_CHARS", 0)
    monkeypatch.setattr(pieces, "PIECE_CHARS", 1)
    assert frames() == whole  # one frame: the piece's, with the offset of ``unreachable``


def test_pieces_are_compiled_lazily(small_pieces: None) -> None:
    inst = instance(LOOP)
    assert inst.invoke("f", 4) == [-1]  # returns before the last pieces
    ns = inst.namespace
    stubs = [n for n in ns if n.startswith("w0_p") and ns[n].__name__ == "stub"]
    assert stubs, "the pieces after the early return should not be compiled yet"


def test_the_default_threshold_keeps_ordinary_functions_whole() -> None:
    inst = instance(LOOP)
    inst.invoke("f", 3)
    assert not [n for n in inst.namespace if n.startswith("w0_")]


def switch_module(cases: int, fallthrough: bool = False, shared: bool = False) -> str:
    """A C-style switch: ``cases`` nested blocks, case p adds p*3+1 to local 1 and breaks."""
    labels = [f"$c{p}" for p in range(cases)]
    if shared:  # case 0 also named by the last index: one case, two ranges
        labels = [*labels, "$c0"]
    body = "(block $exit " + "".join(f"(block $c{p} " for p in reversed(range(cases)))
    body += f"(br_table {' '.join(labels)} $exit (local.get 0))"
    for p in range(cases):
        body += f") (local.set 1 (i32.add (local.get 1) (i32.const {p * 3 + 1})))"
        if not (fallthrough and p == 2):
            body += " (br $exit)"
    body += ")"
    return (
        '(module (func (export "f") (param i32) (result i32) (local i32) '
        f"(local.set 1 (i32.const 100)) {body} (local.get 1)))"
    )


@pytest.mark.parametrize("shared", [False, True], ids=["distinct", "shared-case"])
def test_switch_nest_is_structured_and_right(shared: bool) -> None:
    text = switch_module(40, shared=shared)
    inst = instance(text)
    fc = FunctionCompiler(
        inst.module, inst.types, 0, inst.module.funcs[0], inst.types[0], flat=False
    )
    source = fc.compile()  # would be _TooDeep with a loop per case
    assert source.count("while True") == 1  # $exit's; none for the 40 cases
    assert ("_i = (" in source) == shared
    got = [inst.invoke("f", n)[0] for n in (0, 1, 17, 39, 40, 41, 1000)]
    last = 101 if shared else 100  # index 40: case 0 when shared, else the default
    assert got == [101, 104, 152, 218, last, 100, 100]


def test_switch_that_falls_through_goes_flat() -> None:
    inst = instance(switch_module(40, fallthrough=True))
    fc = FunctionCompiler(
        inst.module, inst.types, 0, inst.module.funcs[0], inst.types[0], flat=False
    )
    with pytest.raises(C._TooDeep):
        fc.compile()
    # case 2 falls into case 3: 100 + 7 + 10
    assert [inst.invoke("f", n)[0] for n in (2, 3, 4)] == [117, 110, 113]


def test_a_huge_top_level_statement_sends_the_function_flat(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A loop larger than a piece may be has no cut point in structured code:
    the function is compiled flat, in regions, instead."""
    expected = outcomes(instance(LOOP))
    monkeypatch.setattr(pieces, "SPLIT_CHARS", 0)
    monkeypatch.setattr(pieces, "PIECE_CHARS", 1)
    monkeypatch.setattr(pieces, "MAX_PIECE_CHARS", 200)  # the loop's source is longer
    inst = instance(LOOP)
    assert outcomes(inst) == expected
    assert "w0_RG" in inst.namespace and not [n for n in inst.namespace if n.startswith("w0_p")]


def _flat_source(inst: Any) -> str:
    fc = FunctionCompiler(
        inst.module, inst.types, 0, inst.module.funcs[0], inst.types[0], flat=True
    )
    return fc.compile()


def _runs(text: str, inputs: tuple[int, ...]) -> list[Any]:
    """Results and the fuel each call used (the store's count is exact)."""
    inst = instance(text, fuel=10**9)
    out = []
    for n in inputs:
        before = inst.store.fuel
        out.append((inst.invoke("f", n), before - inst.store.fuel))
    return out


SWITCH_INPUTS = (0, 1, 2, 3, 17, 39, 40, 41, 2**31, 2**32 - 1)


@pytest.mark.parametrize("regions", [False, True], ids=["whole", "regions"])
def test_flat_br_table_is_one_jump_table(regions: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    """In flat code a br_table is ``pc = (...)[sel]`` (compile.jump_table), also
    when its targets lie in other regions; results and fuel as the tree's."""
    text = switch_module(40, fallthrough=True)  # not a structured switch: flat
    inst = instance(text)
    assert "pc = (" in _flat_source(inst)
    # case p adds 3p+1; case 2 falls into case 3; the default adds nothing
    want = [100 + 3 * n + 1 + (10 if n == 2 else 0) if n < 40 else 100 for n in SWITCH_INPUTS]
    monkeypatch.setattr(C, "JUMP_TABLE_MIN", 10**9)
    tree = _runs(text, SWITCH_INPUTS)
    assert "pc = (" not in _flat_source(instance(text))
    monkeypatch.undo()
    if regions:
        monkeypatch.setattr(pieces, "SPLIT_CHARS", 0)
        monkeypatch.setattr(pieces, "PIECE_CHARS", 1)
    table = _runs(text, SWITCH_INPUTS)
    assert [r[0][0] for r in table] == want
    assert table == tree


def test_flat_br_table_moving_values_stays_a_tree() -> None:
    """Targets whose values must be moved into their slots keep the decision tree."""
    labels = " ".join(f"$b{p}" for p in range(8))
    body = "".join(f"(block $b{p} (result i32) " for p in range(8))
    # one value more on the stack than the targets take: the 50 moves down a slot
    body += f"(i32.const 1) (br_table {labels} $b0 (i32.const 50) (local.get 0))"
    body += "".join(f") (i32.add (i32.const {p}))" for p in reversed(range(8)))
    text = f'(module (func (export "f") (param i32) (result i32) {body}))'
    inst = instance(text)
    assert "pc = (" not in _flat_source(inst)
    assert [inst.invoke("f", n)[0] for n in (0, 3, 7, 8)] == [50, 56, 78, 50]
