"""Reading articles: HTML to text with the page's metadata, sentences with offsets, country mentions."""

from __future__ import annotations

import pytest

from bilat.extract.article import read_article
from bilat.extract.mentions import Gazetteer
from bilat.extract.sentences import sentences
from bilat.register import bundled_register

PAGE = """<!DOCTYPE html><html><head>
<title>Azerbaijan, Cuba discuss cooperation | Example News</title>
<meta property="og:site_name" content="Example News">
<meta property="article:published_time" content="2022-10-07T09:30:00+04:00">
<link rel="canonical" href="https://news.example/az-cu">
<script>var tracking = "Cuba";</script><style>p { color: red }</style>
</head><body><nav>Home | World | Cuba</nav>
<article><h1>Azerbaijan, Cuba discuss cooperation</h1>
<p>Azerbaijani Health Minister met the Cuban ambassador&nbsp;in Baku.</p>
<p>Trade turnover amounted to $143,290 in 2021.</p></article>
<footer>© Example</footer></body></html>"""


def test_html_becomes_text_with_the_pages_metadata():
    article = read_article(PAGE)
    assert article.text == (
        "Azerbaijan, Cuba discuss cooperation\n\n"
        "Azerbaijani Health Minister met the Cuban ambassador in Baku.\n\n"
        "Trade turnover amounted to $143,290 in 2021."
    )
    assert (article.url, article.publisher, article.published) == (
        "https://news.example/az-cu",
        "Example News",
        "2022-10-07",
    )
    assert article.title == "Azerbaijan, Cuba discuss cooperation | Example News"


def test_given_values_win_and_plain_text_stays_as_it_is():
    article = read_article(PAGE, publisher="Azernews", published="2022-10")
    assert (article.publisher, article.published) == ("Azernews", "2022-10")
    plain = read_article("Baku, 7 October.  Cuba <3 Azerbaijan.\r\n")
    assert plain.text == "Baku, 7 October. Cuba <3 Azerbaijan."
    assert plain.url is None


TEXT = (
    "Azerbaijani Health Minister Teymur Musayev met H.E. Carlos Valdes, Cuba's ambassador. "
    "Dr. Musayev said ties with the U.S. and Cuba were growing! "
    '"We agree," he said. Relations were established on March 27, 1992.\n'
    "Trade turnover amounted to $143,290 in 2021"
)


def test_sentences_keep_their_offsets_and_skip_abbreviations():
    found = list(sentences(TEXT))
    assert [s.text for s in found] == [
        "Azerbaijani Health Minister Teymur Musayev met H.E. Carlos Valdes, Cuba's ambassador.",
        "Dr. Musayev said ties with the U.S. and Cuba were growing!",
        '"We agree," he said.',
        "Relations were established on March 27, 1992.",
        "Trade turnover amounted to $143,290 in 2021",
    ]
    assert all(TEXT[s.start : s.end] == s.text for s in found)


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer(bundled_register())


def test_mentions_find_names_demonyms_and_the_longest_name(gazetteer):
    text = "Azerbaijani-Cuban talks: South Korea, the Democratic Republic of the Congo and Türkiye (Turkey)."
    found = [(m.text, m.country, m.demonym) for m in gazetteer.mentions(text)]
    assert found == [
        ("Azerbaijani", "AZ", True),
        ("Cuban", "CU", True),
        ("South Korea", "KR", False),
        ("Democratic Republic of the Congo", "CD", False),
        ("Türkiye", "TR", False),
        ("Turkey", "TR", False),
    ]
    assert all(text[m.start : m.end] == m.text for m in gazetteer.mentions(text))


def test_mentions_never_guess(gazetteer):
    # a lower-case word, a name inside another word, and a demonym two countries share
    text = "They ate turkey in Cubanacan with a Dominican."
    assert [m.text for m in gazetteer.mentions(text)] == []
