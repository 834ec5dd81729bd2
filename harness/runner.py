"""The commands of one script, and running them in order with shared state.

Each command of wasm-tools' JSON becomes a :class:`Command` with a stable,
readable name (``line_37_assert_return_add``).  A :class:`ScriptRunner` keeps
the state of one script (instances, registered names, the current module):
running command *n* first replays, silently, the commands before it that
were not run yet, so selecting one item with ``-k`` (or an item landing
alone on an xdist worker) still sees the state it depends on.
"""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass, field
from typing import Any

from .engines.base import Engine, EngineError, Unsupported
from .suite import Converted
from .values import (
    Expected,
    Value,
    format_expected,
    format_value,
    lane_hint,
    matches,
    parse_arg,
    parse_expected,
)

#: the error category each negative assertion expects
EXPECTED_CATEGORY = {
    "assert_malformed": "malformed",
    "assert_malformed_custom": "malformed",
    "assert_invalid": "invalid",
    "assert_invalid_custom": "invalid",
    "assert_unlinkable": "unlinkable",
    "assert_uninstantiable": "trap",
    "assert_trap": "trap",
    "assert_exhaustion": "exhaustion",
    "assert_exception": "exception",
}
#: commands without side effects on the script's state: not replayed
PURE = frozenset(
    {"assert_malformed", "assert_invalid", "assert_malformed_custom", "assert_invalid_custom"}
)


class Failure(Exception):
    """The assertion does not hold; the message says what a person needs."""


class Skipped(Exception):
    """The command cannot be run on this engine (reason given)."""


@dataclass
class Command:
    index: int
    line: int
    kind: str
    name: str
    data: dict[str, Any]

    @property
    def field(self) -> str | None:
        action = self.data.get("action")
        return action.get("field") if action else None


_UNSAFE = re.compile(r"[^A-Za-z0-9_.-]+")


def command_name(cmd: dict[str, Any]) -> str:
    """``line_<N>_<kind>[_<export>]``, export sanitised and shortened."""
    name = f"line_{cmd['line']}_{cmd['type']}"
    action = cmd.get("action")
    if action and action.get("field") is not None:
        fld = _UNSAFE.sub("_", action["field"]).strip("_")[:40] or "_"
        name += f"_{fld}"
    return name


def commands_of(converted: Converted) -> list[Command]:
    out: list[Command] = []
    seen: dict[str, int] = {}
    for i, cmd in enumerate(converted.commands):
        name = command_name(cmd)
        n = seen.get(name, 0) + 1
        seen[name] = n
        if n > 1:
            name += f"_{n}"
        out.append(Command(i, cmd["line"], cmd["type"], name, cmd))
    return out


@dataclass
class Outcome:
    """What a command produced besides pass/fail: the message-match figure."""

    message_expected: str | None = None
    message_actual: str | None = None
    message_matched: bool | None = None


