"""The pages of identities, statements and wire copies over HTTP, on the invented archive (tests/corpus/archive):
what they count and link to, and their JSON twins."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient

from quotewise.corpus import queries
from quotewise.corpus.store import Settings, Store
from quotewise.io.archives import text_hash
from quotewise.records import Article, ArticleResult, Quote
from quotewise.web.app import create_app

KEY = json.loads((Path(__file__).parents[1] / "corpus" / "archive" / "key.json").read_text(encoding="utf-8"))
STRIKE = next(group for group in KEY["wire_groups"] if len(group) == 3 and "ferry-strike" in group[0])
WALKOUT = '"walk off the job"'


@pytest.fixture(scope="module")
def client(archive_file) -> TestClient:
    return TestClient(create_app(str(archive_file)))


def _ruiz(client: TestClient) -> int:
    return next(s["speaker_id"] for s in client.get("/index.json").json()["top_speakers"] if s["speaker"] == "Ana Ruiz")


def test_the_start_page_counts_statements_and_people_and_links_identities(client):
    home = client.get("/index.json").json()
    every = client.get("/index.json?count=appearances").json()
    assert home["statements"] < home["appearances"] == every["appearances"]
    assert [s["statements"] for s in home["top_speakers"]] == sorted(
        (s["statements"] for s in home["top_speakers"]), reverse=True)
    assert [s["appearances"] for s in every["top_speakers"]] == sorted(
        (s["appearances"] for s in every["top_speakers"]), reverse=True)
    page = client.get("/").text
    assert f'href="/speakers/{_ruiz(client)}">Ana Ruiz</a>' in page


def test_an_identity_page_gathers_names_roles_outlets_gender_evidence_and_statements(client):
    ruiz = _ruiz(client)
    data = client.get(f"/speakers/{ruiz}.json").json()
    assert (data["name"], data["kind"], data["gender"], data["gender_source"]) == ("Ana Ruiz", "person", "female",
                                                                                  "evidence")
    assert data["articles"] == len(KEY["people"]["ana-ruiz"]["quoted_in"])
    assert data["statements"] < data["appearances"]  # the dredging story was stored twice
    assert {"Ana Ruiz", "Mayor Ana Ruiz", "Councillor Ana Ruiz"} <= {a["name"] for a in data["aliases"]}
    assert [(r["title"], r["org"]) for r in data["roles"]] == [("Councillor", None), ("Mayor", None)]
    assert {e["article_id"] for e in data["evidence"]} >= set(KEY["people"]["ana-ruiz"]["quoted_in"]) - {
        "courier-2023-07-14-dredging-record", "courier-2023-07-14-dredging"}
    assert any(e["gender"] == "female" and e["gender_source"] == "evidence" for e in data["evidence"])
    assert len(data["results"]) == min(20, data["statements"]) and all(r["speaker_id"] == ruiz for r in data["results"])
    every = client.get(f"/speakers/{ruiz}.json?count=appearances").json()
    assert sum(t["count"] for t in every["timeline"]) == every["appearances"] == data["appearances"]
    page = client.get(f"/speakers/{ruiz}").text
    assert "<h1>Ana Ruiz</h1>" in page and "Councillor Ana Ruiz" in page and "pronoun-female" in page
    assert f'href="/speakers/{ruiz}.json"' in page
    assert client.get("/speakers/999999.json").status_code == 404


def test_an_old_speaker_link_goes_to_the_identity(client):
    ruiz = _ruiz(client)
    moved = client.get("/speakers/Ana%20Ruiz?count=appearances", follow_redirects=False)
    assert moved.status_code == 307 and moved.headers["location"] == f"/speakers/{ruiz}?count=appearances"
    assert client.get("/speakers/Ana%20Ruiz.json").json()["speaker_id"] == ruiz
    assert client.get("/speakers/Nobody%20Here").status_code == 404


def test_a_name_of_several_identities_lists_them(tmp_path):
    settings = Settings("0.1.0", "en_core_web_sm", "3.8.0", "learned", "quotes")
    store = Store.open(str(tmp_path / "groups.db"))
    run = store.begin_run(settings, "test", "abc")
    written = []
    for k, words in enumerate(('"The pier is unsafe,"', '"The tide gauge failed,"')):
        text = f"{words} harbour officials said."
        said = Quote(words, 0, len(words), "direct", speaker_name="harbour officials", speaker_kind="group")
        article = Article(f"pier-{k}", text, "pier.jsonl", k + 1, outlet="Gull Point Weekly", date=f"2025-02-0{k + 1}")
        written.append((article, text_hash(text), ArticleResult((said,), ())))
    store.write(run, settings.key, written, [])
    store.close()
    client = TestClient(create_app(str(tmp_path / "groups.db")))
    listed = client.get("/speakers/harbour%20officials.json").json()["speakers"]
    assert len(listed) == 2 and len({s["speaker_id"] for s in listed}) == 2  # a group is its article's own
    page = client.get("/speakers/harbour%20officials").text
    assert all(f'href="/speakers/{s["speaker_id"]}"' in page for s in listed)


def test_search_gives_one_hit_per_statement_and_every_quotation_on_request(client):
    found = client.get(f"/search.json?q={quote(WALKOUT)}").json()
    assert found["total"] == 1 and found["count"] == "statements"
    hit = found["results"][0]
    assert (hit["appearances"], hit["also_articles"]) == (3, 2)
    every = client.get(f"/search.json?q={quote(WALKOUT)}&count=appearances").json()
    assert every["total"] == 3 and sorted(r["article_id"] for r in every["results"]) == sorted(STRIKE)
    page = client.get(f"/search?q={quote(WALKOUT)}").text
    link = f'href="/statements/{quote(hit["statement_id"], safe="")}" class="also-in">also in 2 articles</a>'
    assert link in page
    assert "count=appearances" in page  # the switch to every quotation
    assert client.get("/search?count=words").status_code == 400


def test_a_statement_page_lists_every_appearance(client):
    hit = client.get(f"/search.json?q={quote(WALKOUT)}").json()["results"][0]
    url = "/statements/" + quote(hit["statement_id"], safe="")
    data = client.get(url + ".json").json()
    assert (data["appearances"], data["articles"]) == (3, 3) and len(data["outlets"]) == 3
    assert sorted(r["article_id"] for r in data["rows"]) == sorted(STRIKE)
    assert all("walk off the job" in r["text"] for r in data["rows"])
    page = client.get(url).text
    for row in data["rows"]:
        assert f'href="/articles/{row["article_id"]}?at={row["start"]}#q{row["n"]}"' in page
    assert f'href="{url}.json"' in page
    assert client.get("/statements/nothing%230").status_code == 404


def test_an_article_names_its_other_outlets_and_its_quotations_other_articles(client):
    first, *others = STRIKE
    data = client.get(f"/articles/{first}.json").json()
    assert {a["id"] for a in data["also_published"]} == set(others) and data["also_published_count"] == 2
    shared = [q for q in data["quotes"] if q["also_articles"]]
    assert {q["also_articles"] for q in shared} <= {1, 2} and any(q["also_articles"] == 2 for q in shared)
    page = client.get(f"/articles/{first}").text
    published = re.search(r'<p class="also-published">(.*?)</p>', page, re.S)
    assert published and all(f'href="/articles/{a}"' in published.group(1) for a in others)
    assert len(re.findall(r'class="also-in">also in [12] articles?</a>', page)) == len(shared)
    alone = client.get("/articles/courier-2023-03-10-catch.json").json()
    assert alone["also_published"] == [] and not any(q["also_articles"] for q in alone["quotes"])


def test_the_dashboard_counts_statements_or_quotations(client):
    counted = client.get("/dashboard.json").json()
    every = client.get("/dashboard.json?count=appearances").json()
    assert counted["count"] == "statements" and every["count"] == "appearances"
    assert counted["total"] == client.get("/index.json").json()["statements"]
    assert every["total"] == client.get("/index.json").json()["appearances"]
    gender = {r["label"]: r for r in counted["charts"]["gender"]["rows"]}
    assert gender["female (evidence)"]["speakers"] == sum(
        1 for p in KEY["people"].values() if p["gender"] == "female")
    assert sum(r["share"] for r in counted["charts"]["gender"]["rows"]) == pytest.approx(1.0)
    csv_text = client.get("/dashboard.csv?count=appearances").text
    assert csv_text.splitlines()[0] == "dimension,value,statements,appearances,share,speakers"
    assert 'option value="appearances" selected' in client.get("/dashboard?count=appearances").text
    assert queries.COUNTS == ("statements", "appearances")


def test_the_possible_same_person_list_and_its_json_twin(client):
    data = client.get("/possible-same.json").json()
    assert data["total"] == len(data["pairs"]) == 3
    assert {frozenset((p["speaker"], p["other"])) for p in data["pairs"]} == {
        frozenset(("Mark Delacroix", "Mark Delacroix Jr.")), frozenset(("Chris Lund", "Christine Lund")),
        frozenset(("Helen Okafor", "Okafor"))}
    page = client.get("/possible-same").text
    assert all(p["merge"] in page and p["distinct"] in page for p in data["pairs"])
    assert 'href="/possible-same.json"' in page
    junior = next(p for p in data["pairs"] if p["other"] == "Mark Delacroix Jr.")
    assert client.get(f"/speakers/{junior['other_id']}.json").json()["possible_same"] == [junior]
    assert client.get("/possible-same.csv").status_code == 404
