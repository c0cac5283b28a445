// An event: who, what, when, where, and every report of it side by side with its evidence.
import { api } from "../api.js";
import { entityLink, fmtDate, fmtSpan, h, plural, statusBadge, typeBadge } from "../dom.js";
import { sentenceWithTrigger } from "../components/highlight.js";
import { participants } from "./shared.js";

function reportCard(r, event, conflicted) {
  const flagged = conflicted.get(r.id) || [];
  return h("article", { class: `report${flagged.length ? " in-conflict" : ""}`, "data-report": r.id },
    h("header", null,
      h("b", { class: "outlet" }, r.outlet || "unknown outlet"),
      h("span", { class: "muted" }, r.published ? ` · ${fmtDate(r.published)}` : " · undated"),
      " ", r.status !== event.status ? statusBadge(r.status) : null),
    h("blockquote", { class: "evidence-sentence" }, sentenceWithTrigger(r)),
    h("dl", { class: "report-facts" },
      h("dt", null, "According to"), h("dd", null, r.attributed_to || h("span", { class: "muted" }, "the outlet")),
      h("dt", null, "Time"), h("dd", { class: flagged.includes("time") ? "conflict-value" : null },
        r.time ? `${fmtSpan(r.time)}${r.time.text ? ` (“${r.time.text}”)` : ""}` : h("span", { class: "muted" }, "not stated")),
      r.place ? [h("dt", null, "Place"), h("dd", { class: flagged.includes("place") ? "conflict-value" : null }, entityLink(r.place))] : null,
      h("dt", null, "Status"), h("dd", { class: flagged.includes("status") ? "conflict-value" : null }, statusBadge(r.status)),
      Object.entries(r.figures || {}).map(([name, value]) => [h("dt", null, name[0].toUpperCase() + name.slice(1)),
        h("dd", { class: flagged.includes(name) ? "conflict-value" : null }, value)]),
      r.joined ? [h("dt", null, "Joined"), h("dd", { class: "muted joined" }, r.joined)] : null),
    h("footer", null, h("a", { href: `#/article/${encodeURIComponent(r.article_id)}?hl=${r.start}-${r.end}` }, "Read in the article →")));
}

export async function eventPage(id) {
  const e = await api(`events/${encodeURIComponent(id)}`);
  const conflicted = new Map();
  for (const c of e.conflicts) {
    for (const rid of c.report_ids) conflicted.set(rid, [...(conflicted.get(rid) || []), c.field]);
  }
  const node = h("div", { class: "event" },
    h("section", { class: "card head" },
      h("div", { class: "kicker" }, typeBadge(e.type), " ", statusBadge(e.status),
        e.mode ? h("span", { class: "badge" }, e.mode) : null,
        e.contexts.map((c) => h("span", { class: "badge ctx" }, c))),
      h("h1", null, e.summary),
      h("dl", { class: "event-facts" },
        h("dt", null, "Who"), h("dd", null, participants(e)),
        h("dt", null, "When"), h("dd", null, fmtSpan(e.time), e.time && e.time.text ? h("span", { class: "muted" }, ` (“${e.time.text}”)`) : null),
        h("dt", null, "Where"), h("dd", null, e.place ? entityLink(e.place) : h("span", { class: "muted" }, "not stated")),
        h("dt", null, "Sources"), h("dd", null, `${plural(e.sources, "outlet")}, ${plural(e.reports.length, "report")}`),
        h("dt", null, "Confidence"), h("dd", null, e.confidence.toFixed(2)))),
    e.conflicts.length ? h("section", { class: "card conflicts", role: "alert" },
      h("h2", null, "⚠ The reports disagree"),
      h("ul", null, e.conflicts.map((c) => h("li", null, h("b", null, c.field), ": ",
        c.values.join(" vs "), h("span", { class: "muted small" }, ` (${plural(c.report_ids.length, "report")})`))))) : null,
    h("h2", { class: "reports-title" }, `Reports (${e.reports.length})`),
    h("div", { class: "reports" }, e.reports.map((r) => reportCard(r, e, conflicted))));
  return { title: e.summary, node };
}
