// The article view: the sentences with statements marked in place, and the list beside.
import {FACT_WORDS, count, el, entityLink, factuality, outside, relationBadge} from "./dom.js";

const PART_WORDS = {subject: "subject", object: "object", quote: "quote", role: "post",
  time: "time", verb: "relation"};

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

export function articlePage(data) {
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
    el("span", {}, "; a chip after a sentence is a statement read from it: choose one to " +
      "outline its parts."));
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

export function highlight(data) {
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
