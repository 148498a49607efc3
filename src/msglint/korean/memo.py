"""A memo of what a rule derives from a sentence's tokens, shared by every lead of a batch."""

from __future__ import annotations

from msglint.support import shortcut


class TokenMemo:
    """What a rule reads from a sentence's tokens alone, worked out once per analysis.

    Every lead whose names have the same lengths shares one tuple of tokens (see ``morph._placed``),
    so a rule that keys its token-only work here does it once for the whole batch, and reads the
    lead's own text only for what it reports. Keyed by the tuple's identity: equal tokens from
    another analysis are a miss, never a wrong hit (the entry holds the tuple, so its id is not
    reused while the entry lives)."""

    def __init__(self, size: int = 4096):
        self._size = size
        self._entries: dict = {}

    def get(self, tokens: tuple, extra, compute):
        if not shortcut.ON:
            return compute()
        key = (id(tokens), extra)
        entry = self._entries.get(key)
        if entry is not None and entry[0] is tokens:
            return entry[1]
        value = compute()
        if len(self._entries) >= self._size:
            self._entries.clear()
        self._entries[key] = (tokens, value)
        return value

    def __reduce__(self):
        # Ids mean nothing in another process: a memo travels empty.
        return TokenMemo, (self._size,)
