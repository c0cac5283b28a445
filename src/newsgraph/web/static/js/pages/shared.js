// Pieces several pages use: event rows, evidence lists, report cards.
import { entityLink, fmtDate, fmtSpan, h, plural, statusBadge, typeBadge } from "../dom.js";
import { markPhrase } from "../components/highlight.js";

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
