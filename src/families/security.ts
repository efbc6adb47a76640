/**
 * Security over the life of the deliverable (answers 1.1): a support period with free security updates,
 * notice of actively exploited vulnerabilities, remediation times by severity, a coordinated disclosure
 * policy, VEX statements, and EU Cyber Resilience Act conformity (Regulation (EU) 2024/2847) where in scope.
 */
import type { RawAnswers } from "../answers/paths.js";
import type { Finding } from "../diagnostics.js";
import type { RequirementFamily } from "./family.js";
import { at, num, record } from "./kit.js";

type Security = NonNullable<RawAnswers["security"]>;
const SEVERITIES = ["critical", "high", "medium", "low"] as const;
const DEFAULT_DAYS = { critical: 7, high: 30, medium: 90, low: 180 } as const;

export interface SecurityAnswers {
  readonly security: {
    /** Null when the buyer asks nothing about security. */
    readonly supportYears: number | null;
    readonly exploitedNoticeHours: number;
    readonly remediationDays: { readonly critical: number; readonly high: number; readonly medium: number; readonly low: number };
    readonly disclosurePolicy: boolean;
    readonly vex: boolean;
    readonly craConformity: boolean;
  };
}

export const securityFamily: RequirementFamily<SecurityAnswers> = {
  id: "security",
  owns: [["security"]],
  optional: true,
  requires: true,
  on: (draft) => record(draft["security"]) !== undefined,
  tick: (draft) => void (draft["security"] ??= {}),
  off: (draft) => void delete draft["security"],
  normalise(raw) {
    const s = raw["security"] as Security | undefined;
    const days = s?.remediationDays;
    return {
      security: {
        supportYears: s?.supportYears ?? null,
        exploitedNoticeHours: s?.exploitedNoticeHours ?? 24,
        remediationDays: {
          critical: days?.critical ?? DEFAULT_DAYS.critical,
          high: days?.high ?? DEFAULT_DAYS.high,
          medium: days?.medium ?? DEFAULT_DAYS.medium,
          low: days?.low ?? DEFAULT_DAYS.low,
        },
        disclosurePolicy: s?.disclosurePolicy ?? true,
        vex: s?.vex ?? false,
        craConformity: s?.craConformity ?? false,
      },
    };
  },
  rules({ data, t, label }): Finding[] {
    const out: Finding[] = [];
    // Days by severity, defaults where not given: a more severe vulnerability may never wait longer.
    const days = SEVERITIES.map((s) => num(at(data, ["security", "remediationDays", s])) ?? DEFAULT_DAYS[s]);
    for (let i = 1; i < SEVERITIES.length; i++) {
      if ((days[i] ?? 0) < (days[i - 1] ?? 0)) {
        const severity = SEVERITIES[i]!;
        const previous = SEVERITIES[i - 1]!;
        out.push({
          code: "security.remediation-order",
          severity: "error",
          path: ["security", "remediationDays", severity],
          message: t("findings.security.remediation-order.message", {
            severity: label(["security", "remediationDays", severity]),
            days: days[i] ?? 0,
            previous: label(["security", "remediationDays", previous]),
            previousDays: days[i - 1] ?? 0,
          }),
          hint: t("findings.security.remediation-order.hint"),
        });
      }
    }
    // The Cyber Resilience Act asks for at least five years of support unless the product's expected use is shorter.
    const years = num(at(data, ["security", "supportYears"]));
    if (at(data, ["security", "craConformity"]) === true && years !== undefined && years < 5) {
      out.push({
        code: "security.cra-support-period",
        severity: "warning",
        path: ["security", "supportYears"],
        message: t("findings.security.cra-support-period.message", { years }),
        hint: t("findings.security.cra-support-period.hint"),
      });
    }
    return out;
  },
  questions: [
    { kind: "number", integer: true, path: ["security", "supportYears"], suggest: () => 5 },
    { kind: "number", integer: true, path: ["security", "exploitedNoticeHours"], default: () => 24 },
    ...SEVERITIES.map((s) => ({ kind: "number" as const, integer: true, path: ["security", "remediationDays", s], default: () => DEFAULT_DAYS[s] })),
    { kind: "yesno", path: ["security", "disclosurePolicy"], default: () => true },
    { kind: "yesno", path: ["security", "vex"], default: () => false },
    { kind: "yesno", path: ["security", "craConformity"], default: () => false },
  ],
};
