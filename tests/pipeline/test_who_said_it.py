"""Who said it, on the shapes real web pages give names and sources: each mechanism on an invented article."""

from __future__ import annotations

import pytest

import quotewise

pytestmark = pytest.mark.pipeline


def _speakers(text: str) -> list[tuple[str | None, str | None]]:
    return [(q.speaker_name, q.channel) for q in quotewise.extract(text).quotes]


def test_a_surname_takes_the_full_name_a_caption_gives() -> None:
    text = (
        "Shelter beds run short as cold snap hits\n\n"
        "Okonkwo, who runs the night program at the Eastgate shelter, has turned people away every night "
        "this week. (Grace Okonkwo/Eastgate Shelter)\n\n"
        "The shelter opened 40 extra cots on Monday and filled them by midnight.\n\n"
        '"We have never seen the line this long in December," Okonkwo said.\n'
    )
    assert _speakers(text) == [("Grace Okonkwo", None)]


def test_a_surname_with_a_particle_is_one_name() -> None:
    text = (
        "Samir Al Rashidi opened his bakery on Dundas Street two years after arriving in Canada.\n\n"
        '"Bread is the first thing people ask for when they come in from the cold," Al Rashidi said.\n'
    )
    assert _speakers(text) == [("Samir Al Rashidi", None)]


def test_two_given_names_for_one_surname_leave_it_bare() -> None:
    text = (
        "Farm stands open late\n\n"
        '"Corn came in two weeks late this year," Kettering said.\n\n'
        "Rob Kettering checks the corn rows at the family stand. (Lena Park/The Courier)\n\n"
        "Anna Kettering sorts peppers at the stand on Route 9. (Lena Park/The Courier)\n"
    )
    assert _speakers(text) == [("Kettering", None)]


def test_the_issuer_of_a_document_is_the_speaker_and_the_document_its_channel() -> None:
    text = (
        "The Eastside Residents Association has fought the rezoning for a year.\n\n"
        'A statement from the Eastside Residents Association said the plan "ignores the people who live here."\n\n'
        "Councillor Maria Delgado voted for the plan. Her statement on Friday said the city needed the homes.\n\n"
        "Mayor Ana Ruiz said in a statement that the vote would stand.\n"
    )
    assert _speakers(text) == [
        ("Eastside Residents Association", "statement"),
        ("Maria Delgado", "statement"),
        ("Ana Ruiz", "statement"),
    ]


def test_a_document_named_again_keeps_its_issuer() -> None:
    text = (
        "A study by the Harbour Policy Institute looked at rents in 12 cities.\n\n"
        "Rents rose fastest in the smallest cities, according to the study.\n"
    )
    ((name, channel),) = _speakers(text)
    assert (name, channel) == ("Harbour Policy Institute", "study")


def test_a_short_form_leads_back_to_the_organisation_named_before() -> None:
    text = (
        "The Parole Board of Canada met on Tuesday to hear the case.\n\n"
        "The board said the offender had shown no remorse.\n\n"
        "Northgate Power restored electricity to 40,000 homes overnight.\n\n"
        "The utility said the last outages would be fixed by Sunday.\n"
    )
    assert [name for name, _ in _speakers(text)] == ["Parole Board of Canada", "Northgate Power"]


def test_a_continued_quotation_floats_on_its_lead() -> None:
    text = (
        '"The water is still rising," said fire chief Tom Ngata. "We are moving people out of the low streets."\n\n'
        '"Nobody should drive through flood water, not even in a truck. It takes less than you think."\n'
    )
    quotes = quotewise.extract(text).quotes
    assert [(q.speaker_name, q.is_floating_quote) for q in quotes] == [("Tom Ngata", True), ("Tom Ngata", True)]
    assert [len(q.parts) for q in quotes] == [2, 0]


def test_a_split_quotation_floats_and_a_single_cued_one_does_not() -> None:
    text = (
        '"We will open the shelters tonight," Mayor Ana Ruiz told the council, "and keep them open all week."\n\n'
        '"Nobody will be turned away," said Ruiz.\n'
    )
    quotes = quotewise.extract(text).quotes
    assert [(len(q.parts), q.is_floating_quote, q.cue.text) for q in quotes] == [(2, True, "told"), (0, False, "said")]


