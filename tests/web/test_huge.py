"""A 20 MB article with over 200,000 quotations: each of its pages answers in well under the bound, and right.

Before parts, this page read every quotation and marked the whole text, quadratically: it ran for minutes.
"""

from __future__ import annotations

import re
import time

import pytest
from fastapi.testclient import TestClient

from quotewise.records import Quote
from quotewise.web.app import create_app

BOUND = 5.0  # seconds: generous on a loaded machine; a part takes a fraction of one (docs/web.md)


@pytest.fixture(scope="module")
def client(big) -> TestClient:
    return TestClient(create_app(str(big[0])))


def _timed(client: TestClient, url: str) -> tuple[float, object]:
    started = time.perf_counter()
    response = client.get(url)
    elapsed = time.perf_counter() - started
    assert response.status_code == 200, url
    return elapsed, response


def _reaches(q: Quote, start: int, end: int) -> bool:
    marked = [(q.start, q.end), *((s.start, s.end) for s in (q.cue, q.speaker) if s)]
    return any(s < end and e > start for s, e in marked)


def test_the_first_middle_and_last_parts_answer_quickly_and_right(big, client):
    _, article, result = big
    assert len(article.text) >= 20_000_000 and len(result.quotes) > 200_000
    elapsed, response = _timed(client, "/articles/big.json")  # nothing cached: the article's counts are read too
    assert elapsed < BOUND
    count = response.json()["part"]["count"]
    assert count == -(-len(article.text) // 50_000)
    for number in (1, count // 2, count // 2 + 1, count):
        elapsed, response = _timed(client, f"/articles/big.json?part={number}")
        assert elapsed < BOUND, (number, elapsed)
        data = response.json()
        part = data["part"]
        assert part["number"] == number and part["length"] == len(article.text)
        assert data["text"] == article.text[part["start"]:part["end"]]
        assert 25_000 <= len(data["text"]) <= 75_000
        assert (part["start"] == 0) == (number == 1) and (part["end"] == len(article.text)) == (number == count)
        wanted = [n for n, q in enumerate(result.quotes) if _reaches(q, part["start"], part["end"])]
        assert [q["n"] for q in data["quotes"]] == wanted and len(wanted) > 200
        assert [q["text"] for q in data["quotes"]] == [result.quotes[n].text for n in wanted]
        assert "".join(s["text"] for line in data["paragraphs"] for s in line) == data["text"].replace("\n", "")
        assert data["quote_count"] == len(result.quotes)
        assert len(data["speakers"]) == 100 < data["speaker_count"] and len(data["people"]) == 100

        elapsed, page = _timed(client, f"/articles/big?part={number}")
        assert elapsed < BOUND, (number, elapsed)
        assert f"part {number} of {count}" in page.text
        pieces = [n for n in wanted if any(s < part["end"] and e > part["start"]
                                           for s, e in result.quotes[n].parts or [(result.quotes[n].start,
                                                                                   result.quotes[n].end)])]
        assert re.findall(r'<mark class="q [^"]*"[^>]* id="q(\d+)"', page.text) == [str(n) for n in pieces]


def test_consecutive_parts_meet(big, client):
    _, article, _ = big
    middle = client.get("/articles/big.json?part=200").json()["part"]
    after = client.get("/articles/big.json?part=201").json()["part"]
    assert middle["end"] == after["start"] and article.text[middle["end"] - 1].isspace()


def test_a_search_result_opens_the_part_holding_its_quotation(big, client):
    _, _, result = big
    n = len(result.quotes) * 2 // 3
    q = result.quotes[n]
    elapsed, response = _timed(client, f"/articles/big?at={q.start}")
    assert elapsed < BOUND
    assert f'id="q{n}"' in response.text
    hit = client.get("/search", params={"speaker": q.speaker_name or "", "page": 3})
    link = re.search(r'href="(/articles/big\?at=(\d+)#q(\d+))"', hit.text)
    assert link is not None
    assert f'id="q{link.group(3)}"' in client.get(link.group(1)).text


@pytest.mark.parametrize(("asked", "shown"), [("0", 1), ("banana", 1), ("", 1), ("-4", 1), ("100000", 401)])
def test_a_part_number_out_of_range_shows_the_nearest_part(client, asked, shown):
    assert client.get(f"/articles/big.json?part={asked}").json()["part"]["number"] == shown


def test_the_page_links_its_neighbours_and_its_twin(client):
    page = client.get("/articles/big?part=2").text
    assert 'href="/articles/big?part=1" rel="prev"' in page and 'href="/articles/big?part=3" rel="next"' in page
    assert 'href="/articles/big.json?part=2"' in page and 'href="/articles/big?part=401">last' in page
    assert "The 100 most quoted of" in page
    first, last = client.get("/articles/big").text, client.get("/articles/big?part=401").text
    assert 'rel="prev"' not in first and 'rel="next"' not in last


def test_a_short_article_beside_it_shows_no_parts(client):
    page = client.get("/articles/short")
    assert page.status_code == 200 and "part 1 of" not in page.text and 'class="pager parts"' not in page.text
    assert client.get("/articles/short.json").json()["part"] == {"number": 1, "count": 1, "start": 0, "end": 36,
                                                                  "length": 36}
