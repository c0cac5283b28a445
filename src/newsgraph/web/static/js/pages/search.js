// Search results: matching entities first, then articles with the matching passage.
import { api } from "../api.js";
import { empty, entityLink, fmtDate, h, plural, section, snippet, titled } from "../dom.js";

export async function searchPage(params) {
  const q = (params.get("q") || "").trim();
  if (!q) {
    return { title: "Search", node: section("Search", empty("Type a name or some words in the search box.")) };
  }
  const found = await api("search", { q, limit: 30 });
  const node = h("div", { class: "search-results" },
    h("h1", null, "Results for ", h("q", null, q)),
    section(`Entities (${found.entities.length})`, found.entities.length
      ? h("ul", { class: "list entities" }, found.entities.map((e) => h("li", { class: "hit-entity" },
        entityLink(e), " ", h("span", { class: "muted small" },
          `${e.type} · ${plural(e.articles, "article")} · ${plural(e.mentions, "mention")}`))))
      : empty("No entity by that name.")),
    section(`Articles (${found.articles.length})`, found.articles.length
      ? h("ul", { class: "list articles" }, found.articles.map((a) => h("li", { class: "hit-article" },
        h("a", { href: `#/article/${encodeURIComponent(a.article_id)}` }, titled(a.title)),
        h("div", { class: "muted small" }, [a.outlet, fmtDate(a.published)].filter(Boolean).join(" · ")),
        h("p", null, snippet(a.snippet)))))
      : empty("No article contains every word.")));
  return { title: `Search: ${q}`, node };
}
