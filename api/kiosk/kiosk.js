// The clinic kiosk: a client of the public /v1 API. Everything it shows, labels included,
// comes from /v1/bundle and /v1/locales; the service worker keeps both for offline use.
"use strict";

const API = new URL("../v1/", document.baseURI);
const settings = new URLSearchParams(location.search);
const IDLE_SECONDS = Number(settings.get("idle")) > 0 ? Number(settings.get("idle")) : 90;
const DEFAULT_LANG = settings.get("lang") || "en";
const RETRY_SECONDS = 15;  // while offline, how often the kiosk asks the network again

const state = { lang: DEFAULT_LANG, bundle: null, locales: [], slug: null, view: { kind: "start" } };
const $ = (id) => document.getElementById(id);

async function getJSON(path) {
  const response = await fetch(new URL(path, API), { cache: "no-cache" });
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  return { body: await response.json(), offline: response.headers.get("X-Kiosk-Offline") === "1" };
}

async function load(lang) {
  const [bundle, locales] = await Promise.all([getJSON(`bundle?lang=${encodeURIComponent(lang)}`), getJSON("locales")]);
  state.lang = bundle.body.locale;
  state.bundle = bundle.body;
  state.locales = locales.body.locales;
  state.offline = bundle.offline;
}

// --- strings -----------------------------------------------------------------------------------

function label(id) {
  return state.bundle.strings.strings[id] ?? id;
}

function fill(template, values) {
  return template.replace(/\{(\w+)\}/g, (whole, name) => (name in values ? format(values[name]) : whole));
}

function format(number) {
  return new Intl.NumberFormat(state.lang).format(number);
}

function plural(id, n) {
  const forms = state.bundle.strings.plurals[id] ?? {};
  const category = new Intl.PluralRules(state.lang).select(n);
  return fill(forms[category] ?? forms.other ?? "", { n });
}

// --- building blocks ---------------------------------------------------------------------------

