/**
 * The clause library: one YAML file per clause in clauses/, the annex structure in templates/annex.yaml
 * and the annex's own words in templates/<language>.yaml. An organisation may overlay its own library
 * folder (same layout): a clause with the same id replaces the built-in one, new clauses are added, and a
 * template file replaces the built-in file of the same name. A faulty library is refused as a whole, with
 * every problem named by file.
 */
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import type { ValidateFunction } from "ajv/dist/2020.js";
import type { Language } from "../answers/model.js";
import { GENERATED_DIR, PACKAGE_ROOT } from "../paths.js";
import { ajv2020, ajvFormats, fieldSchema, resolvedField, schemaValidator, type SchemaNode } from "../validation/schema.js";
import { families, familyById } from "../families/index.js";
import { messages, type Messages } from "../i18n/messages.js";
import { checkTemplate } from "./template-check.js";
import { shapeWords, type LineOf } from "./shape-words.js";
import { present, printable, readLibraryYaml, yamlFiles } from "./library-files.js";
import { describeForbiddenCharacter, findForbiddenCharacter } from "../answers/text.js";
import { frenchTypography } from "../rendering/typography.js";
import { LibraryError, type LibraryFinding } from "../errors.js";

export { LibraryError, type LibraryFinding };

export type Localised = Readonly<Record<Language, string>>;

export type Condition =
  | { readonly answer: string; readonly is: string | boolean | number }
  | { readonly answer: string; readonly in: readonly (string | boolean | number)[] }
  | { readonly answer: string; readonly notEmpty: true }
  | { readonly all: readonly Condition[] }
  | { readonly any: readonly Condition[] }
  | { readonly not: Condition }
  | { readonly hasRequirements: boolean };

export type ClauseTable = "components" | "response" | "acceptance" | "rows";
/** How a requirement binds (the bidder response table says it): see schemas/clause.schema.json. */
export type RequirementNature = "mandatory" | "scored" | "performance" | "information";

/** A table written in the clause file itself (table: rows). */
export interface ClauseRows {
  readonly caption: Localised;
  readonly headers: Readonly<Record<Language, readonly string[]>>;
  /** Percent of the table's width, per column; they add up to 100. */
  readonly widths: readonly number[];
  readonly items: readonly ({ readonly when?: Condition } & Readonly<Record<Language, readonly string[]>>)[];
}
export type ClauseStatus = "draft" | "in-review" | "approved" | "retired";
export const CLAUSE_STATUSES: readonly ClauseStatus[] = ["draft", "in-review", "approved", "retired"];

/**
 * What a version of a clause changed: a sentence in each language (the built-in library's lines), or a single
 * sentence for an organisation's library written in one language, shown as it is whatever the language.
 */
export type HistoryChange = string | Localised;
export interface HistoryEntry {
  readonly version: string;
  readonly date: string;
  readonly change: HistoryChange;
}

/**
 * The sentence of a history line in a language: the line itself when it is written in one language only, else
 * its own sentence in that language, in French with French typography, as the clause texts get it.
 */
export function changeText(change: HistoryChange, language: Language): string {
  if (typeof change === "string") return change;
  return language === "fr" ? frenchTypography(change.fr) : change[language];
}

export interface Clause {
  readonly id: string;
  readonly requirement?: string;
  /** The requirement family the clause belongs to (src/families/). */
  readonly family?: string;
  readonly title: Localised;
  readonly version: string;
  readonly status: ClauseStatus;
  readonly owner: string;
  readonly reviewer: string;
  readonly reviewDate: string;
  readonly reviewIntervalMonths: number;
  /** Newest first: the first entry is the current version. */
  readonly history: readonly HistoryEntry[];
  readonly part: string;
  readonly order: number;
  readonly when?: Condition;
  readonly sources: readonly string[];
  readonly table?: ClauseTable;
  readonly rows?: ClauseRows;
  /** For a requirement: how it binds, or how for which answers (the first entry whose condition holds). Default mandatory. */
  readonly nature?: RequirementNature | readonly { readonly when?: Condition; readonly is: RequirementNature }[];
  readonly evidence?: { readonly tender: Localised; readonly acceptance: Localised };
  readonly text: Localised;
  /** Where the clause was read from, relative to the package root when inside it. */
  readonly file: string;
  /** Whether it comes from an organisation's overlay rather than the built-in library. */
  readonly overlay: boolean;
}

