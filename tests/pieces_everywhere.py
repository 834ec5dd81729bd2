"""pytest plugin: compile every function in pieces, as small as they get.

``python -m pytest spec/br_table.wast -p tests.pieces_everywhere`` runs a
script with every function of more than one top-level statement split
(:mod:`interp.pieces`), every basic block of flat code cut after each
instruction and every flat region one block: the conformance check of the
piece machinery, which real modules only reach above 320 KB of source.
Add ``-p tests.flat_everywhere`` to compile every function with a branch
target in flat mode as well.
"""

from __future__ import annotations

from interp import compile as _compile
from interp import pieces as _pieces

_pieces.SPLIT_CHARS = 0
_pieces.PIECE_CHARS = 1
_compile.BLOCK_CHARS = 1
_compile.CUT_CHECK_LINES = 1
