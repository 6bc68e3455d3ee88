// The translators' desk: sign in, choose a language and a catalogue, edit strings beside their
// English, see the server's checks as you type, preview the page a patient will see, publish.
// It works only through the public API (api.js) and never reads or writes PO text.
import { Problem, call, paths, token } from "./api.js";
import { buildRow, editOf, insertAtCaret, sameEdit, showChips, showProblems, showState } from "./rows.js";
import { follow, preview, previewTargets } from "./preview.js";
import { showHistory } from "./history.js";
import { chosenLanguage, loadWords, t, tn, translatePage } from "./words.js";

const CHECK_DELAY_MS = 350;
const state = { languages: [], lang: null, domain: null, data: null, edits: new Map(), conflicts: new Set() };
const $ = (id) => document.getElementById(id);

// --- signing in --------------------------------------------------------------------------------

async function signIn(secret) {
  token.set(secret);
  try {
    const { body } = await call(paths.catalogues());
    state.languages = body.locales;
    if (!state.languages.length) throw new Problem(404, { detail: t("no_catalogues") });
    await open(state.languages[0].locale, null);  // needs the token: a wrong one is refused here
  } catch (failure) {
    token.clear();
    $("sign-in-error").textContent = failure.status === 401 ? t("sign_in_refused") : failure.message;
    showOnly("sign-in");
    return;
  }
  $("signed-in").hidden = $("sign-out").hidden = false;
  showOnly("desk");
}

function showOnly(id) {
  for (const section of ["sign-in", "desk", "history"]) $(section).hidden = section !== id;
}

// --- a catalogue -------------------------------------------------------------------------------

let opening = 0;
async function open(lang, domain) {
  const language = state.languages.find((candidate) => candidate.locale === lang);
  const chosen = domain ?? language.domains[0].domain;
  const ticket = ++opening;  // a later choice wins over an earlier one still loading
  const { body } = await call(paths.entries(lang, chosen));
  if (ticket !== opening) return;
  Object.assign(state, { lang, domain: chosen, data: body, edits: new Map(), conflicts: new Set() });
  fillChoices(language);
  drawRows();
  updatePublish();
  await previewTargets(state);
  say("");
}

function fillChoices(language) {
  const option = (value, text, selected) => Object.assign(document.createElement("option"), { value, textContent: text, selected });
  $("lang").replaceChildren(...state.languages.map((l) => option(l.locale, `${l.native_name} (${l.english_name})`, l.locale === state.lang)));
  $("domain").replaceChildren(...language.domains.map((d) => option(d.domain, domainName(d.domain), d.domain === state.domain)));
  const { translated, total } = state.data;
  $("coverage").textContent = t("coverage", { translated, total, percent: Math.round((100 * translated) / Math.max(total, 1)) });
}

function domainName(domain) {
  if (domain === "ui" || domain === "clinic" || domain === "desk") return t(`domain_${domain}`);
  return t("domain_article", { slug: domain.replace("articles/", "") });
}

function drawRows() {
  const { locale: code, dir, script } = state.data;
  const language = { code, dir, script };
  const rows = state.data.entries.map((entry) => buildRow(entry, language));
  $("rows").replaceChildren(...rows);
  applyFilter();
}

function entryOf(row) {
  return state.data.entries.find((entry) => entry.id === row.dataset.id);
}

function applyFilter() {
  const wanted = $("state-filter").value;
  const words = $("search").value.trim().toLocaleLowerCase();
  let shown = 0;
  for (const row of $("rows").children) {
    const entry = entryOf(row);
    const text = `${entry.msgid} ${entry.msgid_plural ?? ""} ${[...row.querySelectorAll("textarea")].map((a) => a.value).join(" ")}`;
    const stateMatches = !wanted || (wanted === "changed" ? state.edits.has(entry.id) : row.dataset.state === wanted);
    row.hidden = !(stateMatches && (!words || text.toLocaleLowerCase().includes(words)));
    shown += row.hidden ? 0 : 1;
  }
  say(t("shown_count", { shown, total: state.data.entries.length }), "filter");
}

// --- editing -----------------------------------------------------------------------------------

