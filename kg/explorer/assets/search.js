// The search box: suggestions as one types, a listbox driven by the keyboard too.
import {ROOT, count, el} from "./dom.js";

export function searchBox() {
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
      .then((data) => {
        if (mine !== asked || input.value.trim() !== text) return;  // a later one is coming
        show(data);
        list.dataset.query = text;  // which text the options answer (tests wait on it)
      })
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
