"""Plumbing every stage shares: atomic writes, caches, cores, the terminal, YAML and time zones."""
