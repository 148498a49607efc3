"""'Did you mean': the closest known name to a typed one, for every place a name is typed
(stages, rule ids, config keys, variables, template ids, locales)."""

from __future__ import annotations
from msglint.i18n import _


def closest(word, choices, cutoff: float = 0.6) -> str | None:
    import difflib  # only a mistyped name needs it: not part of every start-up

    found = difflib.get_close_matches(str(word), list(choices), n=1, cutoff=cutoff)
    return found[0] if found else None


def did_you_mean(word, choices, cutoff: float = 0.6):
    """`` (did you mean 'x'?)`` when a close name exists (in the reader's language), else ''."""
    match = closest(word, choices, cutoff)
    return _(" (did you mean '{name}'?)", name=match) if match else ""
