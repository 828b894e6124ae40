"""The web app in a real browser (Debian's chromium through Playwright), as a reader uses it."""

from __future__ import annotations

import json
import re
from urllib.parse import quote

import pytest

SEED_ID_SOURCE = "wellington-occupation.txt"
WIDTHS = {"desktop": 1280, "phone": 390}


def _norm(text: str | None) -> str:
    return " ".join((text or "").lower().replace("\u2019", "'").split())


def speaker_matches(spec: dict, name: str | None) -> bool:
    """The reference gold's speaker test (../shared/seed/score.py): a listed name, or words it must contain."""
    found = _norm(name)
    if not found:
        return False
    if "names" in spec:
        return found in {_norm(x) for x in spec["names"]}
    return any(k in found for k in spec["contains_any"]) and not any(k in found for k in spec.get("not_contains", []))


def _article_id(server: str, page, source: str) -> str:
    for row in page.request.get(f"{server}/index.json").json()["recent"]:
        article = page.request.get(f"{server}/articles/{quote(row['id'], safe='')}.json").json()
        if article["heading"] == source or article["article"]["id"] == source:
            return row["id"]
    raise AssertionError(f"no article read from {source}")


def _marks(page) -> list[dict]:
    return page.eval_on_selector_all(
        "mark.q[id]",
        "els => els.map(e => ({n: +e.dataset.quote, speaker: e.dataset.speaker, start: +e.dataset.start,"
        " end: +e.dataset.end, type: e.dataset.type, id: e.id}))",
    )


@pytest.mark.pipeline
def test_reference_article_highlights_each_quotation_with_its_speaker(server, page, output, seed):
    if not (seed / SEED_ID_SOURCE).is_file():
        pytest.skip("../shared/seed is not beside the checkout")
    gold = json.loads((seed / "wellington-occupation.gold.json").read_text(encoding="utf-8"))
    article_id = _article_id(server, page, SEED_ID_SOURCE)
    page.goto(f"{server}/articles/{quote(article_id, safe='')}")
    marks = _marks(page)
    assert len(marks) >= len([g for g in gold["quotes"] if g["required"]])
    for g in (g for g in gold["quotes"] if g["required"]):
        wanted = set(range(g["start"], g["end"]))
        best = max(marks, key=lambda m: len(wanted & set(range(m["start"], m["end"]))))
        assert len(wanted & set(range(best["start"], best["end"]))) >= 0.5 * len(wanted), g["text"][:60]
        assert speaker_matches(g["speaker"], best["speaker"]), (g["text"][:60], best["speaker"])
    # Told apart by more than colour: a type tag with a letter on each quotation, and a line style per type.
    first = page.locator("mark.q[id] > .tag").first
    assert re.fullmatch(r"[DIM]\d+|[DIM]\?", first.inner_text())
    styles = {t: page.locator(f"mark.q.t-{t}").first.evaluate("e => getComputedStyle(e).borderBottomStyle")
              for t in ("direct", "indirect", "mixed") if page.locator(f"mark.q.t-{t}").count()}
    assert len(set(styles.values())) == len(styles) >= 2
    page.screenshot(path=str(output / "article-1280.png"))


@pytest.mark.pipeline
def test_details_show_on_keyboard_focus_and_on_hover(server, page):
    page.goto(f"{server}/articles/herald-1")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip"
    first = page.locator("mark.q[id]").first
    tip = first.locator(".tip")
    assert not tip.is_visible()
    for _ in range(40):  # Tab through the page until the first quotation has the focus
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('mark.q')"):
            break
    assert page.evaluate("document.activeElement.id") == first.get_attribute("id")
    assert tip.is_visible() and "Ana Ruiz" in tip.inner_text() and "confidence" in tip.inner_text()
    page.mouse.move(0, 0)
    page.locator("h1").click()
    assert not tip.is_visible()
    first.hover()
    assert tip.is_visible()


