// Every call README shows, made with openapi-fetch and the types openapi-typescript generated from
// the service's own OpenAPI document; `tsc --strict` checks it, then Node runs it against the real
// server. A mismatch between the document and the server fails here, in the types or at run time.
import { readFileSync } from "node:fs";
import createClient from "openapi-fetch";
import type { components, paths } from "./api.js";

type CheckReport = components["schemas"]["CheckReport"];
type BatchLine = components["schemas"]["BatchLine"];
type CheckForm = components["schemas"]["CheckForm"];

const [baseUrl, key, fixtures] = process.argv.slice(2);
const client = createClient<paths>({ baseUrl, headers: { Authorization: `Bearer ${key}` } });

function fixture(name: string): Uint8Array<ArrayBuffer> {
  return new Uint8Array(readFileSync(`${fixtures}/${name}`));
}

function expect(condition: boolean, what: string): void {
  if (!condition) {
    throw new Error(`TypeScript client: ${what}`);
  }
}

/** The JSON check report; a check answers Word only when `Accept` asks for it. */
function expectReport(report: CheckReport | string | undefined, year: number, what: string): CheckReport {
  if (report === undefined || typeof report === "string") {
    throw new Error(`TypeScript client: ${what}: no JSON report`);
  }
  expect(report.report.year === year, `${what}: year ${report.report.year}`);
  return report;
}

/** A form as fetch sends it: every field a string but the file. */
function formOf(fields: CheckForm): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) {
    if (value instanceof Blob) {
      form.append(name, value, "report.docx");
    } else if (value !== undefined) {
      form.append(name, String(value));
    }
  }
  return form;
}

/** A batch form: each report a `file` part with its name. */
function batchForm(files: [Blob, string][]): FormData {
  const form = new FormData();
  for (const [file, name] of files) {
    form.append("file", file, name);
  }
  return form;
}

async function main(): Promise<void> {
  // Plain text, as the README's first call sends it.
  const text = new TextDecoder().decode(fixture("zhuangshi-2023.txt"));
  const plain = await client.POST("/v1/checks", {
    body: text,
    headers: { "Content-Type": "text/plain; charset=utf-8" },
    bodySerializer: (body) => body,
  });
  const first = expectReport(plain.data, 2023, "text");
  expect(!first.compliant, "text: 庄市街道 lacks two parts");

  // A .docx in a multipart form.
  const docx = new Blob([fixture("documents/zhuangshi-2023.typed.docx")]);
  const fields: CheckForm = { file: docx, include_text: true };
  const uploaded = await client.POST("/v1/checks", {
    body: fields,
    bodySerializer: () => formOf(fields),
  });
  const word = expectReport(uploaded.data, 2023, "multipart .docx");
  expect(typeof word.text === "string", "multipart .docx: include_text returns the text");

  // A PDF in base64 inside JSON, as OA systems send attachments.
  const encoded = await client.POST("/v1/checks", {
    body: {
      file: { name: "report.pdf", content_base64: Buffer.from(fixture("documents/xixing-2024.pdf")).toString("base64") },
      year: 2024,
    },
  });
  expectReport(encoded.data, 2024, "base64 PDF");

  // The document itself as the body.
  const pdf = new Blob([fixture("documents/xixing-2024.pdf")]);
  const body = await client.POST("/v1/checks", {
    params: { query: { year: 2024 } },
    body: pdf,
    headers: { "Content-Type": "application/pdf" },
    bodySerializer: (document) => document,
  });
  expectReport(body.data, 2024, "PDF as the body");

  // A batch, its NDJSON lines read one by one as they arrive.
  const batch = await client.POST("/v1/checks/batch", {
    body: { file: [docx, pdf] },
    bodySerializer: () => batchForm([[docx, "zhuangshi.docx"], [pdf, "xixing.pdf"]]),
    parseAs: "stream",
  });
  if (batch.response.status !== 200 || !batch.data) {
    throw new Error(`TypeScript client: batch answered ${batch.response.status}`);
  }
  const lines: BatchLine[] = [];
  const reader = batch.data.getReader();
  const decoder = new TextDecoder();
  let pending = "";
  for (;;) {
    const { done, value } = await reader.read();
    if (done) {
      break;
    }
    pending += decoder.decode(value, { stream: true });
    let end: number;
    while ((end = pending.indexOf("\n")) >= 0) {
      lines.push(JSON.parse(pending.slice(0, end)));
      pending = pending.slice(end + 1);
    }
  }
  const last = lines[lines.length - 1];
  expect(lines.length === 3 && last !== undefined && "summary" in last && last.summary.files === 2, "batch: two lines and a summary");

  // The report as Word with comments, and the batch as a spreadsheet.
  const asWord = await client.POST("/v1/checks", {
    body: docx,
    headers: { "Content-Type": "application/vnd.openxmlformats-officedocument.wordprocessingml.document", Accept: "application/vnd.openxmlformats-officedocument.wordprocessingml.document" },
    bodySerializer: (document) => document,
    parseAs: "blob",
  });
  const annotated = new Uint8Array(await (asWord.data ?? new Blob()).arrayBuffer());
  expect(annotated[0] === 0x50 && annotated[1] === 0x4b, "Word: a .docx (a zip) comes back");
  const sheet = await client.POST("/v1/checks/batch", {
    params: { query: { format: "xlsx" } },
    body: { file: [docx, pdf] },
    bodySerializer: () => batchForm([[docx, "zhuangshi.docx"], [pdf, "xixing.pdf"]]),
    parseAs: "blob",
  });
  expect(sheet.response.headers.get("content-type") === "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "spreadsheet");

  // The rules, and one rule.
  const rules = await client.GET("/v1/rules");
  expect((rules.data ?? []).some((rule) => rule.id === "part-missing"), "rules: part-missing listed");
  const rule = await client.GET("/v1/rules/{id}", { params: { path: { id: "part-missing" } } });
  expect(rule.data?.id === "part-missing", "one rule");

  // Two errors, read as problems.
  const invalid = await client.POST("/v1/checks", { body: { text: "报告", year: 1800 } });
  expect(invalid.response.status === 422 && invalid.error?.type === "/problems/validation-failed", "422 problem");
  const unknown = await client.GET("/v1/rules/{id}", { params: { path: { id: "no-such-rule" } } });
  expect(unknown.response.status === 404 && (unknown.error?.detail ?? "").length > 0, "404 problem");
  console.log("TypeScript client (openapi-typescript + openapi-fetch): every README call works");
}

await main();
