"""Base: a library's functions run against other globals, the library itself left as it is.

The read stage speeds up trafilatura's and htmldate's costliest lookups (XPaths, regex
scans) with stand-ins that find the same things faster. Their functions reach those
lookups as module globals; :func:`rebound` gives copies of the functions a namespace in
which the stand-ins replace them, so that only the cleaner's own calls read the stand-ins
and every other caller of the library keeps its own.
"""
from __future__ import annotations

import types


def rebound(module, names: tuple[str, ...], **overrides) -> dict:
    """``module``'s functions ``names`` bound to a copy of its namespace in which ``overrides``
    replace its globals (and ``names`` one another): the same code reading other objects,
    the module itself left as it is."""
    space = {**vars(module), **overrides}
    for name in names:
        f = getattr(module, name)
        g = types.FunctionType(f.__code__, space, f.__name__, f.__defaults__, f.__closure__)
        g.__kwdefaults__, g.__qualname__, g.__doc__ = f.__kwdefaults__, f.__qualname__, f.__doc__
        space[name] = g
    return space
