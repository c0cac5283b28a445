// Where events happened: their places on an outline of the world (GET /api/places), filtered as
// the events list is; a place's events open beside the map, and the places that could not be
// located are listed below it.
import { api, vocabulary } from "../api.js";
import { empty, h, plural, section } from "../dom.js";
import { placePanel, worldMap, worldOutline } from "../components/world-map.js";
import { eventFilterForm, eventFilters } from "./shared.js";

export async function mapPage(params) {
  const want = eventFilters(params);
  const [found, world, vocab] = await Promise.all([api("places", { ...want, per_place: 20 }),
    worldOutline(), vocabulary()]);
  const form = await eventFilterForm("/map", want, vocab, { cls: "filters map-filters", button: "Show" });

  const panel = h("aside", { class: "card map-panel", "aria-live": "polite" },
    h("p", { class: "muted" }, found.places.length ? "Click a place to list its events." : "No located place."));
  const pick = (place) => panel.replaceChildren(placePanel(place));
  const map = worldMap(world, found.places, pick);
  const placed = found.places.reduce((n, p) => n + p.events, 0);
  const node = h("div", { class: "map-page" },
    h("section", { class: "card" }, h("h1", null, "Map"),
      h("p", { class: "muted" }, `${plural(placed, "event")} at ${plural(found.places.length, "place")}`,
        ` of ${plural(found.events, "event")} chosen`,
        found.without_place ? ` (${found.without_place} without a place)` : "",
        found.truncated ? "; more events than one map reads: narrow the filters" : "", "."),
      form),
    h("div", { class: "map-cols" }, h("section", { class: "card map-card" }, map.node), panel),
    found.unlocated.length
      ? section(`Not on the map (${found.unlocated.length})`,
        h("p", { class: "muted small" }, "Places the gazetteer does not know."),
        h("ul", { class: "list map-unlocated" }, found.unlocated.map((p) => h("li", null,
          h("button", { type: "button", class: "link", onclick: () => pick(p) }, p.entity.name),
          h("span", { class: "muted small" }, ` ${plural(p.events, "event")}`)))))
      : null,
    found.places.length || found.unlocated.length ? null : empty("No event with a place matches."));
  return { title: "Map", node, after: () => map.redraw() };
}
