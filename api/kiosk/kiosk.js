// The clinic kiosk: a client of the public /v1 API. Everything it shows, labels included, comes
// from /v1/bundle and /v1/locales; the service worker keeps both for offline use. What a patient
// is reading is in the address's fragment (`#/<article>/<section>`), so a reload keeps it.
import { Words, element } from "./render.js";
import * as screens from "./screens.js";

const API = new URL("../v1/", document.baseURI);
const settings = new URLSearchParams(location.search);
const IDLE_SECONDS = Number(settings.get("idle")) > 0 ? Number(settings.get("idle")) : 90;
const CHOSEN_LANG = settings.get("lang") || null;  // none: the server's choice for this browser
const RETRY_SECONDS = 15;  // while offline or on an error screen, how often the kiosk asks again
// What an error screen says when not even one language could be loaded (a first visit, server down).
const BUILT_IN = {
  error_title: "Sorry, something went wrong",
  error_load: "The information could not be loaded.",
  error_language: "This language is not available yet.",
  retry: "Try again",
  language: "Language",
};

const state = { lang: null, homeLang: null, bundle: null, locales: [], offline: false, slug: null, view: { kind: "start" } };
const $ = (id) => document.getElementById(id);

// --- loading -----------------------------------------------------------------------------------

class LoadError extends Error {
  constructor(reason, message) {
    super(message);
    this.reason = reason;  // "language": that language cannot be shown; "load": nothing usable came
  }
}

async function getJSON(path, refusedLanguage = false) {
  let response;
  try {
    response = await fetch(new URL(path, API), { cache: "no-cache" });
  } catch (failure) {
    throw new LoadError("load", `${path}: ${failure.message}`);
  }
  if (!response.ok) {
    const language = refusedLanguage && (response.status === 400 || response.status === 404);
    throw new LoadError(language ? "language" : "load", `${path}: HTTP ${response.status}`);
  }
  try {
    return { body: await response.json(), offline: response.headers.get("X-Kiosk-Offline") === "1" };
  } catch {
    throw new LoadError("load", `${path}: not JSON`);
  }
}

async function load(lang) {
  const query = lang ? `?lang=${encodeURIComponent(lang)}` : "";
  const [bundle, locales] = await Promise.all([getJSON(`bundle${query}`, true), getJSON("locales")]);
  if (!Array.isArray(bundle.body.articles) || !Array.isArray(locales.body.locales)) {
    throw new LoadError("load", "bundle or locales: not the documents the kiosk reads");
  }
  return { bundle: bundle.body, locales: locales.body.locales, offline: bundle.offline || locales.offline };
}

function apply(loaded) {
  Object.assign(state, loaded, { lang: loaded.bundle.locale });
  state.homeLang ??= loaded.bundle.locale;
}

// --- what is on screen -------------------------------------------------------------------------

function localeOf(code) {
  return state.locales.find((locale) => locale.code === code);
}

function showing() {
  const words = new Words(state.bundle?.strings, state.lang ?? "en", localeOf(state.lang)?.digits, BUILT_IN);
  const articles = state.bundle?.articles ?? [];
  const article = articles.find((candidate) => candidate.slug === state.slug) ?? articles[0];
  return { ...state, words, article, source: state.locales[0]?.code ?? "en" };
}

function home() {
  return (state.bundle?.articles.length ?? 0) > 1 && !state.slug ? { kind: "library" } : { kind: "start" };
}

const SCREENS = {
  library: (shown) => screens.library(shown, actions),
  start: (shown) => screens.start(shown, actions),
  section: (shown, view) => (shown.article?.sections[view.index] ? screens.sectionScreen(shown, view.index) : null),
  list: (shown, view) => screens.list(shown, view.id),
  languages: (shown) => screens.languages(shown, actions),
  error: (shown, view) => screens.error(shown, actions, view.reason),
};

