"""The web app: server-rendered pages over a store opened read-only, each page with a JSON twin.

FastAPI and Jinja rather than a Datasette plugin: Datasette reads SQLite only, and a store may be PostgreSQL;
here every page is built from the same `corpus.queries` the command line uses (docs/web.md says more).
Pages are computed in `workers`' daemon threads, so stopping the server never waits for one.
No page needs JavaScript; none is served. Every route is a GET; text from articles is escaped by Jinja's
autoescaping, and a Content-Security-Policy forbids scripts outright, so a hostile page stays text.
"""

from __future__ import annotations

import csv
import io
import re
from collections import OrderedDict
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import HTMLResponse, JSONResponse, PlainTextResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException as StarletteHTTPException

from .. import __version__
from ..corpus import queries
from ..corpus.store import Store
from ..errors import ConfigError
from . import views
from .workers import Workers

HERE = Path(__file__).parent
WORKERS = 8  # pages computed at once, within the database pool's 15 connections; more wait their turn
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
                               "base-uri 'none'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}


def article_url(article_id: str) -> str:
    return "/articles/" + quote(article_id, safe="")


def speaker_url(speaker_id: int | None, name: str | None = None) -> str:
    """An identity's page; a name's (which finds its identity) for a quotation that has none."""
    return "/speakers/" + quote(str(speaker_id if speaker_id is not None else name), safe="")


def statement_url(statement_id: str) -> str:
    return "/statements/" + quote(statement_id, safe="")


def web_url(url: str | None) -> str | None:
    """A link only to the web: a stored URL of another scheme (javascript:, data:) is shown as text."""
    return url if url and url.lower().startswith(("http://", "https://")) else None


class Answers:
    """Page data already computed for the store as it is now.

    The app never writes, so the store changes only when an ingest writes to it; the token every write changes
    (`Store.state`, one row read) tells, and empties the cache.
    """

    def __init__(self, store: Store, size: int = 256) -> None:
        self.store = store
        self.size = size
        self.state: Any = None
        self.entries: OrderedDict[Any, Any] = OrderedDict()

    def get(self, key: Any, compute: Any) -> Any:
        state = self.store.state()
        if state != self.state:
            self.entries.clear()
            self.state = state
        if key in self.entries:
            self.entries.move_to_end(key)
            return self.entries[key]
        value = self.entries[key] = compute()
        if len(self.entries) > self.size:
            self.entries.popitem(last=False)
        return value


