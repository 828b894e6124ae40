"""Pairing quotation spans and reported content with cues: which cue reports which words.

Order matters. Cues whose parsed content is found first (they fix direct, mixed and indirect
quotations); quotation marks left over then look for a cue next to them in the paragraph
(`"...," he said`; `he said, "..."`); a quotation that opens a paragraph or sentence with no cue
of its own continues the previous attribution; short quoted words with no cue are scare quotes.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from .cues import SAID_KINDS, Cue
from .quotes import QuoteSpan
from .text_view import TextView

_MAX_GAP_CHARS = 4  # punctuation and spaces between a quotation and the cue clause beside it
_MAX_NAME_GAP_WORDS = 6
_MAX_LEAD_IN_CHARS = 60  # "Schiff told Capital Download on Wednesday, "...": the cue's own modifiers
_MIN_UNCUED_WORDS = 4  # an uncued quotation shorter than this is a scare quote
_CARRY_PARAGRAPHS = 2  # how far back the attribution a cue-less quotation continues may be
_SpeechCue = tuple[int, Cue, tuple[int, int]]


@dataclass(frozen=True, slots=True)
class Draft:
    """An attribution before its speaker is resolved. ``source`` points at the draft it continues."""

    start: int
    end: int
    type: str
    cue: Cue | None
    rule: str
    source: Draft | None = None
    parts: tuple[tuple[int, int], ...] = ()  # the quoted pieces of a split quotation


def _cue_clause(view: TextView, cue: Cue) -> tuple[int, int]:
    """Characters of the cue with its speaker mention: "he said", "said president Chris Cahill"."""
    start, end = view.chars((cue.start, cue.end))
    if cue.speaker is not None:
        head = view.doc[cue.speaker]
        s, e = view.chars((head.left_edge.i, head.right_edge.i + 1))
        start, end = min(start, s), max(end, e)
    return start, end


def _unquoted_words(view: TextView, start: int, end: int) -> int:
    """How many alphanumeric runs of the text's [start:end] lie outside quotation marks."""
    count, in_word = 0, False
    for i in range(start, end):
        alnum = view.text[i].isalnum() and not view.quoted(i)
        if alnum and not in_word:
            count += 1
        in_word = alnum
    return count


def _gap_is_punct(view: TextView, start: int, end: int) -> bool:
    gap = view.text[start:end] if start <= end else ""
    return len(gap) <= _MAX_GAP_CHARS and not any(ch.isalnum() for ch in gap)


def _name_gap(view: TextView, start: int, end: int) -> bool:
    """Only the rest of a name or title between a quotation and its cue: `"X," Tulsa police Chief Jordan said`."""
    span = view.doc.char_span(start, end, alignment_mode="contract")
    if span is None or not span.text.strip():
        return False
    words = [t for t in span if not t.is_punct and not t.is_space]
    return 0 < len(words) <= _MAX_NAME_GAP_WORDS and all(
        t.pos_ in ("PROPN", "NOUN", "ADJ", "DET") or t.text[:1].isupper() for t in words)


def _lead_in(view: TextView, cue: Cue, start: int, end: int) -> bool:
    """The words between a cue and the quotation it introduces only modify the cue: no other verb, no full stop."""
    gap = view.text[start:end].rstrip()
    if len(gap) > _MAX_LEAD_IN_CHARS or not gap.endswith((",", ":")) or any(ch in gap for ch in ".;!?"):
        return False
    verb = view.doc[cue.start]
    return all(t.pos_ not in ("VERB", "AUX") for t in view.doc.char_span(start, end, alignment_mode="expand") or ()
               ) and verb.right_edge.idx >= start


def _opens_sentence(view: TextView, char: int, para: tuple[int, int]) -> bool:
    before = view.text[para[0]:char].rstrip()
    return not before or before[-1] in ".!?:\"”'’…"


def _overlapping(spans: tuple[QuoteSpan, ...], start: int, end: int) -> list[int]:
    return [k for k, s in enumerate(spans) if s.outer[0] < end and s.outer[1] > start]


