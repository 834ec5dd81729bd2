"""Repository root conftest: load the spec-suite plugin from this checkout.

Why here and not ``-p harness.plugin`` in addopts: ``-p`` plugins are imported
before pytest puts anything on ``sys.path``, and a wheel or editable install
ships the harness only as ``nanowasm_testbed.harness`` (see pyproject.toml),
so a plain ``pytest`` in a fresh clone could not import ``harness``.  A root
conftest is imported with the repository root on ``sys.path``.  The installed
entry point stays blocked (``-p no:nanowasm_testbed``) so the plugin is never
registered twice.
"""

pytest_plugins = ["harness.plugin"]
