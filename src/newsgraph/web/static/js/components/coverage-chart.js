// Coverage over time (GET /api/coverage): the subject's articles per day, week or month as bars
// stacked by outlet, either as counts or as the share of every article stored in that period,
// and a table of the outlets: who reported first, who most. Drawn as inline SVG by hand.
import { api } from "../api.js";
import { fmtDate, h, plural, s } from "../dom.js";

// drawn at about the width it is shown at, so that its text keeps its size on a phone too
const chartWidth = () => Math.round(Math.min(1120, Math.max(300, window.innerWidth - 72)));
const HEIGHT = 190;
const PAD = { left: 44, right: 8, top: 10, bottom: 26 };
const MAX_BARS = 120; // more periods than this: the next coarser period is chosen
const COLOURS = ["#1f5fae", "#d9822b", "#2a8a55", "#7c4dce", "#c4362e", "#0f8b8d"];
const OTHER = "#aab4c0";
const GAP = 6; // least room between two axis labels
const PERIODS = ["day", "week", "month"];

const pct = (x) => `${(100 * x).toFixed(x && x < 0.01 ? 2 : 1).replace(/\.0+$/, "")} %`;
const outletName = (o) => o || "no outlet";

/** The period to open on: the finest that draws at most MAX_BARS bars over the subject's span. */
function finest(monthly) {
  const n = monthly.periods.length;
  if (n <= 4) return "day";
  if (n * 4.35 <= MAX_BARS) return "week";
  return "month";
}

function periodLabel(period, by) {
  if (by === "month") return fmtDate(period);
  return by === "week" ? `week of ${fmtDate(period)}` : fmtDate(period);
}

/** An axis label as short as the period allows. */
function tickText(period, by) {
  const full = fmtDate(period); // "14 Mar 2025" or "Mar 2025"
  return by === "month" ? full : full.split(" ").slice(0, 2).join(" ");
}

/** Outlets given a colour: those with the most articles, the rest drawn as "other outlets". */
function palette(cov) {
  const ranked = [...cov.outlets].sort((a, b) => b.articles - a.articles
    || outletName(a.outlet).localeCompare(outletName(b.outlet)));
  const colour = new Map();
  ranked.slice(0, COLOURS.length).forEach((o, i) => colour.set(o.outlet, COLOURS[i]));
  return colour;
}

function bars(cov, measure, colour) {
  const WIDTH = chartWidth();
  const inner = WIDTH - PAD.left - PAD.right;
  const tall = HEIGHT - PAD.top - PAD.bottom;
  const value = (p) => (measure === "share" ? p.share : p.articles);
  const top = Math.max(...cov.periods.map(value), measure === "share" ? 0.0001 : 1);
  const step = inner / Math.max(cov.periods.length, 1);
  const width = Math.max(1, step * 0.8);
  const y = (v) => PAD.top + tall - (tall * v) / top;
  const svg = s("svg", {
    class: "cov-svg", viewBox: `0 0 ${WIDTH} ${HEIGHT}`, role: "img",
    "data-by": cov.by, "data-measure": measure,
    "aria-label": `${plural(cov.articles, "article")} per ${cov.by}`
      + (measure === "share" ? ", as a share of every article stored then" : ""),
  });
  // the value axis: 0, half and the top
  for (const v of [0, top / 2, top]) {
    svg.append(s("line", { class: "cov-grid", x1: PAD.left, x2: WIDTH - PAD.right, y1: y(v), y2: y(v) }));
    const label = measure === "share" ? pct(v) : Number.isInteger(v) ? String(v) : "";
    if (label) svg.append(s("text", { class: "cov-tick", x: PAD.left - 6, y: y(v) + 4, "text-anchor": "end" }, label));
  }
  let lastRight = -Infinity;
  cov.periods.forEach((p, i) => {
    const x = PAD.left + i * step + (step - width) / 2;
    const g = s("g", {
      class: "cov-bar", "data-period": p.period, "data-count": p.articles,
      "data-total": p.total, "data-share": p.share,
    });
    let base = 0; // stacked from the bottom, the outlets with the most articles first
    const other = { articles: 0, share: 0 };
    const parts = [];
    for (const o of p.outlets) {
      if (colour.has(o.outlet)) parts.push([colour.get(o.outlet), o]);
      else { other.articles += o.articles; other.share += o.share; }
    }
    if (other.articles) parts.push([OTHER, other]);
    for (const [fill, o] of parts) {
      const v = measure === "share" ? o.share : o.articles;
      g.append(s("rect", { x, y: y(base + v), width, height: Math.max(0, y(base) - y(base + v)), fill }));
      base += v;
    }
    // a hit area the whole height, with what the bar says as its tooltip
    g.append(s("rect", { class: "cov-hit", x: PAD.left + i * step, y: PAD.top, width: step, height: tall },
      s("title", null, `${periodLabel(p.period, cov.by)}: ${plural(p.articles, "article")} of ${p.total} stored`
        + ` (${pct(p.share)})${p.outlets.map((o) => `\n${outletName(o.outlet)}: ${o.articles}`).join("")}`)));
    svg.append(g);
    // axis labels left to right, each only where it clears the one before
    const text = tickText(p.period, cov.by);
    const centre = PAD.left + (i + 0.5) * step;
    const half = (text.length * 6.2) / 2;
    if (centre - half >= lastRight + GAP && centre + half <= WIDTH) {
      svg.append(s("text", { class: "cov-tick cov-x", x: centre, y: HEIGHT - 8, "text-anchor": "middle" }, text));
      lastRight = centre + half;
    }
  });
  svg.append(s("line", { class: "cov-axis", x1: PAD.left, x2: WIDTH - PAD.right, y1: y(0), y2: y(0) }));
  return svg;
}

