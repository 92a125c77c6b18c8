"""Whether a regex can backtrack badly, judged on its shape (the parse tree of the pattern), never
by a clock: ``cleaner rules lint`` asks :func:`backtracking` of every pattern.

A backtracking engine goes exponential (or polynomial of a high degree) when it can split the
same text in many ways: a repeated group whose body can absorb its own next iteration
(``(a|aa)+``, ``(\\w+\\s?)+``), or several long runs in a row over the same characters
(``.*a.*a.*``). Both are shapes of the parsed pattern, so lint reads them off the parse tree:
the verdict is the same on an idle laptop and on a loaded CI machine.
"""
from __future__ import annotations

import re
from re import _compiler as _sre_compile, _constants as _sre, _parser as _sre_parse  # the parse tree of a pattern

import regex

_SAMPLE = ("".join(map(chr, range(9, 14))) + "".join(map(chr, range(32, 127)))
           + "\xa0\u2009\u200béÉßñçüÖ’‘“”«»–—•·©®€£§¿¡新闻ЖжΩ")
#: the characters a run is made of: white space never comes in runs (blocks are matched squashed)
_RUNS = "".join(c for c in _SAMPLE if not c.isspace())
#: syntax only the ``regex`` module reads (fuzzy matching, version flags, named lists, nested sets)
_REGEX_ONLY = regex.compile(r"\(\?[rV]|\(\?\||\\L<|\{[^{}]*\b[eisd]\b[^{}]*\}|\[\[:|\\[GXK]")
#: a repeat bounded at this many iterations or fewer is cheap whatever its body (n² at worst)
_FEW = 3
#: a run of at least this many characters' freedom counts in a chain of runs
_RUN = 10
#: more steps than this (a product of run lengths) is slow
_STEPS = 10**7
_REPEATS = (_sre.MAX_REPEAT, _sre.MIN_REPEAT)
_LEAVES = (_sre.LITERAL, _sre.NOT_LITERAL, _sre.ANY, _sre.IN)
#: Unicode properties of the ``regex`` module, read as the nearest ``re`` class (by the
#: property's first letter): inside a class, then outside one
_PROPS = {"p": {"N": ("\\d", "\\d"), "Z": ("\\s", "\\s"), "P": ("\\W", "\\W"), "S": ("\\W", "\\W"), "C": ("\\W", "\\W")},
          "P": {"L": ("\\W", "\\W"), "M": ("\\W", "\\W"), "N": ("\\D", "\\D"), "Z": ("\\S", "\\S"),
                "P": ("\\w\\s", "[\\w\\s]"), "S": ("\\w\\s", "[\\w\\s]"), "C": ("\\w\\s", "[\\w\\s]")}}
_ESCAPE = regex.compile(r"\\(?:([pP])(?:\{\^?([^}]*)\}|([A-Za-z]))|([mM])|.)|(\[\^?\]?)|(\])|(\(\?P?<(?![=!])\w+>)|.", regex.DOTALL)


def _as_re(pattern: str) -> str:
    """``pattern`` in the syntax of the ``re`` parser: Unicode properties as the nearest class,
    ``\\m``/``\\M`` as ``\\b``. What else only ``regex`` knows makes the parser fail."""
    if _REGEX_ONLY.search(pattern):
        raise re.error("syntax only the regex module reads")
    out, in_class = [], False
    for m in _ESCAPE.finditer(pattern):
        if m[1]:
            name = (m[2] or m[3] or "L").lstrip("^")[:1].upper()
            default = ("\\w", "\\w") if m[1] == "p" else ("\\W", "\\W")
            inside, outside = _PROPS[m[1]].get(name, default)
            out.append(inside if in_class else outside)
        elif m[4]:
            out.append("\\b")
        elif m[5] and not in_class:
            out.append(m[5])
            in_class = True
        elif m[6] and in_class:
            out.append("]")
            in_class = False
        elif m[7] and not in_class:
            out.append("(")  # group names: the screen repeats them, which ``re`` refuses
        else:
            out.append(m[0])
    return "".join(out)


