"""How many processes a run may use by default: the cores this process is allowed to run on.

``os.cpu_count()`` counts the machine's cores, which in a CI container pinned to two of them
can be dozens; the affinity mask is what the scheduler will actually give us.
"""

from __future__ import annotations

import os


def usable() -> int:
    counted = getattr(os, "process_cpu_count", None)  # Python 3.13+: the affinity-aware count
    if counted is not None:
        return counted() or 1
    try:
        return len(os.sched_getaffinity(0)) or 1
    except (AttributeError, OSError):  # a platform without affinity masks
        return os.cpu_count() or 1
