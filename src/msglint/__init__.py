"""msglint: lint sales message templates and the messages rendered from them."""

__version__ = "0.1.0"