let checkTimer = 0;
function edited(row) {
  const entry = entryOf(row);
  const edit = editOf(row, entry);
  if (sameEdit(edit, entry)) state.edits.delete(entry.id);
  else state.edits.set(entry.id, edit);
  showState(row, state.edits.has(entry.id) ? "changed" : entry.state);
  showChips(row, entry);
  clearTimeout(checkTimer);
  checkTimer = setTimeout(checkEdits, CHECK_DELAY_MS);
  updatePublish();
}

async function checkEdits() {
  if (!state.edits.size) {
    for (const row of $("rows").children) showProblems(row, entryOf(row).problems);
    return preview(state);
  }
  try {
    const { body } = await call(paths.check(state.lang, state.domain), { method: "POST", body: { entries: [...state.edits.values()] } });
    for (const checked of body.entries) {
      const row = $(`row-${checked.id}`);
      showProblems(row, checked.problems);
      if (checked.state === "problem") showState(row, "problem");
    }
  } catch (failure) {
    say(failure.message);
  }
  updatePublish();
  await preview(state);
}

function updatePublish() {
  const blocked = [...state.edits.keys()].some((id) => $(`row-${id}`).classList.contains("has-error"));
  $("publish").disabled = !state.edits.size || blocked || state.conflicts.size > 0;
  $("changes-note")?.remove();
  if (blocked) say(t("fix_errors"));
}

// --- publishing --------------------------------------------------------------------------------

async function publish() {
  if ($("publish").disabled) return;
  const mine = new Map(state.edits);
  let saved;
  try {
    saved = await call(paths.entries(state.lang, state.domain), {
      method: "PATCH",
      body: { entries: [...mine.values()] },
      headers: { "If-Match": state.data.etag },
    });
  } catch (failure) {
    if (failure.status === 412) return reapply(mine, failure.body.current_etag);
    say(t("not_published", { reason: failure.message }));
    return;
  }
  await openAt(saved.etag);
  say(tn("published", mine.size));
}

// Someone else published first: load their version and put this translator's rows back; a row
// both of us changed is a conflict to settle before publishing again.
async function reapply(mine, current) {
  const before = new Map(state.data.entries.map((entry) => [entry.id, entry]));
  await openAt(current);
  for (const [id, edit] of mine) {
    const row = $(`row-${id}`);
    const theirs = state.data.entries.find((entry) => entry.id === id);
    const theyChanged = JSON.stringify([theirs.translation, theirs.plural_forms]) !== JSON.stringify([before.get(id).translation, before.get(id).plural_forms]);
    writeInto(row, edit);
    state.edits.set(id, edit);
    showState(row, "changed");
    if (theyChanged) markConflict(row, theirs, edit);
  }
  updatePublish();
  const conflicts = state.conflicts.size;
  say([t("someone_first"), conflicts ? tn("conflicts", conflicts) : ""].join(" ").trim());
  checkEdits();
}

