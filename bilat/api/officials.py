"""Office holders: who held a country's posts (on a day, or ever), and which posts a person held."""

from __future__ import annotations

from bilat.api.dossiers import window
from bilat.dossier.officials import Tenure, as_of as on_day, country_tenures, fold, person_tenures
from bilat.errors import InputError
from bilat.register import Register, bundled_register
from bilat.store import Store, require_countries


def officials(
    store: Store,
    country: str,
    *,
    post: str | None = None,
    as_of: str | None = None,
    register: Register | None = None,
) -> list[Tenure]:
    """Every holding of a post of ``country`` (named any way the register knows), by date; only posts
    whose title contains ``post`` (without case or accents), only holdings that may have covered the
    day ``as_of`` (``YYYY[-MM[-DD]]``; an unknown start counts as before it, no end as still going on)."""
    register = register or bundled_register()
    chosen = register.resolve(country)
    day = window(as_of, None).start if as_of else None
    require_countries(store)
    found = country_tenures(store, chosen)
    if post is not None:
        wanted = fold(post)
        found = [t for t in found if wanted in fold(t.post.title)]
    return on_day(found, day) if day is not None else found


def person_posts(store: Store, name: str) -> list[Tenure]:
    """Every post held by the persons whose name (or another name) contains ``name``, without case or
    accents, by date; InputError when no person's name does."""
    if not fold(name):
        raise InputError("give a name, or part of one, with at least one letter or digit")
    found = person_tenures(store, name)
    if not found:
        raise InputError(f"no post holdings of a person named {name!r} in the store")
    return found
