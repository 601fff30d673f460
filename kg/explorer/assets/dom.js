// The explorer's building blocks: elements made with textContent only, links, badges.

export const ROOT = "/explore";
export const QUADS = ["kg-q1", "kg-q2", "kg-q3", "kg-q4"];
export const FACT_WORDS = {negated: "did not happen", hypothetical: "hypothetical",
  possible: "possible", planned: "planned"};

export function el(tag, attributes, ...children) {
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

export function link(href, ...children) {
  return href ? el("a", {href}, ...children) : el("span", {}, ...children);
}

export function outside(url) {  // an article's own address: only a web link is followed
  return /^https?:\/\//i.test(url || "") ?
    el("a", {href: url, rel: "noopener noreferrer nofollow"}, "the original") : null;
}

export function count(n, one, many) {
  return `${Number(n).toLocaleString("en")} ${n === 1 ? one : (many || one + "s")}`;
}

export function typeBadge(type) {
  return el("span", {class: `kg-type kg-type-${type}`}, type);
}

export function entityLink(ref) {
  if (!ref) return null;
  return el("span", {class: "kg-entity"}, link(ref.href, ref.name), typeBadge(ref.type));
}

export function entityName(ref) {  // where a link may not stand (inside a <summary>)
  return el("span", {class: "kg-entity"}, ref.name, typeBadge(ref.type));
}

export function relationBadge(statement) {
  const classes = ["kg-rel", `kg-family-${statement.family || "other"}`];
  if (statement.factuality === "negated") classes.push("kg-fact-negated");
  return el("span", {class: classes.join(" "),
    title: statement.quadClass ? `PLOVER ${statement.quadClass}` : statement.family},
  statement.relation);
}

export function factuality(statement) {
  const word = FACT_WORDS[statement.factuality];
  return word ? el("span", {class: `kg-fact kg-fact-${statement.factuality}`}, word) : null;
}

export function section(title, ...children) {
  return el("section", {"aria-label": title}, el("h2", {}, title), ...children);
}

export function pager(paging, name) {
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
