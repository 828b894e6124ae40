"""The spaCy component: `nlp.add_pipe("quotewise")` sets `doc._.quotes` and `doc._.quotewise`."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from . import cuemodel
from .core import analyze
from .errors import ConfigError

CUE_MODES = ("rules", "learned")


def _ensure_extensions() -> None:
    # None means the component has not run; () means it ran and found nothing.
    if not Doc.has_extension("quotes"):
        Doc.set_extension("quotes", default=None)
    if not Doc.has_extension("quotewise"):
        Doc.set_extension("quotewise", default=None)


class QuoteExtractor:
    """Runs the attribution rules on a parsed Doc: compute first, then annotate."""

    def __init__(self, nlp: Language, name: str, cues: str = "learned") -> None:
        if cues not in CUE_MODES:
            raise ConfigError("QW205", f"cues must be one of {', '.join(CUE_MODES)}, got {cues!r}")
        if "parser" not in nlp.pipe_names:
            raise ConfigError("QW203", "the quotewise component needs a pipeline with a dependency parser",
                              "load an English pipeline such as en_core_web_sm before adding it")
        self.name = name
        self.cue_model = cuemodel.load() if cues == "learned" else None
        _ensure_extensions()

    def __call__(self, doc: Doc) -> Doc:
        result = analyze(doc, self.cue_model)
        doc._.quotewise = result
        doc._.quotes = result.quotes
        return doc


@Language.component("quotewise_paragraphs")
def paragraph_sentences(doc: Doc) -> Doc:
    """Line breaks end sentences, so the parser never joins a paragraph to the next."""
    for token in doc[1:]:
        if "\n" in doc[token.i - 1].text or "\n" in doc[token.i - 1].whitespace_:
            token.is_sent_start = True
    return doc


@Language.factory(
    "quotewise",
    assigns=["doc._.quotes", "doc._.quotewise"],
    requires=["token.dep", "token.lemma", "doc.ents", "doc.sents"],
    default_config={"cues": "learned"},
)
def make_quote_extractor(nlp: Language, name: str, cues: str) -> QuoteExtractor:
    return QuoteExtractor(nlp, name, cues)