@pytest.mark.pipeline
def test_following_a_speaker_link_opens_their_page(server, page):
    page.goto(f"{server}/articles/herald-1")
    page.locator("aside .speakers a", has_text="Ana Ruiz").click()
    page.wait_for_url(re.compile(r"/speakers/\d+$"))  # the identity's page
    assert page.locator("h1").inner_text() == "Ana Ruiz"
    assert "Mayor" in page.locator("main").inner_text()
    assert page.locator("svg.chart").count() == 1
    # Each quotation links back to its article, to the quotation itself.
    link = page.locator("ol.results a[href*='/articles/']").first
    href = link.get_attribute("href")
    link.click()
    page.wait_for_load_state()
    fragment = href.split("#", 1)[1]
    assert page.locator(f"mark#{fragment}").count() == 1


@pytest.mark.pipeline
def test_faceted_search_narrows_and_counts(server, page):
    page.goto(f"{server}/search")
    page.fill("#q", "said OR council OR port")
    page.locator("form.search-form button").click()
    page.wait_for_url(re.compile(r"q="))
    before = int(page.locator(".search-results .lead").inner_text().split()[0].replace(",", ""))
    facet = page.locator("[data-facet='kind'] li").filter(has_text="person").first
    count = int(facet.locator(".count").inner_text())
    facet.locator("a").click()
    page.wait_for_url(re.compile(r"kind=person"))
    after = int(page.locator(".search-results .lead").inner_text().split()[0].replace(",", ""))
    assert after == count <= before
    assert page.locator(".chip", has_text="kind: person").count() == 1
    data = page.request.get(page.url.replace("/search?", "/search.json?")).json()
    assert data["total"] == after and all(r["speaker_kind"] == "person" for r in data["results"])
    page.locator(".chip", has_text="kind: person").click()
    page.wait_for_url(lambda url: "kind=" not in url)


@pytest.mark.pipeline
@pytest.mark.parametrize("sized_page", WIDTHS.values(), ids=WIDTHS.keys(), indirect=True)
def test_dashboard_has_charts_numbers_and_a_csv(server, sized_page, output):
    page, width = sized_page, sized_page.viewport_size["width"]
    page.goto(f"{server}/dashboard")
    assert page.locator("svg.chart").count() == 5
    assert page.locator("#chart-gender table").inner_text().count("unknown") >= 1
    csv = page.request.get(f"{server}/dashboard.csv")
    assert csv.ok and csv.text().startswith("dimension,value,statements,appearances,share,speakers")
    assert page.evaluate("document.documentElement.scrollWidth") <= width + 1
    page.screenshot(path=str(output / f"dashboard-{width}.png"), full_page=True)


@pytest.mark.pipeline
@pytest.mark.parametrize("sized_page", WIDTHS.values(), ids=WIDTHS.keys(), indirect=True)
def test_article_page_fits_the_screen(server, sized_page, output):
    page, width = sized_page, sized_page.viewport_size["width"]
    page.goto(f"{server}/articles/herald-1")
    assert page.evaluate("document.documentElement.scrollWidth") <= width + 1
    text_box = page.locator(".article-text").bounding_box()
    side_box = page.locator("aside.side").bounding_box()
    if width < 760:
        assert side_box["y"] >= text_box["y"] + text_box["height"] - 1  # the people list goes below the text
    else:
        assert side_box["x"] >= text_box["x"] + text_box["width"]
    page.screenshot(path=str(output / f"article-herald-{width}.png"), full_page=True)


@pytest.mark.pipeline
def test_hostile_article_renders_as_text(server, page):
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    article_id = _article_id(server, page, "hostile.txt")
    page.goto(f"{server}/articles/{quote(article_id, safe='')}")
    text = page.locator(".article-text").inner_text()
    assert "<script>alert('owned')</script>" in text and "onerror" in text and "<b>anyone</b>" in text
    assert page.evaluate("document.scripts.length") == 0
    assert page.locator(".article-text img, .article-text b").count() == 0
    page.goto(f"{server}/articles/times-1")  # a stored javascript: URL is not a link
    assert page.locator("a.source-link").count() == 0
    assert dialogs == []


