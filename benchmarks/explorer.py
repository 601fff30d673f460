"""How fast the explorer's pages come, served by ``kg serve`` and drawn in headless Chromium.

For a built store (the corpus: ``kg build seeds/ ../shared/corpus/wikinews.jsonl -s DIR``),
and optionally a synthetic store grown from it to a number of entities, it prints for each
kind of page the server's time (median of five GETs), the page's size, and in the browser
(median of three loads) the first contentful paint and the moment the explorer's script
has drawn everything (``window.kgReadyAt``), both from the start of navigation; then the
time of a suggestion as one types. The first request to a fresh server also reads the
search index, and is printed apart.

    python benchmarks/explorer.py /tmp/corpus-store
    python benchmarks/explorer.py /tmp/corpus-store --entities 10000 --workdir /tmp/bench

The synthetic store has the articles of ``benchmarks/synthetic.py`` (statements among the
corpus's entities, with a long tail), each naming ten more people that no other article
names, until the store holds ``--entities`` entities.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "benchmarks"), str(ROOT / "tests")]

from browser import headless_chromium  # noqa: E402
from synthetic import Vocabulary, synthetic_readings  # noqa: E402

import kg  # noqa: E402
from kg.endpoint import serving  # noqa: E402
from kg.graph.rdf import Run, reading_quads  # noqa: E402
from kg.graph.store import Store  # noqa: E402
from kg.records import Entity  # noqa: E402

EXTRA_PER_ARTICLE = 10
_BUSIEST_ARTICLE = """
SELECT ?doc (COUNT(?st) AS ?n) WHERE { GRAPH ?g { ?st dip:relation ?r .
  ?a a dip:Article ; dip:documentId ?doc } } GROUP BY ?doc ORDER BY DESC(?n) ?doc LIMIT 1"""


def _get(url: str, accept: str | None = None) -> tuple[float, bytes]:
    request = urllib.request.Request(url, headers={"Accept": accept} if accept else {})
    started = time.perf_counter()
    with urllib.request.urlopen(request, timeout=120) as response:
        body = response.read()
    return time.perf_counter() - started, body


def _json(url: str) -> dict:
    return json.loads(_get(url, "application/json")[1])


def pages(base: str, store: Store) -> dict[str, str]:
    """One page of each kind, chosen from what the store holds (its busiest things)."""
    home = _json(base + "/explore/")
    entity = home["entities"][0]
    person = next((e for e in home["entities"] if e["type"] == "Person"), entity)
    page = _json(base + entity["href"])
    partner = next(g for g in page["groups"] if g["dyadHref"])
    busiest = kg.query(_BUSIEST_ARTICLE, store=store).rows[0]["doc"]
    article = _json(base + "/explore/search?q=" + urllib.parse.quote(str(busiest)))
    article_href = next((a["href"] for a in article["articles"] if a["doc"] == busiest),
                        home["articles"][0]["href"])
    relation = home["relations"][0]
    return {"home": "/explore/",
            "search": "/explore/search?q=" + urllib.parse.quote(person["name"]),
            f"entity ({entity['name']})": entity["href"],
            f"entity ({entity['name']}, groups page 2)": entity["href"] + "?page=2",
            "pair": partner["dyadHref"], f"article ({busiest})": article_href,
            f"statements ({relation['code']})": relation["href"],
            "network": page["networkHref"]}


def measure(store_path: Path, label: str) -> None:
    """Print the numbers for one store."""
    store = Store(store_path, read_only=True)
    with serving(store_path, workers=2) as base:
        cold, _ = _get(base + "/explore/", "application/json")
        home = _json(base + "/explore/")
        print(f"\n{label}: {home['counts']['articles']:,} articles, "
              f"{home['counts']['entities']:,} entities, "
              f"{home['counts']['statements']:,} statements")
        print(f"first request (reads the search index): {cold * 1000:.0f} ms")
        chosen = pages(base, store)
        print(f"{'page':48} {'server ms':>9} {'KB':>7} {'paint ms':>9} {'drawn ms':>9}")
        with headless_chromium() as browser:
            for name, path in chosen.items():
                server = statistics.median(_get(base + path)[0] for _ in range(5))
                size = len(_get(base + path)[1]) / 1024
                paints, drawn = [], []
                for _ in range(3):
                    browser.driver.get("about:blank")
                    browser.driver.get(base + path)
                    started = time.monotonic()
                    while not browser.driver.execute_script(
                            "return window.kgReady === true"):
                        if time.monotonic() - started > 60:
                            raise AssertionError(f"{path} was never drawn")
                        time.sleep(0.01)
                    # the paint is recorded after the script has run: wait for its entry
                    while not (paint := browser.driver.execute_script(
                            "const p = performance.getEntriesByName("
                            "'first-contentful-paint')[0]; return p && p.startTime;")):
                        if time.monotonic() - started > 60:
                            raise AssertionError(f"{path} was never painted")
                        time.sleep(0.01)
                    paints.append(paint)
                    drawn.append(browser.driver.execute_script("return window.kgReadyAt"))
                ready = (f"{statistics.median(drawn):9.0f}" if None not in drawn
                         else f"{'-':>9}")  # the network page is drawn by kg.viz's script
                print(f"{name[:48]:48} {server * 1000:9.0f} {size:7.0f} "
                      f"{statistics.median(paints):9.0f} {ready}")
        name = home["entities"][0]["name"]
        typed = [statistics.median(_get(base + "/explore/search?limit=8&q=" +
                                        urllib.parse.quote(name[:n]), "application/json")[0]
                                   for _ in range(5)) for n in range(1, min(len(name), 8) + 1)]
        print(f"suggestions while typing {name[:8]!r}: median {statistics.median(typed) * 1000:.1f}"
              f" ms, slowest {max(typed) * 1000:.1f} ms")


def grow(corpus: Path, folder: Path, entities: int) -> Path:
    """A synthetic store with at least ``entities`` entities (see the module's text)."""
    source = Store(corpus, read_only=True)
    vocabulary = Vocabulary.from_store(source)
    store = Store(folder)
    store.ensure_ontology()
    run = Run(f"kg {kg.__version__}", "synthetic", "2025-01-01T00:00:00Z")
    readings = synthetic_readings(vocabulary)
    extra = 0
    while kg.stats(store=store).get("entities", 0) < entities:
        batch = []
        for _ in range(32):
            reading = next(readings)
            named = tuple(Entity(f"Delegate {extra + i:05d}", "Person",
                                 (f"Delegate {extra + i:05d}",), 1)
                          for i in range(EXTRA_PER_ARTICLE))
            extra += EXTRA_PER_ARTICLE
            reading = replace(reading, entities=reading.entities + named)
            batch.append((reading.document.id, list(reading_quads(reading, run))))
        store.replace_articles(batch)
        store.flush()
    del store
    return folder


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("store", type=Path, help="a built store (the corpus)")
    parser.add_argument("--entities", type=int, default=0,
                        help="also measure a synthetic store of at least this many entities")
    parser.add_argument("--workdir", type=Path, default=None,
                        help="where the synthetic store goes (a temporary folder otherwise)")
    options = parser.parse_args()
    measure(options.store, f"store {options.store}")
    if options.entities:
        folder = Path(options.workdir or tempfile.mkdtemp(prefix="kg-explorer-bench-"))
        started = time.perf_counter()
        grown = grow(options.store, folder / "synthetic", options.entities)
        print(f"\nsynthetic store written in {time.perf_counter() - started:.0f} s")
        measure(grown, f"synthetic store {grown}")


if __name__ == "__main__":
    main()
