// The drafter's page: send a report to POST /v1/checks on this same origin and show the result.
// No framework and no build step: the service embeds this file (and texts.js) as it is.
"use strict";

const $ = (id) => document.getElementById(id);
const params = new URLSearchParams(location.search);
let lang = (params.get("lang") || document.documentElement.lang).startsWith("en") ? "en" : "zh";
/** The last check: what was sent (to send again in the other language) and its reports by language. */
let lastResult = null;
/** Each language's rule titles by id, from GET /v1/rules. */
const ruleTitles = {};

function t(key, values = {}) {
  const text = TEXTS[lang][key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, name) => String(values[name] ?? ""));
}

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === "class") node.className = value;
    else node.setAttribute(key, value === true ? "" : value);
  }
  node.append(...children.flat(Infinity).filter((c) => c !== null && c !== undefined));
  return node;
}

/** Text from the report (its title, its headings, words to write in it), marked as Chinese. */
const reportText = (text) => el("span", { lang: "zh-CN" }, text);

/** A message with the report's words (“…”, 《…》) marked as Chinese inside it. */
function message(text) {
  return text.split(/(“(?:[^“”]|“[^”]*”)*”|《[^》]*》)/).filter(Boolean)
    .map((piece) => (/^[“《]/.test(piece) && /[\u3400-\u9fff]/.test(piece) ? reportText(piece) : piece));
}

/** A suggestion: words to put in the report as they are, or advice in the page's language. */
const suggestion = (text) => (/[A-Za-z]/.test(text) ? message(text) : reportText(text));

function applyLanguage() {
  document.documentElement.lang = lang === "zh" ? "zh-CN" : "en";
  for (const node of document.querySelectorAll("[data-i18n]")) node.textContent = t(node.dataset.i18n);
  for (const node of document.querySelectorAll("[data-i18n-placeholder]")) node.placeholder = t(node.dataset.i18nPlaceholder);
  const button = $("lang");
  button.textContent = t("switchTo");
  button.setAttribute("aria-label", t("switchLabel"));
  button.lang = lang === "zh" ? "en" : "zh-CN";
  $("rules-link").href = `/rules?lang=${lang}`;
  document.title = t("title");
  showFileName();
  showHints();
}

// ---- input ----

function chosenFile() {
  return $("file").files[0] || null;
}

function showFileName() {
  const file = chosenFile();
  $("file-name").replaceChildren(...(file ? [t("selected", { name: "" }), reportText(file.name)] : []));
}

/** The options the drafter set, and only those: what is left empty the checker reads from the report. */
function choices() {
  const values = {
    year: $("year").value ? Number($("year").value) : undefined,
    published_on: $("published_on").value || undefined,
    submitted_on: $("submitted_on").value || undefined,
    issuer_kind: $("issuer_kind").value || undefined,
    profile: $("profile").value || undefined,
  };
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined));
}

/** What to check: the chosen file or the pasted text, with the drafter's choices. */
function submission() {
  const file = chosenFile();
  const previous = $("previous").files[0] || undefined;
  if (file) return { file, previous, choices: choices() };
  const text = $("text").value;
  return text.trim() ? { text, previous, choices: choices() } : null;
}

/** POST /v1/checks for a submission in `language`, answered as JSON or as `accept`. */
function post(sub, language, accept, revisions = false) {
  const headers = accept ? { Accept: accept } : {};
  let body;
  if (sub.file || sub.previous) {
    // Last year's report goes as a part of its own beside the report's file or text.
    body = new FormData();
    if (sub.file) body.append("file", sub.file, sub.file.name);
    else body.append("text", sub.text);
    if (sub.previous) body.append("previous", sub.previous, sub.previous.name);
    for (const [key, value] of Object.entries({ ...sub.choices, lang: language })) body.append(key, String(value));
    body.append("include_text", "true");
  } else {
    body = JSON.stringify({ text: sub.text, ...sub.choices, lang: language });
    headers["Content-Type"] = "application/json";
  }
  const path = revisions ? "/v1/checks?revisions=true" : "/v1/checks";
  return fetch(path, { method: "POST", body, headers: withKey(headers) });
}

