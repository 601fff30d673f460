"""Tests for kg.viz.network_page: a plain file check plus real headless-Chromium checks.

The browser tests skip (with the reason) only when /usr/bin/chromium is not installed;
``scripts/install-browser.sh`` installs it.
"""

from __future__ import annotations

import itertools
import re
import time
from pathlib import Path

import networkx as nx
import pytest
from browser import Browser

from kg.graph.ontology import family_of
from kg.viz.network_page import MAX_EVIDENCE, build_page, graph_payload, render_html

SEED = Path(__file__).resolve().parents[1] / "seeds" / "000_aebe9d6deb04523e.txt"
TITLE = "Trump and Putin Plan Hungary Summit After “Productive” Call Amid Ukraine War"
DOC = "seeds/000_aebe9d6deb04523e.txt"

SCRIPT_INJECTION = "<script>window.__pwned=1</script>"
IMG_INJECTION = '<img src=x onerror="window.__pwned=2">'
HREF_INJECTION = '<a href="javascript:window.__pwned=3">click</a>'
NAME_INJECTION = "<img src=x onerror=alert(1)>"

EX = "http://example.org/kg/"
TRUMP, PUTIN, ZELENSKY = EX + "donald_trump", EX + "vladimir_putin", EX + "volodymyr_zelensky"
ORBAN, HUNGARY, EVIL = EX + "viktor_orban", EX + "hungary", EX + "mallory"


def _sentence(start: str) -> str:
    """The sentence of the seed article that starts with ``start`` (real article text)."""
    text = SEED.read_text(encoding="utf-8")
    i = text.index(start)
    j = text.index(".", i + len(start))
    if text[j + 1 : j + 2] == "”":
        j += 1
    return text[i : j + 1]


def _ev(sentence: str, *, date: str | None = "2025-10-16", conf: float = 0.9,
        title: str = TITLE) -> dict:
    return {"sentence": sentence, "doc": DOC, "title": title, "date": date, "confidence": conf}


