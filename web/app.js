// The drafter's page: send a report to POST /v1/checks on this same origin and show the result.
// No framework and no build step: the service embeds this file as it is.
"use strict";

const TEXTS = {
  zh: {
    skip: "跳到检查结果", title: "法治政府建设年度报告检查", "submit-heading": "提交报告",
    drop: "把 Word、PDF、OFD、网页或文本文件拖到这里，或点击选择文件", paste: "或粘贴报告全文",
    options: "选填", year: "报告年度", published: "公开日期", issuer: "发布机关",
    government: "地方政府、乡镇（街道）", department: "政府部门", profile: "检查口径",
    "profile-default": "起草自查", "profile-strict": "收文审核（从严）", check: "检查",
    sample: "载入示例报告", clear: "清空", api: "接口文档", rules: "全部规则",
    switchTo: "English", switchLabel: "Switch to English",
    checking: "正在检查……", nothing: "请选择文件或粘贴报告全文。",
    compliant: "符合", notCompliant: "不符合", error: "错误", warning: "警告", info: "提示",
    verdictNote: "有“错误”即为不符合；“警告”和“提示”供修改参考。",
    parts: "必备部分", present: "已有", embedded: "仅在其他部分中", missing: "缺少", optional: "未写（选填）",
    addHeading: "应补标题：", goTo: "查看位置", outline: "检查器读到的提纲",
    noOutline: "没有识别出任何标题。", text: "报告全文（问题已标出）", findings: "问题清单",
    noFindings: "没有发现问题。", fix: "建议：", download: "下载 JSON 结果", word: "下载带批注的 Word", print: "打印摘要",
    chars: "字", yearOf: "{year}年度", unknownYear: "年度不明", titleNone: "（无标题）",
    network: "无法连接检查服务，请稍后再试。", failed: "检查没有完成：",
    sampleFailed: "示例报告载入失败。", selected: "已选择：",
    batchTitle: "收文汇总：多份报告一张表", batchNote: "选择多份报告或一个压缩包，按上面的选填项逐份检查，下载每份一行的汇总表。",
    batchFiles: "报告文件", batchXlsx: "下载汇总表（Excel）", batchCsv: "下载 CSV", batchNothing: "请先选择报告文件。",
    apiKey: "访问密钥", keyNeeded: "本服务需要访问密钥：请在“访问密钥”中填写管理员发给您的密钥后重新检查。",
  },
  en: {
    skip: "Skip to the result", title: "Rule-of-law government annual report check", "submit-heading": "Your report",
    drop: "Drop a Word, PDF, OFD, web page or text file here, or click to choose one", paste: "Or paste the whole report",
    options: "Optional", year: "Report year", published: "Published on", issuer: "Issuer",
    government: "Local government, township or sub-district", department: "Government department", profile: "Profile",
    "profile-default": "Drafter's self-check", "profile-strict": "Collecting office (strict)", check: "Check",
    sample: "Load a sample report", clear: "Clear", api: "API documentation", rules: "All rules",
    switchTo: "中文", switchLabel: "切换到中文",
    checking: "Checking…", nothing: "Choose a file or paste the report's text.",
    compliant: "Compliant", notCompliant: "Not compliant", error: "errors", warning: "warnings", info: "notes",
    verdictNote: "Any error makes the report non-compliant; warnings and notes are advice.",
    parts: "Required parts", present: "Present", embedded: "Only inside another part", missing: "Missing", optional: "Not written (optional)",
    addHeading: "Heading to add: ", goTo: "Show", outline: "The outline as the checker read it",
    noOutline: "No headings were recognised.", text: "The report, with findings marked", findings: "Findings",
    noFindings: "Nothing found.", fix: "Fix: ", download: "Download the JSON result", word: "Download Word with comments", print: "Print a summary",
    chars: "characters", yearOf: "report on {year}", unknownYear: "year unknown", titleNone: "(no title)",
    network: "The checking service cannot be reached; try again later.", failed: "The check did not finish: ",
    sampleFailed: "The sample report could not be loaded.", selected: "Selected: ",
    batchTitle: "Collecting office: many reports, one table", batchNote: "Choose several reports or a zip; each is checked with the options above, and the table has a row per report.",
    batchFiles: "Report files", batchXlsx: "Download the table (Excel)", batchCsv: "Download CSV", batchNothing: "Choose the report files first.",
    apiKey: "API key", keyNeeded: "This service needs an API key: enter the key your administrator gave you under “API key” and check again.",
  },
};

const $ = (id) => document.getElementById(id);
let lang = document.documentElement.lang.startsWith("en") ? "en" : "zh";
let lastResult = null;
const t = (key) => TEXTS[lang][key] ?? key;

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === "class") node.className = value;
    else node.setAttribute(key, value === true ? "" : value);
  }
  node.append(...children.filter((c) => c !== null && c !== undefined));
  return node;
}

