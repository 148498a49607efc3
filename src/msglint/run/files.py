"""``msglint check`` of many files: each read and checked in turn, on every core for a large set.

Results come back in the order the files were named. A file that cannot be read stops the run
with its name, as it does on one core: the first such file in that order is the one reported.
Given ``encode``, each share's results are written out (as JSON text, say) by the process that
checked them, so writing a large report is shared between the cores too, and the parent never
rebuilds the results of the others.

The files are cut into one share per core, checked by forked copies of this process
(``msglint.support.pool.parallel_map``).
"""

from __future__ import annotations

import os

from msglint.errors import MsglintError
from msglint.i18n import _
from msglint.support import pool
from msglint.support.pool import WorkerDied  # noqa: F401 - what a caller catches

# What ``msglint check FOLDER`` reads in a folder: message drafts kept as text. A file named on
# the command line is read whatever its name.
MESSAGE_SUFFIXES = (".txt", ".text", ".md", ".markdown")

# Below this many files, a worker costs more than it saves (bench/compare.py measures it: a
# message takes about a tenth of a millisecond, a fork and the results' way back a few).
PARALLEL_MIN = 200


def message_files(names, echo) -> list:
    """The files ``check`` reads for ``names``, in order: a folder stands for the message files
    under it (by name, a folder's own files before its subfolders', hidden files and folders
    left out), a file or '-' for itself.
    ``echo`` is told of a folder that holds none, so an empty run is never silent."""
    out = []
    for name in names:
        # A name that ends like a message file is taken for one without a look at the disk: a
        # run over thousands of named files would otherwise stat each before reading it.
        if name == "-" or name.lower().endswith(MESSAGE_SUFFIXES) or not os.path.isdir(name):
            out.append(name)
            continue
        found = _walk(name)
        if not found:
            echo(_("msglint: no message files ({suffixes}) in {folder}", suffixes=", ".join(MESSAGE_SUFFIXES),
                   folder=name))
        out += found
    return out


def _walk(folder) -> list:
    def unreadable(exc):
        raise MsglintError(_("{path}: cannot read the folder ({reason})", path=exc.filename, reason=exc.strerror))

    found = []
    for root, folders, files in os.walk(folder, onerror=unreadable):
        folders[:] = sorted(f for f in folders if not f.startswith("."))
        found += [os.path.join(root, f) for f in sorted(files)
                  if not f.startswith(".") and f.lower().endswith(MESSAGE_SUFFIXES)]
    return found


def check_files(names, check_one, jobs: int = 1, encode=None) -> list:
    """``check_one(name)`` for every name, in order; with ``jobs`` > 1 and enough files, the
    later shares go to forked workers (msglint.support.pool). With ``encode``, a list of
    ``encode(results)``, one per share in order, each made where its share was checked."""
    names = list(names)
    if jobs <= 1 or len(names) < PARALLEL_MIN or "-" in names or not hasattr(os, "fork"):
        done = [check_one(name) for name in names]
        return [encode(done)] if encode else done
    return pool.parallel_map(check_one, names, jobs, encode=encode, finish=_sent)


def _sent(results):
    for result in results:
        result.message = None  # the parent reports findings and facts; the text stays here
    return results