def test_a_pronoun_tied_to_a_name_of_the_other_gender_is_no_evidence() -> None:
    from quotewise.engine.speakers import _name_disagrees

    assert _name_disagrees("Maria Lopez", "male") and not _name_disagrees("Maria Lopez", "female")
    # One common given name alone is checked on it; a lone word the list doesn't know as a given name is not.
    assert _name_disagrees("Catherine", "male") and not _name_disagrees("Okafor", "male")
    assert not _name_disagrees("Okoro", "male")  # no given name: nothing to disagree with


def test_two_people_saying_one_thing_are_both_its_speakers() -> None:
    text = "Ana Ruiz and Tom Ngata said the bridge would stay closed until the inspection was finished.\n"
    result = quotewise.extract(text)
    (quote,) = result.quotes
    assert (quote.speaker_name, quote.speaker_kind) == ("Ana Ruiz and Tom Ngata", "group")
    assert sorted(p.name for p in result.people if p.quoted) == ["Ana Ruiz", "Tom Ngata"]


def test_a_pronoun_passes_over_a_name_of_the_other_gender_and_shows_no_gender() -> None:
    text = (
        "Tom Ngata has coached the club for a decade. Maria Lopez joined as manager in March.\n\n"
        '"We have the best squad I have seen here," he said.\n'
    )
    result = quotewise.extract(text)
    assert [q.speaker_name for q in result.quotes] == ["Tom Ngata"]
    assert {p.name: p.gender for p in result.people} == {"Tom Ngata": None, "Maria Lopez": None}


def test_bylines_credits_and_taglines_name_no_one() -> None:
    text = (
        "Port strike enters second week\n\n"
        "Hana Whitlock and Owen Pryde, The Associated Press\n\n"
        "Dock workers stayed off the job on Monday, said union organiser Mere Tawhiri.\n\n"
        "Cranes stand idle at the container terminal on Monday. Lena Castillo/Reuters\n\n"
        "Mayor Daniel Okafor’s office said talks would resume on Friday.\n\n"
        "With files from Priya Raman\n\n"
        "Joel Brandt is a business reporter based in Wellington.\n"
    )
    names = sorted(p.name for p in quotewise.extract(text).people)
    assert names == ["Daniel Okafor", "Mere Tawhiri"]


def test_a_name_ends_at_a_possessive_and_loses_invisible_characters() -> None:
    from quotewise.engine.names import clean_name

    assert clean_name("Chuck Schumer‘s") == "Chuck Schumer" and clean_name("Lady Gaga’s Shallow") == "Lady Gaga"
    assert clean_name("Traeger\u200b") == "Traeger" and clean_name("Dinesh D'Souza") == "Dinesh D'Souza"


def test_he_said_after_a_report_is_its_speaker_not_someone_named_inside_it() -> None:
    text = (
        "Kevin Marsh spent 30 years at the co-op before he ran for council.\n\n"
        "He said the dairy, along with a credit union run by his uncle's partner, Dale Sorensen, kept the town "
        "alive through the 1980s.\n\n"
        '"They hired half the valley," he said.\n'
    )
    assert [name for name, _ in _speakers(text)] == ["Kevin Marsh", "Kevin Marsh"]


def test_a_surname_stays_with_the_person_the_article_calls_by_it() -> None:
    text = (
        "Arnold Whitcombe was charged on Monday with arson.\n\n"
        "Whitcombe appeared in court by video link. His father, Glen, declined to comment after the hearing.\n\n"
        "Whitcombe told investigators he set the fire to collect the insurance, prosecutors said.\n"
    )
    result = quotewise.extract(text)
    # What Whitcombe told investigators is his statement inside what prosecutors said.
    assert [q.speaker_name for q in result.quotes] == ["prosecutors", "Arnold Whitcombe"]
    people = {p.name: [text[s:e] for s, e in p.mentions] for p in result.people}
    assert people["Arnold Whitcombe"] == ["Arnold Whitcombe", "Whitcombe", "Whitcombe"]