// The catalogue as of version `etag`: with several workers, the one that answers may take a moment
// to load a version another has just written, so ask again until it has (for up to 10 s).
async function openAt(etag) {
  for (let tries = 0; tries < 50; tries += 1) {
    await open(state.lang, state.domain);
    if (!etag || state.data.etag === etag) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

function writeInto(row, edit) {
  const areas = [...row.querySelectorAll("textarea")];
  if (edit.plural_forms) for (const area of areas) area.value = edit.plural_forms[area.dataset.form] ?? "";
  else areas[0].value = edit.translation;
  row.querySelector(".fuzzy").checked = edit.fuzzy;
}

function markConflict(row, theirs, edit) {
  state.conflicts.add(theirs.id);
  const box = row.querySelector(".conflict");
  const text = theirs.translation ?? Object.values(theirs.plural_forms ?? {}).join(" / ");
  const settle = (keepMine) => {
    if (!keepMine) {
      writeInto(row, { translation: theirs.translation, plural_forms: theirs.plural_forms, fuzzy: theirs.state === "fuzzy" });
      edited(row);
    }
    state.conflicts.delete(theirs.id);
    box.hidden = true;
    updatePublish();
  };
  const button = (id, keep) =>
    Object.assign(document.createElement("button"), { type: "button", className: "quiet", textContent: t(id), onclick: () => settle(keep) });
  const theirsText = Object.assign(document.createElement("q"), { textContent: text, lang: state.lang, dir: state.data.dir });
  box.replaceChildren(`${t("conflict_intro")} `, theirsText, " ", button("keep_mine", true), " ", button("take_theirs", false));
  box.hidden = false;
  void edit;
}

// --- history -----------------------------------------------------------------------------------

async function restoreVersion(version) {
  let restored;
  try {
    restored = await call(paths.restore(state.lang, state.domain, version) + "&allow_fewer_translations=true", { method: "POST" });
  } catch (failure) {
    say(t("not_restored", { reason: failure.message }));
    return;
  }
  await openAt(restored.etag);
  showOnly("desk");
  say(t("restored"));
}

// --- wiring ------------------------------------------------------------------------------------

function say(text, kind = "work") {
  if (kind === "filter") $("rows").setAttribute("aria-description", text);
  else $("status").textContent = text;
}

function nextToDo(step) {
  const rows = [...$("rows").children].filter((row) => !row.hidden);
  const at = rows.findIndex((row) => row.contains(document.activeElement));
  const todo = (row) => ["untranslated", "fuzzy", "problem"].includes(row.dataset.state);
  for (let i = at + step; i >= 0 && i < rows.length; i += step) {
    if (todo(rows[i])) return rows[i].querySelector("textarea").focus();
  }
}

function wire() {
  $("sign-in-form").addEventListener("submit", (event) => {
    event.preventDefault();
    signIn($("token").value.trim());
  });
  $("sign-out").addEventListener("click", () => {
    token.clear();
    location.reload();
  });
  $("lang").addEventListener("change", () => $("lang").value !== state.lang && open($("lang").value, null));
  $("domain").addEventListener("change", () => open(state.lang, $("domain").value));
  $("state-filter").addEventListener("change", applyFilter);
  $("search").addEventListener("input", applyFilter);
  $("rows").addEventListener("input", (event) => edited(event.target.closest(".row")));
  $("rows").addEventListener("change", (event) => event.target.matches(".fuzzy") && edited(event.target.closest(".row")));
  $("rows").addEventListener("click", (event) => {
    const chip = event.target.closest(".chip.missing, .suggestion");
    if (chip) insertAtCaret(chip.closest(".row").querySelector("textarea"), chip.dataset.placeholder ?? chip.dataset.text);
  });
  $("rows").addEventListener("focusin", (event) => {
    const row = event.target.closest(".row");
    if (row) follow(state, entryOf(row).places.join(" "));
  });
  $("publish").addEventListener("click", publish);
  $("show-history").addEventListener("click", async () => {
    await showHistory(state, restoreVersion);
    showOnly("history");
  });
  $("close-history").addEventListener("click", () => showOnly("desk"));
  $("preview-target").addEventListener("change", () => preview(state));
  document.addEventListener("keydown", (event) => {
    if ((event.ctrlKey || event.metaKey) && event.key === "s") {
      event.preventDefault();
      publish();
    } else if (event.altKey && (event.key === "ArrowDown" || event.key === "ArrowUp")) {
      event.preventDefault();
      nextToDo(event.key === "ArrowDown" ? 1 : -1);
    }
  });
}

// The page's own language: the translator's last choice in this tab, else the browser's (the
// server negotiates it), with every published language offered.
async function chooseInterface(lang) {
  const shown = await loadWords(lang);
  translatePage();
  const { body } = await call(paths.locales());
  const option = (locale) =>
    Object.assign(document.createElement("option"), { value: locale.code, textContent: locale.native_name, lang: locale.code, selected: locale.code === shown });
  $("ui-lang").replaceChildren(...body.locales.map(option));
  if (state.data) redraw();
}

// After the page's language changed: rows and choices in the new words, edits kept.
function redraw() {
  const edits = new Map(state.edits);
  fillChoices(state.languages.find((candidate) => candidate.locale === state.lang));
  drawRows();
  for (const [id, edit] of edits) {
    const row = $(`row-${id}`);
    writeInto(row, edit);
    showState(row, "changed");
  }
  state.edits = edits;
  updatePublish();
  previewTargets(state);
}

wire();
$("ui-lang").addEventListener("change", () => chooseInterface($("ui-lang").value));
chooseInterface(chosenLanguage())
  .then(() => (token.get() ? signIn(token.get()) : null))
  .finally(() => {
    document.body.dataset.ready = "true";
  });
