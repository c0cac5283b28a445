// A map of where events happened, drawn by hand as inline SVG: the land from the outline that
// ships with the UI (/static/world.json, no tile server, nothing remote), one circle per place
// sized by its events, labels that never overlap, zoom with buttons or the mouse wheel, and a
// panel listing a place's events when it is clicked.
import { fmtDate, h, plural, s, statusBadge, typeBadge } from "../dom.js";

const NORTH = 84;
const SOUTH = -58; // the map leaves out Antarctica
const GAP = 4; // least room between two labels, px
let outline = null;

/** The land and inland seas, fetched once from this server. */
export function worldOutline() {
  outline = outline || fetch("/static/world.json").then((r) => {
    if (!r.ok) throw new Error(`the map outline could not be loaded (${r.status})`);
    return r.json();
  });
  return outline;
}

const clamp = (x, lo, hi) => Math.min(hi, Math.max(lo, x));

/** The view [west, east, south, north] holding every place, with room around them. */
function fit(places) {
  if (!places.length) return [-180, 180, SOUTH, NORTH];
  const lons = places.map((p) => p.location.lon);
  const lats = places.map((p) => p.location.lat);
  let [w, e, so, n] = [Math.min(...lons), Math.max(...lons), Math.min(...lats), Math.max(...lats)];
  const width = Math.max(40, (e - w) * 1.3);
  const height = Math.max(width / 2, (n - so) * 1.3);
  const cx = (w + e) / 2;
  const cy = (so + n) / 2;
  return view(cx, cy, Math.max(width, height * 2));
}

/** A view centred on (lon, lat), `width` degrees wide and half as tall, kept on the map. */
function view(lon, lat, width) {
  width = clamp(width, 8, 360);
  const height = Math.min(width / 2, NORTH - SOUTH);
  const w = clamp(lon - width / 2, -180, 180 - width);
  const so = clamp(lat - height / 2, SOUTH, NORTH - height);
  return [w, w + width, so, so + height];
}

function textWidth(text) {
  return text.length * 6.6 + 2;
}

/**
 * The map: `{ node }`. `places`: the API's located places; `onPick(place)` when one is clicked.
 */
