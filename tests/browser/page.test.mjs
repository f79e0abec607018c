// The drafter's page in a real headless Chromium: the nianbao binary serves it on a free
// loopback port, and each test uses the page as a clerk would. Screenshots go to
// target/browser-screenshots/.
//
// Run by scripts/browser-tests.sh (which `.ci/run` calls); needs Debian's chromium and
// `npm ci` in this folder. NIANBAO_BIN and CHROMIUM override the paths.

import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const fixtures = join(root, "tests/fixtures");
const shots = join(root, "target/browser-screenshots");
mkdirSync(shots, { recursive: true });

let server;
let browser;
let origin;

function freePort() {
  return new Promise((done, fail) => {
    const probe = createServer();
    probe.once("error", fail);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address();
      probe.close(() => done(port));
    });
  });
}

async function waitUntilReady(url, deadline = Date.now() + 30_000) {
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`nianbao did not become ready at ${url}`);
}

/** The nianbao binary serving on a free loopback port, with `env` added to its environment. */
async function startServer(env = {}) {
  const port = await freePort();
  const address = `http://127.0.0.1:${port}`;
  const binary = process.env.NIANBAO_BIN || join(root, "target/debug/nianbao");
  const child = spawn(binary, ["serve", "--addr", `127.0.0.1:${port}`], {
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, NIANBAO_LOG: "warn", ...env },
  });
  await waitUntilReady(`${address}/readyz`);
  return { child, address };
}

before(async () => {
  ({ child: server, address: origin } = await startServer());
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--no-sandbox"],
  });
});

after(async () => {
  await browser?.close();
  server?.kill("SIGTERM");
});

/** A fresh page, recording every request it makes. */
async function openPage(viewport = { width: 1280, height: 900 }, at = origin) {
  const context = await browser.newContext({ viewport, locale: "zh-CN" });
  const page = await context.newPage();
  const requests = [];
  page.on("request", (request) => requests.push(request.url()));
  const problems = [];
  page.on("pageerror", (error) => problems.push(error.message));
  await page.goto(`${at}/`);
  return { page, requests, problems };
}

function assertSameOrigin(requests) {
  const foreign = requests.filter((url) => !url.startsWith(origin + "/") && !url.startsWith("blob:") && !url.startsWith("data:"));
  assert.deepEqual(foreign, [], "no request leaves the service's origin");
}

test("the page itself is small", async () => {
  let total = 0;
  for (const path of ["/", "/assets/texts.js", "/assets/app.js", "/assets/app.css", "/favicon.ico"]) {
    const response = await fetch(origin + path);
    assert.equal(response.status, 200, path);
    total += (await response.arrayBuffer()).byteLength;
  }
  assert.ok(total < 100_000, `the page weighs ${total} bytes`);
});

test("an uploaded .docx without two required parts is not compliant", async () => {
  const { page, requests, problems } = await openPage();
  await page.setInputFiles("#file", join(fixtures, "documents/zhuangshi-2023.typed.docx"));
  await page.getByRole("button", { name: "检查" }).click();
  await page.locator("#verdict").waitFor();
  assert.equal(await page.locator("#verdict").textContent(), "不符合");
  const missing = page.locator("#checklist li[data-status=missing]");
  assert.deepEqual(await missing.evaluateAll((items) => items.map((i) => i.dataset.part)),
    ["shortcomings", "first_responsible", "other"]);
  const required = page.locator("#checklist li[data-status=missing] .badge.missing");
  assert.equal(await required.count(), 2, "two required parts shown as missing");
  assert.match(await page.locator("#checklist").textContent(), /应补标题：2023年推进法治政府建设存在的不足和原因/);
  // The link beside a missing part leads to where it belongs in the text.
  await page.locator("#checklist li[data-part=shortcomings] .add a").click();
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.rule), "part-missing");
  await page.screenshot({ path: join(shots, "zhuangshi-docx.png"), fullPage: true });
  // README's picture: the verdict, the checklist and the start of the outline.
  await page.locator("#result").evaluate((node) => window.scrollTo(0, node.offsetTop - 8));
  await page.screenshot({ path: join(shots, "readme.png") });
  // The printed summary fits one A4 page.
  await page.emulateMedia({ media: "print" });
  const pdf = await page.pdf({ format: "A4", path: join(shots, "zhuangshi-summary.pdf") });
  const pages = pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g) || [];
  assert.equal(pages.length, 1, "one printed page");
  // The same report as Word, a comment on each finding, for the reviewer.
  await page.emulateMedia({ media: "screen" });
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "下载带批注的 Word" }).click(),
  ]);
  assert.equal(download.suggestedFilename(), "zhuangshi-2023.typed-批注.docx");
  const saved = join(shots, "zhuangshi-annotated.docx");
  await download.saveAs(saved);
  const word = readFileSync(saved).toString("latin1");
  assert.ok(word.startsWith("PK") && word.includes("word/comments.xml"), "a .docx with comments");
  assertSameOrigin(requests);
  assert.deepEqual(problems, []);
});