@dataclass
class ScriptRunner:
    converted: Converted
    engine: Engine
    script_label: str
    position: int = 0
    current: Any = None
    current_def: Any = None
    instances: dict[str, Any] = field(default_factory=dict)
    definitions: dict[str, Any] = field(default_factory=dict)

    def reset(self) -> None:
        from .features import engine_disabled

        use_features = getattr(self.engine, "use_features", None)  # duck-typed adapters too
        if use_features is not None:
            use_features(engine_disabled(self.script_label.removeprefix("spec/")))
        self.engine.reset()
        self.position = 0
        self.current = None
        self.current_def = None
        self.instances.clear()
        self.definitions.clear()

    def run(self, command: Command, commands: list[Command]) -> Outcome:
        """Run ``command``, replaying what precedes it first if needed."""
        if command.index < self.position or self.position == 0:
            self.reset()
        for earlier in commands[self.position : command.index]:
            if earlier.kind not in PURE:
                # replayed silently: its own item reports any problem
                with contextlib.suppress(Exception):
                    self.execute(earlier)
        self.position = command.index + 1
        try:
            return self.execute(command)
        except Failure as e:
            if str(e).startswith(self.script_label):
                raise
            raise Failure(self._describe(command, str(e))) from None

    # -- one command -----------------------------------------------------------

    def execute(self, cmd: Command) -> Outcome:
        d = cmd.data
        kind = cmd.kind
        if kind == "module":
            # a module that fails leaves no current module, so the commands after
            # it fail visibly instead of running against the previous one
            self.current = None
            if d.get("name"):
                self.instances.pop(d["name"], None)
            inst = self._instantiate(self._compile(d, cmd), d)
            self.current = inst
            if d.get("name"):
                self.instances[d["name"]] = inst
            return Outcome()
        if kind == "module_definition":
            module = self._compile(d, cmd)
            self.current_def = module
            if d.get("name"):
                self.definitions[d["name"]] = module
            return Outcome()
        if kind == "module_instance":
            name = d.get("module")
            module = self.definitions.get(name) if name else self.current_def
            if module is None:
                raise Failure(f"module definition {d.get('module')!r} is not available")
            inst = self._instantiate(module, d)
            self.current = inst
            if d.get("instance"):
                self.instances[d["instance"]] = inst
            return Outcome()
        if kind == "register":
            inst = self._instance(d.get("name"))
            self.engine.register(d["as"], inst)
            return Outcome()
        if kind == "action":
            self._act(d["action"])
            return Outcome()
        if kind == "assert_return":
            self._assert_return(cmd)
            return Outcome()
        if (
            kind == "assert_malformed_custom"
            and d.get("module_type") == "text"
            and self.engine.parses_text
        ):
            # a malformed custom annotation: the engine's text front end refuses it
            return self._assert_error(cmd)
        if kind == "assert_invalid_custom":
            # a custom section whose contents do not validate (e.g. a branch hint
            # for no branch): an engine that does not check it fails the item,
            # which its expected-failure list then explains
            return self._assert_error(cmd)
        if kind == "assert_malformed_custom":
            raise Skipped(
                "malformed custom annotation in a text module: the engine does not parse text"
            )
        if kind in EXPECTED_CATEGORY:
            return self._assert_error(cmd)
        raise Skipped(f"unknown command kind {kind!r}")

    def _instance(self, name: str | None) -> Any:
        if name:
            if name not in self.instances:
                raise Failure(f"module ${name} is not available (did its definition fail?)")
            return self.instances[name]
        if self.current is None:
            raise Failure("no current module (did the module command fail?)")
        return self.current

    def _compile(self, d: dict[str, Any], cmd: Command, *, expect_error: bool = False) -> Any:
        """Decode and validate the command's module; errors propagate."""
        try:
            if d.get("module_type") == "text" and not d.get("binary_filename"):
                if not self.engine.parses_text:
                    raise Skipped(
                        f"text-format module ({d['filename']}): "
                        f"engine {self.engine.name} does not parse text"
                    )
                raw = self.converted.module_bytes(d["filename"])
                compile_bytes = getattr(self.engine, "compile_text_bytes", None)
                if compile_bytes is not None:  # the text exactly, invalid UTF-8 included
                    return compile_bytes(raw)
                return self.engine.compile_text(raw.decode("utf-8", "replace"))
            fname = d.get("binary_filename") or d["filename"]
            return self.engine.compile(self.converted.module_bytes(fname))
        except EngineError as e:
            if expect_error:
                raise
            raise Failure(self._describe(cmd, "module refused", error=e)) from None
        except Unsupported as e:
            raise Skipped(str(e)) from None

    def _instantiate(self, module: Any, d: dict[str, Any]) -> Any:
        try:
            return self.engine.instantiate(module)
        except EngineError as e:
            raise Failure(f"instantiation failed: {e}") from None

    def _act(self, action: dict[str, Any]) -> list[Value]:
        inst = self._instance(action.get("module"))
        try:
            if action["type"] == "get":
                return [self.engine.get_global(inst, action["field"])]
            args = [parse_arg(a) for a in action.get("args", [])]
            return self.engine.invoke(inst, action["field"], args)
        except Unsupported as e:
            raise Skipped(str(e)) from None

    def _assert_return(self, cmd: Command) -> None:
        d = cmd.data
        expected = [parse_expected(x) for x in d.get("expected", [])]
        try:
            got = self._act(d["action"])
        except EngineError as e:
            raise Failure(
                self._describe(cmd, "action failed", expected=expected, error=e)
            ) from None
        if len(got) != len(expected) or not all(
            matches(e, g) for e, g in zip(expected, got, strict=True)
        ):
            raise Failure(self._describe(cmd, "wrong result", expected=expected, got=got))

    def _assert_error(self, cmd: Command) -> Outcome:
        d = cmd.data
        want = EXPECTED_CATEGORY[cmd.kind]
        try:
            if "action" in d:
                got = self._act(d["action"])
                raise Failure(self._describe(cmd, f"expected {want}, the action returned", got=got))
            refused = (
                "assert_malformed",
                "assert_invalid",
                "assert_malformed_custom",
                "assert_invalid_custom",
            )
            module = self._compile(d, cmd, expect_error=cmd.kind in refused)
            if cmd.kind in refused:
                raise Failure(self._describe(cmd, f"expected {want}, the module was accepted"))
            inst = self.engine.instantiate(module)
            if cmd.kind == "assert_uninstantiable":
                self.current = inst  # the reference interpreter keeps it too
            raise Failure(self._describe(cmd, f"expected {want}, instantiation succeeded"))
        except EngineError as e:
            if e.category != want:
                raise Failure(
                    self._describe(cmd, f"expected {want}, got {e.category}", error=e)
                ) from None
            text = d.get("text")
            matched = None if text is None else e.message.startswith(text)
            return Outcome(text, e.message, matched)

    # -- diagnostics -------------------------------------------------------------

    def _describe(
        self,
        cmd: Command,
        what: str,
        *,
        expected: list[Expected] | None = None,
        got: list[Value] | None = None,
        error: Exception | None = None,
    ) -> str:
        d = cmd.data
        lines = [f"{self.script_label}:{cmd.line}: {cmd.kind}: {what}"]
        action = d.get("action")
        if action:
            args = ", ".join(format_value(parse_arg(a)) for a in action.get("args", []))
            target = f"${action['module']}." if action.get("module") else ""
            lines.append(f"  action:   {action['type']} {target}{action['field']!r}({args})")
        if d.get("filename"):
            folder = self.converted.folder
            lines.append(f"  module:   {folder / d['filename'] if folder else d['filename']}")
        if d.get("text") is not None:
            lines.append(f"  expected error text: {d['text']!r}")
        if expected is not None:
            lines.append("  expected: " + ", ".join(format_expected(e) for e in expected))
        if got is not None:
            hints = [lane_hint(e) for e in expected] if expected else []
            hints += [None] * (len(got) - len(hints))
            lines.append(
                "  actual:   "
                + ", ".join(format_value(g, h) for g, h in zip(got, hints, strict=False))
            )
        if error is not None:
            lines.append(f"  engine error: {error}")
        return "\n".join(lines)
