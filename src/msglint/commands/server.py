"""``msglint server``: findings where templates are written — a language server on stdio for any
editor with an LSP client (VS Code, Neovim, Helix; see the README)."""

from __future__ import annotations

import click

from msglint.commands.common import CONFIG, fails_cleanly


@click.command()
@click.option("--stdio", is_flag=True, default=True, help="Speak LSP on stdin/stdout (the only transport; the default).")
@CONFIG
@fails_cleanly
def server(stdio, config_path):
    """Run the language server: live diagnostics, quick fixes, explanations on hover, completion."""
    from msglint.editor.server import serve  # pygls and the protocol types load only for the server

    serve(config_path)
