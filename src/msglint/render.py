"""Render templates in a sandbox, per locale, keeping a map back to the source.

Templates arrive in pull requests, so they run in Jinja's ImmutableSandboxedEnvironment (no
attribute access to Python internals, no mutation of the data) with StrictUndefined (a missing
variable is an error that names it, never an empty string in a message to a customer).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from jinja2 import StrictUndefined, TemplateSyntaxError
from jinja2.exceptions import SecurityError, UndefinedError
from jinja2.sandbox import ImmutableSandboxedEnvironment

from msglint.filters import FILTERS
from msglint.sourcemap import SourceMap, instrument


class RenderError(Exception):
    """Rendering failed; ``kind`` is 'syntax', 'undefined', 'unsafe' or 'runtime'."""

    def __init__(self, kind: str, message: str, line: int | None = None, variable: str | None = None):
        super().__init__(message)
        self.kind = kind
        self.line = line
        self.variable = variable


@dataclass
class Rendered:
    text: str
    map: SourceMap


@lru_cache(maxsize=None)
def environment() -> ImmutableSandboxedEnvironment:
    env = ImmutableSandboxedEnvironment(
        undefined=StrictUndefined,
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )
    env.filters.update(FILTERS)
    return env


class CompiledText:
    """One piece of template text (a body or a subject), compiled once, rendered many times."""

    def __init__(self, source: str, name: str, line_offset: int = 0, column_offset: int = 0):
        self.name = name
        self.source = source
        env = environment()
        try:
            self.ast = env.parse(source)
        except TemplateSyntaxError as exc:
            raise RenderError("syntax", exc.message or "syntax error", (exc.lineno or 1) + line_offset) from None
        instrumented, self._anchors = instrument(source, line_offset, column_offset)
        self._line_offset = line_offset
        # Compiled under the template's own name so runtime errors can be traced to a line.
        code = env.compile(instrumented, name=name, filename=name)
        self._template = env.template_class.from_code(env, code, env.make_globals(None))

    def render(self, data: dict, locale: str) -> Rendered:
        context = dict(data)
        context["_locale"] = locale
        try:
            raw = self._template.render(context)
        except SecurityError as exc:
            raise RenderError("unsafe", f"blocked by the sandbox: {exc}", self._error_line(exc)) from None
        except UndefinedError as exc:
            variable = _undefined_name(str(exc))
            message = (f"variable '{variable}' is not defined" if variable else str(exc))
            raise RenderError("undefined", message, self._error_line(exc), variable) from None
        except Exception as exc:  # a filter given the wrong kind of value, a bad format string...
            raise RenderError("runtime", f"{type(exc).__name__}: {exc}", self._error_line(exc)) from None
        text, source_map = SourceMap.strip(raw, self._anchors)
        # Leading and trailing blank lines come from the layout of tags, not from the message.
        lead = len(text) - len(text.lstrip())
        return Rendered(text.strip(), source_map.shifted(lead) if lead else source_map)

    def _error_line(self, exc) -> int | None:
        tb, line = exc.__traceback__, None
        while tb is not None:
            if tb.tb_frame.f_code.co_filename == self.name:
                line = tb.tb_lineno
            tb = tb.tb_next
        return None if line is None else line + self._line_offset


def _undefined_name(message: str) -> str | None:
    # StrictUndefined says "'name' is undefined"; attribute misses say "... has no attribute 'x'".
    if message.startswith("'") and "' is undefined" in message:
        return message[1:message.index("' is undefined")]
    return None
