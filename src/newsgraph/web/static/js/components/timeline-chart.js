// An SVG time axis drawn by hand: events as dots (a day) or bars (a period), zoomable from
// decades down to days with buttons, the mouse wheel or dragging.
import { fmtDate, fmtSpan, h, s } from "../dom.js";

const DAY = 864e5;
const MIN_SPAN = 3 * DAY;
const MAX_SPAN = 60 * 365 * DAY;
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const AXIS = 46;
const LANE = 24;
const CHAR = 6.4;

const toMs = (iso) => Date.UTC(+iso.slice(0, 4), +(iso.slice(5, 7) || 1) - 1, +(iso.slice(8, 10) || 1));
const iso = (ms) => new Date(ms).toISOString().slice(0, 10);

// Tick steps from fine to coarse: [kind, size, approximate length in ms].
const STEPS = [
  ["day", 1, DAY], ["day", 2, 2 * DAY], ["week", 1, 7 * DAY], ["month", 1, 30.4 * DAY],
  ["month", 3, 91 * DAY], ["month", 6, 182 * DAY], ["year", 1, 365 * DAY], ["year", 2, 730 * DAY],
  ["year", 5, 1826 * DAY], ["year", 10, 3652 * DAY], ["year", 20, 7305 * DAY],
];

function ticks(kind, size, t0, t1) {
  const out = [];
  const d = new Date(t0);
  let y = d.getUTCFullYear();
  if (kind === "year") {
    y = Math.floor(y / size) * size;
    for (let t = Date.UTC(y, 0, 1); t <= t1; t = Date.UTC((y += size), 0, 1)) out.push(t);
  } else if (kind === "month") {
    let m = Math.floor(d.getUTCMonth() / size) * size;
    for (let t = Date.UTC(y, m, 1); t <= t1; t = Date.UTC(y, (m += size), 1)) out.push(t);
  } else {
    const step = (kind === "week" ? 7 : size) * DAY;
    let t = Date.UTC(y, d.getUTCMonth(), d.getUTCDate());
    if (kind === "week") t -= ((new Date(t).getUTCDay() + 6) % 7) * DAY; // Mondays
    for (; t <= t1; t += step) out.push(t);
  }
  return out.filter((t) => t >= t0 - 1);
}