@pytest.mark.pipeline
def test_a_search_by_keyboard_alone(server, page):
    page.goto(server)
    for _ in range(12):  # skip link, the navigation, then the search box
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "q-top":
            break
    assert page.evaluate("document.activeElement.id") == "q-top"
    page.keyboard.type("port")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/search\?q=port"))
    link = page.locator("ol.results a[href*='/articles/']").first
    link.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/articles/.+#q\d+$"))
    target = page.url.split("#", 1)[1]
    assert page.evaluate("document.querySelector(':target').id") == target


@pytest.mark.parametrize("sized_page", WIDTHS.values(), ids=WIDTHS.keys(), indirect=True)
def test_a_long_article_is_read_part_by_part(big_server, sized_page, output):
    page, width = sized_page, sized_page.viewport_size["width"]
    page.goto(f"{big_server}/articles/big")
    top = page.locator("nav.parts").first
    count = page.request.get(f"{big_server}/articles/big.json").json()["part"]["count"]
    assert f"part 1 of {count}" in top.inner_text() and top.locator("a[rel=prev]").count() == 0
    assert page.locator("mark.q[id]").count() > 200
    assert page.evaluate("document.documentElement.scrollWidth") <= width + 1
    page.screenshot(path=str(output / f"article-part-{width}.png"))
    ended = page.request.get(f"{big_server}/articles/big.json").json()["part"]["end"]
    top.locator("a[rel=next]").click()
    page.wait_for_url(re.compile(r"/articles/big\?part=2$"))
    assert f"part 2 of {count}" in page.locator("nav.parts").first.inner_text()
    assert page.request.get(f"{big_server}/articles/big.json?part=2").json()["part"]["start"] == ended
    page.locator("nav.parts").last.locator("a", has_text="last").click()  # the links at the end of the text
    page.wait_for_url(re.compile(rf"\?part={count}$"))
    assert page.locator("nav.parts a[rel=next]").count() == 0
    page.fill("#part-top", "200")  # the form: a part by its number, sent with Enter
    page.press("#part-top", "Enter")
    page.wait_for_url(re.compile(r"\?part=200$"))
    assert "part 200 of" in page.locator("nav.parts").first.inner_text()
    link = page.locator(".quote-list li a[href^='#q']").nth(5)  # the list under the text points into this part
    fragment = link.get_attribute("href")
    link.click()
    assert page.evaluate("document.querySelector(':target').id") == fragment[1:]
    page.locator("nav.parts").first.locator("a[rel=prev]").click()
    page.wait_for_url(re.compile(r"\?part=199$"))


WIRE = ("herald-2023-04-18-ferry-strike", "courier-2023-04-18-ferry-strike", "daily-2023-04-19-ferry-strike")


@pytest.mark.pipeline
def test_an_identity_page_from_an_article(archive_server, page, output):
    page.goto(f"{archive_server}/articles/herald-2023-03-02-ferry")
    page.locator("aside .speakers a", has_text="Ana Ruiz").click()
    page.wait_for_url(re.compile(r"/speakers/\d+$"))
    assert page.locator("h1").inner_text() == "Ana Ruiz"
    lead = page.locator(".lead").inner_text()
    assert "female (evidence)" in lead and "statements" in lead
    roles = page.locator("table.roles tbody tr")
    assert [roles.nth(k).locator("td").first.inner_text() for k in range(roles.count())] == ["Councillor", "Mayor"]
    assert page.locator("ul.aliases li", has_text="Councillor Ana Ruiz").count() == 1
    evidence = page.locator("table.evidence tbody")
    assert evidence.locator("tr", has_text="pronoun-female").count() >= 1
    statements = page.locator("ol.results > li").count()
    assert statements > 0 and page.locator("svg.chart").count() == 1
    page.screenshot(path=str(output / "speaker-identity-1280.png"), full_page=True)
    page.locator(".counting a", has_text="every quotation").click()
    page.wait_for_url(re.compile(r"\?count=appearances$"))
    assert page.locator("ol.results > li").count() > statements  # the dredging story stored twice
    # An evidence row's article link opens that article.
    link = page.locator("table.evidence a").first
    href = link.get_attribute("href")
    link.click()
    page.wait_for_url(re.compile(re.escape(href) + "$"))
    assert page.locator("aside .speakers a", has_text="Ruiz").count() >= 1


