// The single-page app: hash routes (#/entity/ID, #/event/ID, ...) rendered from the JSON API.
import { api } from "./api.js";
import { alertsPage } from "./pages/alerts.js";
import { h } from "./dom.js";
import { articlePage } from "./pages/article.js";
import { entityPage } from "./pages/entity.js";
import { eventPage } from "./pages/event.js";
import { homePage } from "./pages/home.js";
import { articlesPage, entitiesPage, eventsPage, storiesPage } from "./pages/lists.js";
import { mapPage } from "./pages/map.js";
import { networkPage } from "./pages/network.js";
import { searchPage } from "./pages/search.js";
import { storyPage } from "./pages/story.js";
import { timelinePage } from "./pages/timeline.js";

const ROUTES = [
  [/^\/?$/, "home", homePage],
  [/^\/search$/, "search", searchPage],
  [/^\/entity\/([^/]+)$/, "entity", entityPage],
  [/^\/event\/([^/]+)$/, "event", eventPage],
  [/^\/article\/([^/]+)$/, "article", articlePage],
  [/^\/story\/([^/]+)$/, "story", storyPage],
  [/^\/entities$/, "entities", entitiesPage],
  [/^\/events$/, "events", eventsPage],
  [/^\/stories$/, "stories", storiesPage],
  [/^\/articles$/, "articles", articlesPage],
  [/^\/timeline$/, "timeline", timelinePage],
  [/^\/network$/, "network", networkPage],
  [/^\/map$/, "map", mapPage],
  [/^\/alerts$/, "alerts", alertsPage],
];

let current = 0;

function parseHash() {
  const hash = location.hash.replace(/^#/, "") || "/";
  const at = hash.indexOf("?");
  const path = at < 0 ? hash : hash.slice(0, at);
  const params = new URLSearchParams(at < 0 ? "" : hash.slice(at + 1));
  return { path, params };
}

async function render() {
  const token = ++current;
  const main = document.getElementById("app");
  const { path, params } = parseHash();
  const route = ROUTES.find(([re]) => re.test(path));
  main.setAttribute("aria-busy", "true");
  delete main.dataset.page;
  document.querySelectorAll("[data-nav]").forEach((a) => a.classList.remove("active"));
  if (!route) {
    main.replaceChildren(h("section", { class: "card" }, h("h1", null, "Not found"),
      h("p", null, "No page at ", h("code", null, path), ". ", h("a", { href: "#/" }, "Home"))));
    main.dataset.page = "missing";
    main.setAttribute("aria-busy", "false");
    return;
  }
  const [re, name, page] = route;
  const args = re.exec(path).slice(1).map(decodeURIComponent);
  const nav = document.querySelector(`[data-nav="${name}"]`)
    || document.querySelector(`[data-nav="${name}s"]`);
  if (nav) nav.classList.add("active");
  let result;
  try {
    result = await page(...args, params);
  } catch (error) {
    result = {
      title: "Error",
      node: h("section", { class: "card error" }, h("h1", null,
        error.status === 404 ? "Not found" : "Something went wrong"),
        h("p", null, error.message || String(error)), h("p", null, h("a", { href: "#/" }, "Home"))),
    };
  }
  if (token !== current) return; // a newer navigation won
  main.replaceChildren(result.node);
  document.title = result.title ? `${result.title} · newsgraph` : "newsgraph";
  main.dataset.page = name;
  main.setAttribute("aria-busy", "false");
  if (result.after) result.after();
  if (!params.get("hl")) window.scrollTo(0, 0);
}

// -- the search box: suggestions as you type, full results on Enter ---------------------------
function setupSearch() {
  const form = document.getElementById("search");
  const input = document.getElementById("q");
  const list = document.getElementById("suggest");
  let timer = 0;
  let asked = 0;
  let active = -1;

  const close = () => { list.hidden = true; active = -1; input.setAttribute("aria-expanded", "false"); };
  const options = () => [...list.querySelectorAll("a")];
  const mark = () => options().forEach((a, i) => a.setAttribute("aria-selected", String(i === active)));

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const q = input.value.trim();
    if (active >= 0 && options()[active]) {
      location.hash = options()[active].getAttribute("href");
    } else if (q) {
      location.hash = `#/search?q=${encodeURIComponent(q)}`;
    }
    close();
  });
  input.addEventListener("input", () => {
    clearTimeout(timer);
    const q = input.value.trim();
    if (q.length < 2) { close(); return; }
    timer = setTimeout(async () => {
      const mine = ++asked;
      let found;
      try {
        found = await api("entities", { q, limit: 8 });
      } catch {
        return;
      }
      if (mine !== asked) return;
      list.replaceChildren(...found.items.map((e) => h("li", { role: "presentation" },
        h("a", { href: `#/entity/${encodeURIComponent(e.id)}`, role: "option", class: "opt" },
          h("span", { class: `dot t-${e.type}` }), e.name, h("small", null, ` ${e.type}`)))));
      list.hidden = found.items.length === 0;
      active = -1;
      input.setAttribute("aria-expanded", String(!list.hidden));
    }, 150);
  });
  input.addEventListener("keydown", (event) => {
    const opts = options();
    if (list.hidden || !opts.length) return;
    if (event.key === "ArrowDown") { active = (active + 1) % opts.length; mark(); event.preventDefault(); }
    if (event.key === "ArrowUp") { active = (active - 1 + opts.length) % opts.length; mark(); event.preventDefault(); }
    if (event.key === "Escape") close();
  });
  list.addEventListener("click", () => close());
  document.addEventListener("click", (event) => { if (!form.contains(event.target)) close(); });
  window.addEventListener("hashchange", () => {
    const { path, params } = parseHash();
    input.value = path === "/search" ? params.get("q") || "" : "";
    close();
  });
  const { path, params } = parseHash();
  if (path === "/search") input.value = params.get("q") || "";
}

window.addEventListener("hashchange", render);
setupSearch();
render();
