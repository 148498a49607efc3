"""Work shared between processes forked after this one has loaded what they all need (rules
compiled, Kiwi's model, a template's analyses), so each worker starts with it instead of building
it, and shares its pages copy-on-write. Two shapes of work, one module:

- :func:`parallel_map`: a list known in advance (the files of ``msglint check``, the templates of
  ``msglint lint``). It is cut into one share per core; this process does the first share while
  forked copies do the others and send their results back through a pipe. A pool or an executor
  would do the same in 7 to 20 ms of start-up, a tenth of a run over a few hundred files; a fork
  and a pipe take 2 ms.
- :func:`stream_map`: rows too many to hold (a batch of a million leads), handed out in chunks, a
  few at a time, to a pool of forked workers; results come back in input order.

Either way a worker that fails sends its exception, and one that dies is reported as such: the
run never waits for a worker that is gone, and no worker outlives the run (stopped by a signal,
Ctrl-C, its reader gone, or killed where nothing can clean up).
"""

from __future__ import annotations

import gc
import marshal
import os

from msglint.errors import MsglintError
from msglint.i18n import _
from msglint.support import internals


class WorkerDied(MsglintError):
    """A worker process ended without sending its results (killed from outside, out of memory, or
    crashed in native code): the run fails with that said, not as a bug of msglint's."""


def parallel_map(func, items, jobs: int, encode=None, finish=None) -> list:
    """``func(item)`` for every item, in order, the later shares in forked workers while this
    process does the first. With ``encode``, a list of ``encode(results)``, one per share in order,
    each made where its share was done; ``finish`` (default: the results as they are) is what a
    worker's results become before they cross the pipe."""
    items = list(items)
    # The first item is done before the fork: what it loads (rules compiled, Kiwi for Korean) is
    # then shared copy-on-write by the workers instead of built by each.
    done = [func(items[0])] if items else []
    rest = items[1:]
    size = max(1, -(-len(rest) // jobs))
    shares = [rest[i:i + size] for i in range(0, len(rest), size)] or [[]]
    workers: list = []  # (pid, pipe) of each share handed to a worker, or None: done here
    gc.freeze()  # a worker's collections then never walk (and so never copy) the shared pages
    local, remote = encode or list, encode or finish or list
    try:
        for share in shares[1:]:
            try:
                workers.append(_fork(func, share, remote))
            except OSError:  # no process to spare (a limit on processes or memory): this one does it
                workers.append(None)
        done += [func(item) for item in shares[0]]
        parts = [local(done)]
        for position, share in enumerate(shares[1:]):
            worker = workers[position]
            parts.append(local([func(item) for item in share]) if worker is None else _gather(*worker))
            workers[position] = None
    finally:
        gc.unfreeze()
        for worker in workers:  # stopped early (an error, Ctrl-C): no worker outlives the run
            if worker is not None:
                worker[1].close()
                _stop(worker[0])
    return parts if encode else [result for part in parts for result in part]


def _fork(func, share, finish):
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the worker: check the share, send the results or the error, and go
        status = 1
        try:
            os.close(read_end)
            try:
                payload = ("ok", finish([func(item) for item in share]))
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
    _pid, status = os.waitpid(pid, 0)
    if kind == "error":
        raise payload
    if kind != "ok":
        raise WorkerDied(_("a worker process ended without its results (wait status {status}): stopped from "
                           "outside, or out of memory", status=status))
    return payload


def _stop(pid) -> None:
    import signal  # only a run stopped early needs it

    try:
        os.kill(pid, signal.SIGTERM)
        os.waitpid(pid, 0)
    except (ProcessLookupError, ChildProcessError):
        pass




def stream_map(func_chunk, items, jobs: int, chunk: int, in_flight: int):
    """``func_chunk(list of items)`` for consecutive chunks of ``items``, on ``jobs`` forked
    workers, at most ``jobs * in_flight`` chunks out at once; yields each chunk's results in order."""
    # The executor and multiprocessing are some 15 ms of imports: only a batch pays for them.
    import multiprocessing
    from collections import deque
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool
    from itertools import islice

    gc.freeze()  # as in parallel_map: the workers' collections never copy the shared pages
    # A worker that dies makes the executor fail loudly (an internal error), never hang.
    try:
        pool = ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("fork"), initializer=_as_worker)
        try:
            pending: deque = deque()
            while True:
                while len(pending) < jobs * in_flight:
                    rows = list(islice(items, chunk))
                    if not rows:
                        break
                    pending.append(pool.submit(func_chunk, rows))
                if not pending:
                    break
                try:
                    results = pending.popleft().result()
                except BrokenProcessPool:
                    raise WorkerDied(_("a worker process ended without its results (stopped from outside, or out "
                                       "of memory); nothing was written")) from None
                yield from results
            pool.shutdown(wait=True)  # a stop while it waits is a stop too
        except BaseException:
            _stop_workers(pool)
            raise
    finally:
        gc.unfreeze()  # a caller that goes on (the API) gets its collector back whole


def _as_worker() -> None:
    """A worker ends at once on SIGTERM or SIGHUP and leaves Ctrl-C to the run it works for (which
    stops it): it must not take over the handler that ends the run cleanly (msglint.support.atomic). And
    it ends when that run is gone, killed where nothing can clean up (SIGKILL, the OOM killer):
    otherwise it waits for ever on a queue whose other end it holds itself."""
    import signal
    import threading
    import time

    for name, action in (("SIGTERM", signal.SIG_DFL), ("SIGHUP", signal.SIG_DFL), ("SIGINT", signal.SIG_IGN)):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), action)
    parent = os.getppid()

    def watch():
        while os.getppid() == parent:
            time.sleep(1)
        os._exit(1)

    threading.Thread(target=watch, name="msglint-parent-watch", daemon=True).start()


def _stop_workers(pool) -> None:
    """End the workers now, their chunks unfinished: a run that is stopped (a signal, Ctrl-C, its
    reader gone) must not wait for them, nor leave them behind. Left to an exit that skips the
    executor's own cleanup, they block for ever on a queue whose other end they hold themselves."""
    internals.terminate_workers(pool)
