"""What one stage hands to the next: extract -> `Extracted` -> normalize -> `Finding`s.

`extract.extract_document(doc)` returns an Extracted; `normalize.normalize_document(doc,
extracted)` turns it into the table records plus Findings (warnings about the data that the
pipeline stores as `errors` rows of severity warning, stamped with its run).
"""

from __future__ import annotations

from dataclasses import dataclass

from models.document import DocMeta, TableInfo, TableRow, TextLine
from models.records import LegalRefRecord, Stage


@dataclass(frozen=True, slots=True)
class Extracted:
    """Everything extract reads from one Document: the plan's metadata (57/KH-UBND of xã Hà
    Châu), its appendix-table rows and its legal references (identities not yet resolved)."""

    meta: DocMeta = DocMeta()
    rows: tuple[TableRow, ...] = ()
    refs: tuple[LegalRefRecord, ...] = ()
    tables: tuple[TableInfo, ...] = ()  # every detected table, appendix or not
    findings: tuple[Finding, ...] = ()  # no rows although an appendix is announced, …
    # The body text: paragraphs (printed lines re-joined, table rows and the paragraphs heading
    # rows were built from left out), each with the page it starts on.
    body: tuple[TextLine, ...] = ()


@dataclass(frozen=True, slots=True)
class Finding:
    """A warning about one document's data, e.g. ('normalize', 'score_mismatch', 'table 0
    item 1.1: children sum to 1.00 …')."""

    stage: Stage
    kind: str
    message: str
