"""Base: a library's functions run against other globals, the library itself left as it is.

The read stage speeds up trafilatura's and htmldate's costliest lookups (XPaths, regex
scans) with stand-ins that find the same things faster. Their functions reach those
lookups as module globals; :func:`rebound` gives copies of the functions a namespace in
which the stand-ins replace them, so that only the cleaner's own calls read the stand-ins
and every other caller of the library keeps its own. Where the cleaner writes a library
function anew (a faster one giving the same answers), :func:`fingerprint` tells whether the
installed library's is still the one it was written from.
"""
from __future__ import annotations

import functools
import hashlib
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


def fingerprint(*functions) -> str:
    """A digest of the global and attribute names and the constants (numbers, short strings
    other than the docstrings) that ``functions``' code reads, with its comprehensions'
    (inlined or not, as the Python version has them): it changes when the thresholds or the
    calls do, not with the comments and docstrings."""
    names: set[str] = set()
    consts: set[str] = set()
    docs = {f.__doc__ for f in functions}

    def read(values) -> None:
        for c in values:
            if isinstance(c, types.CodeType):
                names.update(c.co_names)
                read(c.co_consts)
            elif isinstance(c, (tuple, frozenset)):
                read(c)
            elif isinstance(c, (int, float)) or isinstance(c, str) and len(c) <= 40 and c not in docs:
                consts.add(repr(c))

    read(f.__code__ for f in functions)
    return hashlib.sha1(repr((sorted(names), sorted(consts))).encode()).hexdigest()
