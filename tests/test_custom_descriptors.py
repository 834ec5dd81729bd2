"""Custom descriptors (proposal overview in ``shared/wasm-proposals/custom-descriptors.md``):
exact reference types, ``describes``/``descriptor`` clauses, exact function
imports, and the relaxed typing of ``br_on_cast``.

The suite's ``proposals/custom-descriptors`` scripts are the conformance
tests; these pin down the engine's own pieces (the matcher, the decoder's
encodings, the switch) directly.
"""

from __future__ import annotations

import pytest

import interp
from interp import compile as _compile
from interp.deftypes import canonicalize
from interp.match import match_heaptype, match_reftype
from interp.text import parse_module
from interp.types import FUNC, NOFUNC, NONE, STRUCT, Exact, RefType

ALL = interp.Features.all()
WITHOUT = ALL.disable("custom_descriptors")


def module(text: str, features: interp.Features = ALL) -> interp.Module:
    m = interp.decode_module(parse_module(text.encode()), features)
    interp.validate_module(m, features)
    return m


def invalid(text: str, features: interp.Features = ALL) -> str:
    with pytest.raises(interp.InvalidError) as e:
        module(text, features)
    return str(e.value)


SUPER_SUB = """(module
  (type $super (sub (struct)))
  (type $sub (sub $super (struct)))
  (type $f (func)))"""


def test_exact_types_match_only_themselves_and_the_bottom() -> None:
    sup, sub, f = canonicalize(module(SUPER_SUB).rec_groups())
    assert Exact(sub) is Exact(sub)  # interned, like every heap type
    assert match_heaptype(Exact(sub), sub)
    assert match_heaptype(Exact(sub), sup)  # (exact $sub) <: $sub <: $super
    assert match_heaptype(Exact(sub), STRUCT)
    assert not match_heaptype(sub, Exact(sub))
    assert not match_heaptype(Exact(sub), Exact(sup))
    assert not match_heaptype(sup, Exact(sup))
    assert match_heaptype(NONE, Exact(sup))
    assert not match_heaptype(NOFUNC, Exact(sup))
    assert match_heaptype(NOFUNC, Exact(f))
    assert not match_heaptype(FUNC, Exact(f))
    assert match_reftype(RefType(False, Exact(f)), RefType(True, f))
    assert not match_reftype(RefType(True, Exact(f)), RefType(False, Exact(f)))


def test_exact_heap_type_and_clauses_decode() -> None:
    m = module("""(module
      (rec
        (type $a (descriptor $b) (struct (field i32)))
        (type $b (describes $a) (struct)))
      (global (ref null (exact $a)) (ref.null (exact $a))))""")
    a, b = m.rec_groups()[0].subs
    assert (a.describes, a.descriptor, b.describes, b.descriptor) == (None, 1, 0, None)
    assert m.globals[0].type.valtype is RefType(True, Exact(0))
    da, db = canonicalize(m.rec_groups())
    assert da.descriptor is db and db.describes is da


def test_clauses_are_part_of_type_identity() -> None:
    m = module("""(module
      (rec (type $a (descriptor $a.d) (struct (field i32))) (type $a.d (describes $a) (struct)))
      (rec (type $b (descriptor $b.d) (struct (field i32))) (type $b.d (describes $b) (struct)))
      (rec (type $c (struct (field i32))) (type $c.d (struct))))""")
    a, _, b, _, c, _ = canonicalize(m.rec_groups())
    assert a is b
    assert a is not c


@pytest.mark.parametrize(
    ("types", "message"),
    [
        ("(rec (type (descriptor 1) (array i8)) (type (describes 0) (struct)))",
         "descriptor type must be a struct"),
        ("(rec (type (descriptor 1) (struct)) (type (describes 0) (func)))",
         "described type must be a struct"),
        ("(rec (type $d (describes $t) (struct)) (type $t (descriptor $d) (struct)))",
         "forward use of described type"),
        ("(rec (type (struct)) (type (descriptor 2) (struct)) (type (describes 0) (struct)))",
         "type is not described by its descriptor"),
        ("(type (struct)) (type (describes 0) (struct))", "described type is outside rec group"),
        ("(rec (type $super (sub (descriptor $sd) (struct))) (type $sd (sub (describes $super) (struct)))"
         " (type $sub (sub $super (struct))))", "sub type 2 does not match super type 0"),
    ],
)  # fmt: skip
def test_clause_validation_uses_the_reference_wording(types: str, message: str) -> None:
    assert invalid(f"(module {types})").startswith(message)


def test_defined_functions_and_exact_imports_are_referenced_exactly() -> None:
    exact_global = "(global (ref (exact $f)) (ref.func $g))"
    module(f"(module (type $f (func)) (func $g (type $f)) {exact_global})")
    module(f'(module (type $f (func)) (import "m" "g" (func $g (exact (type $f)))) {exact_global})')
    msg = invalid(f'(module (type $f (func)) (import "m" "g" (func $g (type $f))) {exact_global})')
    assert msg.startswith("type mismatch")


