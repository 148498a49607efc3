"""``msglint check`` of many files: each read and checked in turn, on every core for a large set.

Results come back in the order the files were named. A file that cannot be read stops the run
with its name, as it does on one core: the first such file in that order is the one reported.
Given ``encode``, each share's results are written out (as JSON text, say) by the process that
checked them, so writing a large report is shared between the cores too, and the parent never
rebuilds the results of the others.

The files are cut into one share per core; this process checks the first share while forked
copies check the others and send their results back through a pipe. A pool or an executor would
do the same in 7 to 20 ms of start-up, which is a tenth of a run over a few hundred files; a fork
and a pipe take 2 ms. A worker that fails sends its exception, one that dies is reported as
such: the run never waits on a worker that is gone.
"""

from __future__ import annotations

import marshal
import os

from msglint.errors import MsglintError
from msglint.i18n import _

# What ``msglint check FOLDER`` reads in a folder: message drafts kept as text. A file named on
# the command line is read whatever its name.
MESSAGE_SUFFIXES = (".txt", ".text", ".md", ".markdown")

# Below this many files, a worker costs more than it saves (bench/compare.py measures it: a
# message takes about a tenth of a millisecond, a fork and the results' way back a few).
PARALLEL_MIN = 200


class WorkerDied(RuntimeError):
    """A worker process ended without sending its results (killed, or crashed in native code)."""


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
    later shares go to forked workers while this process checks the first. With ``encode``, a
    list of ``encode(results)``, one per share in order, each made where its share was checked."""
    names = list(names)
    if jobs <= 1 or len(names) < PARALLEL_MIN or "-" in names or not hasattr(os, "fork"):
        done = [check_one(name) for name in names]
        return [encode(done)] if encode else done
    import gc

    # The first file is checked before the fork: its rules are compiled (and Kiwi loaded, for
    # Korean) once, then shared copy-on-write by the workers.
    done = [check_one(names[0])]
    rest = names[1:]
    size = -(-len(rest) // jobs)
    shares = [rest[i:i + size] for i in range(0, len(rest), size)]
    workers: list = []  # (pid, pipe) of each share handed to a worker, or None: checked here
    gc.freeze()  # a worker's collections then never walk (and so never copy) the shared pages
    # What a share becomes where it was checked: here, the results as they are (or encoded); in
    # a worker, what crosses the pipe.
    local, remote = encode or list, encode or _sent
    try:
        for share in shares[1:]:
            try:
                workers.append(_fork(check_one, share, remote))
            except OSError:  # no process to spare (a limit on processes or memory): this one does it
                workers.append(None)
        done += [check_one(name) for name in shares[0]]
        parts = [local(done)]
        for position, share in enumerate(shares[1:]):
            worker = workers[position]
            parts.append(local([check_one(name) for name in share]) if worker is None else _gather(*worker))
            workers[position] = None
    finally:
        gc.unfreeze()
        for worker in workers:  # stopped early (an error, Ctrl-C): no worker outlives the run
            if worker is not None:
                worker[1].close()
                _stop(worker[0])
    return parts if encode else [result for part in parts for result in part]


def _fork(check_one, share, finish):
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the worker: check the share, send the results or the error, and go
        status = 1
        try:
            os.close(read_end)
            try:
                payload = ("ok", finish([check_one(name) for name in share]))
            except BaseException as exc:  # noqa: BLE001 - every failure goes back to the parent
                payload = ("error", exc)
            with os.fdopen(write_end, "wb") as out:
                out.write(_packed(payload))
            status = 0
        finally:
            os._exit(status)  # never back into the parent's code (its atexit, its output buffers)
    os.close(write_end)
    return pid, os.fdopen(read_end, "rb")


def _packed(payload) -> bytes:
    """What a worker sends: plain values (a share's report, encoded) as marshal, which is built
    in; results or an exception as pickle, imported only then (it takes longer than a fork)."""
    try:
        return b"m" + marshal.dumps(payload)
    except ValueError:
        import pickle

        try:
            return b"p" + pickle.dumps(payload, pickle.HIGHEST_PROTOCOL)
        except Exception as exc:  # noqa: BLE001 - an exception that does not pickle
            what = payload[1] if payload[0] == "error" else exc
            return b"p" + pickle.dumps(("error", RuntimeError(repr(what))))


def _gather(pid, stream) -> list:
    with stream:
        data = stream.read()
    try:
        if data[:1] == b"m":
            kind, payload = marshal.loads(memoryview(data)[1:])
        else:
            import pickle

            kind, payload = pickle.loads(memoryview(data)[1:])
    except Exception:  # noqa: BLE001 - nothing, or half of it: the worker ended while sending
        kind, payload = "died", None
    _, status = os.waitpid(pid, 0)
    if kind == "error":
        raise payload
    if kind != "ok":
        raise WorkerDied(f"a worker process ended without its results (wait status {status})")
    return payload


def _stop(pid) -> None:
    import signal

    try:
        os.kill(pid, signal.SIGTERM)
        os.waitpid(pid, 0)
    except (ProcessLookupError, ChildProcessError):
        pass


def _sent(results):
    for result in results:
        result.message = None  # the parent reports findings and facts; the text stays here
    return results
