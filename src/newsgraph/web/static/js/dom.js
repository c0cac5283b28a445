// Building DOM safely: every string becomes a text node, never HTML.
const SVG_NS = "http://www.w3.org/2000/svg";

function setAttrs(el, attrs) {
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key.startsWith("on") && typeof value === "function") {
      el.addEventListener(key.slice(2), value);
    } else if (key === "dataset") {
      Object.assign(el.dataset, value);
    } else {
      el.setAttribute(key === "className" ? "class" : key, value === true ? "" : String(value));
    }
  }
}

export function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

/** An HTML element: h("a", {href: "#/"}, "text", otherNode). */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  setAttrs(el, attrs);
  return append(el, children);
}

/** An SVG element. */
export function s(tag, attrs, ...children) {
  const el = document.createElementNS(SVG_NS, tag);
  setAttrs(el, attrs);
  return append(el, children);
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
/** "2025-03-14" -> "14 Mar 2025"; datetimes keep their time of day. */
export function fmtDate(iso) {
  if (!iso) return "";
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:T(\d{2}:\d{2}))?/.exec(iso);
  if (!m) return iso;
  const [, y, mo, d, t] = m;
  if (!mo) return y;
  if (!d) return `${MONTHS[+mo - 1]} ${y}`;
  return `${+d} ${MONTHS[+mo - 1]} ${y}${t ? ` ${t}` : ""}`;
}

/** An event or report time as a person would say it: the API's label, which says where the
 * time comes from ("≤ 24 Oct 2025, publication"). */
export function fmtSpan(time) {
  return time && time.start ? time.label || time.start : "undated";
}

export function badge(text, cls) {
  return h("span", { class: `badge ${cls || ""}` }, text);
}

export function statusBadge(status) {
  return h("span", { class: `badge status status-${status}`, title: `status: ${status}` }, status);
}

export function typeBadge(type) {
  return h("span", { class: `badge etype`, title: "PLOVER event type" }, type);
}

export function entityLink(ref) {
  if (!ref) return null;
  return h("a", { href: `#/entity/${encodeURIComponent(ref.id)}`, class: `chip t-${ref.type}`,
    title: ref.type }, ref.name);
}

export function plural(n, word, many) {
  return `${n} ${n === 1 ? word : many || `${word}s`}`;
}

export function hashLink(path, params) {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {})) {
    if (v !== null && v !== undefined && v !== "") qs.set(k, v);
  }
  const q = qs.toString();
  return `#${path}${q ? `?${q}` : ""}`;
}

/** Text with the [bracketed] matches of a search snippet as <mark>. */
export function snippet(text) {
  const out = h("span", { class: "snippet" });
  const parts = String(text).split(/(\[[^\]]*\])/);
  for (const part of parts) {
    if (part.startsWith("[") && part.endsWith("]")) out.append(h("mark", null, part.slice(1, -1)));
    else if (part) out.append(part);
  }
  return out;
}

export function section(title, ...children) {
  return h("section", { class: "card" }, h("h2", null, title), ...children);
}

export function empty(text) {
  return h("p", { class: "muted" }, text);
}

/** A title as shown: its text, or a clear "untitled" mark for an article or story without one. */
export function titled(title) {
  return title || h("span", { class: "untitled" }, "untitled");
}

/** The same as plain text (a page title, a tooltip). */
export function titleText(title) {
  return title || "untitled";
}
