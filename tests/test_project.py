"""The project's own promises: the README's commands, CI running them, the house rules."""
import re

from ledger_paths import ROOT


def _readme_commands():
    return re.findall(r"```\n(python3 -m venv[^\n]*)\n```", (ROOT / "README.md").read_text(encoding="utf-8"))


def test_readme_has_two_command_lines():
    run, test = _readme_commands()
    assert "pip install" in run and "pip install" in test and "pytest" in test


def test_ci_runs_the_readme_test_line_verbatim():
    _, test = _readme_commands()
    ci_lines = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert test in ci_lines


def test_extract_never_imports_dashboard_or_streamlit():
    for path in (ROOT / "extract").rglob("*.py"):
        source = path.read_text(encoding="utf-8")
        assert not re.search(r"^\s*(from|import)\s+(dashboard|streamlit)\b", source, re.M), path