class _Shape:
    """The parse tree of one pattern, and what its parts do on a run of one character ``c``
    (the text that makes a backtracking engine try every split: ``aaaa…!``)."""

    def __init__(self, pattern: str, limit: int, search: bool):
        self.tree = _sre_parse.parse(_as_re(pattern), re.IGNORECASE)
        self.limit, self.search, self.cache, self.widths = limit, search, {}, {}

    def chars(self, item) -> frozenset[str]:
        """The characters ``item`` can consume (of :data:`_SAMPLE`)."""
        key = id(item)  # the tree lives as long as the shape: ids are stable
        if key not in self.cache:
            op, av = item
            if op in _LEAVES:
                rx = _sre_compile.compile(_sre_parse.SubPattern(self.tree.state, [item]), re.IGNORECASE | re.DOTALL)
                found = frozenset(c for c in _SAMPLE if rx.fullmatch(c))
            elif op in (_sre.GROUPREF, _sre.GROUPREF_EXISTS):
                found = frozenset(_SAMPLE)
            else:
                found = frozenset().union(*(self.chars(i) for sub in _subs(item) for i in sub))
            self.cache[key] = found
        return self.cache[key]

    def needed(self, item) -> bool:
        if id(item) not in self.widths:
            self.widths[id(item)] = _sre_parse.SubPattern(self.tree.state, [item]).getwidth()[0] > 0
        return self.widths[id(item)]

    def absorbs(self, seq, c: str) -> bool:
        """Can ``seq`` match a run of ``c`` (its mandatory parts all take ``c``)?"""
        for item in seq:
            op, av = item
            if not self.needed(item) or op in (_sre.GROUPREF, _sre.GROUPREF_EXISTS):
                continue
            if op in _LEAVES:
                ok = c in self.chars(item)
            elif op == _sre.BRANCH:
                ok = any(self.absorbs(alt, c) for alt in av[1])
            else:
                ok = all(self.absorbs(sub, c) for sub in _subs(item))
            if not ok:
                return False
        return True

    def varies(self, seq, c: str) -> bool:
        """Can ``seq`` match runs of ``c`` of different lengths, or one run in two ways, and
        give characters back when what follows fails?"""
        return self.absorbs(seq, c) and any(self._varies(item, c) for item in seq)

    def _varies(self, item, c: str) -> bool:
        op, av = item
        if op in _REPEATS:
            body = av[2]
            return (av[0] != av[1] and c in self.chars(item) and self.absorbs(body, c)) or (av[1] > 0 and self.varies(body, c))
        if op == _sre.BRANCH:
            takers = [alt for alt in av[1] if self.absorbs(alt, c)]  # an empty branch takes a run of length 0
            return len(takers) > 1 or any(self.varies(alt, c) for alt in av[1])
        if op == _sre.SUBPATTERN:
            return self.varies(av[3], c)
        return op in (_sre.GROUPREF, _sre.GROUPREF_EXISTS)

    def problem(self) -> str | None:
        return self._walk(self.tree)

    def _walk(self, seq) -> str | None:
        found = self._chain(list(_flat(seq)))
        for item in seq:
            if found:
                return found
            op, av = item
            if op in _REPEATS and av[1] > _FEW:
                body = list(_flat(av[2]))
                c = next((c for c in _RUNS if c in self.chars(item) and self.varies(body, c)), None)
                if c is not None:
                    found = (f"a repeated group can match the same run ({c * 4!r}…) in exponentially many ways "
                             "(a quantifier or alternation inside it takes what its next repeat could)")
                    continue
            for sub in _subs(item):
                found = found or self._walk(sub)
        return found

    def _chain(self, seq) -> str | None:
        """Long runs in a row that all take ``c``: every split of ``ccc…`` among them is tried."""
        seen = frozenset().union(*(self.chars(i) for i in seq)) if seq else frozenset()
        for c in (c for c in _RUNS if c in seen):
            runs, steps = 0, 1
            for item in seq:
                op, av = item
                if not self.absorbs([item], c):
                    runs, steps = 0, 1
                elif op in _REPEATS and min(av[1], self.limit) - av[0] >= _RUN and c in self.chars(item):
                    runs, steps = runs + 1, steps * (min(av[1], self.limit) - av[0])
                    if runs >= 3 and steps * (self.limit if self.search else 1) > _STEPS:
                        return (f"{runs} long runs in a row all take {c!r} (a run of it can be split among them "
                                f"in about {steps:.0e} ways)")
        return None


def _subs(item):
    """The sub-sequences of one parse-tree item."""
    op, av = item
    if op in _REPEATS or op == _sre.POSSESSIVE_REPEAT:
        return [av[2]]
    if op == _sre.SUBPATTERN:
        return [av[3]]
    if op == _sre.BRANCH:
        return list(av[1])
    if op in (_sre.ASSERT, _sre.ASSERT_NOT):
        return [av[1]]
    if op == _sre.ATOMIC_GROUP:
        return [av]
    if op == _sre.GROUPREF_EXISTS:
        return [s for s in av[1:] if s is not None]
    return []


def _flat(seq):
    """The items of a sequence, groups opened."""
    for item in seq:
        if item[0] == _sre.SUBPATTERN:
            yield from _flat(item[1][3])
        else:
            yield item


def backtracking(pattern: str, max_chars: int = 2_000, search: bool = False) -> str | None:
    """Why ``pattern`` can backtrack catastrophically on a line of up to ``max_chars``
    characters (``search``: tried at every position, as ``unless`` patterns are), or None
    when its shape is safe. Raises ``ValueError`` when the ``re`` parser cannot read it
    (syntax only the ``regex`` module has, such as fuzzy matching)."""
    try:
        return _Shape(pattern, max(1, max_chars), search).problem()
    except (re.error, OverflowError, RecursionError, KeyError, TypeError) as e:
        raise ValueError(f"cannot analyse {pattern[:40]!r}: {e}") from None
