"""The one module that reads CPython's private internals; each has a plain fallback that gives the
same findings, only slower.

msglint's speed-ups read what ``re`` keeps to itself:

- its parser and opcodes (``re._parser`` and ``re._constants`` on 3.11+, ``sre_parse`` and
  ``sre_constants`` before): the characters a pattern can start with (a guard in front of each
  branch of a long alternation, ``checks.kinds.phrase_index``) and the words every match must
  contain (a scan skipped when they are absent, ``checks.kinds.prefilter``);
- its compiler's engine code and ``_sre.compile``: a compiled pattern kept on disk and handed
  straight to the engine on the next run (``support.machine_cache``);
- ``_sre.unicode_iscased``: whether case folding can turn a character into another;
- CPython's own ``_sha1``, to name cache files without loading OpenSSL;
- a process pool's worker processes, to end them at once when a run stops (before Python 3.14,
  which gives ``terminate_workers``).

Where a name is missing or no longer behaves as read here (another Python, a new release),
:data:`parser` or :data:`engine_code` is None and each caller takes its plain path: no guard, no
skipped scan, ``re.compile`` every run. ``tests/test_internals.py`` takes that path on purpose
and checks that every corpus message gets the same findings. Nothing else in msglint imports a
private name of the standard library.
"""

from __future__ import annotations

import re
from array import array

try:  # 3.11+
    from re import _constants as ops
    from re import _parser as parser
except ImportError:  # pragma: no cover - Python 3.10
    try:
        import sre_constants as ops
        import sre_parse as parser
    except ImportError:
        ops = parser = None

try:
    import _sre
    from re import _compiler

    engine_code = _compiler if array("I").itemsize == _sre.CODESIZE else None  # else the code would not round-trip
except ImportError:  # pragma: no cover - another Python
    _sre = engine_code = None

try:  # CPython's own SHA-1: no OpenSSL loaded (a few ms of every start-up) to name a file
    from _sha1 import sha1
except ImportError:  # pragma: no cover - another Python
    from hashlib import sha1  # noqa: F401 - the same function, found where every Python has it

#: The opcodes of a repeat, and of what matches no character, in ``ops`` (empty without it).
REPEATS = tuple(getattr(ops, name) for name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT")
                if hasattr(ops, name)) if ops else ()
ZERO_WIDTH = (ops.AT, ops.ASSERT, ops.ASSERT_NOT) if ops else ()
#: Changes whenever the engine's code changes: part of the name of a folder of kept code.
MAGIC = getattr(ops, "MAGIC", None)


def parse(pattern: str, flags: int = 0) -> list | None:
    """re's own reading of ``pattern``, as (opcode, argument) pairs; None where the parser is not
    there (the caller then knows nothing about the pattern). Raises ``re.error`` for a bad pattern."""
    if parser is None or ops is None:
        return None
    return list(parser.parse(pattern, flags))


def is_cased(ch: str) -> bool:
    """Whether re's IGNORECASE may match ``ch`` with another character. Without ``_sre`` the answer
    errs on the safe side: any character that has another case, or folds, counts as cased."""
    if _sre is not None:
        return _sre.unicode_iscased(ord(ch))
    return ch.lower() != ch or ch.upper() != ch or ch.casefold() != ch


def compiled_code(source: str, flags: int) -> dict:
    """What ``re.compile`` builds for ``source``: the engine's code and the groups, as plain data
    to keep on disk. Raises AttributeError or TypeError where the internals moved."""
    if engine_code is None or parser is None:
        raise AttributeError("re's compiler is not available")
    parsed = parser.parse(source, flags)
    code = engine_code._code(parsed, flags)
    groupindex = dict(parsed.state.groupdict)
    indexgroup = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    return {"source": source, "requested": flags, "flags": flags | parsed.state.flags,
            "groups": parsed.state.groups - 1, "groupindex": groupindex, "indexgroup": indexgroup,
            "code": array("I", code).tobytes().hex()}


def pattern_from_code(source: str, entry: dict) -> re.Pattern:
    """The pattern ``compiled_code`` described, handed to the engine (which validates the code)."""
    code = array("I")
    code.frombytes(bytes.fromhex(entry["code"]))
    return _sre.compile(source, entry["flags"], code.tolist(), entry["groups"], entry["groupindex"],
                        tuple(entry["indexgroup"]))


def terminate_workers(pool) -> None:
    """End an executor's worker processes now, their work unfinished. Python 3.14 has a method for
    it; before, the workers are found where the executor keeps them (``_processes``), and where
    they are not found the executor is only shut down without waiting."""
    terminate = getattr(pool, "terminate_workers", None)
    if terminate is not None:
        terminate()
        return
    processes = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        process.terminate()
    for process in processes:
        process.join(timeout=10)
