"""Trade figures in a sentence: the pair's turnover or one side's exports or imports, for a year or
its first months; goals, expectations, changes and fiscal years are not figures."""

from __future__ import annotations

import re
from decimal import Decimal

from bilat.extract.found import Found
from bilat.extract.mentions import Mention
from bilat.extract.sentences import Sentence
from bilat.extract.values import MONTHS, DateFound, amounts_in
from bilat.model.dataset import TradeFigure
from bilat.model.dates import PartialDate

_MONTH_WORDS = ("two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven")
_MONTH_COUNTS = {word: number for number, word in enumerate(_MONTH_WORDS, start=2)}


TRADE = re.compile(
    r"\b(trade turnover|turnover between|(?:bilateral|mutual|foreign|two-way) trade"
    r"|trade (?:between|with|volume)|volume of (?:[\w-]+ )?trade|exports?|imports?)\b",
    re.IGNORECASE,
)
_FLOW = re.compile(r"\b(?P<flow>exports?|imports?)\s+(?:to|from)\s+(?P<partner>[A-Z][\w]+(?:\s[A-Z][\w]+)?)")
_CHANGE = re.compile(r"\b(by|decreased|increased|grew|fell|less|more)(\s+(?:over|about|nearly|almost))?\s*$")
_NOT_YET = re.compile(
    r"\b(expect\w*|will|would|should|could|target\w*|goal|aim\w*|plan\w*|forecast\w*|projected"
    r"|to reach|exceeding|potential)\b",
    re.IGNORECASE,
)


def trade_figures(
    found: Found,
    sentence: Sentence,
    mentions: list[Mention],
    pair: tuple[str, str],
    dates: list[DateFound],
    context: PartialDate | None,
) -> PartialDate | None:
    """The sums a sentence about trade gives: a flow ("Turkey's exports to Turkmenistan amounted to
    $720 million") or the pair's turnover, for the year nearest the sum, else the year of the
    article's previous figures. A sum announced as a goal or an expectation ("expect a record
    turnover of $140 billion") or a change ("decreased by $13.8 million") is not a figure. Returns
    the year used."""
    text = sentence.text
    taken = False
    for amount in amounts_in(text):
        clause = re.split(r"[,;:]|\band\b", text[: amount.start])[-1]
        if _NOT_YET.search(clause) or _CHANGE.search(clause):
            continue
        # The year nearest the sum ("$140 billion in 2021", not the dateline's day in 2022).
        years = sorted(dates, key=lambda d: (d.date.day is not None, abs(d.start - amount.end)))
        if years and re.match(r"[-–/]\d\d", text[years[0].end :]):
            continue  # a fiscal year ("in 2021-22"): countries start it in different months
        year = PartialDate(years[0].date.year) if years else context
        if year is None:
            continue
        context = year
        flow = _flow(text[: amount.start], mentions, pair)
        if flow is None:
            if taken:
                continue  # one turnover a sentence: the next sums are its parts or comparisons
            _trade(found, sentence, pair, amount.amount, amount.currency, year)
            taken = True
        else:
            kind, reporter, partner = flow
            _trade(found, sentence, (reporter, partner), amount.amount, amount.currency, year, kind)
    return context


def _flow(before: str, mentions: list[Mention], pair: tuple[str, str]) -> tuple[str, str, str] | None:
    """The flow the text before a sum speaks of: ("export", reporter, partner) for "Chinese exports to
    Russia" or "Turkey's exports to Turkmenistan", ("import", ...) for "imports from"; None for turnover."""
    flows = list(_FLOW.finditer(before))
    if not flows:
        bare = list(re.finditer(r"\b(?P<flow>exports?|imports?)\b", before))
        if not bare:
            return None
        kind = "export" if bare[-1]["flow"].startswith("export") else "import"
        reporter = _nearest_country(before, bare[-1].start(), mentions, pair)
        if reporter is None:
            return None
        return kind, reporter, pair[1] if reporter == pair[0] else pair[0]
    last = flows[-1]
    kind = "export" if last["flow"].startswith("export") else "import"
    partner = next((m.country for m in mentions if m.start == last.start("partner")), None)
    if partner not in pair:
        return None
    reporter = pair[1] if partner == pair[0] else pair[0]
    return kind, reporter, partner


def _nearest_country(text: str, position: int, mentions: list[Mention], pair: tuple[str, str]) -> str | None:
    """The country of the pair named last before ``position`` ("China's imports")."""
    before = [m for m in mentions if m.end <= position and m.country in pair]
    return before[-1].country if before and position - before[-1].end <= 12 else None


def _trade(
    found: Found,
    sentence: Sentence,
    pair: tuple[str, str],
    amount: Decimal,
    currency: str,
    year: PartialDate,
    flow: str = "turnover",
) -> None:
    """Turnover (or one side's flow) for a year, or for its first months ("in nine months of 2019")."""
    a, b = pair
    months = re.search(rf"\b({'|'.join(_MONTH_COUNTS)}) months\b", sentence.text, re.IGNORECASE)
    span = re.search(rf"\bJanuary\s*(?:-|–|to)\s*({'|'.join(MONTHS)})\b", sentence.text, re.IGNORECASE)
    period_end = None
    if months:
        period_end = PartialDate(year.year, _MONTH_COUNTS[months.group(1).lower()])
    elif span and MONTHS[span.group(1).lower()] < 12:
        period_end = PartialDate(year.year, MONTHS[span.group(1).lower()])
    figure = TradeFigure(
        flow=flow,
        reporter=a,
        partner=b,
        period=year,
        period_end=period_end,
        amount=amount,
        currency=currency,
        sources=(found.source.id,),
    )
    found.add(figure, sentence, f"trade-{flow}", "0.85" if flow == "turnover" else "0.75")
