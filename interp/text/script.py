"""The script layer (the spec test suite's ``.wast`` format, as the reference
interpreter's ``script/`` reads it): commands, actions, results.

:func:`parse_script` turns a script into the command model that
``wasm-tools json-from-wast`` also produces (a list of dicts with ``type``,
``line``, module file names, ``action``, ``expected``, ``text``), with the
modules kept in memory (``files``): binary modules as bytes, and modules
that are not well-formed text as their source (``module_type: "text"``, to
be parsed -- and refused -- when the assertion runs).  Values use the same
spelling as wasm-tools' JSON (unsigned decimal bit patterns, ``nan:canonical``).
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .errors import TextError
from .lexer import FLOAT, INT, KEYWORD, NAT, STRING, Lexer, Token
from .parser import KEYWORDS, MODULE_FIELDS, Cursor, ModuleParser, float_const, int_const

if TYPE_CHECKING:
    from ..features import Features

__all__ = ["Script", "module_from_source", "parse_script"]

_NULL_KIND = {
    "func": "funcref",
    "extern": "externref",
    "any": "anyref",
    "exn": "exnref",
    "eq": "eqref",
    "i31": "i31ref",
    "struct": "structref",
    "array": "arrayref",
    "none": "nullref",
    "nofunc": "nullfuncref",
    "noextern": "nullexternref",
    "noexn": "nullexnref",
}
_REF_PATTERN = {
    "ref.func": "funcref",
    "ref.extern": "externref",
    "ref.host": "anyref",
    "ref.any": "anyref",
    "ref.eq": "eqref",
    "ref.i31": "i31ref",
    "ref.struct": "structref",
    "ref.array": "arrayref",
    "ref.exn": "exnref",
}
_LANE = {
    "i8x16": "i8",
    "i16x8": "i16",
    "i32x4": "i32",
    "i64x2": "i64",
    "f32x4": "f32",
    "f64x2": "f64",
}


@dataclass
class Script:
    """A converted script: commands and the modules they name."""

    commands: list[dict[str, Any]]
    files: dict[str, bytes] = field(default_factory=dict)


@contextmanager
def _malformed_on_failure(cur: Cursor) -> Iterator[None]:
    """Any unforeseen failure of the reader on odd input is still malformed
    text, at the cursor: nesting beyond Python's stack as the reference
    interpreter's "nesting too deep" limit, anything else as "unexpected
    token" (never a stray Python exception)."""
    try:
        yield
    except TextError:
        raise
    except RecursionError:
        raise cur.error("nesting too deep for this implementation") from None
    except (IndexError, KeyError, ValueError, AttributeError, TypeError) as e:
        raise cur.error("unexpected token") from e


def module_from_source(src: bytes, features: Features | None = None) -> bytes:
    """A single module (``.wat`` file, or a quote module's text) to bytes
    (``features``: see :func:`interp.text.parse_module`)."""
    lex = Lexer(src, KEYWORDS)
    toks = lex.run()
    cur = Cursor(src, toks)
    with _malformed_on_failure(cur):
        if cur.at_open("module"):
            cur.i = 2
            cur.opt_id()
            data = _module_body(src, toks, cur, lex, quote_ok=True, features=features)
            cur.rpar()
        else:
            mp = ModuleParser(src, toks, 0, lex.annotations, features)
            data = mp.parse()
            cur.i = mp.i
        if cur.i != len(toks):
            raise cur.error("unexpected token")
        return data


def _module_body(
    src: bytes,
    toks: list[Token],
    cur: Cursor,
    lex: Lexer,
    quote_ok: bool,
    features: Features | None = None,
) -> bytes:
    """After ``(module $id?``: binary/quote/fields; returns the binary."""
    if cur.at_kw("binary"):
        cur.i += 1
        out = bytearray()
        while not cur.at_rpar():
            out += cur.string()
        return bytes(out)
    if cur.at_kw("quote"):
        cur.i += 1
        text = bytearray()
        while not cur.at_rpar():
            text += cur.string()
        return module_from_source(bytes(text), features)
    mp = ModuleParser(src, toks, cur.i, lex.annotations, features)
    data = mp.parse()
    cur.i = mp.i
    return data


