"""From a parsed Doc to quotations with resolved speakers: the one place the stages meet."""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc

from . import confidence, lexicon
from .attribution import Draft, attribute
from .cuemodel import CueModel
from .cues import Cue, find_cues
from .model import ArticleResult, Person, Quote, Span
from .people import People
from .quotes import find_quote_spans, quoted_test
from .speakers import Speaker, SpeakerResolver

_ORG_CONTEXT_CHARS = 400  # how far back an organisation that spoke can lend its name to a bare title


def _cue_span(doc: Doc, text: str, cue: Cue | None) -> Span | None:
    if cue is None:
        return None
    first, last = doc[cue.start], doc[cue.end - 1]
    start, end = first.idx, last.idx + len(last.text)
    return Span(text[start:end], start, end)


def analyze(doc: Doc, cue_model: CueModel | None = None) -> ArticleResult:
    """Every quotation in the Doc with its cue and speaker, and the people the Doc names.

    ``cue_model`` is the learned cue model; None uses the hand-written cue rules alone.
    """
    text = doc.text
    spans = find_quote_spans(text)
    quoted = quoted_test(spans)
    cues = find_cues(doc, quoted, cue_model)
    people = People(doc, quoted)
    resolver = SpeakerResolver(doc, people, quoted)
    drafts = attribute(doc, text, spans, cues)

    # Own cues first, in reading order (pronouns depend on it); continuations then copy their lead.
    resolved: dict[int, Speaker | None] = {}
    last_org: Speaker | None = None
    heard: set[int] = set()  # people already attributed, by identity
    for draft in drafts:
        if draft.source is not None:
            continue
        speaker = _resolve_cue_speaker(draft, resolver, doc)
        resolved[id(draft)] = speaker
        if speaker is not None and speaker.kind == "organization":
            last_org = speaker
        elif (speaker is not None and speaker.person is not None and id(speaker.person) not in heard
              and speaker.person.org is None and _bare_title(speaker.person.title) and last_org is not None
              and draft.start - (last_org.end or 0) < _ORG_CONTEXT_CHARS):
            # "the Police Association said ... said president Chris Cahill": a person introduced by a bare
            # title right after an organisation spoke holds that title in it.
            speaker.person.org = last_org.name
        if speaker is not None and speaker.person is not None:
            heard.add(id(speaker.person))
    quotes = [_quote(doc, text, d, resolved.get(id(_lead(d)))) for d in drafts]
    quotes = [_with_person_details(q, people) for q in quotes]
    persons = tuple(
        Person(
            name=e.name,
            gender=e.gender,
            quoted=e.quoted,
            title=e.title,
            org=e.org,
            mentions=tuple((doc[s].idx, doc[x - 1].idx + len(doc[x - 1].text)) for s, x in e.mentions),
        )
        for e in people.entries
    )
    return ArticleResult(quotes=tuple(quotes), people=persons)


def _bare_title(title: str | None) -> bool:
    """ "president", "spokeswoman": a title that leaves its organisation to the context."""
    return title is not None and len(title.split()) == 1 and title.lower() in lexicon.titles()


def _lead(draft: Draft) -> Draft:
    """The draft whose cue names the speaker of a continued quotation."""
    while draft.source is not None:
        draft = draft.source
    return draft


def _resolve_cue_speaker(draft: Draft, resolver: SpeakerResolver, doc: Doc) -> Speaker | None:
    if draft.cue is None or draft.cue.speaker is None:
        return None
    head = doc[draft.cue.speaker]
    speaker = resolver.resolve(head)
    resolver.remember(head, speaker)
    return speaker


def _evidence(draft: Draft, speaker: Speaker | None) -> str:
    evidence = draft.rule
    if draft.source is not None:
        evidence += f" (speaker of the quotation at {draft.source.start})"
    if speaker is not None:
        evidence += f"; speaker: {speaker.how}"
    return evidence


def _quote(doc: Doc, text: str, draft: Draft, speaker: Speaker | None) -> Quote:
    evidence = _evidence(draft, speaker)
    # A later paragraph of one quotation is as sure as the paragraph whose cue names the speaker.
    scored = _evidence(_lead(draft), speaker) if draft.rule == "same-quotation" else evidence
    mention = None
    if speaker is not None and speaker.start is not None and speaker.end is not None:
        mention = Span(text[speaker.start:speaker.end], speaker.start, speaker.end)
    return Quote(
        text=text[draft.start:draft.end],
        start=draft.start,
        end=draft.end,
        type=draft.type,  # type: ignore[arg-type]
        cue=_cue_span(doc, text, draft.cue),
        speaker=mention,
        speaker_name=speaker.name if speaker else None,
        speaker_kind=speaker.kind if speaker else "unknown",  # type: ignore[arg-type]
        speaker_title=speaker.title if speaker else None,
        speaker_org=speaker.org if speaker else None,
        confidence=confidence.score(scored),
        evidence=evidence,
        cue_kind=draft.cue.kind if draft.cue else None,  # type: ignore[arg-type]
        parts=draft.parts,
    )


def _with_person_details(quote: Quote, people: People) -> Quote:
    """Titles and organisations learnt after a quotation was resolved still reach it."""
    for entry in people.entries:
        if entry.name == quote.speaker_name and quote.speaker_kind == "person":
            return replace(quote, speaker_title=entry.title, speaker_org=entry.org)
    return quote
