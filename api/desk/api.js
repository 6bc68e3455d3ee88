// The desk's only way to the server: the public /v1 API, with the translator's token on each call.
// The token lives in this tab's sessionStorage and nowhere else.

const V1 = new URL("../v1/", document.baseURI);
const TOKEN_KEY = "clinic-desk-token";

export class Problem extends Error {
  constructor(status, body) {
    super(body?.detail ?? `HTTP ${status}`);
    this.status = status;
    this.body = body ?? {};
  }
}

export const token = {
  get: () => sessionStorage.getItem(TOKEN_KEY),
  set: (value) => sessionStorage.setItem(TOKEN_KEY, value),
  clear: () => sessionStorage.removeItem(TOKEN_KEY),
};

export async function call(path, { method = "GET", body, headers = {} } = {}) {
  const options = { method, headers: { Accept: "application/json", ...headers }, cache: "no-store" };
  const secret = token.get();
  if (secret) options.headers.Authorization = `Bearer ${secret}`;
  if (body !== undefined) {
    options.headers["Content-Type"] = "application/json";
    options.body = JSON.stringify(body);
  }
  const response = await fetch(new URL(path, V1), options);
  const text = await response.text();
  let parsed = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    throw new Problem(response.status, { detail: `The server sent something that is not JSON (HTTP ${response.status}).` });
  }
  if (!response.ok) throw new Problem(response.status, parsed);
  return { body: parsed, etag: response.headers.get("ETag") };
}

export const paths = {
  catalogues: () => "catalogues",
  entries: (lang, domain) => `catalogues/${encodeURIComponent(lang)}/entries?domain=${encodeURIComponent(domain)}`,
  check: (lang, domain) => `catalogues/${encodeURIComponent(lang)}/check?domain=${encodeURIComponent(domain)}`,
  preview: (lang, domain, article) =>
    `catalogues/${encodeURIComponent(lang)}/preview?domain=${encodeURIComponent(domain)}` +
    (article ? `&article=${encodeURIComponent(article)}` : ""),
  history: (lang, domain) => `catalogues/${encodeURIComponent(lang)}/history?domain=${encodeURIComponent(domain)}`,
  restore: (lang, domain, version) =>
    `catalogues/${encodeURIComponent(lang)}/history/${encodeURIComponent(version)}/restore?domain=${encodeURIComponent(domain)}`,
  changes: (lang, domain, version) =>
    `catalogues/${encodeURIComponent(lang)}/history/${encodeURIComponent(version)}/changes?domain=${encodeURIComponent(domain)}`,
  sourceBundle: (article) => `articles/${encodeURIComponent(article)}/bundle?lang=en`,
  locales: () => "locales",
};
