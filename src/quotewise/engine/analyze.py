"""From a parsed Doc to quotations with resolved speakers: the one place the stages meet.

Each stage computes facts from the text view and the facts before it; the `Quote` and `Person` records are
built once, here, at the end.
"""

from __future__ import annotations

from spacy.tokens import Doc

from ..records import ArticleResult, Person, Quote, Span
from . import confidence
from .attribution import Draft, attribute
from .cue_classifier import CueClassifier
from .cues import channel, find_cues
from .evidence import evidence
from .name_genders import NameList, with_name_genders
from .people import People, find_people
from .speakers import Resolution, Speaker, resolve_speakers
from .text_view import TextView


def analyze(doc: Doc, classifier: CueClassifier | None = None, scope: str = "quotes",
            names: NameList | None = None) -> ArticleResult:
    """Every quotation in the Doc with its cue and speaker, and the people the Doc names.

    ``classifier`` is the learned cue classifier; None uses the hand-written cue rules alone. ``scope``
    is "quotes" (what sources said or wrote) or "attributions" (every attribution). ``names`` is the given-name
    list that genders the people the text shows no gender for; None leaves them unknown.
    """
    view = TextView.of(doc)
    drafts = attribute(view, find_cues(view, classifier, scope), scope)
    people = find_people(view)
    # Own cues in reading order (pronouns depend on it); continuations then take their lead's speaker.
    leads = [d for d in drafts if d.source is None and d.cue is not None and d.cue.speaker is not None]
    resolution = resolve_speakers(view, people, [(d.cue.speaker, d.start) for d in leads])  # type: ignore[union-attr]
    speaker_of = dict(zip(leads, resolution.speakers, strict=True))
    quotes = tuple(_quote(view, d, lead, speaker_of.get(lead), people, resolution)
                   for d, lead in ((d, _lead(d)) for d in drafts))
    persons = _persons(view, people, resolution)  # resolved first: a guessed gender never becomes evidence
    return ArticleResult(quotes=quotes, people=with_name_genders(persons, names) if names else persons)


def _lead(draft: Draft) -> Draft:
    """The draft whose cue names the speaker of a continued quotation."""
    while draft.source is not None:
        draft = draft.source
    return draft


def _quote(view: TextView, draft: Draft, lead: Draft, speaker: Speaker | None, people: People,
           resolution: Resolution) -> Quote:
    # A later paragraph of one quotation is as sure as the paragraph whose cue names the speaker.
    scored = lead.rule if draft.rule == "same-quotation" else draft.rule
    route = speaker.route if speaker is not None else None
    title, org = (speaker.title, speaker.org) if speaker is not None else (None, None)
    if speaker is not None and speaker.person is not None:
        title, org = people.persons[speaker.person].title, resolution.orgs[speaker.person]
    text = view.text
    cue = None
    if draft.cue is not None:
        start, end = view.chars((draft.cue.start, draft.cue.end))
        cue = Span(text[start:end], start, end)
    return Quote(
        text=text[draft.start:draft.end],
        start=draft.start,
        end=draft.end,
        type=draft.type,  # type: ignore[arg-type]
        cue=cue,
        speaker=Span(text[speaker.start:speaker.end], speaker.start, speaker.end) if speaker else None,
        speaker_name=speaker.name if speaker else None,
        speaker_kind=speaker.kind if speaker else "unknown",
        speaker_title=title,
        speaker_org=org,
        confidence=confidence.score(scored, route),
        evidence=evidence(draft.rule, draft.source.start if draft.source else None, speaker),
        cue_kind=draft.cue.kind if draft.cue else None,  # type: ignore[arg-type]
        parts=draft.parts,
        rule=draft.rule,
        speaker_route=route,
        channel=(speaker.channel if speaker is not None else None) or (
            channel(view.doc, draft.cue) if draft.cue is not None else None),
        # A split quotation floats too: its pieces after the first have no cue of their own (GGT's annotators
        # leave their speaker mention empty), and one record carries one flag.
        is_floating_quote=draft.source is not None or draft.cue is None or len(draft.parts) > 1,
    )


def _persons(view: TextView, people: People, resolution: Resolution) -> tuple[Person, ...]:
    return tuple(
        Person(
            name=person.name,
            gender=resolution.genders[k],
            gender_evidence=resolution.evidence[k],
            quoted=k in resolution.quoted,
            title=person.title,
            org=resolution.orgs[k],
            # A name the recogniser and a speaker rule both found is one mention, listed once.
            mentions=tuple(dict.fromkeys(view.chars(m) for m in person.mentions)),
        )
        for k, person in enumerate(people.persons)
    )
