"""An upright view of a page whose text runs sideways or upside down.

Landscape appendices come in three shapes: a landscape MediaBox (the samples), a portrait
MediaBox with /Rotate 90 (pdfminer applies the rotation, so the text is upright already),
and a portrait page with the content itself turned 90 degrees and no /Rotate (a viewer
shows it sideways). In the last case pdfplumber's rows are the table's columns and lines
come out as 'nềyuq mẩht'. We find the page's dominant text direction from the character
matrices and, when it is not left-to-right, turn every object's coordinates so it is.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import Any, Literal

from pdfplumber.page import DerivedPage, Page

Direction = Literal["ltr", "rtl", "ttb", "btt"]
Obj = dict[str, Any]
# (x0, top, x1, bottom) on the page -> the same box in the upright frame.
BoxMap = Callable[[float, float, float, float], tuple[float, float, float, float]]


def char_direction(char: Obj) -> Direction:
    """Reading direction on the page (top-down y) of one character, from its matrix."""
    a, b = char["matrix"][0], char["matrix"][1]  # text x-axis in PDF space (y up)
    if abs(a) >= abs(b):
        return "ltr" if a > 0 else "rtl"
    return "btt" if b > 0 else "ttb"


def dominant_direction(chars: list[Obj]) -> Direction:
    """The direction most visible characters read in ('ltr' for an empty page)."""
    counts = Counter(char_direction(c) for c in chars if not c["text"].isspace())
    return counts.most_common(1)[0][0] if counts else "ltr"


def upright_view(page: Page) -> Page:
    """The page itself when its text reads left to right, else a turned copy of it."""
    direction = dominant_direction(page.chars)
    return page if direction == "ltr" else TurnedPage(page, direction)


def _box_map(direction: Direction, width: float, height: float) -> BoxMap:
    if direction == "btt":  # turn 90 degrees clockwise
        return lambda x0, top, x1, bottom: (height - bottom, x0, height - top, x1)
    if direction == "ttb":  # turn 90 degrees counter-clockwise
        return lambda x0, top, x1, bottom: (top, width - x1, bottom, width - x0)
    return lambda x0, top, x1, bottom: (width - x1, height - bottom, width - x0, height - top)


class TurnedPage(DerivedPage):
    """A page seen turned so that `direction` text reads left to right."""

    def __init__(self, parent_page: Page, direction: Direction):
        width, height = parent_page.width, parent_page.height
        self.direction = direction
        self.box_map = _box_map(direction, width, height)
        turned = direction in ("btt", "ttb")
        new_width, new_height = (height, width) if turned else (width, height)
        self.bbox = (0, 0, new_width, new_height)
        super().__init__(parent_page)

    @property
    def objects(self) -> dict[str, list[Obj]]:
        """Every parent object with its coordinates turned into the upright frame."""
        if not hasattr(self, "_objects"):
            self._objects = {
                kind: [self._turn(obj) for obj in objs]
                for kind, objs in self.parent_page.objects.items()
            }
        return self._objects

    def _turn(self, obj: Obj) -> Obj:
        if "x0" not in obj or "top" not in obj:
            return obj
        x0, top, x1, bottom = self.box_map(obj["x0"], obj["top"], obj["x1"], obj["bottom"])
        turned = {
            **obj,
            "x0": x0,
            "x1": x1,
            "top": top,
            "bottom": bottom,
            "width": x1 - x0,
            "height": bottom - top,
            "y0": self.bbox[3] - bottom,
            "y1": self.bbox[3] - top,
            "doctop": top + (obj.get("doctop", obj["top"]) - obj["top"]),
        }
        if "pts" in obj:
            turned["pts"] = [self.box_map(x, y, x, y)[:2] for x, y in obj["pts"]]
        if obj.get("object_type") == "char":
            turned["upright"] = char_direction(obj) == self.direction
        return turned
