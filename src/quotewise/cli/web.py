"""`quotewise serve` (the web app over a store) and `quotewise show` (one article, extracted and opened)."""

from __future__ import annotations

import asyncio
import logging
import signal
import socket
import sys
import tempfile
import threading
import webbrowser
from pathlib import Path
from types import FrameType
from typing import Any

import click

from ..corpus import queries
from ..corpus.store import Store
from ..errors import ConfigError
from ..io.archives import ArchiveReader
from ..pipeline import installed_model
from ..web.app import article_url, create_app
from .corpus import ingest_shown
from .options import config_failure, extract_options, extraction_flags, input_flags, progress_option, read_options

STOP_GRACE = 0.5  # seconds a request in progress may still finish in after SIGTERM or Ctrl-C


def _serve(location: str, host: str, port: int, open_at: str | None) -> None:
    """Serve until SIGTERM or Ctrl-C, then stop within about a second, with status 0 either way.

    A request still being computed after `STOP_GRACE` is abandoned (`web.workers` says why that is safe, and what
    kept the process alive before). uvicorn, done, sends the signal it caught again to the handler it found:
    here one that ends the server as Ctrl-C does, rather than SIGTERM's default action, death by the signal.
    """
    import uvicorn

    try:
        app = create_app(location)
    except ConfigError as err:
        raise click.ClickException(str(err)) from None
    url = f"http://{host}:{port}"
    click.echo(f"Serving {app.state.store.location} at {url}/ (read-only; Ctrl-C to stop)", err=True)
    if open_at is not None:
        opener = threading.Timer(1.0, webbrowser.open, args=(url + open_at,))
        opener.daemon = True
        opener.start()
    config = uvicorn.Config(app, host=host, port=port, log_level="warning", timeout_graceful_shutdown=STOP_GRACE)
    logging.getLogger("uvicorn.error").addFilter(_not_abandoned)
    previous = signal.signal(signal.SIGTERM, _interrupt)
    try:
        uvicorn.Server(config).run()
    except KeyboardInterrupt:  # how the server ends, once stopped, whichever signal stopped it
        pass
    except SystemExit as exc:  # uvicorn exits when it can't bind the port
        raise click.ClickException(f"cannot serve on {host}:{port} (is the port in use? pass --port)") from exc
    finally:
        signal.signal(signal.SIGTERM, previous)


def _interrupt(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt


def _not_abandoned(record: logging.LogRecord) -> bool:
    """Leaves out the traceback uvicorn logs for each request it cancels when it stops: not an error of the app
    (uvicorn says how many it cancelled)."""
    return not (record.exc_info and isinstance(record.exc_info[1], asyncio.CancelledError))


def _free_port(host: str) -> int:
    with socket.socket() as probe:
        probe.bind((host, 0))
        return int(probe.getsockname()[1])


host_option = click.option("--host", default="127.0.0.1", show_default=True,
                           help="Address to listen on. Only this machine can connect unless you change it.")


@click.command(name="serve")
@click.argument("db", required=False, metavar="[DB]")
@host_option
@click.option("--port", type=click.IntRange(1, 65535), default=8001, show_default=True, help="Port to listen on.")
@click.option("--open", "open_browser", is_flag=True, help="Open the start page in a browser.")
def serve_command(db: str | None, host: str, port: int, open_browser: bool) -> None:
    """Browse a store: articles with their quotations highlighted, speakers, search, the diversity dashboard.

    DB is a SQLite file or a postgresql:// URL (default: $QUOTEWISE_DB, else quotewise.db); it is opened
    read-only.
    """
    _serve(db, host, port, "/" if open_browser else None)


@click.command(name="show")
@click.argument("article_file", metavar="INPUT")
@host_option
@click.option("--port", type=click.IntRange(0, 65535), default=0, help="Port to listen on. Default: a free one.")
@click.option("--no-open", is_flag=True, help="Print the page's address instead of opening a browser.")
@extraction_flags
@input_flags
@progress_option
def show_command(article_file: str, host: str, port: int, no_open: bool, progress: bool | None,
                 **params: Any) -> None:
    """Extract INPUT (what `extract` and `ingest` read) into a temporary store and open its first article's page."""
    options = extract_options(params)
    with tempfile.TemporaryDirectory(prefix="quotewise-show-") as folder:
        location = str(Path(folder) / "show.db")
        try:
            installed_model(options.model)
            reader = ArchiveReader([article_file], read_options(params))
            store = Store.open(location)
        except ConfigError as err:
            raise config_failure(err) from None
        ingest_shown(reader, store, options, workers=0, shown=sys.stderr.isatty() if progress is None else progress)
        first = queries.first_article(store)
        store.close()
        if first is None:
            raise click.ClickException(f"{article_file}: no article to show (the error above says why)")

        port = port or _free_port(host)
        target = article_url(first)
        if no_open:
            click.echo(f"http://{host}:{port}{target}")
        _serve(location, host, port, None if no_open else target)


COMMANDS = (serve_command, show_command)
