// A story: the articles that tell one happening, its main entities and events on a time axis.
import { api } from "../api.js";
import { empty, entityLink, fmtDate, h, hashLink, plural, section, titled, titleText } from "../dom.js";
import { coverageSection } from "../components/coverage-chart.js";
import { timelineChart } from "../components/timeline-chart.js";
import { eventList } from "./shared.js";

export async function storyPage(id) {
  const [st, coverage] = await Promise.all([api(`stories/${encodeURIComponent(id)}`),
    coverageSection({ story: id })]);
  const dated = st.events.filter((e) => e.time);
  const node = h("div", { class: "story" },
    h("section", { class: "card head" },
      h("div", { class: "kicker" }, h("span", { class: "badge" }, "story")),
      h("h1", null, titled(st.title)),
      h("p", { class: "muted" }, `${plural(st.articles.length, "article")} · ${fmtDate(st.start)}`,
        st.end && st.end.slice(0, 10) !== (st.start || "").slice(0, 10) ? ` – ${fmtDate(st.end)}` : ""),
      h("ul", { class: "chips" }, st.entities.map((e) => h("li", null, entityLink(e)))),
      h("p", { class: "actions" }, h("a", { class: "button", href: hashLink("/timeline", { story: st.id }) }, "Timeline"))),
    coverage,
    section(`Events (${st.events.length})`,
      dated.length ? timelineChart(dated, { compact: true }).node : null,
      st.events.length ? eventList(st.events) : empty("No event found in these articles.")),
    section(`Articles (${st.articles.length})`, h("ol", { class: "list" }, st.articles.map((a) => h("li", null,
      h("a", { href: `#/article/${encodeURIComponent(a.id)}` }, titled(a.title)),
      h("div", { class: "muted small" }, [a.outlet, fmtDate(a.published)].filter(Boolean).join(" · ")))))));
  return { title: titleText(st.title), node };
}
