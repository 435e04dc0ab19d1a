"""Report model → findings: rule packs (``packs``), the engine that runs them, and the check
functions, registered by name in ``registry``.

The check modules are imported here, after the registry, so that importing ``audit.checks``
fills ``REGISTRY``; the check modules import only ``registry``, never this package's other
members in a circle."""
from .registry import REGISTRY, check
from . import structure, tables, text, published, cross, narrative_counts  # noqa: E402,F401  (imported for their registrations)

__all__ = ["REGISTRY", "check"]
