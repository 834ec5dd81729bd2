"""One palette for every plot and the page, so a colour means the same thing everywhere."""

from __future__ import annotations

from harness.features import FEATURE_ORDER  # feature areas, one order for summary and plots

#: outcome -> colour (also used by the HTML tables)
OUTCOME_COLOURS = {
    "passed": "#2e7d32",
    "failed": "#c62828",
    "error": "#6a1b9a",
    "xfailed": "#ef6c00",
    "xpassed": "#ad1457",
    "skipped": "#9e9e9e",
}
#: engine -> colour
ENGINE_COLOURS = {
    "nanowasm": "#1565c0",
    "wasmtime": "#6d4c41",
    "pywasm": "#f9a825",
    "wasm3": "#00897b",
}
TOTAL_COLOUR = "#111111"
_CYCLE = (
    "#1f77b4",
    "#ff7f0e",
    "#2ca02c",
    "#d62728",
    "#9467bd",
    "#8c564b",
    "#e377c2",
    "#7f7f7f",
    "#bcbd22",
    "#17becf",
    "#393b79",
    "#637939",
    "#8c6d31",
    "#843c39",
    "#7b4173",
    "#3182bd",
    "#e6550d",
    "#31a354",
    "#756bb1",
    "#636363",
    "#969696",
    "#a55194",
    "#6baed6",
    "#fd8d3c",
)


def engine_colour(engine: str) -> str:
    base = engine.rsplit(":", 1)[-1].lower().removesuffix("engine")
    return ENGINE_COLOURS.get(engine, ENGINE_COLOURS.get(base, "#555555"))


def engine_label(engine: str) -> str:
    """``harness.engines.wasm3_engine:Wasm3Engine`` -> ``wasm3``."""
    if ":" not in engine:
        return engine
    base = engine.rsplit(":", 1)[-1].lower().removesuffix("engine")
    return base if base in ENGINE_COLOURS else engine


def feature_colour(feature: str) -> str:
    if feature in FEATURE_ORDER:
        return _CYCLE[FEATURE_ORDER.index(feature) % len(_CYCLE)]
    return _CYCLE[(len(FEATURE_ORDER) + sum(map(ord, feature))) % len(_CYCLE)]


def sort_features(names: list[str]) -> list[str]:
    known = [f for f in FEATURE_ORDER if f in names]
    return known + sorted(f for f in names if f not in FEATURE_ORDER)
