/**
 * answers file → findings placed in the file, in the language of the answers → normalised answers. Reads the
 * file safely, checks it against the schema, then runs every family's rules. Pure: no printing, no exit.
 */
import { decodeAnswers, readAnswersText, type AnswersDocument } from "../answers/document.js";
import type { Answers } from "../answers/model.js";
import { normaliseAnswers } from "../answers/normalise.js";
import { formatPath } from "../answers/paths.js";
import { isError, type Diagnostic, type Finding } from "../diagnostics.js";
import type { Path, RuleContext } from "../families/family.js";
import { families } from "../families/index.js";
import { policyFrom } from "../families/licence-policy.js";
import { messages, type Language, type Messages } from "../i18n/messages.js";
import { licenceCatalogue } from "../licences/catalogue.js";
import { checkSchema, labelOf, withinLimits } from "./schema.js";

export interface Validation {
  /** Present when there is no error. */
  readonly answers?: Answers;
  readonly diagnostics: readonly Diagnostic[];
  readonly document?: AnswersDocument;
  /** The language the findings are in: the answers' own, or the one asked for when they do not say. */
  readonly language: Language;
}

export interface ValidateOptions {
  /** The language to speak when the answers do not say theirs (the command line's). */
  readonly language?: Language;
}

/** Every family's rules on the raw answers, within the schema's limits (see withinLimits). */
export function checkRules(raw: unknown, t: Messages): Finding[] {
  const data = withinLimits(raw);
  const context: RuleContext = {
    data,
    t,
    catalogue: licenceCatalogue(),
    policy: policyFrom(data),
    label: (path: Path) => labelOf(path, t),
    unused: (path: Path, because: string) => ({
      code: "answer.unused",
      severity: "warning",
      path,
      message: t("findings.answer.unused.message", { because }),
      hint: t("findings.answer.unused.hint"),
    }),
  };
  const findings = families().flatMap((f) => f.rules?.(context) ?? []);
  const draft = (data ?? {}) as Record<string, unknown>;
  if (draft !== null && typeof draft === "object" && !families().some((f) => f.requires && f.on(draft))) {
    findings.push({ code: "annex.requires-nothing", severity: "warning", path: [], message: t("findings.annex.requires-nothing.message"), hint: t("findings.annex.requires-nothing.hint") });
  }
  return findings;
}

export function validateAnswersBytes(file: string, bytes: Uint8Array, options: ValidateOptions = {}): Validation {
  const decoded = decodeAnswers(bytes);
  if (!("text" in decoded)) {
    const language = options.language ?? "en";
    const t = messages(language);
    const before = new TextDecoder().decode(bytes.subarray(0, decoded.offset));
    const lines = before.split("\n");
    return {
      language,
      diagnostics: [
        {
          code: "file.encoding",
          severity: "error",
          file,
          path: "",
          line: lines.length,
          column: (lines[lines.length - 1]?.length ?? 0) + 1,
          message: t("findings.file.encoding.message"),
          hint: t("findings.file.encoding.hint"),
        },
      ],
    };
  }
  return validateAnswersText(file, decoded.text, options);
}

export function validateAnswersText(file: string, text: string, options: ValidateOptions = {}): Validation {
  const { document, findings, language } = readAnswersText(file, text, options.language ?? "en");
  const t = messages(language);
  const placed = (f: Finding & { line?: number; column?: number }): Diagnostic => {
    if (f.code === "text.forbidden-character" && !f.atKey) f = { ...f, message: t("findings.text.in-answer", { label: labelOf(f.path, t), problem: f.message }) };
    const where = f.line !== undefined ? { line: f.line, column: f.column ?? 1 } : document.locate(f.path, f.atKey);
    return { ...f, file, path: formatPath(f.path), ...(where ? { line: where.line, column: where.column } : {}) };
  };
  const early = findings.map(placed);
  if (document.data === undefined) return { diagnostics: sortDiagnostics(early), document, language };

  const forbiddenAt = new Set(early.filter((d) => d.code === "text.forbidden-character").map((d) => d.path));
  const schemaFindings = checkSchema(document.data, t).filter((f) => !(f.code === "text.forbidden-character" && forbiddenAt.has(formatPath(f.path))));
  const ruleFindings = checkRules(document.data, t);
  const diagnostics = sortDiagnostics([...early, ...schemaFindings.map(placed), ...ruleFindings.map(placed)]);
  if (diagnostics.some(isError)) return { diagnostics, document, language };
  return { answers: normaliseAnswers(document.data), diagnostics, document, language };
}

/** Places findings made after validation (a family without effect) in the file, like the others. */
export function placeFindings(validation: Validation, findings: readonly Finding[]): Diagnostic[] {
  const file = validation.diagnostics[0]?.file ?? validation.document?.file ?? "";
  return findings.map((f) => {
    const where = validation.document?.locate(f.path, f.atKey);
    return { ...f, file, path: formatPath(f.path), ...(where ? { line: where.line, column: where.column } : {}) };
  });
}

export function sortDiagnostics(list: readonly Diagnostic[]): Diagnostic[] {
  return [...list].sort(
    (a, b) =>
      (a.severity === b.severity ? 0 : a.severity === "error" ? -1 : 1) ||
      (a.line ?? 0) - (b.line ?? 0) ||
      (a.column ?? 0) - (b.column ?? 0) ||
      a.path.localeCompare(b.path),
  );
}
