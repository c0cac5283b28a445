// Marking spans (character offsets) in a text: entity mentions, event triggers, times.
import { h } from "../dom.js";

// Outermost first; a link is made only for the innermost kind that has one (no nested links).
const ORDER = ["focus", "sentence", "mention", "time", "trigger"];

/**
 * The text as a fragment with each span wrapped in an element.
 * spans: [{start, end, kind, cls, href, title, data}], offsets relative to `base`.
 */
export function highlight(text, spans, base = 0) {
  const len = text.length;
  const clipped = [];
  for (const span of spans) {
    const start = Math.max(0, span.start - base);
    const end = Math.min(len, span.end - base);
    if (end > start) clipped.push({ ...span, start, end });
  }
  const cuts = new Set([0, len]);
  for (const span of clipped) { cuts.add(span.start); cuts.add(span.end); }
  const points = [...cuts].sort((a, b) => a - b);
  const out = document.createDocumentFragment();
  for (let i = 0; i + 1 < points.length; i++) {
    const a = points[i];
    const b = points[i + 1];
    const piece = text.slice(a, b);
    const active = clipped.filter((span) => span.start <= a && span.end >= b);
    if (!active.length) { out.append(piece); continue; }
    active.sort((x, y) => ORDER.indexOf(y.kind) - ORDER.indexOf(x.kind)); // innermost first
    let node = document.createTextNode(piece);
    let linked = false;
    for (const span of active) {
      const link = span.href && !linked;
      if (link) linked = true;
      const attrs = {
        class: `${span.kind} ${span.cls || ""}`.trim(),
        title: span.title || null,
        href: link ? span.href : null,
      };
      if (span.data) attrs.dataset = span.data;
      node = h(link ? "a" : "span", attrs, node);
      if (a === span.start) node.classList.add("first");
      if (b === span.end) node.classList.add("last");
    }
    out.append(node);
  }
  return out;
}

/** A report's sentence with its trigger marked (trigger offsets are into the article text). */
export function sentenceWithTrigger(report) {
  const { sentence, start, trigger } = report;
  let tStart = trigger ? trigger.start : -1;
  let tEnd = trigger ? trigger.end : -1;
  const inside = tStart >= start && tEnd <= start + sentence.length
    && sentence.slice(tStart - start, tEnd - start) === trigger.text;
  if (!inside && trigger && trigger.text) {
    const at = sentence.indexOf(trigger.text);
    if (at >= 0) { tStart = start + at; tEnd = tStart + trigger.text.length; }
  }
  const spans = tStart >= 0 ? [{ start: tStart, end: tEnd, kind: "trigger", title: "trigger" }] : [];
  const lead = sentence.length - sentence.trimStart().length;
  return h("span", { class: "sentence-text" }, highlight(sentence.trim(), spans, start + lead));
}

/** A sentence with every case-insensitive occurrence of `phrase` marked. */
export function markPhrase(sentence, phrase) {
  const spans = [];
  const text = sentence.trim();
  if (phrase) {
    const lower = text.toLowerCase();
    const needle = phrase.toLowerCase();
    let at = lower.indexOf(needle);
    while (at >= 0 && needle) {
      spans.push({ start: at, end: at + needle.length, kind: "trigger" });
      at = lower.indexOf(needle, at + needle.length);
    }
  }
  return h("span", { class: "sentence-text" }, highlight(text, spans));
}
