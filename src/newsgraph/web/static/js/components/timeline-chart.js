// An SVG time axis drawn by hand: how many events per day, week or month as bars (drag across
// them to pick a range), and below them the events themselves as dots (a day) or bars (a
// period), zoomable from decades down to days with buttons, the mouse wheel or dragging.
// It opens on where most events are (outliers left out, "Fit" shows them all), and no two
// labels overlap: a label that would touch another is left out.
import { fmtDate, fmtSpan, h, s } from "../dom.js";

const DAY = 864e5;
const MIN_SPAN = 3 * DAY;
const MAX_SPAN = 150 * 365 * DAY;
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const AXIS = 46;
const HIST = 64;
const LANE = 24;
const GAP = 6; // least room between two labels, px
const FOCUS = 0.9; // the share of events the first view spans: the shortest span holding them
const FOCUS_MIN = 20; // fewer events than this: the first view shows them all

const toMs = (iso) => Date.UTC(+iso.slice(0, 4), +(iso.slice(5, 7) || 1) - 1, +(iso.slice(8, 10) || 1));
const iso = (ms) => new Date(ms).toISOString().slice(0, 10);

let measure = null;
/** The width in px of `text` drawn at `size` px in the page's font. */
export function textWidth(text, size, weight = "normal") {
  if (!measure) {
    measure = document.createElement("canvas").getContext("2d");
    measure.family = getComputedStyle(document.documentElement).fontFamily || "sans-serif";
  }
  measure.font = `${weight} ${size}px ${measure.family}`;
  return measure.measureText(text).width * 1.05 + 1; // a little slack for hinting
}

