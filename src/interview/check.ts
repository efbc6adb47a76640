/**
 * Each answer checked where it is typed, with the same schema and rules as `validate`: the answers so far,
 * with this value in place (and placeholders where required answers are still to come), are validated, and
 * the first error about this answer is the message shown.
 */
import type { Answers } from "../answers/model.js";
import { formatPath, parsePath, valueAt } from "../answers/paths.js";
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

/**
 * The answers as far as they are valid, to show which clauses the annex will contain while the interview
 * runs: the draft with placeholders where required answers are still to come, and each answer `validate`
 * finds wrong left out (where the finding is about a missing answer, the section or item that lacks it),
 * until the rest validates. Undefined when nothing valid is left.
 */
export function previewAnswers(draft: Draft, language: Language): Answers | undefined {
  const kept = structuredClone(draft);
  // Each round leaves out at least one answer, so the number of rounds is bounded by the size of the draft.
  for (let round = 0; round < 50; round++) {
    const answers = trial(kept, language);
    const validation = validateAnswersText("answers", JSON.stringify(answers), { language });
    if (validation.answers !== undefined) return validation.answers;
    const error = validation.diagnostics.find((d) => d.severity === "error");
    if (error === undefined || error.path === "") return undefined;
    const path = parsePath(error.path);
    // A missing answer: the section or item that lacks it. The tender's own answers get their placeholder back.
    const where = valueAt(kept, path) !== undefined ? path : path.slice(0, -1);
    if (where.length === 0 || (where.length === 1 && where[0] === "tender") || valueAt(kept, where) === undefined) return undefined;
    setAt(kept, where, undefined);
  }
  return undefined;
}
