/** How findings are shown to a person on a terminal, and to tools as JSON. */
import type { Diagnostic } from "../diagnostics.js";

export function formatDiagnostic(d: Diagnostic): string {
  const where = d.line !== undefined ? `${d.file}:${d.line}:${d.column ?? 1}` : d.file;
  const path = d.path !== "" ? `${d.path}: ` : "";
  const hint = d.hint !== undefined ? `\n    hint: ${d.hint.replace(/\n/g, "\n          ")}` : "";
  return `${where}: ${d.severity}: ${path}${d.message}${hint}`;
}

export function countWords(diagnostics: readonly Diagnostic[]): string {
  const errors = diagnostics.filter((d) => d.severity === "error").length;
  const warnings = diagnostics.length - errors;
  const part = (n: number, w: string): string => `${n} ${w}${n === 1 ? "" : "s"}`;
  return `${part(errors, "error")}, ${part(warnings, "warning")}`;
}

export function diagnosticJson(d: Diagnostic): Record<string, unknown> {
  return {
    severity: d.severity,
    code: d.code,
    path: d.path,
    file: d.file,
    line: d.line ?? null,
    column: d.column ?? null,
    message: d.message,
    hint: d.hint ?? null,
  };
}
