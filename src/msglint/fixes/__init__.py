"""Fixes: the edits a rule declares, planned on a template's source through the source map and applied."""
