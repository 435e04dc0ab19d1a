"""The HTML report: one self-contained page under a strict CSP. ``page`` lays out the overview
and each report, ``tables`` redraws t3/t4 with the failing cells marked, ``assets`` holds the
style, the script and the labels in both languages."""
from .page import render

__all__ = ["render"]
