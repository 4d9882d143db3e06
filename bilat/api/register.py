"""The country register: resolving a name or a code of any scheme, searching, listing."""

from __future__ import annotations

import re

from bilat.errors import InputError, UnknownCountryError
from bilat.model.dataset import Country
from bilat.register import Register, bundled_register

MIN_YEAR, MAX_YEAR = 1, 9999
"""The years a COW number or an ISO numeric code may be read for: those of a calendar date."""


def _check_number(text: str, scheme: str) -> None:
    """A COW state number or an ISO numeric code: one to three ASCII digits."""
    digits = text.strip()
    if re.fullmatch(r"[0-9]{1,3}", digits):
        return
    shown = repr(text) if len(text) <= 40 else f"{text[:30]!r}… ({len(text)} characters)"
    what = "a COW state number has 1 to 3 digits, such as 373"
    if scheme == "iso-numeric":
        what = "an ISO numeric code has 1 to 3 digits, such as 031"
    problem = f"has {len(digits):,} digits" if re.fullmatch(r"[0-9]+", digits) else "is not a number"
    raise InputError(f"{shown} {problem}; {what}")


def resolve_country(
    text: str, scheme: str = "any", year: int | None = None, register: Register | None = None
) -> Country:
    """The country ``text`` names: any name or code, or a code of one scheme (cow, fips, iso-numeric,
    cameo); COW numbers and old ISO numeric codes need the ``year`` they are from."""
    register = register or bundled_register()
    if scheme == "any":
        return register.resolve(text)
    if scheme in ("cow", "iso-numeric"):
        _check_number(text, scheme)
    if scheme == "cow" and year is None:
        raise InputError("a COW number means different states over time; give --year")
    if year is not None and not MIN_YEAR <= year <= MAX_YEAR:
        raise InputError(f"--year {year} is not a year bilat knows; give one from {MIN_YEAR} to {MAX_YEAR}")
    found = {
        "cow": lambda: register.by_cow(int(text), year or 0),
        "fips": lambda: register.by_fips(text),
        "iso-numeric": lambda: register.by_iso_numeric(text, year),
        "cameo": lambda: register.by_cameo(text),
    }[scheme]()
    if found is None:
        raise UnknownCountryError(text, [])
    return found


def countries(
    text: str | None = None,
    *,
    search: bool = False,
    scheme: str = "any",
    year: int | None = None,
    register: Register | None = None,
) -> list[Country]:
    """Every country of the register (current ones first), those whose names contain ``text`` when
    ``search``, or the one country ``text`` names."""
    register = register or bundled_register()
    if not text:
        return sorted(register.countries.values(), key=lambda c: (c.historical, c.code))
    if search:
        return register.search(text)
    return [resolve_country(text, scheme, year, register)]
