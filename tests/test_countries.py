import pytest

from bilat import api
from bilat.errors import BilatError, UnknownCountryError
from bilat.register import bundled_register


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Azerbaijan", "AZ"),
        ("Azerbaijani", "AZ"),
        ("azeri", "AZ"),
        ("Cuban", "CU"),
        ("CUB", "CU"),
        ("192", "CU"),
        ("031", "AZ"),
        ("Q227", "AZ"),
        ("Aserbaidschan", "AZ"),
        ("Азербайджан", "AZ"),
        ("USSR", "SUHH"),
        ("Soviet Union", "SUHH"),
        ("SU", "SUHH"),
        ("East Germany", "DDDE"),
        ("Yugoslavia", "YUCS"),
        ("CH", "CH"),
        ("Swiss", "CH"),
        ("BY", "BY"),
        ("Russia", "RU"),
        ("UK", "GB"),
        ("Ivory Coast", "CI"),
        ("cote d'ivoire", "CI"),
        ("Kazakh", "KZ"),
        ("NO", "NO"),
    ],
)
def test_resolution(text, code):
    assert bundled_register().resolve(text).code == code


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("Congolese", "could mean several countries: Congo, The Democratic Republic of the (CD), Congo (CG)"),
        ("CS", "Czechoslovakia (CSHH), Serbia and Montenegro (CSXX)"),
        ("891", "Serbia and Montenegro (CSXX), Yugoslavia (YUCS)"),
        ("Azerbajan", "unknown country 'Azerbajan'; did you mean Azerbaijan (AZ)"),
        ("Atlantis", "unknown country 'Atlantis'"),
    ],
)
def test_ambiguous_and_unknown_names_are_errors(text, message):
    with pytest.raises(UnknownCountryError) as info:
        bundled_register().resolve(text)
    assert message in str(info.value)


def test_register_covers_current_and_former_countries():
    register = bundled_register()
    assert len([c for c in register.countries.values() if not c.historical]) == 250  # ISO 3166-1 and Kosovo
    assert len([c for c in register.countries.values() if c.historical]) == 31 + 19  # ISO 3166-3, COW-only
    assert "AZ" in register.countries["SUHH"].successors


@pytest.mark.parametrize(
    ("text", "scheme", "year", "code"),
    [
        ("365", "cow", 1900, "XRUS"),
        ("365", "cow", 1980, "SUHH"),
        ("365", "cow", 2000, "RU"),
        ("345", "cow", 1900, "RS"),
        ("345", "cow", 1980, "YUCS"),
        ("345", "cow", 2004, "CSXX"),
        ("345", "cow", 2010, "RS"),
        ("255", "cow", 1900, "DE"),
        ("260", "cow", 1980, "DE"),
        ("265", "cow", 1980, "DDDE"),
        ("327", "cow", 1850, "XPAP"),
        ("816", "cow", 1970, "VDVN"),
        ("816", "cow", 1990, "VN"),
        ("817", "cow", 1970, "XRVN"),
        ("640", "cow", 1900, "XOTT"),
        ("640", "cow", 1950, "TR"),
        ("678", "cow", 1980, "YE"),
        ("680", "cow", 1980, "YDYE"),
        ("373", "cow", 2000, "AZ"),
        ("40", "cow", 2000, "CU"),
        ("CH", "fips", None, "CN"),
        ("SZ", "fips", None, "CH"),
        ("AJ", "fips", None, "AZ"),
        ("RS", "fips", None, "RU"),
        ("UK", "fips", None, "GB"),
        ("891", "iso-numeric", 1995, "YUCS"),
        ("891", "iso-numeric", 2005, "CSXX"),
        ("031", "iso-numeric", None, "AZ"),
        ("ROM", "cameo", None, "RO"),
        ("AZE", "cameo", None, "AZ"),
        ("CH", "any", None, "CH"),
    ],
)
def test_codes_of_other_schemes(text, scheme, year, code):
    assert api.resolve_country(text, scheme, year).code == code


@pytest.mark.parametrize(
    ("text", "scheme", "year", "message"),
    [
        ("EUR", "cameo", None, "unknown country 'EUR'"),
        ("365", "cow", None, "give --year"),
        ("999", "cow", 2000, "unknown country '999'"),
        ("x1", "iso-numeric", None, "is not a number"),
    ],
)
def test_codes_that_name_no_state(text, scheme, year, message):
    with pytest.raises(BilatError, match=message):
        api.resolve_country(text, scheme, year)


def test_every_cow_number_maps_to_its_country_in_the_years_it_held_it():
    register = bundled_register()
    for code, pieces in register.memberships.items():
        for piece in pieces:
            last = piece.end.year if piece.end else 2016
            for year in range(piece.start.year + 1, last):
                assert register.by_cow(code, year).code == piece.country, (code, year, piece)


def test_a_year_of_change_goes_to_the_state_that_held_the_number_longest():
    register = bundled_register()
    assert register.by_cow(345, 1918).code == "RS"
    assert register.by_cow(365, 1917).code == "XRUS"
    assert register.by_cow(365, 1991).code == "SUHH"


def test_suggestions_put_names_that_contain_the_text_first():
    register = bundled_register()
    assert register.suggest("Korea")[:2] == ["North Korea (KP)", "South Korea (KR)"]
    assert register.suggest("Saint Martin")[0] == "Saint Martin (French part) (MF)"
    assert register.suggest("Azerbajan")[0] == "Azerbaijan (AZ)"  # a misspelling still finds it


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("West Germany", "DE"),
        ("FRG", "DE"),
        ("East Germany", "DDDE"),
        ("GDR", "DDDE"),
        ("Ottoman Empire", "XOTT"),
        ("South Vietnam", "XRVN"),
        ("Republic of Vietnam", "XRVN"),
        ("North Vietnam", "VDVN"),
        ("Yemen Arab Republic", "YE"),
        ("North Yemen", "YE"),
        ("South Yemen", "YDYE"),
        ("Zaire", "ZRCD"),
        ("Burma", "MM"),
        ("Czechoslovakia", "CSHH"),
        ("Soviet Union", "SUHH"),
    ],
)
def test_historical_names_resolve(name, code):
    assert bundled_register().resolve(name).code == code


def test_a_state_ends_when_it_ended_not_when_its_iso_code_was_withdrawn():
    register = bundled_register()
    ussr, gdr, burma = (register.countries[code] for code in ("SUHH", "DDDE", "BUMM"))
    assert (str(ussr.founded), str(ussr.dissolved), str(ussr.code_withdrawn)) == (
        "1922-12-30",
        "1991-12-26",
        "1992-08-30",
    )
    assert (str(gdr.dissolved), str(gdr.code_withdrawn)) == ("1990-10-03", "1990-10-30")
    assert burma.dissolved is None and str(burma.code_withdrawn) == "1989-12-05"  # renamed, not ended
    assert str(register.countries["XRVN"].dissolved) == "1975-04-30"
    assert register.by_iso_numeric("891", 1995).code == "YUCS"  # ISO's code, still Yugoslavia's then