def test_exact_function_import_links_only_the_very_type() -> None:
    store = interp.Store(features=ALL)
    provider = interp.instantiate(
        store,
        module('(module (type $super (sub (func))) (type $sub (sub $super (func)))'
               ' (func (export "f") (type $sub)))'),
    )  # fmt: skip
    imports = {"m": {"f": provider.exports["f"]}}
    head = "(module (type $super (sub (func))) (type $sub (sub $super (func)))"
    interp.instantiate(store, module(f'{head} (import "m" "f" (func (type $super))))'), imports)
    interp.instantiate(
        store, module(f'{head} (import "m" "f" (func (exact (type $sub)))))'), imports
    )
    with pytest.raises(interp.LinkError, match="incompatible import type"):
        interp.instantiate(
            store, module(f'{head} (import "m" "f" (func (exact (type $super)))))'), imports
        )


def test_exact_import_kind_is_not_an_export_kind() -> None:
    # export section: one export "f" of kind 0x20
    wasm = b"\x00asm\x01\x00\x00\x00" + b"\x07\x05\x01\x01f\x20\x00"
    with pytest.raises(interp.MalformedError, match="malformed export kind"):
        interp.decode_module(wasm, ALL)


BR_ON_CAST_ACROSS = """(module
  (func (result anyref) (br_on_cast 0 eqref anyref (unreachable))))"""


def test_br_on_cast_typing_is_relaxed_only_with_the_switch() -> None:
    module(BR_ON_CAST_ACROSS)  # custom descriptors: one hierarchy suffices
    assert invalid(BR_ON_CAST_ACROSS, WITHOUT).startswith("type mismatch")  # 3.0: target <: source
    msg = invalid(
        "(module (func (param funcref) (br_on_cast 0 funcref anyref (local.get 0)) drop))"
    )
    assert msg.startswith("type mismatch on cast")


# -- the instructions, in both compile modes ---------------------------------------------

DESCRIBED = """(module
  (rec
    (type $s (sub (descriptor $d) (struct (field i32))))
    (type $d (sub (describes $s) (struct (field i32)))))
  (global $d0 (ref (exact $d)) (struct.new $d (i32.const 7)))
  (global $s0 (ref (exact $s)) (struct.new_desc $s (i32.const 1) (global.get $d0)))
  (func $desc (param i32) (result (ref null (exact $d)))
    ;; 0: the descriptor of $s0, 1: another one, 2: null
    (if (result (ref null (exact $d))) (i32.eqz (local.get 0))
      (then (global.get $d0))
      (else (if (result (ref null (exact $d))) (i32.eq (local.get 0) (i32.const 1))
        (then (struct.new $d (i32.const 7)))
        (else (ref.null none))))))
  (func (export "new") (param i32) (result i32)
    (struct.get $s 0 (struct.new_desc $s (i32.const 5) (call $desc (local.get 0)))))
  (func (export "new-default") (param i32) (result i32)
    (struct.get $s 0 (struct.new_default_desc $s (call $desc (local.get 0)))))
  (func (export "get-desc") (result i32)
    (struct.get $d 0 (ref.get_desc $s (global.get $s0))))
  (func (export "same-desc") (result i32)
    (ref.eq (ref.get_desc $s (global.get $s0)) (global.get $d0)))
  (func (export "get-desc-null") (result i32)
    (drop (ref.get_desc $s (ref.null none))) (i32.const 0))
  (func (export "cast") (param i32) (result i32)
    (struct.get $s 0 (ref.cast_desc_eq (ref $s) (global.get $s0) (call $desc (local.get 0)))))
  (func (export "cast-null") (result i32)
    (ref.is_null (ref.cast_desc_eq (ref null $s) (ref.null none) (global.get $d0))))
  (func (export "cast-null-strict") (result i32)
    (drop (ref.cast_desc_eq (ref $s) (ref.null none) (global.get $d0))) (i32.const 0))
  (func (export "br") (param i32) (result i32)
    (drop (block (result (ref null $s))
      (drop (br_on_cast_desc_eq 0 anyref (ref null $s) (global.get $s0) (call $desc (local.get 0))))
      (return (i32.const 0))))
    (i32.const 1))
  (func (export "br-fail") (param i32) (result i32)
    (drop (block (result anyref)
      (drop (br_on_cast_desc_eq_fail 0 anyref (ref null $s) (global.get $s0)
        (call $desc (local.get 0))))
      (return (i32.const 0))))
    (i32.const 1))
)"""


