// The kg explorer: draws the page whose data the server put in #kg-data, and runs the
// search box. Every text from the graph goes into the page with textContent (never as
// HTML); links come from the server, except an article's own URL, kept to http(s).
"use strict";

(function () {
  const ROOT = "/explore";
  const QUADS = ["kg-q1", "kg-q2", "kg-q3", "kg-q4"];
  const FACT_WORDS = {negated: "did not happen", hypothetical: "hypothetical",
    possible: "possible", planned: "planned"};

  // ---------------------------------------------------------------- building blocks

  function el(tag, attributes, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (name === "class") node.className = value;
      else node.setAttribute(name, value === true ? "" : String(value));
    }
    for (const child of children.flat()) {
      if (child === null || child === undefined || child === false) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  function link(href, ...children) {
    return href ? el("a", {href}, ...children) : el("span", {}, ...children);
  }

  function outside(url) {  // an article's own address: only a web link is followed
    return /^https?:\/\//i.test(url || "") ?
      el("a", {href: url, rel: "noopener noreferrer nofollow"}, "the original") : null;
  }

  function count(n, one, many) {
    return `${Number(n).toLocaleString("en")} ${n === 1 ? one : (many || one + "s")}`;
  }

  function typeBadge(type) {
    return el("span", {class: `kg-type kg-type-${type}`}, type);
  }

  function entityLink(ref) {
    if (!ref) return null;
    return el("span", {class: "kg-entity"}, link(ref.href, ref.name), typeBadge(ref.type));
  }

  function entityName(ref) {  // where a link may not stand (inside a <summary>)
    return el("span", {class: "kg-entity"}, ref.name, typeBadge(ref.type));
  }

  function relationBadge(statement) {
    const classes = ["kg-rel", `kg-family-${statement.family || "other"}`];
    if (statement.factuality === "negated") classes.push("kg-fact-negated");
    return el("span", {class: classes.join(" "),
      title: statement.quadClass ? `PLOVER ${statement.quadClass}` : statement.family},
    statement.relation);
  }

  function factuality(statement) {
    const word = FACT_WORDS[statement.factuality];
    return word ? el("span", {class: `kg-fact kg-fact-${statement.factuality}`}, word) : null;
  }

  function section(title, ...children) {
    return el("section", {"aria-label": title}, el("h2", {}, title), ...children);
  }

  function pager(paging, name) {
    if (!paging || (!paging.previous && !paging.next)) return null;
    const at = (page) => {
      const url = new URL(window.location.href);
      url.hash = "";
      url.searchParams.set(name || "page", page);
      return url.pathname + url.search;
    };
    return el("nav", {class: "kg-pager", "aria-label": "Pages"},
      paging.previous ? el("a", {href: at(paging.page - 1), rel: "prev"}, "← Previous") : null,
      el("span", {}, `Page ${paging.page}`),
      paging.next ? el("a", {href: at(paging.page + 1), rel: "next"}, "Next →") : null);
  }

  // ---------------------------------------------------------------- statements

  function claim(statement) {
    const object = statement.object ? entityLink(statement.object) :
      (statement.objectText ? el("span", {class: "kg-object-text"}, `“${statement.objectText}”`)
        : null);
    const extra = [];
    if (statement.role) extra.push(`as ${statement.role}`);
    if (statement.label && statement.relation === "OTHER") extra.push(`(${statement.label})`);
    if (statement.timeText) extra.push(`· ${statement.timeText}`);
    return el("div", {class: "kg-claim"}, entityLink(statement.subject), " ",
      relationBadge(statement), factuality(statement), " ", object, " ", extra.join(" "),
      statement.place ? el("span", {}, " in ", entityLink(statement.place)) : null);
  }

  function evidence(statement) {
    const article = statement.article;
    return [
      el("blockquote", {class: "kg-sentence"}, statement.sentence.text),
      el("div", {class: "kg-source"},
        el("a", {href: statement.evidenceHref, class: "kg-evidence"}, "See it in the article"),
        " · ", article.title, article.date ? ` · ${article.date}` : "",
        ` · confidence ${Number(statement.confidence).toFixed(2)}`),
    ];
  }

  function statementCard(statement) {
    return el("li", {class: "kg-statement"},
      statement.quote ? el("p", {class: "kg-quote-text"}, `“${statement.quote}”`) : null,
      claim(statement), evidence(statement));
  }

  function statementList(statements) {
    return statements.length ? el("ol", {class: "kg-list"}, statements.map(statementCard)) :
      el("p", {class: "kg-note"}, "No statements.");
  }

  // ---------------------------------------------------------------- the timeline

  function timeline(series) {
    const months = series.months;
    if (!months.length) return el("p", {class: "kg-note"}, "No dated events.");
    const svgNS = "http://www.w3.org/2000/svg";
    const width = 1000, height = 150, middle = 75, step = width / months.length;
    const peak = Math.max(1, ...months.map((m) => Math.max(m.quads[0] + m.quads[1],
      m.quads[2] + m.quads[3])));
    const scale = (middle - 14) / peak;
    const make = (tag, attributes) => {
      const node = document.createElementNS(svgNS, tag);
      for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
      return node;
    };
    const cooperation = months.reduce((n, m) => n + m.quads[0] + m.quads[1], 0);
    const conflict = months.reduce((n, m) => n + m.quads[2] + m.quads[3], 0);
    const svg = make("svg", {viewBox: `0 0 ${width} ${height}`, role: "img",
      preserveAspectRatio: "none"});
    const summary = `Events by month from ${months[0].month} to ` +
      `${months[months.length - 1].month}: ${cooperation} of cooperation (drawn above the ` +
      `line) and ${conflict} of conflict (below)`;
    svg.setAttribute("aria-label", summary);
    svg.append(make("line", {x1: 0, x2: width, y1: middle, y2: middle, class: "kg-axis"}));
    months.forEach((month, i) => {
      const x = i * step + step * 0.1, w = Math.max(step * 0.8, 1);
      let up = middle, down = middle;
      month.quads.forEach((n, quad) => {
        if (!n) return;
        const h = n * scale;
        const y = quad < 2 ? (up -= h) : down;
        if (quad >= 2) down += h;
        const bar = make("rect", {x, y, width: w, height: h, class: QUADS[quad]});
        const tip = make("title", {});
        tip.textContent = `${month.month}: ${n} ${series.classes[quad]}`;
        bar.append(tip);
        svg.append(bar);
      });
      if (month.month.endsWith("-01") || i === 0) {
        const label = make("text", {x: x, y: height - 3, class: "kg-tick"});
        label.textContent = month.month.slice(0, 4);
        svg.append(label);
      }
    });
    const legend = el("div", {class: "kg-legend"}, series.classes.map((name, quad) =>
      el("span", {}, el("span", {class: `kg-swatch ${QUADS[quad]}`}), name)));
    return el("div", {class: "kg-timeline"}, svg, legend, el("p", {class: "kg-hidden"}, summary));
  }

  // ---------------------------------------------------------------- pages

  function entityHeader(entity) {
    return [
      el("h1", {}, entity.name, typeBadge(entity.type)),
      el("p", {class: "kg-meta"},
        `Mentioned ${count(entity.mentions, "time")} in ${count(entity.articles, "article")}`,
        entity.country ? el("span", {}, " · ", link(entity.country.href, entity.country.name))
          : null),
      entity.aliases.length ? el("p", {class: "kg-aliases"}, "Also called: ",
        entity.aliases.join(" · ")) : null,
    ];
  }

  function affiliations(rows) {
    if (!rows.length) return null;
    const what = (row) => row.relation === "HOLDS_POSITION" ?
      (row.direction === "out" ? `${row.role || "post"} of` : `holds ${row.role || "a post"} here:`) :
      (row.direction === "out" ? "member of" : "has as member");
    return section("Posts and memberships", el("table", {},
      el("thead", {}, el("tr", {}, el("th", {scope: "col"}, "What"),
        el("th", {scope: "col"}, "Who"), el("th", {scope: "col"}, "Articles"),
        el("th", {scope: "col"}, "Dates"))),
      el("tbody", {}, rows.map((row) => el("tr", {},
        el("td", {}, what(row)), el("td", {}, entityLink(row.other)),
        el("td", {}, row.articles),
        el("td", {}, row.first === row.last ? row.first || "" :
          `${row.first || "?"} to ${row.last || "?"}`))))));
  }

  function group(entry, entity) {
    const body = el("div", {class: "kg-group-body"}, el("p", {class: "kg-note"}, "Loading…"));
    const counterpart = entry.other ? entityName(entry.other) :
      (entry.otherText ? el("span", {}, `“${entry.otherText}”`) : el("span", {class: "kg-note"},
        "(no one named)"));
    const who = entry.direction === "out" ?
      [el("span", {}, entity.name), " ", relationBadge(entry), " ", counterpart] :
      [counterpart, " ", relationBadge(entry), " ", el("span", {}, entity.name)];
    const unreported = entry.statements - entry.reported;
    const details = el("details", {class: "kg-group"},
      el("summary", {}, who, el("span", {class: "kg-group-count"},
        count(entry.statements, "statement"),
        unreported ? ` (${unreported} not told as done)` : "",
        entry.first ? ` · ${entry.first === entry.last ? entry.first :
          entry.first + " to " + entry.last}` : "")),
      body);
    details.addEventListener("toggle", () => {
      if (!details.open || details.dataset.loaded) return;
      details.dataset.loaded = "yes";
      fetch(entry.href, {headers: {Accept: "application/json"}})
        .then((answer) => answer.ok ? answer.json() : Promise.reject(answer.statusText))
        .then((data) => {
          body.replaceChildren(
            entry.other ? el("p", {}, "With ", entityLink(entry.other), " · ",
              el("a", {href: entry.dyadHref}, `${entity.name} and ${entry.other.name}: ` +
                "everything between them")) : null,
            statementList(data.statements),
            el("p", {}, el("a", {href: entry.href}, "These statements on their own page")));
        })
        .catch((why) => body.replaceChildren(el("p", {class: "kg-error"},
          `The statements could not be read: ${why}`)));
    });
    return details;
  }

  function entityPage(data) {
    const entity = data.entity;
    const quotations = data.quotations.length ? section("Quotations",
      statementList(data.quotations),
      data.allQuotationsHref ? el("p", {}, el("a", {href: data.allQuotationsHref},
        "All quotations")) : null) : null;
    return [
      ...entityHeader(entity),
      affiliations(data.affiliations),
      section("Statements",
        el("p", {class: "kg-meta"}, `${count(data.statements, "statement")} in ` +
          `${count(data.groupCount, "group")} by relation and counterpart; open one for ` +
          "its evidence."),
        el("div", {class: "kg-groups"}, data.groups.map((entry) => group(entry, entity))),
        pager(data.groupPage)),
      quotations,
      section("Events by month", timeline(data.timeline)),
      section("Neighbourhood", el("div", {class: "kg-network"},
        el("iframe", {src: data.networkHref, title: `The network around ${entity.name}`,
          loading: "lazy"}),
        el("p", {}, el("a", {href: data.networkHref}, "Open the network on its own")))),
    ];
  }

  function dyadPage(data) {
    const [a, b] = data.entities;
    return [
      el("h1", {}, link(a.href, a.name), " and ", link(b.href, b.name)),
      el("p", {class: "kg-meta"}, "Every statement between them, either way, newest first."),
      section("Events by month", timeline(data.timeline)),
      section("Statements", statementList(data.statements), pager(data.statementPage)),
    ];
  }

  function statementsPage(data) {
    const filters = data.filters;
    const heading = el("h1", {}, filters.relation ? el("span", {class: "kg-rel"},
      filters.relation) : "Statements",
    filters.entity ? el("span", {}, " of ", link(filters.entity.href, filters.entity.name)) : null,
    filters.other ? el("span", {}, " with ", link(filters.other.href, filters.other.name)) : null,
    filters.text ? el("span", {}, ` with “${filters.text}”`) : null);
    return [
      heading,
      data.relation && data.relation.definition ?
        el("p", {class: "kg-meta"}, data.relation.definition) : null,
      statementList(data.statements), pager(data.statementPage),
    ];
  }

  function homePage(data) {
    const counts = data.counts;
    return [
      el("h1", {}, "Explore the graph"),
      el("p", {}, "Type a name above: a person, a country, an organisation; or an article's " +
        "title, or a relation such as CONSULT. Each page shows what the graph says and the " +
        "sentence each statement comes from."),
      el("div", {class: "kg-counts"},
        el("p", {}, el("strong", {}, counts.articles.toLocaleString("en")), "articles"),
        el("p", {}, el("strong", {}, counts.entities.toLocaleString("en")), "entities"),
        el("p", {}, el("strong", {}, counts.statements.toLocaleString("en")), "statements")),
      section("Most mentioned", el("ul", {class: "kg-grid"}, data.entities.map((entity) =>
        el("li", {}, entityLink(entity), el("div", {class: "kg-meta"},
          `${count(entity.mentions, "mention")} · ${count(entity.articles, "article")}`))))),
      section("Latest articles", el("ul", {class: "kg-list"}, data.articles.map((article) =>
        el("li", {}, link(article.href, article.title),
          el("span", {class: "kg-meta"}, article.date ? ` · ${article.date}` : ""))))),
      section("Relations", el("ul", {class: "kg-grid"}, data.relations.map((relation) =>
        el("li", {}, link(relation.href, el("span", {class: `kg-rel kg-family-${relation.family}`},
          relation.code)), el("div", {class: "kg-meta"}, count(relation.statements,
          "statement")))))),
    ];
  }

  function searchPage(data) {
    const nothing = !data.entities.length && !data.articles.length && !data.relations.length;
    return [
      el("h1", {}, data.q ? `Search: ${data.q}` : "Search"),
      nothing ? el("p", {class: "kg-note"}, data.q ? "Nothing in the graph matches." :
        "Type a name, a title or a relation in the box above.") : null,
      data.entities.length ? section("Entities", el("ul", {class: "kg-list"},
        data.entities.map((entity) => el("li", {}, entityLink(entity),
          el("span", {class: "kg-meta"}, ` · ${count(entity.mentions, "mention")}`,
            entity.country ? ` · ${entity.country.name}` : "",
            entity.aliases.length ? ` · also ${entity.aliases.slice(0, 4).join(", ")}` : ""))))) :
        null,
      data.articles.length ? section("Articles", el("ul", {class: "kg-list"},
        data.articles.map((article) => el("li", {}, link(article.href, article.title),
          el("span", {class: "kg-meta"}, article.date ? ` · ${article.date}` : ""))))) : null,
      data.relations.length ? section("Relations", el("ul", {class: "kg-list"},
        data.relations.map((relation) => el("li", {}, link(relation.href, relation.code),
          el("span", {class: "kg-meta"}, ` · ${count(relation.statements, "statement")} · ` +
            relation.definition))))) : null,
      pager(data.resultPage),
    ];
  }

  function errorPage(data) {
    return [el("h1", {}, data.title), el("p", {class: "kg-error"}, data.error),
      el("p", {}, el("a", {href: `${ROOT}/`}, "Start from the explorer's first page"))];
  }

  // ---------------------------------------------------------------- the article view

  const PART_WORDS = {subject: "subject", object: "object", quote: "quote", role: "post",
    time: "time"};

  function sentenceNode(sentence, statements) {
    const marks = sentence.marks;
    const node = el("span", {class: "kg-text-sentence", id: sentence.id});
    let open = null;  // the entity mark being filled, and its link
    sentence.pieces.forEach((piece, i) => {
      const entity = piece.marks.find((m) => marks[m].kind === "entity");
      const classes = piece.marks.filter((m) => marks[m].kind !== "entity")
        .map((m) => `kg-span-${marks[m].kind}`);
      const text = classes.length ?
        el("span", {class: classes.join(" "), "data-roles": piece.marks.filter((m) =>
          marks[m].kind !== "entity").map((m) => marks[m].roles.join(" ")).join(" ")},
        piece.text) : document.createTextNode(piece.text);
      if (entity === undefined) {
        open = null;
        node.append(text);
        return;
      }
      if (!open || open.index !== entity) {
        const mark = marks[entity];
        const anchor = el("a", {class: `kg-mark kg-type-${mark.entity.type}`,
          href: mark.entity.href, "data-roles": mark.roles.join(" "),
          title: `${mark.entity.name} (${mark.entity.type})`});
        open = {index: entity, anchor};
        node.append(anchor);
      }
      open.anchor.append(text);
      const next = sentence.pieces[i + 1];
      if (!next || !next.marks.includes(entity)) {
        open.anchor.append(el("span", {class: "kg-mark-label", "aria-hidden": "true"},
          marks[entity].entity.type));
      }
    });
    if (sentence.statements.length) {
      node.append(" ", el("span", {class: "kg-chips"}, sentence.statements.map((n) => {
        const statement = statements[n];
        const classes = `kg-chip kg-rel kg-family-${statement.family || "other"}` +
          (statement.factuality ? ` kg-fact-${statement.factuality}` : "");
        const fact = FACT_WORDS[statement.factuality];
        return el("a", {class: classes, href: `#st-${statement.id}`,
          "aria-label": `${statement.relation}${fact ? ", " + fact : ""}: statement ${n + 1}`},
        statement.relation);
      })));
    }
    return node;
  }

  function sideItem(statement, n) {
    const object = statement.object ? statement.object.name : (statement.objectText || "");
    return el("li", {}, el("a", {href: `#st-${statement.id}`, id: `side-${statement.id}`},
      el("span", {class: "kg-side-who"}, `${n + 1}. `, relationBadge(statement),
        factuality(statement)),
      el("span", {class: "kg-side-who"}, statement.subject.name,
        object ? ` → ${object}` : "", statement.role ? ` (${statement.role})` : "")));
  }

  function articlePage(data) {
    const article = data.article;
    const text = el("div", {class: "kg-text"});
    data.sentences.forEach((sentence) => {
      if (sentence.gapBefore) {  // text no statement comes from: the store does not hold it
        const words = `${count(sentence.gapBefore, "character")} the graph does not hold`;
        text.append(el("span", {class: "kg-gap", title: words}, "[…]",
          el("span", {class: "kg-hidden"}, ` (${words})`)), " ");
      }
      text.append(sentenceNode(sentence, data.statements), " ");
    });
    const legend = el("p", {class: "kg-marks-legend"},
      el("span", {}, "Names are marked with their type and link to their page;"),
      el("span", {class: "kg-span-quote"}, "quotation"), el("span", {class: "kg-span-role"},
        "post"), el("span", {class: "kg-span-time"}, "time"),
      el("span", {}, "; a chip after a sentence is a statement read from it."));
    const side = el("aside", {class: "kg-side", "aria-label": "Statements in this article"},
      el("h2", {}, `Statements (${data.statements.length})`),
      el("ol", {}, data.statements.map(sideItem)),
      data.entities.length ? el("div", {}, el("h2", {}, "Named in it"),
        el("ul", {class: "kg-list"}, data.entities.map((e) => el("li", {}, entityLink(e)))))
        : null);
    return [
      el("h1", {}, article.title),
      el("p", {class: "kg-meta"}, [article.date, article.publisher, article.doc]
        .filter(Boolean).join(" · "), article.url ? " · " : "", outside(article.url)),
      legend,
      el("div", {class: "kg-article"},
        el("section", {"aria-label": "The article's text"}, text), side),
      el("div", {id: "kg-live", class: "kg-hidden", "aria-live": "polite"}),
    ];
  }

  function highlight(data) {
    // the statement or sentence the fragment names: scrolled to, its parts outlined
    for (const node of document.querySelectorAll(".is-current, .is-subject, .is-object, " +
      ".is-part, [aria-current]")) {
      node.classList.remove("is-current", "is-subject", "is-object", "is-part");
      node.removeAttribute("aria-current");
      node.removeAttribute("data-part");
    }
    const hash = decodeURIComponent(window.location.hash.slice(1));
    let sentenceId = hash.startsWith("s-") ? hash : null;
    const n = data.statements.findIndex((s) => `st-${s.id}` === hash);
    const live = document.getElementById("kg-live");
    if (n >= 0) {
      const statement = data.statements[n];
      sentenceId = statement.sentence.id;
      for (const node of document.querySelectorAll("[data-roles]")) {
        const roles = node.getAttribute("data-roles").split(" ");
        for (const part of Object.keys(PART_WORDS)) {
          if (!roles.includes(`${n}:${part}`)) continue;
          const kind = part === "subject" || part === "object" ? `is-${part}` : "is-part";
          node.classList.add(kind);
          node.setAttribute("data-part", PART_WORDS[part]);
        }
      }
      for (const chip of document.querySelectorAll(`.kg-chip[href="#st-${statement.id}"]`)) {
        chip.setAttribute("aria-current", "true");
      }
      const item = document.getElementById(`side-${statement.id}`);
      if (item) {
        item.setAttribute("aria-current", "true");
        item.scrollIntoView({block: "nearest"});
      }
      if (live) {
        live.textContent = `Statement ${n + 1}: ${statement.subject.name} ` +
          `${statement.relation} ${statement.object ? statement.object.name : ""}`;
      }
    }
    const sentence = sentenceId && document.getElementById(sentenceId);
    if (sentence) {
      sentence.classList.add("is-current");
      sentence.scrollIntoView({block: "center"});
    }
  }

  // ---------------------------------------------------------------- the search box

  function searchBox() {
    const input = document.getElementById("kg-q");
    const list = document.getElementById("kg-suggestions");
    if (!input || !list) return;
    let options = [], active = -1, asked = 0, timer = null;

    const close = () => {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    };
    const choose = (i) => {
      options.forEach((o, j) => o.setAttribute("aria-selected", j === i ? "true" : "false"));
      active = i;
      if (i >= 0) {
        input.setAttribute("aria-activedescendant", options[i].id);
        options[i].scrollIntoView({block: "nearest"});
      }
    };
    const option = (href, main, meta) => {
      const node = el("div", {class: "kg-option", role: "option", id: `kg-option-${options.length}`,
        "aria-selected": "false", "data-href": href},
      el("span", {class: "kg-option-main"}, main), el("span", {class: "kg-option-meta"}, meta));
      node.addEventListener("mousedown", (event) => event.preventDefault());
      node.addEventListener("click", () => { window.location.href = href; });
      options.push(node);
      return node;
    };
    const show = (data) => {
      options = [];
      const groups = [];
      if (data.entities.length) {
        groups.push(el("div", {class: "kg-suggest-group", role: "presentation"}, "Entities"),
          data.entities.map((e) => option(e.href, e.name, [e.type,
            e.country ? e.country.name : null, count(e.mentions, "mention")]
            .filter(Boolean).join(" · "))));
      }
      if (data.articles.length) {
        groups.push(el("div", {class: "kg-suggest-group", role: "presentation"}, "Articles"),
          data.articles.map((a) => option(a.href, a.title, a.date || "")));
      }
      if (data.relations.length) {
        groups.push(el("div", {class: "kg-suggest-group", role: "presentation"}, "Relations"),
          data.relations.map((r) => option(r.href, r.code, count(r.statements, "statement"))));
      }
      if (!options.length) {
        groups.push(el("div", {class: "kg-suggest-group", role: "presentation"},
          "Nothing matches; Enter searches anyway"));
      }
      list.replaceChildren(...groups.flat());
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
      active = -1;
    };
    const ask = () => {
      const text = input.value.trim();
      if (!text) { close(); return; }
      const mine = ++asked;
      fetch(`${ROOT}/search?limit=8&q=${encodeURIComponent(text)}`,
        {headers: {Accept: "application/json"}})
        .then((answer) => answer.ok ? answer.json() : Promise.reject(answer.status))
        .then((data) => { if (mine === asked && input.value.trim() === text) show(data); })
        .catch(() => close());
    };
    input.addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(ask, 120);
    });
    input.addEventListener("keydown", (event) => {
      if (event.key === "ArrowDown" && options.length) {
        event.preventDefault();
        if (list.hidden) { list.hidden = false; input.setAttribute("aria-expanded", "true"); }
        choose((active + 1) % options.length);
      } else if (event.key === "ArrowUp" && options.length) {
        event.preventDefault();
        choose(active <= 0 ? options.length - 1 : active - 1);
      } else if (event.key === "Enter" && active >= 0 && !list.hidden) {
        event.preventDefault();
        window.location.href = options[active].getAttribute("data-href");
      } else if (event.key === "Escape") {
        close();
      }
    });
    input.addEventListener("blur", () => setTimeout(close, 150));
    const query = new URL(window.location.href).searchParams.get("q");
    if (query && window.location.pathname === `${ROOT}/search`) input.value = query;
  }

  // ---------------------------------------------------------------- start

  const PAGES = {home: homePage, search: searchPage, entity: entityPage, dyad: dyadPage,
    statements: statementsPage, article: articlePage, error: errorPage};

  function start() {
    searchBox();
    const holder = document.getElementById("kg-data");
    const main = document.getElementById("kg-main");
    const data = JSON.parse(holder.textContent);
    main.replaceChildren(...PAGES[data.page](data).flat().filter(Boolean));
    if (data.page === "article") {
      highlight(data);
      window.addEventListener("hashchange", () => highlight(data));
    }
    window.kgReadyAt = performance.now();  // for benchmarks/explorer.py
    window.kgReady = true;
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
}());
