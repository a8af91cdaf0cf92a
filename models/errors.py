"""Expected failures, caught per file by the pipeline and stored as `errors` rows."""

from __future__ import annotations


class ExtractError(Exception):
    """A file could not be read or extracted; the message names the reason."""

    kind = "extract_error"


class UnsupportedFormat(ExtractError):
    """No reader is registered for the file's type (e.g. '.xlsx')."""

    kind = "unsupported_format"


class UnreadableFile(ExtractError):
    """The bytes are not a valid file of the claimed type (truncated, encrypted, empty)."""

    kind = "unreadable_file"


class NoTextLayer(ExtractError):
    """A PDF page or image has no usable text and OCR is not available."""

    kind = "no_text_layer"


class TableNotFound(ExtractError):
    """The document has no appendix table where one was expected."""

    kind = "table_not_found"


class LimitExceeded(ExtractError):
    """Parsing the file exceeded a time or memory limit, or a size bound (a 'bomb')."""

    kind = "limit_exceeded"
