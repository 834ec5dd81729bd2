"""The ``metadata.code.branch_hint`` custom section (interp.custom_sections) and
the text front end's branch hint annotations that produce it.

``custom/branch_hint.wast`` checks one invalid target; these pin every other
rule: increasing function indices and offsets, offsets at ``if``/``br_if``,
the reserved 1, hint values 0/1, function indices of defined functions -- and
that the core validator ignores the section (custom sections never make a
module invalid, spec 5.5.3).
"""

from __future__ import annotations

import pytest

import interp
from interp.custom_sections import BRANCH_HINT
from interp.errors import InvalidError, MalformedError
from interp.text import TextError, parse_module
from interp.types import Custom

# function 1 (after one import): local.get 0, if, end, local.get 0, br_if 0, end
TEXT = """(module (import "m" "f" (func))
  (func (param i32) (local i32)
    local.get 0
    (@metadata.code.branch_hint "\\01") if end
    block local.get 0 (@metadata.code.branch_hint "\\00") br_if 0 end))"""
# offsets from the locals declaration "01 01 7f": local.get 3, if 5, block 8, br_if 12


def module() -> interp.Module:
    m = interp.decode_module(parse_module(TEXT))
    interp.validate_module(m)
    return m


def section(entries: list[tuple[int, list[tuple[int, int, int]]]]) -> Custom:
    def u(n: int) -> bytes:
        return bytes([n])  # small values: one LEB128 byte

    data = u(len(entries))
    for funcidx, hints in entries:
        data += u(funcidx) + u(len(hints)) + b"".join(u(o) + u(one) + u(v) for o, one, v in hints)
    return Custom(BRANCH_HINT, data)


def with_section(custom: Custom) -> interp.Module:
    m = module()
    m.customs[:] = [custom]
    return m


def test_the_text_annotations_become_the_section() -> None:
    m = module()
    assert [c.name for c in m.customs] == [BRANCH_HINT]
    assert m.customs[0].data == section([(1, [(5, 1, 1), (12, 1, 0)])]).data
    interp.validate_custom_sections(m)


@pytest.mark.parametrize(
    ("entries", "message"),
    [
        ([(1, [(3, 1, 1)])], "invalid target"),  # local.get
        ([(1, [(8, 1, 1)])], "invalid target"),  # block
        ([(1, [(4, 1, 1)])], "invalid offset"),  # inside local.get's immediate
        ([(1, [(12, 1, 1), (5, 1, 1)])], "invalid order"),
        ([(1, [(5, 1, 1), (5, 1, 0)])], "invalid order"),  # one instruction, two hints
        ([(1, [(5, 1, 1)]), (1, [(12, 1, 1)])], "invalid order"),  # a function twice
        ([(0, [(5, 1, 1)])], "invalid function index 0"),  # the import
        ([(2, [(5, 1, 1)])], "invalid function index 2"),
    ],
)
def test_invalid(entries: list[tuple[int, list[tuple[int, int, int]]]], message: str) -> None:
    m = with_section(section(entries))
    interp.validate_module(m)  # the core rules do not look at custom sections
    with pytest.raises(InvalidError, match=f"^@metadata.code.branch_hint annotation: {message}$"):
        interp.validate_custom_sections(m)


@pytest.mark.parametrize(
    ("custom", "message"),
    [
        (section([(1, [(5, 2, 1)])]), "missing reserved byte"),
        (section([(1, [(5, 1, 2)])]), "invalid hint value"),
        (Custom(BRANCH_HINT, b"\x01\x01\x01\x05"), "unexpected end"),
        (Custom(BRANCH_HINT, section([]).data + b"\x00"), "unexpected content"),
    ],
)
def test_malformed_contents(custom: Custom, message: str) -> None:
    with pytest.raises(MalformedError, match=f"^@metadata.code.branch_hint section: {message}"):
        interp.validate_custom_sections(with_section(custom))


def test_other_custom_sections_are_ignored() -> None:
    interp.validate_custom_sections(with_section(Custom("metadata.code.other", b"\xff")))


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ('(@metadata.code.branch_hint "\\02") if end', "invalid hint value"),
        ("(@metadata.code.branch_hint 1) if end", "unexpected token"),
        ('if end (@metadata.code.branch_hint "\\01")', "invalid placement"),
    ],
)
def test_text_annotation_errors(body: str, message: str) -> None:
    with pytest.raises(TextError, match=f"@metadata.code.branch_hint annotation: {message}"):
        parse_module(f"(module (func (param i32) local.get 0 {body}))")
