"""Conformance reports: history of spec-suite runs, plots, engine comparison, static page.

``python -m reports --help`` lists the commands; :mod:`reports.records`
holds the record format helpers, :mod:`reports.plots` the figures,
:mod:`reports.page` the HTML page and :mod:`reports.palette` the colours.
"""
