"""The only module that imports jinja2: the template environment (user templates override built-ins)."""

from __future__ import annotations

import json
import re
from importlib import resources
from pathlib import Path
from typing import Any

_PLAIN = re.compile(r"^[\w\u3400-\u9fff\uf900-\ufaff·（）()\-]+$")


def yaml_scalar(value: Any) -> str:
    """A value written so YAML reads it back as the same text."""
    text = str(value)
    if _PLAIN.match(text) and not text.startswith("-"):
        return text
    return json.dumps(text, ensure_ascii=False)


def builtin_templates() -> Path:
    return Path(str(resources.files("minqing.templates")))


def environment(root: Path | None, autoescape: bool = False) -> Any:
    """jinja2 environment: the repository's templates/ first, then minqing's; StrictUndefined.

    The environment is sandboxed: a template that came with a copied repository can format the
    volume but cannot reach Python (no attribute access to internals, no calls to unsafe methods).
    """
    import jinja2
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    loaders: list[Any] = []
    if root is not None and (root / "templates").is_dir():
        loaders.append(jinja2.FileSystemLoader(str(root / "templates")))
    loaders.append(jinja2.FileSystemLoader(str(builtin_templates())))
    env = ImmutableSandboxedEnvironment(
        loader=jinja2.ChoiceLoader(loaders),
        undefined=jinja2.StrictUndefined,
        autoescape=autoescape,
        keep_trailing_newline=True,
    )
    env.filters["yaml"] = yaml_scalar
    return env
