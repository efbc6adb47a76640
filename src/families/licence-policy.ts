/**
 * Principles 3 and 4: which licences count as open source (approved by the OSI and/or free according to the
 * FSF), which kinds are accepted (permissive, weak copyleft…), and the buyer's own lists of licences always
 * accepted or always refused. Binds what bidders supply; never the buyer's own publication licence.
 */
import type { Finding } from "../diagnostics.js";
import { LICENCE_CLASSES, type LicenceClass } from "../licences/catalogue.js";
import { isOpenSource, type Body, type LicencePolicy } from "../licences/policy.js";
import type { Draft, RequirementFamily } from "./family.js";
import { at, list, record, strings } from "./kit.js";
import { bodiesWords, checkIdentifier, classWord } from "./licence-checks.js";

export interface LicencePolicyAnswers {
  readonly licensePolicy: LicencePolicy;
}

/** The policy of the answers, when it is complete enough to judge licences with. */
export function policyFrom(data: unknown): LicencePolicy | undefined {
  const definition = strings(at(data, ["licensePolicy", "definition"])).filter((b): b is Body => b === "osi" || b === "fsf");
  const allowedClasses = strings(at(data, ["licensePolicy", "allowedClasses"])).filter((c): c is LicenceClass => (LICENCE_CLASSES as readonly string[]).includes(c));
  if (definition.length === 0 || allowedClasses.length === 0) return undefined;
  return { definition, allowedClasses, allow: strings(at(data, ["licensePolicy", "allow"])), deny: strings(at(data, ["licensePolicy", "deny"])) };
}

/** The policy when the buyer sets none: open source by either body, every class. */
export const DEFAULT_POLICY = { definition: ["osi", "fsf"] as Body[], allowedClasses: [...LICENCE_CLASSES] };

/** Whether the policy of a draft restricts anything beyond the default. */
function restricts(draft: Draft): boolean {
  const classes = strings(at(draft, ["licensePolicy", "allowedClasses"]));
  const definition = strings(at(draft, ["licensePolicy", "definition"]));
  return (
    (classes.length > 0 && classes.length < LICENCE_CLASSES.length) ||
    (definition.length > 0 && definition.length < DEFAULT_POLICY.definition.length) ||
    list(at(draft, ["licensePolicy", "deny"])).length > 0
  );
}

export const licencePolicyFamily: RequirementFamily<LicencePolicyAnswers> = {
  id: "licensePolicy",
  owns: [["licensePolicy"]],
  optional: true,
  requires: false,
  on: restricts,
  tick(draft) {
    if (record(draft["licensePolicy"]) === undefined) draft["licensePolicy"] = { definition: [...DEFAULT_POLICY.definition], allowedClasses: ["permissive", "weak-copyleft"] };
  },
  complete(draft) {
    if (record(draft["licensePolicy"]) === undefined) draft["licensePolicy"] = structuredClone(DEFAULT_POLICY);
  },
  off(draft) {
    // Back to the default policy; the licences the buyer accepts by name stay accepted.
    const allow = strings(at(draft, ["licensePolicy", "allow"]));
    draft["licensePolicy"] = { ...structuredClone(DEFAULT_POLICY), ...(allow.length > 0 ? { allow } : {}) };
  },
  normalise(raw) {
    const p = raw["licensePolicy"] as { definition: Body[]; allowedClasses: LicenceClass[]; allow?: string[]; deny?: string[] };
    return { licensePolicy: { definition: p.definition, allowedClasses: p.allowedClasses, allow: p.allow ?? [], deny: p.deny ?? [] } };
  },
  rules({ data, t, catalogue, policy }): Finding[] {
    const out: Finding[] = [];
    const allow = list(at(data, ["licensePolicy", "allow"]));
    const deny = list(at(data, ["licensePolicy", "deny"]));
    const denied = new Set(deny);
    allow.forEach((id, i) => {
      if (typeof id !== "string" || id === "") return;
      const path = ["licensePolicy", "allow", i] as const;
      const { info, findings } = checkIdentifier(path, id, catalogue, t);
      out.push(...findings);
      if (info && policy && !isOpenSource(info, policy.definition)) {
        out.push({
          code: "licence.allow-not-open-source",
          severity: "error",
          path,
          message: t("findings.licence.allow-not-open-source.message", { id, bodies: bodiesWords(policy.definition, t) }),
          hint: t("findings.licence.allow-not-open-source.hint"),
        });
      }
      // Already accepted by its class: the entry changes nothing, and readers of the annex wonder why.
      if (info && policy && isOpenSource(info, policy.definition) && info.class !== undefined && policy.allowedClasses.includes(info.class) && !denied.has(id)) {
        out.push({
          code: "licence.allow-redundant",
          severity: "warning",
          path,
          message: t("findings.licence.allow-redundant.message", { id, class: classWord(info.class, t) }),
          hint: t("findings.licence.allow-redundant.hint"),
        });
      }
      if (denied.has(id)) {
        out.push({
          code: "licence.allow-deny-conflict",
          severity: "error",
          path,
          message: t("findings.licence.allow-deny-conflict.message", { id }),
          hint: t("findings.licence.allow-deny-conflict.hint"),
        });
      }
    });
    deny.forEach((id, i) => {
      if (typeof id !== "string" || id === "") return;
      out.push(...checkIdentifier(["licensePolicy", "deny", i], id, catalogue, t).findings);
    });
    return out;
  },
  questions: [
    { kind: "choices", path: ["licensePolicy", "definition"], choices: ["osi", "fsf"] },
    { kind: "choices", path: ["licensePolicy", "allowedClasses"], choices: [...LICENCE_CLASSES] },
    { kind: "licences", path: ["licensePolicy", "deny"] },
    { kind: "licences", path: ["licensePolicy", "allow"] },
  ],
};
