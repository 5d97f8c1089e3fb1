// Validates documents against the PCDS schemas with ajv in strict mode.
//
// Usage: node ajv-check.mjs SCHEMA_DIR CASES_FILE
// CASES_FILE is JSON: [{"name": …, "schema": "release-package-schema.json", "document": …}].
// Prints JSON: {"compiled": [schema file names], "results": {name: {"valid": bool, "errors": […]}}}.
// Compiling a schema that strict mode rejects exits with status 1 and the reason.

import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";

const [schemaDir, casesFile] = process.argv.slice(2);
// Strict mode, with the two annotation keywords PCDS documents registered.
const ajv = new Ajv2020({ strict: true, allErrors: true });
addFormats(ajv);
ajv.addKeyword({ keyword: "codelist", schemaType: "string" });
ajv.addKeyword({ keyword: "openCodelist", schemaType: "boolean" });

const validators = {};
for (const file of readdirSync(schemaDir).filter((f) => f.endsWith(".json")).sort()) {
  const schema = JSON.parse(readFileSync(join(schemaDir, file), "utf8"));
  validators[file] = ajv.compile(schema);
}
const results = {};
for (const item of JSON.parse(readFileSync(casesFile, "utf8"))) {
  const validate = validators[item.schema];
  const valid = validate(item.document);
  results[item.name] = {
    valid,
    errors: (validate.errors || []).slice(0, 3).map((e) => `${e.instancePath} ${e.message}`),
  };
}
process.stdout.write(JSON.stringify({ compiled: Object.keys(validators), results }));