def attribute(view: TextView, cues: list[Cue], scope: str = "quotes") -> list[Draft]:
    """Drafts in text order: one per quotation, mixed or indirect content, or quoted paragraph. Speech reported
    inside reported speech is a quotation of its own in the default scope (see `_outermost`)."""
    spans = view.quotes
    drafts: list[Draft] = []
    taken: dict[int, Draft] = {}  # quote span index -> the draft that covers it
    direct_cues: set[int] = set()  # cues whose content is a quotation, usable again for a split quote

    for n, cue in enumerate(cues):
        if cue.content is None:
            continue
        start, end = view.chars(cue.content)
        while start < end and (view.furniture(start) or view.text[start].isspace()):
            start += 1  # "BRISBANE, Australia (AP) — The toll rose, police said": the dateline is no content
        if start >= end:
            continue  # a dateline parsed as the content ("OTTAWA — ... says") reports nothing
        hits = [k for k in _overlapping(spans, start, end) if k not in taken]
        if not hits:
            if not _overlapping(spans, start, end):
                drafts.append(Draft(start, end, "indirect", cue, cue.rule))
            continue
        if _unquoted_words(view, start, end) == 0:
            for k in hits:
                taken[k] = Draft(spans[k].start, spans[k].end, "direct", cue, cue.rule)
                drafts.append(taken[k])
            direct_cues.add(n)
            continue
        first, last = spans[hits[0]], spans[hits[-1]]
        drafts.append(Draft(min(start, first.outer[0]), max(end, last.outer[1]), "mixed", cue,
                            cue.rule + "+quoted-fragment"))
        for k in hits:
            taken[k] = drafts[-1]
    drafts = _outermost(drafts, inner_speech=scope == "quotes")

    # (index, cue, characters of the cue with its speaker) of the cues that can stand beside a quotation.
    speech_cues = [(n, c, _cue_clause(view, c)) for n, c in enumerate(cues)
                   if c.kind != "thought" and c.speaker is not None]
    groups: dict[int, list[int]] = {}
    for k, span in enumerate(spans):
        groups.setdefault(span.group, []).append(k)
    for members in groups.values():
        open_members = [k for k in members if k not in taken]
        if not open_members:
            continue
        lead = next((taken[k] for k in members if k in taken), None)
        if lead is None:
            found = _cued_lead(view, open_members, speech_cues, direct_cues) or _uncued_lead(
                view, open_members[0], drafts)
            if found is None:
                continue
            k, lead = found
            taken[k] = lead
            drafts.append(lead)
        for k in open_members:
            if k not in taken:
                taken[k] = Draft(spans[k].start, spans[k].end, "direct", lead.cue, "same-quotation", source=lead)
                drafts.append(taken[k])
    drafts.sort(key=lambda d: d.start)
    return _merge_split_quotations(view, drafts, cues)


def _outermost(drafts: list[Draft], inner_speech: bool) -> list[Draft]:
    """Reported speech inside reported speech ("He said the report found X") keeps the outer attribution; with
    ``inner_speech``, one that someone speaks inside it ("He said supporters told him B", "X argued A, noting B") is
    a quotation too, as news annotators count them (PolNeAR's, marking every attribution, mostly don't)."""
    reported = [d for d in drafts if d.type != "direct"]
    kept = []
    for draft in drafts:
        outer = [o for o in reported if o is not draft and o.start <= draft.start and draft.end <= o.end
                 and o.end - o.start > draft.end - draft.start]
        if not outer or (inner_speech and _spoken_inside(draft)):
            kept.append(draft)
    return kept


def _spoken_inside(draft: Draft) -> bool:
    cue = draft.cue
    return (cue is not None and cue.speaker is not None and cue.kind in SAID_KINDS
            and cue.relation in ("ccomp", "head"))


