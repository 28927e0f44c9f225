"""The only module that imports jinja2: the template environment (user templates override built-ins).

A repository's `templates/` folder is untrusted. Its files are read without following any link
(a template that is a link, or sits in a linked folder, is refused with a message naming it) and
never from outside the folder, also through `include`, `import` and `extends`. Every template,
built-in or not, renders in a sandbox with limits: no single value or the whole output may grow
past a size, `range` and the operators that multiply sizes are checked before they run, and the
render stops after a time limit. Each limit ends the command with a message, never a hang.
"""

from __future__ import annotations

import json
import os
import re
import signal
import threading
import time
from importlib import resources
from pathlib import Path
from types import SimpleNamespace
from collections.abc import Iterator
from typing import Any

from .errors import MinqingError

_PLAIN = re.compile(r"^[\w\u3400-\u9fff\uf900-\ufaff·（）()\-]+$")

TEMPLATE_SECONDS = 120  # a county's monthly volume renders in seconds
MAX_OUTPUT_CHARS = 100_000_000  # the whole rendered text
MAX_VALUE_CHARS = 10_000_000  # one string or list made by an operator or filter
MAX_NUMBER = 10_000_000  # widths and counts given to filters and methods
MAX_TEMPLATE_BYTES = 1024 * 1024  # one template file
_WIDE = re.compile(r"\d{8,}")  # a format width of 8 digits or more


def yaml_scalar(value: Any) -> str:
    """A value written so YAML reads it back as the same text."""
    text = str(value)
    if _PLAIN.match(text) and not text.startswith("-"):
        return text
    return json.dumps(text, ensure_ascii=False)


def builtin_templates() -> Path:
    return Path(str(resources.files("minqing.templates")))


class TemplateLimit(Exception):
    """A template went past a limit; `what` names it for the message."""

    def __init__(self, what: str, limit: Any) -> None:
        super().__init__(what)
        self.what = what
        self.limit = limit


def environment(root: Path | None, autoescape: bool = False) -> Any:
    """jinja2 environment: the repository's templates/ first, then minqing's; StrictUndefined; sandboxed."""
    import jinja2

    loaders: list[Any] = []
    if root is not None and os.path.lexists(root / "templates"):
        loaders.append(RepoTemplateLoader(root))
    loaders.append(jinja2.FileSystemLoader(str(builtin_templates())))
    env_class = _environment_class()
    env = env_class(
        loader=jinja2.ChoiceLoader(loaders),
        undefined=jinja2.StrictUndefined,
        autoescape=autoescape,
        keep_trailing_newline=True,
    )
    env.filters["yaml"] = yaml_scalar
    return env


_getattr = getattr


def trust_fields(env: Any, *types: type) -> None:
    """Let templates read the fields of these frozen dataclasses without the sandbox's per-access checks.

    A field of minqing's own context types holds plain text, numbers, tuples or other such types:
    reading it is what the sandbox would allow anyway (no name starts with `_`, nothing callable
    or mutable is reached), only faster. Anything else a template reaches is still checked.
    """
    import dataclasses

    for cls in types:
        names = frozenset(f.name for f in dataclasses.fields(cls) if not f.name.startswith("_"))
        env.mq_plain[cls] = names


def _size(value: Any) -> int:
    return len(value) if isinstance(value, (str, bytes, list, tuple)) else 0


_CLASS: Any = None
# a jinja2 loop's read-only values (the sandbox allows them; its methods cycle() and changed() are checked)
_LOOP_FIELDS = frozenset(("index", "index0", "revindex", "revindex0", "first", "last", "length", "depth", "depth0",
                          "previtem", "nextitem"))


