// Who met / sanctioned / accused whom: an SVG network laid out by a small force simulation
// (Fruchterman-Reingold with gravity), written here; nodes can be dragged.
import { s } from "../dom.js";

/** "met", "attacked": the summary verb of an edge's type, from the API's vocabulary. */
export function edgeVerb(edge, verbs = {}) {
  const verb = verbs[edge.type] || edge.type.toLowerCase();
  return edge.status === "occurred" ? verb : `${verb} (${edge.status})`;
}

const radius = (n) => Math.min(26, 9 + Math.sqrt(n.events || 0) * 3);

/** Positions for the nodes, deterministic for a given graph. */
export function layout(graph, width, height, iterations = 400) {
  const nodes = graph.nodes.map((n, i) => ({ ...n, i }));
  const index = new Map(nodes.map((n) => [n.id, n]));
  const count = nodes.length;
  const cx = width / 2;
  const cy = height / 2;
  // start: the centre in the middle, each depth on its own ring, evenly spread
  const rings = new Map();
  for (const n of nodes) rings.set(n.depth, (rings.get(n.depth) || 0) + 1);
  const seen = new Map();
  for (const n of nodes) {
    const k = seen.get(n.depth) || 0;
    seen.set(n.depth, k + 1);
    const ring = n.id === graph.center ? 0 : (n.depth || 1) * Math.min(width, height) * 0.28;
    const angle = (2 * Math.PI * k) / rings.get(n.depth) + n.depth * 0.7;
    n.x = cx + ring * Math.cos(angle) + (n.id === graph.center ? 0 : (k % 3) * 3);
    n.y = cy + ring * Math.sin(angle);
  }
  if (!graph.center && count > 1) {
    nodes.forEach((n, k) => {
      const angle = (2 * Math.PI * k) / count;
      const ring = Math.min(width, height) * (0.2 + 0.18 * (k % 2));
      n.x = cx + ring * Math.cos(angle);
      n.y = cy + ring * Math.sin(angle);
    });
  }
  const pairs = new Map();
  for (const e of graph.edges) {
    const key = [e.source, e.target].sort().join("|");
    pairs.set(key, (pairs.get(key) || 0) + e.count);
  }
  const springs = [...pairs].map(([key, c]) => {
    const [a, b] = key.split("|");
    return [index.get(a), index.get(b), Math.log2(1 + c)];
  }).filter(([a, b]) => a && b);
  const k = Math.sqrt((width * height) / Math.max(count, 1)) * 0.75;
  let temp = width / 8;
  const cool = temp / (iterations + 1);
  for (let step = 0; step < iterations; step++) {
    for (const n of nodes) { n.dx = 0; n.dy = 0; }
    for (let a = 0; a < count; a++) {
      for (let b = a + 1; b < count; b++) {
        const p = nodes[a];
        const q = nodes[b];
        let dx = p.x - q.x;
        let dy = p.y - q.y;
        let d = Math.hypot(dx, dy);
        if (d < 0.01) { dx = 0.01 * (a - b); dy = 0.01; d = Math.hypot(dx, dy); }
        const f = (k * k) / d;
        p.dx += (dx / d) * f; p.dy += (dy / d) * f;
        q.dx -= (dx / d) * f; q.dy -= (dy / d) * f;
      }
    }
    for (const [p, q, w] of springs) {
      const dx = p.x - q.x;
      const dy = p.y - q.y;
      const d = Math.max(Math.hypot(dx, dy), 0.01);
      const f = ((d * d) / k) * (0.6 + 0.2 * w);
      p.dx -= (dx / d) * f; p.dy -= (dy / d) * f;
      q.dx += (dx / d) * f; q.dy += (dy / d) * f;
    }
    for (const n of nodes) {
      n.dx -= (n.x - cx) * 0.05 * (k / 50);
      n.dy -= (n.y - cy) * 0.05 * (k / 50);
      if (n.id === graph.center) continue;
      const d = Math.max(Math.hypot(n.dx, n.dy), 0.01);
      n.x += (n.dx / d) * Math.min(d, temp);
      n.y += (n.dy / d) * Math.min(d, temp);
    }
    temp = Math.max(temp - cool, 0.5);
  }
  // fit into the frame with a margin for labels
  const margin = 50;
  const xs = nodes.map((n) => n.x);
  const ys = nodes.map((n) => n.y);
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const scale = Math.min((width - 2 * margin) / Math.max(x1 - x0, 1),
    (height - 2 * margin) / Math.max(y1 - y0, 1), 1.6);
  for (const n of nodes) {
    n.x = width / 2 + (n.x - (x0 + x1) / 2) * scale;
    n.y = height / 2 + (n.y - (y0 + y1) / 2) * scale;
  }
  return index;
}

