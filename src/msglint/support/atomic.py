"""Replace a file in one step: a run that is stopped leaves the old file or the new one, never
half of one, and no temporary file behind (SIGTERM and SIGHUP end it as Ctrl-C does)."""

from __future__ import annotations

import os
import signal
import tempfile
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def removed_on_signals():
    """SIGTERM and SIGHUP raise KeyboardInterrupt, so cleanup code runs. Yields the signals
    received: an interrupt raised while Python runs a finaliser or closes a generator is only
    printed, never raised, so whoever commits a result checks this list before it does."""
    received: list = []

    def stop(signum, frame):
        received.append(signum)
        raise KeyboardInterrupt

    previous = {}
    for name in ("SIGTERM", "SIGHUP"):
        number = getattr(signal, name, None)
        if number is not None:
            try:
                previous[number] = signal.signal(number, stop)
            except ValueError:  # not the main thread: nothing to install
                pass
    try:
        yield received
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


def umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


@contextmanager
def replacing(target: Path, prefix: str | None = None, mode: int | None = None, newline: str | None = None):
    """A text handle whose content becomes ``target`` when the block ends without error.
    ``mode``: the new file's permissions (default: as any file the user creates)."""
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=prefix or f".{target.name}.", suffix=".tmp")
    try:
        with removed_on_signals() as received:
            with os.fdopen(fd, "w", encoding="utf-8", newline=newline) as handle:
                yield handle
            if received:  # stopped, though the interrupt was swallowed on its way (see above)
                raise KeyboardInterrupt
            os.chmod(tmp, mode if mode is not None else 0o666 & ~umask())  # not mkstemp's 0600
            os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
