"""``msglint preview``: an HTML site of every message as the recipient sees it, written or served."""

from __future__ import annotations

from pathlib import Path

import click

from msglint.commands.common import CONFIG, fails_cleanly, ruleset_for, run_config
from msglint.i18n import _
from msglint.preview.serve import serve as run_server
from msglint.preview.site import build
from msglint.render.lead_data import read_data_file


@click.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--out", type=click.Path(file_okay=False), help="Write the site to this folder.")
@click.option("--data", "data_file", type=click.Path(dir_okay=False),
              help="A lead (YAML or JSON) to render every message for; values it lacks come from each sample.")
@click.option("--serve", is_flag=True, help="Serve it on 127.0.0.1, rebuilt on every page load.")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True)
@CONFIG
@fails_cleanly
def preview(paths, out, data_file, serve, port, config_path):
    """An HTML preview of every message as the recipient sees it, findings marked in place."""
    if not out and not serve:
        raise click.UsageError(str(_("say where the site goes (--out DIR) or serve it (--serve)")))
    config = run_config(config_path)
    ruleset = ruleset_for(config)
    paths = paths or (config.templates or ".",)
    data = read_data_file(data_file) if data_file else None
    if serve:
        run_server(lambda: build(paths, ruleset, data), port, lambda text: click.echo(text, err=True))
        return
    pages = build(paths, ruleset, data)
    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    for name, html in pages.items():
        (folder / name).write_text(html, encoding="utf-8")
    click.echo(_("msglint: wrote {count} pages to {folder}/ (open {index})", count=len(pages), folder=folder,
                 index=folder / "index.html"), err=True)
