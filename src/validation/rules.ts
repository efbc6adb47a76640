/**
 * The rules the schema cannot express: licences (SPDX validity, open source per the chosen bodies,
 * classes, allow/deny), governance, "or equivalent", and answers that contradict each other or have no
 * effect. Each rule reads the raw answers defensively (the schema may have failed elsewhere), so that every
 * problem is reported in one run.
 */
import type { AnswerPath, Finding } from "../diagnostics.js";
import { CLASS_WORDS, LICENCE_CLASSES, licenceCatalogue, type LicenceCatalogue, type LicenceClass, type LicenceInfo } from "../licences/catalogue.js";
import { joinWords } from "../words.js";
import { leafText, parseLicence } from "../licences/expression.js";
import { isOpenSource, judge, type Body, type LeafVerdict, type LicencePolicy } from "../licences/policy.js";

type Data = Record<string, unknown>;

function at(data: unknown, ...path: (string | number)[]): unknown {
  let cursor = data;
  for (const step of path) {
    if (cursor === null || typeof cursor !== "object") return undefined;
    cursor = (cursor as Data)[step as string];
  }
  return cursor;
}
const str = (v: unknown): string | undefined => (typeof v === "string" && v !== "" ? v : undefined);
const bool = (v: unknown): boolean | undefined => (typeof v === "boolean" ? v : undefined);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const strings = (v: unknown): string[] => list(v).filter((x): x is string => typeof x === "string");

const BODY_WORDS: Record<Body, string> = { osi: "the OSI", fsf: "the FSF" };

function policyFrom(data: unknown): LicencePolicy | undefined {
  const definition = strings(at(data, "licensePolicy", "definition")).filter((b): b is Body => b === "osi" || b === "fsf");
  const allowedClasses = strings(at(data, "licensePolicy", "allowedClasses")).filter((c): c is LicenceClass =>
    (LICENCE_CLASSES as readonly string[]).includes(c),
  );
  if (definition.length === 0 || allowedClasses.length === 0) return undefined;
  return {
    definition,
    allowedClasses,
    allow: strings(at(data, "licensePolicy", "allow")),
    deny: strings(at(data, "licensePolicy", "deny")),
  };
}

function definitionWords(definition: readonly Body[]): string {
  return joinWords(definition.map((b) => BODY_WORDS[b]), "or");
}

/** Why one licence of an expression is refused, in words. */
function refusal(v: LeafVerdict, policy: LicencePolicy): string {
  const id = leafText(v.leaf);
  switch (v.outcome) {
    case "denied":
      return `${id} is on the buyer's list of refused licences (licensePolicy.deny)`;
    case "unknown":
      return `${id} is not in the SPDX licence list, so Clausier cannot tell whether it is open source`;
    case "not-open-source":
      return `${id} is not approved by ${definitionWords(policy.definition)}, so it is not open source under this tender's definition`;
    case "unclassified":
      return `Clausier has no class for ${id}, so it cannot tell whether it is ${joinWords(policy.allowedClasses.map((c) => CLASS_WORDS[c]), "or")}`;
    case "class-not-allowed":
      return `${id} is ${CLASS_WORDS[v.info?.class as LicenceClass]}, and the policy accepts only ${joinWords(policy.allowedClasses.map((c) => CLASS_WORDS[c]))} licences`;
    default:
      return `${id} is accepted`;
  }
}

function deprecationWarnings(path: AnswerPath, infos: (LicenceInfo | undefined)[]): Finding[] {
  return infos
    .filter((i): i is LicenceInfo => i?.deprecated === true)
    .map((info) => ({
      code: "licence.deprecated",
      severity: "warning" as const,
      path,
      message: `${info.id} is a deprecated SPDX identifier`,
      hint: info.replacement !== undefined ? `Use ${info.replacement} instead.` : "See the SPDX licence list for the identifier that replaces it.",
    }));
}

function componentLabel(data: unknown, i: number): string {
  const name = str(at(data, "components", i, "name"));
  return name !== undefined ? `Component "${name}"` : `Component no. ${i + 1}`;
}

