"""Tables as pandas DataFrames, and as Parquet or Stata files: the ``analysis`` extra (pandas and
pyarrow), loaded only when asked for."""

from __future__ import annotations

import io
from collections.abc import Collection, Iterable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from bilat.errors import InputError
from bilat.files.atomic import write_atomically

FRAME_SUFFIXES = {".parquet": "Parquet", ".dta": "Stata"}
"""Files written through pandas, by suffix."""


def pandas_module(what: str) -> Any:
    """pandas, or an InputError saying how to install it for ``what``."""
    try:
        import pandas
    except ImportError:
        raise InputError(f"{what} needs pandas: pip install 'bilat[analysis]'") from None
    return pandas


def data_frame(columns: Sequence[str], rows: Iterable[Sequence[Any]], text: Collection[str] = ()) -> Any:
    """A DataFrame of ``rows``: the ``text`` columns as strings, the others as numbers (nullable
    integers where every value is whole, floats otherwise), missing values as missing."""
    pandas = pandas_module("a DataFrame")
    frame = pandas.DataFrame.from_records(list(rows), columns=list(columns))
    for column in frame.columns:
        if column in text:
            frame[column] = frame[column].astype("string")
            continue
        values = frame[column].map(lambda v: float(v) if isinstance(v, Decimal) else v)
        numbers = pandas.to_numeric(values).astype("float64")
        whole = numbers.dropna()
        frame[column] = numbers.astype("Int64") if (whole == whole.round()).all() else numbers
    return frame


def write_frame(
    output: Path, columns: Sequence[str], rows: Iterable[Sequence[Any]], text: Collection[str] = ()
) -> int:
    """Write ``rows`` as a Parquet (``.parquet``) or Stata 118 (``.dta``) file, atomically; returns how
    many rows."""
    if output.suffix not in FRAME_SUFFIXES:
        raise InputError(f"{output}: write a table as {', '.join(['.csv', *FRAME_SUFFIXES])}")
    frame = data_frame(columns, rows, text)
    buffer = io.BytesIO()
    if output.suffix == ".parquet":
        frame.to_parquet(buffer, index=False)
    else:
        strings = frame.select_dtypes(include="string").columns
        frame[strings] = frame[strings].fillna("").astype(object)  # Stata's writer takes Python strings
        frame.to_stata(buffer, write_index=False, version=118)
    write_atomically(output, buffer.getvalue())
    return len(frame)
