// The timeline view: events of an entity, a story, or all of them, on a zoomable axis.
import { api, apiAll, vocabulary } from "../api.js";
import { entityLink, h, hashLink, plural, titled, titleText } from "../dom.js";
import { timelineChart } from "../components/timeline-chart.js";
import { eventList } from "./shared.js";


export async function timelinePage(params) {
  const entity = params.get("entity");
  const story = params.get("story");
  let title = "All events";
  let heading = h("h1", null, "Timeline");
  let events;
  if (story) {
    const st = await api(`stories/${encodeURIComponent(story)}`);
    events = st.events;
    title = titleText(st.title);
    heading = h("h1", null, "Timeline: ", h("a", { href: `#/story/${encodeURIComponent(st.id)}` }, titled(st.title)));
  } else if (entity) {
    const [who, found] = await Promise.all([
      api(`entities/${encodeURIComponent(entity)}`, { timeline_limit: 1 }),
      apiAll("timeline", { entity }),
    ]);
    events = found;
    title = who.name;
    heading = h("h1", null, "Timeline: ", entityLink(who));
  } else {
    events = await apiAll("timeline", {}, 5000);
  }
  const { statuses } = await vocabulary();
  const shownStatuses = new Set(statuses);
  const holder = h("div", { class: "tl-holder" });
  const listHolder = h("div");
  const render = () => {
    const visible = events.filter((e) => shownStatuses.has(e.status));
    holder.replaceChildren(timelineChart(visible).node);
    const dated = visible.filter((e) => e.time);
    const shown = dated.slice(-300);
    const note = dated.length > shown.length
      ? h("p", { class: "muted" }, `The latest ${shown.length} of ${dated.length} dated events. `,
        h("a", { href: hashLink("/events", entity ? { entity } : {}) }, "Browse them all →"))
      : "";
    listHolder.replaceChildren(note, eventList(shown));
  };
  const legend = h("div", { class: "legend" }, statuses.map((st) => h("label", { class: "toggle" },
    h("input", { type: "checkbox", checked: true, onchange: (ev) => {
      if (ev.target.checked) shownStatuses.add(st); else shownStatuses.delete(st);
      render();
    } }), h("span", { class: `swatch status-${st}` }), st)));
  render();
  const node = h("div", { class: "timeline-page" }, heading,
    h("p", { class: "muted" }, `${plural(events.length, "event")}. Zoom with the buttons or the mouse wheel, drag to move in time.`,
      entity ? [" ", h("a", { href: hashLink("/network", { entity }) }, "Network →")] : null),
    h("section", { class: "card" }, legend, holder),
    h("section", { class: "card" }, h("h2", null, "In order"), listHolder));
  return { title: `Timeline: ${title}`, node };
}
