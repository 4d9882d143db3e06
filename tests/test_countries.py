import pytest

from bilat.countries import bundled_register
from bilat.errors import UnknownCountryError


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
    assert len([c for c in register.countries.values() if c.historical]) == 31 + 17  # ISO 3166-3, COW-only
    assert "AZ" in register.countries["SUHH"].successors
