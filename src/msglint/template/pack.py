"""Find and load a template pack: ``templates/<locale>/<channel>/<name>.<ext>.j2``.

Loading never raises for a bad template: each problem (layout, encoding, front matter, Jinja
syntax, undeclared variables) is recorded on the template with its line, and reported as a
finding of the matching rule.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pathspec

from msglint import channels
from msglint.errors import MsglintError
from msglint.i18n import _
from msglint.template.frontmatter import Document, FrontMatterError, split
from msglint.template.metadata import CHANNELS, Meta, validate
from msglint.template.suppress import Suppressions
from msglint.support.spelling import did_you_mean
from msglint.render.html_text import is_html

# Jinja and Babel are imported when a template is compiled, not when a pack is listed: a warm
# lint answered from the result cache never needs them.

SUFFIX = ".j2"


@dataclass
class Problem:
    kind: str  # the rule kind that reports it: front-matter, template-syntax, ...
    message: str
    line: int = 1
    column: int | None = None
    excerpt: str | None = None


@dataclass
class Template:
    path: Path
    root: Path
    locale: str
    id: str
    display: str
    text: str | None = None
    doc: Document | None = None
    meta: Meta | None = None
    body: object = None  # CompiledText
    subject: object = None
    problems: list = field(default_factory=list)
    suppressions: Suppressions = field(default_factory=Suppressions)

    @property
    def channel(self) -> str | None:
        if self.meta:
            return self.meta.channel
        parts = self.id.split("/")
        return parts[0] if parts[0] in CHANNELS else None

    @property
    def misplaced(self) -> bool:
        """Not at ``<locale>/<channel>/<name>.<ext>.j2``: its locale and id mean nothing."""
        return any(p.kind == "template-file" for p in self.problems)

    @property
    def renderable(self) -> bool:
        return self.meta is not None and self.body is not None and not any(
            p.kind in ("template-syntax", "front-matter", "template-file") for p in self.problems)

    def used_variables(self) -> set:
        from jinja2 import meta as jinja_meta

        used = set()
        for part in (self.body, self.subject):
            if part is not None:
                used |= jinja_meta.find_undeclared_variables(part.ast)
        return used


def display_path(path: Path) -> str:
    try:
        return os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)


def template_id(relative: Path) -> str:
    """``ko/sms/meeting-reminder.txt.j2`` -> ``sms/meeting-reminder`` (the path under the locale)."""
    parts = list(relative.parts[1:])
    parts[-1] = parts[-1].split(".")[0]
    return "/".join(parts)


def root_of(file: Path) -> Path:
    """The templates folder a template file belongs to."""
    for parent in file.parents:
        if parent.name == "templates":
            return parent
    return file.parent.parent.parent


def discover(paths) -> list[tuple[Path, Path]]:
    """Template files and their pack roots for each PATH: a project, a templates folder, files."""
    found: dict[Path, Path] = {}
    for entry in paths:
        path = Path(entry)
        if not path.exists():
            raise MsglintError(_("{path}: no such file or folder", path=entry))
        path = path.resolve()
        if path.is_file():
            found[path] = root_of(path)
            continue
        root = path / "templates" if (path / "templates").is_dir() else None
        search = root or path
        files = [p for p in _walk(search, path) if p.name.endswith(SUFFIX) or _stray(p, search)]
        if not files:
            raise MsglintError(_("{path}: no templates found; expected files like "
                                 "templates/<locale>/<channel>/<name>.txt.j2", path=entry))
        for file in files:
            found[file] = root or root_of(file)
    # A link to a template found under its own name is the same template: read (and fixed) once.
    real = {path for path in found if not path.is_symlink()}
    return sorted((path, root) for path, root in found.items() if not (path.is_symlink() and path.resolve() in real))


# Folders no template lives in: a first lint in a new project with a .venv must not read the
# installed packages (msglint's own test files among them).
_NOT_TEMPLATES = frozenset({"node_modules", "site-packages", "__pycache__"})


def _walk(search: Path, project: Path) -> list[Path]:
    """The files under ``search``, in name order, leaving out hidden folders (.git, .venv),
    virtual environments (a folder with pyvenv.cfg), installed packages, and what the project's
    .gitignore ignores."""
    ignored = _gitignore(project)
    out = []
    for folder, subfolders, files in os.walk(search):
        here = Path(folder)
        subfolders[:] = sorted(name for name in subfolders if not name.startswith(".") and name not in _NOT_TEMPLATES
                               and not (here / name / "pyvenv.cfg").exists()
                               and not _is_ignored(ignored, project, here / name, folder=True))
        # Regular files, and anything else named like a template (a folder, a FIFO), so it is
        # reported rather than skipped without a word.
        out += [here / name for name in sorted(files) + [d for d in subfolders if d.endswith(SUFFIX)]
                if ((here / name).is_file() or name.endswith(SUFFIX)) and not _is_ignored(ignored, project, here / name)]
    return sorted(out)


def _gitignore(project: Path):
    """The project's .gitignore, read as git reads it (pathspec), or None."""
    try:
        lines = (project / ".gitignore").read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return None
    return pathspec.GitIgnoreSpec.from_lines(lines)


