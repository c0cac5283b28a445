// Pieces several pages use: event rows, evidence lists, report cards.
import { api } from "../api.js";
import { entityLink, fmtDate, fmtSpan, h, hashLink, plural, statusBadge, typeBadge } from "../dom.js";
import { markPhrase } from "../components/highlight.js";

/** The filters of an events query (/api/events, /api/places), from the page's parameters. */
export function eventFilters(params) {
  return Object.fromEntries(["entity", "type", "status", "from", "to", "outlet"].map((k) => [k, params.get(k) || ""]));
}

/** The form that sets those filters on the page at `route`; submitting it opens the page again. */
export async function eventFilterForm(route, want, vocab, { cls = "filters card", button = "Filter" } = {}) {
  let who = null;
  if (want.entity) {
    try { who = await api(`entities/${encodeURIComponent(want.entity)}`, { timeline_limit: 1 }); } catch { who = null; }
  }
  const select = (name, options) => h("select", { name },
    h("option", { value: "" }, `any ${name}`),
    options.map((o) => h("option", { value: o, selected: o === want[name] || o === want[name].toUpperCase() }, o)));
  const form = h("form", { class: cls },
    h("input", { type: "hidden", name: "entity", value: want.entity }),
    who ? h("span", null, "with ", entityLink(who), " ", h("a", { href: hashLink(route, { ...want, entity: "" }), title: "remove" }, "✕")) : null,
    select("type", vocab.categories.map((c) => c.name)), select("status", vocab.statuses),
    h("label", null, "from ", h("input", { type: "date", name: "from", value: want.from })),
    h("label", null, "to ", h("input", { type: "date", name: "to", value: want.to })),
    h("input", { type: "text", name: "outlet", placeholder: "outlet", value: want.outlet }),
    h("button", { type: "submit" }, button));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    location.hash = hashLink(route, Object.fromEntries(new FormData(form).entries()));
  });
  return form;
}

/** One event as a row of a list: date, badges, summary, sources. */
export function eventRow(e) {
  return h("li", { class: "event-row", "data-status": e.status },
    h("span", { class: "when" }, fmtSpan(e.time)),
    h("span", { class: "what" },
      typeBadge(e.type), " ", statusBadge(e.status), " ",
      h("a", { href: `#/event/${encodeURIComponent(e.id)}`, class: "summary" }, e.summary),
      e.conflicts && e.conflicts.length
        ? h("span", { class: "badge conflict", title: e.conflicts.map((c) => `${c.field}: ${c.values.join(" vs ")}`).join("; ") },
          "⚠ reports disagree")
        : null),
    h("span", { class: "sources", title: "distinct outlets reporting it" }, plural(e.sources, "source")));
}

export function eventList(events) {
  return h("ol", { class: "events" }, events.map(eventRow));
}

/** Evidence sentences behind a role or attribute, shown on demand. */
export function evidence(items, phrase) {
  return h("details", { class: "evidence" },
    h("summary", null, `evidence (${items.length})`),
    h("ul", null, items.map((ev) => h("li", null,
      h("blockquote", null, markPhrase(ev.sentence, phrase)),
      h("a", { class: "small", href: `#/article/${encodeURIComponent(ev.article_id)}?hl=${ev.start}-${ev.end}` },
        "in the article →")))));
}

export function participants(e) {
  const list = (refs) => refs.length ? refs.map((r) => [entityLink(r), " "]) : h("span", { class: "muted" }, "—");
  return [list(e.actors), h("span", { class: "arrow" }, "→"), " ", list(e.recipients)];
}

export function pubLine(outlet, published) {
  return [outlet || "unknown outlet", published ? fmtDate(published) : "undated"].join(" · ");
}
