"""article-cleaner: a clean article body and its metadata from a news page or extracted text.

    >>> from cleaner import clean_text
    >>> a = clean_text("Facebook\\nTwitter\\nLinkedIn\\n" + "A paragraph of real article text. " * 3)
    >>> [r.category for r in a.removed]
    ['share_buttons', 'share_buttons', 'share_buttons']
"""
from typing import TYPE_CHECKING

from .errors import CleanerError, InputError, RuleError
from .limits import DocumentTimeout, LimitError, Limits
from .record import CATEGORIES, Article, Dateline, Embed, Removal
from .rule import Rule
from .ruleset import RuleSet, load_rules

if TYPE_CHECKING:  # type checkers see the lazy names as plain imports
    from .api import Cleaner, clean, clean_html, clean_text
    from .pipeline import Explanation, ProcessingError

#: imported on first use: the pipeline pulls in trafilatura and lxml (most of ``import
#: cleaner``'s time), which ``cleaner --help`` and the error types do not need
_LAZY = {"Cleaner": "api", "clean": "api", "clean_html": "api", "clean_text": "api", "Explanation": "pipeline",
         "ProcessingError": "pipeline"}


def __getattr__(name: str):
    if name in _LAZY:
        import importlib

        value = getattr(importlib.import_module(f".{_LAZY[name]}", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))


__version__ = "0.1.0"
__all__ = [
    "CATEGORIES", "Article", "Cleaner", "CleanerError", "Dateline", "DocumentTimeout", "Embed", "Explanation", "InputError",
    "LimitError", "Limits",
    "ProcessingError", "Removal", "Rule", "RuleError", "RuleSet", "clean", "clean_html", "clean_text", "load_rules",
]
