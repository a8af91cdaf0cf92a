"""Legal references in commune plans: 'Căn cứ Nghị định số 61/2018/NĐ-CP ngày 23/4/2018 …'."""

from extract.legal.refs import find_legal_refs, find_refs_in_text

__all__ = ["find_legal_refs", "find_refs_in_text"]