test("pasted xixing is compliant and its doubled character is marked where it is", async () => {
  const { page, requests, problems } = await openPage();
  const text = readFileSync(join(fixtures, "xixing-2024.txt"), "utf8");
  await page.locator("#text").fill(text);
  await page.getByRole("button", { name: "检查" }).click();
  await page.locator("#verdict").waitFor();
  assert.equal(await page.locator("#verdict").textContent(), "符合");
  const mark = page.locator("mark[data-rule=doubled-character]");
  assert.equal(await mark.count(), 1);
  assert.match(await mark.textContent(), /^发发/);
  await mark.focus();
  assert.ok(await mark.locator(".tip").isVisible(), "the message shows on focus");
  await mark.scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(shots, "xixing-pasted.png") });
  // The same report on a phone-sized screen.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.locator("#verdict").scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(shots, "xixing-narrow.png") });
  assertSameOrigin(requests);
  assert.deepEqual(problems, []);
});

test("last year's report beside this year's: the repeat and the plans with ✓ or ✗", async () => {
  const { page, requests, problems } = await openPage();
  await page.locator("#text").fill(readFileSync(join(fixtures, "comparison/hetang-2024.txt"), "utf8"));
  await page.setInputFiles("#previous", join(fixtures, "comparison/hetang-2023.txt"));
  await page.getByRole("button", { name: "检查" }).click();
  await page.locator("#comparison").waitFor();
  const plans = page.locator("#comparison .plans li");
  assert.deepEqual(await plans.evaluateAll((items) => items.map((i) => i.dataset.followed)),
    ["true", "false", "true", "false", "true"]);
  assert.match(await page.locator("#comparison").textContent(), /重复所列不足2条/);
  // A followed plan's link leads to where this year's report tells of it.
  await plans.nth(2).locator("a").click();
  await page.screenshot({ path: join(shots, "comparison.png") });
  assertSameOrigin(requests);
  assert.deepEqual(problems, []);
});

test("the collecting office sees the template group and the roster's gaps", async () => {
  const { page, problems } = await openPage();
  await page.locator("#batch summary").click();
  const folder = join(fixtures, "collection");
  const files = readdirSync(folder).filter((name) => name.endsWith(".txt")).map((name) => join(folder, name));
  await page.setInputFiles("#batch-files", files);
  await page.setInputFiles("#batch-roster", join(folder, "roster.csv"));
  await page.getByRole("button", { name: "查看雷同与缺报" }).click();
  await page.locator("#similar-pairs").waitFor();
  const pairs = await page.locator("#similar-pairs li").evaluateAll((items) => items.map((i) => i.textContent));
  assert.equal(pairs.length, 3);
  for (const pair of pairs) assert.match(pair, /^(baisha|xinqiao|zaolin)-2024\.txt ～ (baisha|xinqiao|zaolin)-2024\.txt/);
  assert.equal(await page.locator("#not-received").textContent(), "名单中未收到报告：石门乡人民政府、龙潭镇人民政府");
  assert.deepEqual(problems, []);
});

