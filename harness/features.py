"""Feature tags of the suite's scripts: one table, ``spec/features.toml``.

The table maps a script path (relative to the suite; globs allowed) to the
feature areas it exercises.  It was derived from the scripts' content by
:func:`derive_tags` (``python -m harness.features --write``) and may be
edited by hand; the summary and the reports read only the table.

``WASM2`` lists the areas of WebAssembly 2.0; :func:`in_wasm2` tells whether
a script needs nothing beyond them.
"""

from __future__ import annotations

import fnmatch
import functools
import re
import sys
import tomllib
from pathlib import Path

#: feature areas from oldest to newest proposal: a script counts under the
#: newest of its tags (its *primary* feature), the one it stands or falls by
FEATURE_ORDER = (
    "MVP",
    "sign-ext",
    "sat-trunc",
    "multi-value",
    "bulk-memory",
    "reference-types",
    "SIMD",
    "relaxed-SIMD",
    "tail-call",
    "extended-const",
    "multi-memory",
    "memory64",
    "exceptions",
    "legacy-exceptions",
    "function-references",
    "GC",
    "threads",
    "annotations",
    "custom-page-sizes",
    "wide-arithmetic",
    "custom-descriptors",
)


def primary_feature(tags: list[str]) -> str:
    """The newest of a script's feature tags (unknown tags count as newest)."""
    if not tags:
        return "MVP"
    rank = {f: i for i, f in enumerate(FEATURE_ORDER)}
    return max(tags, key=lambda t: (rank.get(t, len(FEATURE_ORDER)), t))


#: What a script *tests*: the proposal that introduced it, read off its path
#: (first match wins).  The suite names scripts after what they test:
#: proposals in their folders, ``simd_*`` for SIMD, ``*64`` for memory64,
#: numbered copies (``address0.wast``) for multi-memory, and the names of the
#: instructions a proposal added.  A script matched by no rule is a core
#: script (``i32.wast`` tests i32 arithmetic even though it also contains the
#: sign-extension instructions, so it counts under MVP, not under sign-ext).
#: Content tags (``[scripts]`` of ``spec/features.toml``) say what a script
#: *uses*; they drive the expected-failure reasons, not the figures.
TESTS_RULES: tuple[tuple[str, str], ...] = (
    (r"^proposals/threads/", "threads"),
    (r"^proposals/custom-page-sizes/", "custom-page-sizes"),
    (r"^proposals/wide-arithmetic/", "wide-arithmetic"),
    (r"^proposals/custom-descriptors/", "custom-descriptors"),
    (r"^proposals/([^/]+)/", r"\1"),
    (r"^legacy/", "legacy-exceptions"),
    (r"^custom/|^annotations\.wast$", "annotations"),
    (r"relaxed", "relaxed-SIMD"),
    (r"^simd_memory-multi\.wast$", "multi-memory"),
    (r"^simd_", "SIMD"),
    (r"^(?![fi]64\.wast$)(memory64.*|table_copy_mixed|\w+?_?64)\.wast$", "memory64"),
    (r"^memory-multi\.wast$|^memory_size_import\.wast$", "multi-memory"),
    (r"^(?![fi](32|64)\.wast$|i31\.wast$)[a-z_]+\d\.wast$", "multi-memory"),
    (r"^return_call_ref\.wast$", "function-references"),
    (r"^return_call", "tail-call"),
    (
        r"^(array\w*|struct|i31|ref_(cast|test|eq)|br_on_cast\w*|extern|binary-gc"
        r"|type-(canon|equivalence|rec|subtyping))\.wast$",
        "GC",
    ),
    (
        r"^(call_ref|br_on_(non_)?null|ref_as_non_null|local_init|ref|table-sub)\.wast$",
        "function-references",
    ),
    (r"^(throw|throw_ref|try_table|tag)\.wast$", "exceptions"),
    (r"^(bulk|memory_(copy|fill|init)|table_(copy|init))\.wast$", "bulk-memory"),
    (r"^(ref_(func|is_null|null)|table_(fill|get|grow|set|size))\.wast$", "reference-types"),
)


