// Who met / sanctioned / accused whom: an SVG network, written here. Communities (entities
// that share more events with one another than with the rest, found by greedy modularity)
// get their own patch of the frame; a force simulation lays out each; node labels go where
// they touch no other label or node, and are left out (the name stays in the tooltip) where
// there is no such place. Nodes can be dragged.
import { s } from "../dom.js";
import { textWidth } from "./timeline-chart.js";

/** "met", "attacked": the summary verb of an edge's type, from the API's vocabulary. */
export function edgeVerb(edge, verbs = {}) {
  const verb = verbs[edge.type] || edge.type.toLowerCase();
  return edge.status === "occurred" ? verb : `${verb} (${edge.status})`;
}

const radius = (n) => Math.min(22, 7 + Math.sqrt(n.events || 0) * 2.2);
const LABEL_SIZE = 12.5;
const EDGE_LABEL_SIZE = 11;
const PAD = 3; // least room between a label and anything else, px

/** Distinct neighbours of each node id. */
export function degrees(graph) {
  const seen = new Map(graph.nodes.map((n) => [n.id, new Set()]));
  for (const e of graph.edges) {
    if (!seen.has(e.source) || !seen.has(e.target)) continue;
    seen.get(e.source).add(e.target);
    seen.get(e.target).add(e.source);
  }
  return new Map([...seen].map(([id, set]) => [id, set.size]));
}

/** The `limit` nodes with the most neighbours (the centre always kept) and the edges among them. */
export function topByDegree(graph, limit) {
  const degree = degrees(graph);
  const keep = new Set(graph.nodes
    .filter((n) => degree.get(n.id) > 0 || n.id === graph.center)
    .sort((a, b) => (b.id === graph.center) - (a.id === graph.center)
      || degree.get(b.id) - degree.get(a.id) || b.events - a.events || a.name.localeCompare(b.name))
    .slice(0, limit).map((n) => n.id));
  return { ...graph, nodes: graph.nodes.filter((n) => keep.has(n.id)),
    edges: graph.edges.filter((e) => keep.has(e.source) && keep.has(e.target)) };
}

/** Community of each node id (0 = the largest): greedy modularity, joining the two
 * communities whose merger raises modularity most until no merger does. Deterministic. */
export function communities(graph) {
  const ids = graph.nodes.map((n) => n.id).sort();
  const at = new Map(ids.map((id, i) => [id, i]));
  const between = ids.map(() => new Map()); // community -> community -> weight
  const degree = ids.map(() => 0);
  let total = 0;
  for (const e of graph.edges) {
    const [a, b] = [at.get(e.source), at.get(e.target)];
    if (a === undefined || b === undefined || a === b) continue;
    between[a].set(b, (between[a].get(b) || 0) + e.count);
    between[b].set(a, (between[b].get(a) || 0) + e.count);
    degree[a] += e.count;
    degree[b] += e.count;
    total += e.count;
  }
  const members = ids.map((_, i) => [i]);
  const alive = new Set(ids.map((_, i) => i));
  while (total > 0) {
    let best = null;
    for (const a of alive) {
      for (const [b, w] of between[a]) {
        if (b <= a) continue;
        const gain = w / total - (2 * degree[a] * degree[b]) / (4 * total * total);
        if (gain > 1e-12 && (!best || gain > best[0] + 1e-12)) best = [gain, a, b];
      }
    }
    if (!best) break;
    const [, a, b] = best; // b joins a
    for (const [c, w] of between[b]) {
      if (c === a) continue;
      between[a].set(c, (between[a].get(c) || 0) + w);
      between[c].set(a, (between[c].get(a) || 0) + w);
      between[c].delete(b);
    }
    between[a].delete(b);
    degree[a] += degree[b];
    members[a].push(...members[b]);
    alive.delete(b);
  }
  const order = [...alive].sort((x, y) => members[y].length - members[x].length || x - y);
  const out = new Map();
  order.forEach((c, k) => { for (const i of members[c]) out.set(ids[i], k); });
  return out;
}