def create_app(location: str | None) -> FastAPI:
    store = Store.open(location, read_only=True)
    answers = Answers(store)
    workers = Workers(WORKERS)
    app = FastAPI(title="quotewise", version=__version__, docs_url=None, redoc_url=None, openapi_url=None)
    app.state.store = store
    app.state.answers = answers
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    templates = Jinja2Templates(directory=HERE / "templates")
    templates.env.globals.update(article_url=article_url, speaker_url=speaker_url, statement_url=statement_url,
                                 version=__version__, store=store.location)
    templates.env.filters["percent"] = lambda x: f"{100 * (x or 0):.1f}%"
    templates.env.filters["web_url"] = web_url
    templates.env.tests["match_wikidata"] = lambda value: bool(re.fullmatch(r"Q[1-9]\d*", str(value)))

    @app.middleware("http")
    async def headers(request: Request, call_next: Any) -> Response:
        response: Response = await call_next(request)
        response.headers.update(SECURITY_HEADERS)
        return response

    def page(request: Request, name: str, data: dict[str, Any], status: int = 200) -> HTMLResponse:
        return templates.TemplateResponse(request, name, {"data": data, "request": request}, status_code=status)

    @app.exception_handler(StarletteHTTPException)
    async def not_found(request: Request, exc: StarletteHTTPException) -> Response:
        if request.url.path.endswith(".json"):
            return JSONResponse({"error": exc.detail}, status_code=exc.status_code)
        return page(request, "error.html", {"status": exc.status_code, "message": exc.detail}, exc.status_code)

    def _home(request: Request) -> dict[str, Any]:
        count = _count(request)
        return answers.get(("home", count), lambda: views.home(store, count))

    @app.get("/", response_class=HTMLResponse)
    @workers.route
    def index(request: Request) -> Response:
        return page(request, "home.html", _home(request))

    @app.get("/index.json")
    @workers.route
    def index_json(request: Request) -> Response:
        return JSONResponse(_home(request))

    @app.get("/articles/{article_id:path}")
    @workers.route
    def article(request: Request, article_id: str) -> Response:
        part, at = _number(request, "part"), _number(request, "at")

        def find(key: str) -> dict[str, Any] | None:
            summary = answers.get(("article", key), lambda: views.article_summary(store, key))
            return None if summary is None else views.article(store, key, part or 1, at=at, summary=summary)

        as_json, data = _twin(article_id, find)
        if data is None:
            raise HTTPException(404, f"no article {article_id!r} in this store")
        return JSONResponse(data) if as_json else page(request, "article.html", data)

    @app.get("/speakers/{key:path}")
    @workers.route
    def speaker(request: Request, key: str) -> Response:
        """An identity's page by its id; a speaker name (the links of earlier versions) goes to its identity,
        or lists them when several identities were quoted under it."""
        number, count = _page(request), _count(request)

        def find(wanted: str) -> dict[str, Any] | None:
            if wanted.isdigit():
                found = answers.get(("speaker", int(wanted), number, count),
                                    lambda: views.speaker(store, int(wanted), number, count))
                if found is not None:
                    return {"template": "speaker.html", **found}
                now = store.current(int(wanted))  # an id a merge correction retired: its survivor
                if now is not None and now.id != int(wanted):
                    return {"template": "speakers.html", "speakers": [{"speaker_id": now.id}]}
            named = views.speakers_named(store, wanted)
            return {"template": "speakers.html", **named} if named["speakers"] else None

        as_json, data = _twin(key, find)
        if data is None:
            raise HTTPException(404, f"no speaker {key!r} in this store")
        template = data.pop("template")
        if template == "speakers.html" and len(data["speakers"]) == 1:
            query = f"?{request.url.query}" if request.url.query else ""
            target = speaker_url(data["speakers"][0]["speaker_id"]) + (".json" if as_json else "") + query
            return RedirectResponse(target, status_code=307)
        return JSONResponse(data) if as_json else page(request, template, data)

    @app.get("/possible-same{suffix:path}")
    @workers.route
    def possible_same(request: Request, suffix: str) -> Response:
        """The speakers that could be one person, kept apart until a researcher merges them or parts them."""
        if suffix not in ("", ".json"):
            raise HTTPException(404, f"no page /possible-same{suffix}")
        number = _page(request)
        data = answers.get(("possible-same", number), lambda: views.possible_same(store, number))
        return JSONResponse(data) if suffix else page(request, "possible_same.html", data)

    @app.get("/statements/{statement_id:path}")
    @workers.route
    def statement(request: Request, statement_id: str) -> Response:
        as_json, data = _twin(statement_id, lambda key: answers.get(("statement", key),
                                                                    lambda: views.statement(store, key)))
        if data is None:
            raise HTTPException(404, f"no statement {statement_id!r} in this store")
        return JSONResponse(data) if as_json else page(request, "statement.html", data)

    def _search(request: Request) -> dict[str, Any]:
        params = request.query_params
        filters, count = _filters(params), _count(request)
        text = params.get("q") or None
        try:
            data = answers.get(("search", text, filters, _page(request), count),
                               lambda: views.search(store, text, filters, _page(request), count))
        except ConfigError as err:  # a query the syntax can't take: said on the page, with its fix; nothing found
            data = {"q": params.get("q"), "filters": {}, "count": count, "total": 0, "page": 1, "pages": 1,
                    "results": [], "facets": {name: [] for name in queries.FACETS}, "error": err.message}
        return {**data, "links": _links(params, data)}

    @app.get("/search", response_class=HTMLResponse)
    @workers.route
    def search(request: Request) -> Response:
        return page(request, "search.html", _search(request))

    @app.get("/search.json")
    @workers.route
    def search_json(request: Request) -> Response:
        return JSONResponse(_search(request))

    def _dashboard(request: Request) -> dict[str, Any]:
        filters, count = _filters(request.query_params), _count(request)
        return answers.get(("dashboard", filters, count), lambda: views.dashboard(store, filters, count))

    @app.get("/dashboard", response_class=HTMLResponse)
    @workers.route
    def dashboard(request: Request) -> Response:
        query = urlencode({k: v for k, v in request.query_params.items() if v})
        return page(request, "dashboard.html", {**_dashboard(request), "query": query})

    @app.get("/dashboard.json")
    @workers.route
    def dashboard_json(request: Request) -> Response:
        return JSONResponse(_dashboard(request))

    @app.get("/dashboard.csv")
    @workers.route
    def dashboard_csv(request: Request) -> Response:
        data = _dashboard(request)
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["dimension", "value", queries.STATEMENTS, queries.APPEARANCES, "share", "speakers"])
        for dim, chart in data["charts"].items():
            for row in chart["rows"]:
                writer.writerow([dim, row["label"], row[queries.STATEMENTS], row[queries.APPEARANCES],
                                 f"{row['share']:.4f}", row["speakers"]])
        headers = {"Content-Disposition": 'attachment; filename="quotewise-dashboard.csv"'}
        return PlainTextResponse(out.getvalue(), media_type="text/csv; charset=utf-8", headers=headers)

    @app.get("/runs", response_class=HTMLResponse)
    @workers.route
    def runs(request: Request) -> Response:
        return page(request, "runs.html", views.runs(store))

    @app.get("/runs.json")
    @workers.route
    def runs_json() -> Response:
        return JSONResponse(views.runs(store))

    return app