function render() {
  const shown = showing();
  let children = state.view.kind === "error" || shown.article ? SCREENS[state.view.kind]?.(shown, state.view) : null;
  if (!children) {
    state.view = shown.article ? home() : { kind: "error", reason: "load" };
    children = SCREENS[state.view.kind](shown, state.view);
  }
  const root = document.documentElement;
  root.lang = shown.lang ?? "en";
  root.dir = shown.bundle?.dir ?? "ltr";
  root.dataset.script = localeOf(shown.lang)?.script ?? "Latn";
  const screen = $("screen");
  const focusWasOnScreen = screen.contains(document.activeElement) && document.activeElement !== screen;
  screen.replaceChildren(...children.filter(Boolean));
  screen.scrollTop = 0;
  document.title = [children[0].textContent, shown.bundle?.clinic.name].filter(Boolean).join(" – ");
  header(shown);
  pager(shown);
  remember(state.view);
  // Focus stays where it is (Next, pressed again and again), unless what had it has gone: then
  // it moves to the new screen, so that keyboard and screen reader users start reading there.
  const focused = document.activeElement;
  if (focusWasOnScreen || focused?.disabled || focused?.closest("[hidden]")) screen.focus({ preventScroll: true });
}

function header(shown) {
  const { words, bundle } = shown;
  $("home").hidden = !bundle || state.view.kind === home().kind;
  $("home").textContent = words.label("home");
  const clinic = bundle?.clinic;
  const comma = localeOf(shown.lang)?.script === "Arab" ? "، " : ", ";  // an address, not a list: no "and"
  const place = clinic ? [clinic.street, clinic.area, clinic.city].join(comma) : "";
  $("identity").replaceChildren(
    ...(clinic?.name ? [element("strong", { class: "clinic-name" }, clinic.name), " "] : []),
    element("span", { class: "place" }, place),
  );
  $("identity").hidden = !clinic;
  languageToggle(shown);
  $("notice").hidden = !state.offline;
  $("notice").textContent = state.offline ? words.label("offline") : "";
}

// Two languages: a toggle to the other, named in itself. More: a menu of all of them.
function languageToggle(shown) {
  const toggle = $("language");
  const others = state.locales.filter((locale) => locale.code !== shown.lang);
  toggle.hidden = others.length === 0 || state.view.kind === "error";
  if (others.length === 1) {
    const [other] = others;
    toggle.replaceChildren(
      element("span", { class: "visually-hidden" }, `${shown.words.label("language")}: `),
      element("span", { lang: other.code, dir: other.dir, "data-script": other.script }, other.native_name),
    );
    toggle.dataset.lang = other.code;
  } else {
    toggle.replaceChildren(shown.words.label("language"));
    toggle.dataset.lang = "";
  }
}

function pager(shown) {
  const { view } = state;
  $("pager").hidden = view.kind !== "section";
  if (view.kind !== "section") return;
  const total = shown.article.sections.length;
  $("position").textContent = shown.words.fill(shown.words.label("section_position"), { n: view.index + 1, total });
  $("back").querySelector(".label").textContent = shown.words.label("back");
  $("next").querySelector(".label").textContent = shown.words.label("next");
  $("next").disabled = view.index + 1 >= total;
}

// --- the address -------------------------------------------------------------------------------

function remember(view) {
  const at = { library: "#/", start: `#/${state.slug ?? ""}` }[view.kind]
    ?? (view.kind === "section" ? `#/${state.slug ?? ""}/${view.index + 1}` : null)
    ?? (view.kind === "list" ? `#/${state.slug ?? ""}/list/${encodeURIComponent(view.id)}` : null);
  if (at !== null && at !== location.hash) history.replaceState(null, "", at);
}

