/**
 * A delivered SBOM checked against the tender's answers: the format asked for (OSS-09), the format's
 * schema, a licence for every package, each licence under the tender's policy (OSS-04, OSS-05, with the
 * same rules as `validate`), and every required component present in the version asked (OSS-01).
 */
import semver from "semver";
import type { Answers } from "../answers/model.js";
import { licenceCatalogue } from "../licences/catalogue.js";
import { leafText, parseLicence } from "../licences/expression.js";
import { judge, type LicencePolicy } from "../licences/policy.js";

import type { ReadSbom, SbomPackage } from "./read.js";
import { checkSbomSchema, type SchemaCheck } from "./schema.js";

export type Status = "error" | "warning" | "ok";

export interface SbomFinding {
  readonly severity: "error" | "warning";
  /** The requirement of the annex it relates to. */
  readonly requirement: string;
  /** What it says, as a message key (sbom.finding.<code>) and its placeholders, for any language. */
  readonly code: string;
  readonly params: Readonly<Record<string, string | number>>;
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
  readonly code: string;
  readonly params: Readonly<Record<string, string | number>>;
}

export interface SbomCheck {
  readonly format: string;
  readonly schema: SchemaCheck;
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
    findings.push({ severity: "warning", requirement: "OSS-09", code: "no-licence", params: {} });
  } else {
    const parsed = parseLicence(pkg.licence, catalogue);
    if (!parsed.ok) {
      findings.push({ severity: "error", requirement: "OSS-04", code: parsed.suggestion ? "invalid-licence-suggestion" : "invalid-licence", params: { licence: pkg.licence, token: "token" in parsed.problem ? parsed.problem.token : pkg.licence, suggestion: parsed.suggestion ?? "" } });
    } else {
      for (const leaf of parsed.leaves) {
        const info = catalogue.leafInfo(leaf);
        if (info?.deprecated) findings.push({ severity: "warning", requirement: "OSS-04", code: info.replacement ? "deprecated-replaced" : "deprecated", params: { id: leafText(leaf), replacement: info.replacement ?? "" } });
      }
      const verdict = judge(parsed.tree, policy, catalogue);
      if (!verdict.accepted) {
        for (const v of verdict.leaves.filter((l) => !l.accepted)) {
          findings.push({ severity: "error", requirement: "OSS-05", code: `refused-${v.outcome}`, params: { licence: pkg.licence, id: leafText(v.leaf), class: v.info?.class ?? "" } });
        }
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
    const base = { name: c.name, requirement, found };
    if (found.length === 0) {
      return c.orEquivalent ? { ...base, status: "warning" as const, code: "component-missing-equivalent", params: { name: c.name } } : { ...base, status: "error" as const, code: "component-missing", params: { name: c.name } };
    }
    if (c.version !== null) {
      const range = semver.validRange(c.version, { loose: true });
      if (range === null) return { ...base, status: "warning" as const, code: "component-range-unknown", params: { name: c.name, range: c.version } };
      const matching = found.filter((p) => {
        const v = p.version === null ? null : semver.coerce(p.version, { loose: true });
        return v !== null && semver.satisfies(v, range, { loose: true });
      });
      if (matching.length === 0) {
        return { ...base, status: "error" as const, code: "component-version", params: { name: c.name, versions: found.map((p) => p.version ?? "—").join(", "), range: c.version } };
      }
    }
    return { ...base, status: "ok" as const, code: "component-found", params: { name: c.name, versions: found.map((p) => p.version ?? "—").join(", ") } };
  });
}

export function checkSbom(sbom: ReadSbom, answers: Answers): SbomCheck {
  const document: SbomFinding[] = [];
  const format = sbom.format ?? sbom.declared;
  const asked = answers.compliance.sbom;
  if (sbom.format === null) {
    document.push({ severity: "error", requirement: "OSS-09", code: "format-unknown", params: { declared: sbom.declared } });
  } else if (asked.required && !asked.formats.includes(sbom.format)) {
    document.push({ severity: "error", requirement: "OSS-09", code: "format-not-asked", params: { format: sbom.format, asked: asked.formats.join(", ") } });
  }
  const schema: SchemaCheck = sbom.format === null ? { against: { kind: "fields", format: "SPDX", version: "" }, problems: [] } : checkSbomSchema(sbom.format, sbom.data);
  for (const problem of schema.problems) document.push({ severity: "error", requirement: "OSS-09", code: "schema", params: { format: schema.against.format, version: schema.against.version, problem } });
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
