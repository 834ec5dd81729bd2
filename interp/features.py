"""WebAssembly proposals as data: which ones the engine supports, which are enabled.

This module is the one place that says what nanowasm implements
(:data:`PROPOSALS`, column ``supported``).  The README's feature table is
checked against it (``tests/test_features.py``), the harness derives the
implemented feature areas of its expected-failure reasons from it
(:func:`harness.xfail`), and the decoder, validator and store read a
:class:`Features` value to refuse modules that use a disabled proposal.

Names are wasmtime's / wasmparser's (``Config.wasm_simd`` -> ``simd``); each
proposal also carries the suite's feature tag (``harness/features.py``).

A :class:`Features` value is the set of *enabled* proposals.  The default is
the WebAssembly 3.0 set.  Enabling a proposal the engine does not support is
allowed (the 3.0 default does), it just has no effect: such modules are
still refused, by the decoder's or validator's own error.  Disabling a
supported proposal makes :func:`check_module` refuse modules that use it
with :class:`FeatureDisabled`, naming the proposal and the first construct
that needs it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from .errors import InvalidError, MalformedError
from .records import record


@record(frozen=True, slots=True)
class Proposal:
    """One proposal: its switch name, the suite's tag, the README's wording."""

    name: str
    tag: str
    title: str
    standard: str  # "2.0" / "3.0": part of that standard; "" a proposal beyond 3.0
    supported: bool
    requires: tuple[str, ...] = ()


# fmt: off
PROPOSALS: tuple[Proposal, ...] = (
    Proposal("sign_extension", "sign-ext", "sign-extension", "2.0", True),
    Proposal("saturating_float_to_int", "sat-trunc", "non-trapping float-to-int", "2.0", True),
    Proposal("multi_value", "multi-value", "multi-value", "2.0", True),
    Proposal("bulk_memory", "bulk-memory", "bulk memory", "2.0", True),
    Proposal("reference_types", "reference-types", "reference types", "2.0", True),
    Proposal("simd", "SIMD", "fixed-width SIMD", "2.0", True),
    Proposal("relaxed_simd", "relaxed-SIMD", "relaxed SIMD", "3.0", True, ("simd",)),
    Proposal("multi_memory", "multi-memory", "multi-memory", "3.0", True),
    Proposal("extended_const", "extended-const", "extended constant expressions", "3.0", True),
    Proposal("tail_call", "tail-call", "tail calls", "3.0", True),
    Proposal("function_references", "function-references", "typed function references", "3.0",
             True, ("reference_types",)),
    Proposal("gc", "GC", "GC", "3.0", True, ("function_references",)),
    Proposal("exceptions", "exceptions", "exceptions", "3.0", True, ("reference_types",)),
    Proposal("memory64", "memory64", "memory64", "3.0", True),
    Proposal("legacy_exceptions", "legacy-exceptions", "legacy exceptions", "", True,
             ("exceptions",)),
    Proposal("threads", "threads", "threads", "", True),
    Proposal("wide_arithmetic", "wide-arithmetic", "wide arithmetic", "", True),
    Proposal("custom_page_sizes", "custom-page-sizes", "custom page sizes", "", True),
    Proposal("custom_descriptors", "custom-descriptors", "custom descriptors", "", True, ("gc",)),
)
# fmt: on

BY_NAME: dict[str, Proposal] = {p.name: p for p in PROPOSALS}
NAMES: tuple[str, ...] = tuple(p.name for p in PROPOSALS)
SUPPORTED: frozenset[str] = frozenset(p.name for p in PROPOSALS if p.supported)
"""The proposals the engine implements."""
WASM3: frozenset[str] = frozenset(p.name for p in PROPOSALS if p.standard in ("2.0", "3.0"))
"""The proposals of WebAssembly 3.0 (the default set)."""


class FeatureDisabled(InvalidError):
    """The module uses a proposal that the :class:`Features` in force disable.

    An :class:`InvalidError`: the module may be well-formed 3.0, but it is
    not a valid module of the configured language.  ``feature`` is the name.
    """

    def __init__(self, feature: str, what: str) -> None:
        super().__init__(f"{what} requires the {feature} feature, which is disabled")
        self.feature = feature


class FeatureMalformed(MalformedError, FeatureDisabled):
    """Bytes or text that only a disabled proposal gives a meaning to.

    Without the proposal they are malformed in the configured language, with
    the wording of the reference interpreter of that language (a memory's
    limits flag bit 3 without custom page sizes: "malformed limits flags"; a
    memory's limits beyond u32 without memory64: "integer too large"), so it
    is a :class:`~interp.errors.MalformedError` first; it is also a
    :class:`FeatureDisabled`, naming the proposal (``feature``).
    """

    def __init__(self, message: str, feature: str) -> None:
        MalformedError.__init__(
            self, f"{message} (requires the {feature} feature, which is disabled)"
        )
        self.feature = feature


def _closure(names: Iterable[str], edges: dict[str, set[str]]) -> set[str]:
    out: set[str] = set()
    todo = list(names)
    while todo:
        n = todo.pop()
        if n not in out:
            out.add(n)
            todo.extend(edges.get(n, ()))
    return out


_REQUIRES = {p.name: set(p.requires) for p in PROPOSALS}
_REQUIRED_BY: dict[str, set[str]] = {}
for _p in PROPOSALS:
    for _r in _p.requires:
        _REQUIRED_BY.setdefault(_r, set()).add(_p.name)


def _check_names(names: Iterable[str]) -> list[str]:
    names = list(names)
    for n in names:
        if n not in BY_NAME:
            raise ValueError(f"unknown WebAssembly feature {n!r} (known: {', '.join(NAMES)})")
    return names


@record(frozen=True, slots=True)
class Features:
    """The enabled proposals (default: WebAssembly 3.0).

    Immutable; :meth:`enable` and :meth:`disable` return new values and keep
    the set closed under dependencies (enabling ``gc`` enables
    ``function_references``; disabling ``simd`` disables ``relaxed_simd``).
    """

    enabled: frozenset[str] = WASM3

    def __post_init__(self) -> None:
        names = _check_names(self.enabled)
        missing = _closure(names, _REQUIRES) - set(names)
        if missing:
            raise ValueError(f"features {sorted(missing)} are required by the enabled ones")

    @classmethod
    def all(cls) -> Features:
        """Every proposal nanowasm knows of."""
        return cls(frozenset(NAMES))

    @classmethod
    def none(cls) -> Features:
        """Only the MVP (WebAssembly 1.0 without any later proposal)."""
        return cls(frozenset())

    def enable(self, *names: str) -> Features:
        return Features(frozenset(self.enabled | _closure(_check_names(names), _REQUIRES)))

    def disable(self, *names: str) -> Features:
        return Features(frozenset(self.enabled - _closure(_check_names(names), _REQUIRED_BY)))

    def __contains__(self, name: object) -> bool:
        return name in self.enabled

    def __iter__(self) -> Iterator[str]:
        return (n for n in NAMES if n in self.enabled)

    @property
    def complete(self) -> bool:
        """True when nothing the engine implements is disabled: then no module
        can use a disabled feature and :func:`check_module` has nothing to do."""
        return self.enabled >= SUPPORTED

    def __str__(self) -> str:
        return ",".join(self) or "mvp"


DEFAULT = Features()


_LAST_USES: list[tuple[object, dict[str, str]]] = []
"""The last module walked and its uses: decode, validate and instantiate check
the same module object in turn, and the default set (3.0, without the
supported proposals beyond it) is not complete, so this saves two walks."""


def check_module(module: object, features: Features | None) -> None:
    """Raise :class:`FeatureDisabled` if ``module`` uses a disabled proposal.

    Free when ``features`` is ``None`` or :attr:`Features.complete`: the walk
    over the module happens only for reduced sets -- the default among them
    since wide arithmetic and threads are supported but off by default
    (wasmtime's defaults); one walk per module object (:data:`_LAST_USES`).
    """
    if features is None or features.complete:
        return
    for name, what in module_uses(module).items():
        if name not in features:
            raise FeatureDisabled(name, what)


def module_uses(module: object) -> dict[str, str]:
    """Proposal name -> the first construct of ``module`` that needs it (one walk per module)."""
    last = _LAST_USES[0] if _LAST_USES else None
    if last is not None and last[0] is module:
        return last[1]
    from .uses import first_uses  # the walk knows the module structure

    uses = first_uses(module)
    _LAST_USES[:] = [(module, uses)]
    return uses


def remember_uses(module: object, uses: dict[str, str]) -> None:
    """Tell :func:`check_module` what ``module`` uses, without the walk.

    For a module decoded from bytes whose uses an earlier run recorded
    (the compiled-code cache's warm start, whose function bodies are not
    even decoded); the key of that record is the module's bytes.
    """
    _LAST_USES[:] = [(module, dict(uses))]
