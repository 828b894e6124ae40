"""The PolNeAR brat reader, on small invented articles in tests/fixtures/eval/polnear."""

from __future__ import annotations

from pathlib import Path

import pytest

from quotewise.errors import BadInput
from quotewise.evaluation.gold import GoldAttribution
from quotewise.evaluation.polnear import find_split_dir, parse_ann, read_polnear

ROOT = Path(__file__).parents[1] / "fixtures" / "eval" / "polnear"
DEV = ROOT / "data" / "dev"


def test_reads_every_dev_article_in_name_order():
    corpus = read_polnear(ROOT)
    assert [a.name for a in corpus.articles] == ["council", "harbour"]
    council = corpus.articles[0]
    assert council.text == (DEV / "text" / "council.txt").read_text(encoding="utf-8")
    assert council.attributions == (
        GoldAttribution(content=((20, 46),), cue=((57, 61),), source=((47, 56),), type="direct"),
    )


def test_attribution_parts_content2_discontinuous_and_no_source():
    harbour = read_polnear(ROOT).articles[1]
    assert harbour.attributions == (
        # "that the strike would cost millions": plain indirect speech.
        GoldAttribution(content=((59, 94),), cue=((44, 48),), source=((25, 43),), type="indirect"),
        # Content + Content2: the two quotations around "union leader Mara Hale told reporters".
        GoldAttribution(content=((96, 120), (160, 191)), cue=((144, 148),), source=((121, 143),), type="direct"),
        # One discontinuous Content ("192 203;217 257") around "Hale added".
        GoldAttribution(content=((192, 203), (217, 257)), cue=((210, 215),), source=((205, 209),), type="mixed"),
        # Attribution-no-source: "it was reported".
        GoldAttribution(content=((259, 309),), cue=((314, 326),), source=(), type="indirect"),
    )


def test_fragments_index_the_text():
    harbour = read_polnear(ROOT).articles[1]
    direct = harbour.attributions[1]
    assert [harbour.text[s:e] for s, e in direct.content] == [
        '"We will not back down,"',
        '"Not this week, not next week."',
    ]
    assert [harbour.text[s:e] for s, e in direct.source] == ["union leader Mara Hale"]


def test_smallest_annotator_id_wins():
    # harbour_9f00.ann has one attribution; harbour_1a2b.ann, the one read, has four.
    harbour = read_polnear(ROOT).articles[1]
    assert len(harbour.attributions) == 4


def test_odd_lines_are_skipped_with_one_warning_each():
    warnings = read_polnear(ROOT).warnings
    reasons = [w.split(": ", 1)[1] for w in warnings]
    assert all(w.startswith(str(DEV / "attributions" / "harbour_1a2b.ann")) for w in warnings)
    assert reasons == [
        "not a brat annotation line; skipped",
        "cannot read 'Content 12 abc'; skipped",
        "span 300-999 is empty or outside the text (length 328); skipped",
        "annotated text differs from the article at its offsets",
        "refers to 'T23', which is missing or was skipped; skipped",
        "unknown role 'Topic'; skipped",
    ]


def test_text_spanning_a_newline_continues_on_the_next_line():
    text = "Voters wait\nin line."
    ann = "T1\tDiscuss 0 20\tVoters wait\nin line.\nT2\tContent 0 11\tVoters wait\nE1\tAttribution:T2 Content:T2\n"
    attributions, warnings = parse_ann(ann, text, "x.ann")
    assert warnings == []
    assert attributions == (GoldAttribution(content=((0, 11),), type="indirect"),)


def test_event_without_content_is_skipped():
    attributions, warnings = parse_ann("T1\tCue 0 3\tsay\nE1\tAttribution:T1 Cue:T1\n", "say so", "x.ann")
    assert attributions == ()
    assert warnings == ["x.ann:2: has no content; skipped"]


@pytest.mark.parametrize("given", [ROOT, ROOT / "data", DEV])
def test_gold_path_may_be_root_data_or_split(given):
    assert find_split_dir(given, None) == DEV


def test_split_option_picks_the_split():
    assert find_split_dir(ROOT, "test") == ROOT / "data" / "test"


def test_split_dir_contradicting_split_option_is_an_error():
    with pytest.raises(BadInput, match="is the 'dev' split, but --split test"):
        find_split_dir(DEV, "test")


def test_path_without_polnear_layout_is_an_error(tmp_path):
    with pytest.raises(BadInput) as caught:
        read_polnear(tmp_path)
    assert caught.value.code == "QW150"
