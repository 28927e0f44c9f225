"""Chinese for the command-line scaffolding that typer's bundled click writes in English.

click prints "Usage:", "Options:", "Show this message and exit." and its usage errors ("No such
option", "Missing argument", …) as fixed English text. `install()` wraps the few places where that
text is produced (help, usage, error display, typer's gettext calls) and translates it when the
invocation's language is Chinese; with `--lang en` (or MINQING_LANG=en) nothing changes.
"""

from __future__ import annotations

import contextvars
import re
from collections.abc import Callable
from typing import Any

from . import i18n

_LANG: contextvars.ContextVar[str | None] = contextvars.ContextVar("minqing_cli_lang", default=None)

# whole phrases, longest first; applied to help and usage text
PHRASES: tuple[tuple[str, str], ...] = (
    ("Show completion for the current shell, to copy it or customize the installation.",
     "显示当前 shell 的命令行补全脚本，可复制或自行安装。"),
    ("Show completion for the specified shell, to copy it or customize the installation.",
     "显示指定 shell 的命令行补全脚本，可复制或自行安装。"),
    ("Install completion for the current shell.", "为当前 shell 安装命令行补全。"),
    ("Install completion for the specified shell.", "为指定的 shell 安装命令行补全。"),
    ("Show this message and exit.", "显示本帮助并退出。"),
    ("COMMAND [ARGS]...", "命令 [参数]..."),
    ("[OPTIONS]", "[选项]"),
    ("[ARGS]...", "[参数]..."),
    ("Usage: ", "用法："),
    ("Arguments:", "参数："),
    ("Options:", "选项："),
    ("Commands:", "命令："),
    ("参数:\n", "参数：\n"),
    ("选项:\n", "选项：\n"),
    ("命令:\n", "命令：\n"),
    ("[required]", "[必填]"),
    ("[default: ", "[默认："),
)

# typer's own gettext strings
GETTEXT = {
    "Arguments": "参数", "Options": "选项", "Commands": "命令", "Error": "错误", "required": "必填",
    "default: {default}": "默认：{default}", "env var: {var}": "环境变量：{var}", "(dynamic)": "（动态）",
    "Aborted!": "已中止。", "Missing command.": "缺少命令。", "No such command {name!r}.": "没有命令 {name!r}。",
}

# click's usage errors: pattern -> Chinese (groups kept)
ERRORS: tuple[tuple[re.Pattern[str], str], ...] = tuple((re.compile(p), r) for p, r in (
    (r"^No such option: (.+?)(?: Did you mean (.+)\?)?(?: \(Possible options: (.+)\))?$", "no-such-option"),
    (r"^Missing argument '?([^'.]+)'?\.(.*)$", "缺少参数 {0}。{1}"),
    (r"^Missing option '?([^'.]+)'?\.(.*)$", "缺少选项 {0}。{1}"),
    (r"^Missing parameter: (.+)$", "缺少参数 {0}"),
    (r"^Missing (\w+) '?([^'.]+)'?\.(.*)$", "缺少 {1}。{2}"),
    (r"^Option '([^']+)' requires an argument\.$", "选项 {0} 后面要跟一个值。"),
    (r"^Option '([^']+)' requires (\d+) arguments\.$", "选项 {0} 后面要跟 {1} 个值。"),
    (r"^Option '([^']+)' does not take a value\.$", "选项 {0} 后面不能跟值。"),
    (r"^Got unexpected extra arguments? \((.+)\)$", "多出了参数：{0}。若值里有空格，请用引号括起来"),
    (r"^No such command '([^']+)'\.(?: Did you mean (.+)\?)?$", "no-such-command"),
    (r"^Missing command\.$", "缺少命令。"),
    (r"^Invalid value for (.+?): (.+)$", "{0} 的值无效：{1}"),
    (r"^Invalid value: (.+)$", "值无效：{0}"),
    (r"^'(.+)' is not a valid integer\.$", "“{0}”不是整数。"),
    (r"^'(.+)' is not a valid boolean\.$", "“{0}”不是是/否。"),
    (r"^'(.+)' is not one of (.+)\.$", "“{0}”不在可选值 {1} 之中。"),
))


def lang() -> str:
    value = _LANG.get()
    return value if value is not None else i18n.detect_lang()


def _replace_all(text: str, pairs: tuple[tuple[str, str], ...]) -> str:
    """`text` with each English phrase of `pairs` replaced by its Chinese one (zh only)."""
    if lang() != "zh":
        return text
    for en, zh in pairs:
        text = text.replace(en, zh)
    return text


def translate_text(text: str) -> str:
    """Help or usage text with click's English scaffolding in Chinese (zh only)."""
    return _replace_all(text, PHRASES)


METAVARS = (("<list[str]>", "<文字>"), ("<list[path]>", "<路径>"), ("<str>", "<文字>"), ("<path>", "<路径>"),
            ("<int>", "<整数>"), ("<float>", "<数>"), ("<bool>", "<是/否>"))


def translate_metavars(text: str) -> str:
    """The value placeholders of an option column (`--title <str>` -> `--title <文字>`), zh only."""
    return _replace_all(text, METAVARS)


