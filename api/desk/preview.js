// The preview: a section or a list drawn by the kiosk's own renderer (render.js), in English and
// with this translator's unsaved edits side by side, as the server would serve them
// (POST …/preview saves nothing, and works before the language is published). It is drawn in the
// desk's page, not a framed kiosk: the kiosk forbids framing and its offline cache must never
// hold a preview.
import { Words, listPage, section } from "../kiosk/render.js";
import { call, paths } from "./api.js";
import { t } from "./words.js";

const $ = (id) => document.getElementById(id);

async function articleOf(domain) {
  if (domain.startsWith("articles/")) return domain.slice("articles/".length);
  const { body } = await call("articles?lang=en");
  return body.articles[0]?.slug ?? null;
}

// What can be previewed for this catalogue: each section of its article, and each of its lists.
export async function previewTargets(state) {
  state.article = await articleOf(state.domain);
  if (!state.article) return;
  const { body } = await call(paths.sourceBundle(state.article));
  state.source = body;
  const option = (value, text) => Object.assign(document.createElement("option"), { value, textContent: text });
  const [article] = body.articles;
  $("preview-target").replaceChildren(
    ...article.sections.map((part, index) => option(`section:${index}`, t("preview_section", { n: index + 1, heading: part.heading }))),
    ...body.lists.map((list) => option(`list:${list.id}`, t("preview_list", { title: list.title }))),
  );
  const first = body.lists[0] && state.domain.startsWith("articles/") ? `list:${body.lists[0].id}` : "section:0";
  $("preview-target").value = first;
  await preview(state);
}

function draw(bundle, target, words) {
  const [kind, which] = target.split(":");
  if (kind === "section") return section(bundle.articles[0], Number(which), words);
  const list = bundle.lists.find((candidate) => candidate.id === which);
  return list ? listPage(list, words) : [];
}

let asked = 0;
export async function preview(state) {
  if (!state.source) return;
  const ticket = ++asked;  // only the latest answer is drawn
  const target = $("preview-target").value;
  const { body } = await call(paths.preview(state.lang, state.domain, state.article), {
    method: "POST",
    body: { entries: [...state.edits.values()] },
  });
  if (ticket !== asked) return;
  const english = new Words(state.source.strings, "en");
  const translated = new Words(body.strings, body.locale, state.data.digits);
  $("preview-source").replaceChildren(...draw(state.source, target, english));
  const pane = $("preview-translation");
  pane.lang = body.locale;
  pane.dir = body.dir;
  pane.dataset.script = state.data.script;
  pane.replaceChildren(...draw(body, target, translated));
}

// The section or list a row's string appears in (its `places`, as the server words them), so
// that the preview follows the row being edited.
export async function follow(state, places) {
  const select = $("preview-target");
  const list = places.match(/\blist ([a-z0-9-]+)/)?.[1];
  const part = places.match(/\bsection ([a-z0-9-]+)/)?.[1];
  const index = state.source?.articles[0].sections.findIndex((candidate) => candidate.id === part) ?? -1;
  const wanted = list ? `list:${list}` : index >= 0 ? `section:${index}` : null;
  if (!wanted || wanted === select.value || ![...select.options].some((option) => option.value === wanted)) return;
  select.value = wanted;
  await preview(state);
}
