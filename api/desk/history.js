// The history of a catalogue: every kept version with who published it, when and how; what each
// changed, entry by entry (the server compares them); and a way to put an older one back.
import { element } from "../kiosk/render.js";
import { call, paths } from "./api.js";
import { t } from "./words.js";

const $ = (id) => document.getElementById(id);

function versionLine(version) {
  const when = new Date(version.time).toLocaleString(document.documentElement.lang);
  const who = version.who ?? t("on_server");
  return t("version_line", { when, who, origin: version.origin, translated: version.translated, total: version.total });
}

function text(entry) {
  if (!entry) return "—";
  return entry.translation ?? (entry.plural_forms ?? []).join(" / ");
}

async function showChanges(state, version, where) {
  const { body } = await call(paths.changes(state.lang, state.domain, version));
  where.replaceChildren(
    ...(body.changes.length
      ? body.changes.map((change) =>
          element(
            "li",
            {},
            element("span", { class: "english", lang: "en", dir: "ltr" }, change.msgid),
            " ",
            element("del", { lang: state.lang, dir: state.data.dir }, text(change.before)),
            " → ",
            element("ins", { lang: state.lang, dir: state.data.dir }, text(change.after)),
          ),
        )
      : [element("li", {}, t("no_changes"))]),
  );
}

// `restore(version id)` is the desk's: it reloads the strings once the version is back.
export async function showHistory(state, restore) {
  const { body } = await call(paths.history(state.lang, state.domain));
  if (!body.versions.length) {
    $("versions").replaceChildren(element("li", { class: "empty" }, t("no_history")));
    return;
  }
  $("versions").replaceChildren(
    ...body.versions.map((version, index) => {
      const changes = element("ul", { class: "changes" });
      const what = element("button", { type: "button", class: "quiet", onclick: () => showChanges(state, version.id, changes) }, t("what_changed"));
      const back = index > 0
        ? element("button", { type: "button", class: "quiet", onclick: () => restore(version.id) }, t("restore"))
        : element("span", { class: "in-service" }, `(${t("in_service")})`);
      return element("li", { "data-version": version.id }, `${versionLine(version)} `, back, " ", what, changes);
    }),
  );
}
