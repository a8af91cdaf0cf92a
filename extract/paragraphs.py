"""Body paragraphs: the one definition of body text every stage reads.

A Document's lines are paragraphs (DOCX, text exports) or printed lines (typed PDFs and
scans: `Document.printed_lines`). Lines with a tab are table rows (also a row continued
after a page break, '\t\t70% và tỷ lệ …') and are left out. A line that starts a paragraph
(a bullet, a numbered heading, a letter label 'b)') starts one; any other line continues the
paragraph above when
- the lines are printed lines and the line above is a full line, so the paragraph wrapped
  ('… của UBND huyện Sơn' / 'Hà về …' on plan_003.pdf page 1; '… theo quy định;' /
  'đồng thời …'). A short printed line ends its paragraph: a centred title ('Duy trì, nâng
  cao Chỉ số … năm 2024') does not run into the paragraph under it ('Năm 2023, chỉ số … đạt
  96.56%', plan_001.pdf); or
- in any format, the paragraph above is unfinished (no '.', ';', ':', '!' or '?' at its end)
  and the line starts in lower case: a page break of a text export or a short wrap split it
  ('… cho người dân, tổ' / 'chức, đảm bảo …').
"""

from __future__ import annotations

import re

from models.document import Document, TextLine

# A line that starts a paragraph: a bullet ('- Mục đích', '+ Tổ chức'), a numbered heading
# ('1. Mục đích', '3.2. Tiêu chí', 'II. NHIỆM VỤ', a bare '2.'), a letter label ('a) Công tác',
# 'b. Văn phòng', 'đ) Tham mưu').
PARAGRAPH_START_RE = re.compile(
    r"^(?:[-+•]\s|\d{1,2}(?:\.\d{1,2})*\.\s|[IVX]{1,4}\.\s|\d{1,2}\.$|[a-zđ][).]\s)"
)
# Punctuation that ends a paragraph: after it a lower-case line is a paragraph of its own.
TERMINAL = ".;:!?"
# A printed line at least this share of a full line's length (the document's 90th percentile
# of printed line lengths) is a full line: its paragraph wraps onto the next line.
FULL_LINE = 0.8
FULL_PERCENTILE = 0.9


def paragraphs(doc: Document) -> tuple[TextLine, ...]:
    """Every body paragraph with the page it starts on; table rows (tab-separated) left out."""
    full = FULL_LINE * full_line_length(doc) if doc.printed_lines else None
    out: list[TextLine] = []
    wrapped = False  # the line above is a full printed line
    for line in doc.lines:
        text = line.text.strip()
        if "\t" in line.text:
            wrapped = False  # a table row between: the text under it starts anew
        if not text or "\t" in line.text:
            continue
        if out and continues(out[-1].text, text, wrapped):
            out[-1] = TextLine(out[-1].page, f"{out[-1].text} {text}")
        else:
            out.append(TextLine(line.page, text))
        wrapped = full is not None and len(text) >= full
    return tuple(out)


def continues(previous: str, text: str, wrapped: bool) -> bool:
    """Does `text` (a stripped line) continue the paragraph `previous`? `wrapped`: the
    printed line above was a full line."""
    if PARAGRAPH_START_RE.match(text):
        return False
    return wrapped or (previous[-1] not in TERMINAL and text[0].islower())


def full_line_length(doc: Document) -> int:
    """The length of a full printed body line: the 90th percentile of the line lengths."""
    lengths = sorted(
        len(t) for line in doc.lines if (t := line.text.strip()) and "\t" not in line.text
    )
    return lengths[int(FULL_PERCENTILE * (len(lengths) - 1))] if lengths else 0
