"""spaCy component `plans_legal_refs`: legal references as doc.spans['legal_refs'].

    nlp = spacy.blank("vi", config={"nlp": {"tokenizer": {"use_pyvi": False}}})
    nlp.add_pipe("plans_legal_refs")
    doc = nlp("Căn cứ Nghị định số 61/2018/NĐ-CP ngày 23/4/2018 của Chính phủ")
    doc.spans["legal_refs"][0]._.legal_ref.key   # '61/2018/NĐ-CP'

One implementation: the component runs extract.legal.find_refs_in_text, the finder of
`plans refs` and of the legal_refs table, on doc.text; each record's characters (char_start,
char_end) become a span with alignment_mode="expand" (a key glued to punctuation, '…NĐ-CP;',
is one token of the blank Vietnamese tokenizer), label = reference type ('Nghị định'), the
record in span._.legal_ref. Registered through the `spacy_factories` entry point.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from extract.legal import find_refs_in_text
from models.records import LegalRefRecord

SPAN_KEY = "legal_refs"

if not Span.has_extension("legal_ref"):
    Span.set_extension("legal_ref", default=None)


class LegalRefTagger:
    """Adds a span per legal reference of the text, in order of characters."""

    def __init__(self, span_key: str = SPAN_KEY) -> None:
        self.span_key = span_key

    def __call__(self, doc: Doc) -> Doc:
        """Set doc.spans[span_key] to the references of doc.text."""
        records = find_refs_in_text(doc.text)
        doc.spans[self.span_key] = [s for r in records if (s := _span(doc, r)) is not None]
        return doc


def _span(doc: Doc, record: LegalRefRecord) -> Span | None:
    span = doc.char_span(
        record.char_start, record.char_end, label=record.ref_type, alignment_mode="expand"
    )
    if span is not None:
        span._.legal_ref = record
    return span


@Language.factory("plans_legal_refs", default_config={"span_key": SPAN_KEY})
def make_legal_refs(nlp: Language, name: str, span_key: str) -> LegalRefTagger:
    """The `plans_legal_refs` factory."""
    return LegalRefTagger(span_key)
