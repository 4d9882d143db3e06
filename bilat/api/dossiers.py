"""A pair of countries: its dossier and its timeline picture."""

from __future__ import annotations

from pathlib import Path

from bilat.dossier.build import Dossier, ties
from bilat.errors import InputError
from bilat.files.atomic import check_target, write_atomically
from bilat.files.formats import PictureFormat, chosen_format, is_stdout
from bilat.model.dates import PartialDate
from bilat.model.window import Window
from bilat.register import Register, bundled_register
from bilat.store import Store, require_countries


def pair_ties(
    store: Store,
    a: str,
    b: str,
    *,
    start: str | None = None,
    end: str | None = None,
    as_of: str | None = None,
    events: int | None = 50,
    register: Register | None = None,
    predecessors: bool = True,
) -> Dossier:
    """The dossier of two countries named any way the register knows, in the window from ``start``
    to ``end``, or on the one day ``as_of`` (what stood then and what happened that day).

    With ``predecessors`` it also holds the facts of the earlier states whose international personality
    either country continues (Russia: the USSR, the Russian Empire), each in its own years and marked
    with the pair it is about (``Dossier.pair_of``); ``predecessors=False`` leaves them out."""
    register = register or bundled_register()
    chosen = window(as_of, as_of) if as_of else window(start, end)
    require_countries(store)
    first, second = register.resolve(a), register.resolve(b)
    earlier = [*register.predecessors(first), *register.predecessors(second)] if predecessors else []
    return ties(store, first, second, chosen, events, earlier)


def draw_timeline(
    store: Store,
    a: str,
    b: str,
    output: Path | None,
    *,
    start: str | None = None,
    end: str | None = None,
    register: Register | None = None,
    format: PictureFormat | None = None,
) -> bytes:
    """Draw the timeline of a pair's dated facts (PNG or SVG: ``format``, else by ``output``'s suffix,
    else PNG); write it to ``output`` unless that is None or ``-``; return the picture."""
    from bilat.dossier.timeline import timeline_picture

    chosen = picture_format(output, format)
    output = None if is_stdout(output) else output
    if output is not None:
        check_target(output)
    dossier = pair_ties(store, a, b, start=start, end=end, events=None, register=register)
    data = timeline_picture(dossier, chosen)
    if output is not None:
        write_atomically(output, data)
    return data


def window(start: str | None, end: str | None) -> Window:
    """The window from ``start`` to ``end`` as the user wrote them (``YYYY[-MM[-DD]]``, open when None)."""
    dates = []
    for text in (start, end):
        try:
            dates.append(PartialDate.parse(text) if text else None)
        except ValueError as error:
            raise InputError(f"date {text!r}: {error}") from None
    return Window(*dates)


def picture_format(output: Path | None, format: PictureFormat | None = None) -> PictureFormat:
    """``format``, else PNG or SVG by the file's suffix; PNG for standard output (None or ``-``)."""
    return chosen_format(output, format, PictureFormat.PNG)