/** Positions for the nodes ({x, y, r, community}), deterministic for a given graph. */
export function layout(graph, width, height, iterations = 300) {
  const group = communities(graph);
  const nodes = graph.nodes.map((n, i) => ({ ...n, i, r: radius(n), community: group.get(n.id) }));
  const index = new Map(nodes.map((n) => [n.id, n]));
  const count = nodes.length;
  const cx = width / 2;
  const cy = height / 2;
  // each community a centre of its own: on an ellipse, its arc as wide as its share of nodes
  const members = new Map();
  for (const n of nodes) members.set(n.community, [...(members.get(n.community) || []), n]);
  const groups = [...members.keys()].sort((a, b) => a - b);
  const home = new Map();
  let along = 0;
  for (const c of groups) {
    const share = members.get(c).length / count;
    const angle = 2 * Math.PI * (along + share / 2) - Math.PI / 2;
    along += share;
    const ring = groups.length === 1 ? 0 : 0.3;
    home.set(c, [cx + Math.cos(angle) * width * ring, cy + Math.sin(angle) * height * ring]);
  }
  for (const c of groups) {
    const list = members.get(c);
    const [hx, hy] = home.get(c);
    list.forEach((n, k) => {
      const a = (2 * Math.PI * k) / list.length;
      const spread = 20 + 6 * Math.sqrt(list.length);
      n.x = hx + Math.cos(a) * spread;
      n.y = hy + Math.sin(a) * spread;
    });
  }
  if (graph.center && index.get(graph.center)) {
    const c = index.get(graph.center);
    [c.x, c.y] = [cx, cy];
  }
  const springs = [];
  const pairs = new Map();
  for (const e of graph.edges) {
    const key = [e.source, e.target].sort().join("|");
    pairs.set(key, (pairs.get(key) || 0) + e.count);
  }
  for (const [key, c] of pairs) {
    const [a, b] = key.split("|").map((id) => index.get(id));
    if (a && b) springs.push([a, b, Math.log2(1 + c) * (a.community === b.community ? 1 : 0.12)]);
  }
  const k = Math.sqrt((width * height) / Math.max(count, 1)) * 0.6;
  let temp = width / 10;
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
        const f = ((k * k) / d) * (p.community === q.community ? 1 : 1.6);
        p.dx += (dx / d) * f; p.dy += (dy / d) * f;
        q.dx -= (dx / d) * f; q.dy -= (dy / d) * f;
      }
    }
    for (const [p, q, w] of springs) {
      const dx = p.x - q.x;
      const dy = p.y - q.y;
      const d = Math.max(Math.hypot(dx, dy), 0.01);
      const f = ((d * d) / k) * w * 0.5;
      p.dx -= (dx / d) * f; p.dy -= (dy / d) * f;
      q.dx += (dx / d) * f; q.dy += (dy / d) * f;
    }
    for (const n of nodes) {
      const [hx, hy] = home.get(n.community);
      n.dx -= (n.x - hx) * 0.03 * (k / 40);
      n.dy -= (n.y - hy) * 0.03 * (k / 40);
      if (n.id === graph.center) continue;
      const d = Math.max(Math.hypot(n.dx, n.dy), 0.01);
      n.x += (n.dx / d) * Math.min(d, temp);
      n.y += (n.dy / d) * Math.min(d, temp);
    }
    temp = Math.max(temp - cool, 0.5);
  }
  // each community given room for its labels, then the communities pushed apart
  const patches = groups.map((c) => {
    const list = members.get(c);
    const mx = list.reduce((t, n) => t + n.x, 0) / list.length;
    const my = list.reduce((t, n) => t + n.y, 0) / list.length;
    const mean = list.reduce((t, n) => t + Math.hypot(n.x - mx, n.y - my), 0) / list.length;
    const f = list.length > 1 ? Math.min(4, Math.max(1, (32 * Math.sqrt(list.length)) / Math.max(mean, 1))) : 1;
    for (const n of list) { n.x = mx + (n.x - mx) * f; n.y = my + (n.y - my) * f; }
    const reach = Math.max(...list.map((n) => Math.hypot(n.x - mx, n.y - my) + n.r)) + 40;
    return { list, x: mx, y: my, reach };
  });
  for (let round = 0; round < 80; round++) {
    let moved = false;
    for (let a = 0; a < patches.length; a++) {
      for (let b = a + 1; b < patches.length; b++) {
        const p = patches[a];
        const q = patches[b];
        const d = Math.max(Math.hypot(p.x - q.x, p.y - q.y), 0.01);
        if (d >= p.reach + q.reach) continue;
        const push = (p.reach + q.reach - d) / 2;
        const [ux, uy] = d > 0.01 ? [(p.x - q.x) / d, (p.y - q.y) / d] : [1, 0];
        for (const [patch, sign] of [[p, 1], [q, -1]]) {
          patch.x += sign * ux * push; patch.y += sign * uy * push;
          for (const n of patch.list) { n.x += sign * ux * push; n.y += sign * uy * push; }
        }
        moved = true;
      }
    }
    if (!moved) break;
  }
  // fit into the frame with a margin for labels, each axis on its own (within reason)
  const margin = 60;
  const xs = nodes.map((n) => n.x);
  const ys = nodes.map((n) => n.y);
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  let sx = (width - 2 * margin) / Math.max(x1 - x0, 1);
  let sy = (height - 2 * margin) / Math.max(y1 - y0, 1);
  sx = Math.min(sx, sy * 1.5, 3);
  sy = Math.min(sy, sx * 1.5, 3);
  for (const n of nodes) {
    n.x = width / 2 + (n.x - (x0 + x1) / 2) * sx;
    n.y = height / 2 + (n.y - (y0 + y1) / 2) * sy;
  }
  // no two circles overlap
  for (let round = 0; round < 60; round++) {
    let moved = false;
    for (let a = 0; a < count; a++) {
      for (let b = a + 1; b < count; b++) {
        const p = nodes[a];
        const q = nodes[b];
        const d = Math.max(Math.hypot(p.x - q.x, p.y - q.y), 0.01);
        const want = p.r + q.r + 14;
        if (d >= want) continue;
        const push = (want - d) / 2;
        const ux = (p.x - q.x) / d || 1;
        const uy = (p.y - q.y) / d;
        p.x += ux * push; p.y += uy * push;
        q.x -= ux * push; q.y -= uy * push;
        moved = true;
      }
    }
    for (const n of nodes) {
      n.x = Math.min(width - n.r - 4, Math.max(n.r + 4, n.x));
      n.y = Math.min(height - n.r - 4, Math.max(n.r + 4, n.y));
    }
    if (!moved) break;
  }
  return index;
}