const KEY_STORE = "nianbao-api-key";

/** The request's headers with `Authorization` when the clerk has given an API key. */
function withKey(headers = {}) {
  const key = $("api_key").value.trim() || sessionStorage.getItem(KEY_STORE);
  return key ? { ...headers, Authorization: `Bearer ${key}` } : headers;
}

/** The service was started with API keys: ask for one, keep it for this tab only. */
function askForKey() {
  sessionStorage.removeItem(KEY_STORE);
  $("key-row").hidden = false;
  showError(t("keyNeeded"), $("api_key"));
}

/** The rules' titles in `language`, once; without them findings name their rule by id. */
async function loadRuleTitles(language) {
  if (ruleTitles[language]) return;
  try {
    const response = await fetch(`/v1/rules?lang=${language}`, { headers: withKey() });
    if (response.ok) ruleTitles[language] = new Map((await response.json()).map((rule) => [rule.id, rule.title]));
  } catch {
    // The ids stand in.
  }
}

const ruleTitle = (id) => ruleTitles[lang]?.get(id) ?? id;

function busy(on, note) {
  const result = $("result");
  result.setAttribute("aria-busy", String(on));
  $("check").disabled = on;
  if (note) result.prepend(el("p", { id: "status", class: "status" }, note));
  else $("status")?.remove();
}

async function check(event) {
  event.preventDefault();
  hideError();
  const sub = submission();
  if (!sub) {
    showError(t("nothing"));
    return;
  }
  const result = $("result");
  result.replaceChildren();
  busy(true, t("checking"));
  try {
    const titles = loadRuleTitles(lang);
    const response = await post(sub, lang);
    const body = await response.json().catch(() => null);
    if (response.status === 401) {
      result.replaceChildren();
      askForKey();
      return;
    }
    if (!response.ok) {
      result.replaceChildren();
      showError(problemSentence(body, response.status));
      return;
    }
    if ($("api_key").value.trim()) sessionStorage.setItem(KEY_STORE, $("api_key").value.trim());
    lastResult = { sub, reports: { [lang]: body }, text: body.text ?? sub.text };
    await titles;
    render();
    result.scrollIntoView({ block: "start" });
    result.focus({ preventScroll: true });
  } catch {
    result.replaceChildren();
    showError(t("network"));
  } finally {
    busy(false);
  }
}

/** The other language: every word at once, then the last report as the service words it in it. */
async function switchLanguage() {
  lang = lang === "zh" ? "en" : "zh";
  applyLanguage();
  if (!lastResult) return;
  const kept = lastResult;
  const language = lang;
  render();
  busy(true, t("switching"));
  try {
    if (!kept.reports[language]) {
      const response = await post(kept.sub, language);
      const body = await response.json().catch(() => null);
      if (!response.ok) {
        showError(response.status === 401 ? t("keyNeeded") : problemSentence(body, response.status));
        return;
      }
      kept.reports[language] = body;
    }
    await loadRuleTitles(language);
    // The drafter may have checked something else, or switched back, meanwhile.
    if (lastResult === kept && lang === language) render();
  } catch {
    showError(t("network"));
  } finally {
    busy(false);
  }
}

/** An RFC 9457 problem as one sentence a clerk can act on. */
function problemSentence(problem, status) {
  if (!problem || typeof problem !== "object") return t("failed") + status;
  const details = (problem.errors || []).map((e) => e.detail).filter(Boolean);
  if (details.length) return details.join(" ");
  return problem.detail || problem.title || t("failed") + status;
}

