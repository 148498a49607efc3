"""One place for work shared between forked processes (msglint.support.pool): what lint, check and
batch hand it comes back whole and in order, and a worker that fails or dies fails the run loudly."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from msglint.support import pool

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="workers are forked processes")
REPO = Path(__file__).resolve().parents[1]


def test_parallel_map_keeps_order_and_encodes_each_share_where_it_was_done():
    assert pool.parallel_map(lambda n: n * n, range(50), 3) == [n * n for n in range(50)]
    parts = pool.parallel_map(lambda n: (n, os.getpid()), range(30), 3, encode=lambda rs: [pid for _, pid in rs])
    assert len(parts) == 3 and len({p[0] for p in parts}) == 3  # three shares, three processes


def test_a_failing_worker_raises_its_own_error_and_a_dead_one_is_named():
    def fails(n):
        if n == 40:
            raise ValueError("row 40 is broken")
        return n

    with pytest.raises(ValueError, match="row 40"):
        pool.parallel_map(fails, range(50), 2)

    def dies(n):
        if n == 45:
            os._exit(9)
        return n

    with pytest.raises(pool.WorkerDied):
        pool.parallel_map(dies, range(50), 2)


def test_stream_map_gives_every_chunk_back_in_order():
    out = list(pool.stream_map(_doubled, iter(range(1000)), 2, 64, 2))
    assert out == [2 * n for n in range(1000)]


def _doubled(chunk):
    return [2 * n for n in chunk]


@pytest.mark.slow  # forks worker processes over the whole pack
def test_lint_on_two_processes_reports_what_one_does(tmp_path, monkeypatch):
    from msglint.checks.engine import build_ruleset
    from msglint.config import Config
    from msglint.run import lint

    shutil.copytree(REPO / "templates", tmp_path / "templates")
    monkeypatch.setattr(lint, "PARALLEL_MIN", 2)  # the shipped pack is under the real threshold
    config = Config()
    one = lint.lint_paths([str(tmp_path / "templates")], lambda: build_ruleset(config), jobs=1, config=config)
    two = lint.lint_paths([str(tmp_path / "templates")], lambda: build_ruleset(config), jobs=2, config=config)
    assert [r.to_dict() for r in two.results] == [r.to_dict() for r in one.results]


def test_a_batch_worker_killed_from_outside_is_said_so_not_called_a_bug():
    """`render --jobs 2` with a worker killed by someone else: WorkerDied, a MsglintError (one clear
    line, exit 2), not an internal error."""
    from msglint.errors import MsglintError

    with pytest.raises(pool.WorkerDied) as caught:
        list(pool.stream_map(_killed_at_50, iter(range(200)), 2, 10, 2))
    assert isinstance(caught.value, MsglintError) and "stopped from outside" in str(caught.value)


def _killed_at_50(rows):
    import signal

    if 50 in rows:
        os.kill(os.getpid(), signal.SIGKILL)  # as the OOM killer or a `kill -9` would
    return rows
