/**
 * How the interview names things, in its language: a question (the answer's name, its format, whether it
 * may be left empty), a choice, a licence in the search list with its class and OSI/FSF status. Shared by the
 * terminal and the web interview.
 */
import { schemaKey } from "../answers/paths.js";
import type { Path } from "../families/family.js";
import { classWord } from "../families/licence-checks.js";
import type { Messages } from "../i18n/messages.js";
import { licenceCatalogue } from "../licences/catalogue.js";
import { isFreeForDocumentation, judgeLeaf, isOpenSource, type Body, type LicencePolicy } from "../licences/policy.js";
import { fieldWords } from "../validation/schema.js";
import type { Choice } from "./prompts.js";
import type { Question } from "./questions.js";

/** The question as asked: the answer's name, then its format and "leave empty to skip" where they apply. */
export function questionLabel(question: Question, path: Path, t: Messages): string {
  let label = fieldWords(path, t).title;
  if (question.kind === "text" && question.format === "date") label += ` ${t("interview.format.date")}`;
  if (question.kind === "text" && question.format === "currency") label += ` ${t("interview.format.currency")}`;
  if (question.optional === true && (question.kind === "text" || question.kind === "number")) label += ` ${t("interview.skip")}`;
  return label;
}

/** A choice's label: choices.<answer>.<value> in the messages, else the value itself. */
export function choiceLabel(path: Path, value: string, t: Messages): string {
  const key = `choices.${schemaKey(path)}.${value}`;
  return t.has(key) ? t.dynamic(key) : value;
}

/** OSI ✓ · FSF – , as the search list shows it. */
function status(info: { osiApproved: boolean; fsfLibre: boolean | undefined }): string {
  return `OSI ${info.osiApproved ? "✓" : "✗"} · FSF ${info.fsfLibre === undefined ? "–" : info.fsfLibre ? "✓" : "✗"}`;
}

/**
 * What a licence is refused for, when it is: by the tender's policy (`policy`), or for not being open source
 * under the definition (`definition`, the buyer's own publication licence). Undefined: accepted.
 */
export type LicenceCheck =
  | { readonly kind: "policy"; readonly policy: LicencePolicy }
  | { readonly kind: "definition"; readonly definition: readonly Body[] }
  | { readonly kind: "free" }
  /** No verdict: the lists of licences always refused or accepted take any licence. */
  | { readonly kind: "none" };

export function licenceRefused(id: string, check: LicenceCheck): boolean {
  const catalogue = licenceCatalogue();
  if (check.kind === "none") return false;
  if (check.kind === "policy") return !judgeLeaf({ license: id }, check.policy, catalogue).accepted;
  const info = catalogue.info(id);
  if (check.kind === "definition") return !isOpenSource(info, check.definition);
  return !isFreeForDocumentation(info);
}

/** Search choices over the SPDX list, with class and OSI/FSF status; licences the check refuses are marked ✗. */
export function licenceChoices(term: string | undefined, check: LicenceCheck, t: Messages, first?: string): Choice<string>[] {
  const catalogue = licenceCatalogue();
  const needle = (term ?? "").trim().toLowerCase();
  const out: Choice<string>[] = [];
  for (const id of catalogue.ids) {
    const info = catalogue.info(id);
    if (!info || info.deprecated) continue;
    if (needle !== "" && !id.toLowerCase().includes(needle) && !info.name.toLowerCase().includes(needle)) continue;
    out.push({ name: `${licenceRefused(id, check) ? "✗ " : ""}${id} — ${info.name}`, value: id, description: `${classWord(info.class, t)} · ${status(info)}` });
  }
  const rank = (c: Choice<string>): number => (c.value === first ? -1 : c.value.toLowerCase() === needle ? 0 : c.value.toLowerCase().startsWith(needle) ? 1 : 2);
  const sorted = out.sort((a, b) => rank(a) - rank(b) || a.value.localeCompare(b.value)).slice(0, 40);
  // The current answer comes first even when it is an expression, not an identifier of the list.
  if (first !== undefined && (needle === "" || first.toLowerCase().includes(needle)) && !sorted.some((c) => c.value === first)) {
    sorted.unshift({ name: first, value: first, description: t("interview.licence.current") });
  }
  return sorted;
}
