// Browsing: entities, events (with filters), stories and articles, paged.
import { api, vocabulary } from "../api.js";
import { empty, entityLink, fmtDate, h, hashLink, plural, section, titled } from "../dom.js";
import { eventFilterForm, eventFilters, eventList } from "./shared.js";

const TYPES = ["PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "LAW", "PRODUCT"];

function pager(path, params, pageData) {
  const here = Object.fromEntries(params.entries());
  const prev = Math.max(0, pageData.offset - pageData.limit);
  return h("nav", { class: "pager", "aria-label": "pages" },
    pageData.offset > 0 ? h("a", { class: "button", href: hashLink(path, { ...here, offset: prev }) }, "← Previous") : null,
    h("span", { class: "muted" }, pageData.items.length
      ? `${pageData.offset + 1}–${pageData.offset + pageData.items.length}` : ""),
    pageData.next_offset !== null ? h("a", { class: "button", href: hashLink(path, { ...here, offset: pageData.next_offset }) }, "Next →") : null);
}

export async function entitiesPage(params) {
  const type = params.get("type") || "";
  const q = params.get("q") || "";
  const data = await api("entities", { type, q, limit: 50, offset: params.get("offset") || 0 });
  const filters = h("p", { class: "chips filter" },
    h("a", { class: `chip${type ? "" : " on"}`, href: hashLink("/entities", { q }) }, "all"),
    TYPES.map((t) => h("a", { class: `chip t-${t}${t === type ? " on" : ""}`, href: hashLink("/entities", { type: t, q }) }, t)));
  const node = h("div", null,
    h("h1", null, "Entities"), filters,
    section(q ? `Matching “${q}”` : "In the most articles", data.items.length ? h("table", { class: "table" },
      h("thead", null, h("tr", null, h("th", null, "name"), h("th", null, "type"), h("th", { class: "num" }, "articles"), h("th", { class: "num" }, "mentions"))),
      h("tbody", null, data.items.map((e) => h("tr", null,
        h("td", null, entityLink(e)), h("td", null, e.type), h("td", { class: "num" }, e.articles), h("td", { class: "num" }, e.mentions)))))
      : empty("No entity."), pager("/entities", params, data)));
  return { title: "Entities", node };
}

export async function eventsPage(params) {
  const want = eventFilters(params);
  const data = await api("events", { ...want, limit: 50, offset: params.get("offset") || 0 });
  const form = await eventFilterForm("/events", want, await vocabulary());
  const node = h("div", null, h("h1", null, "Events"), form,
    section("In time order", data.items.length ? eventList(data.items) : empty("No event matches."),
      pager("/events", params, data)));
  return { title: "Events", node };
}

export async function storiesPage(params) {
  const data = await api("stories", { limit: 30, offset: params.get("offset") || 0 });
  const node = h("div", null, h("h1", null, "Stories"),
    data.items.length ? h("div", { class: "grid-cards" }, data.items.map((st) => h("article", { class: "card story-card" },
      h("h2", null, h("a", { href: `#/story/${encodeURIComponent(st.id)}` }, titled(st.title))),
      h("p", { class: "muted small" }, `${plural(st.article_ids.length, "article")} · ${fmtDate(st.start)}`),
      h("ul", { class: "chips" }, st.entities.map((e) => h("li", null, entityLink(e)))))))
      : section("Stories", empty("No story yet.")),
    pager("/stories", params, data));
  return { title: "Stories", node };
}

export async function articlesPage(params) {
  const data = await api("articles", { limit: 30, offset: params.get("offset") || 0 });
  const node = h("div", null, h("h1", null, "Articles"),
    section("In the order they were stored", data.items.length ? h("ul", { class: "list articles" }, data.items.map((a) => h("li", null,
      h("a", { href: `#/article/${encodeURIComponent(a.id)}` }, titled(a.title)),
      h("div", { class: "muted small" }, [a.outlet, fmtDate(a.published), plural(a.words, "word")].filter(Boolean).join(" · ")),
      h("p", { class: "lead" }, a.lead)))) : empty("No article stored yet."),
    pager("/articles", params, data)));
  return { title: "Articles", node };
}
