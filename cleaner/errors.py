"""The one exception family the library raises.

Every error the cleaner raises on purpose is a :class:`CleanerError`; the CLI turns
them into error records (``{"type", "message"}``) and exit codes, never tracebacks.
"""
from __future__ import annotations


class CleanerError(Exception):
    """Base class of every error raised by article-cleaner."""

    #: short, stable name written to the ``error.type`` field of a record
    kind = "error"

    def to_dict(self) -> dict[str, str]:
        return {"type": self.kind, "message": str(self)}


class InputError(CleanerError):
    """The input cannot be cleaned: wrong type, undecodable, not a document."""

    kind = "input_error"


class RuleError(CleanerError):
    """A rule file is invalid. The message names the file, the rule id and the field."""

    kind = "rule_error"

    def __init__(self, message: str, *, file: str | None = None, rule: str | None = None, field: str | None = None):
        where = ", ".join(
            part for part in (file and f"file {file}", rule and f"rule {rule}", field and f"field {field!r}") if part
        )
        super().__init__(f"{where}: {message}" if where else message)
        self.file, self.rule, self.field = file, rule, field
