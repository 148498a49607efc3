"""``msglint lint``: every template of the packs named, from the cache or rendered and checked
(on every core for a large pack), and the sequence files beside them."""

from __future__ import annotations

import os
from pathlib import Path

from msglint.checks.template import lint_template
from msglint.results import Report, Result
from msglint.support import pool
from msglint.template import pack
from msglint.template.index import PackIndex, split_sequences
from msglint.sequence.check import lint_sequence

# Below this many templates to render, starting worker processes costs more than it saves
# (bench/compare.py measures it).
PARALLEL_MIN = 64


def lint_paths(paths, load_ruleset, cache=None, progress=None, jobs: int = 1, config=None) -> Report:
    """Lint every template under ``paths``. ``load_ruleset`` is called only if some template is
    not in ``cache``: a warm run of an unchanged pack neither loads rules nor renders."""
    index = PackIndex(config.stages if config is not None else None)
    paths, sequences = split_sequences(paths)
    entries = pack.discover(paths) if paths or not sequences else []
    results: list = [None] * len(entries)
    todo = []
    for position, (path, root) in enumerate(entries):
        key = cached = None
        if cache is not None:
            key = cache.key(*_dependencies(path, root, index))
            cached = Result.from_cache(cache.get(key))  # an unreadable entry is a miss, rebuilt below
        if cached is not None:
            results[position] = cached
            results[position].path = pack.display_path(path)
            if progress:
                progress()
        else:
            todo.append((position, path, root, key))
    ruleset = load_ruleset() if todo else None

    def lint_one(item) -> dict:
        path, root = item
        return lint_template(index.load(path, root), ruleset, index).to_dict()

    items = [(path, root) for _, path, root, _ in todo]
    if jobs > 1 and len(todo) >= PARALLEL_MIN and hasattr(os, "fork"):
        done = pool.parallel_map(lint_one, items, jobs)  # forked after the rules are loaded: shared
    else:
        done = (lint_one(item) for item in items)
    for (position, path, _root, key), data in zip(todo, done):
        results[position] = Result.from_dict(data)
        if cache is not None:
            cache.put(key, data)
        if progress:
            progress()
    if sequences:
        ruleset = load_ruleset()
        results.extend(lint_sequence(path, ruleset, index, root) for path, root in sequences)
    return Report(results)


def _dependencies(path: Path, root: Path, index: PackIndex) -> list[bytes]:
    """What a template's result depends on: itself and its counterparts in the other locales."""
    relative = path.relative_to(root) if path.is_relative_to(root) else Path(path.name)
    parts = [str(relative).encode(), _read(path)]
    if len(relative.parts) >= 3:
        template_id = pack.template_id(relative)
        for locale in index.locales(root):
            other = index.file(root, locale, template_id)
            parts.append(locale.encode() + b"\0" + (_read(other) if other else b"<missing>"))
    return parts


def _read(path: Path) -> bytes:
    if not path.is_file():  # a FIFO named like a template would block the read
        return b"<not a file>"
    try:
        return path.read_bytes()
    except OSError:
        return b"<unreadable>"
