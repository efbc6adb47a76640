/**
 * A delivered SBOM checked against the tender's answers: the format asked for (OSS-09), the format's
 * schema, a licence for every package, each licence under the tender's policy (OSS-04, OSS-05, with the
 * same rules as `validate`), and every required component present in the version asked (OSS-01).
 */
import semver from "semver";
import type { Answers } from "../answers/model.js";
import { CLASS_WORDS, licenceCatalogue } from "../licences/catalogue.js";
import { leafText, parseLicence } from "../licences/expression.js";
import { judge, type LicencePolicy } from "../licences/policy.js";

import type { ReadSbom, SbomPackage } from "./read.js";
import { checkSbomSchema } from "./schema.js";

export type Status = "error" | "warning" | "ok";

export interface SbomFinding {
  readonly severity: "error" | "warning";
  /** The requirement of the annex it relates to. */
  readonly requirement: string;
  readonly message: string;
}

export interface PackageResult {
  readonly package: SbomPackage;
  readonly status: Status;
  readonly findings: readonly SbomFinding[];
}

export interface ComponentResult {
  readonly name: string;
  readonly requirement: string;
  readonly found: readonly SbomPackage[];
  readonly status: Status;
  readonly message: string;
}

export interface SbomCheck {
  readonly format: string;
  readonly schema: { readonly against: string; readonly problems: readonly string[] };
  /** Findings about the document as a whole (format, schema). */
  readonly document: readonly SbomFinding[];
  readonly packages: readonly PackageResult[];
  readonly components: readonly ComponentResult[];
  readonly counts: {
    readonly packages: Readonly<Record<Status, number>>;
    readonly components: Readonly<Record<Status, number>>;
    readonly withoutLicence: number;
    /** Errors of every kind: document, packages and required components. */
    readonly errors: number;
  };
}

const statusOf = (findings: readonly { severity: string }[]): Status =>
  findings.some((f) => f.severity === "error") ? "error" : findings.length > 0 ? "warning" : "ok";

function checkPackage(pkg: SbomPackage, policy: LicencePolicy): PackageResult {
  const findings: SbomFinding[] = [];
  const catalogue = licenceCatalogue();
  if (pkg.licence === null) {
    findings.push({ severity: "warning", requirement: "OSS-09", message: "no declared or concluded licence (missing, NOASSERTION or NONE): accepted only with the buyer's written agreement" });
  } else {
    const parsed = parseLicence(pkg.licence, catalogue);
    if (!parsed.ok) {
      findings.push({ severity: "error", requirement: "OSS-04", message: `${parsed.problem}${parsed.suggestion ? ` (did the supplier mean ${parsed.suggestion}?)` : ""}` });
    } else {
      for (const leaf of parsed.leaves) {
        const info = catalogue.leafInfo(leaf);
        if (info?.deprecated) findings.push({ severity: "warning", requirement: "OSS-04", message: `${leafText(leaf)} is a deprecated SPDX identifier${info.replacement ? ` (now ${info.replacement})` : ""}` });
      }
      const verdict = judge(parsed.tree, policy, catalogue);
      if (!verdict.accepted) {
        const why = verdict.leaves
          .filter((v) => !v.accepted)
          .map((v) => {
            const id = leafText(v.leaf);
            switch (v.outcome) {
              case "denied":
                return `${id} is refused by the tender`;
              case "unknown":
                return `${id} is not in the SPDX licence list`;
              case "not-open-source":
                return `${id} is not open source under the tender's definition`;
              case "unclassified":
                return `${id} has no class in Clausier's table`;
              default:
                return `${id} is ${v.info?.class ? CLASS_WORDS[v.info.class] : "?"}, not among the accepted classes`;
            }
          });
        findings.push({ severity: "error", requirement: "OSS-05", message: `licence ${pkg.licence} is not accepted: ${why.join("; ")}` });
      }
    }
  }
  return { package: pkg, status: statusOf(findings), findings };
}

const squash = (s: string): string => s.toLowerCase().replace(/[\s_.-]+/g, "");

/** Whether an SBOM package is the named component: same name, ignoring case, spaces, hyphens and an npm scope. */
export function sameComponent(required: string, pkg: SbomPackage): boolean {
  const names = [pkg.name, pkg.name.split("/").pop() ?? pkg.name];
  return names.some((n) => squash(n) === squash(required));
}

function checkComponents(answers: Answers, packages: readonly SbomPackage[]): ComponentResult[] {
  return answers.components.map((c, i) => {
    const requirement = `OSS-01.${i + 1}`;
    const found = packages.filter((p) => sameComponent(c.name, p));
    if (found.length === 0) {
      return c.orEquivalent
        ? { name: c.name, requirement, found, status: "warning" as const, message: `${c.name} is not in the SBOM: check that an equivalent component was proposed and accepted` }
        : { name: c.name, requirement, found, status: "error" as const, message: `${c.name} is required (no equivalent admitted) and is not in the SBOM` };
    }
    if (c.version !== null) {
      const range = semver.validRange(c.version, { loose: true });
      if (range === null) return { name: c.name, requirement, found, status: "warning" as const, message: `the tender's version "${c.version}" is not a version range Clausier can check; check it by hand` };
      const matching = found.filter((p) => {
        const v = p.version === null ? null : semver.coerce(p.version, { loose: true });
        return v !== null && semver.satisfies(v, range, { loose: true });
      });
      if (matching.length === 0) {
        return { name: c.name, requirement, found, status: "error" as const, message: `${c.name} is in the SBOM in version ${found.map((p) => p.version ?? "(none)").join(", ")}, outside the range the tender requires (${c.version})` };
      }
    }
    return { name: c.name, requirement, found, status: "ok" as const, message: `${c.name} is in the SBOM (${found.map((p) => p.version ?? "no version").join(", ")})` };
  });
}

export function checkSbom(sbom: ReadSbom, answers: Answers): SbomCheck {
  const document: SbomFinding[] = [];
  const format = sbom.format ?? sbom.declared;
  const asked = answers.compliance.sbom;
  if (sbom.format === null) {
    document.push({ severity: "error", requirement: "OSS-09", message: `${sbom.declared} is not a format Clausier reads (SPDX 2.2, 2.3, 3.0; CycloneDX 1.4, 1.5, 1.6)` });
  } else if (asked.required && !asked.formats.includes(sbom.format)) {
    document.push({ severity: "error", requirement: "OSS-09", message: `the SBOM is in ${sbom.format}, but the tender asks for ${asked.formats.join(" or ")}` });
  }
  const schema = sbom.format === null ? { against: "no schema", problems: [] } : checkSbomSchema(sbom.format, sbom.data);
  for (const problem of schema.problems) document.push({ severity: "error", requirement: "OSS-09", message: `not valid against ${schema.against}: ${problem}` });
  const policy: LicencePolicy = answers.licensePolicy;
  const packages = sbom.packages.map((p) => checkPackage(p, policy));
  const components = checkComponents(answers, sbom.packages);
  const tally = (statuses: Status[]): Record<Status, number> => ({ ok: statuses.filter((x) => x === "ok").length, warning: statuses.filter((x) => x === "warning").length, error: statuses.filter((x) => x === "error").length });
  const packageCounts = tally(packages.map((p) => p.status));
  const componentCounts = tally(components.map((c) => c.status));
  return {
    format,
    schema,
    document,
    packages,
    components,
    counts: {
      packages: packageCounts,
      components: componentCounts,
      withoutLicence: sbom.packages.filter((p) => p.licence === null).length,
      errors: packageCounts.error + componentCounts.error + document.filter((d) => d.severity === "error").length,
    },
  };
}
