// The start page: what the store holds, the most mentioned entities, the largest stories.
import { api } from "../api.js";
import { empty, entityLink, fmtDate, h, plural, section, titled } from "../dom.js";

export async function homePage() {
  const [stats, people, orgs, places, stories] = await Promise.all([
    api("stats"),
    api("entities", { type: "PERSON", limit: 10 }),
    api("entities", { type: "ORG", limit: 10 }),
    api("entities", { type: "GPE", limit: 10 }),
    api("stories", { limit: 6 }),
  ]);
  const figure = (n, label, href) => h("a", { class: "figure", href }, h("b", null, n.toLocaleString()), label);
  const top = (title, page, type) => section(title,
    page.items.length
      ? h("ul", { class: "chips" }, page.items.map((e) => h("li", null, entityLink(e),
        h("small", { class: "muted" }, ` ${e.articles}`))))
      : empty("None yet."),
    h("p", null, h("a", { href: `#/entities?type=${type}` }, "All →")));
  const node = h("div", { class: "home" },
    h("section", { class: "card intro" },
      h("h1", null, "Who did what to whom, as reported by whom"),
      h("p", { class: "muted" }, "Search a person, organisation or place above, or start from a story."),
      h("div", { class: "figures" },
        figure(stats.articles, "articles", "#/articles"),
        figure(stats.entities, "entities", "#/entities"),
        figure(stats.events, "events", "#/events"),
        figure(stats.stories, "stories", "#/stories"))),
    h("div", { class: "cols three" },
      top("People", people, "PERSON"), top("Organisations", orgs, "ORG"), top("Places", places, "GPE")),
    section("Largest stories", stories.items.length ? h("ul", { class: "list" }, stories.items.map((st) =>
      h("li", null, h("a", { href: `#/story/${encodeURIComponent(st.id)}` }, titled(st.title)),
        h("div", { class: "muted small" }, `${plural(st.article_ids.length, "article")} · `,
          `${fmtDate(st.start)}${st.end && st.end !== st.start ? ` – ${fmtDate(st.end)}` : ""}`)))) : empty("No stories yet.")));
  return { title: "Home", node };
}