function applyLanguage() {
  document.documentElement.lang = lang === "zh" ? "zh-CN" : "en";
  for (const node of document.querySelectorAll("[data-i18n]")) node.textContent = t(node.dataset.i18n);
  const button = $("lang");
  button.textContent = t("switchTo");
  button.setAttribute("aria-label", t("switchLabel"));
  button.lang = lang === "zh" ? "en" : "zh";
  document.title = t("title");
  if (lastResult) render(lastResult.report, lastResult.text);
}

// ---- input ----

function chosenFile() {
  return $("file").files[0] || null;
}

function showFileName() {
  const file = chosenFile();
  $("file-name").textContent = file ? t("selected") + file.name : "";
}

function options() {
  const values = {
    year: $("year").value ? Number($("year").value) : undefined,
    published_on: $("published_on").value || undefined,
    issuer_kind: $("issuer_kind").value,
    profile: $("profile").value,
    lang,
  };
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined));
}

function request() {
  const file = chosenFile();
  if (file) {
    const form = new FormData();
    form.append("file", file, file.name);
    for (const [key, value] of Object.entries(options())) form.append(key, String(value));
    form.append("include_text", "true");
    return { body: form };
  }
  const text = $("text").value;
  if (!text.trim()) return null;
  return {
    body: JSON.stringify({ text, ...options() }),
    headers: { "Content-Type": "application/json" },
    text,
  };
}

const KEY_STORE = "nianbao-api-key";

/** The request's headers with `Authorization` when the clerk has given an API key. */
function withKey(headers = {}) {
  const key = $("api_key").value.trim() || sessionStorage.getItem(KEY_STORE);
  return key ? { ...headers, Authorization: `Bearer ${key}` } : headers;
}

async function check(event) {
  event.preventDefault();
  hideError();
  const req = request();
  if (!req) {
    showError(t("nothing"));
    return;
  }
  const button = $("check");
  const result = $("result");
  button.disabled = true;
  result.setAttribute("aria-busy", "true");
  result.replaceChildren(el("p", { id: "status", class: "status" }, t("checking")));
  try {
    const response = await fetch("/v1/checks", { method: "POST", body: req.body, headers: withKey(req.headers) });
    const body = await response.json().catch(() => null);
    if (response.status === 401) {
      // The service was started with API keys: ask for one, keep it for this tab only.
      sessionStorage.removeItem(KEY_STORE);
      result.replaceChildren();
      $("key-row").hidden = false;
      showError(t("keyNeeded"));
      $("api_key").focus();
      return;
    }
    if (!response.ok) {
      result.replaceChildren();
      showError(problemSentence(body, response.status));
      return;
    }
    if ($("api_key").value.trim()) sessionStorage.setItem(KEY_STORE, $("api_key").value.trim());
    lastResult = { report: body, text: body.text ?? req.text, request: req };
    render(body, lastResult.text);
    result.focus();
  } catch {
    result.replaceChildren();
    showError(t("network"));
  } finally {
    button.disabled = false;
    result.setAttribute("aria-busy", "false");
  }
}

/** An RFC 9457 problem as one sentence a clerk can act on. */
function problemSentence(problem, status) {
  if (!problem || typeof problem !== "object") return t("failed") + status;
  const details = (problem.errors || []).map((e) => e.detail).filter(Boolean);
  if (details.length) return details.join(" ");
  return problem.detail || problem.title || t("failed") + status;
}

function showError(message) {
  const box = $("error");
  box.textContent = message;
  box.hidden = false;
}

function hideError() {
  $("error").hidden = true;
}

// ---- result ----

function render(report, text) {
  const result = $("result");
  const anchors = new Set();
  const anchor = (span) => {
    anchors.add(span.start);
    return "#at-" + span.start;
  };
  const placeLink = (span) => el("a", { href: anchor(span), class: "goto" }, t("goTo"));
  result.replaceChildren(
    verdict(report),
    checklist(report, placeLink),
    el("div", { class: "card outline-block" }, el("h3", {}, t("outline")), outline(report.outline, anchor)),
    el("div", { class: "card columns" },
      el("div", { class: "text-block" }, el("h3", {}, t("text")), highlighted(text, report.findings, anchors)),
      el("div", {}, el("h3", {}, t("findings")), findingList(report.findings))),
  );
}

