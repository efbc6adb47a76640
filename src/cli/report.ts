/** How findings are shown to a person on a terminal, in their language, and to tools as JSON. */
import type { Diagnostic } from "../diagnostics.js";
import type { Messages } from "../i18n/messages.js";

/** Text from a file, shown on a terminal: control and escape characters made visible (\u001b → \x1b). */
export { visible, visibleInline } from "../visible.js";
import { visible } from "../visible.js";

export function formatDiagnostic(d: Diagnostic, t: Messages): string {
  const where = d.line !== undefined ? `${d.file}:${d.line}:${d.column ?? 1}` : d.file;
  // The answer's path is technical (components[0].license) and keeps its plain colon, as the location does.
  const path = d.path !== "" ? `${d.path}: ` : "";
  const severity = d.severity === "error" ? t("cli.severity.error") : t("cli.severity.warning");
  const hint = d.hint !== undefined && d.hint !== "" ? `\n    ${t("cli.hint")} ${visible(d.hint).replace(/\n/g, "\n          ")}` : "";
  return `${where}: ${t("cli.severity.line", { severity, text: `${path}${visible(d.message)}` })}${hint}`;
}

export function countWords(diagnostics: readonly Diagnostic[], t: Messages): string {
  const errors = diagnostics.filter((d) => d.severity === "error").length;
  return t("cli.count", { errors, warnings: diagnostics.length - errors });
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