/** Shows a message where it cannot be missed: scrolled to and focused (or `focus` is). */
function showError(text, focus) {
  const box = $("error");
  box.textContent = text;
  box.hidden = false;
  box.scrollIntoView({ block: "center" });
  (focus || box).focus({ preventScroll: true });
}

function hideError() {
  $("error").hidden = true;
}

// ---- result ----

/** The last report, in the page's language when the service has given it in that language. */
function currentReport() {
  return lastResult.reports[lang] ?? Object.values(lastResult.reports)[0];
}

function render() {
  const report = currentReport();
  const result = $("result");
  const anchors = new Set();
  const anchor = (span) => {
    anchors.add(span.start);
    return "#at-" + span.start;
  };
  const placeLink = (span) => el("a", { href: anchor(span), class: "goto" }, t("goTo"));
  const partNames = new Map(report.parts.map((part) => [part.part, part.short_name]));
  result.replaceChildren(
    verdict(report),
    checklist(report, placeLink),
    ...(report.comparison ? [compared(report.comparison, placeLink)] : []),
    el("div", { class: "card outline-block" }, el("h3", {}, t("outline")), outline(report.outline, anchor, partNames)),
    el("div", { class: "card columns" },
      el("div", { class: "text-block" }, el("h3", {}, t("text")), highlighted(lastResult.text, report.findings, anchors)),
      el("div", {}, el("h3", {}, t("findings")), findingList(report.findings))),
  );
  showHints();
}

function countOf(severity, n) {
  const [one, many] = COUNT_WORDS[lang][severity];
  return lang === "zh" ? `${one} ${n}` : `${n} ${n === 1 ? one : many}`;
}

function verdict(report) {
  const info = report.report;
  const counts = el("ul", { class: "counts" },
    ...["error", "warning", "info"].map((s) => el("li", { class: "count-" + s }, countOf(s, report.summary[s]))));
  const download = el("button", { type: "button", class: "download" }, t("download"));
  download.addEventListener("click", () => saveJson(report));
  const word = el("button", { type: "button", class: "download", id: "word" }, t("word"));
  word.addEventListener("click", () => saveWord(word));
  const fixes = report.findings.some((f) => f.fix);
  const revised = fixes ? el("button", { type: "button", class: "download", id: "word-revisions" }, t("wordRevisions")) : null;
  revised?.addEventListener("click", () => saveWord(revised, true));
  const print = el("button", { type: "button", class: "download" }, t("print"));
  print.addEventListener("click", () => window.print());
  return el("div", { class: "card" },
    el("div", { class: "verdict" },
      el("strong", { class: report.compliant ? "yes" : "no", id: "verdict" },
        report.compliant ? t("compliant") : t("notCompliant")),
      counts),
    reasons(report.findings),
    el("p", { class: "meta" }, info.title ? reportText(info.title) : t("titleNone"), " · ", t("chars", { n: info.chars })),
    el("p", { class: "meta" }, t("verdictNote")),
    readFacts(info, lastResult.sub.choices),
    el("div", { class: "actions" }, download, word, revised, print));
}

/** Beside the verdict, the errors that make it: the drafter need not look for them below. */
function reasons(findings) {
  const errors = findings.map((f, index) => ({ f, index })).filter(({ f }) => f.severity === "error");
  if (!errors.length) return null;
  return el("div", { class: "reasons" },
    el("p", {}, t("reasons")),
    el("ul", { id: "reasons" }, ...errors.slice(0, 5).map(({ f, index }) =>
      el("li", {}, message(f.message), " ", f.span ? el("a", { href: "#f-" + index }, t("goTo")) : null))));
}

const YEAR_SOURCES = { title: "yearFromTitle", opening: "yearFromOpening", heading: "yearFromHeading" };

/**
 * What the checker took the issuer, the year and the date to be, and where from: the drafter
 * sees what decided the deadline, and corrects it in the options when it is wrong.
 */
