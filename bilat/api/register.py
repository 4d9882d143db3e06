"""The country register: resolving a name or a code of any scheme, searching, listing."""

from __future__ import annotations

from bilat.errors import InputError, UnknownCountryError
from bilat.model.dataset import Country
from bilat.register import Register, bundled_register


def resolve_country(
    text: str, scheme: str = "any", year: int | None = None, register: Register | None = None
) -> Country:
    """The country ``text`` names: any name or code, or a code of one scheme (cow, fips, iso-numeric,
    cameo); COW numbers and old ISO numeric codes need the ``year`` they are from."""
    register = register or bundled_register()
    if scheme == "any":
        return register.resolve(text)
    if scheme in ("cow", "iso-numeric") and not text.strip().isdigit():
        raise InputError(f"{text!r} is not a number")
    if scheme == "cow" and year is None:
        raise InputError("a COW number means different states over time; give --year")
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