test("where the service needs an API key, the page asks for one and then checks", async () => {
  const keyed = await startServer({ NIANBAO_API_KEYS: "county-office-key" });
  try {
    const { page, problems } = await openPage(undefined, keyed.address);
    assert.ok(!(await page.locator("#api_key").isVisible()), "no key field until one is needed");
    await page.locator("#text").fill(readFileSync(join(fixtures, "wuxing-2024.txt"), "utf8"));
    await page.getByRole("button", { name: "检查" }).click();
    await page.getByRole("alert").waitFor();
    assert.match(await page.getByRole("alert").textContent(), /访问密钥/);
    await page.getByLabel("访问密钥").fill("county-office-key");
    await page.getByRole("button", { name: "检查" }).click();
    await page.locator("#verdict").waitFor();
    assert.ok(!(await page.getByRole("alert").isVisible()), "the key message is gone");
    await page.screenshot({ path: join(shots, "api-key.png") });
    assert.deepEqual(problems, []);
  } finally {
    keyed.child.kill("SIGTERM");
  }
});

test("the collecting office downloads one table for several reports", async () => {
  const { page, requests, problems } = await openPage();
  await page.locator("#batch summary").click();
  await page.setInputFiles("#batch-files", [
    join(fixtures, "wuxing-2024.txt"),
    join(fixtures, "documents/zhuangshi-2023.typed.docx"),
  ]);
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "下载 CSV" }).click(),
  ]);
  assert.equal(download.suggestedFilename(), "nianbao-汇总.csv");
  const saved = join(shots, "batch.csv");
  await download.saveAs(saved);
  const rows = readFileSync(saved, "utf8").replace(/^\uFEFF/, "").trim().split("\r\n");
  assert.equal(rows.length, 3, "a header and a row per report");
  assert.ok(rows.some((row) => row.startsWith("zhuangshi-2023.typed.docx,") && row.includes(",不符合,")));
  const [sheet] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "下载汇总表（Excel）" }).click(),
  ]);
  assert.equal(sheet.suggestedFilename(), "nianbao-汇总.xlsx");
  // Only what the clerk chose goes with the batch: here nothing but the language and the format.
  const batches = requests.filter((url) => url.includes("/v1/checks/batch"));
  assert.equal(batches.length, 2);
  for (const url of batches) {
    assert.deepEqual([...new URL(url).searchParams.keys()].sort(), ["format", "lang"], url);
  }
  assertSameOrigin(requests);
  assert.deepEqual(problems, []);
});

test("an empty file gets a readable message, not JSON", async () => {
  const { page, requests } = await openPage();
  const empty = join(tmpdir(), "空白报告.docx");
  writeFileSync(empty, "");
  await page.setInputFiles("#file", empty);
  await page.getByRole("button", { name: "检查" }).click();
  const alert = page.getByRole("alert");
  await alert.waitFor();
  const message = await alert.textContent();
  assert.ok(message.length > 5 && !message.includes("{"), message);
  await page.screenshot({ path: join(shots, "empty-file.png") });
  assertSameOrigin(requests);
});

test("the sample loads, the language switches, and the page works from the keyboard", async () => {
  const { page, requests } = await openPage();
  await page.getByRole("button", { name: "English" }).click();
  assert.equal(await page.locator("h1 span").textContent(), "Rule-of-law government annual report check");
  await page.getByRole("button", { name: "Load a sample report" }).click();
  await page.waitForFunction(() => document.querySelector("#text").value.length > 1000);
  // From the text box, Tab reaches the options; Enter on the Check button submits.
  await page.locator("#text").focus();
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement.id), "year");
  await page.locator("#check").focus();
  await page.keyboard.press("Enter");
  await page.locator("#verdict").waitFor();
  assert.equal(await page.locator("#verdict").textContent(), "Not compliant");
  assert.match(await page.locator("#findings").textContent(), /The required part/);
  await page.screenshot({ path: join(shots, "sample-english.png"), fullPage: true });
  assertSameOrigin(requests);
});