def tested_feature(rel: str) -> str:
    """The feature area a script tests (see :data:`TESTS_RULES`); ``MVP`` otherwise."""
    for pattern, feature in TESTS_RULES:
        m = re.search(pattern, rel)
        if m:
            return m.expand(feature)
    return "MVP"


WASM2 = frozenset(
    {"MVP", "sign-ext", "sat-trunc", "multi-value", "bulk-memory", "reference-types", "SIMD"}
)

#: folder prefix -> tag (proposals kept apart from the main suite)
PATH_TAGS = {
    "proposals/threads/": "threads",
    "proposals/custom-page-sizes/": "custom-page-sizes",
    "proposals/wide-arithmetic/": "wide-arithmetic",
    "proposals/custom-descriptors/": "custom-descriptors",
    "legacy/": "legacy-exceptions",
    "custom/": "annotations",
}

#: tag -> regular expression over the script's path (binary-only scripts)
NAME_TAGS = {
    "memory64": r"(^|/)[\w-]*64\.wast$",
    "GC": r"(^|/)binary-gc\.wast$",
    "multi-memory": r"(^|/)[\w-]*multi\.wast$",
    "SIMD": r"(^|/)simd_",
    "relaxed-SIMD": r"relaxed",
}

#: tag -> regular expressions over the script text
CONTENT_TAGS: dict[str, tuple[str, ...]] = {
    "sign-ext": (r"\bi(32|64)\.extend(8|16|32)_s\b",),
    "sat-trunc": (r"\btrunc_sat_f",),
    "multi-value": (
        r"\(result(\s+[if](32|64))(\s+[a-z0-9]+)+\)",
        r"\(param(\s+[a-z0-9]+)*\)\s*\(result\s+\w+\s+\w+",
    ),
    "bulk-memory": (
        r"\bmemory\.(fill|copy|init)\b",
        r"\bdata\.drop\b",
        r"\btable\.(copy|init)\b",
        r"\belem\.drop\b",
    ),
    "reference-types": (
        r"\bref\.(null|func|is_null)\b",
        r"\bexternref\b",
        r"\btable\.(get|set|size|grow|fill)\b",
    ),
    "SIMD": (r"\bv128\b", r"\b[if](8|16|32|64)x\d+\."),
    "relaxed-SIMD": (r"\brelaxed_",),
    "tail-call": (r"\breturn_call",),
    "extended-const": (r"\((global|offset)\s[^\n]*\(i(32|64)\.(add|sub|mul)\b",),
    "multi-memory": (
        r"\(memory\.(size|grow|fill|copy|init)\s+\$?\w",
        r"\.(load|store)\w*\s+\$\w+",
        r"\.(load|store)\w*\s+[1-9]\b",
    ),
    "memory64": (r"\((memory|table)(\s+\$\S+)?(\s+\(\w+[^)]*\))*\s+i64\b",),
    "exceptions": (r"\btry_table\b", r"\bthrow(_ref)?\b", r"\(tag\b", r"\bexnref\b"),
    "function-references": (
        r"\bcall_ref\b",
        r"\bref\.as_non_null\b",
        r"\bbr_on_(non_)?null\b",
        r"\(ref\s+(null\s+)?\$",
        r"\(ref\s+(func|extern)\)",
    ),
    "GC": (
        r"\bstruct\.",
        r"\barray\.",
        r"\bref\.i31\b",
        r"\(rec\b",
        r"\(sub\b",
        r"\bref\.(test|cast|eq)\b",
        r"\bbr_on_cast",
        r"\b(any|extern)\.convert_",
        r"\b(anyref|eqref|i31ref|structref|arrayref|nullref)\b",
    ),
    "threads": (r"\bshared\b", r"\.atomic\.", r"\bmemory\.atomic"),
    "wide-arithmetic": (r"\bi64\.(add128|sub128|mul_wide)",),
    "annotations": (r"\(@",),
}


