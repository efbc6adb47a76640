/**
 * The decisions of the interview that do not depend on how a question is asked: what a typed number means,
 * which choices a question offers, which licences it suggests, whether a licence picked is kept (a licence
 * the policy refuses may be accepted into licensePolicy.allow; the buyer's publication licence is checked
 * against the definition only and never touches the policy), which foundations are offered. The terminal
 * (flow.ts) and the web interview (src/web/) both go through these functions, so that they decide alike.
 */
import { valueAt } from "../answers/paths.js";
import type { Draft, Path } from "../families/family.js";
import { at, strings } from "../families/kit.js";
import { classWord, refusal } from "../families/licence-checks.js";
import { DEFAULT_POLICY, policyFrom } from "../families/licence-policy.js";
import type { Messages } from "../i18n/messages.js";
import { licenceCatalogue } from "../licences/catalogue.js";
import { parseLicence } from "../licences/expression.js";
import { judge } from "../licences/policy.js";
import type { Question } from "./questions.js";
import { licenceRefused, type LicenceCheck } from "./words.js";

type LicenceQuestion = Extract<Question, { kind: "licence" }>;

/** A number as the buyer types it (a comma or a point before decimals), or what is wrong with it. */
export function typedNumber(text: string, question: Extract<Question, { kind: "number" }>, t: Messages): { value: number } | { error: string } {
  const v = text.trim();
  if (!/^\d+([.,]\d+)?$/.test(v) || (question.integer === true && !/^\d+$/.test(v))) return { error: question.integer === true ? t("interview.whole-number") : t("interview.number") };
  return { value: Number(v.replace(",", ".")) };
}

/** The values a choice question offers for these answers, with the current answer when it is not among them. */
export function choiceValues(question: Extract<Question, { kind: "choice" }>, draft: Draft, start: unknown): string[] {
  const values = [...(typeof question.choices === "function" ? question.choices(draft) : question.choices)];
  if (typeof start === "string" && !values.includes(start)) values.push(start);
  return values;
}

/** The lines a `texts` question offers to tick: those given first, then the suggestions not given. */
export function offeredTexts(question: Extract<Question, { kind: "texts" }>, current: readonly string[]): string[] {
  return [...current, ...(question.suggestions ?? []).filter((s) => !current.includes(s))];
}

/** The policy a licence question is checked against, from the answers so far. */
export function licenceCheckFor(kind: LicenceQuestion["check"], draft: Draft): LicenceCheck {
  const policy = policyFrom(draft) ?? { ...DEFAULT_POLICY, allow: [], deny: [] };
  if (kind === "policy") return { kind, policy };
  if (kind === "definition") return { kind, definition: policy.definition };
  return { kind: "free" };
}

/** The suggestions of a licence question that its check does not refuse, each with its reason in words. */
export function offeredLicences(question: LicenceQuestion, draft: Draft, t: Messages): { id: string; name: string; reason: string }[] {
  const check = licenceCheckFor(question.check, draft);
  return (question.suggestions ?? [])
    .filter((s) => !licenceRefused(s.id, check))
    .map((s) => ({ id: s.id, name: licenceCatalogue().info(s.id)?.name ?? s.id, reason: t.dynamic(`interview.licence.reason.${s.reason}`) }));
}

/** Whether a licence picked is kept, and if not, why and what the buyer may do. */
export type LicenceVerdict =
  | { readonly kind: "accepted" }
  /** Not an SPDX expression (only for a licence checked against the policy; the others are picked from the list). */
  | { readonly kind: "invalid"; readonly message: string }
  /** Refused by the tender's policy: another may be picked, or (`allow` not empty) these licences accepted into licensePolicy.allow. */
  | { readonly kind: "refused"; readonly message: string; readonly allow: readonly string[] }
  /** The buyer's own licence, not open source or not free: another must be picked. */
  | { readonly kind: "not-open"; readonly message: string };

export function licenceVerdict(id: string, kind: LicenceQuestion["check"], draft: Draft, t: Messages): LicenceVerdict {
  const check = licenceCheckFor(kind, draft);
  const catalogue = licenceCatalogue();
  if (check.kind === "policy") {
    const parsed = parseLicence(id, catalogue);
    if (!parsed.ok) return { kind: "invalid", message: t("interview.licence.invalid", { licence: id }) };
    const verdict = judge(parsed.tree, check.policy, catalogue);
    if (verdict.accepted) return { kind: "accepted" };
    const refused = verdict.leaves.filter((v) => !v.accepted);
    // A licence denied by name, or not open source, cannot be accepted by adding it to the list.
    const canAllow = refused.every((v) => v.outcome === "class-not-allowed" || v.outcome === "unclassified");
    return {
      kind: "refused",
      message: t("interview.licence.refused", { licence: id, reasons: refused.map((v) => refusal(v, check.policy, t)).join(t("cli.separator")) }),
      allow: canAllow ? refused.map((v) => v.leaf.license).filter((l, i, all) => all.indexOf(l) === i) : [],
    };
  }
  if (!licenceRefused(id, check)) return { kind: "accepted" };
  return {
    kind: "not-open",
    message:
      kind === "definition"
        ? t("interview.licence.not-open-source", { licence: id, class: classWord(catalogue.info(id)?.class, t) })
        : t("interview.licence.not-free", { licence: id }),
  };
}

/** Accepts licences the policy refuses by adding them to licensePolicy.allow (the buyer's choice). */
export function acceptIntoPolicy(draft: Draft, licences: readonly string[]): void {
  const allow = strings(at(draft, ["licensePolicy", "allow"]));
  const added = licences.filter((l) => !allow.includes(l));
  const section = (draft["licensePolicy"] ?? {}) as Record<string, unknown>;
  draft["licensePolicy"] = { ...section, allow: [...allow, ...added] };
}

/**
 * The value a list question writes: the lines kept, or nothing when there are none and the answers had
 * no list there (an empty list given in the file stays an empty list).
 */
export function listAnswer(draft: Draft, path: Path, list: readonly unknown[]): unknown[] | undefined {
  return list.length > 0 || Array.isArray(valueAt(draft, path)) ? [...list] : undefined;
}
