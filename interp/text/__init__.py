"""The text format (spec chapter 6): ``.wat`` modules and ``.wast`` scripts.

Text is read into binary modules (text -> tokens -> resolved fields ->
encoder -> ``bytes``), which the engine then decodes with
:func:`interp.decode_module`; the front end is independent of the engine's
own module representation, and other engines can be handed the binaries.

* :func:`parse_module` -- a ``.wat`` module (``(module ...)`` or bare fields)
  to its binary encoding;
* :mod:`interp.text.script` -- ``.wast`` scripts as commands.

Malformed text raises :class:`TextError` (a :class:`interp.MalformedError`)
with the reference interpreter's wording and the line and column.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .errors import TextError

if TYPE_CHECKING:
    from ..features import Features

__all__ = ["TextError", "parse_module"]


def parse_module(text: str | bytes, features: Features | None = None) -> bytes:
    """The binary module a text module denotes; TextError if malformed.

    Accepts ``(module $id? field*)``, ``(module binary ...)``, ``(module quote ...)``
    and a bare sequence of module fields (spec 6.6.14, abbreviation).  With
    ``features`` that disable memory64, limits are u32 as in 2.0 ("i32 constant
    out of range" beyond); other disabled proposals are refused by the decoder.
    """
    from .script import module_from_source

    src = text.encode("utf-8") if isinstance(text, str) else text
    return module_from_source(src, features)
