"""Where msglint keeps what it can reuse between runs (results, Korean analyses, validated rule files).

``MSGLINT_NO_CACHE`` in the environment, or a command's ``--no-cache`` (:func:`turn_off`), keeps
every cache of the run off: nothing is read from or written to a cache folder.
"""

from __future__ import annotations

import os
from pathlib import Path

_turned_off = False  # --no-cache for this process: one explicit switch, not a variable in os.environ


def turn_off() -> None:
    """This run neither reads nor writes a cache (``--no-cache``)."""
    global _turned_off
    _turned_off = True


def is_off() -> bool:
    return _turned_off or bool(os.environ.get("MSGLINT_NO_CACHE"))


def cache_dir() -> Path | None:
    """``MSGLINT_CACHE_DIR``, else ``.msglint_cache`` here; None when caching is off."""
    if is_off():
        return None
    return Path(os.environ.get("MSGLINT_CACHE_DIR") or ".msglint_cache")