def _is_ignored(spec, project: Path, path: Path, folder: bool = False) -> bool:
    if spec is None:
        return False
    try:
        relative = path.relative_to(project).as_posix()
    except ValueError:
        return False
    return spec.match_file(relative + ("/" if folder else ""))


# Files in a templates folder that look like a message written without the .j2 ending: they would
# be skipped in silence, so they are reported instead.
STRAY_SUFFIXES = (".txt", ".html", ".htm", ".md", ".eml", ".jinja", ".jinja2", ".j2.txt")


def _stray(path: Path, search: Path) -> bool:
    if path.name.startswith(".") or path.name.lower().startswith("readme"):
        return False
    return path.name.lower().endswith(STRAY_SUFFIXES) and (search.name == "templates" or "templates" in path.parts)


@lru_cache(maxsize=None)
def known_locale(name: str) -> bool:
    from babel import Locale, UnknownLocaleError

    try:
        Locale.parse(name.replace("-", "_"))
        return True
    except (UnknownLocaleError, ValueError, TypeError):
        return False


def load(path: Path, root: Path, stages=None, text: str | None = None) -> Template:
    """Load the template at ``path``; ``text``, when given, stands for the file's content (a fix
    being tried before it is written)."""
    relative = path.relative_to(root) if path.is_relative_to(root) else Path(path.name)
    parts = relative.parts
    locale = parts[0] if len(parts) >= 3 else "?"
    tid = template_id(relative) if len(parts) >= 3 else relative.name.split(".")[0]
    template = Template(path=path, root=root, locale=locale, id=tid, display=display_path(path))
    problems = template.problems
    if not path.name.endswith(SUFFIX):
        problems.append(Problem("template-file", _("not linted: template files end in {suffix}; rename it {name} (or move it "
                                                  "out of the templates folder)", suffix=SUFFIX, name=path.name + SUFFIX)))
        return template
    if text is None and not path.is_file():
        # A folder, a FIFO or a device named like a template: never opened (a FIFO would block).
        problems.append(Problem("template-file", _("is not a file (a folder, a FIFO or a device) but is named like a "
                                                  "template; rename it, or move it out of the templates folder")))
        return template
    if path.is_symlink() and not path.resolve().is_relative_to(root.resolve()):
        # A pull request could link a template to any file on the CI machine and have it shown.
        problems.append(Problem("template-file", _("is a link to a file outside the templates folder; msglint does not "
                                                  "follow links out of the pack: copy the template in instead")))
        return template
    if len(parts) < 3:
        where = f"{parts[0]}/<channel>/{parts[-1]}" if len(parts) == 2 else f"<locale>/<channel>/{parts[-1]}"
        problems.append(Problem("template-file", _("template is not at <locale>/<channel>/<name>.<ext>{suffix} under {root}: "
                                                  "move it to {root}/{where} (channel: sms, voicemail or email)",
                                                  suffix=SUFFIX, root=display_path(root), where=where)))
    elif not known_locale(locale):
        locales = sorted({d.name for d in root.iterdir() if d.is_dir() and known_locale(d.name)} | {"ko", "en"})
        hint = did_you_mean(locale, locales, cutoff=0.4)
        problems.append(Problem("template-file", _("'{locale}' is not a locale{hint}: the folder under templates/ names the "
                                                  "message's language, such as ko or en", locale=locale, hint=hint)))
    try:
        # utf-8-sig: a template saved "as UTF-8 with BOM" (Windows Notepad) starts with its '---' too.
        template.text = text if text is not None else path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = path.read_bytes()[:exc.start].count(b"\n") + 1
        problems.append(Problem("template-file", _("file is not UTF-8 text: save it as UTF-8"), line))
        return template
    except OSError as exc:
        problems.append(Problem("template-file", _("cannot read the file: {reason}", reason=exc.strerror)))
        return template
    template.suppressions = Suppressions.parse(template.text)
    try:
        template.doc = doc = split(template.text)
    except FrontMatterError as exc:
        problems.append(Problem("front-matter", exc.args[0] if exc.args else str(exc), exc.line, exc.column))
        return template
    template.meta, meta_problems = validate(doc.meta, **({"stages": stages} if stages else {}))
    for p in meta_problems:
        line, column = doc.where(*p.key)
        problems.append(Problem("front-matter", p.message, line, column))
    if template.meta and len(parts) >= 3 and parts[1] in CHANNELS and parts[1] != template.meta.channel:
        line, column = doc.where("channel", "<value>")
        problems.append(Problem("front-matter", _("channel '{channel}' does not match its folder '{folder}/'",
                                                    channel=template.meta.channel, folder=parts[1]), line, column))
    known = channels.get(template.meta.channel) if template.meta else None
    if known is not None and known.locales and template.locale not in (*known.locales, "?"):
        line, column = doc.where("channel", "<value>")
        problems.append(Problem("front-matter", _("{channel} messages are sent in {locales} only: move this template "
                                                    "under templates/{first}/", channel=known.name,
                                                    locales=", ".join(known.locales), first=known.locales[0]),
                                line, column))
    _compile(template)
    return template


