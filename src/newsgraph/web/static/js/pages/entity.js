// An entity: who or what it is (with evidence), what it did and had done to it, with whom.
import { api } from "../api.js";
import { empty, entityLink, fmtDate, h, hashLink, plural, section } from "../dom.js";
import { coverageSection } from "../components/coverage-chart.js";
import { timelineChart } from "../components/timeline-chart.js";
import { eventList, evidence } from "./shared.js";

export async function entityPage(id) {
  const [e, coverage] = await Promise.all([api(`entities/${encodeURIComponent(id)}`),
    coverageSection({ entity: id })]);
  const facts = [
    ...e.roles.map((r) => h("li", { class: "fact role" }, h("span", { class: "fact-text" }, r.text), " ",
      evidence(r.evidence, r.text))),
    ...e.attributes.map((a) => h("li", { class: "fact attribute" },
      h("span", { class: "fact-key" }, `${a.key}: `), h("span", { class: "fact-text" }, a.value), " ",
      evidence(a.evidence, a.value))),
  ];
  const all = [...e.timeline, ...e.undated];
  const shown = e.timeline.length + e.undated.length;
  const chart = e.timeline.length ? timelineChart(e.timeline, { compact: true }) : null;
  const node = h("div", { class: "entity" },
    h("section", { class: "card head" },
      h("div", { class: "kicker" }, h("span", { class: `chip t-${e.type}` }, e.type)),
      h("h1", null, e.name),
      e.aliases.length ? h("p", { class: "aliases" }, "also: ", e.aliases.join(" · ")) : null,
      h("p", { class: "muted" }, `${plural(e.articles, "article")} · ${plural(e.mentions, "mention")} · `,
        plural(e.events_total, "event")),
      h("p", { class: "actions" },
        h("a", { class: "button", href: hashLink("/timeline", { entity: e.id }) }, "Timeline"),
        h("a", { class: "button", href: hashLink("/network", { entity: e.id }) }, "Network"),
        h("a", { class: "button", href: hashLink("/map", { entity: e.id }) }, "Map"),
        h("a", { class: "button", href: hashLink("/events", { entity: e.id }) }, "All events"))),
    coverage,
    section("Roles and attributes", facts.length ? h("ul", { class: "facts" }, facts)
      : empty("No role or attribute found in the text.")),
    section("Timeline",
      chart ? chart.node : null,
      e.timeline.length ? eventList(e.timeline) : empty("No dated event."),
      e.undated.length ? [h("h3", null, "Undated"), eventList(e.undated)] : null,
      e.events_total > shown
        ? h("p", null, `Showing the latest ${shown} of ${e.events_total} events. `,
          h("a", { href: hashLink("/events", { entity: e.id }) }, "See them all →"))
        : null,
      all.length ? null : empty("No event involves this entity.")),
    h("div", { class: "cols two" },
      section("Counterparts", e.counterparts.length
        ? h("ul", { class: "list counterparts" }, e.counterparts.map((c) => h("li", null,
          entityLink(c), " ", h("span", { class: "muted small" }, `${plural(c.events, "event")} · ${c.types.join(", ")}`),
          " ", h("a", { class: "small", href: hashLink("/network", { entity: c.id }) }, "network"))))
        : empty("Shares no event with another entity.")),
      section("Quotes", e.quotes.length
        ? h("ul", { class: "list quotes" }, e.quotes.map((q) => h("li", null,
          h("blockquote", null, `“${q.text}”`),
          h("div", { class: "muted small" }, [q.outlet, fmtDate(q.date)].filter(Boolean).join(" · "), " · ",
            h("a", { href: `#/article/${encodeURIComponent(q.article_id)}?hl=${q.start}-${q.end}` }, "in the article")))))
        : empty("No direct quote attributed."))),
    e.merges && e.merges.length ? h("details", { class: "card merges" },
      h("summary", null, `How this entity was resolved (${e.merges.length} merges)`),
      h("ul", null, e.merges.map((m) => h("li", null,
        h("a", { href: `#/article/${encodeURIComponent(m.article_id)}` }, m.article_id), `: ${m.reason} (score ${m.score})`)))) : null,
    e.judgements && e.judgements.length ? h("details", { class: "card merges judgements" },
      h("summary", null, `Analysts' judgements (${e.judgements.length})`),
      h("ul", null, e.judgements.map((j) => h("li", null,
        `${j.kind.replace("_", " ")}: ${j.names.join(" / ")} · ${fmtDate(j.created_at)}`)))) : null);
  return { title: e.name, node };
}