def test_appositions_titles_and_short_forms_on_an_invented_page() -> None:
    text = (
        "Crews from Northshore Hydro worked through the night after the storm.\n\n"
        "Hydro said most customers would have power again by Sunday.\n\n"
        "Deputy Secretary of the Harbour Board, Syed Danial Syed Ahmad, said the ferry would run on Monday.\n\n"
        "Jim Eglinski, Yellowhead MP, said he drove along the coast road to see the damage.\n\n"
        '"We have never seen water this high," he said.\n'
    )
    result = quotewise.extract(text)
    assert [(q.speaker_name, q.speaker_kind) for q in result.quotes] == [
        ("Northshore Hydro", "organization"), ("Syed Danial Syed Ahmad", "person"), ("Jim Eglinski", "person"),
        ("Jim Eglinski", "person")]
    assert "Yellowhead MP" not in [p.name for p in result.people]


def test_the_pronoun_of_a_named_speakers_own_report_is_gender_evidence() -> None:
    text = (
        "Flood waters reached the edge of Marlow on Sunday night.\n\n"
        "Jayden Okafor told police she heard the river before she saw it.\n\n"
        "Rescue crews took three families from their roofs, the fire service said.\n\n"
        '"I have never been so scared," she said.\n'
    )
    result = quotewise.extract(text)
    person = next(p for p in result.people if p.name == "Jayden Okafor")
    assert (person.gender, dict(person.gender_evidence)) == ("female", {"pronoun-female": 2})


def test_a_reported_pronoun_is_no_evidence_when_someone_else_is_near() -> None:
    text = (
        "Sam Ortiz was arrested at the harbour on Friday.\n\n"
        "Jayden Okafor told police he had been in the boat shed all night.\n"
    )
    result = quotewise.extract(text)
    person = next(p for p in result.people if p.name == "Jayden Okafor")
    assert person.gender_evidence == ()


def test_a_subject_in_a_subordinate_clause_does_not_take_the_next_he_said() -> None:
    text = (
        "Tom Ngata, the college's spokesman, said the list drew 3,000 votes this year.\n\n"
        "Although Mayor Lee Harlow has repeatedly said the word is fine, its place on the list is no statement. "
        "Voters were just tired of it, he said.\n"
    )
    assert [name for name, _ in _speakers(text)][-1] == "Tom Ngata"


def test_mrs_is_the_woman_of_the_surname_not_the_one_called_by_it_last() -> None:
    text = (
        "Jordan Kells pleaded guilty to fraud on Monday.\n\n"
        "Prosecutor Amelia Rhodes told the court that Kells had taken money from his mother, Denise Kells.\n\n"
        "Mrs Kells was unaware of the losses, Ms Rhodes said.\n"
    )
    result = quotewise.extract(text)
    genders = {p.name: p.gender for p in result.people}
    assert (genders["Jordan Kells"], genders["Denise Kells"]) == (None, "female")


def test_speech_reported_inside_reported_speech_is_a_quotation_too() -> None:
    text = (
        "The minister said the ferry operator told the ministry that two boats would be out of service until "
        "March.\n\n"
        "The report found that the boats were old, the minister said.\n"
    )
    quotes = quotewise.extract(text).quotes
    assert [(q.speaker_name, q.text) for q in quotes] == [
        ("minister", "the ferry operator told the ministry that two boats would be out of service until March"),
        ("ferry operator", "two boats would be out of service until March"),
        ("minister", "The report found that the boats were old"),
    ]


def test_less_common_speech_verbs_cue_quotations() -> None:
    text = (
        "Ana Ruiz confessed that she had never read the report.\n\n"
        "Tom Hale scoffed that the plan would never work.\n\n"
        "Police advised drivers to stay off the coast road.\n"
    )
    quotes = quotewise.extract(text).quotes
    assert [(q.speaker_name, q.cue.text) for q in quotes] == [
        ("Ana Ruiz", "confessed"), ("Tom Hale", "scoffed"), ("Police", "advised")]