/** The chart: {node, setFilter}. onNode(node) / onEdge(edge) are called on click. */
export function networkChart(graph, { width = 1000, height = 680, onNode, onEdge, verbs = {} } = {}) {
  const pos = layout(graph, width, height);
  const svg = s("svg", { class: "net-svg", viewBox: `0 0 ${width} ${height}`, role: "img",
    "aria-label": "network of entities and the events between them" });
  const defs = s("defs", null, ...["cooperative", "hostile"].map((kind) => s("marker", {
    id: `arrow-${kind}`, viewBox: "0 0 10 10", refX: 9, refY: 5, markerWidth: 7, markerHeight: 7,
    orient: "auto-start-reverse", class: `arrow kind-${kind}` }, s("path", { d: "M0,0 L10,5 L0,10 z" }))));
  const edgeLayer = s("g", { class: "edges" });
  const labelLayer = s("g", { class: "edge-labels" });
  const nodeLayer = s("g", { class: "nodes" });
  svg.append(defs, edgeLayer, labelLayer, nodeLayer);

  // parallel edges between one pair are bent apart
  const byPair = new Map();
  for (const e of graph.edges) {
    const key = [e.source, e.target].sort().join("|");
    if (!byPair.has(key)) byPair.set(key, []);
    byPair.get(key).push(e);
  }
  const showLabels = graph.edges.length <= 40;
  const drawn = graph.edges.filter((e) => pos.get(e.source) && pos.get(e.target)).map((e) => {
    const siblings = byPair.get([e.source, e.target].sort().join("|"));
    const bend = (siblings.indexOf(e) - (siblings.length - 1) / 2) * 44;
    const path = s("path", {
      class: `edge kind-${e.kind} status-${e.status}`,
      "stroke-width": (1.4 + Math.log2(e.count) * 1.4).toFixed(1),
      "marker-end": e.directed ? `url(#arrow-${e.kind})` : null,
      tabindex: 0,
    }, s("title", null,
      `${pos.get(e.source).name} ${edgeVerb(e, verbs)} ${pos.get(e.target).name} — ${e.count} event(s)`));
    path.addEventListener("click", () => onEdge && onEdge(e));
    path.addEventListener("keydown", (ev) => { if (ev.key === "Enter" && onEdge) onEdge(e); });
    edgeLayer.append(path);
    const label = showLabels ? s("text", { class: `edge-label kind-${e.kind}` },
      `${edgeVerb(e, verbs)}${e.count > 1 ? ` ×${e.count}` : ""}`) : null;
    if (label) labelLayer.append(label);
    return { e, path, label, bend };
  });

  const circles = graph.nodes.map((n) => {
    const p = pos.get(n.id);
    const r = radius(n);
    const g = s("g", { class: `node t-${n.type}${n.id === graph.center ? " center" : ""}`,
      tabindex: 0, "data-id": n.id },
      s("title", null, `${n.name} (${n.type}) — ${n.events} event(s)`),
      s("circle", { r }),
      s("text", { class: "node-label", y: r + 14 }, n.name));
    nodeLayer.append(g);
    return { n, p, g, r };
  });

  function paint() {
    for (const { e, path, label, bend } of drawn) {
      const a = pos.get(e.source);
      const b = pos.get(e.target);
      // bend relative to the pair's canonical direction, so a->b and b->a edges part ways
      const flip = e.source < e.target ? 1 : -1;
      const dx = (b.x - a.x) * flip;
      const dy = (b.y - a.y) * flip;
      const d = Math.max(Math.hypot(dx, dy), 1);
      const mx = (a.x + b.x) / 2 - (dy / d) * bend;
      const my = (a.y + b.y) / 2 + (dx / d) * bend;
      // stop at the target's rim so the arrow head shows
      const rb = radius(b) + 3;
      const tx = b.x - mx;
      const ty = b.y - my;
      const td = Math.max(Math.hypot(tx, ty), 1);
      const ex = b.x - (tx / td) * rb;
      const ey = b.y - (ty / td) * rb;
      path.setAttribute("d", `M${a.x.toFixed(1)},${a.y.toFixed(1)} Q${mx.toFixed(1)},${my.toFixed(1)} ${ex.toFixed(1)},${ey.toFixed(1)}`);
      if (label) {
        label.setAttribute("x", ((a.x + 2 * mx + b.x) / 4).toFixed(1));
        label.setAttribute("y", ((a.y + 2 * my + b.y) / 4 - 4).toFixed(1));
      }
    }
    for (const { p, g } of circles) g.setAttribute("transform", `translate(${p.x.toFixed(1)},${p.y.toFixed(1)})`);
  }

  // dragging a node; a click without a drag opens it
  let drag = null;
  const point = (event) => {
    const m = svg.getScreenCTM();
    if (!m) return { x: 0, y: 0 };
    const inv = m.inverse();
    return { x: inv.a * event.clientX + inv.c * event.clientY + inv.e,
      y: inv.b * event.clientX + inv.d * event.clientY + inv.f };
  };
  for (const c of circles) {
    c.g.addEventListener("pointerdown", (event) => {
      drag = { c, start: point(event), moved: false };
      try { c.g.setPointerCapture(event.pointerId); } catch { /* synthetic events have no pointer */ }
      event.preventDefault();
    });
    c.g.addEventListener("pointermove", (event) => {
      if (!drag || drag.c !== c) return;
      const now = point(event);
      if (Math.hypot(now.x - drag.start.x, now.y - drag.start.y) > 3) drag.moved = true;
      if (drag.moved) {
        c.p.x = Math.min(width - 10, Math.max(10, now.x));
        c.p.y = Math.min(height - 10, Math.max(10, now.y));
        paint();
      }
    });
    c.g.addEventListener("pointerup", () => {
      if (drag && drag.c === c && !drag.moved && onNode) onNode(c.n);
      drag = null;
    });
    c.g.addEventListener("keydown", (event) => { if (event.key === "Enter" && onNode) onNode(c.n); });
  }

  function setFilter(visible) {
    const shown = new Set();
    for (const d of drawn) {
      const on = visible(d.e);
      d.path.classList.toggle("hidden", !on);
      if (d.label) d.label.classList.toggle("hidden", !on);
      if (on) { shown.add(d.e.source); shown.add(d.e.target); }
    }
    for (const c of circles) {
      c.g.classList.toggle("faded", !shown.has(c.n.id) && c.n.id !== graph.center);
    }
  }

  paint();
  return { node: svg, setFilter, positions: pos };
}