_UNKNOWN = re.compile(r"No (filter|test) named '([^']+)'")


def _hint(exc):
    """" (did you mean 'datetime'?)" after Jinja's "No filter named 'datetme'"."""
    found = _UNKNOWN.search(str(exc.args[0] if exc.args else ""))
    if not found:
        return ""
    from msglint.render.jinja import environment  # Jinja: loaded only to compile or render

    env = environment(False)
    names = env.filters if found.group(1) == "filter" else env.tests
    return did_you_mean(found.group(2), sorted(names))


def _compile(template: Template) -> None:
    from jinja2 import meta as jinja_meta
    from jinja2 import nodes

    from msglint.render.jinja import CompiledText, RenderError  # Jinja: loaded only to compile or render

    doc = template.doc
    try:
        template.body = CompiledText(doc.body, template.display, line_offset=doc.body_line - 1,
                                     html=is_html(template.path.name))
    except RenderError as exc:
        template.problems.append(Problem("template-syntax", _("Jinja syntax error: {error}{hint}", error=exc.args[0], hint=_hint(exc)),
                                         exc.line or doc.body_line))
    subject = doc.meta.get("subject")
    if isinstance(subject, str) and subject:
        line, column = doc.where("subject", "<value>")
        raw_line = template.text.splitlines()[line - 1] if line - 1 < len(template.text.splitlines()) else ""
        quoted = raw_line[column - 1:column] in ("'", '"')
        try:
            template.subject = CompiledText(subject, template.display + "#subject", line - 1, column - 1 + quoted)
        except RenderError as exc:
            template.problems.append(Problem("template-syntax", _("Jinja syntax error in the subject: {error}{hint}",
                                                                  error=exc.args[0], hint=_hint(exc)), line))
    for part, offset in ((template.body, doc.body_line - 1), (template.subject, None)):
        if part is None:
            continue
        for node in part.ast.find_all((nodes.Include, nodes.Extends, nodes.Import, nodes.FromImport)):
            line = node.lineno + offset if offset is not None else doc.where("subject", "<value>")[0]
            template.problems.append(Problem(
                "template-syntax",
                _("a template stands alone: {tags} are not available; write the text here (or use a variable)",
                  tags="{% include %}, {% extends %}, {% import %}"), line))
    if template.meta is None:
        return
    declared = set(template.meta.variables)
    for part, offset in ((template.body, doc.body_line - 1), (template.subject, None)):
        if part is None:
            continue
        for name in sorted(jinja_meta.find_undeclared_variables(part.ast) - declared):
            node = next(n for n in part.ast.find_all(nodes.Name) if n.name == name and n.ctx == "load")
            if offset is None:
                line, column = doc.where("subject", "<value>")
            else:
                line = node.lineno + offset
                source_line = template.text.splitlines()[line - 1]
                found = re.search(rf"\b{re.escape(name)}\b", source_line)
                column = found.start() + 1 if found else 1
            template.problems.append(Problem(
                "template-syntax",
                _("variable '{name}' is used but not declared: add it under 'variables:' in the front matter", name=name),
                line, column, excerpt=name,
            ))
