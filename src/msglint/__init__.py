"""msglint: lint sales message templates and the messages rendered from them.

The Python API (``Pack``, ``check``, ``Message``, ``Finding``) is imported on first use, so the
command line starts fast.
"""

__version__ = "0.3.0"
__all__ = ["Pack", "check", "Message", "Finding", "MsglintError", "__version__"]


def __getattr__(name):
    if name in ("Pack", "check", "Message", "Finding", "MsglintError"):
        from msglint import api

        return getattr(api, name)
    raise AttributeError(f"module 'msglint' has no attribute {name!r}")
