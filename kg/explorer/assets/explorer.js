// The kg explorer: draws the page whose data the server put in #kg-data, and runs the
// search box. Every text from the graph goes into the page with textContent (never as
// HTML); links come from the server, except an article's own URL, kept to http(s).
import {articlePage, highlight} from "./article.js";
import {dyadPage, entityPage, errorPage, homePage, searchPage, statementsPage} from "./pages.js";
import {searchBox} from "./search.js";

const PAGES = {home: homePage, search: searchPage, entity: entityPage, dyad: dyadPage,
  statements: statementsPage, article: articlePage, error: errorPage};

function start() {
  searchBox();
  const data = JSON.parse(document.getElementById("kg-data").textContent);
  document.getElementById("kg-main")
    .replaceChildren(...PAGES[data.page](data).flat().filter(Boolean));
  if (data.page === "article") {
    highlight(data);
    window.addEventListener("hashchange", () => highlight(data));
  }
  window.kgReadyAt = performance.now();  // for benchmarks/explorer.py
  window.kgReady = true;
}

// a module runs once the document is parsed: the data block is there
start();
