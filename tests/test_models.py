from decimal import Decimal

import pytest
from pydantic import ValidationError

from bilat.model.dataset import (
    BilateralRelation,
    Country,
    DiplomaticMission,
    Event,
    PostHolding,
    ReportedCount,
    TradeFigure,
)

SRC = {"sources": ["s"]}


@pytest.mark.parametrize(
    ("model", "data", "message"),
    [
        (BilateralRelation, {"countries": ["AZ", "AZ"], **SRC}, "at least 2"),
        (
            BilateralRelation,
            {"countries": ["AZ", "CU"], "established": "2000", "ended": "1999", **SRC},
            "before the start",
        ),
        (
            BilateralRelation,
            {"countries": ["AZ", "CU"], "ended": "1999", **SRC},
            "cannot have status",
        ),
        (
            DiplomaticMission,
            {"sending": "CU", "host": "CU", "kind": "embassy", **SRC},
            "two different",
        ),
        (
            PostHolding,
            {"person": "p", "post": "q", "start": "2020-05", "end": "2020-04", **SRC},
            "before",
        ),
        (
            TradeFigure,
            {
                "flow": "turnover",
                "reporter": "AZ",
                "partner": "CU",
                "period": 2021,
                "amount": -1,
                "currency": "USD",
                **SRC,
            },
            "negative",
        ),
        (
            TradeFigure,
            {
                "flow": "turnover",
                "reporter": "AZ",
                "partner": "CU",
                "period": 2021,
                "amount": float("nan"),
                "currency": "USD",
                **SRC,
            },
            "finite",
        ),
        (
            TradeFigure,
            {
                "flow": "turnover",
                "reporter": "AZ",
                "partner": "CU",
                "period": 2021,
                "amount": "143,290",
                "currency": "USD",
                **SRC,
            },
            "thousands separators",
        ),
        (
            TradeFigure,
            {
                "flow": "turnover",
                "reporter": "AZ",
                "partner": "CU",
                "period": 2021,
                "amount": 1,
                "currency": "XYZ",
                **SRC,
            },
            "ISO 4217",
        ),
        (
            TradeFigure,
            {
                "flow": "turnover",
                "reporter": "CU",
                "partner": "AZ",
                "period": 2021,
                "amount": 1,
                "currency": "USD",
                **SRC,
            },
            "symmetric",
        ),
        (
            Event,
            {
                "id": "e",
                "kind": "meeting",
                "date": "2022",
                "countries": ["AZ", "CU"],
                "source_country": "FR",
                **SRC,
            },
            "not one of countries",
        ),
        (
            Event,
            {"id": "e", "kind": "meeting", "date": "2022", "countries": ["AZ", "CU"]},
            "sources\n  Field required",
        ),
        (
            Event,
            {"id": "E 1", "kind": "meeting", "date": "2022", "countries": ["AZ", "CU"], **SRC},
            "pattern",
        ),
        (
            ReportedCount,
            {"countries": ["AZ", "CU"], "counted": "documents", "count": "10", **SRC},
            "valid integer",
        ),
        (Country, {"code": "az", "name": "Azerbaijan"}, "pattern"),
        (Country, {"code": "AZ", "name": "Azerbaijan\u200b"}, "invisible"),
    ],
    ids=lambda value: value if isinstance(value, str) else None,
)
def test_cross_field_rules(model, data, message):
    with pytest.raises(ValidationError, match=message):
        model.model_validate(data)


def test_records_are_frozen_and_sets_are_sorted():
    event = Event.model_validate(
        {
            "id": "e",
            "kind": "meeting",
            "date": "2022",
            "countries": ["CU", "AZ"],
            "areas": ["b", "a", "a"],
            **SRC,
        }
    )
    assert event.countries == ("AZ", "CU")
    assert event.areas == ("a", "b")
    with pytest.raises(ValidationError):
        event.date = None  # type: ignore[misc]


def test_amounts_keep_their_decimal_value():
    figure = TradeFigure.model_validate(
        {
            "flow": "export",
            "reporter": "CU",
            "partner": "AZ",
            "period": "2019-01",
            "period_end": "2019-09",
            "amount": "13400000.50",
            "currency": "USD",
            **SRC,
        }
    )
    assert figure.amount == Decimal("13400000.50")
    assert figure.key == "cu-az.export.2019-01.2019-09.usd.s"


def test_mission_key_names_the_organization():
    mission = DiplomaticMission.model_validate(
        {"sending": "CU", "host": "AZ", "kind": "consulate_general", "city": "Gəncə", **SRC}
    )
    assert mission.key == "cu-az-consulate-general-gence"