function checkComponentLicences(data: unknown, policy: LicencePolicy | undefined, catalogue: LicenceCatalogue): Finding[] {
  const out: Finding[] = [];
  list(at(data, "components")).forEach((_, i) => {
    const path = ["components", i, "license"];
    const text = str(at(data, ...path));
    if (text === undefined) return;
    const parsed = parseLicence(text, catalogue);
    const who = componentLabel(data, i);
    if (!parsed.ok) {
      out.push({
        code: "licence.invalid",
        severity: "error",
        path,
        message: `${who}: ${parsed.problem}`,
        hint: parsed.suggestion !== undefined ? `Did you mean "${parsed.suggestion}"?` : "Write the SPDX identifier as listed at spdx.org/licenses, for example MPL-2.0 or Apache-2.0.",
      });
      return;
    }
    out.push(...deprecationWarnings(path, parsed.leaves.map((l) => catalogue.leafInfo(l))));
    if (policy === undefined) return;
    const verdict = judge(parsed.tree, policy, catalogue);
    if (verdict.accepted) return;
    const refused = verdict.leaves.filter((v) => !v.accepted);
    const conj = parsed.leaves.length === 1 ? "" : text.includes(" OR ") && !text.includes(" AND ") ? "none of the licences offered is acceptable: " : "every licence of the expression must be acceptable, but ";
    out.push({
      code: "licence.not-acceptable",
      severity: "error",
      path,
      message: `${who} is under ${text}, which the tender's licence policy does not accept: ${conj}${refused.map((v) => refusal(v, policy)).join("; ")}`,
      hint: `Name another component, or, if the buyer accepts this licence, add ${refused.map((v) => v.leaf.license).filter((id, k, all) => all.indexOf(id) === k).join(", ")} to licensePolicy.allow${refused.some((v) => v.outcome === "denied") ? " and remove it from licensePolicy.deny" : ""}.`,
    });
  });
  return out;
}

/** A single SPDX identifier (allow, deny, the buyer's licences). */
function checkIdentifier(path: AnswerPath, text: string, catalogue: LicenceCatalogue): { info?: LicenceInfo; findings: Finding[] } {
  if (catalogue.isLicence(text)) {
    const info = catalogue.info(text);
    return info ? { info, findings: deprecationWarnings(path, [info]) } : { findings: [] };
  }
  const parsed = parseLicence(text, catalogue);
  if (parsed.ok && parsed.leaves.length > 0) {
    return {
      findings: [
        {
          code: "licence.not-identifier",
          severity: "error",
          path,
          message: `"${text}" is a licence expression, but a single SPDX licence identifier is expected here`,
          hint: "Give one identifier per list item, for example EUPL-1.2.",
        },
      ],
    };
  }
  const suggestion = parsed.ok ? undefined : parsed.suggestion;
  return {
    findings: [
      {
        code: "licence.invalid",
        severity: "error",
        path,
        message: `"${text}" is not an SPDX licence identifier`,
        hint: suggestion !== undefined ? `Did you mean "${suggestion}"?` : "Write the identifier as listed at spdx.org/licenses, for example EUPL-1.2.",
      },
    ],
  };
}

function checkPolicyLists(data: unknown, policy: LicencePolicy | undefined, catalogue: LicenceCatalogue): Finding[] {
  const out: Finding[] = [];
  const allow = list(at(data, "licensePolicy", "allow"));
  const deny = list(at(data, "licensePolicy", "deny"));
  allow.forEach((id, i) => {
    if (typeof id !== "string" || id === "") return;
    const path = ["licensePolicy", "allow", i];
    const { info, findings } = checkIdentifier(path, id, catalogue);
    out.push(...findings);
    if (info && policy && !isOpenSource(info, policy.definition)) {
      out.push({
        code: "licence.allow-not-open-source",
        severity: "error",
        path,
        message: `${id} is on the list of licences always accepted, but it is not approved by ${definitionWords(policy.definition)}, so it is not open source under this tender's definition`,
        hint: "Remove it from licensePolicy.allow, or change licensePolicy.definition.",
      });
    }
    if (deny.includes(id)) {
      out.push({
        code: "licence.allow-deny-conflict",
        severity: "error",
        path,
        message: `${id} is both always accepted (licensePolicy.allow) and always refused (licensePolicy.deny)`,
        hint: "Keep it in one of the two lists only.",
      });
    }
  });
  deny.forEach((id, i) => {
    if (typeof id !== "string" || id === "") return;
    out.push(...checkIdentifier(["licensePolicy", "deny", i], id, catalogue).findings);
  });
  return out;
}

