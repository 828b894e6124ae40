"""An invented article of any size with the quotations, people and mentions extraction would store for it.

Written straight to a store with `Store.write`: running the engine over 20 MB takes half an hour, and what the
web app is tested on here is reading such an article back, not finding its quotations. The text is news-like:
paragraphs of a few sentences, most of them quotations (direct, indirect, split around "she said", a few running
over two paragraphs), names with accents, an emoji now and then (one character in Python, four bytes in UTF-8: the
database's character offsets must agree with Python's), and one paragraph far longer than a page's part.
"""

from __future__ import annotations

import random
from collections import defaultdict

from quotewise.corpus.store import Settings, Store
from quotewise.io.archives import text_hash
from quotewise.records import Article, ArticleResult, Person, Quote, Span

FIRST = ("Ana", "José", "Mere", "Tom", "Aroha", "David", "Zoë", "Priya", "Liam", "Søren", "Hana", "Wiremu",
         "Grace", "Ahmed", "Chloé", "Ivan", "Mei", "Rangi", "Nadia", "Owen")
LAST = ("Ruiz", "Liu", "Baker", "Ngata", "Okafor", "Müller", "Tanaka", "Singh", "O'Brien", "Kowalski", "Nguyen",
        "Fernández", "Walker", "Henare", "Dubois", "Park", "Novak", "Haddad", "Reid", "Larsen", "Costa", "Mäkinen",
        "Brown", "Tui", "Sato", "Ali", "Evans", "Rossi", "Kaur", "Young")
TITLES = ("Mayor", "councillor", "chief executive", "spokesperson", "professor", "minister", None, None)
ORGS = ("City Council", "Port Workers Union", "Southern Ports", "Ministry of Health", "Regional Transport Board")
_SPOKEN = ("the harbour would reopen on monday and families would not wait any longer for the decision "
         "we will not let the port stand idle while the council argues about the budget and rates rise again "
         "nobody likes paying more but the pipes are a hundred years old and the roads need repair before winter "
         "our offer remains on the table and the workers deserve a fair hearing from the board this week "
         "police said the protest outside the chambers had been peaceful despite the rain café naïve résumé "
         "☂ — the minister told reporters 🚢 that funding was coming soon")
WORDS = _SPOKEN.split()
CUES = ("said", "told", "added", "warned", "argued", "insisted")