function readFacts(info, sent) {
  const source = (field, read) => (field in sent ? t("chosen") : read);
  const rows = [
    ["issuer", "issuer_kind", [t(info.issuer_kind), info.issuer ? [" · ", reportText(info.issuer)] : null],
      source("issuer_kind", info.issuer ? t("readFromReport") : t("issuerUnread"))],
    ["year", "year", info.year ? t("readYear", { year: info.year }) : t("notRead"),
      source("year", t(YEAR_SOURCES[info.year_source] ?? "readFromReport"))],
    ["published", "published_on", info.published_on ?? t("notRead"),
      source("published_on", info.published_on ? t("readFromReport") : t("dateUnread"))],
  ];
  const correct = el("button", { type: "button", class: "link", id: "correct" }, t("correct"));
  correct.addEventListener("click", () => {
    $("options").scrollIntoView({ block: "center" });
    $("issuer_kind").focus({ preventScroll: true });
  });
  return el("div", { class: "read" },
    el("h3", {}, t("read")),
    el("dl", { id: "read" }, ...rows.map(([label, field, value, from]) =>
      el("div", { "data-field": field }, el("dt", {}, t(label)), el("dd", {}, value, el("small", {}, from))))),
    el("p", { class: "meta" }, t("correctNote"), " ", correct));
}

/** Under each option, what the last check read for it (or that an empty field is read). */
function showHints() {
  const info = lastResult ? currentReport().report : null;
  const read = info && {
    year: info.year ? t("readYear", { year: info.year }) : t("notRead"),
    published_on: info.published_on ?? t("notRead"),
    issuer_kind: t(info.issuer_kind),
  };
  for (const field of ["year", "published_on", "issuer_kind"]) {
    $("hint-" + field).textContent = read ? t("hintRead", { value: read[field] }) : t("hintDefault");
  }
}

function checklist(report, placeLink) {
  const items = report.parts.map((part) => {
    const status = part.status === "missing" && !part.required ? "optional" : part.status;
    const place = part.sections[0] || part.mentions[0];
    const missing = report.findings.find((f) => f.rule === "part-missing" && f.part === part.part);
    return el("li", { "data-part": part.part, "data-status": part.status },
      el("span", { class: "badge " + status }, t(status)),
      part.short_name, " ",
      place ? placeLink(place.span) : null,
      missing && missing.suggestion
        ? el("span", { class: "add" }, t("addHeading"), reportText(missing.suggestion), " ", missing.span ? placeLink(missing.span) : null)
        : null);
  });
  return el("div", { class: "card" }, el("h3", {}, t("parts")), el("ul", { class: "checklist", id: "checklist" }, ...items));
}

/** Last year's report beside this one: how much is repeated, where, and last year's plans ✓ or ✗. */
function compared(comparison, placeLink) {
  const { previous, reused, reused_share: share } = comparison;
  const passages = reused.map((passage, i) =>
    el("li", {}, t("reusedPassage", { n: i + 1 }), " ", placeLink(passage.span)));
  const plans = comparison.plan_follow_up.map((item) =>
    el("li", { "data-followed": String(item.followed) },
      el("span", { class: "mark" }, item.followed ? "✓" : "✗"), " ", reportText(item.opening), " ",
      item.span ? placeLink(item.span) : el("span", { class: "add" }, t("notFollowed"))));
  return el("div", { class: "card", id: "comparison" },
    el("h3", {}, t("compared")),
    el("p", {}, reportText(previous.title || ""), " ",
      t("reusedShare", { percent: Math.round(share * 100), passages: reused.length, shortcomings: comparison.repeated_shortcomings.length })),
    passages.length ? el("ul", { class: "reused" }, ...passages) : null,
    plans.length ? el("h4", {}, t("plans")) : null,
    plans.length ? el("ul", { class: "plans" }, ...plans) : null);
}

