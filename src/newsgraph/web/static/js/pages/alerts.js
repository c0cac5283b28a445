// Alerts: what is new about watched entities (watchlist matches not rejected) and chosen event
// types, newest first, each with the sentences that show it (GET /api/alerts).
import { api, post } from "../api.js";
import { badge, empty, entityLink, fmtDate, h, hashLink, section, statusBadge, titled, typeBadge } from "../dom.js";

const SINCE = [["", "all stored articles"], ["24h", "the last 24 hours"], ["7d", "the last 7 days"],
  ["30d", "the last 30 days"]];
const KIND_LABEL = {
  mention: "new mention", event: "new event", occurred: "planned, now occurred",
  cancelled: "planned, now cancelled", conflict: "reports in conflict",
};

function filters(since, types) {
  const form = h("form", { class: "filters alerts-filters" },
    h("label", null, "Since ", h("select", { name: "since" }, SINCE.map(([value, label]) =>
      h("option", { value, selected: value === since }, label)))),
    h("label", null, " Event types ", h("input", {
      name: "type", value: types.join(" "), placeholder: "e.g. ASSAULT PROTEST", size: 24,
    })),
    h("button", { type: "submit" }, "Show"));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const chosen = String(data.get("type") || "").split(/[\s,]+/).filter(Boolean).join(" ");
    location.hash = hashLink("/alerts", { since: data.get("since"), type: chosen });
  });
  return form;
}

function alertCard(alert) {
  const subject = alert.entity ? entityLink(alert.entity) : null;
  const event = alert.event
    ? h("a", { href: `#/event/${encodeURIComponent(alert.event.id)}` }, alert.event.summary)
    : null;
  const details = alert.kind === "conflict" && alert.details.values
    ? h("p", { class: "small" }, `${alert.details.field}: ${alert.details.values.join(" / ")}`)
    : null;
  return h("li", { class: `alert alert-${alert.kind}`, dataset: { kind: alert.kind } },
    h("div", null, badge(KIND_LABEL[alert.kind] || alert.kind, `alert-kind kind-${alert.kind}`), " ",
      subject, alert.event ? " " : null, alert.event ? typeBadge(alert.event.type) : null,
      alert.event ? " " : null, alert.event ? statusBadge(alert.event.status) : null, " ", event),
    details,
    h("div", { class: "evidence" }, alert.evidence.map((sentence) => h("blockquote", null, sentence))),
    h("div", { class: "muted small" },
      h("a", { href: `#/article/${encodeURIComponent(alert.article.id)}` }, titled(alert.article.title)),
      ` · ${[alert.article.outlet, fmtDate(alert.article.published)].filter(Boolean).join(" · ")}`,
      ` · stored ${fmtDate(alert.at)} · ${alert.why}`));
}

function matchRow(match, recording) {
  const row = h("li", { class: `watch-match status-${match.status}`, dataset: { status: match.status } },
    entityLink(match.entity), " matches ", h("b", null, match.entry.name),
    h("span", { class: "muted small" }, ` (${match.entry.list}) `),
    badge(`${match.status} · ${match.score.toFixed(2)}`, `match-${match.status}`),
    recording ? judgeButtons(match) : null,
    h("div", { class: "muted small" }, match.why.join("; ")));
  return row;
}

/** Confirm and Reject, on a server that records judgements: the row shows the new status. */
function judgeButtons(match) {
  const note = h("span", { class: "judge-note small", role: "status" });
  const judge = async (decision, button) => {
    button.disabled = true;
    try {
      const judged = await post("watchlist/judgements",
        { entity: match.entity.id, entry: String(match.entry.id), decision });
      const row = button.closest("li.watch-match");
      row.replaceWith(matchRow({ ...match, ...judged }, true));
    } catch (error) {
      note.textContent = error.message;
      button.disabled = false;
    }
  };
  const choices = [["confirm", "Confirm"], ["reject", "Reject"]]
    .filter(([decision]) => match.status !== `${decision}ed`)
    .map(([decision, label]) => h("button", { type: "button", class: `judge judge-${decision}`,
      onclick: (event) => judge(decision, event.currentTarget) }, label));
  return h("span", { class: "judge-buttons" }, choices, note);
}

export async function alertsPage(params) {
  const since = params.get("since") || "";
  const types = (params.get("type") || "").split(/\s+/).filter(Boolean);
  const query = new URLSearchParams({ limit: "200" });
  if (since) query.set("since", since);
  for (const t of types) query.append("type", t);
  const [found, matches, judging] = await Promise.all([
    api(`alerts?${query.toString()}`), api("watchlist/matches", { limit: 200 }),
    api("watchlist/judgements")]);
  const node = h("div", { class: "alerts-page" },
    h("section", { class: "card" }, h("h1", null, "Alerts"),
      h("p", { class: "muted" }, "What new articles say about watched entities (", h("code", null,
        "newsgraph watchlist"), ") and about the event types chosen here."), filters(since, types)),
    section(`${found.items.length} alert${found.items.length === 1 ? "" : "s"}`, found.items.length
      ? h("ul", { class: "list alerts" }, found.items.map(alertCard))
      : empty("Nothing new: add names with `newsgraph watchlist add`, or choose event types.")),
    section(`Watchlist matches (${matches.items.length}${matches.next_offset !== null ? "+" : ""})`,
      matches.items.length
        ? h("ul", { class: "list watch-matches" }, matches.items.map((m) => matchRow(m, judging.recording)))
        : empty("No entity matches a watchlist entry."),
      judging.recording ? null : h("p", { class: "muted small judge-how" }, "Confirm or reject one with ",
        h("code", null, "newsgraph watchlist confirm|reject ENTITY ENTRY"),
        ", or here on a server started with ", h("code", null, "newsgraph serve --judgements"), ".")));
  return { title: "Alerts", node };
}
