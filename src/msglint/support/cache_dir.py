"""Where msglint keeps what it can reuse between runs (results, Korean analyses, validated rule files).

``MSGLINT_NO_CACHE`` in the environment, or a command's ``--no-cache`` (:func:`turn_off`), keeps
every cache of the run off: nothing is read from or written to a cache folder.

The folder may sit in the project being linted, so it may arrive in a pull request: every entry
is signed with a key kept in the user's own cache folder, outside any project (:func:`sign`,
:func:`signed_by_us`). An entry written anywhere else, or edited by hand (``"findings": []``),
does not verify and is worked out again. The folder also carries a ``.gitignore`` of ``*``, as
ruff's and pytest's do, so it is not committed by accident.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from functools import lru_cache
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


def prepared(folder: Path) -> Path:
    """``folder``, created with a ``.gitignore`` that keeps it out of version control."""
    folder.mkdir(parents=True, exist_ok=True)
    ignore = folder / ".gitignore"
    if not ignore.exists():
        try:
            ignore.write_text("# Created by msglint: its cache is never committed.\n*\n", encoding="utf-8")
        except OSError:
            pass
    return folder


@lru_cache(maxsize=1)
def _key() -> bytes:
    """This user's signing key: made once, kept where no project (and no pull request) reaches."""
    try:
        home = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    except RuntimeError:  # no home folder to speak of
        home = ""
    path = Path(home) / "msglint" / "cache-key" if home and Path(home).is_absolute() else None
    if path is not None:
        try:
            return bytes.fromhex(path.read_text(encoding="ascii").strip())
        except (OSError, ValueError):
            pass
        key = secrets.token_bytes(32)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "w", encoding="ascii") as handle:
                handle.write(key.hex())
            return key
        except FileExistsError:  # another run made it first: use that one
            try:
                return bytes.fromhex(path.read_text(encoding="ascii").strip())
            except (OSError, ValueError):
                pass
        except OSError:
            pass
    return secrets.token_bytes(32)  # nowhere to keep one: entries of this run verify in this run only


def sign(data: bytes) -> str:
    return hmac.new(_key(), data, hashlib.sha256).hexdigest()


def signed_by_us(data: bytes, mac) -> bool:
    return isinstance(mac, str) and mac.isascii() and hmac.compare_digest(sign(data), mac)