test("a 20,000-character report renders without a long task", async () => {
  const { page } = await openPage();
  const text = readFileSync(join(fixtures, "xixing-2024.txt"), "utf8");
  await page.locator("#text").fill(text.repeat(3).slice(0, 20_000));
  await page.evaluate(() => {
    window.longTasks = [];
    new PerformanceObserver((list) => window.longTasks.push(...list.getEntries().map((e) => e.duration)))
      .observe({ type: "longtask" });
  });
  await page.getByRole("button", { name: "检查" }).click();
  await page.locator("#verdict").waitFor();
  const marks = await page.locator("#text-view mark").count();
  assert.ok(marks >= 3, `${marks} marks`);
  const longest = await page.evaluate(() => Math.max(0, ...window.longTasks));
  console.log(`# longest main-thread task while checking 20,000 characters: ${longest.toFixed(0)} ms`);
  assert.ok(longest < 200, `a ${longest} ms task blocks the page`);
});

// ---- the page says what the API says, shows what it read, and never hides an error ----

/** Every corpus report: the texts, and the documents made from them. */
function corpusFiles() {
  const texts = readdirSync(fixtures).filter((name) => name.endsWith(".txt")).map((name) => join(fixtures, name));
  const documents = readdirSync(join(fixtures, "documents"))
    .map((name) => join(fixtures, "documents", name))
    .filter((path) => statSync(path).isFile());
  return [...texts, ...documents].sort();
}

/** The API's answer for a file sent as the page sends it, with these choices. */
async function apiCheck(path, choices = {}) {
  const form = new FormData();
  form.append("file", new Blob([readFileSync(path)]), basename(path));
  for (const [key, value] of Object.entries(choices)) form.append(key, value);
  const response = await fetch(`${origin}/v1/checks`, { method: "POST", body: form });
  return { status: response.status, body: await response.json() };
}

/** Chooses a file, presses 检查 and waits until the page has answered, report or error. */
async function checkFile(page, path) {
  await page.setInputFiles("#file", path);
  await Promise.all([
    page.waitForResponse((r) => r.url().endsWith("/v1/checks") && r.request().method() === "POST"),
    page.locator("#check").click(),
  ]);
  await page.waitForFunction(() => document.querySelector("#result").getAttribute("aria-busy") === "false");
}

/** What the page shows of a report: the verdict, the counts and the findings' rules. */
async function shownReport(page) {
  return page.evaluate(() => ({
    verdict: document.querySelector("#verdict")?.textContent ?? null,
    counts: [...document.querySelectorAll(".counts li")].map((li) => li.textContent),
    // The content's findings, then the Word format's group (格式).
    rules: [...document.querySelectorAll("#findings li, #format-findings li")].map((li) => li.dataset.rule),
    error: document.querySelector("#error").hidden ? null : document.querySelector("#error").textContent,
  }));
}

function expectedShown(api) {
  if (api.status !== 200) return { verdict: null, counts: [], rules: [], error: api.body.detail };
  const { summary } = api.body;
  return {
    verdict: api.body.compliant ? "符合" : "不符合",
    counts: [`错误 ${summary.error}`, `警告 ${summary.warning}`, `提示 ${summary.info}`],
    rules: [
      ...api.body.findings.filter((f) => !f.rule.startsWith("format-")),
      ...api.body.findings.filter((f) => f.rule.startsWith("format-")),
    ].map((f) => f.rule),
    error: null,
  };
}

/** Whether a box lies wholly inside the viewport as it is scrolled now. */
async function inView(page, selector) {
  const box = await page.locator(selector).boundingBox();
  const { width, height } = page.viewportSize();
  return box !== null && box.y >= 0 && box.x >= 0 && box.y + box.height <= height && box.x + box.width <= width;
}

const department = join(fixtures, "sifaju-2024.txt");