export interface AnnexTemplate {
  readonly title: Localised;
  readonly parts: readonly { readonly id: string; readonly title: Localised }[];
}

export interface AnnexWords {
  readonly language: Language;
  readonly titleBlock: Readonly<Record<"buyer" | "tender" | "reference" | "lot" | "issueDate", string>>;
  readonly header: string;
  readonly draft: string;
  readonly footer: { readonly page: string; readonly of: string };
  readonly heading: string;
  readonly properties: { readonly subject: string; readonly keywords: string };
  readonly tables: Readonly<Record<Exclude<ClauseTable, "rows"> | "traceability", { readonly caption: string; readonly headers: readonly string[] }>> & {
    readonly empty: string;
    /** "Table {number} – {caption}". */
    readonly numbered: string;
  };
  readonly traceability: { readonly heading: string; readonly digest: string };
  readonly words: { readonly and: string; readonly or: string };
  /** How each nature of requirement is named in the bidder response table. */
  readonly natures: Readonly<Record<RequirementNature, string>>;
  readonly terms: Readonly<Record<string, string>>;
}

export interface ClauseLibrary {
  readonly clauses: readonly Clause[];
  readonly template: AnnexTemplate;
  readonly words: Readonly<Record<Language, AnnexWords>>;
  /** The folders it was read from, built-in first. */
  readonly roots: readonly string[];
}



function shown(file: string): string {
  const rel = relative(PACKAGE_ROOT, file);
  return printable(rel.startsWith("..") ? file : rel);
}

const SHAPE_OPTIONS = { allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true } as const;
const validators = new Map<string, ValidateFunction>();
/** A library file checked against its JSON Schema: a clause, templates/annex.yaml, templates/<language>.yaml. */
function shapeProblems(schema: "clause" | "annex" | "words", data: unknown, t: Messages, lineOf?: LineOf): string[] {
  let validate = validators.get(schema);
  if (validate === undefined) {
    validate = schemaValidator(`${schema}.schema.json`, `${schema}-validator.cjs`, (json) => {
      const ajv = new (ajv2020().Ajv2020)(SHAPE_OPTIONS);
      ajvFormats().default(ajv, ["date"]);
      return ajv.compile(json);
    }).validate;
    validators.set(schema, validate);
  }
  if (validate(data)) return [];
  return shapeWords(validate.errors ?? [], t, lineOf);
}

/** The keys of a clause that hold templates: their characters are checked line by line with the template. */
const TEMPLATE_KEY = /^(text|evidence\.(tender|acceptance))\.(en|fr)$/;

/** Every text of a library file (except its templates), checked for characters that cannot be printed. */
function textProblems(value: unknown, path: string, t: Messages, out: string[] = []): string[] {
  if (typeof value === "string") {
    if (TEMPLATE_KEY.test(path)) return out;
    const found = findForbiddenCharacter(value);
    if (found !== undefined) out.push(t("library.checks.text-character", { key: path, problem: describeForbiddenCharacter(found, t).message }));
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => textProblems(item, `${path}[${i}]`, t, out));
  } else if (value !== null && typeof value === "object") {
    for (const [key, item] of Object.entries(value)) textProblems(item, path === "" ? key : `${path}.${key}`, t, out);
  }
  return out;
}

/** The values a condition compares answers with (`is`, `in`). */
function conditionValues(condition: Condition | undefined): { answer: string; value: unknown }[] {
  if (condition === undefined) return [];
  if ("all" in condition) return condition.all.flatMap(conditionValues);
  if ("any" in condition) return condition.any.flatMap(conditionValues);
  if ("not" in condition) return conditionValues(condition.not);
  if ("answer" in condition && "is" in condition) return [{ answer: condition.answer, value: condition.is }];
  if ("answer" in condition && "in" in condition) return condition.in.map((value) => ({ answer: condition.answer, value }));
  return [];
}