def _merge_split_quotations(view: TextView, drafts: list[Draft], cues: list[Cue]) -> list[Draft]:
    """`"X," she said, "Y."` is one quotation in two parts: one draft spanning both, with its parts.

    Not when another cue stands between the parts: `"X," he said, adding later, "Y."` reports twice.
    """
    cue_chars = {view.chars((c.start, c.end))[0] for c in cues}
    merged: list[Draft] = []
    replaced: dict[Draft, Draft] = {}  # a draft merged away -> the draft that now holds it
    for draft in drafts:
        if draft.source is not None and draft.source in replaced:
            draft = replace(draft, source=replaced[draft.source])
        prev = merged[-1] if merged else None
        if (prev is not None and draft.cue is not None and prev.cue is not None and draft.source is None
                and prev.cue.start == draft.cue.start and prev.type == draft.type == "direct"
                and view.paragraph_of(prev.start) == view.paragraph_of(draft.start)
                and sum(prev.end <= c < draft.start for c in cue_chars) <= 1):  # the shared cue alone
            parts = (prev.parts or ((prev.start, prev.end),)) + ((draft.start, draft.end),)
            merged[-1] = Draft(prev.start, draft.end, "direct", prev.cue, prev.rule + "+split-quotation",
                               prev.source, parts)
            for old in (prev, draft):
                replaced[old] = merged[-1]
            for key, holder in replaced.items():
                if holder is prev:
                    replaced[key] = merged[-1]
        else:
            merged.append(draft)
    return merged


def _cued_lead(view: TextView, members: list[int], speech_cues: list[_SpeechCue],
               direct_cues: set[int]) -> tuple[int, Draft] | None:
    for k in members:
        span = view.quotes[k]
        cue, rule = _adjacent_cue(view, span, speech_cues, direct_cues)
        if cue is not None:
            return k, Draft(span.start, span.end, "direct", cue, rule)
    return None


def _uncued_lead(view: TextView, k: int, drafts: list[Draft]) -> tuple[int, Draft] | None:
    """A quotation with no cue beside it: it continues the previous attribution, or is a scare quote."""
    span = view.quotes[k]
    para = view.paragraphs[span.paragraph]
    words = len(view.text[span.start:span.end].split())
    if span.single or words < _MIN_UNCUED_WORDS or not _opens_sentence(view, span.outer_start, para):
        return None
    previous = _previous_draft(drafts, view, span)
    if previous is None:
        return k, Draft(span.start, span.end, "direct", None, "unattributed-quote")
    return k, Draft(span.start, span.end, "direct", previous.cue, "continues-previous", source=previous)


def _adjacent_cue(view: TextView, span: QuoteSpan, speech_cues: list[_SpeechCue],
                  direct_cues: set[int]) -> tuple[Cue | None, str]:
    """A cue right after the closing mark (`"...," he said`) or right before the opening one."""
    para = view.paragraphs[span.paragraph]
    outer_start, outer_end = span.outer
    for n, cue, (c_start, c_end) in speech_cues:
        if not (para[0] <= c_start < para[1]):
            continue
        own_content = cue.content is not None and n not in direct_cues
        if c_start >= outer_end and (_gap_is_punct(view, outer_end, c_start) or _name_gap(view, outer_end, c_start)):
            closing = view.text[max(span.start, outer_end - 3):outer_end]
            if not own_content or any(ch in closing for ch in ",?!—–-"):
                return cue, "cue-after-quote"
        if c_end <= outer_start and not own_content and (
                _gap_is_punct(view, c_end, outer_start) or _lead_in(view, cue, c_end, outer_start)):
            return cue, "cue-before-quote"
    # "He said:" closing one paragraph, the quotation filling the next (a block quote).
    previous = view.paragraphs[span.paragraph - 1] if span.paragraph > 0 else None
    if previous is None or outer_start != para[0] or view.text[previous[1] - 1] != ":":
        return None, ""
    for n, cue, (c_start, c_end) in speech_cues:
        own_content = cue.content is not None and n not in direct_cues
        if previous[0] <= c_start < previous[1] and not own_content and (
                _gap_is_punct(view, c_end, previous[1]) or _lead_in(view, cue, c_end, previous[1])):
            return cue, "cue-before-block-quote"
    return None, ""


def _previous_draft(drafts: list[Draft], view: TextView, span: QuoteSpan) -> Draft | None:
    """The attribution a cue-less quotation continues: the latest one with a speaker, close enough before it."""
    earlier = [d for d in drafts if d.start < span.start and d.cue is not None and d.cue.speaker is not None
               and not view.in_heading(d.start)]  # a headline is never the speaker of what follows
    if not earlier:
        return None
    best = max(earlier, key=lambda d: d.start)
    # Page furniture between them (an advertisement marker, a caption) is no paragraph of the report.
    between = [k for k in range(view.paragraph_of(best.start), span.paragraph)
               if not view.furniture(view.paragraphs[k][0])]
    return best if len(between) <= _CARRY_PARAGRAPHS else None
