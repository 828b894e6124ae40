"""Why a quotation was attributed as it was, in words: rendered from the rule and the speaker's route.

The rule and the route are data on every quotation (`Quote.rule`, `Quote.speaker_route`) and confidence is
keyed on them; this sentence is for people reading the output, so rewording it changes no figure.
"""

from __future__ import annotations

from dataclasses import replace

from .speakers import Speaker


def speaker_evidence(speaker: Speaker) -> str:
    """How the speaker was found: "named", "pronoun 'she' -> Ana Ruiz", "collective:organization", ..."""
    if speaker.antecedent is not None:
        return f"relative pronoun -> {speaker_evidence(speaker.antecedent)}"
    if speaker.route == "pronoun":
        return f"pronoun '{speaker.pronoun}' -> {speaker.name}"
    if speaker.route == "pronoun-unresolved":
        return f"pronoun '{speaker.pronoun}' unresolved"
    if speaker.channel is not None:  # who issued the document the cue names: "her statement"
        return f"{speaker_evidence(replace(speaker, channel=None))} via {speaker.channel}"
    if speaker.route.startswith("description"):  # the ranking's lead over the next candidate
        return f"{speaker.route} -> {speaker.name} (margin {speaker.margin})"
    if speaker.route == "collective":
        return f"collective:{speaker.kind}"
    return speaker.route


def evidence(rule: str, continues: int | None, speaker: Speaker | None) -> str:
    """The rule, the quotation it continues (by start offset) if any, and how its speaker was found."""
    text = rule
    if continues is not None:
        text += f" (speaker of the quotation at {continues})"
    if speaker is not None:
        text += f"; speaker: {speaker_evidence(speaker)}"
    return text