/** Whether an answer can ever have this value: a condition that compares with another is always false. */
function possible(field: SchemaNode, value: unknown): boolean {
  if (field.enum !== undefined) return field.enum.includes(value);
  if (field.const !== undefined) return field.const === value;
  switch (field.type) {
    case "boolean":
      return typeof value === "boolean";
    case "integer":
      return Number.isInteger(value);
    case "number":
      return typeof value === "number";
    case "string":
      return typeof value === "string";
    default:
      return false; // a list or a section is never equal to a value
  }
}

/** Every answer a condition names must exist in the answers schema. */
export function conditionAnswers(condition: Condition | undefined): string[] {
  if (condition === undefined) return [];
  if ("all" in condition) return condition.all.flatMap(conditionAnswers);
  if ("any" in condition) return condition.any.flatMap(conditionAnswers);
  if ("not" in condition) return conditionAnswers(condition.not);
  if ("answer" in condition) return [condition.answer];
  return [];
}

function checkClause(file: string, name: string, data: unknown, findings: LibraryFinding[], t: Messages, lineOf?: LineOf): Clause | undefined {
  const where = shown(file);
  const error = (message: string): void => void findings.push({ severity: "error", file: where, message });
  const shape = shapeProblems("clause", data, t, lineOf);
  if (shape.length > 0) {
    shape.forEach(error);
    return undefined;
  }
  const clause = { ...(data as Omit<Clause, "file" | "overlay">), file: where, overlay: false };
  textProblems(data, "", t).forEach(error);
  if (`${clause.id}.yaml` !== name) error(t("library.file-name", { id: clause.id }));
  if (clause.family !== undefined && familyById(clause.family) === undefined) {
    error(t("library.unknown-family", { family: clause.family, families: families().filter((f) => f.optional).map((f) => f.id).join(", ") }));
  }
  const conditions = [clause.when, ...(clause.rows?.items ?? []).map((row) => row.when), ...(Array.isArray(clause.nature) ? clause.nature.map((n) => n.when) : [])];
  for (const answer of conditions.flatMap(conditionAnswers)) {
    if (fieldSchema(answer.split(".")) === undefined) error(t("library.condition-unknown-answer", { answer }));
  }
  if (clause.rows !== undefined) {
    const columns = clause.rows.widths.length;
    const total = clause.rows.widths.reduce((a, b) => a + b, 0);
    if (total !== 100) error(t("library.rows.widths", { total }));
    for (const lang of ["en", "fr"] as const) {
      if (clause.rows.headers[lang].length !== columns) error(t("library.rows.headers", { language: lang, count: clause.rows.headers[lang].length, columns }));
      clause.rows.items.forEach((row, i) => {
        if (row[lang].length !== columns) error(t("library.rows.cells", { row: i + 1, language: lang, count: row[lang].length, columns }));
      });
    }
  }
  if (clause.nature !== undefined && clause.requirement === undefined) error(t("library.nature-without-requirement"));
  for (const { answer, value } of conditions.flatMap(conditionValues)) {
    const field = fieldSchema(answer.split(".")) === undefined ? undefined : resolvedField(answer.split("."));
    if (field === undefined || possible(field, value)) continue;
    const type = field.enum !== undefined ? "choice" : field.type === "integer" ? "number" : (field.type ?? "other");
    error(t("library.checks.condition-value", { answer, value: JSON.stringify(value), type, choices: (field.enum ?? []).map(String).join(", ") }));
  }
  if (clause.status === "retired" && clause.when !== undefined) {
    error(t("library.retired-with-condition"));
  }
  if (clause.history[0]?.version !== clause.version) {
    error(t("library.history-version", { newest: clause.history[0]?.version ?? "—", version: clause.version }));
  }
  return clause;
}

/**
 * A clause's templates, in both languages, checked so that no answers can make them fail (template-check.ts),
 * and every value they word with `term` checked against the wording of its language.
 */