const overlaps = (a, b) => a.x0 < b.x1 + PAD && b.x0 < a.x1 + PAD && a.y0 < b.y1 + PAD && b.y0 < a.y1 + PAD;

/** Where each node's label goes (below, above, right or left of it), or null when every
 * place touches a label already placed or a node: the busiest nodes are labelled first. */
export function placeLabels(nodes, width, height, size = LABEL_SIZE) {
  const circles = nodes.map((n) => ({ x0: n.x - n.r, x1: n.x + n.r, y0: n.y - n.r, y1: n.y + n.r, id: n.id }));
  const taken = [];
  const out = new Map();
  const order = [...nodes].sort((a, b) => (b.rank ?? 0) - (a.rank ?? 0) || b.r - a.r || a.name.localeCompare(b.name));
  for (const n of order) {
    const w = textWidth(n.name, size, 600);
    const hgt = size + 2;
    const spots = [
      ["middle", 0, n.r + size + 1], ["middle", 0, -n.r - 5],
      ["start", n.r + 4, size * 0.35], ["end", -n.r - 4, size * 0.35],
    ];
    let chosen = null;
    for (const [anchor, dx, dy] of spots) {
      const left = anchor === "middle" ? n.x + dx - w / 2 : anchor === "start" ? n.x + dx : n.x + dx - w;
      const box = { x0: left, x1: left + w, y0: n.y + dy - size, y1: n.y + dy - size + hgt };
      if (box.x0 < 0 || box.x1 > width || box.y0 < 0 || box.y1 > height) continue;
      if (taken.some((t) => overlaps(t, box))) continue;
      if (circles.some((c) => c.id !== n.id && overlaps(c, box))) continue;
      chosen = { anchor, dx, dy, box };
      break;
    }
    out.set(n.id, chosen);
    if (chosen) taken.push(chosen.box);
  }
  return { labels: out, taken, circles };
}

