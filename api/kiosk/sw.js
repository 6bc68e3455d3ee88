// Offline for the kiosk: the page, its fonts and every published language's bundle are kept in
// Cache Storage when the worker installs (the first visit's own requests come before it is in
// control), and every API answer the page uses after that. Every request goes to the network
// first (the browser revalidates with ETags); when the network is down, the kept copy is served
// and marked with X-Kiosk-Offline: 1. So is the kept copy when the server answers with an error
// (5xx) or with JSON it cannot read: what the kiosk shows never gets worse than what it had.
// The page is found whatever its query (`?lang=ur`, `?idle=60`).
"use strict";

const CACHE = "clinic-kiosk-v4";
const SHELL = [
  "./",
  "kiosk.css",
  "kiosk.js",
  "render.js",
  "screens.js",
  "fonts/noto-nastaliq-urdu-arabic-400-normal.woff2",
  "fonts/noto-sans-latin-400-normal.woff2",
  "fonts/noto-sans-latin-700-normal.woff2",
  "fonts/noto-naskh-arabic-arabic-400-normal.woff2",
  "fonts/noto-naskh-arabic-arabic-700-normal.woff2",
  "fonts/noto-sans-gurmukhi-gurmukhi-400-normal.woff2",
  "fonts/noto-sans-gurmukhi-gurmukhi-700-normal.woff2",
];

const API = new URL("../v1/", self.location.href);

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(SHELL).then(() => keepEveryLanguage(cache)))
      .then(() => self.skipWaiting()),
  );
});

async function keepEveryLanguage(cache) {
  const locales = new URL("locales", API);
  const response = await fetch(locales);
  if (!response.ok) return;
  await cache.put(locales, response.clone());
  const { locales: published } = await response.json();
  const bundles = [
    new URL("bundle", API),  // a kiosk without ?lang= asks for the server's choice for this browser
    ...published.map((locale) => new URL(`bundle?lang=${encodeURIComponent(locale.code)}`, API)),
  ];
  await cache.addAll(bundles);
}

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) => Promise.all(names.filter((name) => name !== CACHE).map((name) => caches.delete(name))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || new URL(request.url).origin !== self.location.origin) return;
  event.respondWith(networkFirst(request));
});

async function networkFirst(request) {
  const cache = await caches.open(CACHE);
  let response;
  try {
    response = await fetch(request);
  } catch (error) {
    return (await kept(cache, request)) ?? Promise.reject(error);
  }
  if (response.ok && (await readable(response))) {
    await cache.put(request, response.clone());
    return response;
  }
  return response.status >= 500 || response.ok ? ((await kept(cache, request)) ?? response) : response;
}

// An API answer is kept only when it is JSON that parses: a broken body must not replace a good one.
async function readable(response) {
  if (!(response.headers.get("Content-Type") ?? "").startsWith("application/json")) return true;
  try {
    await response.clone().json();
    return true;
  } catch {
    return false;
  }
}

async function kept(cache, request) {
  const copy = await cache.match(request, { ignoreVary: true, ignoreSearch: request.mode === "navigate" });
  if (!copy) return null;
  const headers = new Headers(copy.headers);
  headers.set("X-Kiosk-Offline", "1");
  return new Response(await copy.blob(), { status: copy.status, statusText: copy.statusText, headers });
}
