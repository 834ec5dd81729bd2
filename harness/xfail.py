"""Maintain ``spec/xfail/<engine>.toml`` from the JSON record of a run.

    pytest spec --engine wasmtime -n auto --record run.json
    python -m harness.xfail run.json            # rewrites spec/xfail/wasmtime.toml

Entries that still fail keep their (hand-written) reasons; failures not yet
listed are added with the harness's one-line diagnosis as reason (edit it!);
entries that passed (XPASS) are dropped, so the list only shrinks unless the
engine regresses.  Item ids are ``<script>::<item name>`` relative to ``spec/``.
"""

from __future__ import annotations

import json
import re
import sys
import tomllib
from pathlib import Path

from interp.features import PROPOSALS

from .features import load_features, tags_for
from .suite import REPO_ROOT


def _key(nodeid: str) -> str:
    return nodeid.removeprefix("spec/")


def auto_reason(message: str) -> str:
    """The headline of a failure: ``expected invalid, got malformed (engine error: ...)``."""
    lines = [
        ln.strip() for ln in message.splitlines() if ln.strip() and not ln.startswith("[gw")
    ]  # xdist's worker line
    head = next((ln for ln in lines if re.match(r"\S+\.wast:\d+: ", ln)), lines[0] if lines else "")
    head = head.split(": ", 2)[-1]
    err = next((ln for ln in lines if ln.startswith("engine error:")), "")
    reason = f"{head} ({err})" if err else head
    return re.sub(r"\s*\(at offset 0x[0-9a-f]+\)", "", reason)[:200]


#: the feature tags each built-in engine implements (beyond these, a failure's
#: reason names the missing feature); nanowasm's come from the one table of
#: what it supports, :data:`interp.features.PROPOSALS`
IMPLEMENTED: dict[str, frozenset[str]] = {
    "nanowasm": frozenset({"MVP"} | {p.tag for p in PROPOSALS if p.supported}),
}

#: engine error text -> the proposal whose encoding it is (binary format of 3.0)
_ERROR_FEATURES: list[tuple[str, str]] = [
    ("malformed function type", "GC"),  # rec / sub / struct / array types
    ("illegal opcode fb", "GC"),
    ("malformed reference type", "function-references"),  # (ref null? $t), non-null refs
    ("illegal opcode fe", "threads"),  # atomics
    ("malformed section id", "exceptions"),  # the tag section
    ("malformed import kind", "exceptions"),  # tag imports
    ("malformed export kind", "exceptions"),
]
_DEPENDENT = (
    "depends on an earlier module",
    "is not available",
    "no current module",
    "unknown import",
)


def _error_feature(reason: str, tags: set[str]) -> str | None:
    if "malformed limits flags" in reason:  # 64-bit or shared limits
        for tag in ("threads", "custom-page-sizes", "memory64"):
            if tag in tags:
                return tag
        return "memory64"
    return next((feat for text, feat in _ERROR_FEATURES if text in reason), None)


def feature_reasons(engine: str, entries: dict[str, str]) -> dict[str, str]:
    """Prefix each auto-generated reason with the missing feature it comes from.

    The feature is the engine error's proposal (e.g. "malformed reference
    type" is a typed function reference), else the script's tags that the
    engine does not implement, else -- for an item that only fails because an
    earlier module of its script was refused -- the feature of the script's
    first refused module.  Reasons that already name a feature (or start with
    ``suite:``, a hand-written explanation) are kept.
    """
    implemented = IMPLEMENTED.get(engine)
    if implemented is None:
        return entries
    features = load_features(REPO_ROOT / "spec" / "features.toml")
    script_feature: dict[str, str] = {}
    out: dict[str, str] = {}
    for key in sorted(entries, key=lambda k: (k.split("::")[0], _line(k))):
        reason = entries[key]
        if reason.startswith(("missing feature", "suite:")):  # already explained
            out[key] = reason
            continue
        script = key.split("::")[0]
        tags = set(tags_for(features, script))
        feat = _error_feature(reason, tags)
        if feat in implemented:  # that encoding is read now: the error means something else
            feat = None
        if feat is None and any(d in reason for d in _DEPENDENT):
            feat = script_feature.get(script)
        if feat is None and tags - implemented:
            feat = ", ".join(sorted(tags - implemented))
        if feat is not None:
            script_feature.setdefault(script, feat)
            out[key] = f"missing feature {feat}: {reason}"
        else:
            out[key] = reason
    return dict(sorted(out.items()))


def _line(key: str) -> int:
    m = re.search(r"::line_(\d+)_", key)
    return int(m.group(1)) if m else 0


def update(record: dict, existing: dict[str, str]) -> dict[str, str]:
    """The new list: entries that still fail, plus new failures.

    A partial record (``pytest spec/a.wast spec/b.wast``) speaks only of the
    scripts it ran: entries of the other scripts are kept as they are, so a
    list can be refreshed from a run of just the scripts a change affects.
    """
    still = set(record.get("xfailed", []))
    ran = set(record.get("by_file", {}))
    partial = not record.get("complete", True)

    def keep(key: str) -> bool:
        if "spec/" + key in still or any(c in key for c in "*?["):
            return True
        return partial and key.split("::", 1)[0] not in ran

    out = {k: v for k, v in existing.items() if keep(k)}
    for f in record["failures"]:
        if f.get("outcome", "failed") in ("failed", "error"):
            out.setdefault(_key(f["id"]), auto_reason(f["message"]))
    return feature_reasons(record["engine"], dict(sorted(out.items())))


def render(entries: dict[str, str], engine: str, suite_commit: str) -> str:
    lines = [
        f"# Expected failures of engine {engine!r} (strict: an entry that passes fails the run).",
        f"# Made against suite commit {suite_commit}; maintained with `python -m harness.xfail`.",
        '# Keys: "<script>::<item>" relative to spec/ (globs allowed); values: the reason.',
        "",
        "[xfail]",
    ]
    lines += [f"{json.dumps(k)} = {json.dumps(v)}" for k, v in entries.items()]
    return "\n".join(lines) + "\n"


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__)
        return 2
    record = json.loads(Path(argv[0]).read_text())
    engine = record["engine"]
    path = Path(argv[1]) if len(argv) > 1 else REPO_ROOT / "spec" / "xfail" / f"{engine}.toml"
    existing: dict[str, str] = {}
    if path.is_file():
        for section in tomllib.loads(path.read_text()).values():
            if isinstance(section, dict):
                existing.update({k: str(v) for k, v in section.items()})
    entries = update(record, existing)
    path.write_text(render(entries, engine, record.get("suite_commit", "unknown")))
    print(f"{path}: {len(entries)} entries")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