class _Writer:
    """The text as it grows, and what each invented sentence adds to the result."""

    def __init__(self, rng: random.Random, people: int) -> None:
        self.rng = rng
        self.chunks: list[str] = []
        self.at = 0
        self.quotes: list[Quote] = []
        names = [f"{f} {last}" for last in LAST for f in FIRST]
        rng.shuffle(names)
        self.names = names[:people]
        self.titles = {n: rng.choice(TITLES) for n in self.names}
        self.genders = {n: rng.choice(("female", "male", None)) for n in self.names}
        self.mentions: dict[str, list[tuple[int, int]]] = defaultdict(list)

    def put(self, text: str) -> tuple[int, int]:
        start = self.at
        self.chunks.append(text)
        self.at += len(text)
        return start, self.at

    def words(self, low: int, high: int) -> str:
        return " ".join(self.rng.choice(WORDS) for _ in range(self.rng.randint(low, high)))

    def speaker(self) -> tuple[str, str]:
        """A speaker's name, weighted so a few are quoted often and most rarely, and the kind of speaker."""
        if self.rng.random() < 0.08:
            return self.rng.choice(ORGS), "organization"
        return self.names[min(int(self.rng.paretovariate(1.0)) - 1, len(self.names) - 1)], "person"

    def quote(self, start: int, end: int, kind: str, cue: tuple[int, int], who: tuple[str, str] | None,
              said: tuple[int, int] | None, parts: tuple[tuple[int, int], ...] = ()) -> None:
        name, speaker_kind = who if who else (None, "unknown")
        self.quotes.append(Quote(
            text=self._text(start, end), start=start, end=end, type=kind,  # type: ignore[arg-type]
            cue=Span(self._text(*cue), *cue), speaker=Span(self._text(*said), *said) if said else None,
            speaker_name=name, speaker_kind=speaker_kind,  # type: ignore[arg-type]
            speaker_title=self.titles.get(name or ""), speaker_org=name if speaker_kind == "organization" else None,
            confidence=round(self.rng.uniform(0.5, 0.99), 2), evidence="named speaker", cue_kind="speech",
            parts=parts, rule="quote-cue", speaker_route="named" if said else None,
        ))
        if said and speaker_kind == "person":
            self.mentions[name or ""].append(said)

    def _text(self, start: int, end: int) -> str:
        # The chunks of the current paragraph are few: join from the end until `start` is covered.
        collected, at = [], self.at
        for chunk in reversed(self.chunks):
            collected.append(chunk)
            at -= len(chunk)
            if at <= start:
                break
        joined = "".join(reversed(collected))
        return joined[start - at:end - at]

    def sentence(self) -> None:
        roll = self.rng.random()
        who = self.speaker()
        cue = self.rng.choice(CUES)
        if roll < 0.35:  # “...,” said NAME.
            span = self.put(f"“{self.words(4, 12).capitalize()},”")
            self.put(" ")
            cue_span = self.put(cue)
            self.put(" ")
            said = self.put(who[0])
            self.put(". ")
            self.quote(*span, "direct", cue_span, who, said)
        elif roll < 0.55:  # NAME said that ...
            said = self.put(who[0])
            self.put(" ")
            cue_span = self.put(cue)
            self.put(" ")
            span = self.put(f"that {self.words(5, 14)}")
            self.put(". ")
            self.quote(*span, "indirect", cue_span, who, said)
        elif roll < 0.68:  # “...,” NAME said, “...”
            first = self.put(f"“{self.words(3, 8).capitalize()},”")
            self.put(" ")
            said = self.put(who[0])
            self.put(" ")
            cue_span = self.put(cue)
            self.put(", ")
            second = self.put(f"“{self.words(3, 8)}.”")
            self.put(" ")
            self.quote(first[0], second[1], "direct", cue_span, who, said, (first, second))
        elif roll < 0.78:  # a spokesperson said ... (no named speaker)
            self.put("A spokesperson ")
            cue_span = self.put(cue)
            self.put(" ")
            span = self.put(f"“{self.words(4, 10)}”")
            self.put(". ")
            self.quote(*span, "mixed", cue_span, None, None)
        else:
            self.put(f"{self.words(6, 16).capitalize()}. ")

    def paragraph(self) -> None:
        if self.rng.random() < 0.004:  # a quotation running over two paragraphs, its closing mark in the second
            who = self.speaker()
            start = self.put(f"“{self.words(8, 20).capitalize()}.")[0]
            self.put("\n")
            self.put(f"“{self.words(8, 20).capitalize()},”")
            end = self.at
            self.put(" ")
            said = self.put(who[0])
            self.put(" ")
            cue_span = self.put("said")
            self.put(".\n")
            self.quote(start, end, "direct", cue_span, who, said)
            return
        for _ in range(self.rng.randint(2, 6)):
            self.sentence()
        last = self.chunks[-1]
        self.chunks[-1] = last.rstrip(" ")
        self.at -= len(last) - len(self.chunks[-1])
        self.put("\n")


def big_article(size: int, *, people: int = 600, long_paragraph: int = 120_000, seed: int = 7,
                article_id: str = "big") -> tuple[Article, ArticleResult]:
    """An article of about `size` characters; a paragraph of `long_paragraph` characters without a line break
    sits at its middle."""
    writer = _Writer(random.Random(seed), people)
    middle_done = False
    while writer.at < size:
        if not middle_done and writer.at >= size // 2:
            goal = writer.at + long_paragraph
            while writer.at < goal:
                writer.sentence()
            writer.put("\n")
            middle_done = True
        writer.paragraph()
    text = "".join(writer.chunks)
    assert all(text[q.start:q.end] == q.text for q in writer.quotes[:: max(1, len(writer.quotes) // 1000)])
    people_found = tuple(
        Person(name, writer.genders.get(name), True, writer.titles.get(name), None, tuple(spans),
               (("pronoun-" + writer.genders[name], 1),) if writer.genders.get(name) else ())
        for name, spans in writer.mentions.items()
    )
    article = Article(article_id, text, "big.txt", 1, title="A very long article", outlet="Harbour Herald",
                      date="2022-04-01")
    return article, ArticleResult(tuple(writer.quotes), people_found)


SETTINGS = Settings("0.1.0", "en_core_web_sm", "3.8.0", "learned", "quotes")


def write_store(location: str, written: list[tuple[Article, ArticleResult]]) -> Store:
    """A store holding these articles and results as an ingest would have written them."""
    store = Store.open(location)
    run = store.begin_run(SETTINGS, "test", "abc")
    store.write(run, SETTINGS.key, [(a, text_hash(a.text), r) for a, r in written], [])
    return store
