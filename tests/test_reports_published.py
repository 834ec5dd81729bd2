"""The published conformance figures agree with the newest history record.

``README.md``'s conformance block and ``reports/index.html`` are generated
from ``reports/history.jsonl`` (+ ``reports/compare.json``); if anyone appends
to the history without regenerating, or edits the outputs by hand, this
fails.  Fix: ``python -m reports render && python -m reports readme``.
"""

from __future__ import annotations

import re

import pytest

from reports import page, records
from reports.__main__ import (
    COMPARE,
    HISTORY,
    OUT,
    README_END,
    README_START,
    ROOT,
    headline_block,
    load_compare,
)

REGENERATE = "regenerate with `python -m reports render && python -m reports readme`"


def _newest() -> dict:
    entry = records.latest(records.load_history(HISTORY), "nanowasm")
    if entry is None:
        pytest.skip("no nanowasm run in reports/history.jsonl")
    return entry


def test_readme_block_is_the_newest_record() -> None:
    text = (ROOT / "README.md").read_text()
    start, end = text.index(README_START), text.index(README_END) + len(README_END)
    expected = headline_block(records.load_history(HISTORY), load_compare())
    assert text[start:end] == expected, f"README conformance block is stale: {REGENERATE}"
    newest = _newest()
    row = next(line for line in expected.splitlines() if line.startswith("| **nanowasm**"))
    assert f"| {newest['totals']['passed']:,} |" in row
    assert newest["project_commit"][:10] in expected


def test_page_is_the_newest_record() -> None:
    html = (OUT / "index.html").read_text()
    expected = page.render(records.load_history(HISTORY), load_compare(), OUT, ROOT)
    assert html == expected, f"reports/index.html is stale: {REGENERATE}"
    newest = _newest()
    m = re.search(r"project commit <code>([0-9a-f]+)</code>", html)
    assert m and newest["project_commit"].startswith(m[1])


def test_compare_file_is_readable() -> None:
    if COMPARE.is_file():
        for rec in load_compare().get("engines", {}).values():
            records.validate(rec)
