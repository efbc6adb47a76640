/**
 * A delivered SBOM checked against the tender's answers: the format asked for (OSS-09), the format's
 * schema, a licence for every package, each licence under the tender's policy (OSS-04, OSS-05, with the
 * same rules as `validate`), and every required component present in the version asked (OSS-01), compared
 * with the ordering of the package's ecosystem (versions.ts).
 */
import type { Answers } from "../answers/model.js";
import type { LicencePolicy } from "../licences/policy.js";
import { judgeStatement, quote, type LicenceFinding, type StatementVerdict } from "./licence.js";
import { purlFacts, type ElementKind, type ReadSbom, type SbomPackage } from "./read.js";
import { checkSbomSchema, SPDX300_CONTEXT, type SchemaCheck, type SchemaProblem } from "./schema.js";
import { inRange, orderingOf, prepareOrdering, type Ordering } from "./versions.js";

export type Status = "error" | "warning" | "ok";

export interface SbomFinding {
  readonly severity: "error" | "warning";
  /** The requirement of the annex it relates to. */
  readonly requirement: string;
  /** What it says, as a message key (sbom.finding.<code>) and its placeholders, for any language. */
  readonly code: string;
  readonly params: Readonly<Record<string, string | number>>;
  /** For code "schema": the problem against the schema, said by sbom/words.ts. */
  readonly problem?: SchemaProblem;
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

/** How many findings of one kind (code) there are, for the grouped reports. */
export interface FindingKind {
  readonly code: string;
  readonly severity: "error" | "warning";
  readonly requirement: string;
  /** Packages (or files) with at least one finding of this kind. */
  readonly count: number;
  /** The first one, as an example. */
  readonly example: SbomFinding;
}

export interface SbomCheck {
  readonly format: string;
  readonly schema: SchemaCheck;
  /** Findings about the document as a whole (format, schema, licences overall). */
  readonly document: readonly SbomFinding[];
  /** Packages, and files and snippets that carry a licence, in the order of the SBOM. */
  readonly packages: readonly PackageResult[];
  readonly components: readonly ComponentResult[];
  /** Licences the SBOM defines itself (LicenseRef-…), with their name and text. */
  readonly licenceRefs: ReadSbom["licenceRefs"];
  /** Every kind of finding on packages, errors first, most frequent first. */
  readonly kinds: readonly FindingKind[];
  readonly counts: {
    /** Packages (SPDX 3: AI and dataset packages too). */
    readonly packages: Readonly<Record<Status, number>>;
    /** Files and snippets that carry a licence. */
    readonly files: Readonly<Record<Status, number>>;
    readonly components: Readonly<Record<Status, number>>;
    /** Packages without a licence. */
    readonly withoutLicence: number;
    /** Errors of every kind: document, packages, files and required components. */
    readonly errors: number;
  };
}

const statusOf = (findings: readonly { severity: string }[]): Status =>
  findings.some((f) => f.severity === "error") ? "error" : findings.length > 0 ? "warning" : "ok";

export const isPackageKind = (kind: ElementKind): boolean => kind !== "file" && kind !== "snippet";

function checkPackage(pkg: SbomPackage, judged: (s: SbomPackage["licences"][number]) => StatementVerdict): PackageResult {
  const findings: LicenceFinding[] = [];
  if (pkg.licences.length === 0) {
    findings.push({ severity: "warning", requirement: "OSS-09", code: "no-licence", params: { absent: pkg.absent ?? "missing" } });
  } else {
    const verdicts = pkg.licences.map(judged);
    for (const v of verdicts) findings.push(...v.findings);
    const refused = verdicts.filter((v) => !v.accepted).length;
    // Several licences listed (CycloneDX): each was judged as applying; say so where it decides the verdict.
    if (pkg.licences.length > 1 && refused > 0 && refused < pkg.licences.length) {
      findings.push({ severity: "warning", requirement: "OSS-04", code: "several-licences", params: { count: pkg.licences.length, refused } });
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

/** A package's version as its ecosystem orders it: an RPM epoch given as a purl qualifier goes in front. */
function versionOf(pkg: SbomPackage): { version: string; ordering: Ordering } | undefined {
  if (pkg.version === null) return undefined;
  const facts = purlFacts(pkg.purl);
  const ordering = orderingOf(facts?.type);
  const version = ordering === "rpm" && facts?.epoch !== undefined && !/^\d+:/.test(pkg.version) ? `${facts.epoch}:${pkg.version}` : pkg.version;
  return { version, ordering };
}

async function checkComponents(answers: Answers, packages: readonly SbomPackage[]): Promise<ComponentResult[]> {
  const out: ComponentResult[] = [];
  for (const [i, c] of answers.components.entries()) {
    const requirement = `OSS-01.${i + 1}`;
    const found = packages.filter((p) => isPackageKind(p.kind) && sameComponent(c.name, p));
    const base = { name: c.name, requirement, found };
    // The versions found, as the SBOM wrote them: the first ten, each cut short (the JSON lists every package).
    const versions = `${found.slice(0, 10).map((p) => quote(p.version ?? "—")).join(", ")}${found.length > 10 ? ", …" : ""}`;
    if (found.length === 0) {
      out.push(c.orEquivalent ? { ...base, status: "warning", code: "component-missing-equivalent", params: { name: c.name } } : { ...base, status: "error", code: "component-missing", params: { name: c.name } });
      continue;
    }
    if (c.version !== null) {
      const verdicts: (boolean | undefined)[] = [];
      for (const p of found) {
        const v = versionOf(p);
        if (v === undefined) {
          verdicts.push(undefined);
          continue;
        }
        await prepareOrdering(v.ordering);
        verdicts.push(inRange(v.version, c.version, v.ordering));
      }
      if (!verdicts.includes(true)) {
        out.push(
          verdicts.includes(undefined)
            ? { ...base, status: "warning", code: "component-range-unknown", params: { name: c.name, range: c.version, versions } }
            : { ...base, status: "error", code: "component-version", params: { name: c.name, versions, range: c.version } },
        );
        continue;
      }
    }
    out.push({ ...base, status: "ok", code: "component-found", params: { name: c.name, versions } });
  }
  return out;
}

function tally(statuses: readonly Status[]): Record<Status, number> {
  const out: Record<Status, number> = { ok: 0, warning: 0, error: 0 };
  for (const s of statuses) out[s]++;
  return out;
}

function kindsOf(packages: readonly PackageResult[]): FindingKind[] {
  const kinds = new Map<string, { code: string; severity: "error" | "warning"; requirement: string; count: number; example: SbomFinding }>();
  for (const p of packages) {
    const seen = new Set<string>();
    for (const f of p.findings) {
      const key = `${f.severity}\u0000${f.code}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const kind = kinds.get(key);
      if (kind) kind.count++;
      else kinds.set(key, { code: f.code, severity: f.severity, requirement: f.requirement, count: 1, example: f });
    }
  }
  return [...kinds.values()].sort((a, b) => (a.severity === b.severity ? b.count - a.count : a.severity === "error" ? -1 : 1));
}

/**
 * `stated`: the requirement identifiers the tender's annex states. A finding under a requirement the annex
 * does not state (licence classes, when the tender names no component and requires open source for no
 * need) cannot refuse a delivery: it is kept as a warning, and the report says why.
 */
export async function checkSbom(sbom: ReadSbom, answers: Answers, stated?: ReadonlySet<string>): Promise<SbomCheck> {
  const document: SbomFinding[] = [];
  const format = sbom.format ?? sbom.declared;
  const asked = answers.compliance.sbom;
  if (sbom.format === null) {
    document.push({ severity: "error", requirement: "OSS-09", code: "format-unknown", params: { declared: sbom.declared } });
  } else if (asked.required && !asked.formats.includes(sbom.format)) {
    document.push({ severity: "error", requirement: "OSS-09", code: "format-not-asked", params: { format: sbom.format, asked: asked.formats.join(", ") } });
  }
  const schema: SchemaCheck = sbom.format === null ? { against: { kind: "official", format: "SPDX", version: "" }, problems: [], count: 0 } : checkSbomSchema(sbom.format, sbom.data);
  if (sbom.context === SPDX300_CONTEXT) document.push({ severity: "warning", requirement: "OSS-09", code: "spdx-300-context", params: {} });
  const against = { format: schema.against.format, version: schema.against.version };
  for (const problem of schema.problems) document.push({ severity: "error", requirement: "OSS-09", code: "schema", params: against, problem });
  if (schema.count > schema.problems.length) document.push({ severity: "error", requirement: "OSS-09", code: "schema-count", params: { ...against, count: schema.count, listed: schema.problems.length } });
  const policy: LicencePolicy = answers.licensePolicy;
  // The same licence is written on thousands of packages: judge each distinct statement once.
  const memo = new Map<string, StatementVerdict>();
  const judged = (s: SbomPackage["licences"][number]): StatementVerdict => {
    const key = `${s.form}\u0000${s.text}\u0000${s.licenceText ?? ""}`;
    let v = memo.get(key);
    if (v === undefined) {
      v = judgeStatement(s, policy, sbom.licenceRefs);
      memo.set(key, v);
    }
    return v;
  };
  let outside = false;
  const packages = sbom.packages.map((p) => {
    const result = checkPackage(p, judged);
    if (stated === undefined || result.findings.every((f) => f.severity !== "error" || stated.has(f.requirement))) return result;
    outside = true;
    const findings = result.findings.map((f) => (f.severity === "error" && !stated.has(f.requirement) ? { ...f, severity: "warning" as const } : f));
    return { ...result, findings, status: statusOf(findings) };
  });
  if (outside) document.push({ severity: "warning", requirement: "OSS-04", code: "licences-not-stated", params: {} });
  const real = packages.filter((p) => isPackageKind(p.package.kind));
  const withoutLicence = real.filter((p) => p.package.licences.length === 0).length;
  if (asked.required && sbom.format !== null) {
    // The SBOM clause: a component whose licence is unknown is accepted only with the buyer's written
    // agreement; an SBOM that gives no licence at all (or lists nothing) cannot be accepted.
    if (real.length === 0) document.push({ severity: "error", requirement: "OSS-09", code: "no-packages", params: {} });
    else if (withoutLicence === real.length) document.push({ severity: "error", requirement: "OSS-09", code: "no-licence-at-all", params: { count: real.length } });
  }
  const components = await checkComponents(answers, sbom.packages);
  const packageCounts = tally(real.map((p) => p.status));
  const fileCounts = tally(packages.filter((p) => !isPackageKind(p.package.kind)).map((p) => p.status));
  const componentCounts = tally(components.map((c) => c.status));
  return {
    format,
    schema,
    document,
    packages,
    components,
    licenceRefs: sbom.licenceRefs,
    kinds: kindsOf(packages),
    counts: {
      packages: packageCounts,
      files: fileCounts,
      components: componentCounts,
      withoutLicence,
      errors: packageCounts.error + fileCounts.error + componentCounts.error + document.filter((d) => d.severity === "error").length,
    },
  };
}