class ScriptParser(Cursor):
    def __init__(self, src: bytes) -> None:
        self.lex = Lexer(src, KEYWORDS)
        super().__init__(src, self.lex.run())
        self.newlines = _newlines(src)
        self.script = Script([])
        self.counter = 0

    def line(self, tok: Token) -> int:
        return bisect.bisect_right(self.newlines, tok.pos - 1) + 1

    def run(self) -> Script:
        if self.at_open() and self.toks[1].value in MODULE_FIELDS:
            # a script that is a bare module (spec test suite convention)
            line = self.line(self.toks[1])
            mp = ModuleParser(self.src, self.toks, 0, self.lex.annotations)
            data = mp.parse()
            if mp.i != len(self.toks):
                raise self.error("unexpected token", self.toks[mp.i])
            cmd = {
                "type": "module",
                "line": line,
                "filename": self._file(data, "wasm"),
                "module_type": "binary",
            }
            self.script.commands.append(cmd)
            return self.script
        while self.peek() is not None:
            self.command()
        return self.script

    def _file(self, data: bytes, ext: str) -> str:
        name = f"m{self.counter}.{ext}"
        self.counter += 1
        self.script.files[name] = data
        return name

    # -- modules -------------------------------------------------------------------

    def module(self, cmd: dict[str, Any]) -> None:
        """``(module ...)`` at the cursor: fills filename/module_type/name."""
        start_tok = self.peek()
        assert start_tok is not None
        start = self.i
        self.lpar()
        self.kw("module")
        if self.at_kw("definition"):
            self.i += 1
            cmd["type"] = "module_definition" if cmd["type"] == "module" else cmd["type"]
        ident = self.opt_id()
        if ident is not None:
            cmd["name"] = ident
        body_start = self.i
        is_quote = self.at_kw("quote")
        try:
            data = _module_body(self.src, self.toks, self, self.lex, quote_ok=True)
            self.rpar()
            cmd["filename"] = self._file(data, "wasm")
            cmd["module_type"] = "binary"
        except TextError:
            # not well-formed: kept as text, refused when the command runs
            self.i = start
            self.skip_group()
            end_pos = self.toks[self.i - 1].pos + 1
            if is_quote:
                cur = Cursor(self.src, self.toks, body_start + 1)
                text = bytearray()
                while cur.peek() is not None and cur.peek().kind == STRING:  # type: ignore[union-attr]
                    text += cur.string()
                source = bytes(text)
            else:
                source = self.src[start_tok.pos : end_pos]
            cmd["filename"] = self._file(source, "wat")
            cmd["module_type"] = "text"
        except (IndexError, KeyError, ValueError, AttributeError, TypeError, RecursionError):
            self.i = start
            self.skip_group()
            end_pos = self.toks[self.i - 1].pos + 1
            cmd["filename"] = self._file(self.src[start_tok.pos : end_pos], "wat")
            cmd["module_type"] = "text"

    # -- commands ------------------------------------------------------------------

    def command(self) -> None:
        t = self.peek()
        if not self.at_open():
            raise self.error("unexpected token", t)
        assert t is not None
        word = str(self.toks[self.i + 1].value)
        line = self.line(self.toks[self.i + 1])
        cmd: dict[str, Any] = {"type": word, "line": line}
        if word == "module":
            save = self.i
            if self.toks[self.i + 2].kind == KEYWORD and self.toks[self.i + 2].value == "instance":
                self.i += 3
                cmd["type"] = "module_instance"
                inst = self.opt_id()
                mod = self.opt_id()
                if inst is not None:
                    cmd["instance"] = inst
                if mod is not None:
                    cmd["module"] = mod
                self.rpar()
            else:
                self.i = save
                self.module(cmd)
        elif word == "register":
            self.i += 2
            cmd["as"] = self.utf8().decode()
            ident = self.opt_id()
            if ident is not None:
                cmd["name"] = ident
            self.rpar()
        elif word in ("invoke", "get"):
            cmd = {"type": "action", "line": line, "action": self.action()}
        elif word in ("assert_return", "assert_trap", "assert_exhaustion", "assert_exception"):
            self.i += 2
            if self.at_open("module"):
                cmd["type"] = "assert_uninstantiable" if word == "assert_trap" else word
                cmd["line"] = self.line(self.toks[self.i + 1])
                self.module(cmd)
            else:
                cmd["line"] = self.line(self.toks[self.i + 1])
                cmd["action"] = self.action()
            if word == "assert_return":
                cmd["expected"] = []
                while not self.at_rpar():
                    cmd["expected"].append(self.result())
            elif word != "assert_exception":
                cmd["text"] = self.utf8().decode()
            self.rpar()
        elif word in (
            "assert_malformed",
            "assert_invalid",
            "assert_unlinkable",
            "assert_malformed_custom",
            "assert_invalid_custom",
        ):
            self.i += 2
            cmd["line"] = self.line(self.toks[self.i + 1])
            self.module(cmd)
            cmd["text"] = self.string().decode("utf-8", "replace")
            self.rpar()
        elif word == "thread":
            self.thread(cmd)
        elif word == "wait":
            self.i += 2
            cmd["thread"] = self.opt_id()
            self.rpar()
        elif word in ("script", "input", "output"):
            # threads and meta commands: kept as their kind; the runner reports
            # what it cannot run
            self.skip_group()
        else:
            raise self.error("unexpected token", self.toks[self.i + 1])
        self.script.commands.append(cmd)

    def thread(self, cmd: dict[str, Any]) -> None:
        """``(thread $T (shared (module $M))* cmd*)`` (threads proposal scripts):
        the commands are kept in ``cmd["commands"]``, the shared instances'
        names in ``cmd["shared"]``; :func:`interp.text.run.run_script` runs them
        in a Python thread, ``(wait $T)`` joins it."""
        self.i += 2
        cmd["name"] = self.opt_id()
        cmd["shared"] = []
        while self.at_open() and self.toks[self.i + 1].value == "shared":
            self.i += 2
            self.lpar()
            if self.keyword() != "module":
                raise self.error("unexpected token", self.toks[self.i - 1])
            cmd["shared"].append(self.opt_id())
            self.rpar()
            self.rpar()
        outer, self.script.commands = self.script.commands, []
        try:
            while self.at_open():
                self.command()
            cmd["commands"] = self.script.commands
        finally:
            self.script.commands = outer
        self.rpar()

    def action(self) -> dict[str, Any]:
        self.lpar()
        t = self.next()
        if t.kind != KEYWORD or t.value not in ("invoke", "get"):
            raise self.error("unexpected token", t)
        act: dict[str, Any] = {"type": t.value}
        ident = self.opt_id()
        if ident is not None:
            act["module"] = ident
        act["field"] = self.utf8().decode()
        if t.value == "invoke":
            act["args"] = []
            while not self.at_rpar():
                act["args"].append(self.const(pattern=False))
        self.rpar()
        return act

    def result(self) -> dict[str, Any]:
        if self.at_open("either"):
            self.i += 2
            alts = []
            while not self.at_rpar():
                alts.append(self.result())
            self.rpar()
            return {"type": "either", "values": alts}
        return self.const(pattern=True)

    def const(self, pattern: bool) -> dict[str, Any]:
        self.lpar()
        t = self.next()
        op = str(t.value) if t.kind == KEYWORD else ""
        out: dict[str, Any]
        if op in ("i32.const", "i64.const"):
            width = 32 if op == "i32.const" else 64
            out = {"type": op[:3], "value": str(_signed(int_const(self, width), width))}
        elif op in ("f32.const", "f64.const"):
            width = 32 if op == "f32.const" else 64
            out = {"type": op[:3], "value": self.float_or_nan(width, pattern)}
        elif op == "v128.const":
            shape = self.next()
            if shape.kind != KEYWORD or shape.value not in _LANE:
                raise self.error("unexpected token", shape)
            lane = _LANE[str(shape.value)]
            n = 128 // int(lane[1:])
            lanes = []
            for _ in range(n):
                u = self.peek()
                if u is None or u.kind not in (NAT, INT, FLOAT, KEYWORD):
                    raise self.error("wrong number of lane literals", u)
                if lane[0] == "f":
                    lanes.append(self.float_or_nan(int(lane[1:]), pattern))
                else:
                    w = int(lane[1:])
                    lanes.append(str(_signed(int_const(self, w), w)))
            out = {"type": "v128", "lane_type": lane, "value": lanes}
        elif op == "ref.null":
            if self.at_rpar():
                out = {"type": "refnull"}
            else:
                ht = self.next()
                kind = _NULL_KIND.get(str(ht.value), "refnull") if ht.kind == KEYWORD else "refnull"
                out = (
                    {"type": kind, "value": "null"}
                    if not kind.startswith("null")
                    else {"type": kind}
                )
        elif op in _REF_PATTERN:
            out = {"type": _REF_PATTERN[op]}
            if not self.at_rpar():
                u = self.next()
                if u.kind != NAT:
                    raise self.error("unexpected token", u)
                out["value"] = str(u.value).replace("_", "")
        else:
            raise self.error("unexpected token", t)
        self.rpar()
        return out

    def float_or_nan(self, width: int, pattern: bool) -> str:
        t = self.peek()
        if (
            pattern
            and t is not None
            and t.kind == KEYWORD
            and t.value in ("nan:canonical", "nan:arithmetic")
        ):
            self.i += 1
            return str(t.value)
        return str(float_const(self, width))


def _signed(bits: int, width: int) -> int:
    return bits - (1 << width) if bits >> (width - 1) else bits


def _newlines(src: bytes) -> list[int]:
    out = []
    k = src.find(b"\n")
    while k >= 0:
        out.append(k)
        k = src.find(b"\n", k + 1)
    return out


def parse_script(src: bytes) -> Script:
    """A whole ``.wast`` script; TextError if the script itself is malformed."""
    p = ScriptParser(src)
    with _malformed_on_failure(p):
        return p.run()
