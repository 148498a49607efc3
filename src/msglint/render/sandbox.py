"""A Jinja sandbox with limits, so a hostile template ends in a finding within seconds.

Jinja's sandbox stops a template from reaching Python internals, but not from asking for a
billion characters (``'a' * 10**9``, ``'a'|center(10**9)``, ``'%01000000000d' % 1``), a number
with a billion digits (``9 ** 9 ** 9``) or ten billion loop turns. Templates arrive in pull
requests, and CI must never hang or run out of memory on one. So every render runs under a
:class:`Budget`:

- arithmetic and repetition are intercepted (which also stops Jinja from folding them at compile
  time) and refused when the result would be too big;
- filters and format strings that pad or repeat refuse widths beyond :data:`MAX_TEXT`;
- every ``{% for %}`` loop counts its turns against one allowance per render, and checks the
  clock, so nested loops cannot run away in any thread;
- the rendered output is capped in size.

A template that exceeds a limit raises :class:`LimitExceeded`, which the renderer reports as a
``template-render`` finding naming the limit.
"""

from __future__ import annotations

import math
import re
import time
from contextvars import ContextVar
from dataclasses import dataclass

from jinja2 import nodes

from msglint.i18n import N_, _
from jinja2.sandbox import ImmutableSandboxedEnvironment

#: Longest text any one operation may produce, and the longest rendered message (characters).
MAX_TEXT = 200_000
#: Loop turns allowed in one render, all loops together.
MAX_LOOP_TURNS = 100_000
#: Seconds one render may take.
MAX_SECONDS = 3.0
#: Largest integer arithmetic may produce (bits): far beyond any price or count in a message.
MAX_INT_BITS = 256
#: Widths and precisions in format strings (``%5d``, ``{:>5}``) up to this many characters.
MAX_WIDTH = 1_000


class LimitExceeded(Exception):
    """A template asked for more than the sandbox allows; the message names the limit."""


@dataclass
class Budget:
    deadline: float
    turns: int = 0

    def tick(self, count: int = 1) -> None:
        self.turns += count
        if self.turns > MAX_LOOP_TURNS:
            raise LimitExceeded(_("loops ran more than {turns} times in one message; a message loops over a "
                                  "few items (slots, products), not thousands", turns=f"{MAX_LOOP_TURNS:,}"))
        if not self.turns % 1024:
            self.check_clock()

    def check_clock(self) -> None:
        if time.monotonic() > self.deadline:
            raise LimitExceeded(_("rendering took longer than {seconds} seconds", seconds=f"{MAX_SECONDS:g}"))


_budget: ContextVar[Budget | None] = ContextVar("msglint_budget", default=None)


def start_budget():
    """Open a budget for one render; returns the token to pass to :func:`end_budget`."""
    return _budget.set(Budget(deadline=time.monotonic() + MAX_SECONDS))


def end_budget(token) -> None:
    _budget.reset(token)


def current() -> Budget:
    budget = _budget.get()
    if budget is None:  # constant folding at compile time: a budget of its own
        budget = Budget(deadline=time.monotonic() + MAX_SECONDS)
    return budget


def check_text(value, what: str = N_("the text"), **params):
    if isinstance(value, (str, list, tuple)) and len(value) > MAX_TEXT:
        raise LimitExceeded(_("{what} would be {length} long, over the limit of {limit}", what=_(what, **params),
                                length=f"{len(value):,}", limit=f"{MAX_TEXT:,}"))
    return value


def _too_long(length: int, what: str) -> None:
    if length > MAX_TEXT:
        raise LimitExceeded(_("{what} would be {length} characters, over the limit of {limit}", what=_(what),
                                length=f"{length:,}", limit=f"{MAX_TEXT:,}"))


# %-formatting: flags, then a width and precision that may be '*' (taken from the arguments).
_PERCENT_SPEC = re.compile(r"%(?:\([^)]*\))?[#0 +-]*(\*|\d+)?(?:\.(\*|\d+))?[a-zA-Z%]")
# str.format: the spec after ':' inside braces, which may nest another replacement field.
_FORMAT_SPEC = re.compile(r"\{[^{}]*:([^{}]*(?:\{[^{}]*\}[^{}]*)*)\}")


