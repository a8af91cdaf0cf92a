"""Every query lives in pipeline/query/sql/ (issue 12): one definition of each view, no SQL
text of more than one line in the Python of pipeline/, and every file is used."""

from __future__ import annotations

import ast
import re

from pipeline.query.views import SQL_DIR, VIEWS, sql_text

PIPELINE = SQL_DIR.parent.parent
SQL_START = re.compile(r"\A\s*(WITH|SELECT|CREATE)\b", re.IGNORECASE)


def _sql_in_python() -> list[str]:
    found = []
    for path in sorted(PIPELINE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                text = node.value
                if "\n" in text.strip() and SQL_START.match(text):
                    found.append(f"{path.relative_to(PIPELINE)}:{node.lineno}")
    return found


def test_no_multi_line_sql_left_in_python() -> None:
    assert _sql_in_python() == []


def test_each_view_is_one_file_and_each_file_a_view() -> None:
    files = {p.stem for p in (SQL_DIR / "views").glob("*.sql")}
    assert files == set(VIEWS)
    assert len(VIEWS) == len(set(VIEWS))


def test_every_sql_file_is_named_in_the_code() -> None:
    code = "\n".join(p.read_text(encoding="utf-8") for p in PIPELINE.rglob("*.py"))
    code += (PIPELINE.parent / "Makefile").read_text(encoding="utf-8")
    unused = []
    for path in sorted(SQL_DIR.rglob("*.sql")):
        name = str(path.relative_to(SQL_DIR).with_suffix(""))
        folder, _, stem = name.rpartition("/")
        if folder == "views":
            continue  # made by name from VIEWS (the test above)
        named = f'"{name}"' in code or f'"{stem}"' in code and folder == "report"
        if not named and f"{name}.sql" not in code:
            unused.append(name)
    assert unused == []


def test_a_placeholder_must_exist_in_the_file() -> None:
    try:
        sql_text("views/plans", nothing="x")
    except KeyError as e:
        assert "views/plans.sql has no {nothing} placeholder" in str(e)
    else:
        raise AssertionError("a missing placeholder was filled silently")


def test_comments_name_no_placeholder() -> None:
    # a placeholder written in a comment would be filled there too (it broke targets_wide once)
    for path in SQL_DIR.rglob("*.sql"):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.lstrip().startswith("--"):
                assert not re.search(r"\{[a-z_]+\}", line), f"{path.name}: {line}"
