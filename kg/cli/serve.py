"""``kg serve``: the graph read-only over SPARQL 1.1, with its query page."""

from __future__ import annotations

from typing import Annotated

import typer

import kg
from kg.cli.console import fail
from kg.cli.options import ModelOption, StoreOption
from kg.graph.store import DEFAULT_STORE, StoreError, is_remote


def serve(
    store: StoreOption = DEFAULT_STORE,
    host: Annotated[str, typer.Option(
        help="Address to listen on; anything but loopback exposes the graph.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port; 0 picks a free one (printed).")] = 0,
    timeout: Annotated[float, typer.Option(
        help="Seconds a query may run before it is cancelled (HTTP 503).")] = 10.0,
    max_rows: Annotated[int, typer.Option(
        "--max-rows", help="Most rows (or triples) in an answer; 0 = no cap.")] = 10_000,
    workers: Annotated[int | None, typer.Option(
        help="Query worker processes (default: 2 to 4, by CPU count).")] = None,
    worker_memory: Annotated[int, typer.Option(
        "--worker-memory", help="MiB of memory each query worker may use (a query that needs "
                                "more is stopped, HTTP 500); 0 = no limit.")] = 2048,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No request log.")] = False,
    build: Annotated[bool, typer.Option(
        "--build", help="Also build articles POSTed to /build (JSON Lines) with the model "
                        "kept loaded; loopback only.")] = False,
    model: ModelOption = None,
) -> None:
    """Serve the graph read-only over SPARQL 1.1: endpoint /sparql, query page /."""
    if is_remote(store):
        raise fail(f"{store} is already a SPARQL endpoint: query it directly, or serve a "
                   "local store directory")
    try:
        kg.serve(store, host=host, port=port, timeout=timeout, max_rows=max_rows,
                 workers=workers, worker_memory=worker_memory, quiet=quiet, build=build,
                 model=model)
    except StoreError as error:
        raise fail(str(error)) from None
    except (OSError, ValueError) as error:
        raise fail(f"serve: {error}") from None