function outletTable(cov, colour) {
  const most = Math.max(0, ...cov.outlets.map((o) => o.articles));
  const first = cov.outlets.length ? cov.outlets[0].first : null; // the API lists the first first
  return h("div", { class: "cov-table" }, h("table", { class: "cov-outlets" },
    h("thead", null, h("tr", null, h("th", null, "Outlet"), h("th", null, "First"), h("th", null, "Latest"),
      h("th", { class: "num" }, "Articles"), h("th", { class: "num", title: "of the outlet's articles in the range" }, "Share"))),
    h("tbody", null, cov.outlets.map((o) => h("tr", { "data-outlet": outletName(o.outlet) },
      h("td", null, h("span", { class: "cov-swatch", "data-colour": colour.get(o.outlet) || OTHER }),
        outletName(o.outlet),
        o.first && o.first === first ? h("span", { class: "badge cov-first" }, "first") : null,
        o.articles === most ? h("span", { class: "badge cov-most" }, "most") : null),
      h("td", null, o.first ? fmtDate(o.first) : "undated"),
      h("td", null, o.last ? fmtDate(o.last) : "undated"),
      h("td", { class: "num" }, String(o.articles)),
      h("td", { class: "num" }, `${pct(o.share)} of ${o.total}`))))));
}

function legend(colour, cov) {
  const named = [...colour.entries()];
  const others = cov.outlets.length > named.length;
  return h("ul", { class: "cov-legend" },
    named.map(([outlet, fill]) => h("li", null, h("span", { class: "cov-swatch", "data-colour": fill }), outletName(outlet))),
    others ? h("li", null, h("span", { class: "cov-swatch", "data-colour": OTHER }), "other outlets") : null);
}

/** Swatches take their colour here: the page's style policy allows no inline style attribute. */
function paint(node) {
  node.querySelectorAll(".cov-swatch").forEach((el) => { el.style.background = el.dataset.colour; });
}

function summary(cov) {
  const dated = cov.outlets.filter((o) => o.first);
  const most = Math.max(0, ...cov.outlets.map((o) => o.articles));
  const leaders = cov.outlets.filter((o) => o.articles === most).map((o) => outletName(o.outlet));
  return h("p", { class: "cov-summary" },
    `${plural(cov.articles, "article")} from ${plural(cov.outlets.length, "outlet")}`,
    cov.unplaced ? ` (${cov.unplaced} not dated to the ${cov.by})` : "",
    dated.length ? [". First: ", h("b", { class: "cov-first-name" }, outletName(dated[0].outlet)), ` (${fmtDate(dated[0].first)})`] : "",
    leaders.length ? [". Most: ", h("b", { class: "cov-most-name" }, leaders.join(", ")), ` (${most})`] : "",
    ".");
}

/** The coverage section of a page; a failure to load it is said there, the page still shows. */
export async function coverageSection(subject) {
  let chart;
  try {
    chart = (await coverageChart(subject)).node;
  } catch (error) {
    chart = h("p", { class: "muted" }, `Coverage could not be loaded: ${error.message}`);
  }
  return h("section", { class: "card coverage" }, h("h2", null, "Coverage over time"), chart);
}

/**
 * The coverage of one entity or story: `{ node }` for a page, the first answer fetched already.
 * `subject` is the API's query: { entity: id } or { story: id }.
 */
export async function coverageChart(subject) {
  const monthly = await api("coverage", { ...subject, by: "month" });
  const state = { by: finest(monthly), measure: "count" };
  const answers = new Map([["month", monthly]]);
  const get = async (by) => {
    if (!answers.has(by)) answers.set(by, await api("coverage", { ...subject, by }));
    return answers.get(by);
  };
  await get(state.by);

  const body = h("div", { class: "cov-body" });
  const byButtons = PERIODS.map((by) => h("button", { type: "button", "data-by": by, onclick: () => { state.by = by; draw(); } }, by));
  const measureButtons = [["count", "Articles"], ["share", "Share of all"]].map(([m, label]) =>
    h("button", { type: "button", "data-measure": m, title: m === "share" ? "of every article stored in the period" : null,
      onclick: () => { state.measure = m; draw(); } }, label));
  const node = h("div", { class: "cov" },
    h("div", { class: "cov-controls" }, h("span", { class: "muted small" }, "per"), byButtons,
      h("span", { class: "cov-sep" }), measureButtons),
    body);

  let drawn = 0;
  async function draw() {
    const mine = ++drawn;
    let cov;
    try {
      cov = await get(state.by);
    } catch (error) {
      body.replaceChildren(h("p", { class: "muted" }, `Coverage could not be loaded: ${error.message}`));
      return;
    }
    if (mine !== drawn) return;
    byButtons.forEach((b) => b.classList.toggle("on", b.dataset.by === state.by));
    measureButtons.forEach((b) => b.classList.toggle("on", b.dataset.measure === state.measure));
    node.dataset.by = state.by;
    node.dataset.measure = state.measure;
    if (!cov.articles) {
      body.replaceChildren(h("p", { class: "muted" }, "No stored article tells of it."));
      return;
    }
    const colour = palette(cov);
    body.replaceChildren(summary(cov),
      cov.periods.length ? h("div", { class: "cov-wrap" }, bars(cov, state.measure, colour))
        : h("p", { class: "muted" }, `No article dated to the ${cov.by}.`),
      legend(colour, cov), outletTable(cov, colour));
    paint(body);
  }
  await draw();
  return { node };
}