export function worldMap(world, places, onPick) {
  const state = { view: fit(places) };
  const svg = s("svg", { class: "map-svg", role: "img", "aria-label": `${plural(places.length, "place")} on a map` });
  const wrap = h("div", { class: "map-wrap" }, svg);
  const zoom = (factor) => {
    const [w, e, so, n] = state.view;
    state.view = view((w + e) / 2, (so + n) / 2, (e - w) * factor);
    draw();
  };
  const controls = h("div", { class: "map-controls" },
    h("button", { type: "button", title: "zoom in", onclick: () => zoom(0.5) }, "+"),
    h("button", { type: "button", title: "zoom out", onclick: () => zoom(2) }, "−"),
    h("button", { type: "button", onclick: () => { state.view = fit(places); draw(); } }, "Fit"),
    h("button", { type: "button", onclick: () => { state.view = [-180, 180, SOUTH, NORTH]; draw(); } }, "World"));
  const node = h("div", { class: "map" }, controls, wrap);

  function draw() {
    // the width it is shown at once on the page (so that text keeps its size), a guess before
    const width = Math.round(wrap.clientWidth || Math.min(1120, Math.max(300, window.innerWidth - 72)));
    const height = Math.round(width / 2);
    const [w, e, so, n] = state.view;
    const x = (lon) => ((lon - w) / (e - w)) * width;
    const y = (lat) => ((n - lat) / (n - so)) * height;
    const path = (points) => `M${points.map(([lon, lat]) => `${x(lon).toFixed(1)},${y(lat).toFixed(1)}`).join("L")}Z`;
    svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
    svg.setAttribute("width", width);
    svg.setAttribute("height", height);
    svg.dataset.view = state.view.map((v) => v.toFixed(2)).join(",");
    const layers = [s("rect", { class: "map-sea", x: 0, y: 0, width, height })];
    for (let lon = -150; lon < 180; lon += 30) {
      layers.push(s("line", { class: "map-grid", x1: x(lon), x2: x(lon), y1: 0, y2: height }));
    }
    for (let lat = -30; lat <= 60; lat += 30) {
      layers.push(s("line", { class: "map-grid", x1: 0, x2: width, y1: y(lat), y2: y(lat) }));
    }
    layers.push(s("path", { class: "map-land", d: world.land.map((shape) => path(shape.points)).join("") }));
    layers.push(s("path", { class: "map-water", d: world.water.map((shape) => path(shape.points)).join("") }));
    const most = Math.max(1, ...places.map((p) => p.events));
    const radius = (p) => 4 + 12 * Math.sqrt(p.events / most);
    // the largest first, so that a small place on top of a large one can still be clicked
    const order = [...places].sort((a, b) => b.events - a.events);
    const taken = [];
    const labels = [];
    for (const p of order) {
      const cx = x(p.location.lon);
      const cy = y(p.location.lat);
      if (cx < -20 || cx > width + 20 || cy < -20 || cy > height + 20) continue;
      const r = radius(p);
      const g = s("g", {
        class: "map-place", tabindex: 0, role: "button",
        "data-name": p.entity.name, "data-events": p.events, "data-lat": p.location.lat, "data-lon": p.location.lon,
        onclick: () => onPick(p),
        onkeydown: (event) => { if (event.key === "Enter" || event.key === " ") { event.preventDefault(); onPick(p); } },
      },
      s("circle", { cx, cy, r }),
      s("title", null, `${p.entity.name}${p.location.country && p.location.country !== p.entity.name ? `, ${p.location.country}` : ""}: ${plural(p.events, "event")}`));
      layers.push(g);
      // a label to the right of the circle, else to its left, else none
      const text = p.entity.name;
      const tw = textWidth(text);
      for (const [lx, anchor] of [[cx + r + 3, "start"], [cx - r - 3, "end"]]) {
        const left = anchor === "start" ? lx : lx - tw;
        const box = [left, cy - 8, left + tw, cy + 8];
        const clear = box[0] >= 0 && box[2] <= width && box[1] >= 0 && box[3] <= height
          && taken.every((t) => box[2] + GAP <= t[0] || t[2] + GAP <= box[0] || box[3] <= t[1] || t[3] <= box[1]);
        if (clear) {
          taken.push(box);
          labels.push(s("text", { class: "map-label", x: lx, y: cy + 4, "text-anchor": anchor }, text));
          break;
        }
      }
      taken.push([cx - r, cy - r, cx + r, cy + r]);
    }
    svg.replaceChildren(...layers, ...labels);
  }

  svg.addEventListener("wheel", (event) => {
    event.preventDefault();
    const box = svg.getBoundingClientRect();
    const [w, e, so, n] = state.view;
    const lon = w + ((event.clientX - box.left) / box.width) * (e - w);
    const lat = n - ((event.clientY - box.top) / box.height) * (n - so);
    const factor = event.deltaY < 0 ? 0.7 : 1 / 0.7;
    const width = (e - w) * factor;
    // keep the point under the pointer where it is
    const cx = lon + ((w + e) / 2 - lon) * factor;
    const cy = lat + ((so + n) / 2 - lat) * factor;
    state.view = view(cx, cy, width);
    draw();
  }, { passive: false });
  draw();
  return { node, redraw: draw };
}

/** A place's panel: where it is, why there, and its latest events. */
export function placePanel(p) {
  const loc = p.location;
  return h("div", { class: "map-panel-body", "data-name": p.entity.name },
    h("h2", null, h("a", { href: `#/entity/${encodeURIComponent(p.entity.id)}` }, p.entity.name)),
    loc ? h("p", { class: "muted small" },
      [loc.kind === "country" ? "country" : loc.country ? `${loc.kind} in ${loc.country}` : loc.kind,
        `${Math.abs(loc.lat).toFixed(2)}°${loc.lat >= 0 ? "N" : "S"} ${Math.abs(loc.lon).toFixed(2)}°${loc.lon >= 0 ? "E" : "W"}`,
        loc.why].join(" · "))
      : h("p", { class: "muted small" }, "not on the map: the gazetteer does not know this name"),
    p.context.length ? h("p", { class: "muted small" }, `countries its articles name: ${p.context.join(", ")}`) : null,
    h("p", null, plural(p.events, "event"), p.latest.length < p.events ? ` (the latest ${p.latest.length})` : ""),
    h("ol", { class: "map-events" }, p.latest.map((e) => h("li", null,
      h("span", { class: "when" }, e.start ? fmtDate(e.start) : "undated"), " ",
      typeBadge(e.type), " ", statusBadge(e.status), " ",
      h("a", { href: `#/event/${encodeURIComponent(e.id)}` }, e.summary)))));
}