def derive_tags(rel: str, text: str) -> list[str]:
    """The feature tags of one script, from its path and content."""
    tags = {tag for prefix, tag in PATH_TAGS.items() if rel.startswith(prefix)}
    # the negative tests of the core spec mention every keyword; only look at
    # the text outside ``(module quote ...)`` strings would be better, but the
    # table is reviewed by hand anyway
    for tag, patterns in CONTENT_TAGS.items():
        if any(re.search(p, text) for p in patterns):
            tags.add(tag)
    for tag, pattern in NAME_TAGS.items():
        if re.search(pattern, rel):
            tags.add(tag)
    if not tags:
        tags.add("MVP")
    return sorted(tags, key=lambda t: (t != "MVP", t))


def load_features(path: Path) -> dict[str, list[str]]:
    if not path.is_file():
        return {}
    data = tomllib.loads(path.read_text())
    return {k: list(v) for k, v in data.get("scripts", {}).items()}


def load_engine_table(path: Path) -> dict[str, frozenset[str]]:
    """The ``[engine]`` table: folder prefix -> proposals its scripts run without."""
    if not path.is_file():
        return {}
    data = tomllib.loads(path.read_text())
    return {k: frozenset(v.get("disable", ())) for k, v in data.get("engine", {}).items()}


@functools.cache
def _engine_table() -> dict[str, frozenset[str]]:
    from .suite import REPO_ROOT

    return load_engine_table(REPO_ROOT / "spec" / "features.toml")


def engine_disabled(rel: str, table: dict[str, frozenset[str]] | None = None) -> frozenset[str]:
    """The proposals a script runs without: ``disable`` of the longest folder
    prefix of ``rel`` in the ``[engine]`` table (``""`` matches every script)."""
    table = _engine_table() if table is None else table
    best = max((p for p in table if rel.startswith(p)), key=len, default=None)
    return frozenset() if best is None else table[best]


def tags_for(features: dict[str, list[str]], rel: str) -> list[str]:
    if rel in features:
        return features[rel]
    for pattern, tags in features.items():
        if fnmatch.fnmatchcase(rel, pattern):
            return tags
    return ["untagged"]


def in_wasm2(features: dict[str, list[str]], rel: str) -> bool:
    """Does the script need nothing beyond WebAssembly 2.0?"""
    return set(tags_for(features, rel)) <= WASM2


_SCRIPTS_HEADER = "# Feature areas of each script of the WebAssembly test suite."


def _engine_section(path: Path) -> list[str]:
    """The hand-written ``[engine]`` block heading the file, kept by ``--write``."""
    if not path.is_file():
        return []
    text = path.read_text()
    head = text.split(_SCRIPTS_HEADER, 1)[0] if _SCRIPTS_HEADER in text else ""
    return head.splitlines()


def render_table(root: Path) -> str:
    from .suite import REPO_ROOT, list_scripts, suite_commit

    engine = _engine_section(REPO_ROOT / "spec" / "features.toml")
    lines = [
        *engine,
        _SCRIPTS_HEADER,
        "# Derived from the scripts' content by `python -m harness.features --write`",
        f"# against suite commit {suite_commit(root)}; reviewed and editable by hand.",
        "# Keys: script paths relative to the suite (globs allowed). Used by the",
        "# conformance summary (by_feature) and to select the WebAssembly 2.0 subset",
        "# (tags within: " + ", ".join(sorted(WASM2)) + ").",
        "",
        "[scripts]",
    ]
    for rel in list_scripts(root):
        text = (root / rel).read_text(errors="replace")
        tags = ", ".join(f'"{t}"' for t in derive_tags(rel, text))
        lines.append(f'"{rel}" = [{tags}]')
    return "\n".join(lines) + "\n"


def main(argv: list[str]) -> int:
    from .suite import REPO_ROOT, suite_dir

    table = render_table(suite_dir(None))
    if "--write" in argv:
        (REPO_ROOT / "spec" / "features.toml").write_text(table)
    else:
        sys.stdout.write(table)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
