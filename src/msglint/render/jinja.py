"""Render templates in a sandbox, per locale, keeping a map back to the source.

Templates arrive in pull requests, so they run in Jinja's ImmutableSandboxedEnvironment (no
attribute access to Python internals, no mutation of the data), bounded in time, size and loop
turns (:mod:`msglint.render.sandbox`), with StrictUndefined (a missing variable is an error that names
it, never an empty string in a message to a customer).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from jinja2 import StrictUndefined, TemplateSyntaxError
from jinja2.exceptions import SecurityError, UndefinedError

from msglint.render import sandbox
from msglint import i18n
from msglint.i18n import _
from msglint.render.filters import FILTERS
from msglint.render.sourcemap import SourceMap, escape_data, instrument
from msglint.render.html_text import html_to_text

_SURROGATE = re.compile("[\\ud800-\\udfff]")  # half a UTF-16 pair: no encoding can send it

#: Longest template text (body or subject) compiled, in characters.
MAX_SOURCE = 100_000


class RenderError(Exception):
    """Rendering failed; ``kind`` is 'syntax', 'undefined', 'unsafe', 'limit' or 'runtime'."""

    def __init__(self, kind: str, message: str, line: int | None = None, variable: str | None = None):
        super().__init__(message)
        self.kind = kind
        self.line = line
        self.variable = variable


@dataclass
class Rendered:
    text: str  # what the reader sees: the message itself, or the text of an HTML email
    map: SourceMap
    html: str | None = None  # an HTML email as sent


@lru_cache(maxsize=None)
def environment(html: bool = False) -> sandbox.BoundedSandbox:
    """The sandbox; with ``html`` every value is escaped (a lead's ``R&D <pipeline>`` stays text)."""
    env = sandbox.BoundedSandbox(
        undefined=StrictUndefined,
        autoescape=html,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )
    env.filters.update(FILTERS)
    return env


class CompiledText:
    """One piece of template text (a body or a subject), compiled once, rendered many times."""

    def __init__(self, source: str, name: str, line_offset: int = 0, column_offset: int = 0, html: bool = False):
        self.name = name
        self.source = source
        self.html = html
        env = environment(html)
        if len(source) > MAX_SOURCE:
            raise RenderError("syntax", _("the template text is {length} characters, over the limit of {limit}: a "
                                            "message template is a page at most", length=f"{len(source):,}",
                                            limit=f"{MAX_SOURCE:,}"), line_offset + 1)
        try:
            self.ast = env.parse(source)
            instrumented, self._anchors = instrument(source, line_offset, column_offset)
            # Compiled under the template's own name so runtime errors can be traced to a line.
            tree = env.guard_loops(env.parse(instrumented, name=name, filename=name))
            token = sandbox.start_budget()  # Jinja folds constants while compiling
            try:
                code = env.compile(tree, name=name, filename=name)
            finally:
                sandbox.end_budget(token)
        except TemplateSyntaxError as exc:
            raise RenderError("syntax", i18n.library(exc.message or "syntax error"), (exc.lineno or 1) + line_offset) from None
        except (RecursionError, SyntaxError, MemoryError, OverflowError, ValueError) as exc:
            # Deeply nested brackets, loops, conditions or filter chains overflow Jinja's parser
            # or Python's compiler; either way the template cannot be used as written.
            raise RenderError("syntax", _("the template is nested too deeply to compile ({error}); flatten its "
                                            "brackets, loops, conditions or filter chains", error=type(exc).__name__),
                              line_offset + 1) from None
        self._line_offset = line_offset
        self._template = env.template_class.from_code(env, code, env.make_globals(None))

    def render(self, data: dict, locale: str) -> Rendered:
        context = escape_data(dict(data))
        context["_locale"] = locale
        token = sandbox.start_budget()
        try:
            raw = self._generate(context)
        except sandbox.LimitExceeded as exc:
            raise RenderError("limit", _("stopped by msglint's limits: {reason}", reason=exc.args[0] if exc.args else ""),
                              self._error_line(exc)) from None
        except RecursionError as exc:
            raise RenderError("limit", _("stopped by msglint's limits: macros or loops call themselves too deeply"),
                              self._error_line(exc)) from None
        except SecurityError as exc:
            raise RenderError("unsafe", _("blocked by the sandbox: {reason}", reason=str(exc)), self._error_line(exc)) from None
        except UndefinedError as exc:
            variable = _undefined_name(str(exc))
            message = (_("variable '{name}' is not defined", name=variable) if variable else str(exc))
            raise RenderError("undefined", message, self._error_line(exc), variable) from None
        except Exception as exc:  # a filter given the wrong kind of value, a bad format string...
            raise RenderError("runtime", f"{type(exc).__name__}: {exc}", self._error_line(exc)) from None
        finally:
            sandbox.end_budget(token)
        markup = None
        if self.html:
            markup = SourceMap.strip(raw, self._anchors)[0].strip()
            raw = html_to_text(raw)
        text, source_map = SourceMap.strip(raw, self._anchors)
        if _SURROGATE.search(text):
            # "\ud800" in a template or a value: half a character, which no carrier or mail server sends.
            raise RenderError("runtime", str(_("the message holds a lone surrogate (U+{code:04X}), half of a character "
                                               "that cannot be sent; remove it", code=ord(_SURROGATE.search(text).group()))))
        # Leading and trailing blank lines come from the layout of tags, not from the message.
        lead = len(text) - len(text.lstrip())
        return Rendered(text.strip(), source_map.shifted(lead) if lead else source_map, markup)

    def _generate(self, context: dict) -> str:
        """Render, stopping once the output passes the size limit (loops that print a lot)."""
        template = self._template
        parts, size, limit = [], 0, 2 * sandbox.MAX_TEXT  # anchors take room too
        try:
            for chunk in template.root_render_func(template.new_context(context)):
                size += len(chunk)
                if size > limit:
                    raise sandbox.LimitExceeded(_("the message would be over {limit} characters",
                                                  limit=f"{sandbox.MAX_TEXT:,}"))
                parts.append(chunk)
        except Exception:
            template.environment.handle_exception()  # re-raises with the template's line numbers
        return "".join(parts)

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
