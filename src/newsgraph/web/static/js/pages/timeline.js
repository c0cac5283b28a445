// The timeline view: events of an entity, a story, or all of them, on a zoomable axis, with
// how many there are per day, week or month, a range to pick, and filters by type, status and
// outlet (type and outlet in the address, so a filtered view can be shared).
import { api, apiAll, vocabulary } from "../api.js";
import { entityLink, fmtDate, h, hashLink, plural, titled, titleText } from "../dom.js";
import { timelineChart } from "../components/timeline-chart.js";
import { eventList } from "./shared.js";

const LIST_MAX = 300;
const LOADED_MAX = 5000; // events loaded as dots; the bars count every one (/api/timeline/days)
const iso = (ms) => new Date(ms).toISOString().slice(0, 10);

export async function timelinePage(params) {
  const entity = params.get("entity");
  const story = params.get("story");
  const want = { type: params.get("type") || "", outlet: params.get("outlet") || "" };
  let title = "All events";
  let heading = h("h1", null, "Timeline");
  let events;
  let days = null;
  let total = 0;
  const [vocab, outlets] = await Promise.all([vocabulary(), api("outlets")]);
  if (story) {
    const st = await api(`stories/${encodeURIComponent(story)}`);
    events = st.events.filter((e) => !want.type || e.type === want.type);
    title = titleText(st.title);
    heading = h("h1", null, "Timeline: ", h("a", { href: `#/story/${encodeURIComponent(st.id)}` }, titled(st.title)));
  } else {
    const asked = entity ? { entity, ...want } : want;
    const [who, counted] = await Promise.all([
      entity ? api(`entities/${encodeURIComponent(entity)}`, { timeline_limit: 1 }) : null,
      api("timeline/days", asked),
    ]);
    days = counted.items;
    total = days.reduce((sum, d) => sum + d.count, 0) + counted.undated;
    // the latest events when there are more than we load (dated ones come first, in time order)
    events = await apiAll("timeline", asked, LOADED_MAX, Math.max(0, total - LOADED_MAX));
    if (who) {
      title = who.name;
      heading = h("h1", null, "Timeline: ", entityLink(who));
    }
  }
  const shownStatuses = new Set(vocab.statuses);
  let picked = null;
  const holder = h("div", { class: "tl-holder" });
  const listHolder = h("div", { class: "tl-list" });
  const visible = () => events.filter((e) => shownStatuses.has(e.status));
  const renderList = () => {
    let dated = visible().filter((e) => e.time && e.time.start);
    let where = "";
    if (picked) {
      const [t0, t1] = picked.map(iso);
      dated = dated.filter((e) => e.time.start >= t0 && e.time.start < t1);
      where = ` from ${fmtDate(t0)} to ${fmtDate(iso(picked[1] - 864e5))}`;
    }
    const shown = dated.slice(-LIST_MAX);
    const note = h("p", { class: "muted tl-listnote" },
      dated.length > shown.length ? `The latest ${shown.length} of ${dated.length} dated events${where}. `
        : `${plural(dated.length, "dated event")}${where}. `,
      h("a", { href: hashLink("/events", { entity, ...want }) }, "Browse them all →"));
    listHolder.replaceChildren(note, eventList(shown));
  };
  const render = () => {
    picked = null;
    const every = shownStatuses.size === vocab.statuses.length;
    holder.replaceChildren(timelineChart(visible(), { days: every ? days : null,
      onRange: (range) => { picked = range; renderList(); } }).node);
    renderList();
  };
  const choose = (name, options, label) => h("label", { class: "tl-filter" }, `${label} `,
    h("select", { name, onchange: (ev) => {
      location.hash = hashLink("/timeline", { entity, story, ...want, [name]: ev.target.value });
    } }, h("option", { value: "" }, `any ${name}`),
    options.map(([value, text]) => h("option", { value, selected: value === want[name] }, text))));
  const filters = h("div", { class: "legend tl-filters" },
    choose("type", vocab.categories.map((c) => [c.name, c.name]), "type"),
    story ? null : choose("outlet", outlets.items.map((o) => [o.name, `${o.name} (${o.articles})`]), "outlet"),
    vocab.statuses.map((st) => h("label", { class: "toggle" },
      h("input", { type: "checkbox", checked: true, name: "status", value: st, onchange: (ev) => {
        if (ev.target.checked) shownStatuses.add(st); else shownStatuses.delete(st);
        render();
      } }), h("span", { class: `swatch status-${st}` }), st)));
  render();
  const node = h("div", { class: "timeline-page" }, heading,
    h("p", { class: "muted" }, `${plural(Math.max(total, events.length), "event")}`,
      total > events.length ? ` (the latest ${events.length} are drawn and listed; the bars count them all)` : "",
      ". Zoom with the buttons or the mouse wheel, drag the dots to move in time.",
      entity ? [" ", h("a", { href: hashLink("/network", { entity }) }, "Network →")] : null),
    h("section", { class: "card" }, filters, holder),
    h("section", { class: "card" }, h("h2", null, "In order"), listHolder));
  return { title: `Timeline: ${title}`, node };
}