function verdict(report) {
  const info = report.report;
  const counts = el("ul", { class: "counts" },
    ...["error", "warning", "info"].map((s) => el("li", { class: "count-" + s }, `${t(s)} ${report.summary[s]}`)));
  const meta = [info.title || t("titleNone"),
    info.year ? t("yearOf").replace("{year}", info.year) : t("unknownYear"),
    `${info.chars} ${t("chars")}`].join(" · ");
  const download = el("button", { type: "button", class: "download" }, t("download"));
  download.addEventListener("click", () => saveJson(report));
  const word = el("button", { type: "button", class: "download", id: "word" }, t("word"));
  word.addEventListener("click", () => saveWord(word));
  const print = el("button", { type: "button", class: "download" }, t("print"));
  print.addEventListener("click", () => window.print());
  return el("div", { class: "card" },
    el("div", { class: "verdict" },
      el("strong", { class: report.compliant ? "yes" : "no", id: "verdict" },
        report.compliant ? t("compliant") : t("notCompliant")),
      counts),
    el("p", { class: "meta" }, meta),
    el("p", { class: "meta" }, t("verdictNote")),
    el("div", { class: "actions" }, download, word, print));
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
        ? el("span", { class: "add" }, t("addHeading") + missing.suggestion, " ", missing.span ? placeLink(missing.span) : null)
        : null);
  });
  return el("div", { class: "card" }, el("h3", {}, t("parts")), el("ul", { class: "checklist", id: "checklist" }, ...items));
}

function outline(nodes, anchor) {
  if (!nodes.length) return el("p", {}, t("noOutline"));
  const list = (children) => el("ul", { class: "outline" }, ...children.map((node) =>
    el("li", {},
      el("a", { href: anchor(node.span) }, node.heading),
      node.parts.length ? el("span", { class: "tag" }, node.parts.join(", ")) : null,
      node.children.length ? list(node.children) : null)));
  return list(nodes);
}

/**
 * The text with each finding marked at its span. Spans count code points, so the text is split
 * into code points once; overlapping findings share the segments they cover, marked with the
 * most serious. One pass over the boundaries keeps a 20,000-character report quick.
 */
function highlighted(text, findings, anchors) {
  const chars = Array.from(text || "");
  const box = el("div", { class: "text", id: "text-view", tabindex: "0" });
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
  return el("span", { class: "tip", role: "note" }, `${t(finding.severity)}：${finding.message}`);
}

function findingList(findings) {
  if (!findings.length) return el("p", {}, t("noFindings"));
  return el("ol", { class: "findings", id: "findings" }, ...findings.map((f, index) =>
    el("li", { class: f.severity, "data-rule": f.rule },
      el("span", { class: "rule" }, `${t(f.severity)} · ${f.rule}`), el("br"),
      f.message, " ",
      f.span ? el("a", { href: "#f-" + index }, t("goTo")) : null,
      f.suggestion ? el("span", { class: "fix" }, t("fix") + f.suggestion) : null)));
}

function saveJson(report) {
  saveBlob(new Blob([JSON.stringify(report, null, 2)], { type: "application/json" }), "nianbao-result.json");
}

const WORD = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

/** The same report again, answered as Word with a comment on each finding. */
async function saveWord(button) {
  const req = lastResult?.request;
  if (!req) return;
  button.disabled = true;
  try {
    const response = await fetch("/v1/checks", {
      method: "POST", body: req.body, headers: withKey({ ...(req.headers ?? {}), Accept: WORD }),
    });
    if (!response.ok) {
      showError(problemSentence(await response.json().catch(() => null), response.status));
      return;
    }
    const name = (chosenFile()?.name ?? "report").replace(/\.[^.]*$/, "");
    saveBlob(await response.blob(), `${name}-批注.docx`);
  } catch {
    showError(t("network"));
  } finally {
    button.disabled = false;
  }
}

/** The chosen reports checked as a batch, answered as a spreadsheet or CSV. */
async function saveTable(format, button) {
  const files = [...$("batch-files").files];
  if (!files.length) {
    showError(t("batchNothing"));
    return;
  }
  hideError();
  const form = new FormData();
  for (const file of files) form.append("file", file, file.name);
  const query = new URLSearchParams({ ...options(), format });
  button.disabled = true;
  try {
    const response = await fetch(`/v1/checks/batch?${query}`, { method: "POST", body: form, headers: withKey() });
    if (!response.ok) {
      showError(problemSentence(await response.json().catch(() => null), response.status));
      return;
    }
    saveBlob(await response.blob(), `nianbao-汇总.${format}`);
  } catch {
    showError(t("network"));
  } finally {
    button.disabled = false;
  }
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

function wire() {
  $("form").addEventListener("submit", check);
  $("lang").addEventListener("click", () => { lang = lang === "zh" ? "en" : "zh"; applyLanguage(); });
  $("sample").addEventListener("click", loadSample);
  $("clear").addEventListener("click", () => {
    $("form").reset();
    showFileName();
    hideError();
    lastResult = null;
    $("result").replaceChildren();
  });
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
  applyLanguage();
}

wire();
