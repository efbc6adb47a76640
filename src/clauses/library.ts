/**
 * The clause library: one YAML file per clause in clauses/, the annex structure in templates/annex.yaml
 * and the annex's own words in templates/<language>.yaml. Loaded and checked once per process; a faulty
 * library is refused as a whole, with every problem named by file.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import { parse as parseYaml } from "yaml";
import type { Language } from "../answers/model.js";
import { CLAUSES_DIR, PACKAGE_ROOT, schemaFile, TEMPLATES_DIR } from "../paths.js";
import { templateProblems } from "./template-check.js";
import { fieldSchema } from "../validation/schema.js";

export type Localised = Readonly<Record<Language, string>>;

export type Condition =
  | { readonly answer: string; readonly is: string | boolean | number }
  | { readonly answer: string; readonly in: readonly (string | boolean | number)[] }
  | { readonly answer: string; readonly notEmpty: true }
  | { readonly all: readonly Condition[] }
  | { readonly any: readonly Condition[] }
  | { readonly not: Condition }
  | { readonly hasRequirements: boolean };

export type ClauseTable = "components" | "response" | "acceptance";

export interface Clause {
  readonly id: string;
  readonly requirement?: string;
  readonly title: Localised;
  readonly version: string;
  readonly status: "draft" | "in-review" | "approved" | "retired";
  readonly part: string;
  readonly order: number;
  readonly when?: Condition;
  readonly sources: readonly string[];
  readonly table?: ClauseTable;
  readonly evidence?: { readonly tender: Localised; readonly acceptance: Localised };
  readonly text: Localised;
  /** Where the clause was read from, relative to the package root when inside it. */
  readonly file: string;
}

export interface AnnexTemplate {
  readonly title: Localised;
  readonly parts: readonly { readonly id: string; readonly title: Localised }[];
}

export interface AnnexWords {
  readonly language: Language;
  readonly titleBlock: Readonly<Record<"buyer" | "tender" | "reference" | "lot" | "issueDate", string>>;
  readonly header: string;
  readonly footer: { readonly page: string; readonly of: string };
  readonly heading: string;
  readonly properties: { readonly subject: string; readonly keywords: string };
  readonly tables: Readonly<Record<ClauseTable, { readonly caption: string; readonly headers: readonly string[] }>> & {
    readonly empty: string;
  };
  readonly words: { readonly and: string; readonly or: string };
  readonly terms: Readonly<Record<string, string>>;
}

export interface ClauseLibrary {
  readonly clauses: readonly Clause[];
  readonly template: AnnexTemplate;
  readonly words: Readonly<Record<Language, AnnexWords>>;
}

export class LibraryError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`The clause library has ${problems.length} problem${problems.length === 1 ? "" : "s"}:\n${problems.map((p) => `  ${p}`).join("\n")}`);
    this.name = "LibraryError";
  }
}

function readYaml(file: string): unknown {
  return parseYaml(readFileSync(file, "utf8"), { uniqueKeys: true, maxAliasCount: 0, prettyErrors: true });
}

function shown(file: string): string {
  const rel = relative(PACKAGE_ROOT, file);
  return rel.startsWith("..") ? file : rel;
}

let clauseValidator: ReturnType<Ajv2020["compile"]> | undefined;
function validateClauseShape(data: unknown): string[] {
  if (clauseValidator === undefined) {
    const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true });
    clauseValidator = ajv.compile(JSON.parse(readFileSync(schemaFile("clause.schema.json"), "utf8")) as object);
  }
  if (clauseValidator(data)) return [];
  return (clauseValidator.errors ?? [])
    .filter((e) => e.keyword !== "if" && e.keyword !== "oneOf")
    .map((e) => `${e.instancePath || "(top)"} ${e.message ?? "is invalid"}${e.params && "additionalProperty" in e.params ? ` (${String(e.params["additionalProperty"])})` : ""}`);
}

/** Every answer a condition names must exist in the answers schema. */
function conditionProblems(condition: Condition | undefined): string[] {
  if (condition === undefined) return [];
  if ("all" in condition) return condition.all.flatMap(conditionProblems);
  if ("any" in condition) return condition.any.flatMap(conditionProblems);
  if ("not" in condition) return conditionProblems(condition.not);
  if ("answer" in condition && fieldSchema(condition.answer.split(".")) === undefined) {
    return [`"${condition.answer}" is not an answer of the answers schema`];
  }
  return [];
}

export function loadLibrary(clausesDir: string = CLAUSES_DIR, templatesDir: string = TEMPLATES_DIR): ClauseLibrary {
  const problems: string[] = [];
  const clauses: Clause[] = [];
  const files = readdirSync(clausesDir)
    .filter((f) => f.endsWith(".yaml"))
    .sort();
  for (const name of files) {
    const file = join(clausesDir, name);
    let data: unknown;
    try {
      data = readYaml(file);
    } catch (e) {
      problems.push(`${shown(file)}: cannot be read: ${(e as Error).message.split("\n")[0]}`);
      continue;
    }
    const shape = validateClauseShape(data);
    if (shape.length > 0) {
      problems.push(...shape.map((p) => `${shown(file)}: ${p}`));
      continue;
    }
    const clause = { ...(data as Omit<Clause, "file">), file: shown(file) };
    if (`${clause.id}.yaml` !== name) problems.push(`${shown(file)}: the file name must be the clause id (${clause.id}.yaml)`);
    for (const lang of ["en", "fr"] as const) {
      const templates: [string, string | undefined][] = [
        [`text.${lang}`, clause.text[lang]],
        [`evidence.tender.${lang}`, clause.evidence?.tender[lang]],
        [`evidence.acceptance.${lang}`, clause.evidence?.acceptance[lang]],
      ];
      for (const [where, source] of templates) {
        if (source === undefined) continue;
        problems.push(...templateProblems(source).map((p) => `${shown(file)}: ${where}: ${p}`));
      }
    }
    problems.push(...conditionProblems(clause.when).map((p) => `${shown(file)}: when: ${p}`));
    clauses.push(clause);
  }

  const template = readYaml(join(templatesDir, "annex.yaml")) as AnnexTemplate;
  const words = {
    en: readYaml(join(templatesDir, "en.yaml")) as AnnexWords,
    fr: readYaml(join(templatesDir, "fr.yaml")) as AnnexWords,
  };
  const parts = new Set(template.parts.map((p) => p.id));
  const ids = new Map<string, string>();
  const requirements = new Map<string, string>();
  for (const c of clauses) {
    if (!parts.has(c.part)) problems.push(`${c.file}: part "${c.part}" is not a part of templates/annex.yaml (${[...parts].join(", ")})`);
    const sameId = ids.get(c.id);
    if (sameId !== undefined) problems.push(`${c.file}: clause id "${c.id}" is also used by ${sameId}`);
    ids.set(c.id, c.file);
    if (c.requirement !== undefined) {
      const same = requirements.get(c.requirement);
      if (same !== undefined) problems.push(`${c.file}: requirement ${c.requirement} is also used by ${same}`);
      requirements.set(c.requirement, c.file);
    }
  }
  if (problems.length > 0) throw new LibraryError(problems);
  const sorted = [...clauses].sort(
    (a, b) => template.parts.findIndex((p) => p.id === a.part) - template.parts.findIndex((p) => p.id === b.part) || a.order - b.order || a.id.localeCompare(b.id),
  );
  return { clauses: sorted, template, words };
}

let builtIn: ClauseLibrary | undefined;
/** The library shipped with Clausier, loaded once per process. */
export function builtInLibrary(): ClauseLibrary {
  builtIn ??= loadLibrary();
  return builtIn;
}