def test_an_embedded_post_is_its_authors_quotation() -> None:
    text = (
        "Crews worked through the night on the island's lines.\n\n"
        "Damage is unprecedented with hundreds of trees on power lines. Crews are climbing 80 ft to make repairs. "
        "pic.twitter.com/W0IkInjjSH — Northshore Hydro (@nshydro) December 22, 2018\n\n"
        "Residents said the outage was the longest they could remember.\n"
    )
    quote = quotewise.extract(text).quotes[0]
    assert (quote.speaker_name, quote.speaker_kind, quote.channel, quote.rule) == (
        "Northshore Hydro", "organization", "tweet", "embedded-tweet")
    assert quote.text == (
        "Damage is unprecedented with hundreds of trees on power lines. Crews are climbing 80 ft to make repairs.")


def test_a_participle_hung_on_what_was_said_is_the_speakers() -> None:
    text = (
        "Councillor Ana Ruiz said the message from residents is that the plan needs work, noting that the council "
        "did add two bus routes last year.\n"
    )
    quotes = quotewise.extract(text).quotes
    assert [(q.speaker_name, q.text) for q in quotes][-1] == (
        "Ana Ruiz", "the council did add two bus routes last year")


def test_a_document_issued_in_a_relative_clause_speaks_for_its_issuer() -> None:
    text = ("Retail is the best bet for young job seekers, according to a study which is being released Monday by "
            "Harbour Futures.\n")
    assert _speakers(text) == [("Harbour Futures", "study")]


def test_two_names_in_apposition_speak_together_and_are_they() -> None:
    text = (
        "Workers at both restaurants voted to join the union.\n\n"
        "In an emailed statement, the cafe's owners Tore Sohlberg and Lehla Abreder said they respected the outcome "
        "of the vote.\n\n"
        '"Our priority is a respectful workplace," they said.\n'
    )
    assert [name for name, _ in _speakers(text)] == ["Tore Sohlberg and Lehla Abreder"] * 2


def test_a_short_form_two_organisations_could_fill_stays_as_written() -> None:
    text = (
        "The Harbour Safety Commission reported on the ferry fire in March.\n\n"
        "The Coastal Licensing Commission then suspended the operator's permit.\n\n"
        "Divers spent the weekend searching the wreck.\n\n"
        "The search ended on Monday evening.\n\n"
        "The commission said the report would be published in full.\n\n"
        "The Coastal Licensing Commission met again on Tuesday. The commission said the permit would stay "
        "suspended.\n"
    )
    assert [name for name, _ in _speakers(text)] == ["commission", "Coastal Licensing Commission"]


def test_a_relative_clause_after_a_comma_is_no_part_of_the_speakers_name() -> None:
    text = ("Prices will rise again in 2019, said an expert cited in the report, which looked at housing trends "
            "across the country.\n")
    assert _speakers(text) == [("expert cited in the report", None)]


def test_she_after_an_unnamed_spokeswoman_is_the_spokeswoman_and_he_is_not() -> None:
    text = (
        "Mayor {name} opened the new bridge on Monday.\n\n"
        "A police spokeswoman said the road to the harbour would stay closed overnight.\n\n"
        '"It will reopen tomorrow morning," {pronoun} said.\n'
    )
    assert [n for n, _ in _speakers(text.format(name="Ana Hale", pronoun="she"))][-1] == "police spokeswoman"
    assert [n for n, _ in _speakers(text.format(name="Tom Hale", pronoun="he"))][-1] == "Tom Hale"


def test_a_description_headed_by_a_proper_noun_is_the_person_described() -> None:
    text = ("Senate Majority Leader Mitch Lowell blocked the bill on Tuesday.\n\n"
            "The Kentucky Republican said the House version would never pass.\n")
    (quote,) = quotewise.extract(text).quotes
    assert (quote.speaker_name, quote.speaker_route) == ("Mitch Lowell", "description")


def test_a_nickname_in_quotation_marks_stays_out_of_the_name() -> None:
    text = ('Amanda Nunes knocked out Cris "Cyborg" Justino in 51 seconds.\n\n'
            "Justino said she would ask for a rematch.\n")
    result = quotewise.extract(text)
    assert [q.speaker_name for q in result.quotes] == ["Cris Justino"]
    assert "Cyborg" not in [q.text for q in result.quotes]


