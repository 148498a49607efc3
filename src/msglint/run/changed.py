"""``--changed``: the templates a pull request touches, and the same ids in the other locales.

A change to what judges the templates (a rule file, the config, a sequence) can break any
template, so then every template is linted: a pull request that only edits a rule must not pass
because it "changed no template"."""

from __future__ import annotations

import subprocess
from pathlib import Path

from msglint.template import pack
from msglint.errors import MsglintError
from msglint.i18n import _
from msglint.template.index import split_sequences


def _git(*args, cwd=None) -> str:
    try:
        proc = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=False)
    except FileNotFoundError:
        raise MsglintError(_("--changed needs git, which is not installed")) from None
    if proc.returncode != 0:
        raise MsglintError(_("git {command}: {problem}", command=" ".join(args), problem=proc.stderr.strip() or _("failed")))
    return proc.stdout


def default_base(cwd) -> str:
    for candidate in ("origin/main", "main", "origin/master", "master"):
        try:
            return _git("merge-base", "HEAD", candidate, cwd=cwd).strip()
        except MsglintError:
            continue
    raise MsglintError(_("--changed: no main branch to compare with; name a ref, e.g. --changed origin/develop"))


SEQUENCE_FOLDERS = ("sequences",)
CONFIG_NAMES = (".msglint.yaml", ".msglint.yml", "pyproject.toml")


def _judges(file: Path, top: Path, watched: set) -> bool:
    """Whether a changed file decides how templates are judged (rules, config, sequences)."""
    if file in watched or file.name in CONFIG_NAMES:
        return True
    relative = file.relative_to(top) if file.is_relative_to(top) else file
    return bool(relative.parts) and relative.parts[0] in ("rules", *SEQUENCE_FOLDERS) \
        and file.suffix in (".yaml", ".yml")


def changed_templates(paths, ref: str | None, watched=(), echo=None) -> list[str]:
    """Templates to lint for a change since ``ref``; ``watched`` are the rule and config files in
    use (everything is linted when one of them changed)."""
    cwd = Path.cwd()
    try:
        top = Path(_git("rev-parse", "--show-toplevel", cwd=cwd).strip())
    except MsglintError:
        raise MsglintError(_("--changed works inside a git checkout; run it from your repository or drop --changed")) from None
    base = ref or default_base(cwd)
    names = _git("diff", "--name-only", base, "--", cwd=top).splitlines()
    names += _git("ls-files", "--others", "--exclude-standard", cwd=top).splitlines()
    everything = {(top / name).resolve() for name in names}
    watched = {Path(w).resolve() for w in watched}
    judges = sorted(str(f.relative_to(top)) for f in everything if _judges(f, top, watched))
    if judges:
        if echo:
            echo(_("msglint: {files} changed: linting every template, since rules and config apply to all of them",
                   files=", ".join(judges[:3]) + (" …" if len(judges) > 3 else "")))

        sequences = [str(path) for path, _root in split_sequences(paths)[1]]
        return sorted(str(f) for f, _ in pack.discover(paths)) + sequences
    changed = {f for f in everything if f.name.endswith(pack.SUFFIX)}
    selected: set[Path] = set()
    for file, root in pack.discover(paths):
        if file in changed:
            selected.add(file)
    # A deleted or edited template also concerns its counterparts (parity).
    for file in changed:
        root = pack.root_of(file)
        if not root.is_dir():
            continue
        relative = file.relative_to(root) if file.is_relative_to(root) else None
        if relative is None or len(relative.parts) < 3:
            continue
        template_id = pack.template_id(relative)
        for other in root.glob(f"*/{template_id}.*{pack.SUFFIX}"):
            selected.add(other.resolve())
    in_scope = {f for f, _ in pack.discover(paths)}
    return sorted(str(f) for f in selected if f in in_scope)
