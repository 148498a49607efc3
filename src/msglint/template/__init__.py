"""Find and read templates: the pack, front matter, metadata, suppressions, sequence files."""
