/**
 * Remedies (answers 1.1): what happens when the contractor does not keep its open source obligations. The
 * licence-compliance warranty, indemnity and cure clause is in every annex that requires anything; this
 * family tunes the days to cure and sets the penalties per obligation, with their cap.
 */
import type { RawAnswers } from "../answers/paths.js";
import type { Finding } from "../diagnostics.js";
import type { Path, RequirementFamily } from "./family.js";
import { at, num, record, str } from "./kit.js";

type Penalties = NonNullable<NonNullable<RawAnswers["remedies"]>["penalties"]>;
type Amount = Exclude<keyof Penalties, "currency" | "capPercent">;

export interface RemediesAnswers {
  readonly remedies: {
    readonly cureDays: number;
    readonly penalties: {
      readonly currency: string | null;
      readonly sbomLatePerDay: number | null;
      readonly undisclosedComponent: number | null;
      readonly conformanceLapsedPerMonth: number | null;
      readonly securityFixLatePerDay: number | null;
      readonly capPercent: number | null;
    };
  };
}

/** Which obligation each penalty sanctions, and whether the answers set that obligation. */
const OBLIGATIONS: readonly { readonly amount: Amount; readonly applies: (data: unknown) => boolean }[] = [
  { amount: "sbomLatePerDay", applies: (d) => at(d, ["compliance", "sbom", "required"]) === true },
  { amount: "undisclosedComponent", applies: (d) => at(d, ["compliance", "sbom", "required"]) === true },
  { amount: "conformanceLapsedPerMonth", applies: (d) => at(d, ["compliance", "openChain"]) === true || at(d, ["compliance", "securityAssurance"]) === true },
  { amount: "securityFixLatePerDay", applies: (d) => record(at(d, ["security"])) !== undefined },
];

let currencies: Set<string> | undefined;
const isCurrency = (code: string): boolean => (currencies ??= new Set(Intl.supportedValuesOf("currency"))).has(code);

export const remediesFamily: RequirementFamily<RemediesAnswers> = {
  id: "remedies",
  owns: [["remedies"]],
  optional: true,
  requires: false,
  on: (draft) => record(draft["remedies"]) !== undefined,
  tick: (draft) => void (draft["remedies"] ??= {}),
  off: (draft) => void delete draft["remedies"],
  normalise(raw) {
    const r = raw["remedies"] as RawAnswers["remedies"];
    const p = r?.penalties;
    return {
      remedies: {
        cureDays: r?.cureDays ?? 30,
        penalties: {
          currency: p?.currency ?? null,
          sbomLatePerDay: p?.sbomLatePerDay ?? null,
          undisclosedComponent: p?.undisclosedComponent ?? null,
          conformanceLapsedPerMonth: p?.conformanceLapsedPerMonth ?? null,
          securityFixLatePerDay: p?.securityFixLatePerDay ?? null,
          capPercent: p?.capPercent ?? null,
        },
      },
    };
  },
  rules({ data, t, label, unused }): Finding[] {
    const out: Finding[] = [];
    const currency = str(at(data, ["remedies", "penalties", "currency"]));
    if (currency !== undefined && /^[A-Z]{3}$/.test(currency) && !isCurrency(currency)) {
      out.push({
        code: "remedies.currency-unknown",
        severity: "error",
        path: ["remedies", "penalties", "currency"],
        message: t("findings.remedies.currency-unknown.message", { currency }),
        hint: t("findings.remedies.currency-unknown.hint"),
      });
    }
    const penalties = record(at(data, ["remedies", "penalties"]));
    const missing: string[] = [];
    for (const { amount, applies } of OBLIGATIONS) {
      const path: Path = ["remedies", "penalties", amount];
      const given = num(penalties?.[amount]) !== undefined;
      if (applies(data) && !given) missing.push(label(path));
      if (!applies(data) && given) out.push(unused(path, t(`findings.answer.unused.because.penalty-${amount}`)));
    }
    if (missing.length > 0) {
      out.push({
        code: "remedies.no-penalty",
        severity: "warning",
        path: penalties === undefined ? ["remedies"] : ["remedies", "penalties"],
        message: t("findings.remedies.no-penalty.message", { count: missing.length, penalties: t.list(missing.map((l) => t("findings.value.text", { text: l }))) }),
        hint: t("findings.remedies.no-penalty.hint"),
      });
    }
    return out;
  },
  questions: [
    { kind: "number", integer: true, path: ["remedies", "cureDays"], default: () => 30 },
    { kind: "text", format: "currency", path: ["remedies", "penalties", "currency"], suggest: () => "EUR", optional: true },
    ...(["sbomLatePerDay", "undisclosedComponent", "conformanceLapsedPerMonth", "securityFixLatePerDay"] as const).map((amount) => ({
      kind: "number" as const,
      path: ["remedies", "penalties", amount],
      optional: true,
      when: (draft: Record<string, unknown>) =>
        str(at(draft, ["remedies", "penalties", "currency"])) !== undefined && (OBLIGATIONS.find((o) => o.amount === amount)?.applies(draft) ?? false),
    })),
    { kind: "number", path: ["remedies", "penalties", "capPercent"], optional: true, when: (draft) => str(at(draft, ["remedies", "penalties", "currency"])) !== undefined },
  ],
};
