// The kiosk's own screens (the library, an article's start, the language menu, an error), built
// from what the kiosk has loaded (`shown`) and what a patient can do next (`actions`). Content
// itself (sections, lists) is drawn by render.js.
import { element, listPage, section } from "./render.js";

export function library(shown, actions) {
  const groups = new Map([["", []]]);  // articles without a category first, under no heading
  for (const article of shown.bundle.articles) {
    const category = article.category ?? "";
    groups.set(category, [...(groups.get(category) ?? []), article]);
  }
  const articleButton = (article) =>
    element(
      "li",
      {},
      element(
        "button",
        { class: "topic article", type: "button", "data-slug": article.slug, onclick: () => actions.open(article.slug) },
        element("span", { class: "topic-title" }, article.title),
        " ",
        element("span", { class: "meta" }, shown.words.plural("reading_time", article.reading_minutes)),
      ),
    );
  return [
    element("h1", {}, shown.words.label("topics")),
    ...[...groups].filter(([, articles]) => articles.length).flatMap(([category, articles]) => [
      category ? element("h2", { class: "category" }, category) : null,
      element("ol", { class: "topics articles" }, ...articles.map(articleButton)),
    ]),
  ];
}

export function start(shown, actions) {
  const { words, bundle } = shown;
  const article = shown.article;
  const ownLists = bundle.lists.filter((list) => list.article === article.slug);
  const clinic = bundle.clinic;
  return [
    element("h1", {}, article.title),
    element(
      "p",
      { class: "meta" },
      `${words.plural("reading_time", article.reading_minutes)} · ${words.plural("section_count", article.sections.length)}`,
    ),
    article.summary ? element("p", { class: "summary" }, article.summary) : null,
    element("button", { class: "primary", type: "button", onclick: () => actions.go({ kind: "section", index: 0 }) }, words.label("start")),
    element("h2", {}, words.label("topics")),
    element(
      "ol",
      { class: "topics" },
      ...article.sections.map((part, index) =>
        element(
          "li",
          {},
          element(
            "button",
            { class: "topic", type: "button", onclick: () => actions.go({ kind: "section", index }) },
            element("span", { class: "number" }, words.number(index + 1)),
            " ",  // a word break between the number and the heading, for screen readers too
            part.heading,
          ),
        ),
      ),
    ),
    element(
      "div",
      { class: "lists" },
      ...ownLists.map((list) =>
        element("button", { class: "secondary", type: "button", onclick: () => actions.go({ kind: "list", id: list.id }) }, words.strings.strings[list.id] ?? list.title),
      ),
    ),
    element(
      "section",
      { class: "clinic", "aria-labelledby": "clinic-heading" },
      element("h2", { id: "clinic-heading" }, words.label("clinic")),
      element("p", {}, clinic.location),
      clinic.licensed ? element("p", {}, element("span", { class: "badge" }, words.label("licensed"))) : null,
      element("p", {}, clinic.licence),
    ),
    element("p", { class: "hint" }, words.label("touch_to_begin")),
  ];
}

export function sectionScreen(shown, index) {
  return section(shown.article, index, shown.words, shown.source);
}

export function list(shown, id) {
  const found = shown.bundle.lists.find((candidate) => candidate.id === id);
  return found ? listPage(found, shown.words, shown.source) : null;
}

function languageMenu(shown, actions) {
  return element(
    "ul",
    { class: "topics languages" },
    ...shown.locales.map((locale) =>
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
            "aria-current": locale.code === shown.lang ? "true" : null,
            onclick: () => actions.switchLanguage(locale.code),
          },
          locale.native_name,
        ),
      ),
    ),
  );
}

export function languages(shown, actions) {
  return [element("h1", {}, shown.words.label("language")), languageMenu(shown, actions)];
}

// Something could not be loaded: say so in the language on screen, offer to try again, and let
// the patient choose another language. `reason` is "language" (that language cannot be shown) or
// "load" (the server is unreachable or answered with an error or something unreadable).
export function error(shown, actions, reason) {
  const { words } = shown;
  return [
    element("h1", {}, words.label("error_title")),
    element("p", { class: "summary" }, words.label(reason === "language" ? "error_language" : "error_load")),
    element("button", { class: "primary retry", type: "button", onclick: actions.retry }, words.label("retry")),
    shown.locales.length > 1 ? element("h2", {}, words.label("language")) : null,
    shown.locales.length > 1 ? languageMenu(shown, actions) : null,
  ];
}
