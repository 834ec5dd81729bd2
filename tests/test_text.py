"""The text front end: literals bit for bit, lexical errors, modules to binaries."""

from __future__ import annotations

import contextlib
import struct
from pathlib import Path

import pytest

import interp
from interp.text import TextError, parse_module
from interp.text.lexer import tokenize
from interp.text.script import parse_script
from interp.text.values import OutOfRange, float_bits, int_bits


@pytest.mark.parametrize(
    ("text", "bits"),
    [
        ("0", 0),
        ("-0", 0x80000000),
        ("1", 0x3F800000),
        ("0x1p-149", 1),
        ("0x1p-150", 0),
        ("0x1.8p-149", 2),  # tie rounds to even
        ("0x1.fffffep127", 0x7F7FFFFF),
        ("3.4028235e38", 0x7F7FFFFF),
        ("inf", 0x7F800000),
        ("-inf", 0xFF800000),
        ("nan", 0x7FC00000),
        ("-nan:0x1", 0xFF800001),
        ("nan:0x200000", 0x7FA00000),
        ("1_000.5", 0x447A2000),
        ("0x1.000001p0", 0x3F800000),
        # 1 + 2^-24 + 2^-60: just above the tie, so it rounds up (no double rounding via f64)
        ("0x1.000001000000001p0", 0x3F800001),
        ("1.17549435e-38", 0x00800000),
        ("1e-45", 1),
    ],
)
def test_f32_literals(text: str, bits: int) -> None:
    assert float_bits(text, 32) == bits


@pytest.mark.parametrize("text", ["1e39", "0x1p128", "nan:0x0", "nan:0x800000", "0x1.ffffffp127"])
def test_f32_out_of_range(text: str) -> None:
    with pytest.raises(OutOfRange):
        float_bits(text, 32)


@pytest.mark.parametrize(
    "text",
    [
        "0.1",
        "1e308",
        "2.2250738585072014e-308",
        "5e-324",
        "123456789.123456789e-5",
        "0x1.fffffffffffffp1023",
    ],
)
def test_f64_matches_python(text: str) -> None:
    value = float.fromhex(text) if text.startswith("0x") else float(text)
    assert float_bits(text, 64) == struct.unpack("<Q", struct.pack("<d", value))[0]


def test_ints() -> None:
    assert int_bits("-1", 32) == 0xFFFFFFFF
    assert int_bits("0xffff_ffff", 32) == 0xFFFFFFFF
    assert int_bits("-0x8000_0000", 32) == 0x80000000
    for bad in ("4294967296", "-2147483649"):
        with pytest.raises(OutOfRange):
            int_bits(bad, 32)


@pytest.mark.parametrize(
    ("src", "message"),
    [
        (b"(func (drop (i32.const0)))", "unknown operator"),
        (b"(func br 0drop)", "unknown operator"),
        (b'(data $l"a")', "unknown operator"),
        (b"(; unclosed", "unclosed comment"),
        (b'(data "\\q")', "illegal escape"),
        (b'(data "a', "unclosed string literal"),
        (b"(@ x)", "empty annotation id"),
        (b"(@x (", "unclosed annotation"),
        (b"(func $)", "empty identifier"),
        (b"(global i32 (i32.const 4294967296))", "constant out of range"),
        (b"(func (v128.const i32x4 1 2 3) drop)", "wrong number of lane literals"),
        (b"(func (i8x16.extract_lane_s 256 (local.get 0)))", "i8 constant out of range"),
        (b"(func get_local 0)", "unknown operator get_local"),
        (b"(func (block (type 0) (result i32) (param i32)))", "unexpected token"),
        (b"(func block $a end $b)", "mismatching label"),
        (b'(func) (import "m" "f" (func))', "import after function"),
        (b"(func $f) (func $f)", "duplicate func"),
        (b"(func (local.get $x))", "unknown local"),
        (b"(type $t (func)) (func (type $t) (param i32))", "inline function type"),
        (b"(func (nop) (i32.const 0)) )", "unexpected token"),
    ],
)
def test_malformed(src: bytes, message: str) -> None:
    with pytest.raises(TextError) as e:
        parse_module(src)
    assert e.value.message.startswith(message)
    assert e.value.line >= 1 and e.value.column >= 1
    assert isinstance(e.value, interp.MalformedError)


def test_tokens_carry_offsets() -> None:
    toks = tokenize(b"(module\n  $x)")
    assert [t.kind for t in toks] == ["(", "kw", "id", ")"]
    assert toks[2].pos == 10


def test_module_runs() -> None:
    wasm = parse_module("""
      (module
        (type $bin (func (param i32 i32) (result i32)))
        (memory (export "mem") (data "\\2a\\00"))
        (func $add (export "add") (type $bin) local.get 0 local.get 1 i32.add)
        (func (export "fac") (param $n i64) (result i64)
          (if (result i64) (i64.eqz (local.get $n))
            (then (i64.const 1))
            (else (i64.mul (local.get $n) (call 1 (i64.sub (local.get $n) (i64.const 1)))))))
        (func (export "load") (result i32) (i32.load8_u offset=0 (i32.const 0)))
        (table funcref (elem $add))
        (func (export "indirect") (param i32 i32) (result i32)
          (call_indirect (type $bin) (local.get 0) (local.get 1) (i32.const 0))))
    """)
    module = interp.decode_module(wasm)
    interp.validate_module(module)
    inst = interp.instantiate(interp.Store(), module, {})
    assert inst.invoke("add", 2, 3) == [5]
    assert inst.invoke("fac", 20) == [2432902008176640000]
    assert inst.invoke("load") == [42]
    assert inst.invoke("indirect", 7, 8) == [15]