function outline(nodes, anchor, partNames) {
  if (!nodes.length) return el("p", {}, t("noOutline"));
  const list = (children) => el("ul", { class: "outline" }, ...children.map((node) =>
    el("li", {},
      el("a", { href: anchor(node.span), lang: "zh-CN" }, node.heading),
      node.parts.length
        ? el("span", { class: "tag", "data-parts": node.parts.join(" ") }, node.parts.map((p) => partNames.get(p) ?? p).join(lang === "zh" ? "、" : ", "))
        : null,
      node.children.length ? list(node.children) : null)));
  return el("div", { id: "outline" }, list(nodes));
}

/**
 * The text with each finding marked at its span. Spans count code points, so the text is split
 * into code points once; overlapping findings share the segments they cover, marked with the
 * most serious. One pass over the boundaries keeps a 20,000-character report quick.
 */
function highlighted(text, findings, anchors) {
  const chars = Array.from(text || "");
  const box = el("div", { class: "text", id: "text-view", tabindex: "0", lang: "zh-CN" });
  const placed = findings.map((f, index) => ({ f, index })).filter(({ f }) => f.span);
  const points = new Set([0, chars.length, ...anchors]);
  for (const { f } of placed) { points.add(f.span.start); points.add(f.span.end); }
  const bounds = [...points].filter((p) => p <= chars.length).sort((a, b) => a - b);
  const startsAt = new Map();
  for (const item of placed) {
    const list = startsAt.get(item.f.span.start) || [];
    list.push(item);
    startsAt.set(item.f.span.start, list);
  }
  const rank = { error: 0, warning: 1, info: 2 };
  let active = [];
  const fragment = document.createDocumentFragment();
  for (let i = 0; i < bounds.length; i++) {
    const at = bounds[i];
    if (anchors.has(at)) fragment.append(el("span", { id: "at-" + at }));
    active = active.filter(({ f }) => f.span.end > at);
    for (const item of startsAt.get(at) || []) {
      if (item.f.span.end === at) fragment.append(gapMark(item));
      else active.push(item);
    }
    const next = bounds[i + 1];
    if (next === undefined || next === at) continue;
    const piece = chars.slice(at, next).join("");
    if (!active.length) { fragment.append(piece); continue; }
    const worst = active.reduce((a, b) => (rank[b.f.severity] < rank[a.f.severity] ? b : a));
    const first = active.filter(({ f }) => f.span.start === at);
    const mark = el("mark", { class: worst.f.severity, tabindex: "0", "data-rule": worst.f.rule }, piece);
    for (const { f, index } of first) {
      // Further findings starting here get an anchor just before the mark.
      if (mark.id) fragment.append(el("span", { id: "f-" + index }));
      else mark.id = "f-" + index;
      mark.append(tip(f));
    }
    fragment.append(mark);
  }
  box.append(fragment);
  return box;
}

function gapMark({ f, index }) {
  return el("mark", { class: "gap " + f.severity, tabindex: "0", id: "f-" + index, "data-rule": f.rule }, tip(f));
}

function tip(finding) {
  const language = lang === "zh" ? "zh-CN" : "en";
  return el("span", { class: "tip", role: "note", lang: language }, t(finding.severity), t("colon"), message(finding.message));
}