function recalled() {
  const [slug, where, id] = location.hash.replace(/^#\/?/, "").split("/").map(decodeURIComponent);
  state.slug = slug || null;
  if (where === "list" && id) return { kind: "list", id };
  if (Number(where) >= 1) return { kind: "section", index: Number(where) - 1 };
  return slug ? { kind: "start" } : null;
}

// --- behaviour ---------------------------------------------------------------------------------

const actions = {
  go(view) {
    state.view = view;
    render();
  },
  open(slug) {
    state.slug = slug;
    actions.go({ kind: "start" });
  },
  async switchLanguage(lang) {
    if (!lang) {
      actions.go({ kind: "languages", back: state.view });
      return;
    }
    const back = ["languages", "error"].includes(state.view.kind) ? state.view.back : state.view;
    await show(lang, back);
  },
  async retry() {
    await show(state.view.lang ?? state.lang ?? CHOSEN_LANG, state.view.back);
  },
};

// Load `lang` and show `view`; when that fails, an error screen in the language already on screen
// (or, on a first visit, in the server's default), with a retry and the language menu.
async function show(lang, view) {
  try {
    apply(await load(lang));
    state.view = view ?? home();
  } catch (failure) {
    if (!(failure instanceof LoadError)) throw failure;
    if (!state.bundle) await loadWhatLoads(failure.reason);
    state.view = { kind: "error", reason: failure.reason, lang, back: view };
  }
  render();
}

// A first visit that failed: the server's default language when only the one asked for was
// refused, and the language menu when at least the list of languages loads.
async function loadWhatLoads(reason) {
  try {
    if (reason === "language") apply(await load(null));
    else state.locales = (await getJSON("locales")).body.locales ?? [];
  } catch {
    // nothing loads: the error screen speaks the kiosk's built-in English
  }
}

let idleTimer = 0;
function resetIdle() {
  clearTimeout(idleTimer);
  idleTimer = setTimeout(backToStart, IDLE_SECONDS * 1000);
}

// Idle: the next patient starts at the beginning, in the kiosk's language. When that language
// cannot be loaded (offline, and not kept), the start is shown in the language on screen.
async function backToStart() {
  state.slug = null;
  if (state.homeLang && state.lang !== state.homeLang) {
    try {
      apply(await load(state.homeLang));
    } catch {
      // stay in the language on screen
    }
  }
  state.view = state.bundle ? home() : state.view;
  render();
}

// The network is back (or may be): ask again. A fresh answer clears the offline notice and shows
// what changed on the screen the patient is on; an error screen tries what failed again.
async function refresh() {
  if (state.view.kind === "error" && state.view.reason === "load") {
    await actions.retry();
    return;
  }
  if (!state.offline) return;
  try {
    apply(await load(state.lang));
  } catch {
    return;
  }
  if (!state.offline) render();
}

function step(delta) {
  if (state.view.kind !== "section") return;
  const index = state.view.index + delta;
  actions.go(index >= 0 ? { kind: "section", index } : { kind: "start" });  // back from the first: the article
}

function wire() {
  $("home").addEventListener("click", () => {
    state.slug = (state.bundle?.articles.length ?? 0) > 1 ? null : state.slug;
    actions.go(home());
  });
  $("language").addEventListener("click", (event) => actions.switchLanguage(event.currentTarget.dataset.lang));
  $("back").addEventListener("click", () => step(-1));
  $("next").addEventListener("click", () => step(+1));
  for (const type of ["pointerdown", "keydown", "touchstart", "wheel"]) {
    window.addEventListener(type, resetIdle, { passive: true });
  }
  window.addEventListener("online", refresh);
  setInterval(refresh, RETRY_SECONDS * 1000);
}

// Load the faces a language is drawn in, as the style sheet chooses them for its script.
function fontsOf(lang) {
  const root = document.documentElement;
  root.lang = lang;
  root.dataset.script = localeOf(lang)?.script ?? new Intl.Locale(lang).maximize().script ?? "Latn";
  const family = getComputedStyle(root).fontFamily;
  return Promise.all(["400", "700"].map((weight) => document.fonts.load(`${weight} 1em ${family}`).catch(() => [])));
}

async function start() {
  wire();
  const early = CHOSEN_LANG ? fontsOf(CHOSEN_LANG) : null;  // fetched while the bundle is
  try {
    await show(CHOSEN_LANG, recalled());
    // The page shows itself once its language's fonts are here (at most 2 s), so nothing jumps
    // as they arrive; another language's face (the toggle's) may come after.
    const timeout = new Promise((resolve) => setTimeout(resolve, 2000));
    await Promise.race([Promise.all([early, fontsOf(state.lang ?? "en")]), timeout]);
  } finally {
    resetIdle();
    document.body.dataset.ready = "true";
  }
  // Offline copies are made once the patient sees the page, not while it loads: the worker's
  // install fetches every font and language, which would compete with the first screen.
  if ("serviceWorker" in navigator) {
    navigator.serviceWorker.register("sw.js").catch(() => {});
  }
}

start();