def sample_graph() -> nx.MultiDiGraph:
    """A small hand-built graph from real sentences plus one hostile node and edge."""
    g = nx.MultiDiGraph()
    g.add_node(TRUMP, label="Donald Trump", type="Person", aliases=["Trump", "US President"],
               mentions=12)
    g.add_node(PUTIN, label="Vladimir Putin", type="Person", aliases=["Putin"], mentions=8)
    g.add_node(ZELENSKY, label="Volodymyr Zelensky", type="Person", aliases=["Zelensky"],
               mentions=5)
    g.add_node(ORBAN, label="Viktor Orbán", type="Person", aliases=["Orbán"], mentions=3)
    g.add_node(HUNGARY, label="Hungary", type="Country", aliases=["Hungarian"], mentions=4)
    g.add_node(EVIL, label=NAME_INJECTION, type="Organisation",
               aliases=["Mallory <b>Bad</b>", IMG_INJECTION, "href=javascript:alert(1)"],
               mentions=1, href="javascript:window.__pwned=4")
    g.nodes[TRUMP]["href"] = "/explore/entity/person/donald-trump"

    consult = [
        _sentence("US President Donald Trump announced on Thursday"),
        _sentence("Trump later told reporters that he expects to meet Putin"),
        _sentence("The last time Trump and Putin met"),
    ]
    for i, s in enumerate(consult):
        g.add_edge(TRUMP, PUTIN, relation="CONSULT", label="CONSULT",
                   evidence=[_ev(s, conf=0.9 - 0.1 * i, date=None if i == 2 else "2025-10-16")])
    g.add_edge(TRUMP, ZELENSKY, relation="ACCUSE", label="ACCUSE",
               evidence=[_ev(_sentence("After a tense Oval Office exchange"), conf=0.7)])
    g.add_edge(TRUMP, PUTIN, relation="THREATEN", label="THREATEN",
               evidence=[_ev(_sentence("Earlier in the summer, he warned Putin"), conf=0.8)])
    for s in (_sentence("The Hungarian government, led by Prime Minister Viktor Orbán"),
              _sentence("Hungarian Prime Minister Viktor Orbán emphasized")):
        g.add_edge(ORBAN, HUNGARY, relation="HOLDS_POSITION", label="Prime Minister",
                   evidence=[_ev(s, conf=0.95)])
    g.add_edge(ZELENSKY, HUNGARY, relation="OTHER", label="watch summit",
               evidence=[_ev(_sentence("The upcoming summit in Hungary marks"), conf=0.4)])
    # Statements with no other entity, held by their subject (as kg.viz.project makes them).
    tomahawk = _sentence("“We can’t deplete our stockpile")
    g.nodes[TRUMP]["alone"] = [
        {"relation": "SAID", "label": "SAID", "quote": tomahawk.strip("“”"), "object": None,
         "evidence": [{**_ev(tomahawk, conf=0.85), "href": "/explore/article/seed#s27"}]},
        {"relation": "REJECT", "label": "REJECT", "quote": None, "object": None,
         "evidence": [_ev(_sentence("Trump, however, seemed cautious"), conf=0.6)]}]
    g.nodes[EVIL]["alone"] = [
        {"relation": "SAID", "label": "SAID", "quote": IMG_INJECTION, "object": None,
         "evidence": [_ev(f"Mallory said {SCRIPT_INJECTION}.", title=HREF_INJECTION)]},
        {"relation": "OTHER", "label": "wrote <b>", "quote": None, "object": IMG_INJECTION,
         "evidence": [_ev("Mallory wrote.", conf=0.3)]}]
    hostile = f"{SCRIPT_INJECTION} and {IMG_INJECTION} and {HREF_INJECTION}."
    g.add_edge(EVIL, PUTIN, relation="SAID", label='SAID <i onmouseover="x">',
               evidence=[_ev(hostile, title=f"href {IMG_INJECTION}", date=None, conf=0.5)]
               + [_ev(f"Filler sentence {i}.", conf=0.1) for i in range(MAX_EVIDENCE + 2)])
    return g


# ----------------------------------------------------------------- plain tests


def test_payload_merges_parallel_edges_and_families() -> None:
    data = graph_payload(sample_graph())
    assert [n["id"] for n in data["nodes"]] == sorted(
        [TRUMP, PUTIN, ZELENSKY, ORBAN, HUNGARY, EVIL], key=lambda s: (s.casefold(), s))
    by_label = {e["label"]: e for e in data["edges"]}
    assert set(by_label) == {"CONSULT ×3", "THREATEN", "ACCUSE", "Prime Minister ×2",
                             "watch summit", 'SAID <i onmouseover="x">'}
    consult = by_label["CONSULT ×3"]
    assert consult["count"] == 3 and len(consult["evidence"]) == 3
    assert consult["evidence"][0]["confidence"] == 0.9  # most confident first
    said = by_label['SAID <i onmouseover="x">']
    assert len(said["evidence"]) == MAX_EVIDENCE and said["evidence_more"] == 3
    assert {e["family"] for e in data["edges"]} == {
        "cooperation", "conflict", "affiliation", "quotation", "other"}
    assert family_of("REQUEST") == "cooperation" and family_of("SANCTION") == "conflict"


