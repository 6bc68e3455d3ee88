// One row per string: the English with where it appears, the translation in the language's own
// direction and face, plural forms labelled by CLDR category, the placeholders it must keep as
// chips (a missing one is marked, and a click puts it back at the caret), and what the checks say.
import { element } from "../kiosk/render.js";
import { t } from "./words.js";

const PLACEHOLDER = /\{[A-Za-z_][A-Za-z0-9_]*\}|%(?:\([A-Za-z_]\w*\))?[-+ #0]*\d*(?:\.\d+)?[sdifrxXeEgGcoa]/g;

export function placeholders(text) {
  return [...new Set(text.match(PLACEHOLDER) ?? [])];
}

const IS_PLACEHOLDER = new RegExp(`^(?:${PLACEHOLDER.source})$`);
const escaped = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

// The English, with its placeholders (kept as written in every language) and its glossary terms
// highlighted.
function english(text, terms) {
  const forms = terms.flatMap((term) => term.english).sort((a, b) => b.length - a.length).map(escaped);
  const pattern = new RegExp(`${PLACEHOLDER.source}${forms.length ? `|\\b(?:${forms.join("|")})\\b` : ""}`, "gi");
  const parts = [];
  let at = 0;
  for (const match of text.matchAll(pattern)) {
    const kind = IS_PLACEHOLDER.test(match[0]) ? "chip" : "term";
    parts.push(text.slice(at, match.index), element("mark", { class: kind }, match[0]));
    at = match.index + match[0].length;
  }
  parts.push(text.slice(at));
  return element("p", { class: "english", lang: "en", dir: "ltr" }, ...parts);
}

// Each glossary term the English uses: the rendering to use (a click puts it at the caret), and
// the glossary's note.
function glossary(entry, language) {
  if (!entry.terms?.length) return null;
  return element(
    "ul",
    { class: "glossary", "aria-label": t("glossary") },
    ...entry.terms.map((term) =>
      element(
        "li",
        {},
        element("span", { lang: "en", dir: "ltr" }, term.english[0]),
        " → ",
        element("button", { type: "button", class: "suggestion", lang: language.code, dir: language.dir, "data-text": term.translations[0] }, term.translations[0]),
        term.note ? element("span", { class: "note" }, ` (${term.note})`) : null,
      ),
    ),
  );
}

function field(entry, language, form, value, label) {
  const id = `t-${entry.id}${form ? `-${form}` : ""}`;
  return [
    element("label", { for: id, class: form ? "form-label" : "visually-hidden" }, label),
    element(
      "textarea",
      {
        id,
        class: "translation",
        rows: Math.min(6, Math.max(2, Math.ceil((entry.msgid.length || 1) / 48))),
        lang: language.code,
        dir: language.dir,
        "data-script": language.script,
        "data-form": form ?? "",
        spellcheck: "true",
      },
      value ?? "",
    ),
  ];
}

export function buildRow(entry, language) {
  const plural = Boolean(entry.msgid_plural);
  const source = element(
    "div",
    { class: "source" },
    element("p", { class: "places" }, entry.places.join(" · ") || entry.msgctxt || ""),
    english(entry.msgid, entry.terms ?? []),
    plural ? english(entry.msgid_plural, entry.terms ?? []) : null,
    glossary(entry, language),
    entry.previous_msgid ? element("p", { class: "previous" }, t("was", { english: entry.previous_msgid })) : null,
  );
  const fields = plural
    ? Object.entries(entry.plural_forms ?? {}).flatMap(([category, text]) =>
        field(entry, language, category, text, t("form_label", { category })),
      )
    : field(entry, language, null, entry.translation, t("translation_of", { english: entry.msgid }));
  const target = element(
    "div",
    { class: "target" },
    ...fields,
    element("p", { class: "chips" }),
    element(
      "label",
      { class: "review" },
      element("input", { type: "checkbox", class: "fuzzy", ...(entry.state === "fuzzy" ? { checked: "" } : {}) }),
      ` ${t("needs_review")}`,
    ),
    element("ul", { class: "problems" }),
    element("div", { class: "conflict", hidden: "" }),
  );
  const row = element(
    "li",
    { class: "row", id: `row-${entry.id}`, "data-id": entry.id },
    element("p", { class: "state" }),
    source,
    target,
  );
  showState(row, entry.state);
  showProblems(row, entry.problems);
  showChips(row, entry);
  return row;
}

export function showState(row, state) {
  row.dataset.state = state;
  row.querySelector(".state").textContent = t(`state_${state}`);
}

export function showProblems(row, problems = []) {
  row.querySelector(".problems").replaceChildren(
    ...problems.map((problem) =>
      element(
        "li",
        { class: `problem ${problem.severity}`, "data-check": problem.check },
        ...around(t(problem.severity === "error" ? "problem_error" : "problem_warning"), "{message}",
          element("span", { lang: "en", dir: "ltr" }, problem.message)),  // the checks speak English
      ),
    ),
  );
  row.classList.toggle("has-error", problems.some((problem) => problem.severity === "error"));
}

// A template's words around one placeholder, with `node` in its place.
function around(template, placeholder, node) {
  const [before, after = ""] = template.split(placeholder);
  return [before, node, after];
}

// Each placeholder of the English as a chip: present in every form, or marked missing (a click
// puts it back where the caret was).
export function showChips(row, entry) {
  const wanted = placeholders(`${entry.msgid} ${entry.msgid_plural ?? ""}`);
  const chips = row.querySelector(".chips");
  if (!wanted.length) {
    chips.hidden = true;
    return;
  }
  const fields = [...row.querySelectorAll("textarea")];
  chips.replaceChildren(
    `${t("keep_label")} `,
    ...wanted.map((name) => {
      const missing = fields.some((area) => !area.value.includes(name));
      return element(
        "button",
        {
          type: "button",
          class: `chip ${missing ? "missing" : "present"}`,
          "data-placeholder": name,
          "aria-label": t(missing ? "chip_missing" : "chip_kept", { placeholder: name }),
        },
        name,
      );
    }),
  );
}

// What the translator has written in a row, as an edit the API takes.
export function editOf(row, entry) {
  const fuzzy = row.querySelector(".fuzzy").checked;
  const base = { msgid: entry.msgid, ...(entry.msgctxt ? { msgctxt: entry.msgctxt } : {}), fuzzy };
  if (!entry.msgid_plural) return { ...base, translation: row.querySelector("textarea").value };
  const forms = Object.fromEntries([...row.querySelectorAll("textarea")].map((area) => [area.dataset.form, area.value]));
  return { ...base, plural_forms: forms };
}

export function sameEdit(edit, entry) {
  const was = entry.msgid_plural ? JSON.stringify(entry.plural_forms) : entry.translation ?? "";
  const now = entry.msgid_plural ? JSON.stringify(edit.plural_forms) : edit.translation;
  return was === now && edit.fuzzy === (entry.state === "fuzzy");
}

export function insertAtCaret(area, text) {
  const start = area.selectionStart ?? area.value.length;
  const end = area.selectionEnd ?? start;
  area.setRangeText(text, start, end, "end");
  area.dispatchEvent(new Event("input", { bubbles: true }));
  area.focus();
}
