// The network view: who met, sanctioned or accused whom, around one entity or overall.
import { api, vocabulary } from "../api.js";
import { entityLink, fmtSpan, h, hashLink, plural } from "../dom.js";
import { edgeVerb, networkChart } from "../components/network-chart.js";

export async function networkPage(params) {
  const entity = params.get("entity") || "";
  const depth = params.get("depth") === "2" ? 2 : 1;
  const graph = await api("graph", entity ? { entity, depth } : { max_nodes: 40 });
  const vocab = await vocabulary();
  const verbs = Object.fromEntries(vocab.categories.map((c) => [c.name, c.past]));
  const names = new Map(graph.nodes.map((n) => [n.id, n]));
  const center = graph.center ? names.get(graph.center) : null;
  const panel = h("aside", { class: "card side net-panel" },
    h("p", { class: "muted" }, "Click a person or place to see it, a line to see its events. Drag to rearrange."));
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
  const chart = networkChart(graph, { onNode: showNode, onEdge: showEdge, verbs });
  const types = [...new Set(graph.edges.map((e) => e.type))].sort();
  const hidden = new Set();
  const legend = h("div", { class: "legend" },
    types.map((t) => h("label", { class: "toggle" }, h("input", { type: "checkbox", checked: true, onchange: (ev) => {
      if (ev.target.checked) hidden.delete(t); else hidden.add(t);
      chart.setFilter((edge) => !hidden.has(edge.type));
    } }), t.toLowerCase())),
    h("span", { class: "key" }, h("span", { class: "line kind-cooperative" }), "cooperative"),
    h("span", { class: "key" }, h("span", { class: "line kind-hostile" }), "hostile"),
    h("span", { class: "key" }, h("span", { class: "line dashed" }), "not occurred"));
  const controls = h("p", { class: "actions" },
    entity ? [
      h("a", { class: `button${depth === 1 ? " on" : ""}`, href: hashLink("/network", { entity, depth: 1 }) }, "1 step"),
      h("a", { class: `button${depth === 2 ? " on" : ""}`, href: hashLink("/network", { entity, depth: 2 }) }, "2 steps"),
      h("a", { class: "button", href: hashLink("/network", {}) }, "Overview"),
      h("a", { class: "button", href: hashLink("/timeline", { entity }) }, "Timeline"),
    ] : null);
  const node = h("div", { class: "network-page" },
    h("h1", null, center ? ["Network: ", entityLink(center)] : "Network of the most active entities"),
    h("p", { class: "muted" }, `${plural(graph.nodes.length, "entity", "entities")}, ${plural(graph.edges.length, "link")}.`),
    controls,
    h("div", { class: "net-layout" },
      h("section", { class: "card net-card" }, legend,
        graph.edges.length ? chart.node : h("p", { class: "muted" }, "No event links this entity to another.")),
      panel));
  return { title: center ? `Network: ${center.name}` : "Network", node };
}