/** The chart: {node, positions}. onNode(node) / onEdge(edge) are called on click. */
export function networkChart(graph, { width = 1000, height = 680, onNode, onEdge, verbs = {} } = {}) {
  const pos = layout(graph, width, height);
  const degree = degrees(graph);
  for (const p of pos.values()) p.rank = degree.get(p.id) * 1000 + p.events;
  const svg = s("svg", { class: "net-svg", viewBox: `0 0 ${width} ${height}`, role: "img",
    "aria-label": "network of entities and the events between them" });
  const defs = s("defs", null, ...["cooperative", "hostile"].map((kind) => s("marker", {
    id: `arrow-${kind}`, viewBox: "0 0 10 10", refX: 9, refY: 5, markerWidth: 7, markerHeight: 7,
    orient: "auto-start-reverse", class: `arrow kind-${kind}` }, s("path", { d: "M0,0 L10,5 L0,10 z" }))));
  const hullLayer = s("g", { class: "communities" });
  const edgeLayer = s("g", { class: "edges" });
  const labelLayer = s("g", { class: "edge-labels" });
  const nodeLayer = s("g", { class: "nodes" });
  svg.append(defs, hullLayer, edgeLayer, labelLayer, nodeLayer);

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
    const bend = (siblings.indexOf(e) - (siblings.length - 1) / 2) * 36;
    const path = s("path", {
      class: `edge kind-${e.kind} status-${e.status}`,
      "stroke-width": (1.2 + Math.log2(e.count) * 1.2).toFixed(1),
      "marker-end": e.directed ? `url(#arrow-${e.kind})` : null,
      tabindex: 0,
    }, s("title", null,
      `${pos.get(e.source).name} ${edgeVerb(e, verbs)} ${pos.get(e.target).name} — ${e.count} event(s)`));
    path.addEventListener("click", () => onEdge && onEdge(e));
    path.addEventListener("keydown", (ev) => { if (ev.key === "Enter" && onEdge) onEdge(e); });
    edgeLayer.append(path);
    const text = `${edgeVerb(e, verbs)}${e.count > 1 ? ` ×${e.count}` : ""}`;
    const label = showLabels ? s("text", { class: `edge-label kind-${e.kind}` }, text) : null;
    if (label) labelLayer.append(label);
    return { e, path, label, text, bend };
  });

  const circles = graph.nodes.map((n) => {
    const p = pos.get(n.id);
    const text = s("text", { class: "node-label" }, n.name);
    const g = s("g", { class: `node t-${n.type}${n.id === graph.center ? " center" : ""}`,
      tabindex: 0, "data-id": n.id, "data-community": p.community },
      s("title", null, `${n.name} (${n.type}) — ${n.events} event(s), ${degree.get(n.id)} linked`),
      s("circle", { r: p.r }), text);
    nodeLayer.append(g);
    return { n, p, g, text };
  });

  function hulls() {
    const groups = new Map();
    for (const p of pos.values()) groups.set(p.community, [...(groups.get(p.community) || []), p]);
    if (groups.size < 2) { hullLayer.replaceChildren(); return; }
    hullLayer.replaceChildren(...[...groups].filter(([, list]) => list.length > 2).map(([c, list]) => {
      const mx = list.reduce((t, p) => t + p.x, 0) / list.length;
      const my = list.reduce((t, p) => t + p.y, 0) / list.length;
      const rx = Math.max(...list.map((p) => Math.abs(p.x - mx) + p.r)) + 14;
      const ry = Math.max(...list.map((p) => Math.abs(p.y - my) + p.r)) + 14;
      return s("ellipse", { class: `community c${c % 6}`, cx: mx, cy: my, rx, ry });
    }));
  }

  function labels() {
    const { labels: placed, taken, circles: boxes } = placeLabels([...pos.values()], width, height);
    for (const { n, text } of circles) {
      const spot = placed.get(n.id);
      text.classList.toggle("hidden", !spot);
      if (!spot) continue;
      text.style.textAnchor = spot.anchor;
      text.setAttribute("x", spot.dx.toFixed(1));
      text.setAttribute("y", spot.dy.toFixed(1));
    }
    // an edge's label only where it touches no node and no other label
    for (const d of drawn) {
      if (!d.label) continue;
      const x = Number(d.label.getAttribute("x"));
      const y = Number(d.label.getAttribute("y"));
      const w = textWidth(d.text, EDGE_LABEL_SIZE);
      const box = { x0: x - w / 2, x1: x + w / 2, y0: y - EDGE_LABEL_SIZE, y1: y + 3 };
      const free = !d.path.classList.contains("hidden")
        && !taken.some((t) => overlaps(t, box)) && !boxes.some((c) => overlaps(c, box));
      d.label.classList.toggle("crowded", !free);
      if (free) taken.push(box);
    }
  }

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
      const rb = b.r + 3;
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
      if (drag && drag.moved) { hulls(); labels(); }
      drag = null;
    });
    c.g.addEventListener("keydown", (event) => { if (event.key === "Enter" && onNode) onNode(c.n); });
  }

  paint();
  hulls();
  labels();
  return { node: svg, positions: pos, relabel: labels };
}
