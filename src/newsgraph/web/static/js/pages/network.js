// The network view: who met, sanctioned or accused whom, around one entity or overall: the
// entities with the most links, filtered by entity type and event type.
import { api, vocabulary } from "../api.js";
import { entityLink, fmtSpan, h, hashLink, plural } from "../dom.js";
import { edgeVerb, networkChart, topByDegree } from "../components/network-chart.js";

const SIZES = [15, 30, 60];
const FETCHED = 120; // entities asked of the API for the overview; the top ones are drawn

export async function networkPage(params) {
  const entity = params.get("entity") || "";
  const depth = params.get("depth") === "2" ? 2 : 1;
  const size = SIZES.includes(Number(params.get("top"))) ? Number(params.get("top")) : 30;
  const graph = await api("graph", entity ? { entity, depth, max_nodes: 80 } : { max_nodes: FETCHED });
  const vocab = await vocabulary();
  const verbs = Object.fromEntries(vocab.categories.map((c) => [c.name, c.past]));
  const names = new Map(graph.nodes.map((n) => [n.id, n]));
  const center = graph.center ? names.get(graph.center) : null;
  const panel = h("aside", { class: "card side net-panel" },
    h("p", { class: "muted" }, "Click a person or place to see it, a line to see its events. Drag to rearrange. Shaded patches are communities: entities linked more to one another than to the rest."));
  const showNode = (n) => {
    panel.replaceChildren(h("h2", null, entityLink(n)),
      h("p", { class: "muted" }, `${n.type} · ${plural(n.events, "event")} here`),
      h("p", { class: "actions" },
        h("a", { class: "button", href: `#/entity/${encodeURIComponent(n.id)}` }, "Open"),
        n.id !== graph.center ? h("a", { class: "button", href: hashLink("/network", { entity: n.id }) }, "Centre here") : null));
  };
  const showEdge = async (e) => {
    const a = names.get(e.source);
    const b = names.get(e.target);
    const list = h("ul", { class: "list" }, h("li", { class: "muted" }, "Loading…"));
    panel.replaceChildren(h("h2", null, `${a.name} ${edgeVerb(e, verbs)} ${b.name}`),
      h("p", { class: "muted" }, plural(e.count, "event")), list);
    const events = await Promise.all(e.event_ids.map((id) => api(`events/${encodeURIComponent(id)}`).catch(() => null)));
    list.replaceChildren(...events.filter(Boolean).map((ev) => h("li", null,
      h("a", { href: `#/event/${encodeURIComponent(ev.id)}` }, ev.summary),
      h("div", { class: "muted small" }, `${fmtSpan(ev.time)} · ${plural(ev.sources, "source")}`))));
  };
  const hiddenEdges = new Set();
  const hiddenNodes = new Set();
  let top = size;
  const holder = h("div", { class: "net-holder" });
  const count = h("p", { class: "muted net-count" });
  const draw = () => {
    const nodes = graph.nodes.filter((n) => !hiddenNodes.has(n.type) || n.id === graph.center);
    const kept = new Set(nodes.map((n) => n.id));
    const edges = graph.edges.filter((e) => !hiddenEdges.has(e.type) && kept.has(e.source) && kept.has(e.target));
    const shown = topByDegree({ ...graph, nodes, edges }, top);
    count.textContent = `${plural(shown.nodes.length, "entity", "entities")} with the most links `
      + `(of ${graph.nodes.length}${entity ? "" : " busiest"}), ${plural(shown.edges.length, "link")}.`;
    holder.replaceChildren(shown.edges.length
      ? networkChart(shown, { onNode: showNode, onEdge: showEdge, verbs }).node
      : h("p", { class: "muted" }, "No event links these entities."));
  };
  const toggle = (set, value, label, cls) => h("label", { class: `toggle ${cls || ""}` },
    h("input", { type: "checkbox", checked: true, value, onchange: (ev) => {
      if (ev.target.checked) set.delete(value); else set.add(value);
      draw();
    } }), label);
  const edgeTypes = [...new Set(graph.edges.map((e) => e.type))].sort();
  const nodeTypes = [...new Set(graph.nodes.map((n) => n.type))].sort();
  const filters = h("div", { class: "net-filters" },
    h("div", { class: "legend net-entity-types" }, h("span", { class: "muted" }, "Entities:"),
      nodeTypes.map((t) => toggle(hiddenNodes, t, [h("span", { class: `dot t-${t}` }), t], "node-type")),
      h("label", { class: "net-top" }, "show the top ", h("select", { onchange: (ev) => { top = Number(ev.target.value); draw(); } },
        SIZES.map((n) => h("option", { value: n, selected: n === size }, String(n)))))),
    h("div", { class: "legend net-edge-types" }, h("span", { class: "muted" }, "Events:"),
      edgeTypes.map((t) => toggle(hiddenEdges, t, t.toLowerCase(), "edge-type")),
      h("span", { class: "key" }, h("span", { class: "line kind-cooperative" }), "cooperative"),
      h("span", { class: "key" }, h("span", { class: "line kind-hostile" }), "hostile"),
      h("span", { class: "key" }, h("span", { class: "line dashed" }), "not occurred")));
  const controls = h("p", { class: "actions" },
    entity ? [
      h("a", { class: `button${depth === 1 ? " on" : ""}`, href: hashLink("/network", { entity, depth: 1 }) }, "1 step"),
      h("a", { class: `button${depth === 2 ? " on" : ""}`, href: hashLink("/network", { entity, depth: 2 }) }, "2 steps"),
      h("a", { class: "button", href: hashLink("/network", {}) }, "Overview"),
      h("a", { class: "button", href: hashLink("/timeline", { entity }) }, "Timeline"),
    ] : null);
  draw();
  const node = h("div", { class: "network-page" },
    h("h1", null, center ? ["Network: ", entityLink(center)] : "Network of the most linked entities"),
    count, controls,
    h("div", { class: "net-layout" },
      h("section", { class: "card net-card" }, filters,
        graph.edges.length ? holder : h("p", { class: "muted" }, "No event links this entity to another.")),
      panel));
  return { title: center ? `Network: ${center.name}` : "Network", node };
}
