"""Command groups kept out of `minqing/cli.py`: each module here registers its commands on `cli.app`.

`cli.py` imports every module of this package at its end (after `app` and its helpers exist), so a
new area of the tool adds a module here instead of growing one file.
"""

from __future__ import annotations

import importlib
import pkgutil


def register_all() -> None:
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        importlib.import_module(f"{__name__}.{info.name}")
