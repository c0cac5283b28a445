// The article reader: the clean text with entities, event triggers and times marked.
import { api } from "../api.js";
import { entityLink, fmtDate, fmtSpan, h, plural, statusBadge, titled, titleText, typeBadge } from "../dom.js";
import { highlight } from "../components/highlight.js";
import { participants } from "./shared.js";

/** The article's lead happening: who did what to whom, when and where. */
function mainEvent(m, flash) {
  if (!m) return h("section", { class: "card main-event" }, h("h2", null, "Main event"), h("p", { class: "muted" }, "None found."));
  return h("section", { class: "card main-event" },
    h("h2", null, "Main event"),
    h("p", { class: "kicker" }, typeBadge(m.kind ? `${m.type} · ${m.kind}` : m.type), " ", statusBadge(m.status), " ",
      h("a", { href: `#/event/${encodeURIComponent(m.event_id)}`, class: "summary" }, m.summary || m.trigger.text), " ",
      h("button", { type: "button", class: "locate", title: "show it in the text", onclick: () => flash(".trigger.main-trigger") }, "find in text")),
    h("dl", { class: "event-facts" },
      h("dt", null, "Who"), h("dd", null, participants(m)),
      h("dt", null, "What"), h("dd", null, `“${m.trigger.text}”`),
      h("dt", null, "When"), h("dd", null, m.time ? fmtSpan(m.time) : h("span", { class: "muted" }, "not stated"),
        m.time && m.time.text ? h("span", { class: "muted" }, ` (“${m.time.text}”)`) : null),
      h("dt", null, "Where"), h("dd", null, m.place ? entityLink(m.place) : h("span", { class: "muted" }, "not stated"))));
}

function spansOf(a, focus) {
  const main = a.main_event;
  const spans = [];
  for (const m of a.mentions) {
    spans.push({
      start: m.start, end: m.end, kind: "mention", cls: `t-${m.type} k-${m.kind}`,
      href: m.entity_id ? `#/entity/${encodeURIComponent(m.entity_id)}` : null,
      title: `${m.type} · ${m.kind}${m.reason ? ` — ${m.reason}` : ""}`,
    });
  }
  for (const t of a.times) {
    spans.push({
      start: t.start, end: t.end, kind: "time",
      title: t.start_date ? `${t.start_date}${t.end_date && t.end_date !== t.start_date ? ` … ${t.end_date}` : ""} (${t.granularity})` : "time not resolved",
    });
  }
  for (const r of a.reports) {
    spans.push({ start: r.start, end: r.end, kind: "sentence", data: { event: r.event_id } });
    spans.push({
      start: r.trigger.start, end: r.trigger.end, kind: "trigger",
      cls: `status-${r.status}${main && main.trigger.start === r.trigger.start ? " main-trigger" : ""}`,
      href: `#/event/${encodeURIComponent(r.event_id)}`,
      title: `${r.type} · ${r.status}${r.summary ? ` — ${r.summary}` : ""}`, data: { event: r.event_id },
    });
  }
  if (focus) spans.push({ start: focus[0], end: focus[1], kind: "focus" });
  return spans;
}