@pytest.mark.pipeline
def test_a_statement_page_from_a_quotation_also_in_other_articles(archive_server, page, output):
    page.goto(f"{archive_server}/articles/{WIRE[0]}")
    page.locator(".quote-list a.also-in", has_text="also in 2 articles").first.click()
    page.wait_for_url(re.compile(r"/statements/.+"))
    assert page.locator("h1").inner_text() == "One statement, 3 appearances"
    items = page.locator("ol.appearances > li")
    assert items.count() == 3
    outlets = {items.nth(k).locator(".outlet").inner_text() for k in range(3)}
    assert outlets == {"Harbour Herald", "Coast Courier", "Capital Daily"}
    page.screenshot(path=str(output / "statement-1280.png"), full_page=True)
    items.nth(2).locator("a[href*='/articles/']").click()  # each appearance opens its article at the quotation
    page.wait_for_url(re.compile(r"/articles/.+#q\d+$"))
    target = page.url.split("#", 1)[1]
    assert page.evaluate("document.querySelector(':target').id") == target


@pytest.mark.pipeline
def test_an_article_says_who_else_published_it(archive_server, page):
    page.goto(f"{archive_server}/articles/{WIRE[1]}")
    published = page.locator("p.also-published")
    assert published.inner_text().startswith("Also published by")
    assert {published.locator("a").nth(k).inner_text() for k in range(published.locator("a").count())} == {
        "Harbour Herald", "Capital Daily"}
    published.locator("a", has_text="Capital Daily").click()
    page.wait_for_url(re.compile(re.escape(WIRE[2]) + "$"))
    back = page.locator("p.also-published")
    assert back.locator("a", has_text="Coast Courier").count() == 1 and back.locator("a").count() == 2
    page.goto(f"{archive_server}/articles/courier-2023-03-10-catch")  # a story published once says nothing
    assert page.locator("p.also-published").count() == 0


@pytest.mark.pipeline
def test_the_possible_same_person_list_leads_to_both_speakers_and_the_command_to_merge(archive_server, page, output):
    page.goto(archive_server)
    page.locator("nav a", has_text="Possible same person").click()
    page.wait_for_url(re.compile(r"/possible-same$"))
    rows = page.locator("table.possible-same tbody tr")
    assert rows.count() == 3  # father and son, Chris and Christine Lund, "Okafor" and Helen Okafor
    okafor = rows.filter(has_text="Okafor")
    assert okafor.locator("td").nth(4).inner_text() == "surname alone"
    merge = okafor.locator("code").first.inner_text()
    assert re.fullmatch(r"quotewise speakers merge \d+ \d+", merge)
    page.screenshot(path=str(output / "possible-same-1280.png"), full_page=True)
    okafor.locator("a", has_text="Helen Okafor").click()
    page.wait_for_url(re.compile(r"/speakers/\d+$"))
    assert page.locator("h1").inner_text() == "Helen Okafor"
    doubted = page.locator("ul.possible-same li")
    assert doubted.count() == 1 and merge in doubted.inner_text()
    doubted.locator("a", has_text="Okafor").click()  # and on to the other one, which lists her back
    page.wait_for_url(re.compile(r"/speakers/\d+$"))
    assert page.locator("h1").inner_text() == "Okafor"
    assert page.locator("ul.possible-same li a", has_text="Helen Okafor").count() == 1
