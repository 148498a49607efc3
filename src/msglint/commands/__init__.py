"""One module per command of the ``msglint`` command line."""