export async function articlePage(id, params) {
  const a = await api(`articles/${encodeURIComponent(id)}`);
  const hl = /^(\d+)-(\d+)$/.exec(params.get("hl") || "");
  const focus = hl ? [+hl[1], +hl[2]] : null;
  const text = h("div", { class: "reader-text", lang: a.language || null }, highlight(a.text, spansOf(a, focus)));
  const reader = h("div", { class: "reader" }, text);
  const toggle = (cls, label, swatch) => h("label", { class: "toggle" },
    h("input", { type: "checkbox", checked: true, onchange: (ev) => reader.classList.toggle(`hide-${cls}`, !ev.target.checked) }),
    h("span", { class: `swatch ${swatch}` }), label);
  const byEntity = new Map();
  for (const m of a.mentions) {
    if (!m.entity_id) continue;
    const p = byEntity.get(m.entity_id) || { id: m.entity_id, name: m.text, type: m.type, count: 0, rank: -1 };
    // the name to show: a proper name, not a demonym ("Chile" over "Chilean"), the longest
    const rank = m.kind === "name" ? (m.type === "NORP" ? 1 : 2) * 1000 + m.text.length : 0;
    if (rank > p.rank) Object.assign(p, { name: m.text, type: m.type, rank });
    p.count += 1;
    byEntity.set(m.entity_id, p);
  }
  const people = [...byEntity.values()].sort((x, y) => y.count - x.count || x.name.localeCompare(y.name));
  const seen = new Set();
  const events = a.reports.filter((r) => !seen.has(r.event_id) && seen.add(r.event_id));
  const flash = (selector) => {
    const target = text.querySelector(selector);
    if (!target) return;
    target.scrollIntoView({ block: "center", behavior: "smooth" });
    target.classList.add("flash");
    setTimeout(() => target.classList.remove("flash"), 1600);
  };
  const meta = [a.outlet || "unknown outlet", a.published ? fmtDate(a.published) : "undated",
    a.authors && a.authors.length ? `by ${a.authors.join(", ")}` : null, a.language].filter(Boolean);
  const node = h("div", { class: "article" },
    h("section", { class: "card head" },
      h("h1", null, titled(a.title)),
      h("p", { class: "muted" }, meta.join(" · ")),
      a.url ? h("p", { class: "small" }, "Source: ", /^https?:\/\//i.test(a.url)
        ? h("a", { href: a.url, rel: "noopener noreferrer nofollow", target: "_blank" }, a.url)
        : h("span", null, a.url)) : null,
      a.near_duplicates.length ? h("p", { class: "small" }, "Near-duplicates: ", a.near_duplicates.map((d) => [
        h("a", { href: `#/article/${encodeURIComponent(d.article_id)}` }, d.article_id), ` (${d.score.toFixed(2)}) `])) : null),
    mainEvent(a.main_event, flash),
    h("div", { class: "reader-layout" },
      h("section", { class: "card" },
        h("div", { class: "legend" },
          toggle("mentions", "entities", "sw-mention"),
          toggle("triggers", "event triggers", "sw-trigger"),
          toggle("times", "times", "sw-time")),
        reader,
        a.removed.length ? h("details", { class: "removed" },
          h("summary", null, `Removed boilerplate (${a.removed.length})`),
          h("ul", null, a.removed.map((r) => h("li", null, h("span", { class: "badge" }, r.reason), " ",
            h("span", { class: "removed-text" }, r.text))))) : null),
      h("aside", { class: "card side" },
        h("h2", null, `Events (${events.length})`),
        events.length ? h("ul", { class: "list" }, events.map((r) => h("li", null,
          typeBadge(r.type), " ", statusBadge(r.status), " ",
          h("a", { href: `#/event/${encodeURIComponent(r.event_id)}` }, r.summary || r.trigger.text), " ",
          h("button", { type: "button", class: "locate", title: "show it in the text", onclick: () => flash(`.trigger[data-event="${CSS.escape(r.event_id)}"]`) }, "find in text")))) : h("p", { class: "muted" }, "None found."),
        h("h2", null, `Entities (${people.length})`),
        h("ul", { class: "chips" }, people.map((p) => h("li", null,
          h("a", { class: `chip t-${p.type}`, href: `#/entity/${encodeURIComponent(p.id)}` }, p.name),
          h("small", { class: "muted" }, ` ${p.count}`)))),
        h("p", { class: "muted small" }, `${plural(a.mentions.length, "mention")}, ${plural(a.times.length, "time expression")}`))));
  const after = () => {
    const target = text.querySelector(".focus");
    if (target) target.scrollIntoView({ block: "center" });
  };
  return { title: titleText(a.title), node, after };
}
