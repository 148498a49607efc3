"""What an open file is, and its findings as ``msglint lint`` would report them for its unsaved text.

A project is the folder of its config (``.msglint.yaml``, else the pack's parent): its rules
load once and stay loaded; a saved rule file or config reloads them, and when they do not load
the error is shown on that file while the last good rules keep serving the templates.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from msglint import i18n
from msglint.checks.engine import build_ruleset
from msglint.checks.template import lint_template
from msglint.config import FILENAMES, find_config, load_config
from msglint.errors import MsglintError
from msglint.findings import Finding
from msglint.sequence.check import judge, match_templates
from msglint.template import pack, sequence_file
from msglint.template.index import PackIndex, templates_of


def kind_of(path: Path) -> str | None:
    """"template", "sequence", "rules", "config", or None for a file msglint does not read."""
    if path.name.endswith(pack.SUFFIX):
        return "template"
    if path.name in FILENAMES:
        return "config"
    if path.suffix in (".yaml", ".yml"):
        if path.parent.name == "sequences":
            return "sequence"
        if path.parent.name == "rules" or path.parent.parent.name == "rules":
            return "rules"
    return None


@dataclass
class Checked:
    """One document's findings, and what a fix of them needs."""

    kind: str
    findings: list = field(default_factory=list)
    template: object = None  # the loaded template (for fixes and completion)
    message: object = None  # its rendered message (for fixes)
    locale: str | None = None  # the language its findings speak


class Project:
    """A config and the rules it loads, kept while the files behind them are unchanged."""

    def __init__(self, folder: Path, config_file: Path | None):
        self.folder = folder
        self.config_file = config_file
        self.config = None
        self.ruleset = None
        self.problem: MsglintError | None = None  # why the latest config or rules did not load

    def load(self) -> None:
        try:
            config = load_config(str(self.config_file)) if self.config_file else find_config(self.folder)
            ruleset = build_ruleset(config)
        except MsglintError as exc:
            self.problem = exc
            return
        self.config, self.ruleset, self.problem = config, ruleset, None

    def ready(self):
        if self.ruleset is None and self.problem is None:
            self.load()
        return self.ruleset


class Workspace:
    """The projects of the open files, and the unsaved text of each open file."""

    def __init__(self, config_file: Path | None = None):
        self.config_file = config_file  # --config: one config for every project
        self.projects: dict[Path, Project] = {}
        self.texts: dict[Path, str] = {}
        self.indexes: dict[tuple, tuple[PackIndex, dict]] = {}  # (pack root, stages) -> (index, stamps)

    def project_for(self, path: Path) -> Project:
        folder = _project_folder(path)
        if folder not in self.projects:
            config = self.config_file or next((folder / name for name in FILENAMES if (folder / name).is_file()), None)
            self.projects[folder] = Project(folder, config)
        return self.projects[folder]

    def reload(self, path: Path) -> Project:
        """A rule file or the config was saved: load the project's rules again."""
        project = self.project_for(path)
        project.load()
        return project

    def check(self, path: Path, text: str) -> Checked:
        kind = kind_of(path)
        project = self.project_for(path)
        ruleset = project.ready()
        if kind in ("rules", "config"):
            return Checked(kind, findings=_problem_findings(project, path))
        if ruleset is None:
            return Checked(kind or "template", findings=_problem_findings(project, path))
        stages = project.config.stages
        if kind == "sequence":
            return self._check_sequence(path, text, ruleset, stages)
        root = pack.root_of(path)
        index = self.index(root, stages, path)
        template = pack.load(path, root, stages, text=text)
        index.remember(path, template)
        result = lint_template(template, ruleset, index)
        return Checked("template", findings=result.findings, template=template, message=result.message,
                       locale=template.locale)

    def index(self, root: Path, stages, path: Path) -> PackIndex:
        """The pack's templates, loaded once and kept while unchanged: a counterpart open in the
        editor as typed, any other as saved (read again when its file changes on disk)."""
        key = (root, tuple(stages or ()))
        if key not in self.indexes:
            self.indexes[key] = (PackIndex(stages), {})
        index, stamps = self.indexes[key]
        for other in index.loaded():
            if other == path:
                continue
            stamp = ("text", self.texts[other]) if other in self.texts else ("disk", _mtime(other))
            if other not in stamps:  # read from disk by the last lint (a counterpart it asked for)
                stamps[other] = stamp
            elif stamps[other] != stamp:
                index.forget(other)
                del stamps[other]
        for other, other_text in self.texts.items():
            if other != path and other.name.endswith(pack.SUFFIX) and other.is_relative_to(root) \
                    and stamps.get(other) != ("text", other_text):
                index.remember(other, pack.load(other, root, stages, text=other_text))
                stamps[other] = ("text", other_text)
        return index

    def _check_sequence(self, path, text, ruleset, stages) -> Checked:
        sequence = sequence_file.load(path, text=text)
        root = templates_of(path.parent.parent)
        # The pack's templates as the editor holds them, loaded once, not once per keystroke.
        templates = {}
        if root and not sequence.problems:
            templates = match_templates(sequence, self.index(root, stages, path), root)
        return Checked("sequence", findings=judge(sequence, templates, ruleset).findings)


def _mtime(path: Path):
    try:
        return path.stat().st_mtime_ns
    except OSError:
        return None


def _project_folder(path: Path) -> Path:
    """The folder of the nearest config above ``path``, else the folder above its templates/,
    sequences/ or rules/ folder, else its own folder."""
    for folder in path.parents:
        if any((folder / name).is_file() for name in FILENAMES):
            return folder
    for folder in path.parents:
        if folder.name in ("templates", "sequences", "rules"):
            return folder.parent
    return path.parent


_LINE = re.compile(r"\bline (\d+)")


def _problem_findings(project: Project, path: Path) -> list:
    """The project's config or rule error, on the file it names (or on the config it came through)."""
    problem = project.problem
    if problem is None:
        return []
    message = i18n.say(problem.args[0] if problem.args else str(problem))
    named = str(path) in message or path.name in message or kind_of(path) == "config"
    if not named:
        return []
    line = _LINE.search(message)
    return [Finding(rule="config" if kind_of(path) == "config" else "rule-file", severity="error", message=message,
                    path=str(path), line=int(line.group(1)) if line else 1, column=1)]
