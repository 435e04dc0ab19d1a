"""Document → report model. Orchestrates the model stage; each part lives in its own module."""
from __future__ import annotations

from .document import Document, ReadError
from .model import ReportModel


def build_model(doc: Document) -> ReportModel:
    model = ReportModel(path=doc.path, format=doc.format)
    model.problems = [list(p) for p in doc.problems]
    return model  # filled in by sections/facts/tablemap (in progress)


def extract_path(path: str) -> ReportModel:
    """Read and model one file. A file that cannot be read gives a model whose ``problems``
    say why (E901–E903) instead of raising."""
    from .read import read_path

    try:
        doc = read_path(path)
    except ReadError as err:
        fmt = path.rsplit(".", 1)[-1].lower() if "." in path else "unknown"
        model = ReportModel(path=path, format={"htm": "html", "txt": "text", "md": "text"}.get(fmt, fmt))
        model.kind = "unknown"
        model.problems = [[err.code, err.reason]]
        return model
    return build_model(doc)