function checkClauseTemplates(clause: Clause, words: Partial<Record<Language, AnnexWords>>, findings: LibraryFinding[], t: Messages): void {
  const error = (message: string): void => void findings.push({ severity: "error", file: clause.file, message });
  const context = { requirement: clause.requirement, when: clause.when };
  for (const lang of ["en", "fr"] as const) {
    const templates: [string, string | undefined][] = [
      [`text.${lang}`, clause.text[lang]],
      [`evidence.tender.${lang}`, clause.evidence?.tender[lang]],
      [`evidence.acceptance.${lang}`, clause.evidence?.acceptance[lang]],
    ];
    for (const [key, source] of templates) {
      if (source === undefined) continue;
      const { problems, terms } = checkTemplate(source, context, t);
      for (const p of problems) error(`${key}: ${p}`);
      const wording = words[lang]?.terms;
      if (wording === undefined) continue;
      for (const term of terms) {
        if (!Object.hasOwn(wording, term.key)) error(`${key}: ${t("library.checks.term-missing", { key: term.key, line: term.line, language: lang })}`);
      }
    }
  }
}

/** The library roots: Clausier's own folder, then the organisation's overlay if any. */
export function libraryRoots(overlay?: string): string[] {
  return overlay === undefined ? [PACKAGE_ROOT] : [PACKAGE_ROOT, resolve(overlay)];
}

/** Reads and checks a library made of `roots` (later roots override earlier ones). Never throws for content problems. */
export function checkLibrary(roots: readonly string[], t: Messages = messages("en")): { library?: ClauseLibrary; findings: LibraryFinding[] } {
  const findings: LibraryFinding[] = [];
  const byId = new Map<string, Clause>();
  const templateFiles: Record<"annex" | "en" | "fr", { file: string; root: string } | undefined> = { annex: undefined, en: undefined, fr: undefined };
  const refuse = (file: string, messages: readonly string[]): void => {
    for (const message of messages) findings.push({ severity: "error", file: shown(file), message });
  };

  roots.forEach((root, index) => {
    const overlay = index > 0;
    const clausesDir = join(root, "clauses");
    const templatesDir = join(root, "templates");
    if (overlay) {
      let folder = false;
      try {
        folder = statSync(root).isDirectory();
      } catch {
        folder = false;
      }
      if (!folder) {
        findings.push({ severity: "error", file: shown(root), message: t("library.folder-missing") });
        return;
      }
      if (!present(clausesDir) && !present(templatesDir)) {
        findings.push({ severity: "error", file: shown(root), message: t("library.folder-empty") });
        return;
      }
    }
    if (present(clausesDir)) {
      const { names, problems } = yamlFiles(clausesDir, t);
      for (const p of problems) refuse(p.name !== undefined ? join(clausesDir, p.name) : clausesDir, [p.message]);
      for (const name of names) {
        const file = join(clausesDir, name);
        const read = readLibraryYaml(root, file, t);
        if (!read.ok) {
          refuse(file, read.problems);
          continue;
        }
        const clause = checkClause(file, name, read.data, findings, t, read.lineOf);
        if (clause) byId.set(clause.id, { ...clause, overlay });
      }
    }
    if (present(templatesDir)) {
      const { problems } = yamlFiles(templatesDir, t);
      for (const p of problems) refuse(p.name !== undefined ? join(templatesDir, p.name) : templatesDir, [p.message]);
      for (const key of ["annex", "en", "fr"] as const) {
        const file = join(templatesDir, `${key}.yaml`);
        if (present(file)) templateFiles[key] = { file, root };
      }
    }
  });

  const read = <T>(key: "annex" | "en" | "fr"): T | undefined => {
    const found = templateFiles[key];
    if (found === undefined) {
      findings.push({ severity: "error", file: `templates/${key}.yaml`, message: t("library.template-missing") });
      return undefined;
    }
    const result = readLibraryYaml(found.root, found.file, t);
    if (!result.ok) {
      refuse(found.file, result.problems);
      return undefined;
    }
    const problems = [...shapeProblems(key === "annex" ? "annex" : "words", result.data, t, result.lineOf)];
    if (problems.length === 0) {
      problems.push(...textProblems(result.data, "", t));
      if (key !== "annex" && (result.data as AnnexWords).language !== key) problems.push(t("library.checks.language", { expected: key, value: String((result.data as AnnexWords).language) }));
      if (key === "annex") {
        const ids = new Set<string>();
        for (const part of (result.data as AnnexTemplate).parts) {
          if (ids.has(part.id)) problems.push(t("library.checks.duplicate-part", { part: part.id }));
          ids.add(part.id);
        }
      }
    }
    refuse(found.file, problems);
    return problems.length === 0 ? (result.data as T) : undefined;
  };
  const template = read<AnnexTemplate>("annex");
  const en = read<AnnexWords>("en");
  const fr = read<AnnexWords>("fr");

  const clauses = [...byId.values()];
  for (const c of clauses) checkClauseTemplates(c, { ...(en ? { en } : {}), ...(fr ? { fr } : {}) }, findings, t);
  if (template !== undefined) {
    const parts = new Set(template.parts.map((p) => p.id));
    for (const c of clauses) {
      if (!parts.has(c.part)) findings.push({ severity: "error", file: c.file, message: t("library.unknown-part", { part: c.part, parts: [...parts].join(", ") }) });
    }
  }
  const requirements = new Map<string, string>();
  for (const c of clauses) {
    if (c.requirement === undefined || c.status === "retired") continue;
    const same = requirements.get(c.requirement);
    if (same !== undefined) findings.push({ severity: "error", file: c.file, message: t("library.duplicate-requirement", { requirement: c.requirement, file: same }) });
    requirements.set(c.requirement, c.file);
  }

  if (findings.some((f) => f.severity === "error") || template === undefined || en === undefined || fr === undefined) return { findings };
  const position = (c: Clause): number => template.parts.findIndex((p) => p.id === c.part);
  const sorted = clauses.sort((a, b) => position(a) - position(b) || a.order - b.order || a.id.localeCompare(b.id));
  return { library: { clauses: sorted, template, words: { en, fr }, roots: [...roots] }, findings };
}

