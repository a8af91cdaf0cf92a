"""Each Parquet column is declared once: a record field with its meaning as field metadata.

    @record
    class TargetRecord:
        metric: str = column("canonical metric, e.g. ONTIME_RATE")
        table_index: int | None = column("table of the cell; null when from body text")

The column's type and nullability come from the annotation (`int | None` -> a nullable
int32), an explicit Arrow type name only where the annotation does not decide it
(`arrow="int64"`). A field of another record declared with `flattened()` contributes that
record's columns in its place (PlanItem holds the extracted TableRow, DocumentRecord the
DocMeta): the columns are declared on the record that produces them, never copied.
`models.arrow` builds the Arrow schemas and `models.dictionary` the data dictionary from
`columns_of`; fields without column metadata (TableRow.scores, .flags) are not columns.
"""

from __future__ import annotations

import dataclasses
import types
from dataclasses import MISSING, dataclass, field
from datetime import date, datetime
from typing import Any, Literal, TypeVar, Union, dataclass_transform, get_args, get_origin
from typing import get_type_hints as _hints

T = TypeVar("T")

# Python annotation -> Arrow type name (mapped to pyarrow types in models.arrow).
TYPE_NAMES: dict[object, str] = {
    str: "string",
    bool: "bool",
    int: "int32",
    float: "float64",
    date: "date32",
    datetime: "timestamp",
}


def column(
    doc: str,
    *,
    default: Any = MISSING,
    arrow: str | None = None,
    name: str | None = None,
    role: bool = False,
) -> Any:
    """A field that is a Parquet column: its meaning, its name when it differs from the
    field's (TableRow.deadline is the column `deadline_text` of plan_items), and whether it
    is a text role of the tables (a header word in extract/tables/roles.py places cells in it)."""
    metadata = {"doc": doc, "arrow": arrow, "name": name, "role": role}
    if default is MISSING:
        return field(metadata=metadata)
    return field(default=default, metadata=metadata)


def flattened(default: Any = MISSING) -> Any:
    """A field holding another record whose columns stand in its place; a default (a frozen
    record) for one added after the others, so older call sites keep working."""
    if default is MISSING:
        return field(metadata={"flatten": True})
    return field(default=default, metadata={"flatten": True})


@dataclass_transform(frozen_default=True, field_specifiers=(field, column, flattened))
def record(cls: type[T]) -> type[T]:
    """A frozen, slotted dataclass whose `column` fields are Parquet columns."""
    return dataclass(frozen=True, slots=True)(cls)


@dataclass(frozen=True, slots=True)
class Column:
    """One column of a record: 'deadline_text', reached as row.deadline, string, nullable."""

    name: str
    path: tuple[str, ...]  # attribute names from the top record to the value
    type_name: str  # a key of models.arrow.ARROW_TYPES
    nullable: bool
    doc: str


def columns_of(record_type: type) -> list[Column]:
    """The columns of a record type, in field order, nested records flattened in place."""
    hints = _hints(record_type)
    out: list[Column] = []
    for f in dataclasses.fields(record_type):
        if f.metadata.get("flatten"):
            out += [_nested(f.name, c) for c in columns_of(hints[f.name])]
        elif "doc" in f.metadata:
            type_name, nullable = _type_of(hints[f.name], f"{record_type.__name__}.{f.name}")
            name = f.metadata["name"] or f.name
            type_name = f.metadata["arrow"] or type_name
            out.append(Column(name, (f.name,), type_name, nullable, f.metadata["doc"]))
    return out


def _nested(owner: str, col: Column) -> Column:
    return dataclasses.replace(col, path=(owner, *col.path))


def column_value(rec: object, col: Column) -> object:
    """The value of one column in a record: getattr along the column's path."""
    value = rec
    for attr in col.path:
        value = getattr(value, attr)
    return value


def _type_of(annotation: object, where: str) -> tuple[str, bool]:
    """(Arrow type name, nullable) of an annotation: 'int | None' -> ('int32', True)."""
    nullable = False
    if get_origin(annotation) in (Union, types.UnionType):
        args = [a for a in get_args(annotation) if a is not type(None)]
        nullable = len(args) < len(get_args(annotation))
        if len(args) != 1:
            raise TypeError(f"{where}: a column holds one type, not {annotation}")
        annotation = args[0]
    origin = get_origin(annotation)
    if origin is Literal and all(isinstance(a, str) for a in get_args(annotation)):
        return "string", nullable
    if origin is tuple and get_args(annotation) == (str, ...):
        return "list<string>", nullable
    if annotation in TYPE_NAMES:
        return TYPE_NAMES[annotation], nullable
    raise TypeError(f"{where}: no Arrow type for {annotation}; pass column(..., arrow=...)")
