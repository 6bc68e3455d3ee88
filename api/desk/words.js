// The desk's own words, in the language the translator chose for the page (the `desk` domain,
// /v1/strings/desk): every label, message and state name goes through `t`.
import { Words } from "../kiosk/render.js";
import { call } from "./api.js";

const CHOICE_KEY = "clinic-desk-language";
let words = new Words(null, "en");

export async function loadWords(lang) {
  const { body } = await call(`strings/desk${lang ? `?lang=${encodeURIComponent(lang)}` : ""}`);
  words = new Words(body, body.locale);
  sessionStorage.setItem(CHOICE_KEY, body.locale);
  const root = document.documentElement;
  root.lang = body.locale;
  root.dir = body.dir;
  return body.locale;
}

export const chosenLanguage = () => sessionStorage.getItem(CHOICE_KEY);

export function t(id, values) {
  return values ? words.fill(words.label(id), values) : words.label(id);
}

export function tn(id, n, values = {}) {
  const forms = words.strings.plurals[id] ?? {};
  const template = forms[new Intl.PluralRules(words.locale).select(n)] ?? forms.other ?? id;
  return words.fill(template, { ...values, n });
}

// The page's fixed words: `data-t` (text), `data-t-placeholder`, `data-t-label` (aria-label).
export function translatePage() {
  const untranslated = new Set(words.strings.fallbacks ?? []);  // served in English: marked so
  for (const node of document.querySelectorAll("[data-t]")) {
    node.textContent = t(node.dataset.t);
    const english = untranslated.has(`/strings/${node.dataset.t}`);
    for (const [name, value] of [["lang", "en"], ["dir", "ltr"]]) {
      if (english) node.setAttribute(name, value);
      else node.removeAttribute(name);
    }
  }
  for (const node of document.querySelectorAll("[data-t-placeholder]")) node.placeholder = t(node.dataset.tPlaceholder);
  for (const node of document.querySelectorAll("[data-t-label]")) node.setAttribute("aria-label", t(node.dataset.tLabel));
  document.title = t("desk_title");
}
