"""The templates of the packs being linted, found and loaded once; and the sequence files beside them."""

from __future__ import annotations

from pathlib import Path

from msglint.errors import MsglintError
from msglint.i18n import _
from msglint.support.spelling import did_you_mean
from msglint.template import pack


class PackIndex:
    """Every template of the packs being linted, loaded once, for cross-locale checks."""

    def __init__(self, stages=None):
        self._stages = stages  # the config's stages when it declares more than msglint's
        self._templates: dict[Path, pack.Template] = {}
        self._ids: dict[Path, dict[str, dict[str, Path]]] = {}

    def load(self, path: Path, root: Path) -> pack.Template:
        if path not in self._templates:
            self._templates[path] = pack.load(path, root, self._stages)
        return self._templates[path]

    def remember(self, path: Path, template: pack.Template) -> None:
        """Use ``template`` for ``path``: a file open in an editor is read as typed, not as saved."""
        self._templates[path] = template

    def forget(self, path: Path) -> None:
        """Read ``path`` again when next asked for (it changed)."""
        self._templates.pop(path, None)

    def loaded(self) -> list[Path]:
        return list(self._templates)

    def _scan(self, root: Path) -> dict:
        if root not in self._ids:
            table: dict[str, dict[str, Path]] = {}
            for file in sorted(root.glob(f"*/*/**/*{pack.SUFFIX}")):
                relative = file.relative_to(root)
                if pack.known_locale(relative.parts[0]):
                    table.setdefault(relative.parts[0], {})[pack.template_id(relative)] = file
            self._ids[root] = table
        return self._ids[root]

    def ids(self, root: Path, locale: str) -> list[str]:
        """The template ids of ``locale`` in the pack at ``root``."""
        return sorted(self._scan(root).get(locale, {}))

    def locales(self, root: Path) -> list[str]:
        return sorted(self._scan(root))

    def file(self, root: Path, locale: str, template_id: str) -> Path | None:
        return self._scan(root).get(locale, {}).get(template_id)

    def get(self, root: Path, locale: str, template_id: str):
        file = self.file(root, locale, template_id)
        return None if file is None else self.load(file, root)


def split_sequences(paths) -> tuple[list, list]:
    """Template paths, and the sequence files (with their pack's templates folder) to lint: those
    named, and every ``sequences/*.yaml`` of a project or templates folder that is linted whole."""
    templates, sequences = [], []
    for entry in paths:
        path = Path(entry)
        if path.is_file() and path.suffix in (".yaml", ".yml") and path.parent.name == "sequences":
            sequences.append((path.resolve(), templates_of(path.resolve().parent.parent)))
            continue
        templates.append(entry)
        if path.is_dir():
            project = path.parent if path.name == "templates" else path
            folder = project / "sequences"
            if folder.is_dir() and (project / "templates").is_dir():
                root = (project / "templates").resolve()
                sequences.extend((f.resolve(), root) for f in sorted(folder.glob("*.y*ml")))
    return templates, sorted(set(sequences))


def templates_of(project: Path):
    folder = project / "templates"
    return folder.resolve() if folder.is_dir() else None


def find_template(template_id: str, locale: str, root: str, stages=None):
    """The template and the index it was loaded with; only that file is read."""
    index = PackIndex(stages)
    entries = pack.discover([root])
    found = {}
    for path, pack_root in entries:
        relative = path.relative_to(pack_root) if path.is_relative_to(pack_root) else None
        if relative is not None and len(relative.parts) >= 3 and pack.template_id(relative) == template_id:
            found[relative.parts[0]] = (path, pack_root)
    if locale not in found:
        if found:
            raise MsglintError(_("'{template}' has no {locale} version (it exists in {locales})", template=template_id,
                                 locale=locale, locales=", ".join(sorted(found))))
        ids = sorted({pack.template_id(p.relative_to(r)) for p, r in entries
                      if p.is_relative_to(r) and len(p.relative_to(r).parts) >= 3})
        hint = did_you_mean(template_id, ids)
        raise MsglintError(_("no template '{template}' under {root}{hint}; 'msglint templates' lists them",
                             template=template_id, root=root, hint=hint))
    return index.load(*found[locale]), index
