// Types for openapi-fetch from the service's OpenAPI document, with openapi-typescript's own
// Node API: its CLI types `format: binary` as a string, and a document is sent as a Blob. The
// binary answers (WordDocument, Spreadsheet) stay strings, as openapi-fetch reads them with
// `parseAs: "blob"`.
import { readFileSync, writeFileSync } from "node:fs";
import openapiTS, { astToString } from "openapi-typescript";
import ts from "typescript";

const [, , input, output] = process.argv;
const blob = ts.factory.createTypeReferenceNode(ts.factory.createIdentifier("Blob"));
const nullable = ts.factory.createUnionTypeNode([
  blob,
  ts.factory.createLiteralTypeNode(ts.factory.createNull()),
]);
const ast = await openapiTS(JSON.parse(readFileSync(input, "utf8")), {
  transform(schema, options) {
    if (schema.format === "binary" && !/WordDocument|Spreadsheet/.test(options.path ?? "")) {
      return schema.nullable ? nullable : blob;
    }
    return undefined;
  },
});
writeFileSync(output, astToString(ast));