// Tick steps from fine to coarse: [kind, size, approximate length in ms].
const STEPS = [
  ["day", 1, DAY], ["day", 2, 2 * DAY], ["week", 1, 7 * DAY], ["month", 1, 30.4 * DAY],
  ["month", 3, 91 * DAY], ["month", 6, 182 * DAY], ["year", 1, 365 * DAY], ["year", 2, 730 * DAY],
  ["year", 5, 1826 * DAY], ["year", 10, 3652 * DAY], ["year", 20, 7305 * DAY], ["year", 50, 18262 * DAY],
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

/** The start of the day, week (Monday) or month holding `t`, and the start of the next. */
export function bucketOf(kind, t) {
  const d = new Date(t);
  if (kind === "month") {
    const y = d.getUTCFullYear();
    const m = d.getUTCMonth();
    return [Date.UTC(y, m, 1), Date.UTC(y, m + 1, 1)];
  }
  const day = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
  if (kind === "day") return [day, day + DAY];
  const monday = day - ((new Date(day).getUTCDay() + 6) % 7) * DAY;
  return [monday, monday + 7 * DAY];
}

/** Events per bucket: [[start, end, count]] in time order, empty buckets left out. */
export function histogram(starts, kind) {
  const counts = new Map();
  for (const t of starts) {
    const [b0, b1] = bucketOf(kind, t);
    const entry = counts.get(b0) || [b0, b1, 0];
    entry[2] += 1;
    counts.set(b0, entry);
  }
  return [...counts.values()].sort((a, b) => a[0] - b[0]);
}

const BUCKET_WORD = { day: "day", week: "week", month: "month" };

/** The chart: {node, ...} with zoom controls; `events` in the Event shape.
 * `days` ([{day, count}], from /api/timeline/days): the counts behind the bars, the first view
 * and the notes when `events` are only some of them; else the events are counted.
 * `onRange([t0, t1] | null)` is called when a range is brushed on the bars or cleared. */
export function timelineChart(events, { compact = false, maxLanes = compact ? 6 : 12, onRange, days } = {}) {
  const items = events.filter((e) => e.time && e.time.start).map((e) => {
    const start = toMs(e.time.start);
    const end = Math.max(start, toMs(e.time.end || e.time.start)) + DAY;
    return { e, start, end };
  });
  const starts = days
    ? days.flatMap(({ day, count }) => Array(count).fill(toMs(day)))
    : items.map((i) => i.start).sort((a, b) => a - b);
  const undated = events.length - items.length;
  const svg = s("svg", { class: "tl-svg", role: "img", "aria-label": "timeline of events" });
  const range = h("span", { class: "tl-range muted" });
  const scale = h("span", { class: "tl-scale muted" });
  const outside = h("p", { class: "tl-outside muted small" });
  const view = { t0: 0, t1: 0 };
  const state = { bucket: "auto", brush: null, brushing: null };
  const hist = !compact;

  function frame(lo, hi, right = compact ? 1 : 2) {
    const pad = Math.max((hi - lo) * 0.05, 3 * DAY);
    view.t0 = lo - pad;
    view.t1 = hi + pad * right; // room for labels on the right
    clampSpan();
  }

  function fit() {
    if (!starts.length) {
      const now = Date.now();
      view.t0 = now - 180 * DAY;
      view.t1 = now + 10 * DAY;
      return;
    }
    frame(starts[0], Math.max(starts.at(-1) + DAY, ...items.map((i) => i.end)));
  }

  /** The first view: the shortest span holding 90% of the events (the latest such span),
   * so outliers and thin tails are left out and a dense stretch fills the width. */
  function focus() {
    if (starts.length < FOCUS_MIN) { fit(); return; }
    const k = Math.ceil(FOCUS * starts.length);
    let best = 0;
    for (let i = 1; i + k - 1 < starts.length; i++) {
      if (starts[i + k - 1] - starts[i] <= starts[best + k - 1] - starts[best]) best = i;
    }
    frame(starts[best], starts[best + k - 1] + DAY);
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

  /** Labels left to right, each kept only if it clears the last one kept. */
  function spaced(labels) {
    let right = -Infinity;
    return labels.filter((l) => {
      if (l.x < right + GAP) return false;
      right = l.x + l.w;
      return true;
    });
  }

  function bucketKind(perPx) {
    if (state.bucket !== "auto") return state.bucket;
    if (DAY / perPx >= 6) return "day";
    if ((7 * DAY) / perPx >= 5) return "week";
    return "month";
  }

  function draw() {
    const width = Math.max(svg.clientWidth || svg.parentNode?.clientWidth || 600, 280);
    const x = (t) => ((t - view.t0) / (view.t1 - view.t0)) * width;
    const perPx = (view.t1 - view.t0) / width;
    const [kind, size] = STEPS.find(([, , ms]) => ms / perPx >= (compact ? 56 : 64)) || STEPS.at(-1);
    const ctxKind = kind === "year" ? null : kind === "month" ? "year" : "month";
    const top = AXIS + (hist ? HIST + 10 : 0);
    // lanes: the events with the most sources first, each in the first lane where it and its
    // measured label touch nothing; what fits in no lane is counted, not drawn over another
    const laneBusy = [];
    let crowded = 0;
    const placed = [];
    items
      .map((i) => {
        const [x0, x1] = [x(i.start), x(i.end)];
        const point = i.end - i.start <= DAY || x1 - x0 < 9;
        const mid = (x0 + x1) / 2;
        return { ...i, point, x0: point ? mid - 6 : x0, x1: point ? mid + 6 : x1 };
      })
      .filter((i) => i.x1 >= 0 && i.x0 <= width)
      .sort((a, b) => b.e.sources - a.e.sources || a.x0 - b.x0 || a.e.id.localeCompare(b.e.id))
      .forEach((i) => {
        const label = compact ? "" : i.e.summary.length > 48 ? `${i.e.summary.slice(0, 46)}…` : i.e.summary;
        const right = i.x1 + (label ? textWidth(label, 12) + 4 + GAP : 3);
        const free = (busy) => !busy.some(([b0, b1]) => i.x0 < b1 && b0 < right);
        let lane = laneBusy.findIndex(free);
        if (lane < 0 && laneBusy.length < maxLanes) { lane = laneBusy.length; laneBusy.push([]); }
        if (lane < 0) { crowded += 1; return; }
        laneBusy[lane].push([i.x0, right]);
        placed.push({ ...i, label, lane });
      });
    const lanes = Math.max(1, laneBusy.length);
    const height = top + lanes * LANE + 12;
    svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
    svg.setAttribute("height", String(height));
    const g = [];
    g.push(s("rect", { class: "tl-bg", x: 0, y: 0, width, height }));
    if (ctxKind) {
      const ctx = ticks(ctxKind, 1, view.t0, view.t1);
      const label = (t) => (ctxKind === "year" ? String(new Date(t).getUTCFullYear())
        : `${MONTHS[new Date(t).getUTCMonth()]} ${new Date(t).getUTCFullYear()}`);
      const labels = [{ x: 4, text: label(view.t0) }, ...ctx.filter((t) => x(t) >= 0)
        .map((t) => ({ x: x(t) + 4, text: label(t) }))];
      for (const l of labels) l.w = textWidth(l.text, 12, 600);
      // the left-hand label gives way to a boundary's own label close by
      if (labels.length > 1 && labels[1].x < labels[0].x + labels[0].w + GAP) labels.shift();
      for (const t of ctx) g.push(s("line", { class: "tl-ctxline", x1: x(t), x2: x(t), y1: 2, y2: height }));
      for (const l of spaced(labels)) g.push(s("text", { class: "tl-ctx", x: l.x, y: 14 }, l.text));
    }
    const tickLabels = [];
    for (const t of ticks(kind, size, view.t0, view.t1)) {
      const xt = x(t);
      g.push(s("line", { class: "tl-grid", x1: xt, x2: xt, y1: 20, y2: height }));
      const text = tickLabel(kind, t);
      tickLabels.push({ x: xt + 3, text, w: textWidth(text, 11) });
    }
    for (const l of spaced(tickLabels)) g.push(s("text", { class: "tl-tick", x: l.x, y: 34 }, l.text));
    g.push(s("line", { class: "tl-axis", x1: 0, x2: width, y1: AXIS - 6, y2: AXIS - 6 }));
    if (hist) {
      const bucket = bucketKind(perPx);
      const visible = starts.filter((t) => t >= view.t0 - 31 * DAY && t <= view.t1);
      const bars = histogram(visible, bucket).filter(([b0, b1]) => x(b1) >= 0 && x(b0) <= width);
      const most = Math.max(1, ...bars.map((b) => b[2]));
      const base = AXIS + HIST;
      g.push(s("rect", { class: "tl-histbg", x: 0, y: AXIS - 4, width, height: HIST + 6 }));
      for (const [b0, b1, n] of bars) {
        const bx = x(b0);
        const bw = Math.max(1.5, x(b1) - bx - 1);
        const bh = Math.max(2, ((HIST - 16) * n) / most);
        g.push(s("rect", { class: "tl-bar", x: bx, y: base - bh, width: bw, height: bh,
          "data-count": n, "data-start": iso(b0), "data-end": iso(b1 - DAY) },
          s("title", null, `${bucket === "day" ? fmtDate(iso(b0)) : bucket === "week"
            ? `week of ${fmtDate(iso(b0))}` : fmtDate(iso(b0)).replace(/^\d+ /, "")}: ${n} event${n === 1 ? "" : "s"}`)));
        const text = String(n);
        const w = textWidth(text, 10);
        if (w + 2 <= bw) {
          g.push(s("text", { class: "tl-count", x: bx + bw / 2 - w / 2, y: base - bh - 3 }, text));
        }
      }
      scale.textContent = `Bars: events per ${BUCKET_WORD[bucket]} (most ${most}); drag across them to pick a range.`;
      const sel = state.brushing || state.brush;
      if (sel) {
        const [s0, s1] = [x(Math.min(...sel)), x(Math.max(...sel))];
        g.push(s("rect", { class: "tl-brush", x: s0, y: AXIS - 4, width: Math.max(1, s1 - s0), height: HIST + 6 }));
      }
      svg.dataset.bucket = bucket;
    }
    for (const i of placed) {
      const y = top + i.lane * LANE + LANE / 2;
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
    const before = starts.filter((t) => t < view.t0).length;
    const after = starts.filter((t) => t > view.t1).length;
    const parts = [];
    if (before) parts.push(`${before} earlier (from ${fmtDate(iso(starts[0]))})`);
    if (after) parts.push(`${after} later (to ${fmtDate(iso(starts.at(-1)))})`);
    if (crowded) parts.push(`${crowded} in view not drawn one by one: pick a shorter range`);
    outside.textContent = parts.length ? `Events outside this view: ${parts.join(", ")}.` : "";
    if (crowded && !before && !after) outside.textContent = `${crowded} events in view are not drawn one by one: pick a shorter range.`;
  }

  const timeAt = (clientX) => {
    const box = svg.getBoundingClientRect();
    return view.t0 + ((clientX - box.left) / box.width) * (view.t1 - view.t0);
  };
  const inBars = (event) => {
    if (!hist) return false;
    const box = svg.getBoundingClientRect();
    const y = ((event.clientY - box.top) / box.height) * Number(svg.getAttribute("height"));
    return y >= AXIS - 4 && y <= AXIS + HIST + 2;
  };

  /** Pick [t0, t1] (ms) as the range: the view zooms to it, and `onRange` hears of it. */
  function pick(t0, t1) {
    const kind = bucketKind((view.t1 - view.t0) / Math.max(svg.clientWidth || 600, 280));
    const lo = bucketOf(kind, Math.min(t0, t1))[0];
    const hi = bucketOf(kind, Math.max(t0, t1))[1];
    state.brush = [lo, hi];
    clear.hidden = false;
    frame(lo, hi, 1);
    draw();
    if (onRange) onRange([lo, hi]);
  }

  // wheel: zoom around the pointer; drag on the bars: pick a range; drag below: pan
  svg.addEventListener("wheel", (event) => {
    if (compact && !event.ctrlKey) return;
    event.preventDefault();
    zoom(event.deltaY > 0 ? 1.25 : 0.8, timeAt(event.clientX));
  }, { passive: false });
  let drag = null;
  svg.addEventListener("pointerdown", (event) => {
    if (event.target.closest("a")) return;
    if (inBars(event)) {
      const t = timeAt(event.clientX);
      state.brushing = [t, t];
      drag = { brush: true, x: event.clientX };
    } else {
      drag = { x: event.clientX, t0: view.t0, t1: view.t1 };
    }
    try { svg.setPointerCapture(event.pointerId); } catch { /* synthetic events have no pointer */ }
  });
  svg.addEventListener("pointermove", (event) => {
    if (!drag) return;
    if (drag.brush) {
      state.brushing[1] = timeAt(event.clientX);
      draw();
      return;
    }
    const box = svg.getBoundingClientRect();
    const shift = ((event.clientX - drag.x) / box.width) * (drag.t1 - drag.t0);
    view.t0 = drag.t0 - shift;
    view.t1 = drag.t1 - shift;
    draw();
  });
  const stop = (event) => {
    if (drag && drag.brush) {
      const [t0, t1] = state.brushing;
      state.brushing = null;
      if (Math.abs(event.clientX - drag.x) > 4) pick(t0, t1);
      else draw();
    }
    drag = null;
  };
  svg.addEventListener("pointerup", stop);
  svg.addEventListener("pointercancel", stop);

  const button = (label, title, onclick, attrs = {}) => h("button", { type: "button", title, onclick, ...attrs }, label);
  const clear = button("Clear range", "forget the picked range", () => {
    state.brush = null;
    clear.hidden = true;
    draw();
    if (onRange) onRange(null);
  }, { class: "tl-clear" });
  clear.hidden = true;
  const bucketChoice = hist ? h("label", { class: "tl-bucket muted" }, "bars per ",
    h("select", { onchange: (ev) => { state.bucket = ev.target.value; draw(); } },
      ["auto", "day", "week", "month"].map((v) => h("option", { value: v }, v)))) : null;
  const controls = h("div", { class: "tl-controls" },
    button("−", "zoom out", () => zoom(1.6)),
    button("+", "zoom in", () => zoom(0.625)),
    button("Fit", "show every event", () => { fit(); draw(); }),
    button("Focus", "where most events are", () => { focus(); draw(); }),
    button("Decade", "ten years", () => show(3652)),
    button("Year", "one year", () => show(365)),
    button("Month", "one month", () => show(31)),
    button("Week", "one week", () => show(7)),
    clear, bucketChoice, range);
  const node = h("div", { class: `tl ${compact ? "compact" : ""}` }, controls,
    hist ? h("p", { class: "small" }, scale) : null,
    h("div", { class: "tl-wrap" }, svg), outside,
    undated ? h("p", { class: "muted small" }, `${undated} undated event(s) not on the axis.`) : null);
  focus();
  const observer = new ResizeObserver(() => draw());
  observer.observe(node);
  return { node, zoom, show, pick, fit: () => { fit(); draw(); }, view };
}
