import sys
from pathlib import Path

import pytest

# Test helpers (reportgen, corpus) are plain modules beside the tests; the PDF fixture makers
# (rl_report, rl_fixtures, raw_pdf) live with the fixtures they make.
HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE / "fixtures" / "pdf")]


@pytest.fixture(params=["pdfium", "pdfplumber"])
def pdf_engine(request, monkeypatch):
    """Run a test on both PDF engines (the PDF test modules use it for every test): the
    default engine is switched, so every path to the reader (read_bytes, extract_path, the
    runner) reads with it."""
    import audit.read.pdf.reader

    monkeypatch.setattr(audit.read.pdf.reader, "DEFAULT_ENGINE", request.param)
    return request.param
