"""article-cleaner: a clean article body and its metadata from a news page or extracted text.

    >>> from cleaner import clean_text
    >>> a = clean_text("Facebook\\nTwitter\\nLinkedIn\\n" + "A paragraph of real article text. " * 3)
    >>> [r.category for r in a.removed]
    ['share_buttons', 'share_buttons', 'share_buttons']
"""
from .errors import CleanerError, InputError, RuleError
from .limits import DocumentTimeout, LimitError, Limits
from .pipeline import Cleaner, Explanation, ProcessingError, clean, clean_html, clean_text
from .record import CATEGORIES, Article, Dateline, Embed, Removal
from .rules import Rule, RuleSet, load_rules

__version__ = "0.1.0"
__all__ = [
    "CATEGORIES", "Article", "Cleaner", "CleanerError", "Dateline", "DocumentTimeout", "Embed", "Explanation", "InputError",
    "LimitError", "Limits",
    "ProcessingError", "Removal", "Rule", "RuleError", "RuleSet", "clean", "clean_html", "clean_text", "load_rules",
]
