"""The lexical format (spec 6.2): source bytes to tokens.

The source is taken as bytes because ``module quote`` strings may contain any
byte; UTF-8 is checked where the grammar requires it (comments, strings used
as names, annotations).  Tokens follow the longest-match rule: a maximal run
of identifier characters and strings is one token, and a run that is none of
number, keyword, identifier or string is a *reserved* token, reported as
"unknown operator" like the reference interpreter does (so ``0$x`` or
``"a""b"`` are errors, not two tokens).

Annotations ``(@id ...)`` are white space (spec 6.2.5); they are checked
lexically and collected in :attr:`Lexer.annotations` for the parser
(``@custom`` sections).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .errors import TextError, position
from .values import FLOAT_RE, INT_RE, NAT_RE, BadEscape, is_utf8, string_bytes

# token kinds
LPAR, RPAR, KEYWORD, ID, STRING, NAT, INT, FLOAT = (
    "(",
    ")",
    "kw",
    "id",
    "str",
    "nat",
    "int",
    "float",
)

_IDCHAR = rb"0-9A-Za-z!#$%&'*+\-./:<=>?@\\^_`|~"
_SPACE = re.compile(rb"[ \t\n\r]+")
_EOL = re.compile(rb"[\n\r]")
#: one run of idchars and (lexically well-formed) strings
_STRCHAR = (
    rb'(?:[^"\\\x00-\x1f\x7f]|\\[nrt\\\'"]|\\[0-9a-fA-F]{2}|\\u\{[0-9a-fA-F](?:_?[0-9a-fA-F])*\})'
)
_RUN = re.compile(rb"(?:[" + _IDCHAR + rb']+|"' + _STRCHAR + rb'*")+')
_STRING_PREFIX = re.compile(rb'"' + _STRCHAR + rb"*")
_KEYWORD = re.compile(rb"[a-z][0-9A-Za-z_.:]+\Z")
_ID = re.compile(rb"\$[" + _IDCHAR + rb"]+\Z")
_QUOTED_ID = re.compile(rb'\$"' + _STRCHAR + rb'*"\Z')
_ANNOT_ID = re.compile(rb"[" + _IDCHAR + rb"]+")
_EQ_NAT = re.compile(rb"(offset|align)=(.*)\Z")


@dataclass(frozen=True, slots=True)
class Token:
    kind: str
    #: keyword/number text (str), identifier name (str), string contents (bytes)
    value: object
    pos: int


@dataclass
class Annotation:
    """A lexed annotation: its id and the tokens inside (nested parens kept)."""

    name: str
    tokens: list[Token]
    pos: int
    end: int


class Lexer:
    """Tokenizes one source; ``tokens`` after :meth:`run`."""

    def __init__(self, src: bytes, keywords: frozenset[str] | None = None) -> None:
        self.src = src
        self.keywords = keywords
        self.tokens: list[Token] = []
        self.annotations: list[Annotation] = []

    def error(self, msg: str, pos: int) -> TextError:
        line, col = position(self.src, pos)
        return TextError(msg, line, col)

    def run(self) -> list[Token]:
        src, n, i = self.src, len(self.src), 0
        out = self.tokens
        while i < n:
            c = src[i]
            if c in b" \t\n\r":
                i = _SPACE.match(src, i).end()  # type: ignore[union-attr]
            elif c == 0x28:  # (
                nxt = src[i + 1 : i + 2]
                if nxt == b";":
                    i = self._block_comment(i)
                elif nxt == b"@":
                    i = self._annotation(i)
                else:
                    out.append(Token(LPAR, None, i))
                    i += 1
            elif c == 0x29:
                out.append(Token(RPAR, None, i))
                i += 1
            elif c == 0x3B and src[i + 1 : i + 2] == b";":
                i = self._line_comment(i)
            else:
                tok, i = self._atom(i, annot=False)
                out.append(tok)
        return out

    # -- pieces of white space ------------------------------------------------

    def _line_comment(self, i: int) -> int:
        m = _EOL.search(self.src, i)
        end = m.start() if m else len(self.src)
        if not is_utf8(self.src[i:end]):
            raise self.error("malformed UTF-8 encoding", i)
        return end

    def _block_comment(self, i: int) -> int:
        src, start, depth, j = self.src, i, 1, i + 2
        while depth:
            a, b = src.find(b"(;", j), src.find(b";)", j)
            if b < 0:
                raise self.error("unclosed comment", start)
            if 0 <= a < b:
                depth += 1
                j = a + 2
            else:
                depth -= 1
                j = b + 2
        if not is_utf8(src[start:j]):
            raise self.error("malformed UTF-8 encoding", start)
        return j

    def _annotation(self, i: int) -> int:
        src = self.src
        start = i
        j = i + 2
        m = _ANNOT_ID.match(src, j)
        if m:
            name = m.group().decode()
            j = m.end()
        elif src[j : j + 1] == b'"':
            sm = _STRING_PREFIX.match(src, j)
            assert sm
            if src[sm.end() : sm.end() + 1] != b'"':
                raise self.error("empty annotation id", start)
            raw = src[j : sm.end() + 1]
            b = self._string_bytes(raw, j)
            if not b:
                raise self.error("empty annotation id", start)
            if not is_utf8(b):
                raise self.error("malformed UTF-8 encoding", start)
            name = b.decode()
            j = sm.end() + 1
        else:
            raise self.error("empty annotation id", start)
        toks: list[Token] = []
        depth = 1
        n = len(src)
        while True:
            if j >= n:
                raise self.error("unclosed annotation", start)
            c = src[j]
            if c in b" \t\n\r":
                j += 1
            elif c == 0x28:
                nxt = src[j + 1 : j + 2]
                if nxt == b";":
                    j = self._block_comment(j)
                elif nxt == b"@" and (_ANNOT_ID.match(src, j + 2) or src[j + 2 : j + 3] == b'"'):
                    # nested annotation: lexed (and checked) as its own
                    inner_start = len(self.annotations)
                    j = self._annotation(j)
                    del self.annotations[inner_start:]
                else:
                    depth += 1
                    toks.append(Token(LPAR, None, j))
                    j += 1
            elif c == 0x29:
                depth -= 1
                if depth == 0:
                    self.annotations.append(Annotation(name, toks, start, j + 1))
                    return j + 1
                toks.append(Token(RPAR, None, j))
                j += 1
            elif c == 0x3B and src[j + 1 : j + 2] == b";":
                j = self._line_comment(j)
                if j >= n:
                    raise self.error("unclosed annotation", start)
            else:
                tok, j = self._atom(j, annot=True)
                toks.append(tok)

    # -- atoms ------------------------------------------------------------------

    def _string_error(self, i: int) -> None:
        """Why the string starting at ``i`` is not lexically valid."""
        src = self.src
        m = _STRING_PREFIX.match(src, i)
        assert m
        j = m.end()
        if j >= len(src) or src[j] in b"\n\r":
            raise self.error("unclosed string literal", i)
        c = src[j]
        if c == 0x5C:
            raise self.error("illegal escape", j)
        if c < 0x20:
            raise self.error("illegal control character in string literal", j)
        raise self.error("malformed UTF-8 encoding", j)

    def _atom(self, i: int, *, annot: bool) -> tuple[Token, int]:
        src = self.src
        m = _RUN.match(src, i)
        if m is None or m.end() == i:
            c = src[i]
            if c == 0x22:
                self._string_error(i)
            if annot:
                if c in b",;[]{}":
                    return Token(KEYWORD, chr(c), i), i + 1
                if c < 0x80:
                    raise self.error("illegal character", i)
                raise self.error(self._unicode_error(i, "illegal character"), i)
            if c in b",;[]{}":
                raise self.error("unknown operator", i)
            if c < 0x20 or c == 0x7F:
                raise self.error("misplaced control character", i)
            raise self.error(self._unicode_error(i, "misplaced unicode character"), i)
        j = m.end()
        if j < len(src) and src[j] == 0x22:
            # the run stops at a string that is not lexically valid; a lone
            # "$" before it is the longest token there (reference lexer)
            if m.group() == b"$":
                raise self.error("empty identifier", i)
            self._string_error(j)
        text = m.group()
        c = text[0]
        if not text.isascii() and not is_utf8(text):
            raise self.error("malformed UTF-8 encoding", i)
        if c == 0x22 and _is_one_string(text):
            s = self._string_bytes(text, i)
            return Token(STRING, s, i), j
        if c == 0x24:  # $
            if _ID.match(text):
                return Token(ID, text[1:].decode(), i), j
            if _QUOTED_ID.match(text) and _is_one_string(text[1:]):
                name = self._string_bytes(text[1:], i)
                if not name:
                    raise self.error("empty identifier", i)
                if not is_utf8(name):
                    raise self.error("malformed UTF-8 encoding", i)
                return Token(ID, name.decode(), i), j
            if text == b"$":
                raise self.error("empty identifier", i)
        elif 0x30 <= c <= 0x39 or c in b"+-in":
            if NAT_RE.match(text):
                return Token(NAT, text.decode(), i), j
            if INT_RE.match(text):
                return Token(INT, text.decode(), i), j
            if FLOAT_RE.match(text):
                return Token(FLOAT, text.decode(), i), j
        if _KEYWORD.match(text):
            word = text.decode()
            if annot or self.keywords is None or word in self.keywords:
                return Token(KEYWORD, word, i), j
        em = _EQ_NAT.match(text)
        if em and NAT_RE.match(em.group(2)):
            return Token(KEYWORD, text.decode(), i), j
        if annot:
            return Token(KEYWORD, text.decode("utf-8", "replace"), i), j
        raise self.error("unknown operator " + text.decode("utf-8", "replace"), i)

    def _string_bytes(self, raw: bytes, pos: int) -> bytes:
        try:
            return string_bytes(raw)
        except BadEscape:
            raise self.error("malformed UTF-8 encoding", pos) from None

    def _unicode_error(self, i: int, msg: str) -> str:
        """``msg`` if a valid UTF-8 sequence starts at ``i``, else the UTF-8 error."""
        for k in (2, 3, 4):
            if is_utf8(self.src[i : i + k]):
                return msg
        return "malformed UTF-8 encoding"


_ONE_STRING = re.compile(rb'"' + _STRCHAR + rb'*"\Z')


def _is_one_string(text: bytes) -> bool:
    return _ONE_STRING.match(text) is not None


def tokenize(src: bytes, keywords: frozenset[str] | None = None) -> list[Token]:
    return Lexer(src, keywords).run()
