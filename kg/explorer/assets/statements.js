// A statement as a card: who did what to whom, and the sentence it comes from.
import {el, entityLink, factuality, relationBadge} from "./dom.js";

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

export function statementList(statements) {
  return statements.length ? el("ol", {class: "kg-list"}, statements.map(statementCard)) :
    el("p", {class: "kg-note"}, "No statements.");
}