function checkBuyerLicences(data: unknown, policy: LicencePolicy | undefined, catalogue: LicenceCatalogue): Finding[] {
  const out: Finding[] = [];
  const commit = bool(at(data, "buyerDistribution", "commit"));
  const licence = str(at(data, "buyerDistribution", "license"));
  const docLicence = str(at(data, "buyerDistribution", "documentationLicense"));
  if (licence !== undefined) {
    const path = ["buyerDistribution", "license"];
    const { info, findings } = checkIdentifier(path, licence, catalogue);
    out.push(...findings);
    if (info && policy && !isOpenSource(info, policy.definition)) {
      out.push({
        code: "licence.publication-not-open-source",
        severity: "error",
        path,
        message: `The buyer would publish under ${licence}, which is not approved by ${definitionWords(policy.definition)}, so it is not an open source licence under this tender's definition`,
        hint: "Choose an approved licence, for example EUPL-1.2 or Apache-2.0.",
      });
    }
  }
  if (docLicence !== undefined) {
    const path = ["buyerDistribution", "documentationLicense"];
    const { info, findings } = checkIdentifier(path, docLicence, catalogue);
    out.push(...findings);
    if (info && !info.osiApproved && info.fsfLibre !== true) {
      out.push({
        code: "licence.documentation-not-free",
        severity: "error",
        path,
        message: `The documentation would be published under ${docLicence}, which neither the OSI nor the FSF recognises as a free licence (it may forbid commercial use or changes)`,
        hint: "Choose a free documentation licence, for example CC-BY-4.0 or CC-BY-SA-4.0.",
      });
    }
  }
  if (commit === false) {
    for (const key of ["license", "documentationLicense"] as const) {
      if (str(at(data, "buyerDistribution", key)) !== undefined) out.push(unused(["buyerDistribution", key], "the buyer does not commit to publish (buyerDistribution.commit is false)"));
    }
  }
  return out;
}

function unused(path: AnswerPath, because: string): Finding {
  return {
    code: "answer.unused",
    severity: "warning",
    path,
    message: `This answer has no effect on the annex because ${because}`,
    hint: "Remove it, or change the answer it depends on.",
  };
}

const norm = (s: string): string => s.trim().toLowerCase().replace(/\s+/g, " ");

function checkGovernance(data: unknown): Finding[] {
  const out: Finding[] = [];
  const required = bool(at(data, "governance", "required"));
  const foundations = strings(at(data, "governance", "foundations"));
  if (required === true && foundations.length > 0) {
    const known = new Set(foundations.map(norm));
    list(at(data, "components")).forEach((_, i) => {
      const gov = str(at(data, "components", i, "governance"));
      const who = componentLabel(data, i);
      if (gov === undefined) {
        out.push({
          code: "governance.unknown",
          severity: "warning",
          path: ["components", i],
          message: `${who} does not say which foundation or body governs it, while open governance is required`,
          hint: `Add "governance:" to the component, naming one of: ${foundations.join(", ")}.`,
        });
      } else if (!known.has(norm(gov))) {
        out.push({
          code: "governance.not-listed",
          severity: "warning",
          path: ["components", i, "governance"],
          message: `${who} is governed by "${gov}", which is not among the foundations the tender accepts (${foundations.join(", ")})`,
          hint: `Add "${gov}" to governance.foundations, or check the spelling.`,
        });
      }
    });
  }
  if (required === false && foundations.length > 0) out.push(unused(["governance", "foundations"], "open governance is not required (governance.required is false)"));
  return out;
}

