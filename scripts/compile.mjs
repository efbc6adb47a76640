// Run by `npm run build` (and `npm ci`, through `prepare`) after tsc: work done once at build time rather
// than at every start of the command line.
//  - generated/answers-validator.cjs, clause-validator.cjs, annex-validator.cjs and words-validator.cjs: the
//    JSON Schemas of answers, clauses and the annex's template files compiled by ajv
//    into standalone validation code (compiling them at start-up costs hundreds of milliseconds);
//  - generated/library.json: the built-in clause library, read and checked;
//  - generated/licence-classes.json: data/licence-classes.yaml as JSON.
// Each file records the SHA-256 of its sources; Clausier falls back to the slow path when they differ, so a
// stale file can cost time but never give a wrong result.
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { _ } from "ajv";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import standaloneCode from "ajv/dist/standalone/index.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const out = join(root, "generated");
mkdirSync(out, { recursive: true });

function compileValidator(schemaName, target, formats, options) {
  const text = readFileSync(join(root, "schemas", schemaName), "utf8");
  const ajv = new Ajv2020({
    ...options,
    code: { source: true, formats: _`require("ajv-formats/dist/formats").fullFormats` },
  });
  addFormats.default(ajv, formats);
  const validate = ajv.compile(JSON.parse(text));
  const code = standaloneCode.default(ajv, validate);
  const hash = createHash("sha256").update(text).digest("hex");
  writeFileSync(join(out, target), `${code}\nmodule.exports.schemaHash = ${JSON.stringify(hash)};\n`);
}

compileValidator("answers.schema.json", "answers-validator.cjs", ["date", "uri"], { allErrors: true, strict: true, strictRequired: false, verbose: true });
compileValidator("clause.schema.json", "clause-validator.cjs", ["date"], { allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true });
compileValidator("annex.schema.json", "annex-validator.cjs", ["date"], { allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true });
compileValidator("words.schema.json", "words-validator.cjs", ["date"], { allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true });

// The licence class table, read from YAML once.
{
  const { parse } = await import("yaml");
  const text = readFileSync(join(root, "data", "licence-classes.yaml"), "utf8");
  const hash = createHash("sha256").update(text).digest("hex");
  writeFileSync(join(out, "licence-classes.json"), JSON.stringify({ hash, licences: parse(text).licences }));
}

const { builtInLibraryHash, checkLibrary, libraryRoots } = await import("../dist/src/clauses/library.js");
const { library, findings } = checkLibrary(libraryRoots());
if (library === undefined) {
  console.error(findings.map((f) => `${f.file}: ${f.message}`).join("\n"));
  process.exit(1);
}
writeFileSync(join(out, "library.json"), JSON.stringify({ hash: builtInLibraryHash(), library: { ...library, roots: [] } }));

// The built-in clause templates, precompiled by Handlebars with the options and typography the run-time
// fallback uses (src/rendering/helpers.ts), keyed by language and source: Clausier then loads only
// Handlebars' small runtime. A template whose source changed since is simply not found, and compiled then.
{
  const { default: Handlebars } = await import("handlebars");
  const { COMPILE_OPTIONS, templateAst, templateKey } = await import("../dist/src/rendering/helpers.js");
  const sha1 = (text) => createHash("sha1").update(text).digest("hex");
  const specs = new Map();
  for (const clause of library.clauses) {
    for (const language of ["en", "fr"]) {
      for (const source of [clause.text[language], clause.evidence?.tender[language], clause.evidence?.acceptance[language]]) {
        if (source === undefined) continue;
        const ast = templateAst((text) => Handlebars.parse(text), source, language);
        specs.set(templateKey(language, source, sha1), Handlebars.precompile(ast, COMPILE_OPTIONS));
      }
    }
  }
  const body = [...specs].map(([key, spec]) => `  ${JSON.stringify(key)}: ${spec}`).join(",\n");
  writeFileSync(join(out, "templates.cjs"), `"use strict";\n// Precompiled by scripts/compile.mjs from clauses/*.yaml. Do not edit.\nmodule.exports = {\n${body}\n};\n`);
}