def _check_widths(template: str, spec: re.Pattern, dynamic: str) -> None:
    for match in spec.finditer(template):
        for group in match.groups():
            if not group:
                continue
            if dynamic in group:
                raise LimitExceeded(_("a width taken from an argument is not allowed in a format string"))
            for number in re.findall(r"\d+", group):
                if int(number) > MAX_WIDTH:
                    raise LimitExceeded(_("a width of {width} in a format string is over the limit of {limit}",
                                          width=f"{int(number):,}", limit=f"{MAX_WIDTH:,}"))


def _bits(value) -> float:
    if isinstance(value, bool) or not isinstance(value, int):
        return 0.0
    return abs(value).bit_length()


def _power(left, right):
    if isinstance(left, (int, float)) and isinstance(right, (int, float)) and not isinstance(left, bool):
        if isinstance(right, int) and right > 0 and abs(left) > 1:
            bits = right * math.log2(abs(left))
            if isinstance(left, int) and bits > MAX_INT_BITS:
                raise LimitExceeded(_("{left} ** {right} is a number far too large for a message", left=left, right=right))
    return left ** right


def _times(left, right):
    for seq, count in ((left, right), (right, left)):
        if isinstance(seq, (str, list, tuple)) and isinstance(count, int) and not isinstance(count, bool):
            _too_long(len(seq) * max(count, 0), N_("repeating that text"))
            return left * right
    if isinstance(left, int) and isinstance(right, int) and _bits(left) + _bits(right) > MAX_INT_BITS:
        raise LimitExceeded(_("a product far too large for a message"))
    return left * right


def _modulo(left, right):
    if isinstance(left, str):
        _check_widths(left, _PERCENT_SPEC, "*")
    return left % right


def _plus(left, right):
    if isinstance(left, (str, list, tuple)) and isinstance(right, type(left)):
        _too_long(len(left) + len(right), N_("joining those texts"))
    return left + right


def _count(value) -> int | None:
    """How many items ``value`` holds, where that is known without building it."""
    return len(value) if isinstance(value, (str, list, tuple, range, dict)) else None


