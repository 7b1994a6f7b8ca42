"""notebooks/analysis.ipynb runs end to end on the seeds, in a temporary copy, with the table kept out of data/."""
from __future__ import annotations

import json
import re
import shutil
import sys
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient
from nbformat.v4 import new_code_cell

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "notebooks" / "analysis.ipynb"
PUBLIC_API = {
    "extract": {"load_claims", "extract_text", "extract_corpus"},
    "extract.metrics": {"metric_labels", "coverage"},
    "extract.checks": {"run_checks"},
    "extract.excel": {"write_workbook"},
}
_IMPORT = re.compile(r"^\s*from\s+(extract[\w.]*)\s+import\s+(.+)$|^\s*import\s+(extract[\w.]*)", re.MULTILINE)


def _code(nb) -> list[str]:
    return [cell.source for cell in nb.cells if cell.cell_type == "code"]


def test_notebook_is_saved_without_outputs():
    nb = nbformat.read(NOTEBOOK, as_version=4)
    nbformat.validate(nb)
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [], cell.source[:60]
            assert cell.execution_count is None, cell.source[:60]


def test_notebook_uses_only_the_public_api():
    nb = nbformat.read(NOTEBOOK, as_version=4)
    found = [m for source in _code(nb) for m in _IMPORT.finditer(source)]
    assert found
    for m in found:
        module, names, plain = m.groups()
        assert plain is None, f"import {plain}: import names from the public modules"
        assert module in PUBLIC_API, module
        names = {n.strip().split(" as ")[0] for n in names.strip("() ").split(",")}
        assert names <= PUBLIC_API[module], (module, names - PUBLIC_API[module])
    assert not any("dashboard" in source for source in _code(nb))


@pytest.fixture
def executed(tmp_path_factory):
    """The notebook executed in a temporary folder; returns (notebook, temp folder, parquet path)."""
    tmp = tmp_path_factory.mktemp("notebook")
    work, scratch = tmp / "work", tmp / "tmp"
    work.mkdir()
    scratch.mkdir()
    copy = work / NOTEBOOK.name
    shutil.copyfile(NOTEBOOK, copy)
    data = tmp / "data" / "claims.parquet"
    nb = nbformat.read(copy, as_version=4)
    nb.cells.append(new_code_cell("import json, sys\nprint(json.dumps({'prefix': sys.prefix}))"))
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("LEDGER_DATA", str(data))
        mp.setenv("LEDGER_CORPUS", str(ROOT / "seeds"))
        mp.setenv("TMPDIR", str(scratch))  # the notebook's Excel export goes to tempfile.mkdtemp()
        mp.setenv("JUPYTER_PLATFORM_DIRS", "1")
        # "python3" is the kernelspec ipykernel ships; jupyter_client starts it with sys.executable.
        client = NotebookClient(nb, kernel_name="python3", timeout=600,
                                resources={"metadata": {"path": str(work)}})
        client.execute()
    return nb, tmp, data


def _outputs(nb, kind: str | None = None) -> list[dict]:
    return [out for cell in nb.cells if cell.cell_type == "code" for out in cell.outputs
            if kind is None or out.get("output_type") == kind]


def _stdout(nb) -> str:
    return "".join(out.get("text", "") for out in _outputs(nb, "stream") if out.get("name") == "stdout")


def test_notebook_runs_end_to_end(executed):
    nb, tmp, data = executed
    assert not _outputs(nb, "error")

    kernel = json.loads(nb.cells[-1].outputs[-1]["text"])
    assert Path(kernel["prefix"]).resolve() == Path(sys.prefix).resolve()  # the current environment

    assert data.exists()  # the table went where LEDGER_DATA said, not into the repository's data/
    workbooks = list((tmp / "tmp").glob("ledger-*/*.xlsx"))
    assert len(workbooks) == 1

    out = _stdout(nb)
    assert "chosen metric:" in out
    assert "→" in out

    figures = [o for o in _outputs(nb) if "application/vnd.plotly.v1+json" in o.get("data", {})]
    assert len(figures) == 2  # bar and line
    for fig in figures:
        traces = fig["data"]["application/vnd.plotly.v1+json"]["data"]
        assert traces and all(len(t.get("y", [])) for t in traces)
