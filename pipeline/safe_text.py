"""Text from plans made safe for where `plans` sends it: a terminal, a log line, a spreadsheet.

Extracted cells and file names are hostile input (issue 11): a cell can hold an escape
sequence that retitles or clears the terminal ("\\x1b]0;pwned\\x07", "\\x1b[2J"), a file name
can hold a newline that forges a progress or summary line, and a CSV cell starting with "="
runs as a formula when a spreadsheet opens the file. Every printer of `plans` goes through
this module:

- `terminal_text`: for tables, progress, summaries, text logs and error messages. Control
  characters become visible Python-style escapes ("\\x1b", "\\n", "\\u2028"), so one value is
  always one line and draws nothing but its own characters. A backslash is left as it is.
- `printable`: the same for formats that carry their own layout (CSV fields, the HTML
  report, chart labels): tab, LF and CR are kept, the other controls escaped.
- `json_line`: one exact JSON object per line (json.loads gives the stored value back); the
  characters JSON may carry raw but that break or restyle a line are written as \\uXXXX.
- `csv_line`: OWASP's CSV-injection rule: a text cell starting with = + - @ TAB or CR gets a
  leading "'", every text cell is quoted; numbers are written bare and stay numbers.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import Any

# Characters a terminal or a line-based reader acts on: C0 controls and DEL ("\x1b" starts
# "\x1b[2J"), C1 controls ("\x9b" is CSI on 8-bit terminals, "\x85" is NEL), the line and
# paragraph separators U+2028/U+2029 (str.splitlines breaks on them), and the bidirectional
# controls that reorder what is shown (U+202E in "Trojan Source", CVE-2021-42574).
_NOT_C0 = r"\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069"
UNSAFE_RE = re.compile(rf"[\x00-\x1f{_NOT_C0}]")  # "\x1b]0;pwned\x07", "xã\n[1/3] ok"
# Of those, what json.dumps leaves raw (it escapes C0 itself): DEL, C1, separators, bidi.
JSON_UNSAFE_RE = re.compile(rf"[{_NOT_C0}]")  # "\u2028", "\x85"
# Where the format itself carries layout (a quoted CSV field, HTML, a chart label), tab, LF
# and CR are data; the other controls are still escaped.
LAYOUT_UNSAFE_RE = re.compile(rf"[\x00-\x08\x0b\x0c\x0e-\x1f{_NOT_C0}]")  # "\x1b[2J"
# OWASP "CSV Injection": a cell starting with one of these is read as a formula:
# '=HYPERLINK("http://evil.example","x")', '+1', '-2+3', '@SUM(A1:A9)', '\t=1', '\r=1'.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_SHORT = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}


def visible(char: str) -> str:
    """The escape shown for one unsafe character: '\\x1b' -> '\\\\x1b', '\\u2028' -> '\\\\u2028'."""
    code = ord(char)
    return _SHORT.get(char) or (f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")


def terminal_text(value: object) -> str:
    """A value as one safe line: 'a\\nb\\x1b[2J' -> 'a\\\\nb\\\\x1b[2J' (the backslashes shown)."""
    return UNSAFE_RE.sub(lambda m: visible(m.group()), str(value))


def printable(text: str) -> str:
    """Text for CSV, HTML or a chart: controls but tab, LF, CR escaped ('\x07' -> '\\x07')."""
    return LAYOUT_UNSAFE_RE.sub(lambda m: visible(m.group()), text)


def json_line(data: Any, default: Callable[[Any], Any] | None = None) -> str:
    """One JSON object per line, Vietnamese kept readable, nothing a terminal acts on."""
    text = json.dumps(data, ensure_ascii=False, default=default)
    # These characters only ever occur inside JSON strings, where \\uXXXX means the same.
    return JSON_UNSAFE_RE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def spreadsheet_text(text: str) -> str:
    """A text cell that no spreadsheet runs: '=1+1' -> "'=1+1"; '-2' (text) -> "'-2"."""
    text = printable(text)
    return "'" + text if text.startswith(FORMULA_START) else text


def csv_field(value: object) -> str:
    """One CSV field: numbers bare (-2, -2.5), NULL empty, anything else quoted safe text."""
    if value is None:
        return ""
    if isinstance(value, (bool, int, float, Decimal)):
        return str(value)
    return '"' + spreadsheet_text(str(value)).replace('"', '""') + '"'


def csv_line(values: Iterable[object]) -> str:
    """One CSV record ending in CRLF, as RFC 4180 and the csv module write it."""
    return ",".join(csv_field(v) for v in values) + "\r\n"
