"""Many templates, files or leads at once: lint orchestration, batches, check of files, --changed."""