function tickLabel(kind, t) {
  const d = new Date(t);
  if (kind === "year") return String(d.getUTCFullYear());
  if (kind === "month") return MONTHS[d.getUTCMonth()];
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]}`;
}

/** The chart: {node} with zoom controls; `events` in the Event shape. */
export function timelineChart(events, { compact = false, maxLanes = compact ? 6 : 40 } = {}) {
  const items = events.filter((e) => e.time && e.time.start).map((e) => {
    const start = toMs(e.time.start);
    const end = Math.max(start, toMs(e.time.end || e.time.start)) + DAY;
    return { e, start, end };
  });
  const undated = events.length - items.length;
  const svg = s("svg", { class: "tl-svg", role: "img", "aria-label": "timeline of events" });
  const range = h("span", { class: "tl-range muted" });
  const view = { t0: 0, t1: 0 };

  function fit() {
    if (!items.length) {
      const now = Date.now();
      view.t0 = now - 180 * DAY;
      view.t1 = now + 10 * DAY;
      return;
    }
    const lo = Math.min(...items.map((i) => i.start));
    const hi = Math.max(...items.map((i) => i.end));
    const pad = Math.max((hi - lo) * 0.06, 3 * DAY);
    view.t0 = lo - pad;
    view.t1 = hi + pad * (compact ? 1 : 4); // room for labels on the right
    clampSpan();
  }

  function clampSpan(anchor) {
    const span = view.t1 - view.t0;
    const want = Math.min(MAX_SPAN, Math.max(MIN_SPAN, span));
    if (want !== span) {
      const at = anchor ?? (view.t0 + view.t1) / 2;
      const f = (at - view.t0) / span;
      view.t0 = at - want * f;
      view.t1 = view.t0 + want;
    }
  }

  function zoom(factor, anchor) {
    const at = anchor ?? (view.t0 + view.t1) / 2;
    view.t0 = at - (at - view.t0) * factor;
    view.t1 = at + (view.t1 - at) * factor;
    clampSpan(at);
    draw();
  }

  function show(days) {
    const mid = (view.t0 + view.t1) / 2;
    view.t0 = mid - (days * DAY) / 2;
    view.t1 = mid + (days * DAY) / 2;
    clampSpan();
    draw();
  }

  function draw() {
    const width = Math.max(svg.clientWidth || svg.parentNode?.clientWidth || 600, 280);
    const x = (t) => ((t - view.t0) / (view.t1 - view.t0)) * width;
    const perPx = (view.t1 - view.t0) / width;
    const [kind, size] = STEPS.find(([, , ms]) => ms / perPx >= (compact ? 56 : 64)) || STEPS.at(-1);
    const ctxKind = kind === "year" ? null : kind === "month" ? "year" : "month";
    // lanes: greedy, leftmost first, a label's estimated width included
    const laneEnds = [];
    const placed = items
      .map((i) => {
        const [x0, x1] = [x(i.start), x(i.end)];
        const point = i.end - i.start <= DAY || x1 - x0 < 9;
        const mid = (x0 + x1) / 2;
        return { ...i, point, x0: point ? mid - 6 : x0, x1: point ? mid + 6 : x1 };
      })
      .filter((i) => i.x1 >= -200 && i.x0 <= width + 10)
      .sort((a, b) => a.x0 - b.x0 || a.e.id.localeCompare(b.e.id))
      .map((i) => {
        const label = compact ? "" : i.e.summary.length > 48 ? `${i.e.summary.slice(0, 46)}…` : i.e.summary;
        const right = i.x1 + (label ? label.length * CHAR + 8 : 4);
        let lane = laneEnds.findIndex((end) => end < i.x0 - 2);
        if (lane < 0 && laneEnds.length < maxLanes) lane = laneEnds.length;
        if (lane < 0) lane = laneEnds.indexOf(Math.min(...laneEnds));
        laneEnds[lane] = right;
        return { ...i, label, lane };
      });
    const lanes = Math.max(1, laneEnds.length);
    const height = AXIS + lanes * LANE + 12;
    svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
    svg.setAttribute("height", String(height));
    const g = [];
    g.push(s("rect", { class: "tl-bg", x: 0, y: 0, width, height }));
    if (ctxKind) {
      const ctx = ticks(ctxKind, 1, view.t0, view.t1);
      const label = (t) => (ctxKind === "year" ? String(new Date(t).getUTCFullYear())
        : `${MONTHS[new Date(t).getUTCMonth()]} ${new Date(t).getUTCFullYear()}`);
      const first = ctx.find((t) => x(t) > 0);
      if (first === undefined || x(first) > 90) {
        g.push(s("text", { class: "tl-ctx", x: 4, y: 14 }, label(view.t0)));
      }
      for (const t of ctx) {
        if (x(t) >= 0) g.push(s("text", { class: "tl-ctx", x: x(t) + 4, y: 14 }, label(t)));
        g.push(s("line", { class: "tl-ctxline", x1: x(t), x2: x(t), y1: 2, y2: height }));
      }
    }
    for (const t of ticks(kind, size, view.t0, view.t1)) {
      const xt = x(t);
      g.push(s("line", { class: "tl-grid", x1: xt, x2: xt, y1: 20, y2: height }));
      g.push(s("text", { class: "tl-tick", x: xt + 3, y: 34 }, tickLabel(kind, t)));
    }
    g.push(s("line", { class: "tl-axis", x1: 0, x2: width, y1: AXIS - 6, y2: AXIS - 6 }));
    for (const i of placed) {
      const y = AXIS + i.lane * LANE + LANE / 2;
      const tip = `${fmtSpan(i.e.time)} · ${i.e.type} · ${i.e.status}\n${i.e.summary}\n${i.e.sources} source(s)`;
      const shape = i.point
        ? s("circle", { cx: (i.x0 + i.x1) / 2, cy: y, r: 5.5 })
        : s("rect", { x: i.x0, y: y - 5, width: i.x1 - i.x0, height: 10, rx: 4 });
      g.push(s("a", { href: `#/event/${encodeURIComponent(i.e.id)}`, class: `tl-ev status-${i.e.status}` },
        s("title", null, tip), shape,
        i.label ? s("text", { x: i.x1 + 4, y: y + 4 }, i.label) : null));
    }
    svg.replaceChildren(...g);
    range.textContent = `${fmtDate(iso(view.t0))} – ${fmtDate(iso(view.t1))}`;
  }

  // wheel: zoom around the pointer; drag: pan
  svg.addEventListener("wheel", (event) => {
    if (compact && !event.ctrlKey) return;
    event.preventDefault();
    const box = svg.getBoundingClientRect();
    const at = view.t0 + ((event.clientX - box.left) / box.width) * (view.t1 - view.t0);
    zoom(event.deltaY > 0 ? 1.25 : 0.8, at);
  }, { passive: false });
  let drag = null;
  svg.addEventListener("pointerdown", (event) => {
    if (event.target.closest("a")) return;
    drag = { x: event.clientX, t0: view.t0, t1: view.t1 };
    try { svg.setPointerCapture(event.pointerId); } catch { /* synthetic events have no pointer */ }
  });
  svg.addEventListener("pointermove", (event) => {
    if (!drag) return;
    const box = svg.getBoundingClientRect();
    const shift = ((event.clientX - drag.x) / box.width) * (drag.t1 - drag.t0);
    view.t0 = drag.t0 - shift;
    view.t1 = drag.t1 - shift;
    draw();
  });
  const stop = () => { drag = null; };
  svg.addEventListener("pointerup", stop);
  svg.addEventListener("pointercancel", stop);

  const button = (label, title, onclick) => h("button", { type: "button", title, onclick }, label);
  const controls = h("div", { class: "tl-controls" },
    button("−", "zoom out", () => zoom(1.6)),
    button("+", "zoom in", () => zoom(0.625)),
    button("Fit", "show every event", () => { fit(); draw(); }),
    button("Decade", "ten years", () => show(3652)),
    button("Year", "one year", () => show(365)),
    button("Month", "one month", () => show(31)),
    button("Week", "one week", () => show(7)),
    range);
  const node = h("div", { class: `tl ${compact ? "compact" : ""}` }, controls,
    h("div", { class: "tl-wrap" }, svg),
    undated ? h("p", { class: "muted small" }, `${undated} undated event(s) not on the axis.`) : null);
  fit();
  const observer = new ResizeObserver(() => draw());
  observer.observe(node);
  return { node, zoom, show, fit: () => { fit(); draw(); }, view };
}
