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
import { lazyRequire } from "../lazy.js";
import type { Language } from "../answers/model.js";
import { GENERATED_DIR, PACKAGE_ROOT } from "../paths.js";
import { ajv2020, ajvFormats, fieldSchema, schemaValidator } from "../validation/schema.js";
import { families, familyById } from "../families/index.js";
import { messages, type Messages } from "../i18n/messages.js";
import { templateProblems } from "./template-check.js";
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

export type ClauseTable = "components" | "response" | "acceptance";
export type ClauseStatus = "draft" | "in-review" | "approved" | "retired";
export const CLAUSE_STATUSES: readonly ClauseStatus[] = ["draft", "in-review", "approved", "retired"];

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
  readonly history: readonly { readonly version: string; readonly date: string; readonly change: string }[];
  readonly part: string;
  readonly order: number;
  readonly when?: Condition;
  readonly sources: readonly string[];
  readonly table?: ClauseTable;
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
  readonly tables: Readonly<Record<ClauseTable | "traceability", { readonly caption: string; readonly headers: readonly string[] }>> & {
    readonly empty: string;
    /** "Table {number} – {caption}". */
    readonly numbered: string;
  };
  readonly traceability: { readonly heading: string; readonly digest: string };
  readonly words: { readonly and: string; readonly or: string };
  readonly terms: Readonly<Record<string, string>>;
}

export interface ClauseLibrary {
  readonly clauses: readonly Clause[];
  readonly template: AnnexTemplate;
  readonly words: Readonly<Record<Language, AnnexWords>>;
  /** The folders it was read from, built-in first. */
  readonly roots: readonly string[];
}



const yaml = lazyRequire<typeof import("yaml")>("yaml");

function readYaml(file: string): unknown {
  return yaml().parse(readFileSync(file, "utf8"), { uniqueKeys: true, maxAliasCount: 0, prettyErrors: true });
}

function shown(file: string): string {
  const rel = relative(PACKAGE_ROOT, file);
  return rel.startsWith("..") ? file : rel;
}

