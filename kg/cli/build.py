"""``kg build`` and ``kg update``: articles, pages and feeds into the store, with a progress
bar, one line per failed input and a summary."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

import kg
from kg.cli.console import err, fail, out, report_error, say
from kg.cli.options import ModelOption, StoreOption
from kg.graph.store import DEFAULT_STORE, StoreError

CacheOption = Annotated[Path | None, typer.Option(
    "--cache", envvar="KG_CACHE", help="Fetch cache and sources file of web pages and feeds "
    "(env KG_CACHE; default: STORE.cache beside the store).")]
DelayOption = Annotated[float, typer.Option(
    "--delay", min=0, help="Seconds between two requests to one web host (robots.txt's "
    "Crawl-delay if longer).")]


def build(
    # not readable=True (typer's default): an unreadable file is one error line, not exit 2;
    # str, not Path: a Path would fold the "//" of a URL
    paths: Annotated[list[str], typer.Argument(
        help="Files and folders of articles, web pages, feeds (RSS, Atom, JSON Feed, "
        "sitemaps), .txt lists of URLs, WARC archives.")],
    store: StoreOption = DEFAULT_STORE,
    date: Annotated[str | None, typer.Option(
        help="Date (YYYY-MM-DD) for articles that carry none.")] = None,
    model: ModelOption = None,
    force: Annotated[bool, typer.Option(help="Rebuild unchanged articles too.")] = False,
    jobs: Annotated[int | None, typer.Option(
        "--jobs", "-j", min=1, help="Processes that parse and read articles (default: as "
        "many as idle processors, none when all are busy; the model is loaded once for "
        "all); the output does not depend on it.")] = None,
    cluster: Annotated[str | None, typer.Option(
        help="Parse and read on a Dask cluster instead: a scheduler address "
        "(tcp://host:8786), or local:N for N worker processes here.")] = None,
    cache: CacheOption = None,
    delay: DelayOption = 1.0,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
    verbose: Annotated[bool, typer.Option(
        "--verbose", "-v", help="Say which articles each store write committed.")] = False,
) -> None:
    """Read articles (.txt .md .html .jsonl .csv .json .warc[.gz], URLs, feeds) and add them
    to the graph."""
    _build(paths, store=store, date=date, model=model, force=force, jobs=jobs,
           cluster=cluster, cache=cache, delay=delay, quiet=quiet, verbose=verbose)


def update(
    store: StoreOption = DEFAULT_STORE,
    model: ModelOption = None,
    jobs: Annotated[int | None, typer.Option(
        "--jobs", "-j", min=1, help="Processes that parse and read articles.")] = None,
    cache: CacheOption = None,
    delay: DelayOption = 1.0,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
) -> None:
    """Read again every web source the store was built from: feeds are fetched anew (new
    items are added), pages come from the fetch cache. For a cron line."""
    from kg.ingest.sources import FILE_NAME, Sources
    from kg.ingest.web import cache_for

    folder = cache if cache is not None else cache_for(store)
    try:
        sources = Sources.load(folder / FILE_NAME)
    except ValueError as error:
        raise fail(str(error)) from None
    if not sources.entries:
        say(out, f"no web sources recorded for {store} (in {folder / FILE_NAME}): "
                 "build a URL or a feed first")
        return
    _build(sorted(sources.entries), store=store, model=model, jobs=jobs, cache=folder,
           delay=delay, quiet=quiet, refresh=True)


def _build(paths: list[str], *, store: str, date: str | None = None, model: str | None,
           force: bool = False, jobs: int | None, cluster: str | None = None,
           cache: Path | None, delay: float, quiet: bool, verbose: bool = False,
           refresh: bool = False) -> None:
    """The build of ``kg build`` and ``kg update``: progress, error lines, summary, exit code."""
    from kg import workers

    if cluster is None and jobs != 1 and workers.automatic_workers() > 0:
        workers.start(model)  # first: the model loads in the workers' server meanwhile
    # Imported here: the readers take a while to import, other commands need none of it.
    from kg.ingest.meta import parse_date
    from kg.ingest.web import Web
    from kg.nlp import ModelError
    from kg.pipeline import WorkerError

    if cluster is not None and jobs is not None:
        raise fail("--cluster and --jobs exclude each other: the cluster's workers do the "
                   "parsing")
    if date is not None:
        try:
            date = parse_date(date)
        except ValueError as error:
            raise fail(f"--date: {error}") from None
    try:
        target = kg.open_store(store)
        web = Web.beside(target, cache, delay=delay)
    except (StoreError, ValueError) as error:
        raise fail(str(error)) from None
    web.refresh = refresh
    progress = Progress(
        TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(),
        TimeElapsedColumn(), console=err, disable=quiet or not err.is_terminal, transient=True,
    )
    try:
        with progress, web:
            fetching = progress.add_task("fetching pages", total=None, visible=False)
            task = progress.add_task("building articles", total=None)

            def fetched(_: str) -> None:
                progress.update(fetching, visible=True, advance=1)

            web.on_fetch = fetched
            report = kg.build(
                paths, store=target, date=date, model=model, force=force, jobs=jobs,
                cluster=cluster, web=web,
                on_article=lambda _: progress.advance(task),
                on_write=(lambda ids: say(err, f"written: {' '.join(ids)}")) if verbose else None,
            )
    except (StoreError, ModelError, WorkerError) as error:
        raise fail(str(error)) from None
    for line in report.errors:
        report_error(line)
    stats = web.fetcher.stats
    if stats.fetched or stats.cached or stats.not_modified or stats.failed:
        say(out, f"web: {stats.fetched} fetched, {stats.cached} from the cache, "
                 f"{stats.not_modified} unchanged (304), {sum(stats.failed.values())} failed"
                 + _by_reason(stats.failed))
    if report.skipped:
        say(out, f"skipped: {sum(report.skipped.values())}" + _by_reason(report.skipped))
    say(out, f"{len(report.written)} articles built, {len(report.unchanged)} unchanged, "
             f"{report.statements} statements, {len(report.errors)} errors → {store}")
    if not report.ok:
        raise typer.Exit(1)


def _by_reason(counts: Counter[str]) -> str:
    """`` (3 HTTP 404, 1 timed out)``: counts by reason, most first; empty if none."""
    if not counts:
        return ""
    return " (" + ", ".join(f"{n} {reason}" for reason, n in counts.most_common()) + ")"

