/** The interview's words: question titles and help from the answers schema (English) or templates/interview.yaml (French). */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse as parseYaml } from "yaml";
import type { Language } from "../answers/model.js";
import { TEMPLATES_DIR } from "../paths.js";
import { fieldSchema } from "../validation/schema.js";

export interface InterviewWords {
  readonly [key: string]: string | InterviewWords;
}

interface InterviewFile {
  readonly fields: { readonly fr: Readonly<Record<string, { title: string; description: string }>> };
  readonly words: Readonly<Record<Language, InterviewWords>>;
  readonly foundations: readonly string[];
}

let file: InterviewFile | undefined;
export function interviewFile(): InterviewFile {
  file ??= parseYaml(readFileSync(join(TEMPLATES_DIR, "interview.yaml"), "utf8")) as InterviewFile;
  return file;
}

/** "components[].license" for ["components", 0, "license"]. */
export function schemaKey(path: readonly (string | number)[]): string {
  return path.map((p) => (typeof p === "number" ? "[]" : p)).join(".").replace(/\.\[\]/g, "[]");
}

/** A question's title and help for an answer of the schema, in the interview's language. */
export function field(path: readonly (string | number)[], language: Language): { title: string; help: string } {
  if (language === "fr") {
    // An item of a list of texts (a need, a foundation) is asked with the list's words.
    const key = typeof path[path.length - 1] === "number" ? schemaKey(path.slice(0, -1)) : schemaKey(path);
    const fr = interviewFile().fields.fr[key];
    if (fr) return { title: fr.title, help: fr.description };
  }
  const node = fieldSchema(path);
  return { title: node?.title ?? schemaKey(path), help: node?.description ?? "" };
}

/** A word of the interview: `word("fr", "family", "components", "name")`. */
export function word(language: Language, ...keys: string[]): string {
  let cursor: string | InterviewWords | undefined = interviewFile().words[language];
  for (const key of keys) cursor = typeof cursor === "object" ? cursor[key] : undefined;
  if (typeof cursor !== "string") throw new Error(`templates/interview.yaml: no ${language} words for ${keys.join(".")}`);
  return cursor;
}