def test_implicit_types_are_shared_and_appended() -> None:
    wasm = parse_module("(func (param i32)) (type (func)) (func (param i32)) (func)")
    # type section: (func) explicit first, then the one implicit (param i32)
    assert wasm[8 : 8 + 10] == bytes.fromhex("0108 02 6000 00 60017f00".replace(" ", ""))


def test_script_commands() -> None:
    script = parse_script(b"""
      (module $m (func (export "f") (param f32) (result f32) local.get 0))
      (assert_return (invoke $m "f" (f32.const -0x1p-149)) (f32.const nan:canonical))
      (assert_malformed (module quote "(func (i32.const 0x))") "unknown operator")
      (register "m" $m)
    """)
    kinds = [c["type"] for c in script.commands]
    assert kinds == ["module", "assert_return", "assert_malformed", "register"]
    ret = script.commands[1]
    assert ret["action"] == {
        "type": "invoke",
        "module": "m",
        "field": "f",
        "args": [{"type": "f32", "value": str(0x80000001)}],
    }
    assert ret["expected"] == [{"type": "f32", "value": "nan:canonical"}]
    bad = script.commands[2]
    assert bad["module_type"] == "text"
    assert script.files[bad["filename"]].strip() == b"(func (i32.const 0x))"


def test_cli_reads_text(tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    from interp.cli import main

    wat = tmp_path / "add.wat"
    wat.write_text(
        '(module (func (export "add") (param i32 i32) (result i32)'
        " (i32.add (local.get 0) (local.get 1))))"
    )
    assert main(["invoke", str(wat), "add", "2", "-3"]) == 0
    assert capsys.readouterr().out.startswith("i32:-1 (4294967295")
    bad = tmp_path / "bad.wat"
    bad.write_text("(module\n  (func (i32.const 0x)))")
    assert main(["validate", str(bad)]) == 1
    assert "bad.wat:2:20: unknown operator" in capsys.readouterr().err


def test_cli_wast_runs_natively(tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    from interp.cli import main

    script = tmp_path / "s.wast"
    script.write_text("""
      (module (func (export "f") (result f64) (f64.const nan:0x1)))
      (assert_return (invoke "f") (f64.const nan:arithmetic))
      (module (func (result i32) (i64.const 0)))
      (assert_return (invoke "f") (f64.const 0))
      (assert_malformed (module quote "(func (i32.const 0x))") "unknown operator")
    """)
    assert main(["wast", str(script)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0].endswith(
        ":3: assert_return: wrong result: expected [{'type': 'f64', "
        "'value': 'nan:arithmetic'}], got [nan]"
    )
    assert ":4: module: module refused: invalid: type mismatch" in out[1]
    assert out[2].endswith(":4: 1 later command(s) not run: their module was refused")
    assert out[3].endswith("s.wast: 2/5 passed, 3 failed, 0 skipped")


def test_implicit_type_index_after_rec_group() -> None:
    # a rec group is one type-section entry but two type indices: the implicit
    # (param i32) type is index 2
    wasm = parse_module("(rec (type (struct)) (type (struct))) (func (param i32))")
    assert wasm.endswith(
        bytes.fromhex("03 02 01 02".replace(" ", "")) + bytes.fromhex("0a040102000b")
    )


@pytest.mark.parametrize(
    "finding",
    sorted((Path(__file__).resolve().parents[1] / "fuzz" / "findings").glob("text-*/input.*")),
    ids=lambda p: p.parent.name,
)
def test_fuzz_findings_of_the_text_target(finding: Path) -> None:
    """Inputs the text_parse atheris target crashed on: now a script or a TextError."""
    data = finding.read_bytes()
    for read in (parse_script, parse_module):
        with contextlib.suppress(TextError):
            read(data)


def test_unicode_escapes_must_be_scalar_values() -> None:
    assert parse_module(b'(data "\\u{10ffff}")').endswith(b"\xf4\x8f\xbf\xbf")
    for bad in (b"110000", b"d800", b"ffffffffffffffffffffffff"):
        with pytest.raises(TextError, match="malformed UTF-8 encoding"):
            parse_module(b'(data "\\u{' + bad + b'}")')


def test_cli_wast_honours_features(tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    from interp.cli import main

    script = tmp_path / "simd.wast"
    script.write_text('(module (func (export "f") (result v128) (v128.const i64x2 1 2)))\n')
    assert main(["wast", str(script)]) == 0
    capsys.readouterr()
    assert main(["wast", "--disable", "simd", str(script)]) == 1
    assert ":1: module: module refused" in capsys.readouterr().out


def test_text_instruction_table_spells_every_immediate() -> None:
    """Names and opcodes of the text table come from the engine's family
    tables; its own column, the immediates' syntax, must be there exactly
    for the instructions the engine decodes immediates for (a new engine
    instruction without its row would parse with none), and a ``memarg:N``
    must carry the natural alignment validation uses."""
    from interp.families import FAMILIES
    from interp.text.instructions import DEDICATED, INSTRUCTIONS
    from interp.validate import natural_alignment_log2

    seen = set()
    for family in FAMILIES:
        for info in family.opcodes.values():
            if info.name in DEDICATED:
                continue
            seen.add(info.name)
            text_imm = INSTRUCTIONS[info.name][1]
            assert (text_imm == "") == (info.imm == ""), info.name
            if info.imm in ("memarg", "memarg_lane"):
                assert text_imm == f"{info.imm}:{natural_alignment_log2(info.name)}", info.name
    assert seen == set(INSTRUCTIONS)