def _check_growth(name: str, values, kwargs) -> None:
    """Refuse, before it runs, a filter whose result would be too big to build: the check after
    the call came when the gigabytes were already allocated."""
    if name == "join" and values:
        items, joiner = values[0], kwargs.get("d", values[1] if len(values) > 1 else "")
        count = _count(items)
        if count is not None and isinstance(joiner, str):
            _too_long(len(joiner) * max(count - 1, 0), N_("joining those items"))
    elif name == "indent" and values:
        width = kwargs.get("width", values[1] if len(values) > 1 else 4)
        if isinstance(width, str) and isinstance(values[0], str):
            _too_long(len(values[0]) + len(width) * (values[0].count("\n") + 1), N_("that indentation"))
    elif name == "wordwrap" and values and isinstance(values[0], str):
        wrap = kwargs.get("wrapstring", values[3] if len(values) > 3 else None)
        width = kwargs.get("width", values[1] if len(values) > 1 else 79)
        if isinstance(wrap, str) and isinstance(width, int):
            _too_long(len(values[0]) + len(wrap) * (len(values[0]) // max(width, 1) + 1), N_("that wrapping"))
    elif name in ("batch", "slice") and len(values) > 1:
        size = kwargs.get("linecount" if name == "batch" else "slices", values[1])
        if isinstance(size, int) and size > MAX_TEXT:
            raise LimitExceeded(_("{name}({size}) asks for more items than a message holds", name=name,
                                  size=f"{size:,}"))


# str methods whose result grows with an argument: checked by their arguments before they run.
_PADDING = frozenset({"ljust", "rjust", "center", "zfill"})


def _check_method(method, args, kwargs) -> None:
    text, name = getattr(method, "__self__", None), getattr(method, "__name__", "")
    if not isinstance(text, str):
        return
    if name in _PADDING and args and isinstance(args[0], int):
        _too_long(args[0], N_("padding that text"))
    elif name == "expandtabs":
        size = args[0] if args else kwargs.get("tabsize", 8)
        if isinstance(size, int):
            _too_long(len(text) * max(size, 1), N_("expanding those tabs"))
    elif name == "replace" and len(args) >= 2 and all(isinstance(a, str) for a in args[:2]):
        old, new = args[:2]
        _too_long(len(text) + (text.count(old) if old else len(text) + 1) * len(new), N_("that replacement"))
    elif name == "join" and args:
        count = _count(args[0])
        if count is not None:
            _too_long(len(text) * max(count - 1, 0), N_("joining those items"))


def _bounded_filter(name, func):
    """A builtin filter whose width or repetition argument is checked before it runs, and whose
    result is checked after (``join``, ``replace`` and friends grow with their input)."""
    takes_context = hasattr(func, "jinja_pass_arg")  # an environment or context comes first

    def filtered(*args, **kwargs):
        current().check_clock()
        values = args[1:] if takes_context else args
        if name in ("center", "indent"):
            width = kwargs.get("width", values[1] if len(values) > 1 else None)
            if isinstance(width, int) and width > MAX_WIDTH:
                raise LimitExceeded(_("{name}({width}) asks for a width over the limit of {limit}", name=name,
                                      width=f"{width:,}", limit=f"{MAX_WIDTH:,}"))
        if name == "format" and values and isinstance(values[0], str):
            _check_widths(values[0], _PERCENT_SPEC, "*")
        if name == "replace" and len(values) >= 3 and all(isinstance(a, str) for a in values[:3]):
            text, old, new = values[:3]
            _too_long(len(text) + (text.count(old) if old else len(text) + 1) * len(new), N_("that replacement"))
        _check_growth(name, values, kwargs)
        return check_text(func(*args, **kwargs), N_("the result of |{name}"), name=name)

    for attribute in ("jinja_pass_arg",):
        if hasattr(func, attribute):
            setattr(filtered, attribute, getattr(func, attribute))
    filtered.__name__ = getattr(func, "__name__", name)
    return filtered


def _lipsum(n=1, html=False, min=20, max=100):  # noqa: A002 - Jinja's own parameter names
    from jinja2.utils import generate_lorem_ipsum

    if n > 5 or max > 200:
        raise LimitExceeded(_("lipsum() is limited to 5 paragraphs of 200 words in a message"))
    return generate_lorem_ipsum(n=n, html=html, min=min, max=max)


def _range(*args):
    from jinja2.sandbox import safe_range

    values = safe_range(*args)
    current().tick(0)
    return values


LOOP_GUARD = "_msglint_loop"


def _loop(iterable):
    """Every ``{% for %}`` iterates through this: one allowance of turns per render."""
    budget = current()
    for item in iterable:
        budget.tick()
        yield item


class BoundedSandbox(ImmutableSandboxedEnvironment):
    """Jinja's immutable sandbox with the limits described in this module."""

    intercepted_binops = frozenset(["*", "**", "%", "+", "//"])

    def __init__(self, **options):
        super().__init__(**options)
        self.filters = {name: _bounded_filter(name, func) for name, func in self.filters.items()}
        self.globals.update(range=_range, lipsum=_lipsum, **{LOOP_GUARD: _loop})
        self._binops = {"*": _times, "**": _power, "%": _modulo, "+": _plus}

    def call_binop(self, context, operator, left, right):
        current().check_clock()
        handler = self._binops.get(operator)
        if handler is not None:
            return handler(left, right)
        return super().call_binop(context, operator, left, right)

    def call(__self, __context, __obj, *args, **kwargs):  # noqa: N805 - Jinja's signature
        current().check_clock()
        _check_method(__obj, args, kwargs)
        return check_text(super().call(__context, __obj, *args, **kwargs), N_("the result of that call"))

    def wrap_str_format(self, value):
        wrapped = super().wrap_str_format(value)
        if wrapped is None:
            return None
        template = value.__self__

        def checked(*args, **kwargs):
            _check_widths(template, _FORMAT_SPEC, "{")
            return check_text(wrapped(*args, **kwargs), N_("the formatted text"))

        return checked

    def guard_loops(self, tree: nodes.Template) -> nodes.Template:
        """Route every loop's iterable through the turn counter."""
        for loop in tree.find_all(nodes.For):
            loop.iter = nodes.Call(nodes.Name(LOOP_GUARD, "load"), [loop.iter], [], None, None,
                                   lineno=loop.iter.lineno)
        return tree
