"""The check registry. A rule in a pack names its check; the check is a generator over the model.

    @check("table_sum")
    def table_sum(model: ReportModel, params: Mapping) -> Iterator[Finding]: ...

A check that compares a report with the same body's previous-year report (X rules) is
registered with ``previous=True`` and called as ``fn(model, params, previous)``; the engine makes
it not_assessable, with the pairing's reason, when there is no previous report.

A check raises ``NotAssessable`` before yielding anything when its inputs are missing. Families
of checks live in ``structure``, ``tables`` and ``text`` beside this module; the package's
``__init__`` imports them after this module, so that importing ``audit.checks`` fills the registry.
"""
from __future__ import annotations

from typing import Callable

REGISTRY: dict[str, Callable] = {}


def check(name: str, previous: bool = False):
    """Register a check function under the name packs use in ``check:``; ``previous``: it reads
    the previous year's report too."""

    def deco(fn):
        if name in REGISTRY:  # two functions with one name would make packs ambiguous
            raise ValueError(f"check {name!r} registered twice")
        REGISTRY[name] = fn
        fn.check_name = name
        fn.needs_previous = previous
        return fn

    return deco
