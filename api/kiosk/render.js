// How a localized document looks on screen: an article's section, a list page, numbered lists.
// Shared by every page that shows content as a patient sees it (the kiosk; a translator's preview),
// so that what a translator previews is what the kiosk draws. It reads documents of the /v1 API
// and builds DOM nodes; it keeps no state and fetches nothing.

// --- building blocks ---------------------------------------------------------------------------

export function element(tag, attributes = {}, ...children) {
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

// --- words and numbers -------------------------------------------------------------------------

// A language's UI strings (`/v1/strings`) and numbers in its own digits (`digits` of /v1/locales:
// ۱، ۲، ۳ for Urdu). Digits a translator wrote inside a string stay as written.
export class Words {
  constructor(strings, locale, digits = "latn", fallback = {}) {
    this.strings = strings ?? { strings: {}, plurals: {} };
    this.locale = locale;
    this.fallback = fallback;
    this.numbers = new Intl.NumberFormat(locale, { numberingSystem: digits });
    this.rules = new Intl.PluralRules(locale);
  }

  label(id) {
    return this.strings.strings[id] ?? this.fallback[id] ?? id;
  }

  number(n) {
    return this.numbers.format(n);
  }

  fill(template, values) {
    const shown = (value) => (typeof value === "number" ? this.number(value) : String(value));
    return template.replace(/\{(\w+)\}/g, (whole, name) => (name in values ? shown(values[name]) : whole));
  }

  plural(id, n) {
    const forms = this.strings.plurals[id] ?? {};
    return this.fill(forms[this.rules.select(n)] ?? forms.other ?? "", { n });
  }

  marker(n) {
    return this.fill(this.strings.strings.list_marker ?? "{n}.", { n });
  }
}

// --- content -----------------------------------------------------------------------------------

// A string the document served in the source language (its pointer is in `fallbacks`) is marked
// as English, so that it is read, hyphenated and drawn as English inside an Urdu page.
function marked(document_, pointer, source) {
  return (document_.fallbacks ?? []).includes(pointer) ? { lang: source, dir: "ltr" } : {};
}

export function items(document_, at, list, words, source = "en") {
  return element(
    "ol",
    { class: "items" },
    ...list.map((item, index) => {
      const entry = element(
        "li",
        {},
        item.title ? element("strong", { class: "item-title", ...marked(document_, `${at}/${index}/title`, source) }, item.title) : null,
        element("span", marked(document_, `${at}/${index}/text`, source), item.text),
      );
      entry.style.listStyleType = JSON.stringify(`${words.marker(index + 1)} `);
      return entry;
    }),
  );
}

function blocks(article, at, words, source) {
  return article.sections[at].blocks.flatMap((block, index) => {
    const pointer = `/sections/${at}/blocks/${index}`;
    if (block.type === "paragraph") return [element("p", marked(article, `${pointer}/text`, source), block.text)];
    return [
      block.intro ? element("p", marked(article, `${pointer}/intro`, source), block.intro) : null,
      items(article, `${pointer}/items`, block.items, words, source),
      block.outro ? element("p", marked(article, `${pointer}/outro`, source), block.outro) : null,
    ].filter(Boolean);
  });
}

// One section of an article (`/v1/articles/{slug}`): its heading and its blocks.
export function section(article, index, words, source = "en") {
  const heading = element("h1", marked(article, `/sections/${index}/heading`, source), article.sections[index].heading);
  return [heading, ...blocks(article, index, words, source)];
}

// A list as a page of its own (`/v1/lists/{id}`).
export function listPage(list, words, source = "en") {
  return [
    element("h1", marked(list, "/title", source), list.title),
    list.intro ? element("p", marked(list, "/intro", source), list.intro) : null,
    items(list, "/items", list.items, words, source),
    list.outro ? element("p", marked(list, "/outro", source), list.outro) : null,
  ].filter(Boolean);
}
