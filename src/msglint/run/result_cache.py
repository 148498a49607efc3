"""Lint results cached per template, so an unchanged pack re-lints without rendering anything.

A result is keyed by everything it depends on: the template file, its counterparts in the other
locales (for parity), every rule file, the config file and the msglint version. Entries are
written to a temporary file and renamed into place, so two concurrent runs never see half a file.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path

from msglint import __version__
from msglint.support.cache_dir import cache_dir, prepared, sign, signed_by_us
from msglint import i18n


def _library_versions() -> str:
    """Libraries whose upgrade changes a result: date formats (babel), rendering (jinja2),
    Korean analysis (kiwipiepy and its model), holidays."""
    from importlib import metadata

    out = []
    for name in ("babel", "jinja2", "kiwipiepy", "kiwipiepy_model", "holidays", "regex"):
        try:
            out.append(f"{name}={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            out.append(f"{name}=none")
    return ";".join(out)


class ResultCache:
    def __init__(self, folder: Path | None, context: bytes):
        self.folder = folder / "results" if folder else None
        self._context = hashlib.sha256(__version__.encode() + b"\0" + context).digest()

    @classmethod
    def for_run(cls, rule_files, config_file, extra: bytes = b"") -> "ResultCache":
        # Findings are stored as words: a run in another --lang must not reuse them.
        digest = hashlib.sha256(_library_versions().encode() + b"\0lang=" + (i18n.explicit() or "").encode()
                                + b"\0" + extra)
        for path in [*rule_files, *([config_file] if config_file else [])]:
            digest.update(str(path).encode() + b"\0")
            try:
                digest.update(Path(path).read_bytes())
            except OSError:
                digest.update(b"<unreadable>")
        return cls(cache_dir(), digest.digest())

    def key(self, *parts: bytes) -> str:
        digest = hashlib.sha256(self._context)
        for part in parts:
            digest.update(len(part).to_bytes(8, "little") + part)
        return digest.hexdigest()

    def get(self, key: str) -> dict | None:
        """The entry's result, if this user's msglint wrote it for this key (see cache_dir.sign)."""
        if self.folder is None:
            return None
        try:
            entry = json.loads((self.folder / key[:2] / f"{key}.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if not isinstance(entry, dict) or "result" not in entry:
            return None
        body = _canonical(key, entry["result"])
        return entry["result"] if body is not None and signed_by_us(body, entry.get("mac")) else None

    def put(self, key: str, data: dict) -> None:
        if self.folder is None:
            return
        target = self.folder / key[:2] / f"{key}.json"
        result = json.loads(json.dumps(data, ensure_ascii=False, default=str))  # as it will read back
        body = _canonical(key, result)
        if body is None:
            return
        try:
            prepared(self.folder.parent)
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=target.parent, suffix=".tmp")
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump({"mac": sign(body), "result": result}, handle, ensure_ascii=False)
            os.replace(tmp, target)
        except OSError:
            pass  # a read-only checkout still lints, just without the cache


def _canonical(key: str, result) -> bytes | None:
    """What an entry's signature covers: its key (what the result was computed from) and the
    result, written one way only."""
    try:
        return key.encode() + b"\0" + json.dumps(result, ensure_ascii=False, sort_keys=True).encode("utf-8", "surrogatepass")
    except (TypeError, ValueError):
        return None
