/**
 * answers file → findings placed in the file → normalised answers. Pure: no printing, no exit.
 */
import { formatPath, isError, type Diagnostic, type Finding } from "../diagnostics.js";
import { decodeAnswers, readAnswersText, type AnswersDocument } from "../answers/document.js";
import { normaliseAnswers, type Answers } from "../answers/model.js";
import { checkSchema, labelOf } from "./schema.js";
import { checkRules } from "./rules.js";

export interface Validation {
  /** Present when there is no error. */
  readonly answers?: Answers;
  readonly diagnostics: readonly Diagnostic[];
  readonly document?: AnswersDocument;
}

export function validateAnswersBytes(file: string, bytes: Uint8Array): Validation {
  const decoded = decodeAnswers(bytes);
  if ("error" in decoded) {
    const before = new TextDecoder().decode(bytes.subarray(0, decoded.offset));
    const lines = before.split("\n");
    return {
      diagnostics: [
        {
          code: "file.encoding",
          severity: "error",
          file,
          path: "",
          line: lines.length,
          column: (lines[lines.length - 1]?.length ?? 0) + 1,
          message: decoded.error,
          hint: "Save the file as UTF-8 in your editor (most editors offer it under 'Save as' or 'Encoding').",
        },
      ],
    };
  }
  return validateAnswersText(file, decoded.text);
}

export function validateAnswersText(file: string, text: string): Validation {
  const { document, findings } = readAnswersText(file, text);
  const placed = (f: Finding & { line?: number; column?: number }): Diagnostic => {
    if (f.code === "text.forbidden-character" && !f.atKey && !f.message.startsWith(labelOf(f.path))) {
      f = { ...f, message: `${labelOf(f.path)} ${f.message}` };
    }
    const where = f.line !== undefined ? { line: f.line, column: f.column ?? 1 } : document.locate(f.path, f.atKey);
    return { ...f, file, path: formatPath(f.path), ...(where ? { line: where.line, column: where.column } : {}) };
  };
  const early = findings.map(placed);
  if (document.data === undefined) return { diagnostics: sortDiagnostics(early), document };

  const forbiddenAt = new Set(early.filter((d) => d.code === "text.forbidden-character").map((d) => d.path));
  const schemaFindings = checkSchema(document.data).filter(
    (f) => !(f.code === "text.forbidden-character" && forbiddenAt.has(formatPath(f.path))),
  );
  const ruleFindings = checkRules(document.data);
  const diagnostics = sortDiagnostics([...early, ...schemaFindings.map(placed), ...ruleFindings.map(placed)]);
  if (diagnostics.some(isError)) return { diagnostics, document };
  return { answers: normaliseAnswers(document.data), diagnostics, document };
}

function sortDiagnostics(list: Diagnostic[]): Diagnostic[] {
  return [...list].sort(
    (a, b) =>
      (a.severity === b.severity ? 0 : a.severity === "error" ? -1 : 1) ||
      (a.line ?? 0) - (b.line ?? 0) ||
      (a.column ?? 0) - (b.column ?? 0) ||
      a.path.localeCompare(b.path),
  );
}
