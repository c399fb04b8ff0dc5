"""The notebooks run top to bottom, from notebooks/, and show what they promise.

Each notebook is executed once (module-scoped fixture) with nbclient on a kernel that
runs this very interpreter, so the notebooks see the same installed `stance` as the
tests. The executed copies stay in memory: nothing is written into the repository.
The saved notebooks themselves must carry no outputs (they are committed stripped).
"""
import base64
import json
import sys
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK_DIR = ROOT / "notebooks"
QUICKSTART = NOTEBOOK_DIR / "01-quickstart.ipynb"
CASE_STUDY = NOTEBOOK_DIR / "02-kurdistan-2017.ipynb"
NOTEBOOKS = (QUICKSTART, CASE_STUDY)
CELL_TIMEOUT = 600  # seconds per cell
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def kernel_dir(tmp_path_factory):
    """A kernelspec folder holding 'python3' = this interpreter running ipykernel.

    The notebooks ask for the kernel 'python3'. A 'python3' kernelspec installed in the
    user's Jupyter folders may point at another Python (without `stance`); this private
    spec makes the run independent of whatever kernels are installed.
    """
    pytest.importorskip("ipykernel", reason="ipykernel is needed to run the notebooks")
    spec_dir = tmp_path_factory.mktemp("kernels") / "python3"
    spec_dir.mkdir()
    spec = {"argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
            "display_name": "Python 3", "language": "python"}
    (spec_dir / "kernel.json").write_text(json.dumps(spec), encoding="utf-8")
    return spec_dir.parent


def execute(path: Path, kernel_dir: Path):
    """Run `path` top to bottom with notebooks/ as working directory; return the notebook."""
    from jupyter_client import KernelManager
    from jupyter_client.kernelspec import KernelSpecManager
    from nbclient import NotebookClient

    nb = nbformat.read(path, as_version=4)
    assert nb.metadata["kernelspec"]["name"] == "python3"
    km = KernelManager(kernel_name="python3",
                       kernel_spec_manager=KernelSpecManager(kernel_dirs=[str(kernel_dir)]))
    client = NotebookClient(nb, km=km, timeout=CELL_TIMEOUT, kernel_name="python3",
                            resources={"metadata": {"path": str(NOTEBOOK_DIR)}})
    client.execute()  # raises CellExecutionError, naming the cell, on the first error
    return nb


@pytest.fixture(scope="module")
def quickstart(kernel_dir):
    return execute(QUICKSTART, kernel_dir)


@pytest.fixture(scope="module")
def case_study(kernel_dir):
    return execute(CASE_STUDY, kernel_dir)


def code_cells(nb):
    return [c for c in nb.cells if c.cell_type == "code"]


def tagged(nb, tag):
    cells = [c for c in nb.cells if tag in c.get("metadata", {}).get("tags", [])]
    assert len(cells) == 1, f"expected one cell tagged {tag!r}, found {len(cells)}"
    return cells[0]


def outputs_with(cell, mime):
    return [o["data"][mime] for o in cell.get("outputs", []) if mime in o.get("data", {})]


def pngs(nb):
    return [base64.b64decode(png) for c in code_cells(nb) for png in outputs_with(c, "image/png")]


def stream_text(nb):
    return "".join(o.get("text", "") for c in code_cells(nb) for o in c.get("outputs", [])
                   if o.get("output_type") == "stream" and o.get("name") == "stdout")


def assert_ran_cleanly(nb):
    cells = code_cells(nb)
    assert cells and all(c.execution_count is not None for c in cells), "a cell did not run"
    errors = [o for c in cells for o in c.outputs if o.get("output_type") == "error"]
    assert not errors, errors
    warnings = [o["text"] for c in cells for o in c.outputs
                if o.get("output_type") == "stream" and o.get("name") == "stderr"
                and "Warning" in o["text"]]
    assert not warnings, warnings


def assert_png(data: bytes):
    assert data.startswith(PNG_MAGIC)
    assert len(data) > 10_000, "suspiciously small chart"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebooks_saved_without_outputs(path):
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    for cell in code_cells(nb):
        assert cell.outputs == [], f"{path.name}: a code cell has outputs"
        assert cell.execution_count is None, f"{path.name}: a code cell has an execution count"


@pytest.mark.slow
def test_notebooks_quickstart_runs(quickstart):
    assert_ran_cleanly(quickstart)


@pytest.mark.slow
def test_notebooks_quickstart_shows_statements_with_holders(quickstart):
    cell = tagged(quickstart, "statements-table")
    html = outputs_with(cell, "text/html")
    assert html, "the statements cell should display a DataFrame"
    for column in ("actor", "label", "score", "evidence"):
        assert f"<th>{column}</th>" in html[0]
    assert "<td>US</td>" in html[0], "the seed article quotes the US (Tillerson)"
    assert "<td>Iraq</td>" in html[0]


@pytest.mark.slow
def test_notebooks_quickstart_draws_trend_chart(quickstart):
    chart = outputs_with(tagged(quickstart, "trend-chart"), "image/png")
    assert len(chart) == 1, "the trend chart cell should render exactly one PNG"
    assert_png(base64.b64decode(chart[0]))


@pytest.mark.slow
def test_notebooks_case_study_runs(case_study):
    assert_ran_cleanly(case_study)


@pytest.mark.slow
def test_notebooks_case_study_draws_all_charts(case_study):
    images = pngs(case_study)
    # trends, heatmap force, heatmap referendum, stance map, volume
    assert len(images) == 5
    for data in images:
        assert_png(data)


@pytest.mark.slow
def test_notebooks_case_study_reports_dev_evaluation(case_study):
    out = stream_text(case_study)
    n_dev = len(list((ROOT / "data" / "dev").glob("*.md")))
    assert f"documents {n_dev} " in out, "the report should cover every dev document"
    assert "holder attribution" in out and "F_avg" in out and "trend force" in out


@pytest.mark.slow
def test_notebooks_case_study_shows_how_far_confidence_holds(case_study):
    html = outputs_with(tagged(case_study, "reliability"), "text/html")
    assert html and "<th>mean confidence</th>" in html[0] and "<th>right</th>" in html[0]
    assert "<td>force</td>" in html[0] and "<td>referendum</td>" in html[0]
    assert "calibration error" in stream_text(case_study)


@pytest.mark.slow
def test_notebooks_case_study_lists_statements_behind_shifts(case_study):
    shift_cells = [c for c in code_cells(case_study) if "statement_ids" in c.source]
    assert len(shift_cells) == 1
    html = outputs_with(shift_cells[0], "text/html")
    assert html and "<th>source</th>" in html[0] and "<th>text</th>" in html[0]


def test_notebooks_case_study_closes_with_limits():
    nb = nbformat.read(CASE_STUDY, as_version=4)
    last = nb.cells[-1]
    assert last.cell_type == "markdown"
    assert last.source.startswith("## What the data can and cannot say")
