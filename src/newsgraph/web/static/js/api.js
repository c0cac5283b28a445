// The JSON API: every piece of data the UI shows comes from here.
export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

export async function api(path, params) {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {})) {
    if (v !== null && v !== undefined && v !== "") qs.set(k, v);
  }
  const q = qs.toString();
  const response = await fetch(`/api/${path}${q ? `?${q}` : ""}`, {
    headers: { Accept: "application/json" },
  });
  let body = null;
  try {
    body = await response.json();
  } catch {
    body = null;
  }
  if (!response.ok) {
    throw new ApiError(response.status, (body && body.error) || response.statusText);
  }
  return body;
}

let vocabularyRequest = null;

/** The event vocabulary (categories with their summary verbs, statuses), fetched once. */
export function vocabulary() {
  vocabularyRequest = vocabularyRequest || api("vocabulary");
  return vocabularyRequest;
}

/** Every item of a paged list, up to `max`, from the `start`th on. */
export async function apiAll(path, params, max = 2000, start = 0) {
  const items = [];
  let offset = start;
  while (offset !== null && items.length < max) {
    const page = await api(path, { ...params, limit: 500, offset });
    items.push(...page.items);
    offset = page.next_offset;
  }
  return items.slice(0, max);
}

/** POST a JSON body to the API; the answer, or an ApiError with its one-line reason. */
export async function post(path, body) {
  const response = await fetch(`/api/${path}`, {
    method: "POST",
    headers: { Accept: "application/json", "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  let answer = null;
  try {
    answer = await response.json();
  } catch {
    answer = null;
  }
  if (!response.ok) {
    throw new ApiError(response.status, (answer && answer.error) || response.statusText);
  }
  return answer;
}
