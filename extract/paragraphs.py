"""Paragraphs of body text: one line each in DOCX and text exports, re-joined where the reader
says its lines are printed lines (`Document.printed_lines`: typed PDFs and scans, e.g.
'huyện Sơn' / 'Hà' on plan_003.pdf page 1)."""

from __future__ import annotations

import re

from models.document import Document

# A line that starts a paragraph: a bullet or a numbered heading; any other printed line
# continues the paragraph above.
PARAGRAPH_START_RE = re.compile(r"^(?:[-+•]\s|\d{1,2}(?:\.\d{1,2})*\.\s|[IVX]{1,4}\.\s|\d{1,2}\.$)")


def paragraphs(doc: Document) -> list[tuple[int, str]]:
    """(page, text) of every body paragraph; table rows (tab-separated lines) left out."""
    out: list[tuple[int, str]] = []
    for line in doc.lines:
        text = line.text.strip()
        if not text or "\t" in text:
            continue
        if out and doc.printed_lines and not PARAGRAPH_START_RE.match(text):
            page, previous = out[-1]
            out[-1] = (page, f"{previous} {text}")
        else:
            out.append((line.page, text))
    return out