@pytest.fixture(params=["structured", "flat"])
def described(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> interp.Instance:
    if request.param == "flat":  # every function compiled in flat mode

        class Flat(_compile.FunctionCompiler):
            def __init__(self, *args: object, flat: bool, **kwargs: object) -> None:
                super().__init__(*args, flat=True, **kwargs)  # type: ignore[arg-type, misc]

        monkeypatch.setattr(_compile, "FunctionCompiler", Flat)
    return interp.instantiate(interp.Store(features=ALL), module(DESCRIBED))


def trap(inst: interp.Instance, name: str, *args: int) -> str:
    with pytest.raises(interp.Trap) as e:
        inst.invoke(name, *args)
    return str(e.value)


def test_allocation_with_a_descriptor(described: interp.Instance) -> None:
    assert described.invoke("new", 0) == [5]
    assert described.invoke("new", 1) == [5]  # any descriptor of the exact type will do
    assert trap(described, "new", 2).startswith("null descriptor reference")
    assert described.invoke("new-default", 0) == [0]
    assert trap(described, "new-default", 2).startswith("null descriptor reference")


def test_ref_get_desc(described: interp.Instance) -> None:
    assert described.invoke("get-desc") == [7]
    assert described.invoke("same-desc") == [1]
    assert trap(described, "get-desc-null").startswith("null reference")


def test_descriptor_casts(described: interp.Instance) -> None:
    assert described.invoke("cast", 0) == [1]
    assert trap(described, "cast", 1).startswith("descriptor cast failure")
    assert trap(described, "cast", 2).startswith("null descriptor reference")
    assert described.invoke("cast-null") == [1]
    assert trap(described, "cast-null-strict").startswith("descriptor cast failure")
    assert [described.invoke("br", i)[0] for i in (0, 1)] == [1, 0]
    assert [described.invoke("br-fail", i)[0] for i in (0, 1)] == [0, 1]
    assert trap(described, "br", 2).startswith("null descriptor reference")
    assert trap(described, "br-fail", 2).startswith("null descriptor reference")


def test_allocation_without_the_descriptor_form_is_invalid() -> None:
    types = "(rec (type $s (descriptor $d) (struct)) (type $d (describes $s) (struct)))"
    msg = invalid(f"(module {types} (func (drop (struct.new $s))))")
    assert msg.startswith("type with descriptor requires descriptor allocation")
    msg = invalid(
        "(module (type $t (struct)) (func (drop (struct.new_default_desc $t (unreachable)))))"
    )
    assert msg.startswith("type without descriptor requires non-descriptor allocation")
    # the descriptor operand must be exact: a subtype's descriptor could describe another type
    msg = invalid(
        f"(module {types} (func (param (ref $d)) (drop (struct.new_desc $s (local.get 0)))))"
    )
    assert msg.startswith("type mismatch")


@pytest.mark.parametrize(
    "text",
    [
        '(module (type $f (func)) (import "m" "f" (func (exact (type $f)))))',
        "(module (type $f (func)) (func (param (ref null (exact $f)))))",
        "(module (type $f (func)) (func (drop (ref.null (exact $f)))))",
        "(module (type $t (struct)) (func (drop (ref.test (ref (exact $t)) (ref.null none)))))",
        "(module (rec (type $s (descriptor $d) (struct)) (type $d (describes $s) (struct))))",
        "(module (type $t (struct)) (func (drop (ref.get_desc $t (unreachable)))))",
    ],
)
def test_off_by_default_and_refused_naming_the_switch(text: str) -> None:
    wasm = parse_module(text.encode())
    with pytest.raises(interp.FeatureDisabled) as e:
        interp.decode_module(wasm, interp.Features())  # the default: 3.0
    assert e.value.feature == "custom_descriptors"
    assert "requires the custom_descriptors feature, which is disabled" in str(e.value)
    assert "custom_descriptors" not in interp.Features()


def test_harness_enables_the_switch_for_the_proposals_scripts_only() -> None:
    from harness.engines.base import EngineError
    from harness.engines.nanowasm_engine import NanowasmEngine
    from harness.features import engine_disabled
    from harness.runner import ScriptRunner

    engine = NanowasmEngine()
    wasm = parse_module(BR_ON_CAST_ACROSS.encode())
    engine.use_features(engine_disabled("br_on_cast.wast"))  # a 3.0 script: the 3.0 rule
    assert "custom_descriptors" not in engine.features and "threads" in engine.features
    with pytest.raises(EngineError) as e:
        engine.compile(wasm)
    assert e.value.category == "invalid"
    engine.use_features(engine_disabled("proposals/custom-descriptors/br_on_cast.wast"))
    assert "custom_descriptors" in engine.features
    engine.compile(wasm)
    # the runner picks the features each time it (re)starts a script
    runner = ScriptRunner(None, engine, "spec/br_on_cast.wast")  # type: ignore[arg-type]
    runner.reset()
    assert "custom_descriptors" not in engine.features