def test_a_two_word_surname_and_a_hyphenated_given_name_stay_with_their_person() -> None:
    text = ("The award went to Helena Bonham Carter on Sunday.\n\n"
            "Bonham Carter said the night was a blur.\n\n"
            "South Korean President Moon Jae-in said he would travel to the summit.\n")
    result = quotewise.extract(text)
    assert [q.speaker_name for q in result.quotes] == ["Helena Bonham Carter", "Moon Jae-in"]
    assert [p.name for p in result.people] == ["Helena Bonham Carter", "Moon Jae-in"]


def test_they_is_people_not_a_plural_thing_that_never_spoke() -> None:
    text = ("Analysts met in Toronto on Monday.\n\n"
            "Slow sales in China hurt profits across the industry.\n\n"
            '"We expect a rebound next year," they said.\n')
    assert [name for name, _ in _speakers(text)] == ["Analysts"]


def test_a_quotation_closed_with_two_curly_apostrophes_keeps_its_cue() -> None:
    text = ("Marisol Teague opened her print shop in the old mill last spring.\n\n"
            "“We print anything by anyone,’’ says the 41-year-old founder of Millrace Press.\n")
    (quote,) = quotewise.extract(text).quotes
    assert quote.text == "We print anything by anyone,"
    assert (quote.cue.text if quote.cue else None, quote.speaker_name) == ("says", "Marisol Teague")


def test_a_surname_alone_is_the_bearer_named_before_it_not_one_a_later_caption_names() -> None:
    text = ("Premier Dana Okafor-Lind announced the plan on Monday.\n\n"
            '"We are not changing course," Okafor-Lind said.\n\n'
            "Health Minister Dayna Okafor-Lind speaks at a news conference in Regina on Jan. 3.\n")
    (quote,) = quotewise.extract(text).quotes
    assert quote.speaker_name == "Dana Okafor-Lind"


def test_a_country_with_the_article_speaks_as_itself() -> None:
    text = ("Trade Minister Ruth Calloway met her counterpart in Ottawa on Monday.\n\n"
            "The U.S. said the tariffs would stay in place until the review ends.\n")
    (quote,) = quotewise.extract(text).quotes
    assert quote.speaker_name == "U.S."


def test_a_description_after_a_new_subject_is_that_subject_not_the_last_speaker() -> None:
    text = ('"The classes filled up in a week," said program director Lena Marsh.\n\n'
            "Yusuf Haddad passed his citizenship test earlier this year.\n\n"
            "The 34-year-old electrician says he learns new words from co-workers every day.\n")
    quotes = quotewise.extract(text).quotes
    assert [q.speaker_name for q in quotes] == ["Lena Marsh", "Yusuf Haddad"]


def test_a_given_name_runs_on_to_a_surname_the_recogniser_took_for_a_word() -> None:
    text = ("The show opened with its co-hosts, Paul Tran and Linda Oh started the night with a joke about the rival"
            " awards.\n\nOh said she had waited twenty years for the night.\n")
    result = quotewise.extract(text)
    assert "Linda Oh" in [p.name for p in result.people]
    assert "Linda" not in [p.name for p in result.people]


def test_a_bill_with_its_code_is_no_person() -> None:
    # The parser tags "C-69" as a possessive ending here, which left "Bill" alone as a name.
    text = ("The rally opposed Bill C-48 and Bill C-69. Bill C-48 would ban tankers and Bill C-69 would change the"
            " reviews.\n\nOrganizer Dale Fenwick said the convoy would return in the spring.\n")
    assert [p.name for p in quotewise.extract(text).people] == ["Dale Fenwick"]


def test_verbs_of_reproach_and_manner_of_speaking_report_speech() -> None:
    text = ('Marta Quill brought the coach a coffee before the game.\n\n'
            '"You do not bring a coach coffee unless you want more ice time," scolded Dana Pell.\n\n'
            '"It was only a coffee," Quill murmured.\n')
    assert [q.speaker_name for q in quotewise.extract(text).quotes] == ["Dana Pell", "Marta Quill"]