function findingList(findings) {
  if (!findings.length) return el("p", {}, t("noFindings"));
  // The Word format's findings (GB/T 9704) come as a group of their own after the content's.
  const isFormat = (f) => f.rule.startsWith("format-");
  const item = (f, index) =>
    el("li", { class: f.severity, "data-rule": f.rule },
      el("span", { class: "rule" }, `${t(f.severity)} · ${ruleTitle(f.rule)}`), el("br"),
      message(f.message), " ",
      f.span ? el("a", { href: "#f-" + index }, t("goTo")) : null,
      f.suggestion ? el("span", { class: "fix" }, t("fix"), suggestion(f.suggestion)) : null,
      f.fix && !lastResult.sub.file ? acceptButton(f.fix) : null,
      el("small", { class: "support" }, t("ruleId"), el("a", { href: `/rules?lang=${lang}#${f.rule}`, target: "_blank" }, f.rule)));
  const entries = findings.map((f, index) => ({ f, index }));
  const items = (format) => entries.filter(({ f }) => isFormat(f) === format).map(({ f, index }) => item(f, index));
  const formats = items(true);
  const list = el("div", {},
    el("ol", { class: "findings", id: "findings" }, ...items(false)),
    formats.length ? el("section", { id: "format-findings" }, el("h4", {}, t("formatGroup")), el("ol", { class: "findings" }, ...formats)) : null);
  const fixes = findings.map((f) => f.fix).filter(Boolean);
  if (!fixes.length || lastResult.sub.file) return list;
  const all = el("button", { type: "button", id: "accept-all" }, t("acceptAll"));
  all.addEventListener("click", () => applyFixes(fixes));
  const copy = el("button", { type: "button", id: "copy-text" }, t("copyText"));
  copy.addEventListener("click", () => {
    $("text").select();
    document.execCommand("copy");
  });
  return el("div", {}, el("div", { class: "actions" }, all, copy), list);
}

/** Makes `fixes` in the pasted text (the earlier finding's where two overlap) and checks it again. */
function applyFixes(fixes) {
  const chars = Array.from($("text").value);
  const taken = [];
  for (const fix of fixes) {
    const { start, end } = fix.span;
    if (taken.some((o) => start < Math.max(o.end, o.start + 1) && o.start < Math.max(end, start + 1))) continue;
    taken.push({ start, end, replacement: fix.replacement });
  }
  for (const fix of taken.sort((a, b) => b.start - a.start)) {
    chars.splice(fix.start, fix.end - fix.start, fix.replacement);
  }
  $("text").value = chars.join("");
  $("form").requestSubmit();
}

function saveJson(report) {
  saveBlob(new Blob([JSON.stringify(report, null, 2)], { type: "application/json" }), "nianbao-result.json");
}

const WORD = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

/** A finding's certain correction, made in the pasted text, which is then checked again. */
function acceptButton(fix) {
  const button = el("button", { type: "button", class: "accept" }, t("accept"));
  button.addEventListener("click", () => applyFixes([fix]));
  return button;
}

/** The same report again, answered as Word with a comment on each finding, and with
 * `revisions` each certain correction as a tracked change the drafter accepts in Word. */
async function saveWord(button, revisions = false) {
  if (!lastResult) return;
  button.disabled = true;
  try {
    const response = await post(lastResult.sub, lang, WORD, revisions);
    if (!response.ok) {
      showError(problemSentence(await response.json().catch(() => null), response.status));
      return;
    }
    const name = (lastResult.sub.file?.name ?? "report").replace(/\.[^.]*$/, "");
    saveBlob(await response.blob(), `${name}-${t(revisions ? "revisionsName" : "wordName")}.docx`);
  } catch {
    showError(t("network"));
  } finally {
    button.disabled = false;
  }
}

/** The chosen reports (and the roster, if any) checked as a batch in `format`; null when nothing came back to use. */
async function postBatch(format, button) {
  const files = [...$("batch-files").files];
  if (!files.length) {
    showError(t("batchNothing"), $("batch-files"));
    return null;
  }
  hideError();
  const form = new FormData();
  for (const file of files) form.append("file", file, file.name);
  const roster = $("batch-roster").files[0];
  if (roster) form.append("roster", roster, roster.name);
  const query = new URLSearchParams({ ...choices(), lang, format });
  button.disabled = true;
  try {
    const response = await fetch(`/v1/checks/batch?${query}`, { method: "POST", body: form, headers: withKey() });
    if (response.status === 401) {
      askForKey();
      return null;
    }
    if (!response.ok) {
      showError(problemSentence(await response.json().catch(() => null), response.status));
      return null;
    }
    return format === "ndjson" ? await response.text() : await response.blob();
  } catch {
    showError(t("network"));
    return null;
  } finally {
    button.disabled = false;
  }
}