test("the page and the API give the same report for every corpus file", async () => {
  const { page, problems } = await openPage();
  const files = corpusFiles();
  for (const path of files) {
    await checkFile(page, path);
    const api = await apiCheck(path);
    assert.deepEqual(await shownReport(page), expectedShown(api), basename(path));
  }
  assert.ok(files.length >= 25, `${files.length} files`);
  assert.deepEqual(problems, []);
});

test("a department's report: the page sends no choice it was not given, and shows what it read", async () => {
  const { page, problems } = await openPage({ width: 1366, height: 768 });
  // What the page puts in its forms (the browser does not show a multipart body with a file).
  const sentFields = () => page.evaluate(() => window.sentFields.at(-1));
  await page.evaluate(() => {
    window.sentFields = [];
    const send = window.fetch;
    window.fetch = (url, init = {}) => {
      if (init.body instanceof FormData) {
        window.sentFields.push(Object.fromEntries([...init.body.entries()].filter(([, v]) => typeof v === "string")));
      }
      return send(url, init);
    };
  });
  await checkFile(page, department);
  assert.deepEqual(await sentFields(), { lang: "zh", include_text: "true" }, "nothing the drafter left empty is sent");
  // Read from the sign-off 某某市司法局: a department, whose publication deadline (1 April, as a
  // government's) is past on 10 April.
  assert.deepEqual(await shownReport(page), expectedShown(await apiCheck(department)));
  assert.equal(await page.locator("#verdict").textContent(), "不符合");
  assert.ok(await inView(page, "#verdict"), "the verdict is in view");
  // Why, beside the verdict: the deadline the sign-off date missed.
  assert.match(await page.locator("#reasons").textContent(), /落款日期2025-04-10晚于2024年度报告的公开期限2025-04-01/);
  assert.ok(await inView(page, "#reasons"), "the reasons are in view");
  const issuer = page.locator("#read [data-field=issuer_kind] dd");
  assert.match(await issuer.textContent(), /^政府部门 · 某某市司法局从报告中读取$/);
  assert.match(await page.locator("#read [data-field=year] dd").textContent(), /2024年度读自标题/);
  assert.match(await page.locator("#read [data-field=published_on] dd").textContent(), /2025-04-10/);
  assert.equal(await page.locator("#hint-issuer_kind").textContent(), "读到：政府部门");
  await page.screenshot({ path: join(shots, "department-read-1366.png") });
  // The drafter corrects it: the choice is sent, and the page agrees with the API given it.
  await page.locator("#correct").click();
  assert.equal(await page.evaluate(() => document.activeElement.id), "issuer_kind");
  await page.selectOption("#issuer_kind", "government");
  await checkFile(page, department);
  assert.deepEqual(await sentFields(), { issuer_kind: "government", lang: "zh", include_text: "true" }, "the choice is sent");
  assert.deepEqual(await shownReport(page), expectedShown(await apiCheck(department, { issuer_kind: "government" })));
  // Late for a government too: one publication deadline for both kinds (督察规定).
  assert.equal(await page.locator("#verdict").textContent(), "不符合");
  assert.match(await issuer.textContent(), /按您的选择$/);
  // The day the report went up, which no report says: the drafter gives it, and the submission
  // deadline is checked as the API checks it.
  assert.equal(await page.locator("#hint-submitted_on").textContent(), "报送上级机关的日期，对照报送期限检查");
  await page.fill("#submitted_on", "2025-06-30");
  await checkFile(page, department);
  const given = { issuer_kind: "government", submitted_on: "2025-06-30" };
  assert.deepEqual(await sentFields(), { ...given, lang: "zh", include_text: "true" }, "the date is sent");
  assert.deepEqual(await shownReport(page), expectedShown(await apiCheck(department, given)));
  assert.match(await page.locator("#findings").textContent(), /报送日期2025-06-30晚于2024年度报告的报送期限/);
  assert.deepEqual(problems, []);
});

