"""Jinja2 templates shipped in the package (top-level ``templates/``), optionally overridden by a user folder.

Autoescaping is on for every template except plain-text ones (``*.txt.j2``): HTML-escaping an
email body would turn "Smith & Sons" into "Smith &amp; Sons", and plain text cannot run script.
The Markdown board report is not HTML-escaped (names would show as ``&amp;``): it escapes each
value with ``network_report.md_text`` instead, since Markdown viewers render raw HTML.
"""

from pathlib import Path

import jinja2

from rlwcheck.errors import UsageError


def _autoescape(name: str | None) -> bool:
    return not (name or "").endswith(".txt.j2")


def environment(override: Path | None = None) -> jinja2.Environment:
    """Templates from ``override`` first (a user's edited copies), then the packaged ones."""
    loaders: list[jinja2.BaseLoader] = []
    if override is not None:
        if not override.is_dir():
            raise UsageError(
                f"templates folder {override} does not exist; give a folder of .j2 files"
            )
        loaders.append(jinja2.FileSystemLoader(override))
    loaders.append(jinja2.PackageLoader("rlwcheck", "data/templates"))
    return jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        autoescape=_autoescape,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
