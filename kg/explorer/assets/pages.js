// The pages drawn from their data: home, search, entity, pair, statements, error.
import {ROOT, count, el, entityLink, entityName, link, pager, relationBadge, section, typeBadge} from "./dom.js";
import {statementList} from "./statements.js";
import {timeline} from "./timeline.js";

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

export function entityPage(data) {
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

export function dyadPage(data) {
  const [a, b] = data.entities;
  return [
    el("h1", {}, link(a.href, a.name), " and ", link(b.href, b.name)),
    el("p", {class: "kg-meta"}, "Every statement between them, either way, newest first."),
    section("What passed between them", el("table", {},
      el("thead", {}, el("tr", {}, el("th", {scope: "col"}, "Who"),
        el("th", {scope: "col"}, "Relation"), el("th", {scope: "col"}, "Whom"),
        el("th", {scope: "col"}, "Statements"), el("th", {scope: "col"}, "Dates"))),
      el("tbody", {}, data.relations.map((row) => el("tr", {},
        el("td", {}, row.subject), el("td", {}, relationBadge(row)), el("td", {}, row.object),
        el("td", {}, row.statements === row.reported ? row.statements :
          `${row.statements} (${row.statements - row.reported} not told as done)`),
        el("td", {}, row.first === row.last ? row.first || "" :
          `${row.first} to ${row.last}`)))))),
    section("Events by month", timeline(data.timeline)),
    section("Statements", statementList(data.statements), pager(data.statementPage)),
  ];
}

export function statementsPage(data) {
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

export function homePage(data) {
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

export function searchPage(data) {
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

export function errorPage(data) {
  return [el("h1", {}, data.title), el("p", {class: "kg-error"}, data.error),
    el("p", {}, el("a", {href: `${ROOT}/`}, "Start from the explorer's first page"))];
}
