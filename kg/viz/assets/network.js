
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("kg-data").textContent);
  window.kgData = data;

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
  }
  function plural(n, word) { return n + " " + word + (n === 1 ? "" : "s"); }

  var byId = {};
  data.nodes.forEach(function (n) { byId[n.id] = n; });
  // Filter state (set by the legend's checkboxes below): hidden entities are neither drawn
  // nor labelled nor found; a hidden family's statements leave the panels too.
  var hidden = { type: {}, family: {} };
  var hiddenNode = {};

  function nodeInfo(n) {
    var box = el("div", "kg-tip");
    box.appendChild(el("div", "kg-tip-title", n.label));
    box.appendChild(el("div", "kg-tip-meta", n.type + " \u00b7 " + plural(n.statements, "statement")
      + " \u00b7 " + plural(n.mentions, "mention") + " \u00b7 " + plural(n.degree, "neighbour")));
    if (n.aliases.length) {
      var a = el("div", "kg-tip-aliases");
      a.appendChild(el("span", "kg-k", "Also known as: "));
      a.appendChild(document.createTextNode(n.aliases.join("; ")
        + (n.aliases_more ? " (+" + n.aliases_more + " more)" : "")));
      box.appendChild(a);
    }
    var alone = n.alone.reduce(function (sum, s) { return sum + s.count; }, 0);
    if (alone) {
      box.appendChild(el("div", "kg-more", plural(alone, "statement") + " with no other entity"
        + " (quotations, events with no recipient): click to list them"));
    }
    box.appendChild(el("div", "kg-tip-iri", n.id));
    return box;
  }

  // A link out of the network (the explorer's pages), opened in the window around the
  // frame the explorer shows this page in; the payload only gives same-site or http(s) URLs.
  function link(href, text) {
    var a = el("a", "kg-link", text);
    a.href = href;
    a.target = "_top";
    a.rel = "noopener";
    return a;
  }

  function evidenceList(evidence, more) {
    var box = el("div");
    if (evidence.length) {
      var ol = el("ol", "kg-ev");
      evidence.forEach(function (ev) {
        var li = el("li");
        li.appendChild(el("div", "kg-sent", ev.sentence));
        var src = [ev.title || ev.doc || "untitled", ev.date || "undated"];
        if (ev.confidence !== null && ev.confidence !== undefined) {
          src.push("confidence " + Number(ev.confidence).toFixed(2));
        }
        var source = li.appendChild(el("div", "kg-src", src.join(" \u00b7 ")));
        if (ev.href) {
          source.appendChild(document.createTextNode(" \u00b7 "));
          source.appendChild(link(ev.href, "read it in the article"));
        }
        ol.appendChild(li);
      });
      box.appendChild(ol);
    }
    if (more) { box.appendChild(el("div", "kg-more", "+" + more + " more")); }
    return box;
  }

  function edgeInfo(e) {
    var box = el("div", "kg-tip");
    var src = byId[e.from] ? byId[e.from].label : e.from;
    var dst = byId[e.to] ? byId[e.to].label : e.to;
    box.appendChild(el("div", "kg-tip-title", src + " \u2192 " + dst));
    var rel = e.relation + (e.text && e.text !== e.relation ? ": " + e.text : "");
    box.appendChild(el("div", "kg-tip-rel", rel));
    box.appendChild(el("div", "kg-tip-meta", plural(e.count, "statement")));
    box.appendChild(evidenceList(e.evidence, e.evidence_more));
    return box;
  }

  // The side panel of a node: what its tooltip says, then the statements it holds alone,
  // which no edge can show (a quotation has no addressee; some events have no recipient).
  var ALONE_SECTIONS = [["quotation", "Quotations"], ["event", "Events with no recipient"],
    ["other", "Other statements"]];
  function nodePanel(n) {
    var box = nodeInfo(n);
    if (n.href) { box.insertBefore(link(n.href, "Open its page"), box.lastChild); }
    var kinds = { quotation: [], event: [], other: [] };
    n.alone.forEach(function (s) {
      if (hidden.family[s.family]) { return; }
      kinds[s.family === "quotation" || s.family === "other" ? s.family : "event"].push(s);
    });
    ALONE_SECTIONS.forEach(function (section) {
      var items = kinds[section[0]];
      if (!items.length) { return; }
      var total = items.reduce(function (sum, s) { return sum + s.count; }, 0);
      var part = el("section", "kg-alone");
      part.setAttribute("data-kind", section[0]);
      part.appendChild(el("h2", "kg-panel-h", section[1] + " (" + total + ")"));
      var ol = el("ol", "kg-alone-list");
      items.forEach(function (s) {
        var li = el("li");
        var said = s.quote && !s.evidence.some(function (ev) {
          return ev.sentence.indexOf(s.quote) >= 0;
        });
        if (said) { li.appendChild(el("div", "kg-quote", "\u201c" + s.quote + "\u201d")); }
        if (section[0] !== "quotation") {
          li.appendChild(el("div", "kg-tip-rel", s.relation
            + (s.text && s.text !== s.relation ? ": " + s.text : "")
            + (s.object ? " \u2192 " + s.object : "") + (s.count > 1 ? " \u00d7" + s.count : "")));
        }
        li.appendChild(evidenceList(s.evidence, s.evidence_more));
        ol.appendChild(li);
      });
      part.appendChild(ol);
      box.appendChild(part);
    });
    if (n.alone_more) {
      box.appendChild(el("div", "kg-more", "+" + n.alone_more + " more not listed"));
    }
    return box;
  }

  var groups = {};
  Object.keys(data.types).forEach(function (t) {
    var s = data.types[t];
    groups[t] = { shape: s.shape, color: { background: s.color, border: s.border,
      highlight: { background: s.color, border: "#111" },
      hover: { background: s.color, border: "#111" } } };
  });

  // Zoomed out, a node shrinks less than the drawing (its size on screen follows the zoom
  // to the power 0.4), so the big ones stay visible over a whole corpus.
  var sizeFactor = 1;
  function zoomedSize(n) { return Math.round(n.size * sizeFactor * 10) / 10; }
  var nodes = new vis.DataSet(data.nodes.map(function (n) {
    var item = { id: n.id, label: n.label, group: n.type, x: n.x, y: n.y, size: n.size,
      title: nodeInfo(n) };
    if (data.communities.length) {
      // Filled by community (grey beyond the coloured ones), shaped by type. vis-network
      // lets a group's colour win over a node's own, so these nodes have no group.
      var c = n.community ? data.communities[n.community - 1] : null;
      var fill = c && c.color ? c.color : data.types.Other.color;
      var border = c && c.color ? c.border : data.types.Other.border;
      delete item.group;
      item.shape = data.types[n.type].shape;
      item.color = { background: fill, border: border,
        highlight: { background: fill, border: "#111" },
        hover: { background: fill, border: "#111" } };
    }
    return item;
  }));
  var edges = new vis.DataSet(data.edges.map(function (e) {
    var fam = data.families[e.family] || data.families.other;
    var item = { id: e.id, from: e.from, to: e.to, label: e.label, title: edgeInfo(e),
      width: 1.4 + Math.min(4, Math.log2(e.count) * 1.2),
      color: { color: fam.color, highlight: fam.font, hover: fam.font, inherit: false },
      font: { color: fam.font } };
    if (e.curve !== null && !data.big) {
      item.smooth = { enabled: true, type: e.curve[0], roundness: e.curve[1] };
    }
    return item;
  }));

  var options = {
    autoResize: true,
    physics: { enabled: false },
    layout: { improvedLayout: false, randomSeed: 1 },
    groups: groups,
    nodes: {
      borderWidth: 1.5, borderWidthSelected: 3,
      // vis-network's own labels are never drawn: kgLabelLayer draws them at any zoom.
      scaling: { label: { drawThreshold: 1e9 } }
    },
    edges: {
      arrows: { to: { enabled: true, scaleFactor: 0.55 } },
      smooth: false,
      selectionWidth: 2, hoverWidth: 1,
      font: { size: 12, strokeWidth: 3, strokeColor: "#ffffff", align: "horizontal",
        face: "system-ui, -apple-system, Segoe UI, Roboto, DejaVu Sans, sans-serif" }
    },
    interaction: { hover: true, tooltipDelay: 120, hideEdgesOnDrag: data.big,
      multiselect: false, navigationButtons: false, keyboard: false }
  };

  var container = document.getElementById("kg-canvas");
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, options);
  window.kgNetwork = network;
  var labelLayer = kgLabelLayer(network, container, data.nodes, {
    hidden: function (id) { return hiddenNode[id] === true; },
    size: function (id) { return byId[id].size * sizeFactor; },
    first: function () {  // the selected entity, then its neighbours, best ranked first
      var chosen = network.getSelectedNodes();
      if (chosen.length !== 1) { return []; }
      var around = network.getConnectedNodes(chosen[0]).map(function (id) { return byId[id]; });
      around.sort(function (a, b) { return a.rank - b.rank; });
      return [[byId[chosen[0]], true]].concat(around.map(function (n) { return [n, false]; }));
    }
  });
  window.kgLabels = labelLayer.labels;
  window.kgNodes = nodes;
  window.kgEdges = edges;
  network.once("afterDrawing", function () {
    window.kgReady = true;
    window.kgReadyMs = performance.now();
  });
  function resize() {
    var scale = network.getScale();
    // A step of a quarter octave: zooming redraws, but resizes only now and then.
    var octaves = scale >= 1 ? 0 : Math.round(-0.6 * Math.log2(scale) * 4) / 4;
    var factor = Math.pow(2, octaves);
    if (factor === sizeFactor) { return; }
    sizeFactor = factor;
    nodes.update(data.nodes.map(function (n) { return { id: n.id, size: zoomedSize(n) }; }));
  }
  // Every change of view (a wheel, a search's focus, a fit) ends in a redraw.
  network.on("beforeDrawing", resize);
  function overview() {
    network.fit({ animation: false });
    // Leave some room for the panels floating over the canvas, which sit on the left.
    var wide = container.clientWidth > 900;
    network.moveTo({ scale: network.getScale() * (wide ? 0.8 : 0.85),
      offset: { x: wide ? 110 : 0, y: wide ? 25 : 0 }, animation: false });
  }
  window.kgOverview = overview;
  overview();

  var details = document.getElementById("kg-details");
  var detailsBody = document.getElementById("kg-details-body");
  var edgeById = {};
  data.edges.forEach(function (e) { edgeById[e.id] = e; });
  function showDetails(info) {
    while (detailsBody.firstChild) { detailsBody.removeChild(detailsBody.firstChild); }
    if (!info) { details.style.display = "none"; return; }
    detailsBody.appendChild(info);
    details.style.display = "block";
  }
  document.getElementById("kg-details-close").addEventListener("click", function () {
    network.unselectAll();
    showDetails(null);
  });
  network.on("select", function (p) {
    if (p.nodes.length) { showDetails(nodePanel(byId[p.nodes[0]])); }
    else if (p.edges.length) { showDetails(edgeInfo(edgeById[p.edges[0]])); }
    else { showDetails(null); }
  });
  // A label is the page's drawing, not vis-network's: a click on one selects its entity.
  // Labels are drawn over the edges, so they win over an edge vis-network found there
  // (it has selected it by now), not over a node.
  network.on("click", function (p) {
    if (p.nodes.length) { return; }
    var at = p.pointer.DOM;
    var hit = labelLayer.labels().filter(function (l) {
      return at.x >= l.x && at.x <= l.x + l.w && at.y >= l.y && at.y <= l.y + l.h;
    }).pop();  // the last drawn is on top
    if (!hit) { return; }
    network.selectNodes([hit.id]);
    showDetails(nodePanel(byId[hit.id]));
  });


  // ---- search
  var input = document.getElementById("kg-search");
  var status = document.getElementById("kg-status");
  var list = document.getElementById("kg-labels");
  data.nodes.map(function (n) { return n.label; }).sort().forEach(function (label, i, all) {
    if (i === 0 || all[i - 1] !== label) {
      var o = document.createElement("option");
      o.value = label;
      list.appendChild(o);
    }
  });
  function wordStart(text, q) {
    var i = text.indexOf(q);
    while (i >= 0) {
      if (i === 0 || /[\s\-\u2013\u2014(\/.,'\u2019]/.test(text.charAt(i - 1))) { return true; }
      i = text.indexOf(q, i + 1);
    }
    return false;
  }
  // Ranked matches: exact name or alias, then a word of the name starting with the query,
  // then anywhere in the name, then anywhere in an alias; best-connected first in each tier.
  function matches(q) {
    var tiers = [[], [], [], []];
    data.nodes.forEach(function (n) {
      if (hiddenNode[n.id]) { return; }
      var l = n.label.toLowerCase();
      var aliases = n.aliases.map(function (a) { return a.toLowerCase(); });
      if (l === q || aliases.indexOf(q) >= 0) { tiers[0].push(n); }
      else if (wordStart(l, q)) { tiers[1].push(n); }
      else if (l.indexOf(q) >= 0) { tiers[2].push(n); }
      else if (aliases.some(function (a) { return a.indexOf(q) >= 0; })) { tiers[3].push(n); }
    });
    var out = [];
    tiers.forEach(function (t) {
      t.sort(function (a, b) {
        return b.degree - a.degree || b.mentions - a.mentions
          || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0);
      });
      out = out.concat(t);
    });
    return out.map(function (n) { return n.id; });
  }
  var last = { q: null, ids: [], i: -1 };
  function search(query) {
    var q = String(query || "").trim().toLowerCase();
    if (!q) { status.textContent = ""; return null; }
    if (q !== last.q) { last = { q: q, ids: matches(q), i: 0 }; }
    else if (last.ids.length) { last.i = (last.i + 1) % last.ids.length; }
    if (!last.ids.length) { status.textContent = "No entity matches."; return null; }
    var id = last.ids[last.i];
    network.selectNodes([id], true);
    network.focus(id, { scale: Math.max(network.getScale(), 1.1),
      animation: { duration: 350, easingFunction: "easeInOutQuad" } });
    showDetails(nodePanel(byId[id]));
    status.textContent = "Match " + (last.i + 1) + " of " + last.ids.length
      + (last.ids.length > 1 ? " (Enter for next)" : "");
    return id;
  }
  window.kgSearch = search;

  // ---- filter menus: the legend's checkboxes hide node types and relation families.
  var shown = document.getElementById("kg-shown");
  function applyFilters() {
    var typeOn = {};
    data.nodes.forEach(function (n) { typeOn[n.id] = !hidden.type[n.type]; });
    var linked = {}, visible = {}, edgeCount = 0;
    var edgeUpdates = data.edges.map(function (e) {
      var on = !hidden.family[e.family] && typeOn[e.from] && typeOn[e.to];
      linked[e.from] = linked[e.to] = true;
      if (on) { visible[e.from] = visible[e.to] = true; edgeCount += 1; }
      return { id: e.id, hidden: !on };
    });
    var nodeCount = 0;
    var nodeUpdates = data.nodes.map(function (n) {
      // A node whose every link is filtered away goes too, so no orphans are left behind.
      var on = typeOn[n.id] && (!linked[n.id] || visible[n.id] === true);
      hiddenNode[n.id] = !on;
      if (on) { nodeCount += 1; }
      return { id: n.id, hidden: !on };
    });
    nodes.update(nodeUpdates);
    edges.update(edgeUpdates);
    var all = nodeCount === data.nodes.length && edgeCount === data.edges.length;
    shown.textContent = all ? "" : "Showing " + nodeCount + " of " + data.nodes.length
      + " entities, " + edgeCount + " of " + data.edges.length + " links.";
    return { nodes: nodeCount, edges: edgeCount };
  }
  function setFilter(kind, value, on) {
    if (!hidden[kind]) { return null; }
    if (on) { delete hidden[kind][value]; } else { hidden[kind][value] = true; }
    var boxes = document.querySelectorAll("input.kg-filter");
    Array.prototype.forEach.call(boxes, function (box) {
      if (box.getAttribute("data-kind") === kind && box.value === value) { box.checked = !!on; }
    });
    return applyFilters();
  }
  window.kgFilter = setFilter;
  Array.prototype.forEach.call(document.querySelectorAll("input.kg-filter"), function (box) {
    box.addEventListener("change", function () {
      setFilter(box.getAttribute("data-kind"), box.value, box.checked);
    });
  });
  input.addEventListener("keydown", function (ev) {
    if (ev.key === "Enter") { ev.preventDefault(); search(input.value); }
  });
  document.getElementById("kg-go").addEventListener("click", function () {
    search(input.value);
  });
})();
