"""One switch for the ways msglint skips work it can prove changes nothing.

``MSGLINT_NO_SHORTCUT=1`` turns them all off — the Korean analysis shared between leads, the
word scan that lets rules skip a message, the alternations cut per text — so the tests can
compare findings both ways (tests/test_shortcut.py, tests/test_prefilter.py).
"""

from __future__ import annotations

import os

ON = os.environ.get("MSGLINT_NO_SHORTCUT", "") in ("", "0")
