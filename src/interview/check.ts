/**
 * Each answer checked where it is typed, with the same schema and rules as `validate`: the answers so far,
 * with this value in place (and placeholders where required answers are still to come), are validated, and
 * the first error about this answer is the message shown.
 */
import { formatPath } from "../answers/paths.js";
import type { Draft, Path } from "../families/family.js";
import { families } from "../families/index.js";
import { setAt } from "../families/kit.js";
import type { Language } from "../i18n/messages.js";
import { validateAnswersText } from "../validation/validate.js";

/** The draft with placeholders where required answers are still missing, so that it can be validated. */
function trial(draft: Draft, language: Language): Draft {
  const copy = structuredClone(draft);
  copy["schemaVersion"] = 1;
  const tender = (copy["tender"] ?? {}) as Record<string, unknown>;
  copy["tender"] = { title: "-", reference: "-", buyer: "-", ...tender, language };
  for (const family of families()) family.complete?.(copy);
  return copy;
}

/** The first error `validate` reports for this answer, or true. */
export function checkAnswer(draft: Draft, language: Language, path: Path, value: unknown): true | string {
  const answers = trial(draft, language);
  setAt(answers, path, value);
  const where = formatPath(path);
  const error = validateAnswersText("answers", JSON.stringify(answers), { language }).diagnostics.find(
    (d) => d.severity === "error" && (d.path === where || d.path.startsWith(`${where}.`) || d.path.startsWith(`${where}[`)),
  );
  return error === undefined ? true : `${error.message}${error.hint ? ` — ${error.hint}` : ""}`;
}

/** Every finding of the whole draft, as validate gives them (for the review). */
export function checkDraft(answers: Draft, language: Language) {
  return validateAnswersText("answers", JSON.stringify(answers), { language });
}
