"""Legacy office documents (.doc, .odt, .rtf) through LibreOffice headless -> DOCX reader.

Communes still send Word 97 `.doc`, LibreOffice `.odt` and `.rtf` plans. We do not parse
those formats ourselves: `soffice --headless --convert-to docx` turns them into a DOCX
whose tables keep their gridSpan/vMerge/tblHeader, and the DOCX reader does the rest, so a
`.doc` and its `.docx` give the same rows.

The conversion is sandboxed: a private, throw-away profile folder
(-env:UserInstallation=file:///tmp/...) so runs never share or corrupt a user profile, macro
execution disabled in that profile, no network-facing features, and a subprocess timeout.
The worker's time and memory limits (RLIMIT_AS) are inherited by the child process.
"""

from __future__ import annotations

import dataclasses
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from extract.readers import docx
from models.document import Document, SourceFormat
from models.errors import ExtractError, LimitExceeded, UnreadableFile

TIMEOUT_S = 120.0  # a 60-page .doc converts in ~3 s; a hang is a hostile or broken file
SOFFICE_NAMES = ("soffice", "libreoffice")
# Macros off in the private profile: security level "very high" and execution disabled.
MACROS_OFF_XCU = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry"
 xmlns:xs="http://www.w3.org/2001/XMLSchema"
 xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Common/Security/Scripting">
<prop oor:name="MacroSecurityLevel" oor:op="fuse"><value>3</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Security/Scripting">
<prop oor:name="DisableMacrosExecution" oor:op="fuse"><value>true</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Misc">
<prop oor:name="UseSystemFileDialog" oor:op="fuse"><value>false</value></prop></item>
</oor:items>
"""


FORMATS: dict[str, SourceFormat] = {".doc": "doc", ".odt": "odt", ".rtf": "rtf"}


def soffice_binary() -> str | None:
    """The LibreOffice binary on PATH (Debian package libreoffice-writer-nogui), or None."""
    for name in SOFFICE_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


def read(path: Path, data: bytes, doc_id: str) -> Document:
    """Read 'ke-hoach-cchc.doc' (or .odt, .rtf) via a DOCX made by LibreOffice."""
    docx_bytes = convert_to_docx(path, data)
    doc = docx.read(path, docx_bytes, doc_id)
    note = f"converted from {path.suffix.lower() or '(no suffix)'} by LibreOffice"
    fmt = FORMATS.get(path.suffix.lower(), "doc")
    return dataclasses.replace(doc, source_format=fmt, warnings=(*doc.warnings, note))


def convert_to_docx(path: Path, data: bytes, timeout: float = TIMEOUT_S) -> bytes:
    """The DOCX bytes LibreOffice makes of a .doc/.odt/.rtf file; ExtractError naming why not."""
    binary = soffice_binary()
    if binary is None:
        raise ExtractError(
            f"{path}: reading {path.suffix} needs LibreOffice (Debian package "
            "libreoffice-writer-nogui); 'soffice' is not on PATH"
        )
    with tempfile.TemporaryDirectory(prefix="plans-office-") as tmp:
        work = Path(tmp)
        source = work / f"in{path.suffix.lower()}"
        source.write_bytes(data)
        _private_profile(work / "profile")
        _run(binary, work, source, path, timeout)
        out = work / "out" / "in.docx"
        if not out.is_file() or out.stat().st_size == 0:
            raise UnreadableFile(f"{path}: LibreOffice could not convert it to DOCX")
        return out.read_bytes()


def _private_profile(profile: Path) -> None:
    user = profile / "user"
    user.mkdir(parents=True)
    (user / "registrymodifications.xcu").write_text(MACROS_OFF_XCU, encoding="utf-8")


def _run(binary: str, work: Path, source: Path, path: Path, timeout: float) -> None:
    command = [
        binary,
        f"-env:UserInstallation={(work / 'profile').as_uri()}",
        "--headless",
        "--invisible",
        "--norestore",
        "--nolockcheck",
        "--nodefault",
        "--nologo",
        "--convert-to",
        "docx:MS Word 2007 XML",
        "--outdir",
        str(work / "out"),
        str(source),
    ]
    env = {**os.environ, "HOME": str(work), "SAL_USE_VCLPLUGIN": "svp"}
    try:
        done = subprocess.run(
            command, capture_output=True, timeout=timeout, check=False, env=env, cwd=work
        )
    except subprocess.TimeoutExpired as e:
        raise LimitExceeded(f"{path}: LibreOffice conversion took over {timeout:.0f} s") from e
    except OSError as e:  # the memory limit can make the exec itself fail
        raise ExtractError(f"{path}: LibreOffice could not start ({e})") from e
    if done.returncode != 0:
        detail = done.stderr.decode("utf-8", "replace").strip()[-300:]
        raise UnreadableFile(
            f"{path}: LibreOffice failed to convert it (exit {done.returncode}): {detail}"
        )