for (const viewport of [{ width: 1366, height: 768 }, { width: 1920, height: 1080 }]) {
  const size = `${viewport.width}x${viewport.height}`;

  test(`at ${size} the verdict and every error are in view and focused`, async () => {
    const { page, problems } = await openPage(viewport);
    const failures = [];
    page.on("response", (r) => { if (r.status() >= 400 && !r.url().endsWith("/v1/checks")) failures.push(r.url()); });
    // Nothing chosen.
    await page.locator("#check").click();
    assert.ok(await inView(page, "#error"), "the nothing-chosen error is in view");
    assert.equal(await page.evaluate(() => document.activeElement.id), "error");
    // A picture instead of a report.
    const png = join(tmpdir(), "扫描件.png");
    writeFileSync(png, Buffer.from("89504e470d0a1a0a0000000d4948445200000010000000100806000000", "hex"));
    await checkFile(page, png);
    assert.match(await page.locator("#error").textContent(), /^这是一张图片（PNG），不是报告文件。/);
    assert.ok(await inView(page, "#error"), "the picture's error is in view");
    assert.equal(await page.evaluate(() => document.activeElement.id), "error");
    await page.screenshot({ path: join(shots, `png-error-${size}.png`) });
    // An empty file.
    const empty = join(tmpdir(), "空白报告.docx");
    writeFileSync(empty, "");
    await checkFile(page, empty);
    assert.ok(await inView(page, "#error"), "the empty file's error is in view");
    // The batch without files.
    await page.locator("#batch summary").click();
    await page.locator("#batch-xlsx").click();
    assert.equal(await page.locator("#error").textContent(), "请先选择报告文件。");
    assert.ok(await inView(page, "#error"), "the batch's error is in view");
    // A report: its verdict comes into view in place of the error.
    await checkFile(page, join(fixtures, "documents/zhuangshi-2023.typed.docx"));
    assert.ok(await page.locator("#error").isHidden());
    assert.ok(await inView(page, "#verdict"), "the verdict is in view");
    await page.screenshot({ path: join(shots, `verdict-${size}.png`) });
    assert.deepEqual(failures, [], "no asset or icon is missing");
    assert.deepEqual(problems, []);
  });
}

/** The page's own words, without the report's (marked lang=zh-CN), the fields' values and the language switch. */
function ownWords(page) {
  return page.evaluate(() => {
    const copy = document.body.cloneNode(true);
    for (const node of copy.querySelectorAll("[lang^=zh], textarea, script, #lang")) node.remove();
    return copy.textContent;
  });
}

test("the English page has no Chinese but the report's, and re-renders the last report without a new upload", async () => {
  const { page, problems } = await openPage({ width: 1366, height: 768 });
  await checkFile(page, join(fixtures, "documents/zhuangshi-2023.typed.docx"));
  await page.locator("#batch summary").click();
  await page.setInputFiles("#batch-files", [department]);
  const chooser = page.locator("#file");
  await page.getByRole("button", { name: "English" }).click();
  await page.waitForFunction(() => document.querySelector("#verdict")?.textContent === "Not compliant"
    && document.querySelector("#result").getAttribute("aria-busy") === "false");
  assert.equal(await chooser.evaluate((input) => input.files.length), 1, "the file is still chosen");
  const findings = await page.locator("#findings").textContent();
  assert.match(findings, /The required part “shortcomings and causes” is missing\./);
  assert.match(findings, /Error · A required part is missing/);
  assert.match(findings, /task areas of the Implementation Outline/);
  // The warnings are the Word format's (GB/T 9704), which a typed .docx does not follow.
  const [errors, warnings, notes] = await page.locator(".counts li").allTextContents();
  assert.deepEqual([errors, notes], ["2 errors", "1 note"]);
  assert.match(warnings, /^\d+ warnings?$/);
  assert.match(await page.locator("#file-name").textContent(), /^Selected: /);
  assert.equal(await page.locator("#outline .tag").first().textContent(), "measures and results");
  const chinese = (await ownWords(page)).match(/[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]+/g);
  assert.deepEqual(chinese, null, "Chinese left on the English page");
  await page.screenshot({ path: join(shots, "english-1366.png"), fullPage: true });
  // Back to Chinese from what was kept; the rules' page in the page's language.
  await page.getByRole("button", { name: "中文" }).click();
  await page.waitForFunction(() => document.querySelector("#verdict")?.textContent === "不符合");
  assert.match(await page.locator("#findings").textContent(), /错误 · 缺少必需部分/);
  // The rules open beside the report, which stays where it is.
  const [rules] = await Promise.all([
    page.context().waitForEvent("page"),
    page.getByRole("link", { name: "全部规则" }).click(),
  ]);
  await rules.waitForLoadState();
  assert.match(rules.url(), /\/rules\?lang=zh$/);
  assert.equal(await rules.locator("#part-missing h2").textContent(), "缺少必需部分");
  await rules.screenshot({ path: join(shots, "rules.png") });
  assert.equal(await page.locator("#verdict").textContent(), "不符合");
  assert.deepEqual(problems, []);
});

