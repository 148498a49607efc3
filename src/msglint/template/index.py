"""The templates of the packs being linted, found and loaded once; and the sequence files beside them."""

from __future__ import annotations

from pathlib import Path

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

    def _scan(self, root: Path) -> dict:
        if root not in self._ids:
            table: dict[str, dict[str, Path]] = {}
            for file in sorted(root.glob(f"*/*/**/*{pack.SUFFIX}")):
                relative = file.relative_to(root)
                if pack.known_locale(relative.parts[0]):
                    table.setdefault(relative.parts[0], {})[pack.template_id(relative)] = file
            self._ids[root] = table
        return self._ids[root]

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