def test_payload_sizes_ranks_and_lists_what_a_node_holds_alone() -> None:
    data = graph_payload(sample_graph())
    node = {n["id"]: n for n in data["nodes"]}
    # Trump: 3 CONSULT + 1 THREATEN + 1 ACCUSE links, a quotation and a lone REJECT.
    assert node[TRUMP]["statements"] == 7 and node[TRUMP]["rank"] == 0
    assert [a["relation"] for a in node[TRUMP]["alone"]] == ["SAID", "REJECT"]
    assert node[TRUMP]["alone"][0]["evidence"][0]["sentence"].startswith("“We can’t deplete")
    ranks = sorted(data["nodes"], key=lambda n: n["rank"])
    assert [n["statements"] for n in ranks] == sorted((n["statements"] for n in ranks),
                                                      reverse=True)
    assert all(a["size"] >= b["size"] for a, b in itertools.pairwise(ranks))
    assert data["communities"] == [] and "community" not in node[TRUMP]
    # Links to the explorer's pages pass; a javascript: URL does not.
    assert node[TRUMP]["href"] == "/explore/entity/person/donald-trump"
    assert node[EVIL]["href"] == "" and node[PUTIN]["href"] == ""


def test_communities_colour_the_nodes_on_request() -> None:
    data = graph_payload(sample_graph(), communities=True)
    numbers = {n["id"]: n["community"] for n in data["nodes"]}
    assert set(numbers.values()) == {c["number"] for c in data["communities"]}
    # Orbán and Hungary are tied together more than to anyone else.
    assert numbers[ORBAN] == numbers[HUNGARY] != numbers[EVIL]
    assert all(c["color"] and c["border"] for c in data["communities"])
    sizes = [c["size"] for c in data["communities"]]
    assert sizes == sorted(sizes, reverse=True) and sum(sizes) == len(data["nodes"])
    page = build_page(sample_graph(), communities=True)
    assert "Communities" in page and "Donald Trump and others" in page