test("清空 clears the report, the options and the batch's files", async () => {
  const { page } = await openPage();
  await page.locator("#batch summary").click();
  await page.setInputFiles("#batch-files", [department, join(fixtures, "wuxing-2024.txt")]);
  await page.selectOption("#issuer_kind", "department");
  await checkFile(page, department);
  await page.getByRole("button", { name: "清空" }).click();
  assert.equal(await page.locator("#batch-files").evaluate((input) => input.files.length), 0);
  assert.equal(await page.locator("#file").evaluate((input) => input.files.length), 0);
  assert.equal(await page.locator("#issuer_kind").inputValue(), "");
  assert.equal(await page.locator("#result").textContent(), "");
  assert.equal(await page.locator("#hint-issuer_kind").textContent(), "留空则从报告中读取");
});

test("a pasted report's certain fixes are accepted one by one or all at once, and come as revisions in Word", async () => {
  const { page, requests, problems } = await openPage();
  const text = readFileSync(join(fixtures, "fixable/slips-town-2024.txt"), "utf8");
  await page.locator("#text").fill(text);
  await page.getByRole("button", { name: "检查" }).click();
  await page.locator("#verdict").waitFor();
  // The Word answer with revisions: each fix a tracked change by nianbao.
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "下载带修订的 Word" }).click(),
  ]);
  const saved = join(shots, "slips-revisions.docx");
  await download.saveAs(saved);
  assert.ok(requests.some((url) => url.endsWith("/v1/checks?revisions=true")));
  assert.ok(statSync(saved).size > 1000);
  // One fix accepted: the text changes there, and the check runs again without that slip.
  const slip = page.locator("#findings li[data-rule=wrong-character]").first();
  await slip.getByRole("button", { name: "采纳" }).click();
  await page.waitForFunction(() => document.querySelector("#text").value.includes("截至目前"));
  await page.locator("#findings, #result p").first().waitFor();
  await page.waitForFunction(() => !document.querySelector("#result[aria-busy=true]"));
  assert.ok(!(await page.locator("#text").inputValue()).includes("截止目前"));
  await page.screenshot({ path: join(shots, "slips-accepted.png"), fullPage: true });
  // The rest at once: no certain fix is left, nothing else in the text changed.
  await page.getByRole("button", { name: "全部采纳（确定的更正）" }).click();
  await page.waitForFunction(() => !document.querySelector("#text").value.includes("法制宣传"));
  await page.waitForFunction(() => !document.querySelector("#result[aria-busy=true]") && !document.querySelector("#accept-all"));
  const fixed = await page.locator("#text").inputValue();
  assert.equal(fixed, text.replace("（一）、", "（一）").replace("截止目前", "截至目前").replace("布署", "部署")
    .replace("法制宣传", "法治宣传").replace("发发挥", "发挥"));
  assertSameOrigin(requests);
  assert.deepEqual(problems, []);
});
