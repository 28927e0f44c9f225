"""Catalog fragments: one module per area of the tool, each defining `CATALOG: dict[str, tuple[str, str]]`.

`minqing.i18n` merges them into its one catalog; a key defined twice is a programming error caught at import.
"""

from __future__ import annotations

import importlib
import pkgutil


def collect() -> dict[str, tuple[str, str]]:
    out: dict[str, tuple[str, str]] = {}
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{__name__}.{info.name}")
        for key, value in getattr(module, "CATALOG", {}).items():
            if key in out:
                raise AssertionError(f"catalog key {key!r} defined twice (minqing/messages/{info.name}.py)")
            out[key] = value
    return out
