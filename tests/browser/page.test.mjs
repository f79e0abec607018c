// The drafter's page in a real headless Chromium: the nianbao binary serves it on a free
// loopback port, and each test uses the page as a clerk would. Screenshots go to
// target/browser-screenshots/.
//
// Run by scripts/browser-tests.sh (which `.ci/run` calls); needs Debian's chromium and
// `npm ci` in this folder. NIANBAO_BIN and CHROMIUM override the paths.

import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
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
  for (const path of ["/", "/assets/app.js", "/assets/app.css"]) {
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
