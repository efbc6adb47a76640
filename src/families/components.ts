/**
 * Principle 1: specific open source components required for specific functional needs. Naming a product
 * needs a reason and, unless the buyer justifies otherwise, "or equivalent" (Directive 2014/24/EU art. 42(4),
 * Directive 2014/25/EU art. 60(4), Code de la commande publique art. R2111-7).
 */
import type { RawAnswers } from "../answers/paths.js";
import type { Finding } from "../diagnostics.js";
import { parseLicence } from "../licences/expression.js";
import { judge } from "../licences/policy.js";
import type { RequirementFamily, RuleContext } from "./family.js";
import { at, list, str, strings } from "./kit.js";
import { deprecationWarnings, licenceProblem, refusal } from "./licence-checks.js";

type RawComponent = NonNullable<RawAnswers["components"]>[number];

export interface Component {
  readonly name: string;
  readonly purpose: string;
  readonly license: string;
  readonly version: string | null;
  readonly repository: string | null;
  readonly governance: string | null;
  readonly justification: string | null;
  readonly orEquivalent: boolean;
}

export interface ComponentsAnswers {
  readonly components: readonly Component[];
}

/** "Component "PowSyBl Core"", or "Component no. 2" when it has no name yet. */
export function componentLabel(data: unknown, i: number, context: Pick<RuleContext, "t">): string {
  const name = str(at(data, ["components", i, "name"]));
  return name !== undefined ? context.t("findings.component.named", { name }) : context.t("findings.component.numbered", { number: i + 1 });
}

function licenceFindings(context: RuleContext): Finding[] {
  const { data, t, catalogue, policy } = context;
  const out: Finding[] = [];
  list(at(data, ["components"])).forEach((_, i) => {
    const path = ["components", i, "license"] as const;
    const text = str(at(data, path));
    if (text === undefined) return;
    const parsed = parseLicence(text, catalogue);
    const who = componentLabel(data, i, context);
    if (!parsed.ok) {
      out.push({
        code: "licence.invalid",
        severity: "error",
        path,
        message: t("findings.licence.invalid.message", { who, problem: licenceProblem(parsed.problem, t) }),
        hint: parsed.suggestion !== undefined ? t("findings.licence.invalid.hint-suggestion", { suggestion: parsed.suggestion }) : t("findings.licence.invalid.hint"),
      });
      return;
    }
    out.push(...deprecationWarnings(path, parsed.leaves.map((l) => catalogue.leafInfo(l)), t));
    if (policy === undefined) return;
    const verdict = judge(parsed.tree, policy, catalogue);
    if (verdict.accepted) return;
    const refused = verdict.leaves.filter((v) => !v.accepted);
    const reasons = refused.map((v) => refusal(v, policy, t)).join(t("cli.separator"));
    const form = parsed.leaves.length === 1 ? "single" : text.includes(" OR ") && !text.includes(" AND ") ? "choice" : "all";
    const ids = refused.map((v) => v.leaf.license).filter((id, k, all) => all.indexOf(id) === k);
    out.push({
      code: "licence.not-acceptable",
      severity: "error",
      path,
      message: t("findings.licence.not-acceptable.message", { who, licence: text, form, reasons }),
      hint: t("findings.licence.not-acceptable.hint", { ids: t.list(ids), denied: refused.some((v) => v.outcome === "denied") ? "yes" : "no" }),
    });
  });
  return out;
}

function justificationFindings({ data, t }: RuleContext): Finding[] {
  const out: Finding[] = [];
  list(at(data, ["components"])).forEach((_, i) => {
    if (str(at(data, ["components", i, "justification"])) !== undefined) return;
    const who = componentLabel(data, i, { t });
    if (at(data, ["components", i, "orEquivalent"]) === false) {
      out.push({
        code: "component.no-justification",
        severity: "warning",
        path: ["components", i, "orEquivalent"],
        message: t("findings.component.no-justification.message", { who }),
        hint: t("findings.component.no-justification.hint"),
      });
    } else {
      out.push({
        code: "component.no-reason",
        severity: "warning",
        path: ["components", i],
        message: t("findings.component.no-reason.message", { who }),
        hint: t("findings.component.no-reason.hint"),
      });
    }
  });
  return out;
}

export const componentsFamily: RequirementFamily<ComponentsAnswers> = {
  id: "components",
  owns: [["components"]],
  optional: true,
  requires: true,
  on: (draft) => list(draft["components"]).length > 0,
  off: (draft) => void delete draft["components"],
  normalise(raw) {
    const components = (raw["components"] ?? []) as RawComponent[];
    return {
      components: components.map((c) => ({
        name: c.name,
        purpose: c.purpose,
        license: c.license,
        version: c.version ?? null,
        repository: c.repository ?? null,
        governance: c.governance ?? null,
        justification: c.justification ?? null,
        orEquivalent: c.orEquivalent ?? true,
      })),
    };
  },
  rules: (context) => [...licenceFindings(context), ...justificationFindings(context)],
  questions: [
    {
      kind: "items",
      path: ["components"],
      itemName: ["name"],
      item: [
        { kind: "text", path: ["name"] },
        { kind: "text", path: ["purpose"] },
        { kind: "licence", path: ["license"], check: "policy" },
        { kind: "text", path: ["version"], optional: true },
        { kind: "text", path: ["repository"], optional: true },
        // The foundations the tender accepts, and the one already given; another may be typed.
        {
          kind: "choice",
          path: ["governance"],
          optional: true,
          other: true,
          choices: (draft) => strings(at(draft, ["governance", "foundations"])),
        },
        { kind: "yesno", path: ["orEquivalent"], default: () => true },
        { kind: "text", path: ["justification"], optional: true },
      ],
    },
  ],
};