/** The chosen reports checked as a batch, answered as a spreadsheet or CSV. */
async function saveTable(format, button) {
  const blob = await postBatch(format, button);
  if (blob) saveBlob(blob, `nianbao-${t("batchName")}.${format}`);
}

/** The batch's summary in the page: the similar pairs of different units and the roster's gaps. */
async function viewCollection(button) {
  const text = await postBatch("ndjson", button);
  if (!text) return;
  const { summary } = JSON.parse(text.trim().split("\n").pop());
  const pairs = summary.similar.map((pair) =>
    el("li", {}, pair.files.join(" ～ "), " ", t("sharedShare", { percent: Math.round(pair.shared_share * 100) }),
      el("br"), reportText(pair.example.text)));
  const unexpected = (summary.unexpected || []).map((u) => u.issuer || u.file);
  $("batch-summary").replaceChildren(
    el("h3", {}, t("similarTitle")),
    pairs.length ? el("ul", { id: "similar-pairs" }, ...pairs) : el("p", {}, t("similarNone")),
    summary.not_received ? el("p", { id: "not-received" }, t("notReceived"), reportText(summary.not_received.join("、") || "—")) : null,
    unexpected.length ? el("p", {}, t("unexpected"), reportText(unexpected.join("、"))) : null);
}

function saveBlob(blob, name) {
  const url = URL.createObjectURL(blob);
  const link = el("a", { href: url, download: name });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

// Following a link to a place focuses it, so keyboard users land where the problem is.
function followPlace(event) {
  const link = event.target.closest("a[href^='#at-'], a[href^='#f-']");
  if (!link) return;
  const target = document.getElementById(link.getAttribute("href").slice(1));
  if (!target) return;
  event.preventDefault();
  const mark = target.matches("mark") ? target : target.nextElementSibling;
  (mark || target).scrollIntoView({ block: "center" });
  for (const old of document.querySelectorAll("mark.current")) old.classList.remove("current");
  if (mark && mark.matches("mark")) { mark.classList.add("current"); mark.focus({ preventScroll: true }); }
}

// ---- wiring ----

async function loadSample() {
  hideError();
  try {
    const response = await fetch("/assets/sample.txt");
    if (!response.ok) throw new Error(String(response.status));
    $("file").value = "";
    showFileName();
    $("text").value = await response.text();
    $("text").focus();
  } catch {
    showError(t("sampleFailed"));
  }
}

function clearAll() {
  $("form").reset();
  $("batch-files").value = "";
  $("batch-roster").value = "";
  $("batch-summary").replaceChildren();
  hideError();
  lastResult = null;
  $("result").replaceChildren();
  showFileName();
  showHints();
}

function wire() {
  $("form").addEventListener("submit", check);
  $("lang").addEventListener("click", switchLanguage);
  $("sample").addEventListener("click", loadSample);
  $("clear").addEventListener("click", clearAll);
  $("file").addEventListener("change", showFileName);
  const drop = $("drop");
  drop.addEventListener("dragover", (e) => { e.preventDefault(); drop.classList.add("over"); });
  drop.addEventListener("dragleave", () => drop.classList.remove("over"));
  drop.addEventListener("drop", (e) => {
    e.preventDefault();
    drop.classList.remove("over");
    if (e.dataTransfer.files.length) { $("file").files = e.dataTransfer.files; showFileName(); }
  });
  $("result").addEventListener("click", followPlace);
  $("batch-xlsx").addEventListener("click", (e) => saveTable("xlsx", e.currentTarget));
  $("batch-csv").addEventListener("click", (e) => saveTable("csv", e.currentTarget));
  $("batch-view").addEventListener("click", (e) => viewCollection(e.currentTarget));
  applyLanguage();
}

wire();