let clauseValidator: ValidateFunction | undefined;
function validateClauseShape(data: unknown): string[] {
  clauseValidator ??= schemaValidator("clause.schema.json", "clause-validator.cjs", (schema) => {
    const ajv = new (ajv2020().Ajv2020)({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true });
    ajvFormats().default(ajv, ["date"]);
    return ajv.compile(schema);
  }).validate;
  if (clauseValidator(data)) return [];
  return (clauseValidator.errors ?? [])
    .filter((e) => e.keyword !== "if" && e.keyword !== "oneOf")
    .map((e) => `${e.instancePath || "(top)"} ${e.message ?? "is invalid"}${e.params && "additionalProperty" in e.params ? ` (${String(e.params["additionalProperty"])})` : ""}`);
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

/** The terms the annex needs in templates/<language>.yaml for the values of the answers. */
const REQUIRED_TERMS = ["osi", "fsf", "permissive", "weak-copyleft", "strong-copyleft", "network-copyleft", "self-certification", "third-party-assessment", "spdx-2.2", "spdx-2.3", "spdx-3.0", "cyclonedx-1.4", "cyclonedx-1.5", "cyclonedx-1.6"];
const REQUIRED_WORDS = ["language", "titleBlock", "header", "draft", "footer", "heading", "properties", "tables", "traceability", "words", "terms"];

function checkClause(file: string, name: string, data: unknown, findings: LibraryFinding[], t: Messages): Clause | undefined {
  const where = shown(file);
  const shape = validateClauseShape(data);
  if (shape.length > 0) {
    findings.push(...shape.map((message) => ({ severity: "error" as const, file: where, message })));
    return undefined;
  }
  const clause = { ...(data as Omit<Clause, "file" | "overlay">), file: where, overlay: false };
  const error = (message: string): void => void findings.push({ severity: "error", file: where, message });
  if (`${clause.id}.yaml` !== name) error(t("library.file-name", { id: clause.id }));
  if (clause.family !== undefined && familyById(clause.family) === undefined) {
    error(t("library.unknown-family", { family: clause.family, families: families().filter((f) => f.optional).map((f) => f.id).join(", ") }));
  }
  for (const lang of ["en", "fr"] as const) {
    const templates: [string, string | undefined][] = [
      [`text.${lang}`, clause.text[lang]],
      [`evidence.tender.${lang}`, clause.evidence?.tender[lang]],
      [`evidence.acceptance.${lang}`, clause.evidence?.acceptance[lang]],
    ];
    for (const [key, source] of templates) {
      if (source !== undefined) for (const p of templateProblems(source, t)) error(`${key}: ${p}`);
    }
  }
  for (const answer of conditionAnswers(clause.when)) {
    if (fieldSchema(answer.split(".")) === undefined) error(t("library.condition-unknown-answer", { answer }));
  }
  if (clause.status === "retired" && clause.when !== undefined) {
    error(t("library.retired-with-condition"));
  }
  if (clause.history[0]?.version !== clause.version) {
    error(t("library.history-version", { newest: clause.history[0]?.version ?? "—", version: clause.version }));
  }
  return clause;
}

/** The library roots: Clausier's own folder, then the organisation's overlay if any. */
export function libraryRoots(overlay?: string): string[] {
  return overlay === undefined ? [PACKAGE_ROOT] : [PACKAGE_ROOT, resolve(overlay)];
}

/** Reads and checks a library made of `roots` (later roots override earlier ones). Never throws for content problems. */
export function checkLibrary(roots: readonly string[], t: Messages = messages("en")): { library?: ClauseLibrary; findings: LibraryFinding[] } {
  const findings: LibraryFinding[] = [];
  const byId = new Map<string, Clause>();
  const templateFiles: Record<"annex" | "en" | "fr", string | undefined> = { annex: undefined, en: undefined, fr: undefined };

  roots.forEach((root, index) => {
    const overlay = index > 0;
    const clausesDir = join(root, "clauses");
    const templatesDir = join(root, "templates");
    if (overlay && (!existsSync(root) || !statSync(root).isDirectory())) {
      findings.push({ severity: "error", file: root, message: t("library.folder-missing") });
      return;
    }
    if (overlay && !existsSync(clausesDir) && !existsSync(templatesDir)) {
      findings.push({ severity: "error", file: root, message: t("library.folder-empty") });
      return;
    }
    if (existsSync(clausesDir)) {
      for (const name of readdirSync(clausesDir).filter((f) => f.endsWith(".yaml")).sort()) {
        const file = join(clausesDir, name);
        let data: unknown;
        try {
          data = readYaml(file);
        } catch (e) {
          findings.push({ severity: "error", file: shown(file), message: t("library.unreadable", { problem: (e as Error).message.split("\n")[0] ?? "" }) });
          continue;
        }
        const clause = checkClause(file, name, data, findings, t);
        if (clause) byId.set(clause.id, { ...clause, overlay });
      }
    }
    for (const key of ["annex", "en", "fr"] as const) {
      const file = join(templatesDir, `${key}.yaml`);
      if (existsSync(file)) templateFiles[key] = file;
    }
  });

  const read = <T>(key: "annex" | "en" | "fr"): T | undefined => {
    const file = templateFiles[key];
    if (file === undefined) {
      findings.push({ severity: "error", file: `templates/${key}.yaml`, message: t("library.template-missing") });
      return undefined;
    }
    try {
      return readYaml(file) as T;
    } catch (e) {
      findings.push({ severity: "error", file: shown(file), message: t("library.unreadable", { problem: (e as Error).message.split("\n")[0] ?? "" }) });
      return undefined;
    }
  };
  const template = read<AnnexTemplate>("annex");
  const en = read<AnnexWords>("en");
  const fr = read<AnnexWords>("fr");
  for (const [lang, words] of [["en", en], ["fr", fr]] as const) {
    if (words === undefined) continue;
    const file = shown(templateFiles[lang] ?? "");
    for (const key of REQUIRED_WORDS) if (!(key in words)) findings.push({ severity: "error", file, message: t("library.word-missing", { key }) });
    for (const term of REQUIRED_TERMS) if (words.terms?.[term] === undefined) findings.push({ severity: "error", file, message: t("library.word-missing", { key: `terms.${term}` }) });
    if (typeof words.tables?.numbered !== "string") findings.push({ severity: "error", file, message: t("library.word-missing", { key: "tables.numbered" }) });
  }

  const clauses = [...byId.values()];
  if (template !== undefined) {
    const parts = new Set((template.parts ?? []).map((p) => p.id));
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

export function loadLibrary(roots: readonly string[] = [PACKAGE_ROOT], t: Messages = messages("en")): ClauseLibrary {
  const { library, findings } = checkLibrary(roots, t);
  if (library === undefined) {
    const errors = findings.filter((f) => f.severity === "error");
    const inOverlay = roots.length > 1 && errors.every((f) => !f.file.startsWith("clauses/") && !f.file.startsWith("templates/"));
    throw new LibraryError(errors, inOverlay);
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
