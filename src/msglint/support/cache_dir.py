"""Where msglint keeps what it can reuse between runs (results, Korean analyses, validated rule files)."""

from __future__ import annotations

import os
from pathlib import Path


def cache_dir() -> Path | None:
    """``MSGLINT_CACHE_DIR``, else ``.msglint_cache`` here; None with ``MSGLINT_NO_CACHE``."""
    if os.environ.get("MSGLINT_NO_CACHE"):
        return None
    return Path(os.environ.get("MSGLINT_CACHE_DIR") or ".msglint_cache")