def test_html_is_self_contained_and_deterministic(tmp_path: Path) -> None:
    g = sample_graph()
    out = render_html(g, tmp_path / "graph.html", title="Diplomacy <script>x</script>")
    page = out.read_text(encoding="utf-8")
    assert not re.search(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", page, re.I)
    assert not re.search(r"<link\b", page, re.I)
    assert "cdn" not in page.lower().replace("cdnjs", "")  # no CDN reference of any kind
    assert "Diplomacy &lt;script&gt;x&lt;/script&gt;" in page
    # No article text survives as markup: all of it sits in the escaped JSON block.
    for raw in (SCRIPT_INJECTION, IMG_INJECTION, NAME_INJECTION, "<b>Bad</b>", "<i onmouseover"):
        assert raw not in page
    # Exactly our three script elements: data block, vis-network, app.
    assert len(re.findall(r"^<script\b", page, re.M)) == 3
    assert "sourceMappingURL" not in page

    # Same graph (even built in another insertion order) -> byte-identical file.
    again = render_html(g, tmp_path / "again.html", title="Diplomacy <script>x</script>")
    assert again.read_bytes() == out.read_bytes()
    shuffled = nx.MultiDiGraph()
    shuffled.add_nodes_from(reversed(list(g.nodes(data=True))))
    shuffled.add_edges_from(reversed(list(g.edges(data=True))))
    assert build_page(shuffled, title="Diplomacy <script>x</script>") == page
    assert not list(tmp_path.glob(".*.tmp"))  # the atomic write left no temp file


def test_empty_and_sparse_attributes(tmp_path: Path) -> None:
    g = nx.MultiDiGraph()
    g.add_edge("urn:x:a", "urn:x:b")  # no attributes at all
    g.add_node("urn:x:c", type="organization", aliases="ACME", mentions="n/a")
    data = graph_payload(g)
    assert [n["label"] for n in data["nodes"]] == ["a", "b", "c"]
    assert data["nodes"][2]["type"] == "Organisation" and data["nodes"][2]["mentions"] == 0
    assert data["edges"][0]["relation"] == "OTHER" and data["edges"][0]["family"] == "other"
    assert render_html(nx.MultiDiGraph(), tmp_path / "empty.html").is_file()


# ----------------------------------------------------------------- browser tests


@pytest.fixture(scope="module")
def page(chromium: Browser, tmp_path_factory: pytest.TempPathFactory) -> Browser:
    out = render_html(sample_graph(), tmp_path_factory.mktemp("html") / "graph.html",
                      title="Trump–Putin call <img src=x onerror=\"window.__pwned=9\">")
    chromium.open_graph(out)
    return chromium


def _wait(browser: Browser, script: str, timeout: float = 15.0) -> object:
    deadline = time.monotonic() + timeout
    while True:
        value = browser.driver.execute_script(script)
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for: {script}")
        time.sleep(0.05)


def test_browser_loads_offline_without_errors(page: Browser) -> None:
    assert page.severe_errors() == []
    assert page.external_requests() == []
    url = page.driver.current_url
    assert page.requests_of(url) == [url]  # the page itself and nothing else
    assert page.driver.execute_script("return typeof window.__pwned") == "undefined"
    heading = page.driver.execute_script("return document.querySelector('h1').textContent")
    assert heading.endswith('<img src=x onerror="window.__pwned=9">')


def test_browser_network_contents(page: Browser) -> None:
    js = page.driver.execute_script
    assert js("return kgNodes.length") == 6
    assert js("return kgEdges.length") == 6  # 9 statements, parallel ones merged
    labels = js("return kgEdges.get().map(function (e) { return e.label; }).sort()")
    assert "CONSULT ×3" in labels and "Prime Minister ×2" in labels
    # vis-network itself really holds them (not just the DataSets).
    assert len(js("return Object.keys(kgNetwork.body.nodes)")) == 6
    assert js("return kgNetwork.getConnectedEdges(arguments[0]).length", PUTIN) == 3
    assert js("return kgNetwork.getPositions([arguments[0]])[arguments[0]].x", TRUMP) == \
        pytest.approx(next(n["x"] for n in graph_payload(sample_graph())["nodes"]
                           if n["id"] == TRUMP), abs=1)


def test_browser_injection_is_inert_text(page: Browser) -> None:
    js = page.driver.execute_script
    edge_id = js("var src = arguments[0];"
                 "return kgEdges.get({filter: function (e) { return e.from === src; }})[0].id",
                 EVIL)
    tip = js("var t = kgEdges.get(arguments[0]).title; return {text: t.textContent,"
             " scripts: t.querySelectorAll('script,img,a,i,b').length}", edge_id)
    assert SCRIPT_INJECTION in tip["text"] and IMG_INJECTION in tip["text"]
    assert HREF_INJECTION in tip["text"] and f"+{3} more" in tip["text"]
    assert tip["scripts"] == 0
    node_tip = js("var t = kgNodes.get(arguments[0]).title; return {text: t.textContent,"
                  " n: t.querySelectorAll('*:not(div):not(span)').length}", EVIL)
    assert IMG_INJECTION in node_tip["text"] and "Mallory <b>Bad</b>" in node_tip["text"]
    assert node_tip["n"] == 0
    # Put the hostile content into the live DOM (details panel) and hover it: still inert.
    page.driver.execute_script("kgNetwork.selectEdges([arguments[0]]);"
                               "kgNetwork.emit('select', {nodes: [], edges: [arguments[0]]});",
                               edge_id)
    panel = js("return document.getElementById('kg-details-body').textContent")
    assert SCRIPT_INJECTION in panel
    time.sleep(0.3)
    assert js("return document.querySelectorAll('img, a[href], iframe').length") == 0
    assert js("return typeof window.__pwned") == "undefined"
    assert page.severe_errors() == []


def test_browser_labels_at_opening_zoom(page: Browser) -> None:
    """Every entity of a small graph is labelled, at a readable size, next to its node."""
    js = page.driver.execute_script
    js("document.getElementById('kg-details-close').click(); kgOverview();")
    _wait(page, "return kgLabels().length > 0")
    labels = {label["id"]: label for label in js("return kgLabels()")}
    assert set(labels) == {TRUMP, PUTIN, ZELENSKY, ORBAN, HUNGARY, EVIL}
    assert labels[EVIL]["text"] == NAME_INJECTION  # drawn as text on the canvas
    for node_id, label in labels.items():
        assert label["px"] >= 12
        dom = js("var p = kgNetwork.getPositions([arguments[0]])[arguments[0]];"
                 "return kgNetwork.canvasToDOM(p);", node_id)
        # the box touches the node's neighbourhood (below, above or beside it)
        assert abs(label["x"] + label["w"] / 2 - dom["x"]) < label["w"] / 2 + 60
        assert abs(label["y"] + label["h"] / 2 - dom["y"]) < 100
    boxes = list(labels.values())
    assert not any(a["x"] < b["x"] + b["w"] and b["x"] < a["x"] + a["w"]
                   and a["y"] < b["y"] + b["h"] and b["y"] < a["y"] + a["h"]
                   for i, a in enumerate(boxes) for b in boxes[i + 1:])


def test_browser_click_on_a_label_opens_its_entity(page: Browser) -> None:
    from selenium.webdriver.common.action_chains import ActionChains

    js = page.driver.execute_script
    js("document.getElementById('kg-details-close').click(); kgOverview();")
    _wait(page, "return kgLabels().length > 0")
    label = next(lab for lab in js("return kgLabels()") if lab["id"] == PUTIN)
    canvas = page.driver.find_element("css selector", "#kg-canvas canvas")
    # a real click at the middle of the label's right half, away from the node itself
    x, y = label["x"] + label["w"] * 0.75, label["y"] + label["h"] / 2
    assert js("return kgNetwork.getNodeAt({x: arguments[0], y: arguments[1]})", x, y) is None
    ActionChains(page.driver).move_to_element_with_offset(
        canvas, int(x - canvas.size["width"] / 2), int(y - canvas.size["height"] / 2)
    ).click().perform()
    assert _wait(page, "return kgNetwork.getSelectedNodes().length === 1"
                       " && kgNetwork.getSelectedNodes()[0]") == PUTIN
    assert "Vladimir Putin" in page.driver.find_element("id", "kg-details-body").text
    js("document.getElementById('kg-details-close').click();")
    assert page.severe_errors() == []


def test_browser_node_panel_lists_statements_held_alone(page: Browser) -> None:
    js = page.driver.execute_script
    js("kgNetwork.selectNodes([arguments[0]]);"
       "kgNetwork.emit('select', {nodes: [arguments[0]], edges: []});", TRUMP)
    sections = js("return Array.prototype.map.call(document.querySelectorAll("
                  "'#kg-details-body section.kg-alone'), function (s) {"
                  "return [s.getAttribute('data-kind'), s.querySelector('h2').textContent,"
                  " s.textContent]; })")
    assert [(kind, heading) for kind, heading, _text in sections] == [
        ("quotation", "Quotations (1)"), ("event", "Events with no recipient (1)")]
    assert "We can’t deplete our stockpile" in sections[0][2] and TITLE in sections[0][2]
    # The explorer's links: the entity's page and the article, nothing else.
    links = js("return Array.prototype.map.call(document.querySelectorAll("
               "'#kg-details-body a'), function (a) {"
               " return [a.getAttribute('href'), a.target, a.textContent]; })")
    assert links == [["/explore/entity/person/donald-trump", "_top", "Open its page"],
                     ["/explore/article/seed#s27", "_top", "read it in the article"]]
    assert "REJECT" in sections[1][2] and "seemed cautious" in sections[1][2]
    # The selected entity and its neighbours are labelled first.
    first = [label["id"] for label in js("return kgLabels()")][:1]
    assert first == [TRUMP]
    # Hostile text held alone is shown as text too.
    js("kgNetwork.selectNodes([arguments[0]]);"
       "kgNetwork.emit('select', {nodes: [arguments[0]], edges: []});", EVIL)
    panel = js("var b = document.getElementById('kg-details-body');"
               "return {text: b.textContent, tags: b.querySelectorAll('img,script,a,b').length}")
    assert IMG_INJECTION in panel["text"] and SCRIPT_INJECTION in panel["text"]
    assert NAME_INJECTION in panel["text"]  # its name, and no link for its javascript: href
    assert HREF_INJECTION in panel["text"] and "wrote <b>" in panel["text"]
    assert panel["tags"] == 0 and js("return typeof window.__pwned") == "undefined"
    # Unticking a family takes its statements out of the panel.
    js("kgFilter('family', 'quotation', false);"
       "kgNetwork.emit('select', {nodes: [arguments[0]], edges: []});", TRUMP)
    kinds = js("return Array.prototype.map.call(document.querySelectorAll("
               "'#kg-details-body section.kg-alone'), function (s) {"
               " return s.getAttribute('data-kind'); })")
    assert kinds == ["event"]
    js("kgFilter('family', 'quotation', true); kgNetwork.unselectAll();"
       "kgNetwork.emit('select', {nodes: [], edges: []});")
    assert page.severe_errors() == []


def _hover(page: Browser, canvas_xy: dict) -> None:
    from selenium.webdriver.common.action_chains import ActionChains

    dom = page.driver.execute_script("return kgNetwork.canvasToDOM(arguments[0])", canvas_xy)
    canvas = page.driver.find_element("css selector", "#kg-canvas canvas")
    size = canvas.size
    actions = ActionChains(page.driver)
    actions.move_to_element_with_offset(canvas, 0, 0).perform()
    actions.move_to_element_with_offset(
        canvas, int(dom["x"] - size["width"] / 2), int(dom["y"] - size["height"] / 2)
    ).perform()


def _visible_tooltip(page: Browser) -> str:
    return str(_wait(page, "var t = document.querySelector('div.vis-tooltip');"
                           "return t && t.style.visibility === 'visible' && t.textContent;"))


def test_browser_hover_tooltips(page: Browser) -> None:
    js = page.driver.execute_script
    js("kgNetwork.unselectAll(); kgNetwork.fit({animation: false});")
    _hover(page, js("return kgNetwork.getPositions([arguments[0]])[arguments[0]]", PUTIN))
    text = _visible_tooltip(page)
    assert "Vladimir Putin" in text and "Person" in text and "Putin" in text

    # Hover the middle of the straight ORBAN -> HUNGARY edge: its evidence shows.
    pos = js("return kgNetwork.getPositions([arguments[0], arguments[1]])", ORBAN, HUNGARY)
    mid = {"x": (pos[ORBAN]["x"] + pos[HUNGARY]["x"]) / 2,
           "y": (pos[ORBAN]["y"] + pos[HUNGARY]["y"]) / 2}
    _hover(page, {"x": mid["x"] + 40, "y": mid["y"] + 40})  # move away first
    _hover(page, mid)
    text = _wait(page, "var t = document.querySelector('div.vis-tooltip');"
                       "return t && t.style.visibility === 'visible'"
                       " && t.textContent.indexOf('Prime Minister') >= 0 && t.textContent;")
    assert "HOLDS_POSITION: Prime Minister" in text
    assert "led by Prime Minister Viktor Orbán" in text and TITLE in text
    assert page.severe_errors() == []


def test_browser_search_selects_putin(page: Browser) -> None:
    from selenium.webdriver.common.keys import Keys

    box = page.driver.find_element("id", "kg-search")
    box.clear()
    box.send_keys("Putin", Keys.ENTER)
    assert page.driver.execute_script("return kgNetwork.getSelectedNodes()") == [PUTIN]
    status = page.driver.find_element("id", "kg-status").text
    assert status.startswith("Match 1 of 1")
    details = page.driver.find_element("id", "kg-details-body").text
    assert "Vladimir Putin" in details
    # Aliases are searched too; unknown names report no match.
    assert page.driver.execute_script("return kgSearch('orbán')") == ORBAN
    assert page.driver.execute_script("return kgSearch('nobody at all')") is None
    assert page.severe_errors() == []


def test_browser_screenshot(page: Browser) -> None:
    from selenium.webdriver.common.action_chains import ActionChains

    page.driver.execute_script("kgNetwork.unselectAll(); kgOverview();"
                               "document.getElementById('kg-details').style.display = 'none';"
                               "document.getElementById('kg-search').value = '';"
                               "document.getElementById('kg-status').textContent = '';")
    canvas = page.driver.find_element("css selector", "#kg-canvas canvas")
    corner = (canvas.size["width"] // 2 - 5, canvas.size["height"] // 2 - 5)
    ActionChains(page.driver).move_to_element_with_offset(canvas, *corner).perform()
    _wait(page, "var t = document.querySelector('div.vis-tooltip');"
                "return !t || t.style.visibility !== 'visible';")
    time.sleep(0.2)
    assert page.driver.save_screenshot("/tmp/kg-render.png")


def test_browser_content_security_policy_blocks_extra_scripts(page: Browser) -> None:
    """Defence in depth: even injected markup could not run script or fetch anything."""
    js = page.driver.execute_script
    page.clear_logs()
    js("""
        var s = document.createElement('script');
        s.textContent = 'window.__csp = 1';
        document.body.appendChild(s);
        var d = document.createElement('div');
        d.innerHTML = '<img src="x.png" onerror="window.__csp = 2">';
        document.body.appendChild(d);
    """)
    time.sleep(0.3)
    assert js("return typeof window.__csp") == "undefined"
    assert page.external_requests() == []
    violations = " ".join(e["message"] for e in page.severe_errors())
    assert "inline script violates" in violations
    assert "inline event handler violates" in violations
    assert "Loading the image" in violations
    page.clear_logs()


def test_browser_filter_menus(page: Browser) -> None:
    """The legend's checkboxes hide relation families and entity types, and bring them back."""
    js = page.driver.execute_script
    data = graph_payload(sample_graph())

    def visible() -> tuple[set[str], set[str]]:
        return (set(js("return kgNodes.get({filter: function (n) { return !n.hidden; }})"
                       ".map(function (n) { return n.id; })")),
                set(js("return kgEdges.get({filter: function (e) { return !e.hidden; }})"
                       ".map(function (e) { return e.id; })")))

    def box(kind: str, value: str):
        return page.driver.find_element(
            "css selector", f'input.kg-filter[data-kind="{kind}"][value="{value}"]')

    box("family", "conflict").click()  # a real click on the legend
    nodes, edges = visible()
    conflict = {e["id"] for e in data["edges"] if e["family"] == "conflict"}
    assert conflict and edges == {e["id"] for e in data["edges"]} - conflict
    assert len(nodes) == len(data["nodes"])  # everyone still has another link
    assert "Showing 6 of 6 entities, 4 of 6 links." in page.driver.find_element(
        "id", "kg-legend").text
    box("type", "Person").click()
    nodes, edges = visible()
    assert not nodes & {TRUMP, PUTIN, ZELENSKY, ORBAN}
    assert nodes == set()  # Hungary and Mallory only had links to people
    assert js("return kgSearch('putin')") is None  # search skips hidden entities
    # ... and leaves no label behind (the page redraws after the filter)
    _wait(page, f"return kgLabels().every(function (l) {{ return l.id !== '{TRUMP}'; }})")
    assert not {label["id"] for label in js("return kgLabels()")} & {TRUMP, PUTIN, ORBAN}
    box("type", "Person").click()
    box("family", "conflict").click()
    assert visible() == ({n["id"] for n in data["nodes"]}, {e["id"] for e in data["edges"]})
    assert js("return kgFilter('family', 'other', false)") == {"nodes": 6, "edges": 5}
    assert not box("family", "other").is_selected()
    js("kgFilter('family', 'other', true)")
    assert page.severe_errors() == []
