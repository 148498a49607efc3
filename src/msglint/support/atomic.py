"""Replace a file in one step: a run that is stopped leaves the old file or the new one, never
half of one, and no temporary file behind (SIGTERM and SIGHUP end it as Ctrl-C does)."""

from __future__ import annotations

import os
import signal
import stat
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


def is_special(target: Path) -> bool:
    """An existing path that is not a regular file: a device (/dev/null), a FIFO, a socket. Such
    a file is written through, never replaced: renaming a new file over /dev/null would turn the
    device into a regular file for everyone on the machine."""
    try:
        mode = os.stat(target).st_mode
    except OSError:
        return False
    return not stat.S_ISREG(mode) and not stat.S_ISDIR(mode)


def same_file(a, b) -> bool:
    """Whether two paths name one file (through a link, or written two ways)."""
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


@contextmanager
def writing(target: Path, prefix: str | None = None, newline: str | None = None):
    """Where an output goes: a regular file (or a new one) is replaced in one step (``replacing``);
    a device, FIFO or socket is written straight through."""
    if is_special(target):
        with open(target, "w", encoding="utf-8", newline=newline) as handle:
            yield handle
        return
    with replacing(target, prefix=prefix, newline=newline) as handle:
        yield handle
