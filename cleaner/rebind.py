"""Base: a library's functions run against other globals, the library itself left as it is.

The read stage speeds up trafilatura's and htmldate's costliest lookups (XPaths, regex
scans) with stand-ins that find the same things faster. Their functions reach those
lookups as module globals; :func:`rebound` gives copies of the functions a namespace in
which the stand-ins replace them, so that only the cleaner's own calls read the stand-ins
and every other caller of the library keeps its own.
"""
from __future__ import annotations

import functools
import types


def rebound(module, names: tuple[str, ...] | set[str], **overrides) -> dict:
    """``module``'s functions ``names`` bound to a copy of its namespace in which ``overrides``
    replace its globals (and ``names`` one another): the same code reading other objects,
    the module itself left as it is. A function under ``functools.lru_cache`` gets a cache
    of its own, of the same size."""
    space = {**vars(module), **overrides}
    for name in names:
        f = getattr(module, name)
        cache = getattr(f, "cache_parameters", None)
        if cache is not None:
            f = f.__wrapped__
        g = types.FunctionType(f.__code__, space, f.__name__, f.__defaults__, f.__closure__)
        g.__kwdefaults__, g.__qualname__, g.__doc__ = f.__kwdefaults__, f.__qualname__, f.__doc__
        space[name] = functools.lru_cache(**cache())(g) if cache is not None else g
    return space


def reaching(module, names: set[str]) -> set[str]:
    """The functions of ``module`` that call one of ``names``, directly or through others of
    its functions: those a stand-in for ``names`` must be rebound with to be called."""
    functions = {}
    for name, value in vars(module).items():
        f = getattr(value, "__wrapped__", value)
        if isinstance(f, types.FunctionType) and f.__module__ == module.__name__:
            functions[name] = _names(f.__code__)
    found: set[str] = set()
    while True:
        more = {name for name, used in functions.items() if name not in found and used & (names | found)}
        if not more:
            return found
        found |= more


def _names(code: types.CodeType) -> set[str]:
    """The global names ``code`` and the functions defined in it read."""
    out = set(code.co_names)
    for const in code.co_consts:
        if isinstance(const, types.CodeType):
            out |= _names(const)
    return out
