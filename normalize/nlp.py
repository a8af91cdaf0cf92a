"""spaCy component `plans_agencies`: agencies of Vietnamese text as doc.spans['agencies'].

    nlp = spacy.blank("vi", config={"nlp": {"tokenizer": {"use_pyvi": False}}})
    nlp.add_pipe("plans_agencies")
    doc = nlp("giao Văn phòng UBND xã chủ trì")
    doc.spans["agencies"][0]._.agency_code   # 'VP_TK'

The matching is normalize.agency_mentions (the splitter the pipeline runs on lead/support
cells), not the tokens of the pipeline: the blank Vietnamese tokenizer splits on spaces only
('xã,' and 'HĐND-UBND' are one token each), so names are matched on their own word keys and
the character spans are mapped to tokens with alignment_mode="expand". Registered through the
`spacy_factories` entry point of pyproject.toml.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from normalize.agency_mentions import AgencyMention, agency_mentions, find_agencies

SPAN_KEY = "agencies"
UNKNOWN_LABEL = "AGENCY"  # a head word with no code: 'Ban quản lý dự án' (cells only)

for _name in ("agency_code", "agency_level", "agency"):
    if not Span.has_extension(_name):
        Span.set_extension(_name, default=None)


class AgencyTagger:
    """Adds a span per agency mention; label = agency code, record in span._.agency."""

    def __init__(self, span_key: str = SPAN_KEY, cells: bool = False) -> None:
        self.span_key = span_key
        self.cells = cells

    def __call__(self, doc: Doc) -> Doc:
        """Set doc.spans[span_key] to the agencies of the text, in reading order."""
        found = agency_mentions(doc.text) if self.cells else find_agencies(doc.text)
        doc.spans[self.span_key] = [span for m in found if (span := _span(doc, m)) is not None]
        return doc


def _span(doc: Doc, mention: AgencyMention) -> Span | None:
    label = mention.agency_code or UNKNOWN_LABEL
    span = doc.char_span(mention.char_start, mention.char_end, label=label, alignment_mode="expand")
    if span is not None:
        span._.agency_code = mention.agency_code
        span._.agency_level = mention.level
        span._.agency = mention
    return span


@Language.factory(
    "plans_agencies",
    default_config={"span_key": SPAN_KEY, "cells": False},
)
def make_agencies(nlp: Language, name: str, span_key: str, cells: bool) -> AgencyTagger:
    """The `plans_agencies` factory; cells=True also keeps unlisted agencies (code None)."""
    return AgencyTagger(span_key, cells)
