"""What every reader's settings dataclass shares (pdfplumber's ``TableSettings.resolve``
pattern): ``resolve`` accepts None, an instance or a dict, and rejects unknown keys by name."""
from __future__ import annotations

from dataclasses import fields


class Resolvable:
    @classmethod
    def resolve(cls, value=None):
        if value is None:
            return cls()
        if isinstance(value, cls):
            return value
        unknown = set(value) - {f.name for f in fields(cls)}
        if unknown:
            raise ValueError(f"unknown {cls.__name__} keys: {', '.join(sorted(unknown))}")
        return cls(**dict(value))