/**
 * Whether the built-in library is sound on its own (it is checked when Clausier is built, and its checked copy
 * is current): then any problem of a library with an overlay is the overlay's, to be fixed by its owner.
 */
function builtInSound(): boolean {
  return prebuiltLibrary() !== undefined || checkLibrary([PACKAGE_ROOT]).library !== undefined;
}

export function loadLibrary(roots: readonly string[] = [PACKAGE_ROOT], t: Messages = messages("en")): ClauseLibrary {
  const { library, findings } = checkLibrary(roots, t);
  if (library === undefined) {
    const errors = findings.filter((f) => f.severity === "error");
    throw new LibraryError(errors, roots.length > 1 && builtInSound());
  }
  return library;
}

/** SHA-256 over the built-in library's files (names and contents), to know whether the build-time copy is current. */
export function builtInLibraryHash(): string {
  const hash = createHash("sha256");
  for (const folder of ["clauses", "templates"]) {
    const dir = join(PACKAGE_ROOT, folder);
    for (const name of readdirSync(dir).filter((f) => f.endsWith(".yaml")).sort()) {
      hash.update(`${folder}/${name}\u0000`).update(readFileSync(join(dir, name))).update("\u0000");
    }
  }
  return hash.digest("hex");
}

/** The built-in library as read and checked at build time (scripts/compile.mjs), if it is current. */
function prebuiltLibrary(): ClauseLibrary | undefined {
  const file = join(GENERATED_DIR, "library.json");
  if (!existsSync(file)) return undefined;
  const cached = JSON.parse(readFileSync(file, "utf8")) as { hash: string; library: ClauseLibrary };
  if (cached.hash !== builtInLibraryHash()) return undefined;
  return { ...cached.library, roots: [PACKAGE_ROOT] };
}

const cache = new Map<string, ClauseLibrary>();
/** The library shipped with Clausier, with an organisation's overlay if given; loaded once per process. */
export function clauseLibrary(overlay?: string, t?: Messages): ClauseLibrary {
  const roots = libraryRoots(overlay);
  const key = roots.join("\u0000");
  let library = cache.get(key);
  if (library === undefined) {
    library = (overlay === undefined ? prebuiltLibrary() : undefined) ?? loadLibrary(roots, t);
    cache.set(key, library);
  }
  return library;
}

export function builtInLibrary(): ClauseLibrary {
  return clauseLibrary();
}
