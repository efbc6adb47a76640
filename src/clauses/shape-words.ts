/**
 * What is wrong with the shape of a library file (a clause, templates/annex.yaml, templates/<language>.yaml),
 * said in the reader's language from the JSON Schema validator's errors: which key, on which line, what was
 * expected. The validator's own English sentences ("must have required property 'title'") are never shown.
 */
import type { ErrorObject } from "ajv";
import type { Messages } from "../i18n/messages.js";
import { printable } from "./library-files.js";

/** The line of the value at a path of the file, when the file was read with positions. */
export type LineOf = (path: readonly (string | number)[]) => number | undefined;

/** "/history/0/change" → ["history", 0, "change"]. */
function pathOf(pointer: string): (string | number)[] {
  if (pointer === "") return [];
  return pointer
    .slice(1)
    .split("/")
    .map((part) => part.replace(/~1/g, "/").replace(/~0/g, "~"))
    .map((part) => (/^(0|[1-9][0-9]*)$/.test(part) ? Number(part) : part));
}

/** ["history", 0, "change"] → "history[0].change", as a maintainer finds it in the file. */
export function keyPath(path: readonly (string | number)[]): string {
  let out = "";
  for (const part of path) out += typeof part === "number" ? `[${part}]` : out === "" ? printable(part) : `.${printable(part)}`;
  return out;
}

/** The patterns of the library schemas, each with the words that say what they accept. */
const PATTERNS: Readonly<Record<string, string>> = {
  "^[a-z][a-z0-9-]*$": "lower-id",
  "^[A-Z]+-[0-9]{2,3}$": "requirement-id",
  "^[a-z][A-Za-z0-9-]*$": "family-id",
  "^(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)$": "version",
  "^[a-zA-Z]+(\\.[a-zA-Z]+)*$": "answer-path",
  "^[a-z0-9][a-z0-9.-]*$": "style-id",
};

/** What one error says (missing keys are gathered by section in `shapeWords`, not here). */
function problemOf(error: ErrorObject, t: Messages): string | undefined {
  const p = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case "additionalProperties":
      return t("library.shape.unknown", { key: printable(String(p["additionalProperty"])) });
    case "propertyNames":
      return t("library.shape.key-name", { key: printable(String(p["propertyName"])) });
    case "type": {
      const expected = String(p["type"]).split(",").map((type) => (t.has(`library.shape.types.${type}`) ? t.dynamic(`library.shape.types.${type}`) : type));
      return t("library.shape.type", { expected: t.list(expected, "or") });
    }
    case "enum":
      return t("library.shape.enum", { values: t.list((p["allowedValues"] as unknown[]).map((v) => printable(String(v))), "or") });
    case "const":
      return t("library.shape.const", { value: printable(String(p["allowedValue"])) });
    case "pattern": {
      const pattern = String(p["pattern"]);
      const placeholder = /^\\\{([a-z]+)\\\}$/.exec(pattern);
      if (placeholder !== null) return t("library.shape.placeholder", { name: `{${placeholder[1]}}` });
      const form = PATTERNS[pattern];
      return form !== undefined ? t("library.shape.form", { form: t.dynamic(`library.shape.forms.${form}`) }) : t("library.shape.pattern", { pattern: printable(pattern) });
    }
    case "format":
      return t("library.shape.date");
    case "minItems":
      return t("library.shape.min-items", { limit: Number(p["limit"]) });
    case "maxItems":
      return t("library.shape.max-items", { limit: Number(p["limit"]) });
    case "minLength":
      return t("library.shape.min-length", { limit: Number(p["limit"]) });
    case "maxLength":
      return t("library.shape.max-length", { limit: Number(p["limit"]) });
    case "minimum":
    case "exclusiveMinimum":
      return t("library.shape.minimum", { limit: Number(p["limit"]) });
    case "maximum":
    case "exclusiveMaximum":
      return t("library.shape.maximum", { limit: Number(p["limit"]) });
    case "minProperties":
      return t("library.shape.min-properties", { limit: Number(p["limit"]) });
    case "maxProperties":
      return t("library.shape.max-properties", { limit: Number(p["limit"]) });
    case "uniqueItems":
      return t("library.shape.unique", { first: Number(p["j"]) + 1, second: Number(p["i"]) + 1 });
    case "not":
      return t("library.shape.not");
    case "if":
    case "allOf":
    case "oneOf":
    case "anyOf":
      // The branch's own errors say what is wrong; these only say that a branch failed.
      return undefined;
    default:
      return t("library.shape.other", { keyword: error.keyword });
  }
}

/** Each error of the validator as a sentence naming the key and its line, in the reader's language. */
export function shapeWords(errors: readonly ErrorObject[], t: Messages, lineOf?: LineOf): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  // An error inside one branch of a choice (oneOf, anyOf: a condition is one of several forms) says what that
  // form would need; where the value has a fault of its own (an unknown key), that fault alone is the news.
  const branch = (e: ErrorObject): boolean => /\/(oneOf|anyOf)\/\d+\//.test(e.schemaPath);
  const ownFault = new Set(errors.filter((e) => !branch(e) && !["oneOf", "anyOf", "if", "allOf"].includes(e.keyword)).map((e) => e.instancePath));
  const kept = errors.filter((e) => !(branch(e) && ownFault.has(e.instancePath)));
  // The keys missing from one section are named in one sentence; those of the forms of a choice as a choice.
  const missing = new Map<string, string[]>();
  for (const error of kept) {
    if (error.keyword !== "required") continue;
    const id = `${branch(error) ? "one" : "all"}${error.instancePath}`;
    const keys = missing.get(id) ?? [];
    const key = printable(String((error.params as Record<string, unknown>)["missingProperty"]));
    if (!keys.includes(key)) keys.push(key);
    missing.set(id, keys);
  }
  for (const error of kept) {
    const keys = error.keyword === "required" ? missing.get(`${branch(error) ? "one" : "all"}${error.instancePath}`) : undefined;
    const quotedKeys = keys?.map((key) => t("library.shape.quoted", { key })) ?? [];
    const problem =
      keys === undefined
        ? problemOf(error, t)
        : branch(error)
          ? t("library.shape.required-one", { keys: t.list(quotedKeys, "or"), count: keys.length })
          : t("library.shape.required", { keys: t.list(quotedKeys), count: keys.length });
    if (problem === undefined) continue;
    const path = pathOf(error.instancePath);
    // A key that is missing or unknown is placed on the section that holds it; its line is the section's.
    const keyed = error.keyword === "additionalProperties" ? [...path, String((error.params as Record<string, unknown>)["additionalProperty"])] : path;
    const line = lineOf?.(keyed) ?? lineOf?.(path);
    const key = keyPath(path);
    const sentence =
      key === ""
        ? line === undefined || error.keyword === "required"
          ? t("library.shape.top", { problem })
          : t("library.shape.top-line", { problem, line })
        : line === undefined
          ? t("library.shape.at", { key, problem })
          : t("library.shape.at-line", { key, line, problem });
    if (!seen.has(sentence)) out.push(sentence);
    seen.add(sentence);
  }
  return out;
}