def _environment_class() -> Any:
    """The sandboxed environment class with minqing's limits (built once)."""
    global _CLASS
    if _CLASS is not None:
        return _CLASS
    import jinja2
    from jinja2.compiler import CodeGenerator
    from jinja2.runtime import LoopContext, markup_join, str_join
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    class LimitedCodeGenerator(CodeGenerator):
        def visit_Concat(self, node: Any, frame: Any) -> None:  # `a ~ b` goes through a size check
            self.write("environment.mq_concat(context, (")
            for arg in node.nodes:
                self.visit(arg, frame)
                self.write(", ")
            self.write("))")

    class LimitedRange:
        """range() that stops at the deadline; the sandbox already caps each range at 100 000 items."""

        def __init__(self, env: Any, rng: range) -> None:
            self._env, self._rng = env, rng

        def __iter__(self) -> Any:
            for n, item in enumerate(self._rng):
                if n & 1023 == 0:
                    self._env.mq_tick()
                yield item

        def __len__(self) -> int:
            return len(self._rng)

        def __getitem__(self, index: Any) -> Any:
            return self._rng[index]

        def __contains__(self, item: Any) -> bool:
            return item in self._rng

        def __reversed__(self) -> Any:
            return reversed(self._rng)

    class LimitedEnvironment(ImmutableSandboxedEnvironment):
        code_generator_class = LimitedCodeGenerator
        intercepted_binops = frozenset(["*", "**", "%", "+", "//"])
        deadline: float | None = None
        mq_reads = 0

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self.mq_plain: dict[type, frozenset[str]] = {}
            from jinja2.sandbox import safe_range

            self.globals["range"] = lambda *a: LimitedRange(self, safe_range(*a))
            for name, fn in list(self.filters.items()):
                self.filters[name] = self._checked_filter(fn)

        def _checked_filter(self, fn: Any) -> Any:
            env = self
            skip = 2 if hasattr(fn, "jinja_pass_arg") else 1  # (context,) value, then the arguments

            def checked(*args: Any, **kwargs: Any) -> Any:
                env.mq_check_args(args[skip:], kwargs)
                return env.mq_value(fn(*args, **kwargs))

            for attr in ("jinja_pass_arg",):
                if hasattr(fn, attr):
                    setattr(checked, attr, getattr(fn, attr))
            return checked

        # -- limits --
        def mq_tick(self) -> None:
            if self.deadline is not None and time.monotonic() > self.deadline:
                raise TemplateLimit("time", TEMPLATE_SECONDS)

        def mq_value(self, value: Any) -> Any:
            if _size(value) > MAX_VALUE_CHARS:
                raise TemplateLimit("value", MAX_VALUE_CHARS)
            return value

        def mq_check_args(self, args: Any, kwargs: Any) -> None:
            self.mq_tick()
            for value in (*args, *kwargs.values()):
                if isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_NUMBER:
                    raise TemplateLimit("number", MAX_NUMBER)

        def mq_concat(self, context: Any, parts: tuple[Any, ...]) -> Any:
            if sum(len(str(p)) if isinstance(p, str) else 0 for p in parts) > MAX_VALUE_CHARS:
                raise TemplateLimit("value", MAX_VALUE_CHARS)
            ctx = context.eval_ctx
            join = markup_join if ctx.autoescape or ctx.volatile else str_join
            return self.mq_value(join(parts))

        def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
            self.mq_tick()
            if operator == "*":
                for seq, n in ((left, right), (right, left)):
                    if isinstance(n, int) and isinstance(seq, (str, bytes, list, tuple)) and len(seq) * max(n, 0) > MAX_VALUE_CHARS:
                        raise TemplateLimit("value", MAX_VALUE_CHARS)
            elif operator == "**":
                if isinstance(right, (int, float)) and isinstance(left, (int, float)) and abs(right) > 64 and abs(left) > 1:
                    raise TemplateLimit("number", MAX_NUMBER)
            elif operator == "%" and isinstance(left, str) and _WIDE.search(left):
                raise TemplateLimit("number", MAX_NUMBER)
            elif operator == "+" and _size(left) + _size(right) > MAX_VALUE_CHARS:
                raise TemplateLimit("value", MAX_VALUE_CHARS)
            return self.mq_value(super().call_binop(context, operator, left, right))

        def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805
            __self.mq_check_args(args, kwargs)
            if isinstance(getattr(__obj, "__self__", None), str) and any(
                    isinstance(a, str) and _WIDE.search(a) for a in (__obj.__self__, *args)):
                raise TemplateLimit("number", MAX_NUMBER)
            return __self.mq_value(super().call(__context, __obj, *args, **kwargs))

        def getattr(self, obj: Any, attribute: str) -> Any:
            self.mq_reads += 1
            if not self.mq_reads & 63:  # the clock every 64 reads: a read takes well under a microsecond
                self.mq_tick()
            kind = type(obj)
            fields = self.mq_plain.get(kind)
            if fields is not None and attribute in fields:  # a field of minqing's own context types
                return _getattr(obj, attribute)
            if kind is SimpleNamespace and attribute[:1] != "_" and attribute in obj.__dict__:  # labels
                return obj.__dict__[attribute]
            if kind is LoopContext and attribute in _LOOP_FIELDS:  # loop.last: read-only values of the loop
                return _getattr(obj, attribute)
            return super().getattr(obj, attribute)

        def getitem(self, obj: Any, argument: Any) -> Any:
            self.mq_tick()
            return super().getitem(obj, argument)

    _CLASS = LimitedEnvironment
    del jinja2
    return _CLASS