def translate_error(message: str) -> str:
    """One click usage-error message in Chinese (zh only); an unknown message is left as it is."""
    if lang() != "zh":
        return message
    for pattern, template in ERRORS:
        m = pattern.match(message)
        if not m:
            continue
        groups = [g or "" for g in m.groups()]
        if template == "no-such-option":
            out = f"没有选项 {groups[0]}。"
            if groups[1]:
                out += f"是不是 {groups[1]}？"
            if groups[2]:
                out += f"（可用的选项：{groups[2]}）"
            return out
        if template == "no-such-command":
            out = f"没有命令“{groups[0]}”。"
            return out + (f"是不是 {groups[1]}？" if groups[1] else "")
        return template.format(*groups).strip()
    return message


def _gettext(message: str) -> str:
    return GETTEXT.get(message, message) if lang() == "zh" else message


_installed = False


def install() -> None:
    """Wrap click's help, usage and error display once; each call then follows the invocation's language.

    Another typer release may move these internals: then the scaffolding simply stays English.
    """
    global _installed
    if _installed:
        return
    _installed = True
    try:
        _install()
    except (ImportError, AttributeError):  # pragma: no cover - a typer release with other internals
        pass


def _install() -> None:
    import importlib

    import typer.core as tcore

    try:  # typer >= 0.22 bundles its own click; older releases use the click package
        _click: Any = importlib.import_module("typer._click")
    except ImportError:
        _click = importlib.import_module("click")
    ccore = importlib.import_module(_click.__name__ + ".core")
    cexc = importlib.import_module(_click.__name__ + ".exceptions")
    formatting = importlib.import_module(_click.__name__ + ".formatting")

    try:  # measure the option column in terminal cells: a Chinese character is two
        from rich.cells import cell_len

        plain_len = formatting.term_len
        formatting.term_len = lambda text: cell_len(text) if lang() == "zh" else plain_len(text)
    except ImportError:  # pragma: no cover - rich is a dependency
        pass
    tcore._ = _gettext  # type: ignore[attr-defined]
    for module in (ccore, cexc, formatting, importlib.import_module(_click.__name__ + ".decorators")):
        if hasattr(module, "_"):  # the click package translates through gettext
            module._ = _gettext
        if hasattr(module, "ngettext"):
            module.ngettext = lambda one, many, n: _gettext(one if n == 1 else many)
    import sys

    # the app runs with rich_markup_mode=None, so typer never loads its rich help; importing it
    # here only to translate would cost every command 50 ms of start-up
    rich_utils = sys.modules.get("typer.rich_utils")
    if rich_utils is not None:
        rich_utils._ = _gettext  # type: ignore[attr-defined]

    def wrap_text(fn: Callable[..., str]) -> Callable[..., str]:
        def wrapped(*args: Any, **kwargs: Any) -> str:
            return translate_text(fn(*args, **kwargs))
        return wrapped

    ccore.Command.get_help = wrap_text(ccore.Command.get_help)  # type: ignore[method-assign]
    ccore.Command.get_usage = wrap_text(ccore.Command.get_usage)  # type: ignore[method-assign]

    def with_lang(original: Callable[..., Any]) -> Callable[..., Any]:
        def main(self: Any, args: Any = None, *rest: Any, **kwargs: Any) -> Any:
            import sys

            argv = list(args) if args is not None else sys.argv[1:]
            token = _LANG.set(i18n.lang_from_argv(argv))
            try:
                return original(self, args, *rest, **kwargs)
            finally:
                _LANG.reset(token)
        return main

    classes = [getattr(mod, name, None) for mod in (ccore, tcore) for name in ("Command", "TyperCommand", "TyperGroup")]
    for cls in {c for c in classes if isinstance(c, type)}:
        if "main" in vars(cls):
            cls.main = with_lang(vars(cls)["main"])  # type: ignore[method-assign]

    params = [getattr(mod, name, None) for mod in (ccore, tcore) for name in ("Parameter", "Option", "TyperOption", "TyperArgument")]
    for cls in {c for c in params if isinstance(c, type)}:
        if "get_help_record" in vars(cls):
            original_record = vars(cls)["get_help_record"]

            def get_help_record(self: Any, ctx: Any, _original: Callable[..., Any] = original_record) -> Any:
                record = _original(self, ctx)  # (the option column, its help): widths are measured after this
                return record if record is None else (translate_metavars(record[0]), translate_text(record[1]))

            cls.get_help_record = get_help_record  # type: ignore[method-assign]

    def show_usage_error(self: Any, file: Any = None) -> None:
        if lang() != "zh":
            return original_usage_show(self, file)
        if file is None:
            file = cexc.get_text_stderr()
        hint = ""
        if self.ctx is not None and self.ctx.command.get_help_option(self.ctx) is not None:
            hint = f"请运行 {self.ctx.command_path} {self.ctx.help_option_names[0]} 查看帮助。\n"
        if self.ctx is not None:
            _click.echo(f"{self.ctx.get_usage()}\n{hint}", file=file, color=self.ctx.color)
        _click.echo(f"错误：{translate_error(self.format_message())}", file=file, color=self.ctx.color if self.ctx else None)

    def show_click_error(self: Any, file: Any = None) -> None:
        if lang() != "zh":
            return original_click_show(self, file)
        _click.echo(f"错误：{translate_error(self.format_message())}", file=file or cexc.get_text_stderr(),
                    color=self.show_color)

    original_usage_show = cexc.UsageError.show
    original_click_show = cexc.ClickException.show
    cexc.UsageError.show = show_usage_error  # type: ignore[method-assign]
    cexc.ClickException.show = show_click_error  # type: ignore[method-assign]
