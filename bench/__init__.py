"""Speed and memory figures for `make bench`, each printed with its target."""


def verdict(ok: bool) -> str:
    """The end of a figure's line: whether it meets its target."""
    return "ok" if ok else "MISSED"