def render_template(env: Any, name: str, **context: Any) -> str:
    """Render `name` within the limits: TemplateLimit (or a jinja2 error) when it goes past one."""
    return "".join(render_pieces(env, name, **context))


def render_pieces(env: Any, name: str, chunk: int = 0, **context: Any) -> Iterator[str]:
    """The rendered text of `name` piece by piece, within the limits (see `render_template`); with `chunk`,
    in pieces of about that many characters (a writer streams them: the whole text is never held).

    The output is counted as it grows; the time limit is checked at every attribute access, call and
    `range` step, and (in the main thread) by a timer signal, so an empty loop within a loop stops too.
    """
    template = env.get_template(name)
    env.deadline = time.monotonic() + TEMPLATE_SECONDS
    use_alarm = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    previous: Any = None
    if use_alarm:
        def on_alarm(signum: int, frame: Any) -> None:
            raise TemplateLimit("time", TEMPLATE_SECONDS)

        previous = signal.signal(signal.SIGALRM, on_alarm)
        signal.setitimer(signal.ITIMER_REAL, TEMPLATE_SECONDS + 1)
    try:
        parts: list[str] = []
        total = held = 0
        for piece in template.generate(**context):
            total += len(piece)
            if total > MAX_OUTPUT_CHARS:
                raise TemplateLimit("output", MAX_OUTPUT_CHARS)
            parts.append(piece)
            held += len(piece)
            if chunk and held >= chunk:
                yield "".join(parts)
                parts, held = [], 0
        if parts:
            yield "".join(parts)
    finally:
        env.deadline = None
        if use_alarm:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)


def limit_error(exc: TemplateLimit, name: str) -> MinqingError:
    return MinqingError(f"template.limit.{exc.what}", name=name, limit=exc.limit)


class _RepoTemplateLoader:
    """Templates from `<root>/templates/`, read with no link followed and no path leaving the folder."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def get_source(self, environment: Any, template: str) -> tuple[str, str, Any]:
        import jinja2
        from jinja2.loaders import split_template_path

        from . import fsio

        pieces = split_template_path(template)  # TemplateNotFound for `..`
        rel = "/".join(["templates", *pieces])
        try:
            data = fsio.read_inside(self.root, rel, MAX_TEMPLATE_BYTES, link_inside_ok=False)
        except fsio.LinkRefused as exc:
            raise MinqingError("template.link", path=exc.rel, target=exc.target) from None
        except fsio.TooBig as exc:
            raise MinqingError("template.toobig", path=rel, limit=exc.limit) from None
        except fsio.NotRegular:
            raise MinqingError("template.notfile", path=rel) from None
        except FileNotFoundError:
            raise jinja2.TemplateNotFound(template) from None
        except NotADirectoryError:
            raise jinja2.TemplateNotFound(template) from None
        except OSError as exc:
            raise MinqingError("template.unreadable", path=rel, problem=exc.strerror or str(exc)) from None
        try:
            source = data.decode("utf-8")
        except UnicodeDecodeError:
            raise MinqingError("template.encoding", path=rel) from None
        return source, str(self.root / rel), lambda: False

    def list_templates(self) -> list[str]:
        return []


def RepoTemplateLoader(root: Path) -> Any:  # noqa: N802 - a class made when jinja2 is first needed
    """A jinja2 loader for `<root>/templates/` (see `_RepoTemplateLoader`)."""
    import jinja2

    cls = type("RepoTemplateLoader", (_RepoTemplateLoader, jinja2.BaseLoader), {})
    return cls(root)
