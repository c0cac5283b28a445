// A small offline API reference built from /openapi.json, with a "try it" form per route.
import { h } from "./dom.js";

function tryForm(path, params) {
  const out = h("pre", { class: "json", hidden: true });
  const fields = params.map((p) => h("label", null, `${p.name}${p.required ? " *" : ""} `,
    h("input", { name: p.name, placeholder: p.schema && p.schema.default !== undefined ? String(p.schema.default) : "" })));
  const form = h("form", { class: "filters" }, fields, h("button", { type: "submit" }, "Try"));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    let url = path;
    const qs = new URLSearchParams();
    for (const p of params) {
      const value = form.elements[p.name].value;
      if (!value) continue;
      if (p.in === "path") url = url.replace(`{${p.name}}`, encodeURIComponent(value));
      else qs.set(p.name, value);
    }
    const response = await fetch(`${url}${qs.toString() ? `?${qs}` : ""}`);
    out.hidden = false;
    out.textContent = `${response.status}\n${JSON.stringify(await response.json(), null, 2)}`;
  });
  return [form, out];
}

async function main() {
  const spec = await (await fetch("/openapi.json")).json();
  const root = document.getElementById("docs");
  const routes = Object.entries(spec.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({ path, method, op })));
  root.replaceChildren(
    h("section", { class: "card" }, h("h1", null, `${spec.info.title} ${spec.info.version}`),
      h("p", { class: "pre-line" }, spec.info.description || "")),
    ...routes.map(({ path, method, op }) => h("section", { class: "card" },
      h("h2", null, h("span", { class: "badge etype" }, method.toUpperCase()), " ", h("code", null, path)),
      h("p", null, op.summary || ""),
      op.description ? h("p", { class: "muted pre-line" }, op.description) : null,
      op.parameters && op.parameters.length ? h("table", { class: "table" },
        h("thead", null, h("tr", null, h("th", null, "parameter"), h("th", null, "in"), h("th", null, "description"))),
        h("tbody", null, op.parameters.map((p) => h("tr", null, h("td", null, h("code", null, p.name), p.required ? " *" : ""),
          h("td", null, p.in), h("td", null, p.description || (p.schema && p.schema.type) || ""))))) : null,
      method === "get" ? tryForm(path, op.parameters || []) : null)));
}

main();