function checkComponents(data: unknown): Finding[] {
  const out: Finding[] = [];
  list(at(data, "components")).forEach((_, i) => {
    if (at(data, "components", i, "orEquivalent") === false && str(at(data, "components", i, "justification")) === undefined) {
      out.push({
        code: "component.no-justification",
        severity: "warning",
        path: ["components", i, "orEquivalent"],
        message: `${componentLabel(data, i)} is required without "or equivalent" and without a justification. EU and French procurement law allow naming a product only when the subject of the contract justifies it (Directive 2014/25/EU art. 60(4), Directive 2014/24/EU art. 42(4), Code de la commande publique art. R2111-7)`,
        hint: 'Add "justification:" explaining why this component and no other (for example interoperability with existing systems), or set orEquivalent: true.',
      });
    }
  });
  return out;
}

function checkConsistency(data: unknown): Finding[] {
  const out: Finding[] = [];
  const scope = str(at(data, "openSource", "scope"));
  const mode = str(at(data, "openSource", "mode")) ?? "mandatory";
  if (scope === "none" && mode === "award-criterion") {
    out.push({
      code: "open-source.award-without-scope",
      severity: "error",
      path: ["openSource", "mode"],
      message: "Open source is an award criterion, but the scope is none, so there is nothing to score",
      hint: "Set openSource.scope to partial (with the needs) or all, or set mode to mandatory.",
    });
  }
  if (scope === "none" && list(at(data, "openSource", "needs")).length > 0) out.push(unused(["openSource", "needs"], "the scope is none"));
  if (mode !== "award-criterion" && at(data, "openSource", "weight") !== undefined) {
    out.push(unused(["openSource", "weight"], "open source is not an award criterion (openSource.mode is mandatory)"));
  }
  const openChain = bool(at(data, "compliance", "openChain"));
  const security = bool(at(data, "compliance", "securityAssurance")) ?? false;
  if (openChain === false && !security && at(data, "compliance", "evidence") !== undefined) {
    out.push(unused(["compliance", "evidence"], "no compliance programme is required (openChain and securityAssurance are false)"));
  }
  if (bool(at(data, "compliance", "sbom", "required")) === false) {
    if (list(at(data, "compliance", "sbom", "formats")).length > 0) out.push(unused(["compliance", "sbom", "formats"], "no SBOM is required"));
    if (at(data, "compliance", "sbom", "includeNonCodeAssets") !== undefined) out.push(unused(["compliance", "sbom", "includeNonCodeAssets"], "no SBOM is required"));
  }

  const nothing =
    (scope === undefined || scope === "none") &&
    list(at(data, "components")).length === 0 &&
    bool(at(data, "governance", "required")) !== true &&
    openChain !== true &&
    !security &&
    bool(at(data, "compliance", "sbom", "required")) !== true &&
    bool(at(data, "upstream", "contribute")) !== true &&
    bool(at(data, "upstream", "documentation")) !== true &&
    bool(at(data, "buyerDistribution", "commit")) !== true;
  if (nothing) {
    out.push({
      code: "annex.requires-nothing",
      severity: "warning",
      path: [],
      message: "With these answers the annex requires nothing: no open source scope, no components, and every principle is off",
      hint: "Check that this is intended; the annex will only state the definitions and the precedence of the annex.",
    });
  }
  return out;
}

/** Every rule, on the raw answers. */
export function checkRules(data: unknown): Finding[] {
  const catalogue = licenceCatalogue();
  const policy = policyFrom(data);
  return [
    ...checkComponentLicences(data, policy, catalogue),
    ...checkPolicyLists(data, policy, catalogue),
    ...checkBuyerLicences(data, policy, catalogue),
    ...checkGovernance(data),
    ...checkComponents(data),
    ...checkConsistency(data),
  ];
}
