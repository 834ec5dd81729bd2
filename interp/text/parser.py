"""Modules in the text format (spec 6.4-6.6) to binary modules.

Two passes over a module's fields, as the spec's identifier contexts require
(spec 6.6.14, "Modules": the context is built from all fields before any
field is read): :meth:`ModuleParser._scan` assigns every index space's
indices and names (imports first: an import after a definition is malformed)
and reads the type definitions; :meth:`ModuleParser._fields` then reads each
field in order and encodes it.  Type uses without an explicit type are
appended to the type section in order of appearance (spec 6.6.2,
"abbreviations" of type uses), unless an equal function type already exists.
Instructions are encoded straight into the function body; folded
instructions (spec 6.5.9) emit their operands first.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .encode import SECTION_ORDER, ModuleBinary, name, sleb, uleb, vec
from .errors import TextError, position
from .instructions import INSTRUCTIONS
from .lexer import FLOAT, ID, INT, KEYWORD, LPAR, NAT, RPAR, STRING, Annotation, Token
from .values import OutOfRange, float_bits, int_bits, is_utf8, parse_nat

if TYPE_CHECKING:
    from ..features import Features

NUMTYPES = {"i32": 0x7F, "i64": 0x7E, "f32": 0x7D, "f64": 0x7C, "v128": 0x7B}
PACKED = {"i8": 0x78, "i16": 0x77}
HEAPTYPES = {
    "func": 0x70,
    "extern": 0x6F,
    "any": 0x6E,
    "eq": 0x6D,
    "i31": 0x6C,
    "struct": 0x6B,
    "array": 0x6A,
    "exn": 0x69,
    "noexn": 0x74,
    "nofunc": 0x73,
    "noextern": 0x72,
    "none": 0x71,
}
REFTYPES = {
    "funcref": 0x70,
    "externref": 0x6F,
    "anyref": 0x6E,
    "eqref": 0x6D,
    "i31ref": 0x6C,
    "structref": 0x6B,
    "arrayref": 0x6A,
    "exnref": 0x69,
    "nullexnref": 0x74,
    "nullfuncref": 0x73,
    "nullexternref": 0x72,
    "nullref": 0x71,
}
ABSTRACT = frozenset(HEAPTYPES.values())
#: keywords after which (and after their optional id) an ``@name`` annotation may stand
_NAMED = frozenset(
    [
        "module",
        "func",
        "tag",
        "global",
        "table",
        "memory",
        "elem",
        "data",
        "type",
        "param",
        "local",
        "field",
        "block",
        "loop",
        "if",
        "try_table",
        "try",
        "import",
        "export",
    ]
)
_CUSTOM_SECTIONS = frozenset(["first", "last", *SECTION_ORDER])
"""Where an ``(@custom ... (before|after X))`` annotation may place its section."""
#: index spaces: name used in messages
SPACES = ("type", "func", "table", "memory", "global", "tag", "elem", "data")
IMPORT_KIND = {"func": 0, "table": 1, "memory": 2, "global": 3, "tag": 4}
BLOCK_END = frozenset({"end", "else", "catch", "catch_all", "delegate"})
#: the keywords that open a module field (text format, spec 6.6 "Modules"):
#: a module's body is these groups, and a script that starts with one is a
#: bare module (ScriptParser)
MODULE_FIELDS = frozenset(
    ("type", "rec", "func", "table", "memory", "global", "tag", "elem", "data", "import",
     "export", "start")
)  # fmt: skip
V128_SHAPES = {
    "i8x16": (16, 8, False),
    "i16x8": (8, 16, False),
    "i32x4": (4, 32, False),
    "i64x2": (2, 64, False),
    "f32x4": (4, 32, True),
    "f64x2": (2, 64, True),
}

#: every keyword of the module and script grammar (besides instruction names);
#: other keyword-shaped tokens are "unknown operator" (reference lexer)
SYNTAX_KEYWORDS = (
    frozenset(
        [
            "module",
            "binary",
            "quote",
            "definition",
            "instance",
            "type",
            "func",
            "param",
            "result",
            "local",
            "global",
            "table",
            "memory",
            "elem",
            "data",
            "export",
            "import",
            "start",
            "offset",
            "item",
            "declare",
            "mut",
            "then",
            "else",
            "end",
            "tag",
            "rec",
            "sub",
            "final",
            "struct",
            "array",
            "field",
            "ref",
            "null",
            "shared",
            "pagesize",
            "register",
            "invoke",
            "get",
            "script",
            "input",
            "output",
            "assert_return",
            "assert_trap",
            "assert_exhaustion",
            "assert_malformed",
            "assert_invalid",
            "assert_unlinkable",
            "assert_exception",
            "assert_malformed_custom",
            "assert_invalid_custom",
            "assert_uninstantiable",
            "either",
            "nan:canonical",
            "nan:arithmetic",
            "ref.extern",
            "ref.host",
            "ref.struct",
            "ref.array",
            "ref.eq",
            "ref.i31",
            "ref.any",
            "ref.func",
            "ref.null",
            "ref.exn",
            "thread",
            "wait",
            "do",
            "catch",
            "catch_all",
            "catch_ref",
            "catch_all_ref",
            "delegate",
            "try",
            "try_table",
            "block",
            "loop",
            "if",
            "select",
            "i8",
            "i16",
            "i32",
            "i64",
            "f32",
            "f64",
            "v128",
            "i8x16",
            "i16x8",
            "i32x4",
            "i64x2",
            "f32x4",
            "f64x2",
            "any",
            "eq",
            "i31",
            "exn",
            "noexn",
            "nofunc",
            "noextern",
            "none",
            "extern",
            "descriptor",
            "describes",
            "exact",
        ]
    )
    | frozenset(NUMTYPES)
    | frozenset(REFTYPES)
    | frozenset(HEAPTYPES)
)
KEYWORDS = SYNTAX_KEYWORDS | frozenset(INSTRUCTIONS)


class Cursor:
    """Position in a token list, with the error helpers every reader shares."""

    def __init__(self, src: bytes, toks: list[Token], i: int = 0) -> None:
        self.src = src
        self.toks = toks
        self.i = i

    def error(self, msg: str, tok: Token | None = None) -> TextError:
        if tok is None:
            tok = self.toks[self.i] if self.i < len(self.toks) else None
        pos = tok.pos if tok is not None else len(self.src)
        line, col = position(self.src, pos)
        return TextError(msg, line, col)

    def peek(self, k: int = 0) -> Token | None:
        j = self.i + k
        return self.toks[j] if j < len(self.toks) else None

    def next(self) -> Token:
        if self.i >= len(self.toks):
            raise self.error("unexpected end of input")
        t = self.toks[self.i]
        self.i += 1
        return t

    def at_kw(self, word: str | None = None) -> bool:
        t = self.peek()
        return t is not None and t.kind == KEYWORD and (word is None or t.value == word)

    def at_open(self, word: str | None = None) -> bool:
        """Is the cursor at ``(`` followed by keyword ``word`` (any keyword if None)?"""
        t = self.peek()
        if t is None or t.kind != LPAR:
            return False
        u = self.peek(1)
        return u is not None and u.kind == KEYWORD and (word is None or u.value == word)

    def at_index(self) -> bool:
        t = self.peek()
        return t is not None and t.kind in (NAT, ID)

    def at_rpar(self) -> bool:
        t = self.peek()
        return t is not None and t.kind == RPAR

    def lpar(self) -> None:
        t = self.next()
        if t.kind != LPAR:
            raise self.error("unexpected token", t)

    def rpar(self) -> None:
        t = self.next()
        if t.kind != RPAR:
            raise self.error("unexpected token", t)

    def kw(self, word: str) -> None:
        t = self.next()
        if t.kind != KEYWORD or t.value != word:
            raise self.error("unexpected token", t)

    def keyword(self) -> str:
        t = self.next()
        if t.kind != KEYWORD:
            raise self.error("unexpected token", t)
        return str(t.value)

    def opt_id(self) -> str | None:
        t = self.peek()
        if t is not None and t.kind == ID:
            self.i += 1
            return str(t.value)
        return None

    def string(self) -> bytes:
        t = self.next()
        if t.kind != STRING:
            raise self.error("unexpected token", t)
        assert isinstance(t.value, bytes)
        return t.value

    def utf8(self) -> bytes:
        t = self.peek()
        b = self.string()
        if not is_utf8(b):
            raise self.error("malformed UTF-8 encoding", t)
        return b

    def nat(self, width: int = 32) -> int:
        t = self.next()
        if t.kind != NAT:
            raise self.error("unexpected token", t)
        v = parse_nat(str(t.value))
        if v >= 1 << width:
            raise self.error(f"i{width} constant out of range", t)
        return v

    def skip_group(self) -> None:
        """Skip a parenthesized group starting at the cursor."""
        depth = 0
        while True:
            t = self.next()
            if t.kind == LPAR:
                depth += 1
            elif t.kind == RPAR:
                depth -= 1
                if depth == 0:
                    return


def int_const(c: Cursor, width: int) -> int:
    t = c.next()
    if t.kind not in (NAT, INT):
        raise c.error("unexpected token", t)
    try:
        return int_bits(str(t.value), width)
    except OutOfRange:
        raise c.error("constant out of range", t) from None


def float_const(c: Cursor, width: int) -> int:
    t = c.next()
    if t.kind not in (NAT, INT, FLOAT):
        raise c.error("unexpected token", t)
    try:
        return float_bits(str(t.value), width)
    except OutOfRange:
        raise c.error("constant out of range", t) from None


def v128_const(c: Cursor) -> int:
    """``v128.const shape lanes`` (spec 6.5.11) as a 128-bit little-endian int."""
    t = c.next()
    if t.kind != KEYWORD or t.value not in V128_SHAPES:
        raise c.error("unexpected token", t)
    n, width, is_float = V128_SHAPES[str(t.value)]
    start = c.i
    while c.i < len(c.toks) and c.toks[c.i].kind in (NAT, INT, FLOAT):
        c.i += 1
    if c.i - start != n:  # the count is checked before the lanes' ranges
        raise c.error("wrong number of lane literals", c.peek())
    c.i = start
    value = 0
    for k in range(n):
        lane = float_const(c, width) if is_float else int_const(c, width)
        value |= lane << (k * width)
    return value


class FuncType:
    """A function type as encoded value types (for implicit-type matching)."""

    __slots__ = ("params", "results")

    def __init__(self, params: tuple[bytes, ...], results: tuple[bytes, ...]) -> None:
        self.params = params
        self.results = results

    def key(self) -> tuple[tuple[bytes, ...], tuple[bytes, ...]]:
        return self.params, self.results

    def encode(self) -> bytes:
        return b"\x60" + vec(list(self.params)) + vec(list(self.results))


class ModuleParser(Cursor):
    """Reads one module's fields (cursor after ``module`` and its id) up to
    the closing parenthesis (or the end of the tokens for a bare module)."""

    def __init__(
        self,
        src: bytes,
        toks: list[Token],
        i: int,
        annotations: list[Annotation] | None = None,
        features: Features | None = None,
    ) -> None:
        super().__init__(src, toks, i)
        self.annotations = annotations or []
        # limits are u64 (memory64) unless memory64 is disabled: u32, as in 2.0
        self.limit_width = 32 if features is not None and "memory64" not in features else 64
        self.names: dict[str, dict[str, int]] = {s: {} for s in SPACES}
        self.counts: dict[str, int] = {s: 0 for s in SPACES}
        self.imported: dict[str, int] = {s: 0 for s in SPACES}
        #: type index -> function type (None for struct/array types)
        self.functypes: list[FuncType | None] = []
        #: type index -> is it "sub final" with no supertypes in a singleton rec group
        self.plain: list[bool] = []
        self.field_names: dict[int, dict[str, int]] = {}
        #: (params, results) -> implicit type index
        self.implicit: dict[tuple[tuple[bytes, ...], tuple[bytes, ...]], int] = {}
        self.out = ModuleBinary()
        self.table_addr64: list[bool] = []
        self.mem_addr64: list[bool] = []
        self.uses_data_index = False
        #: source position of a defined function's field -> (function index,
        #: [(instruction keyword position, byte offset from its locals declaration)])
        self.func_marks: dict[int, tuple[int, list[tuple[int, int]]]] = {}

    # -- entry ------------------------------------------------------------------

    def parse(self) -> bytes:
        start = self.i
        self._scan_types()
        self.i = start
        self._scan()
        self.i = start
        self._fields()
        if self.uses_data_index:
            self.out.datacount = True
        if self.annotations:
            self._annotations(start)
        return self.out.encode()

    # -- annotations (spec 6.2.5; custom sections: appendix "Custom Annotations") --

    def _annotations(self, start: int) -> None:
        """Check and apply the annotations inside this module: ``@custom``
        sections (module level only), ``@name`` placement and branch hints."""
        import bisect

        toks = self.toks
        lo = toks[start - 1].pos if start > 0 else -1
        hi = toks[self.i].pos if self.i < len(toks) else len(self.src)
        mine = [a for a in self.annotations if lo < a.pos < hi]
        if not mine:
            return
        fields: list[tuple[int, int, str]] = []
        self.i = start
        for pos, kw in self._field_starts():
            self.i = pos
            self.skip_group()
            fields.append((toks[pos].pos, toks[self.i - 1].pos, kw))
        positions = [t.pos for t in toks]
        module_names = 0
        previous_hint_end = -1
        hints: dict[int, list[tuple[int, int]]] = {}
        for a in mine:
            inside = next((f for f in fields if f[0] < a.pos < f[1]), None)
            k = bisect.bisect_left(positions, a.pos) - 1
            prev = toks[k] if k >= 0 else None
            if a.name == "custom":
                if inside is not None:
                    raise TextError("misplaced @custom annotation", *position(self.src, a.pos))
                self.out.customs.append(self._custom(a))
            elif a.name == "name":
                if prev is not None and prev.kind == ID and k > 0:
                    prev = toks[k - 1]
                ok = prev is not None and prev.kind == KEYWORD and prev.value in _NAMED
                if not ok:
                    raise TextError("misplaced @name annotation", *position(self.src, a.pos))
                if prev is not None and prev.value == "module":
                    module_names += 1
                    if module_names > 1:
                        raise TextError(
                            "@name annotation: multiple module", *position(self.src, a.pos)
                        )
            elif a.name == "metadata.code.branch_hint":
                where = "@metadata.code.branch_hint annotation: "
                if inside is None or inside[2] != "func":
                    raise TextError(where + "not in a function", *position(self.src, a.pos))
                if previous_hint_end >= 0 and not any(
                    previous_hint_end <= t.pos < a.pos for t in toks[max(0, k - 1) : k + 1]
                ):
                    raise TextError(where + "duplicate annotation", *position(self.src, a.pos))
                previous_hint_end = a.end
                self._branch_hint(a, inside[0], hints)
        if hints:
            self.out.customs.append(("before", "code", BRANCH_HINT.encode(), _branch_hints(hints)))

    def _branch_hint(
        self, a: Annotation, field_pos: int, hints: dict[int, list[tuple[int, int]]]
    ) -> None:
        """``(@metadata.code.branch_hint "\\00"|"\\01")``: a hint for the next
        instruction (branch hinting proposal, "Annotations"; its target is
        checked with the section, :func:`interp.validate_custom_sections`)."""
        where = "@metadata.code.branch_hint annotation: "
        value = b""
        for t in a.tokens:
            if t.kind != STRING:
                raise TextError(where + "unexpected token", *position(self.src, t.pos))
            assert isinstance(t.value, bytes)
            value += t.value
        if value not in (b"\x00", b"\x01"):
            raise TextError(where + "invalid hint value", *position(self.src, a.pos))
        func = self.func_marks.get(field_pos)
        # the instruction that starts first after it, in the source (a folded
        # instruction's code follows its operands', so marks are not in source order)
        after = [] if func is None else [(p, o) for p, o in func[1] if p > a.pos]
        target = min(after)[1] if after else None
        if func is None or target is None:
            raise TextError(where + "invalid placement", *position(self.src, a.pos))
        hints.setdefault(func[0], []).append((target, value[0]))

    def _custom(self, a: Annotation) -> tuple[str, str, bytes, bytes]:
        """``(@custom "name" (before|after sec)? "data"*)``."""
        toks = a.tokens
        where = "@custom annotation: "

        def err(msg: str, tok: Token | None = None) -> TextError:
            return TextError(where + msg, *position(self.src, tok.pos if tok else a.pos))

        if not toks or toks[0].kind != STRING:
            raise err("missing section name", toks[0] if toks else None)
        nm = toks[0].value
        assert isinstance(nm, bytes)
        if not is_utf8(nm):
            raise err("malformed UTF-8 encoding", toks[0])
        place, sec = "after", "last"
        k = 1
        if k < len(toks) and toks[k].kind == LPAR:
            if (
                k + 1 >= len(toks)
                or toks[k + 1].kind != KEYWORD
                or toks[k + 1].value not in ("before", "after")
            ):
                raise err("malformed placement", toks[k])
            place = str(toks[k + 1].value)
            if k + 2 >= len(toks) or toks[k + 2].kind != KEYWORD:
                raise err("malformed section kind", toks[k])
            sec = str(toks[k + 2].value)
            if (
                sec not in _CUSTOM_SECTIONS
                or (sec == "first" and place != "before")
                or (sec == "last" and place != "after")
            ):
                raise err("malformed section kind", toks[k + 2])
            if k + 3 >= len(toks) or toks[k + 3].kind != RPAR:
                raise err("unexpected token", toks[k + 3] if k + 3 < len(toks) else None)
            k += 4
        data = bytearray()
        for t in toks[k:]:
            if t.kind != STRING:
                raise err("unexpected token", t)
            assert isinstance(t.value, bytes)
            data += t.value
        return place, sec, nm, bytes(data)

    def _field_starts(self) -> list[tuple[int, str]]:
        """(token index, keyword) of every module field."""
        out = []
        while self.peek() is not None and not self.at_rpar():
            t = self.peek()
            if not self.at_open():
                raise self.error("unexpected token", t)
            u = self.peek(1)
            assert u is not None
            if u.value not in MODULE_FIELDS:
                raise self.error("unexpected token", u)
            out.append((self.i, str(u.value)))
            self.skip_group()
        return out

    # -- pass 1: names and indices ------------------------------------------------

    def _bind(self, space: str, ident: str | None, tok: Token | None = None) -> int:
        idx = self.counts[space]
        self.counts[space] = idx + 1
        if ident is not None:
            if ident in self.names[space]:
                raise self.error(f"duplicate {space} ${ident}", tok)
            self.names[space][ident] = idx
        return idx

    def _scan_types(self) -> None:
        """Bind type names (types may refer to each other in any order)."""
        for pos, kw in self._field_starts():
            if kw == "type":
                self.i = pos + 2
                t = self.peek()
                self._bind("type", self.opt_id(), t)
            elif kw == "rec":
                self.i = pos + 2
                while self.at_open("type"):
                    save = self.i
                    self.i += 2
                    t = self.peek()
                    self._bind("type", self.opt_id(), t)
                    self.i = save
                    self.skip_group()

    def _scan(self) -> None:
        """Bind every other index space; read the type definitions."""
        self.counts["type"] = 0
        defined: str | None = None
        for pos, kw in self._field_starts():
            self.i = pos + 2
            if kw == "type":
                self.i = pos
                self.out.types.append(self._typedef_group(rec=False))
            elif kw == "rec":
                self.i = pos
                self.out.types.append(self._typedef_group(rec=True))
            elif kw in ("func", "table", "memory", "global", "tag"):
                space = kw
                t = self.peek()
                ident = self.opt_id()
                while self.at_open("export"):
                    self.skip_group()
                if self.at_open("import"):
                    if defined is not None:
                        raise self.error(f"import after {defined}", self.toks[pos])
                    self.imported[space] += 1
                elif kw != "tag":
                    defined = {"func": "function"}.get(kw, kw)
                self._bind(space, ident, t)
            elif kw == "import":
                self.string()
                self.string()
                self.lpar()
                t = self.peek()
                space = self.keyword()
                if space not in IMPORT_KIND:
                    raise self.error("unexpected token", t)
                if defined is not None and space != "tag":
                    raise self.error(f"import after {defined}", self.toks[pos])
                self.imported[space] += 1
                t = self.peek()
                self._bind(space, self.opt_id(), t)
            elif kw in ("elem", "data"):
                t = self.peek()
                self._bind(kw, self.opt_id(), t)
        self.n_explicit_types = self.counts["type"]

    # -- resolution ---------------------------------------------------------------

    def index(self, space: str, width: int = 32) -> int:
        t = self.next()
        if t.kind == NAT:
            v = parse_nat(str(t.value))
            if v >= 1 << width:
                raise self.error(f"i{width} constant out of range", t)
            return v
        if t.kind == ID:
            try:
                return self.names[space][str(t.value)]
            except KeyError:
                raise self.error(f"unknown {space} ${t.value}", t) from None
        raise self.error("unexpected token", t)

    # -- types --------------------------------------------------------------------

    def heaptype(self) -> bytes:
        t = self.peek()
        if t is not None and t.kind == KEYWORD and t.value in HEAPTYPES:
            self.i += 1
            return bytes([HEAPTYPES[str(t.value)]])
        if t is not None and t.kind in (NAT, ID):
            return sleb(self.index("type"))
        if self.at_open("exact"):  # custom-descriptors proposal: exact x
            self.i += 2
            idx = self.index("type")
            self.rpar()
            return b"\x62" + uleb(idx)
        raise self.error("unexpected token", t)

    def reftype_paren(self) -> bytes:
        """``(ref null? heaptype)`` with the cursor at ``(``."""
        self.lpar()
        self.kw("ref")
        null = self.at_kw("null")
        if null:
            self.i += 1
        ht = self.heaptype()
        self.rpar()
        if null and len(ht) == 1 and ht[0] in ABSTRACT:
            return ht  # (ref null func) is funcref: the short form (spec 5.3.4)
        return (b"\x63" if null else b"\x64") + ht

    def reftype(self) -> bytes:
        t = self.peek()
        if t is not None and t.kind == KEYWORD and t.value in REFTYPES:
            self.i += 1
            return bytes([REFTYPES[str(t.value)]])
        if self.at_open("ref"):
            return self.reftype_paren()
        raise self.error("unexpected token", t)

    def at_valtype(self) -> bool:
        t = self.peek()
        if t is None:
            return False
        if t.kind == KEYWORD:
            return t.value in NUMTYPES or t.value in REFTYPES
        return self.at_open("ref")

    def valtype(self) -> bytes:
        t = self.peek()
        if t is not None and t.kind == KEYWORD and t.value in NUMTYPES:
            self.i += 1
            return bytes([NUMTYPES[str(t.value)]])
        return self.reftype()

    def storagetype(self) -> bytes:
        t = self.peek()
        if t is not None and t.kind == KEYWORD and t.value in PACKED:
            self.i += 1
            return bytes([PACKED[str(t.value)]])
        return self.valtype()

    def fieldtype(self) -> bytes:
        if self.at_open("mut"):
            self.i += 2
            st = self.storagetype()
            self.rpar()
            return st + b"\x01"
        return self.storagetype() + b"\x00"

    def _typedef_group(self, rec: bool) -> bytes:
        self.lpar()
        if rec:
            self.kw("rec")
            entries = []
            first = self.counts["type"]
            while not self.at_rpar():
                entries.append(self._typedef(first, in_rec=True))
            self.rpar()
            for k in range(first, self.counts["type"]):
                self.plain[k] = False
            return b"\x4e" + vec(entries)
        self.i -= 1
        return self._typedef(self.counts["type"], in_rec=False)

    def _typedef(self, group_first: int, in_rec: bool) -> bytes:
        self.lpar()
        self.kw("type")
        self.opt_id()
        idx = self.counts["type"]
        self.counts["type"] += 1
        self.functypes.append(None)
        self.plain.append(True)
        prefix = b""
        if self.at_open("sub"):
            self.i += 2
            final = self.at_kw("final")
            if final:
                self.i += 1
            supers = []
            while self.at_index():
                supers.append(uleb(self.index("type")))
            # "sub final" without supertypes is the short form (spec 5.3.9)
            prefix = b"" if final and not supers else (b"\x4f" if final else b"\x50") + vec(supers)
            body = self._comptype(idx)
            self.rpar()
            if not (final and not supers):
                self.plain[idx] = False
        else:
            body = self._comptype(idx)
        self.rpar()
        return prefix + body

    def _comptype(self, idx: int) -> bytes:
        self.lpar()
        t = self.peek()
        kw = self.keyword()
        prefix = b""
        seen: list[str] = []
        while kw in ("describes", "descriptor"):  # custom-descriptors: describes, then descriptor
            if kw in seen or (kw == "describes" and seen):
                raise self.error("unexpected token", t)
            seen.append(kw)
            prefix += (b"\x4d" if kw == "descriptor" else b"\x4c") + uleb(self.index("type"))
            self.rpar()
            self.lpar()
            t = self.peek()
            kw = self.keyword()
        if kw == "func":
            params, results, _ = self._params_results(allow_names=True)
            ft = FuncType(tuple(params), tuple(results))
            self.functypes[idx] = ft
            self.rpar()
            return prefix + ft.encode()
        if kw == "struct":
            fields: list[bytes] = []
            names: dict[str, int] = {}
            while self.at_open("field"):
                self.i += 2
                t2 = self.peek()
                ident = self.opt_id()
                if ident is not None:
                    if ident in names:
                        raise self.error(f"duplicate field ${ident}", t2)
                    names[ident] = len(fields)
                    fields.append(self.fieldtype())
                else:
                    while not self.at_rpar():
                        fields.append(self.fieldtype())
                self.rpar()
            self.field_names[idx] = names
            self.rpar()
            return prefix + b"\x5f" + vec(fields)
        if kw == "array":  # '(' 'array' fieldtype ')', no field keyword (spec 6.4.7)
            ft_b = self.fieldtype()
            self.rpar()
            return prefix + b"\x5e" + ft_b
        raise self.error("unexpected token", t)

    def _params_results(
        self, allow_names: bool
    ) -> tuple[list[bytes], list[bytes], list[str | None]]:
        params: list[bytes] = []
        names: list[str | None] = []
        results: list[bytes] = []
        while self.at_open("param"):
            self.i += 2
            t = self.peek()
            ident = self.opt_id()
            if ident is not None:
                if not allow_names:
                    raise self.error("unexpected token", t)
                params.append(self.valtype())
                names.append(ident)
            else:
                while not self.at_rpar():
                    params.append(self.valtype())
                    names.append(None)
            self.rpar()
        while self.at_open("result"):
            self.i += 2
            while not self.at_rpar():
                results.append(self.valtype())
            self.rpar()
        if self.at_open("param"):  # parameters after results
            raise self.error("unexpected token", self.peek(1))
        return params, results, names

    def typeuse(self, allow_names: bool = True) -> tuple[int, list[str | None], FuncType]:
        """``(type x)? (param ..)* (result ..)*`` (spec 6.6.2): the type index,
        parameter names, and the function type."""
        explicit = None
        tok = self.peek()
        if self.at_open("type"):
            self.i += 2
            explicit = self.index("type")
            self.rpar()
        params, results, names = self._params_results(allow_names)
        if explicit is not None:
            ft = self.functypes[explicit] if explicit < len(self.functypes) else None
            if (
                (params or results)
                and ft is not None
                and ft.key() != (tuple(params), tuple(results))
            ):
                raise self.error("inline function type", tok)
            if ft is None and (params or results) and explicit >= len(self.functypes):
                raise self.error(f"unknown type {explicit}", tok)
            if ft is None:  # not a function type, or out of range: invalid, not malformed
                ft = FuncType(tuple(params), tuple(results))
            if not params:
                names = [None] * len(ft.params)
            return explicit, names, ft
        ft = FuncType(tuple(params), tuple(results))
        return self.implicit_type(ft), names, ft

    def implicit_type(self, ft: FuncType) -> int:
        key = ft.key()
        for k in range(self.n_explicit_types):
            other = self.functypes[k]
            if other is not None and self.plain[k] and other.key() == key:
                return k
        if key in self.implicit:
            return self.implicit[key]
        idx = len(self.functypes)  # type indices, not type-section entries (rec groups)
        self.implicit[key] = idx
        self.out.types.append(ft.encode())
        self.functypes.append(ft)
        self.plain.append(True)
        return idx

    def limits(self, addr64: bool, shared_ok: bool) -> tuple[int, bytes]:
        """Limits (spec 6.4.4) with address type and share flag: flag byte and body."""
        is64 = addr64
        # larger than the address type allows: invalid, not malformed (3.0);
        # without memory64 the grammar's u32 makes it malformed
        width = self.limit_width
        del addr64
        lo = self.nat(width)
        hi = self.nat(width) if self.peek() is not None and self.peek().kind == NAT else None  # type: ignore[union-attr]
        flags = (1 if hi is not None else 0) | (4 if is64 else 0)
        if shared_ok and self.at_kw("shared"):
            self.i += 1
            flags |= 2
        body = uleb(lo) + (uleb(hi) if hi is not None else b"")
        return flags, body

    def addrtype(self) -> bool:
        if self.at_kw("i64"):
            self.i += 1
            return True
        if self.at_kw("i32"):
            self.i += 1
        return False

    def tabletype(self) -> tuple[bytes, bool]:
        addr64 = self.addrtype()
        flags, body = self.limits(addr64, shared_ok=True)
        rt = self.reftype()
        return rt + bytes([flags]) + body, addr64

    def memtype(self) -> tuple[bytes, bool]:
        addr64 = self.addrtype()
        flags, body = self.limits(addr64, shared_ok=True)
        if self.at_open("pagesize"):
            self.i += 2
            t = self.peek()
            size = self.nat(64)
            if size & (size - 1) or size == 0:
                raise self.error("invalid custom page size", t)
            self.rpar()
            flags |= 8
            body += uleb(size.bit_length() - 1)
        return bytes([flags]) + body, addr64

    def globaltype(self) -> bytes:
        if self.at_open("mut"):
            self.i += 2
            vt = self.valtype()
            self.rpar()
            return vt + b"\x01"
        return self.valtype() + b"\x00"

    # -- pass 2: fields -------------------------------------------------------------

    def _fields(self) -> None:
        counts = {s: 0 for s in SPACES}
        self.defined_funcs = 0
        for pos, kw in self._field_starts():
            self.i = pos + 2
            if kw in ("type", "rec"):
                self.i = pos
                self.skip_group()
                continue
            elif kw == "import":
                counts[self._import()] += 1
            elif kw == "export":
                nm = self.utf8()
                self.lpar()
                t = self.peek()
                kind = self.keyword()
                if kind not in IMPORT_KIND:
                    raise self.error("unexpected token", t)
                idx = self.index(kind)
                self.rpar()
                self.out.exports.append(name(nm) + bytes([IMPORT_KIND[kind]]) + uleb(idx))
            elif kw == "start":
                t = self.peek()
                idx = self.index("func")
                if self.out.start is not None:
                    raise self.error("multiple start sections", t)
                self.out.start = idx
            else:
                idx = counts.get(kw, 0)
                getattr(self, "_" + kw)(idx)
            if kw in counts:
                counts[kw] += 1
            self.rpar()

    def _exports(self, kind: str, idx: int) -> None:
        while self.at_open("export"):
            self.i += 2
            nm = self.utf8()
            self.rpar()
            self.out.exports.append(name(nm) + bytes([IMPORT_KIND[kind]]) + uleb(idx))

    def _inline_import(self, kind: str, idx: int) -> bool:
        """The head of a ``func``/``table``/``memory``/``global``/``tag``
        field: optional id, inline exports, then an inline ``(import "m"
        "n")`` (text format abbreviations, spec 6.6).  True if it is an
        import: appended to the imports, nothing of the field is left."""
        self.opt_id()
        self._exports(kind, idx)
        if not self.at_open("import"):
            return False
        self.i += 2
        mod = self.utf8()
        nm = self.utf8()
        self.rpar()
        self.out.imports.append(name(mod) + name(nm) + self._import_desc(kind))
        return True

    def _import(self) -> str:
        mod = self.utf8()
        nm = self.utf8()
        self.lpar()
        kind = self.keyword()
        self.opt_id()
        desc = self._import_desc(kind)
        self.rpar()
        self.out.imports.append(name(mod) + name(nm) + desc)
        return kind

    def _import_desc(self, kind: str) -> bytes:
        if kind == "func" and self.at_open("exact"):  # custom-descriptors proposal
            self.i += 2
            idx, _, _ = self.typeuse()
            self.rpar()
            return b"\x20" + uleb(idx)
        if kind == "func":
            idx, _, _ = self.typeuse()
            return b"\x00" + uleb(idx)
        if kind == "table":
            tt, a64 = self.tabletype()
            self.table_addr64.append(a64)
            return b"\x01" + tt
        if kind == "memory":
            mt, a64 = self.memtype()
            self.mem_addr64.append(a64)
            return b"\x02" + mt
        if kind == "global":
            return b"\x03" + self.globaltype()
        idx, _, _ = self.typeuse()
        return b"\x04\x00" + uleb(idx)

    def _func(self, idx: int) -> None:
        field_pos = self.toks[self.i - 2].pos  # the field's "("
        if self._inline_import("func", idx):
            return
        tidx, pnames, ft = self.typeuse()
        self.out.funcs.append(uleb(tidx))
        locals_: list[bytes] = []
        lnames: dict[str, int] = {}
        for k, n in enumerate(pnames):
            if n is not None:
                if n in lnames:
                    raise self.error(f"duplicate local ${n}")
                lnames[n] = k
        nlocal = len(ft.params)
        while self.at_open("local"):
            self.i += 2
            t = self.peek()
            ident = self.opt_id()
            if ident is not None:
                if ident in lnames:
                    raise self.error(f"duplicate local ${ident}", t)
                lnames[ident] = nlocal
                locals_.append(self.valtype())
                nlocal += 1
            else:
                while not self.at_rpar():
                    locals_.append(self.valtype())
                    nlocal += 1
            self.rpar()
        body = Body(self, lnames, ft.results)
        body.instrs()
        groups: list[tuple[int, bytes]] = []
        for vt in locals_:
            if groups and groups[-1][1] == vt:
                groups[-1] = (groups[-1][0] + 1, vt)
            else:
                groups.append((1, vt))
        local_decls = vec([uleb(n) + vt for n, vt in groups])
        code = local_decls + bytes(body.out) + b"\x0b"
        self.out.codes.append(uleb(len(code)) + code)
        self.func_marks[field_pos] = (idx, [(p, len(local_decls) + o) for p, o in body.marks])

    def const_expr(self) -> bytes:
        body = Body(self, {}, ())
        body.instrs()
        return bytes(body.out) + b"\x0b"

    def _global(self, idx: int) -> None:
        if self._inline_import("global", idx):
            return
        gt = self.globaltype()
        self.out.globals.append(gt + self.const_expr())

    def _tag(self, idx: int) -> None:
        if self._inline_import("tag", idx):
            return
        tidx, _, _ = self.typeuse()
        self.out.tags.append(b"\x00" + uleb(tidx))

    def _memory(self, idx: int) -> None:
        if self._inline_import("memory", idx):
            return
        save = self.i
        addr64 = self.addrtype()
        log2_page = None
        if self.at_open("pagesize") and self.toks[self.i + 4].kind == LPAR:
            self.i += 2
            t = self.peek()
            size = self.nat(64)
            if size & (size - 1) or size == 0:
                raise self.error("invalid custom page size", t)
            self.rpar()
            log2_page = size.bit_length() - 1
        if self.at_open("data"):
            self.i += 2
            data = bytearray()
            while not self.at_rpar():
                data += self.string()
            self.rpar()
            page = 1 << (16 if log2_page is None else log2_page)
            pages = (len(data) + page - 1) // page
            flags = 1 | (4 if addr64 else 0) | (8 if log2_page is not None else 0)
            tail = uleb(log2_page) if log2_page is not None else b""
            self.out.mems.append(bytes([flags]) + uleb(pages) + uleb(pages) + tail)
            self.mem_addr64.append(addr64)
            offset = (b"\x42\x00" if addr64 else b"\x41\x00") + b"\x0b"
            mflag = b"\x00" if idx == 0 else b"\x02" + uleb(idx)
            self.out.datas.append(mflag + offset + uleb(len(data)) + bytes(data))
            return
        self.i = save
        mt, a64 = self.memtype()
        self.mem_addr64.append(a64)
        self.out.mems.append(mt)

    def _table(self, idx: int) -> None:
        if self._inline_import("table", idx):
            return
        save = self.i
        addr64 = self.addrtype()
        if self.at_valtype():  # inline elements: reftype (elem ...)
            rt = self.reftype()
            self.lpar()
            self.kw("elem")
            items: list[bytes] = []
            as_exprs = False
            if self.at_index():
                while self.at_index():
                    items.append(uleb(self.index("func")))
            else:
                as_exprs = True
                while not self.at_rpar():
                    items.append(self._wrapped_expr("item"))
            self.rpar()
            n = len(items)
            flags = 1 | (4 if addr64 else 0)
            self.out.tables.append(rt + bytes([flags]) + uleb(n) + uleb(n))
            self.table_addr64.append(addr64)
            offset = (b"\x42\x00" if addr64 else b"\x41\x00") + b"\x0b"
            if not as_exprs and rt != b"\x70":
                # function indices for a typed table (3.0): the segment has the
                # table's reference type, as in the reference interpreter's parser
                items = [b"\xd2" + item + b"\x0b" for item in items]
                as_exprs = True
            if as_exprs:
                self.out.elems.append(b"\x06" + uleb(idx) + offset + rt + vec(items))
            elif idx == 0 and rt == b"\x70":
                self.out.elems.append(b"\x00" + offset + vec(items))
            else:
                self.out.elems.append(b"\x02" + uleb(idx) + offset + b"\x00" + vec(items))
            return
        self.i = save
        tt, a64 = self.tabletype()
        self.table_addr64.append(a64)
        if not self.at_rpar():
            self.out.tables.append(b"\x40\x00" + tt + self.const_expr())
        else:
            self.out.tables.append(tt)

    def _wrapped_expr(self, keyword: str) -> bytes:
        """An element item or a segment offset, as an encoded constant
        expression: ``(keyword instr*)``, or one folded instruction alone
        (text format abbreviation, spec 6.6)."""
        if self.at_open(keyword):
            self.i += 2
            e = self.const_expr()
            self.rpar()
            return e
        body = Body(self, {}, ())
        body.folded()
        return bytes(body.out) + b"\x0b"

    def _elem(self, idx: int) -> None:
        self.opt_id()
        mode = "passive"
        table = 0
        explicit_table = False
        offset = b""
        if self.at_kw("declare"):
            self.i += 1
            mode = "declare"
        elif self.at_index() and self.peek(1) is not None and self.peek(1).kind == LPAR:  # type: ignore[union-attr]
            table = self.index("table")  # legacy abbreviation: a bare table index
            explicit_table = True
            mode = "active"
            offset = self._wrapped_expr("offset")
        elif self.at_open("table"):
            self.i += 2
            table = self.index("table")
            self.rpar()
            explicit_table = True
            mode = "active"
            offset = self._wrapped_expr("offset")
        elif self.at_open() and not self.at_open("ref"):
            mode = "active"
            offset = self._wrapped_expr("offset")
        # element list
        if self.at_kw("func"):
            self.i += 1
            funcs = []
            while self.at_index():
                funcs.append(uleb(self.index("func")))
            rt = None
        elif self.at_valtype():
            rt = self.reftype()
            exprs = []
            while not self.at_rpar():
                exprs.append(self._wrapped_expr("item"))
        else:
            funcs = []
            while self.at_index():
                funcs.append(uleb(self.index("func")))
            rt = None
            if mode != "active" and not self.at_rpar():
                raise self.error("unexpected token")
        if rt is None:
            if mode == "active":
                if explicit_table or table != 0:
                    self.out.elems.append(b"\x02" + uleb(table) + offset + b"\x00" + vec(funcs))
                else:
                    self.out.elems.append(b"\x00" + offset + vec(funcs))
            elif mode == "passive":
                self.out.elems.append(b"\x01\x00" + vec(funcs))
            else:
                self.out.elems.append(b"\x03\x00" + vec(funcs))
        else:
            if mode == "active":
                if not explicit_table and rt == b"\x70":
                    self.out.elems.append(b"\x04" + offset + vec(exprs))
                else:
                    self.out.elems.append(b"\x06" + uleb(table) + offset + rt + vec(exprs))
            elif mode == "passive":
                self.out.elems.append(b"\x05" + rt + vec(exprs))
            else:
                self.out.elems.append(b"\x07" + rt + vec(exprs))

    def _data(self, idx: int) -> None:
        self.opt_id()
        head = b"\x01"
        if self.at_index() and self.peek(1) is not None and self.peek(1).kind == LPAR:  # type: ignore[union-attr]
            mem = self.index("memory")  # legacy abbreviation: a bare memory index
            head = (b"\x00" if mem == 0 else b"\x02" + uleb(mem)) + self._wrapped_expr("offset")
        elif self.at_open("memory"):
            self.i += 2
            mem = self.index("memory")
            self.rpar()
            # memory 0 spelled out: the short form, as wasm-tools encodes it
            head = (b"\x00" if mem == 0 else b"\x02" + uleb(mem)) + self._wrapped_expr("offset")
        elif self.peek() is not None and self.peek().kind == LPAR:  # type: ignore[union-attr]
            head = b"\x00" + self._wrapped_expr("offset")
        data = bytearray()
        while not self.at_rpar():
            data += self.string()
        self.out.datas.append(head + uleb(len(data)) + bytes(data))


class Body(Cursor):
    """Instructions of one function body or constant expression (spec 6.5),
    encoded into :attr:`out`; shares the module parser's tokens and position."""

    def __init__(
        self, mod: ModuleParser, local_names: dict[str, int], results: tuple[bytes, ...]
    ) -> None:
        self.mod = mod
        super().__init__(mod.src, mod.toks, mod.i)
        self.local_names = local_names
        self.labels: list[str | None] = []
        self.out = bytearray()
        #: (source position of an instruction's keyword, offset of its opcode in
        #: ``out``), in source order: where branch hint annotations point
        self.marks: list[tuple[int, int]] = []

    # the module parser's cursor moves with ours
    @property  # type: ignore[override]
    def i(self) -> int:
        return self.mod.i

    @i.setter
    def i(self, v: int) -> None:
        self.mod.i = v

    # -- sequences -------------------------------------------------------------

    def instrs(self) -> None:
        """Instructions up to ``)`` or a block-ending keyword."""
        toks = self.toks
        while True:
            if self.mod.i >= len(toks):
                return
            t = toks[self.mod.i]
            if t.kind == RPAR:
                return
            if t.kind == LPAR:
                self.folded()
            elif t.kind == KEYWORD:
                if t.value in BLOCK_END:
                    return
                self.plain()
            else:
                raise self.error("unexpected token", t)

    def label_index(self) -> int:
        t = self.next()
        if t.kind == NAT:
            v = parse_nat(str(t.value))
            if v >= 1 << 32:
                raise self.error("i32 constant out of range", t)
            return v
        if t.kind == ID:
            for depth in range(len(self.labels) - 1, -1, -1):
                if self.labels[depth] == t.value:
                    return len(self.labels) - 1 - depth
            raise self.error(f"unknown label ${t.value}", t)
        raise self.error("unexpected token", t)

    def local_index(self) -> int:
        t = self.next()
        if t.kind == NAT:
            return parse_nat(str(t.value))
        if t.kind == ID:
            if t.value in self.local_names:
                return self.local_names[str(t.value)]
            raise self.error(f"unknown local ${t.value}", t)
        raise self.error("unexpected token", t)

    def blocktype(self) -> bytes:
        """Block type (spec 6.5.2): empty, one result, or a type index."""
        m = self.mod
        tok = self.peek()
        if m.at_open("type"):
            idx, names, _ = m.typeuse(allow_names=False)
            del names
            return sleb(idx)
        params, results, _ = m._params_results(allow_names=False)
        if not params and len(results) <= 1:
            return results[0] if results else b"\x40"
        del tok
        return sleb(m.implicit_type(FuncType(tuple(params), tuple(results))))

    def end_label(self, label: str | None) -> None:
        t = self.peek()
        if t is not None and t.kind == ID:
            self.i += 1
            if t.value != label:
                raise self.error("mismatching label", t)

    def legacy_handlers(self, folded: bool) -> bool:
        """The handlers of a legacy ``try`` after its body, flat
        (``catch x instr*``) or folded (``(catch x instr*)``): catches, then
        at most one ``catch_all``, or else one ``delegate l`` (legacy
        exception handling proposal, text format).  True if it was a
        ``delegate``: that clause ends the block (opcode 0x18 instead of
        ``end``), so it has popped the label already."""
        at = self.at_open if folded else self.at_kw
        out = self.out
        handlers, catch_all = 0, False
        while at("catch") or at("catch_all"):
            if catch_all:
                raise self.error("unexpected token")
            if folded:
                self.i += 1
            c = self.keyword()
            handlers += 1
            if c == "catch":
                out.append(0x07)
                out += uleb(self.mod.index("tag"))
            else:
                out.append(0x19)
                catch_all = True
            self.instrs()
            if folded:
                self.rpar()
        if not at("delegate"):
            return False
        if handlers:
            raise self.error("unexpected token")
        self.i += 2 if folded else 1
        self.labels.pop()
        out.append(0x18)
        out += uleb(self.label_index())
        if folded:
            self.rpar()
        return True

    # -- plain instructions ------------------------------------------------------

    def plain(self) -> None:
        t = self.next()
        op = str(t.value)
        out = self.out
        self.marks.append((t.pos, len(out)))
        if op in ("block", "loop", "if", "try_table", "try"):
            label = self.opt_id()
            bt = self.blocktype()
            if op == "try_table":
                catches = self.catches()
                out += b"\x1f" + bt + catches
            else:
                out += {"block": b"\x02", "loop": b"\x03", "if": b"\x04", "try": b"\x06"}[op] + bt
            self.labels.append(label)
            self.instrs()
            if op == "if" and self.at_kw("else"):
                self.i += 1
                self.end_label(label)
                out.append(0x05)
                self.instrs()
            if op == "try" and self.legacy_handlers(folded=False):
                return  # ``delegate`` closed the block
            self.kw("end")
            self.end_label(label)
            self.labels.pop()
            out.append(0x0B)
            return
        if op in BLOCK_END:
            raise self.error("unexpected token", t)
        out += self.operator(op, t)

    def catches(self) -> bytes:
        out = []
        while True:
            if self.at_open("catch"):
                self.i += 2
                tag = self.mod.index("tag")
                out.append(b"\x00" + uleb(tag) + uleb(self.label_index()))
            elif self.at_open("catch_ref"):
                self.i += 2
                tag = self.mod.index("tag")
                out.append(b"\x01" + uleb(tag) + uleb(self.label_index()))
            elif self.at_open("catch_all"):
                self.i += 2
                out.append(b"\x02" + uleb(self.label_index()))
            elif self.at_open("catch_all_ref"):
                self.i += 2
                out.append(b"\x03" + uleb(self.label_index()))
            else:
                return vec(out)
            self.rpar()

    def memarg(self, natural: int, lane: bool = False) -> bytes:
        m = self.mod
        mem = 0
        t = self.peek()
        if t is not None and t.kind == ID:
            mem = m.index("memory")
        elif t is not None and t.kind == NAT:
            nxt = self.peek(1)
            if not lane or (
                nxt is not None
                and (
                    nxt.kind == NAT
                    or (nxt.kind == KEYWORD and str(nxt.value).startswith(("offset=", "align=")))
                )
            ):
                mem = m.index("memory")
        offset = 0
        align = 1 << natural
        if self.at_kw() and str(self.peek().value).startswith("offset="):  # type: ignore[union-attr]
            t = self.next()
            text = str(t.value)[7:]
            offset = parse_nat(text)
            if offset >= 1 << 64:
                raise self.error("i64 constant out of range", t)
        if self.at_kw() and str(self.peek().value).startswith("align="):  # type: ignore[union-attr]
            t = self.next()
            align = parse_nat(str(t.value)[6:])
            if align == 0 or align & (align - 1):
                raise self.error("alignment must be a power of two", t)
        a = align.bit_length() - 1
        if mem:
            return uleb(a | 0x40) + uleb(mem) + uleb(offset)
        return uleb(a) + uleb(offset)

    def operator(self, op: str, t: Token) -> bytes:
        """Encode a non-block instruction whose name has just been read."""
        m = self.mod
        if op == "select":
            types: list[bytes] = []
            seen = False
            while m.at_open("result"):
                seen = True
                self.i += 2
                while not self.at_rpar():
                    types.append(m.valtype())
                self.rpar()
            return b"\x1c" + vec(types) if seen else b"\x1b"
        if op == "ref.null":
            return b"\xd0" + m.heaptype()
        entry = INSTRUCTIONS.get(op)
        if entry is None:  # a keyword of the grammar, misplaced
            raise self.error("unexpected token", t)
        code, imm = entry
        if not imm:
            return code
        if imm == "label":
            return code + uleb(self.label_index())
        if imm == "br_table":
            labels = [uleb(self.label_index())]
            while self.at_index():
                labels.append(uleb(self.label_index()))
            return code + vec(labels[:-1]) + labels[-1]
        if imm in ("func", "global", "tag", "elem", "data", "type"):
            space = {
                "func": "func",
                "global": "global",
                "tag": "tag",
                "elem": "elem",
                "data": "data",
                "type": "type",
            }[imm]
            if space == "data":
                m.uses_data_index = True
            return code + uleb(m.index(space))
        if imm == "local":
            return code + uleb(self.local_index())
        if imm == "table":
            return code + uleb(m.index("table") if self.at_index() else 0)
        if imm == "mem":
            return code + uleb(m.index("memory") if self.at_index() else 0)
        if imm.startswith("memarg"):
            kind, _, nat_s = imm.partition(":")
            if kind == "memarg_lane":
                ma = self.memarg(int(nat_s), lane=True)
                return code + ma + bytes([self.lane_index()])
            return code + self.memarg(int(nat_s))
        if imm == "call_indirect":
            table = m.index("table") if self.at_index() else 0
            tidx, _, _ = m.typeuse(allow_names=False)
            return code + uleb(tidx) + uleb(table)
        if imm == "i32":
            return code + sleb(_signed(int_const(self, 32), 32))
        if imm == "i64":
            return code + sleb(_signed(int_const(self, 64), 64))
        if imm == "f32":
            return code + float_const(self, 32).to_bytes(4, "little")
        if imm == "f64":
            return code + float_const(self, 64).to_bytes(8, "little")
        if imm == "v128":
            return code + v128_const(self).to_bytes(16, "little")
        if imm == "lane":
            return code + bytes([self.lane_index()])
        if imm == "shuffle":
            start = self.i
            while self.i < len(self.toks) and self.toks[self.i].kind in (NAT, INT, FLOAT):
                self.i += 1
            if self.i - start != 16:
                raise self.error("invalid lane length", self.peek())
            lanes = bytearray()
            for u in self.toks[start : self.i]:
                v = parse_nat(str(u.value)) if u.kind == NAT else 256
                if v > 255:
                    raise self.error("i8 constant out of range", u)
                lanes.append(v)
            return code + bytes(lanes)
        if imm == "memory_init":
            mem = 0
            if self.at_index() and self.peek(1) is not None and self.peek(1).kind in (NAT, ID):  # type: ignore[union-attr]
                mem = m.index("memory")
            m.uses_data_index = True
            return code + uleb(m.index("data")) + uleb(mem)
        if imm == "memory_copy":
            if self.at_index():
                return code + uleb(m.index("memory")) + uleb(m.index("memory"))
            return code + b"\x00\x00"
        if imm == "table_init":
            table = 0
            if self.at_index() and self.peek(1) is not None and self.peek(1).kind in (NAT, ID):  # type: ignore[union-attr]
                table = m.index("table")
            return code + uleb(m.index("elem")) + uleb(table)
        if imm == "table_copy":
            if self.at_index():
                return code + uleb(m.index("table")) + uleb(m.index("table"))
            return code + b"\x00\x00"
        if imm == "field":
            tidx = m.index("type")
            u = self.next()
            if u.kind == ID:
                fields = m.field_names.get(tidx, {})
                if u.value not in fields:
                    raise self.error(f"unknown field ${u.value}", u)
                return code + uleb(tidx) + uleb(fields[str(u.value)])
            if u.kind != NAT:
                raise self.error("unexpected token", u)
            return code + uleb(tidx) + uleb(parse_nat(str(u.value)))
        if imm == "type_nat":
            tidx = m.index("type")
            return code + uleb(tidx) + uleb(self.nat())
        if imm == "type_data":
            m.uses_data_index = True
            return code + uleb(m.index("type")) + uleb(m.index("data"))
        if imm == "type_elem":
            return code + uleb(m.index("type")) + uleb(m.index("elem"))
        if imm == "type_type":
            return code + uleb(m.index("type")) + uleb(m.index("type"))
        if imm in ("ref_test", "ref_cast"):
            rt = m.reftype()
            null, ht = _split_reftype(rt)
            sub = code[1] + (1 if null else 0)
            return bytes([code[0], sub]) + ht
        if imm == "br_on_cast":
            label = self.label_index()
            n1, h1 = _split_reftype(m.reftype())
            n2, h2 = _split_reftype(m.reftype())
            return code + bytes([(1 if n1 else 0) | (2 if n2 else 0)]) + uleb(label) + h1 + h2
        if imm == "fence":
            return code + b"\x00"
        raise self.error("unknown operator", t)  # pragma: no cover

    def lane_index(self, limit: int = 256) -> int:
        t = self.next()
        if t.kind != NAT:
            raise self.error("unexpected token", t)
        v = parse_nat(str(t.value))
        if v >= limit:
            raise self.error("i8 constant out of range", t)
        return v

    # -- folded instructions --------------------------------------------------------

    def folded(self) -> None:
        """One parenthesized (folded) instruction (spec 6.5.9)."""
        self.lpar()
        t = self.next()
        if t.kind != KEYWORD:
            raise self.error("unexpected token", t)
        op = str(t.value)
        out = self.out
        if op in ("block", "loop", "try_table"):
            label = self.opt_id()
            bt = self.blocktype()
            self.marks.append((t.pos, len(out)))
            if op == "try_table":
                out += b"\x1f" + bt + self.catches()
            else:
                out += (b"\x02" if op == "block" else b"\x03") + bt
            self.labels.append(label)
            self.instrs()
            self.labels.pop()
            out.append(0x0B)
        elif op == "if":
            label = self.opt_id()
            bt = self.blocktype()
            while not self.at_open("then"):
                if not self.at_open():
                    raise self.error("unexpected token")
                self.folded()
            self.marks.append((t.pos, len(out)))  # after the condition's code
            out += b"\x04" + bt
            self.labels.append(label)
            self.i += 2
            self.instrs()
            self.rpar()
            if self.at_open("else"):
                self.i += 2
                out.append(0x05)
                self.instrs()
                self.rpar()
            self.labels.pop()
            out.append(0x0B)
        elif op == "try":
            label = self.opt_id()
            bt = self.blocktype()
            self.marks.append((t.pos, len(out)))
            out += b"\x06" + bt
            self.labels.append(label)
            self.lpar()
            self.kw("do")
            self.instrs()
            self.rpar()
            if not self.legacy_handlers(folded=True):
                self.labels.pop()
                out.append(0x0B)
        else:
            if op in BLOCK_END or op in ("then", "do"):
                raise self.error("unexpected token", t)
            enc = self.operator(op, t)
            while not self.at_rpar():
                if not self.at_open():
                    raise self.error("unexpected token")
                self.folded()
            self.marks.append((t.pos, len(out)))  # after its folded operands' code
            out += enc
        self.rpar()


BRANCH_HINT = "metadata.code.branch_hint"


def _branch_hints(hints: dict[int, list[tuple[int, int]]]) -> bytes:
    """The ``metadata.code.branch_hint`` section's contents: per function (by
    increasing index) its hints by increasing offset, each ``offset 1 value``."""
    funcs = []
    for idx in sorted(hints):
        entries = [uleb(off) + b"\x01" + bytes([v]) for off, v in sorted(hints[idx])]
        funcs.append(uleb(idx) + vec(entries))
    return vec(funcs)


def _signed(bits: int, width: int) -> int:
    return bits - (1 << width) if bits >> (width - 1) else bits


def _split_reftype(rt: bytes) -> tuple[bool, bytes]:
    """(nullable, heap type bytes) of an encoded reference type."""
    if rt[0] == 0x63:
        return True, rt[1:]
    if rt[0] == 0x64:
        return False, rt[1:]
    return True, rt  # abbreviation: nullable abstract heap type


def token_kinds() -> tuple[str, ...]:
    return (LPAR, RPAR, KEYWORD, ID, STRING, NAT, INT, FLOAT)