def test_the_authority_is_the_organisation_last_the_topic_when_its_name_is_only_an_acronym():
    text = ("The VWA said the reservoir had fallen to 34 per cent despite lower household use.\n\n"
            '"Households have responded well, and we are grateful," the authority said.\n')
    assert [q.speaker_name for q in quotewise.extract(text).quotes] == ["VWA", "VWA"]


def test_a_description_after_a_name_a_relative_clause_is_about_is_that_person() -> None:
    text = ("Shoppers at the Elmvale Mall will find Maria Delgado, who moved to Canada from Chile a decade ago.\n\n"
            "“Every book here was printed within 50 kilometres,” says the 41-year-old owner of Lantern Books. "
            "“Nobody gets rich doing this,” says the soft-spoken bookseller.\n")
    assert [(q.speaker_name, q.speaker_route) for q in quotewise.extract(text).quotes] == [
        ("Maria Delgado", "description"), ("Maria Delgado", "description")]


def test_he_after_a_sentence_that_introduces_someone_is_that_person_unless_someone_is_its_subject() -> None:
    text = ("Tom Hale, 73, says the walking club gave him his knees back. “I walk to the shops now,” he says.\n\n"
            "The club also found a member in Hamilton bus driver Daniel Reyes, 50. “I used to drive everywhere, even "
            "on my days off,” he says.\n")
    result = quotewise.extract(text)
    assert [q.speaker_name for q in result.quotes] == ["Tom Hale", "Tom Hale", "Daniel Reyes"]
    assert {p.name: p.gender for p in result.people}["Daniel Reyes"] is None  # read from the layout: no evidence
    thanked = text.replace("The club also found a member in", "He later thanked")
    assert [q.speaker_name for q in quotewise.extract(thanked).quotes] == ["Tom Hale"] * 3


def test_a_statement_with_no_issuer_after_an_organisation_spoke_is_the_organisations() -> None:
    text = ("The aid group Harbourline Relief said its regional director was among those hurt in the blast. "
            'A statement said the group was "deeply shaken" and would keep its clinics open.\n\n'
            "Fire crews worked through the night.\n\n"
            "Witnesses said the windows of the market shook. A statement said the market would reopen on Friday.\n")
    assert _speakers(text)[:2] == [("Harbourline Relief", None), ("Harbourline Relief", "statement")]
    assert _speakers(text)[-1] == ("statement", None)  # the witnesses issued no statement: a group never does


def test_a_persons_name_the_recogniser_tags_as_a_firm_is_a_person_beside_people_or_an_age() -> None:
    text = ("Liam Ferraro had two goals and Caleb Dunmore and Owen Petrak also scored for the Harbour Kings.\n\n"
            "The club also helped Toronto accountant Marcus Bell, 50.\n\n"
            "Shares of Morgan Stanley fell. “We see risk,” Morgan Stanley said in a note.\n")
    result = quotewise.extract(text)
    assert [p.name for p in result.people] == ["Liam Ferraro", "Caleb Dunmore", "Owen Petrak", "Marcus Bell"]
    assert [(q.speaker_name, q.speaker_kind) for q in result.quotes] == [("Morgan Stanley", "organization")]


def test_words_in_quotation_marks_joined_to_a_speaker_are_no_second_speaker() -> None:
    text = ("Retired welder Tom Hale, who dropped 30 pounds “and a whole shirt size” over the winter, says the club "
            "gave him his knees back.\n")
    assert [q.speaker_name for q in quotewise.extract(text).quotes] == ["Tom Hale"]


def test_an_office_the_recogniser_missed_speaks_as_an_organisation() -> None:
    text = "Mayor Ana Ruiz met the envoy on Monday. The Mayor's Office said the talks were useful.\n"
    result = quotewise.extract(text)
    assert [p.name for p in result.people] == ["Ana Ruiz"]
    assert [(q.speaker_name, q.speaker_kind) for q in result.quotes] == [("Mayor's Office", "organization")]
