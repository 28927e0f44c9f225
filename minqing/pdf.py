"""HTML volume -> PDF with WeasyPrint (the optional extra `minqing[pdf]`), fetching nothing but data: URLs.

WeasyPrint is imported here only, inside the function, so minqing works without it; when it or the
Pango library it loads is missing, or no Chinese font is installed, the user is told what to install.
"""

from __future__ import annotations

import shutil
import subprocess
from typing import Any

from .errors import MinqingError


def chinese_fonts() -> list[str] | None:
    """Font files fontconfig has for Chinese (`fc-list :lang=zh`); None when fc-list is not available."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return None
    try:
        out = subprocess.run([fc_list, ":lang=zh", "file"], capture_output=True, text=True, timeout=30, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    return [line.strip() for line in out.stdout.splitlines() if line.strip()]


class _Refused(ValueError):
    pass


def _refuse(url: str) -> None:
    raise _Refused(f"minqing fetches nothing outside the volume: {url[:80]}")


def url_fetcher(weasyprint: Any) -> Any:
    """A fetcher that serves data: URLs and refuses every other URL (file:, http:, …)."""
    base = getattr(getattr(weasyprint, "urls", None), "URLFetcher", None)
    if isinstance(base, type):  # newer WeasyPrint: fetchers are URLFetcher subclasses

        class DataOnly(base):  # type: ignore[misc, valid-type]
            def fetch(self, url: str, headers: Any = None) -> Any:
                if not url.lower().startswith("data:"):
                    _refuse(url)
                return super().fetch(url, headers)

        return DataOnly()

    default = weasyprint.default_url_fetcher  # older WeasyPrint: a function returning a dict

    def fetch(url: str, *args: Any, **kwargs: Any) -> Any:
        if not url.lower().startswith("data:"):
            _refuse(url)
        return default(url, *args, **kwargs)

    return fetch


def html_to_pdf(html: str) -> bytes:
    """The PDF of a self-contained HTML volume."""
    try:
        import weasyprint
    except (ImportError, OSError) as exc:  # OSError: WeasyPrint is there but Pango (or HarfBuzz) is not
        raise MinqingError("compile.pdf.missing", problem=f"{type(exc).__name__}: {exc}") from None
    fonts = chinese_fonts()
    if fonts is not None and not fonts:
        raise MinqingError("compile.pdf.nofont")
    try:
        return bytes(weasyprint.HTML(string=html, url_fetcher=url_fetcher(weasyprint)).write_pdf())
    except OSError as exc:
        raise MinqingError("compile.pdf.failed", problem=f"{type(exc).__name__}: {exc}") from None