function element(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (name === "onclick") node.addEventListener("click", value);
    else if (value !== undefined && value !== null) node.setAttribute(name, value);
  }
  for (const child of children) {
    if (child === null || child === undefined) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

function go(view) {
  state.view = view;
  render();
}

function article() {
  const articles = state.bundle.articles;
  return articles.find((candidate) => candidate.slug === state.slug) ?? articles[0];
}

function hasLibrary() {
  return state.bundle.articles.length > 1;
}

function home() {
  return hasLibrary() ? { kind: "library" } : { kind: "start" };
}

function renderItems(items) {
  return element(
    "ol",
    { class: "items" },
    ...items.map((item) =>
      element("li", {}, item.title ? element("strong", { class: "item-title" }, item.title) : null, item.text),
    ),
  );
}

function renderBlocks(blocks) {
  return blocks.flatMap((block) => {
    if (block.type === "paragraph") return [element("p", {}, block.text)];
    return [
      block.intro ? element("p", {}, block.intro) : null,
      renderItems(block.items),
      block.outro ? element("p", {}, block.outro) : null,
    ].filter(Boolean);
  });
}

// --- screens -----------------------------------------------------------------------------------

function libraryScreen() {
  return [
    element("h1", {}, label("topics")),
    element(
      "ol",
      { class: "topics articles" },
      ...state.bundle.articles.map((candidate) =>
        element(
          "li",
          {},
          element(
            "button",
            {
              class: "topic article",
              type: "button",
              "data-slug": candidate.slug,
              onclick: () => {
                state.slug = candidate.slug;
                go({ kind: "start" });
              },
            },
            candidate.title,
            element("span", { class: "meta" }, plural("reading_time", candidate.reading_minutes)),
          ),
        ),
      ),
    ),
  ];
}

function scriptOf(code) {
  return state.locales.find((locale) => locale.code === code)?.script ?? "Latn";
}

function languagesScreen() {
  return [
    element("h1", {}, label("language")),
    element(
      "ul",
      { class: "topics languages" },
      ...state.locales.map((locale) =>
        element(
          "li",
          {},
          element(
            "button",
            {
              class: "topic language-choice",
              type: "button",
              lang: locale.code,
              dir: locale.dir,
              "data-script": locale.script,
              "aria-current": locale.code === state.lang ? "true" : null,
              onclick: () => switchLanguage(locale.code),
            },
            locale.native_name,
          ),
        ),
      ),
    ),
  ];
}

function startScreen() {
  const current = article();
  const clinic = state.bundle.clinic;
  const listButton = (list) =>
    element(
      "button",
      { class: "secondary", type: "button", onclick: () => go({ kind: "list", id: list.id }) },
      state.bundle.strings.strings[list.id] ?? list.title,
    );
  const ownLists = state.bundle.lists.filter((list) => list.article === current.slug);
  return [
    element("h1", {}, current.title),
    element(
      "p",
      { class: "meta" },
      `${plural("reading_time", current.reading_minutes)} · ${plural("section_count", current.sections.length)}`,
    ),
    current.summary ? element("p", { class: "summary" }, current.summary) : null,
    element("button", { class: "primary", type: "button", onclick: () => go({ kind: "section", index: 0 }) }, label("start")),
    element("h2", {}, label("topics")),
    element(
      "ol",
      { class: "topics" },
      ...current.sections.map((section, index) =>
        element(
          "li",
          {},
          element(
            "button",
            { class: "topic", type: "button", onclick: () => go({ kind: "section", index }) },
            element("span", { class: "number" }, format(index + 1)),
            section.heading,
          ),
        ),
      ),
    ),
    element("div", { class: "lists" }, ...ownLists.map(listButton)),
    element(
      "section",
      { class: "clinic", "aria-labelledby": "clinic-heading" },
      element("h2", { id: "clinic-heading" }, label("clinic")),
      element("p", {}, clinic.location),
      clinic.licensed ? element("p", {}, element("span", { class: "badge" }, label("licensed"))) : null,
      element("p", {}, clinic.licence),
    ),
    element("p", { class: "hint" }, label("touch_to_begin")),
  ];
}

function sectionScreen(index) {
  const section = article().sections[index];
  return [element("h1", {}, section.heading), ...renderBlocks(section.blocks)];
}

function listScreen(id) {
  const list = state.bundle.lists.find((candidate) => candidate.id === id);
  return [
    element("h1", {}, list.title),
    list.intro ? element("p", {}, list.intro) : null,
    renderItems(list.items),
    list.outro ? element("p", {}, list.outro) : null,
  ];
}

function render() {
  const { view } = state;
  const root = document.documentElement;
  root.lang = state.bundle.locale;
  root.dir = state.bundle.dir;
  root.dataset.script = scriptOf(state.lang);
  document.title = article().title;

  const screen = $("screen");
  const screens = {
    section: () => sectionScreen(view.index),
    list: () => listScreen(view.id),
    library: libraryScreen,
    languages: languagesScreen,
    start: startScreen,
  };
  const children = (screens[view.kind] ?? startScreen)();
  screen.replaceChildren(...children.filter(Boolean));
  screen.scrollTop = 0;

  $("home").hidden = view.kind === home().kind;
  $("home").textContent = label("home");

  // Two languages: a toggle to the other, named in itself. More: a menu of all of them.
  const toggle = $("language");
  const others = state.locales.filter((locale) => locale.code !== state.lang);
  toggle.hidden = others.length === 0;
  if (others.length === 1) {
    toggle.textContent = others[0].native_name;
    toggle.lang = others[0].code;
    toggle.dataset.script = others[0].script;
    toggle.setAttribute("aria-label", `${label("language")}: ${others[0].native_name}`);
    toggle.dataset.lang = others[0].code;
  } else if (others.length > 1) {
    toggle.textContent = label("language");
    toggle.lang = state.lang;
    toggle.dataset.script = scriptOf(state.lang);
    toggle.setAttribute("aria-label", label("language"));
    toggle.dataset.lang = "";
  }

  const notice = $("notice");
  notice.hidden = !state.offline;
  notice.textContent = state.offline ? label("offline") : "";

  const pager = $("pager");
  pager.hidden = view.kind !== "section";
  if (view.kind === "section") {
    const total = article().sections.length;
    $("position").textContent = fill(label("section_position"), { n: view.index + 1, total });
    $("back").querySelector(".label").textContent = label("back");
    $("next").querySelector(".label").textContent = label("next");
    $("next").disabled = view.index + 1 >= total;
  }
  screen.focus({ preventScroll: true });
}

// --- behaviour ---------------------------------------------------------------------------------

async function switchLanguage(lang) {
  if (!lang) {
    go({ kind: "languages", back: state.view });
    return;
  }
  const back = state.view.kind === "languages" ? state.view.back : state.view;
  await load(lang);
  state.view = back ?? home();
  render();
}

let idleTimer = 0;
function resetIdle() {
  clearTimeout(idleTimer);
  idleTimer = setTimeout(async () => {
    state.slug = null;
    state.view = home();
    if (state.lang !== DEFAULT_LANG) await load(DEFAULT_LANG);
    render();
  }, IDLE_SECONDS * 1000);
}

// The network is back (or may be): ask for the current language again. A fresh answer clears the
// offline notice and shows what changed, on the screen the patient is on.
async function refreshWhenOnline() {
  if (!state.offline) return;
  try {
    await load(state.lang);
  } catch {
    return;
  }
  if (!state.offline) render();
}

function wire() {
  $("home").addEventListener("click", () => {
    state.slug = hasLibrary() ? null : state.slug;
    go(home());
  });
  $("language").addEventListener("click", (event) => switchLanguage(event.currentTarget.dataset.lang));
  $("back").addEventListener("click", () => {
    const index = state.view.index;
    go(index > 0 ? { kind: "section", index: index - 1 } : { kind: "start" });  // back to the article
  });
  $("next").addEventListener("click", () => go({ kind: "section", index: state.view.index + 1 }));
  for (const type of ["pointerdown", "keydown", "touchstart", "wheel"]) {
    window.addEventListener(type, resetIdle, { passive: true });
  }
  window.addEventListener("online", refreshWhenOnline);
  setInterval(refreshWhenOnline, RETRY_SECONDS * 1000);
}

async function start() {
  wire();
  if ("serviceWorker" in navigator) {
    navigator.serviceWorker.register("sw.js").catch(() => {});
  }
  try {
    await load(DEFAULT_LANG);
  } catch (error) {
    $("screen").replaceChildren(element("p", { class: "loading" }, "…"));
    setTimeout(start, 5000);
    return;
  }
  state.view = home();
  render();
  resetIdle();
  document.body.dataset.ready = "true";
}

start();