def _twin(key: str, find: Any) -> tuple[bool, Any]:
    """(JSON wanted, the data): `X.json` is the JSON twin of `X`, unless something is itself called `X.json`."""
    if key.endswith(".json"):
        data = find(key)
        if data is not None:
            return False, data
        return True, find(key.removesuffix(".json"))
    return False, find(key)


def _page(request: Request) -> int:
    return max(1, _number(request, "page") or 1)


def _number(request: Request, name: str) -> int | None:
    """A whole-number query parameter; None when it is missing or not a number (the page then shows its start)."""
    try:
        return int(request.query_params[name])
    except (KeyError, ValueError):
        return None


def _count(request: Request) -> str:
    """What the page counts (`count=`): statements unless appearances are asked for."""
    count = request.query_params.get("count") or queries.STATEMENTS
    if count not in queries.COUNTS:
        raise HTTPException(400, f"count={count!r}: choose {' or '.join(queries.COUNTS)}")
    return count


def _filters(params: Any) -> queries.Filters:
    values = {k: (params.get(k) or None) for k in ("speaker", "org", "kind", "type", "outlet", "gender")}
    for k in ("since", "until"):
        value = params.get(k) or None
        if value is not None and not _DATE.match(value):
            raise HTTPException(400, f"{k}={value!r} is not a date (YYYY-MM-DD, YYYY-MM or YYYY)")
        values[k] = value
    return queries.Filters(**values)


def _links(params: Any, data: dict[str, Any]) -> dict[str, Any]:
    """URLs for the search page: each facet value added to or removed from the query, and the next pages."""
    current = {k: v for k, v in params.items() if v and k != "page"}

    def url(**change: Any) -> str:
        merged = {**current, **change}
        return "/search?" + urlencode({k: v for k, v in merged.items() if v not in (None, "")})

    facets = {name: [{**v, "url": url(**{name: v["value"]}), "selected": current.get(name) == str(v["value"])}
                     for v in values] for name, values in data["facets"].items()}
    chosen = [{"name": k, "value": v, "remove": url(**{k: None})} for k, v in current.items()
              if k not in ("q", "count")]
    pages = {"previous": url(page=data["page"] - 1) if data["page"] > 1 else None,
             "next": url(page=data["page"] + 1) if data["page"] < data["pages"] else None}
    counts = {c: url(count=None if c == queries.STATEMENTS else c) for c in queries.COUNTS}
    return {"facets": facets, "chosen": chosen, "pages": pages, "counts": counts,
            "json": "/search.json?" + urlencode(current)}
