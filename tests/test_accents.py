"""Accents a read lost, put back in the languages of the card's country."""
from __future__ import annotations

import pytest

from cardscan import accents

from test_assemble import parse


@pytest.mark.parametrize("word, region, spelt", [
    ("energie", "FR", "énergie"),
    ("ENERGIE", "FR", "énergie"),  # (any case in: the caller puts the case back)
    ("energia", "ES", "energía"),
    ("ingenieria", "MX", "ingeniería"),
    ("gerant", "FR", "gérant"),
    ("servicos", "BR", "serviços"),
    ("munchen", "DE", "münchen"),
])
def test_a_word_read_without_its_accents_is_spelt_as_its_language_spells_it(word, region, spelt):
    assert accents.spelling(word, region) == spelt


@pytest.mark.parametrize("word, region", [
    ("energia", "IT"),  # an Italian word as it stands
    ("energie", "DE"),  # a German one
    ("energie", "CH"),  # French énergie, but German Energie: the languages of Switzerland disagree
    ("energie", "BE"),  # ... and Dutch Energie in Belgium
    ("ingenieur", "CH"),
    ("president", "FR"),  # an English word: cards mix English in
    ("marche", "FR"),  # a French word too, beside marché
    ("energie", "US"),  # no language of the table's
    ("energie", None),
    ("énergie", "FR"),  # read with its accent: as read
    ("cafe", "FR"),
    ("lyon", "FR"),
])
def test_a_word_is_left_as_read_where_it_is_a_word_or_the_languages_disagree(word, region):
    assert accents.spelling(word, region) is None


def test_the_languages_of_a_country():
    assert accents.languages("br") == ("pt",)
    assert set(accents.languages("CH")) == {"de", "fr", "it"}
    assert accents.languages("GB") == ()


def test_a_company_and_a_title_read_without_accents_on_a_french_card():
    c = parse(("VALLEE ENERGIE", 44), ("Camille Durand", 56), ("Gerant", 30),
              "Tél. 01 42 68 53 00", "camille.durand@vallee-energie.fr", "12 rue de la Paix, 75002 Paris")
    assert c.org == "VALLÉE ÉNERGIE"
    assert c.title == "Gérant"


def test_the_same_words_on_a_german_card_stay():
    c = parse(("Vallee Energie GmbH", 44), ("Jonas Weber", 56), ("Geschäftsführer", 30),
              "Tel. +49 30 1234567", "jonas.weber@vallee-energie.de", "Friedrichstraße 10, 10117 Berlin")
    assert c.org == "Vallee Energie GmbH"


def test_a_name_keeps_its_spelling():
    # people spell their own names: Jose stays Jose on a Spanish card
    c = parse(("Jose Garcia", 56), ("Director Comercial", 30), ("Costa Ingenieria S.L.", 36),
              "Tel. +34 912 345 678", "jose@costa-ingenieria.es", "Calle Mayor 10, 28013 Madrid")
    assert c.name.full == "Jose Garcia"
    assert c.org == "Costa Ingeniería S.L."


def test_the_street_and_town_of_an_address_read_without_accents():
    c = parse(("Camille Durand", 56), ("Directrice commerciale", 30), "camille@durand-conseil.fr",
              "20 rue de la Republique", "69002 Lyon")
    assert c.address.text == "20 rue de la République, 69002 Lyon"
    assert c.address.street == "20 rue de la République"
    c = parse(("Jonas Weber", 56), ("Vertrieb", 30), "jonas@weber-bau.de", "Kaiserstraße 34", "40212 Dusseldorf")
    assert c.address.city == "Düsseldorf"
    assert c.address.text == "Kaiserstraße 34, 40212 Düsseldorf"
