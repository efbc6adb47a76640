/**
 * Reading a delivered SBOM: SPDX 2.2/2.3 JSON, SPDX 3.0 JSON-LD or CycloneDX 1.4–1.6 JSON. Detects the
 * format and version, and lists the packages with their licence as an SPDX expression.
 */
import { SbomReadError } from "../errors.js";

export { SbomReadError };

export type SbomFormat = "spdx-2.2" | "spdx-2.3" | "spdx-3.0" | "cyclonedx-1.4" | "cyclonedx-1.5" | "cyclonedx-1.6";

export interface SbomPackage {
  readonly name: string;
  readonly version: string | null;
  /** The licence as an SPDX expression, or null when the SBOM gives none (missing, NOASSERTION, NONE). */
  readonly licence: string | null;
  /** Where the licence comes from. */
  readonly licenceSource: "concluded" | "declared" | "none";
  /** The SBOM's own reference of the package (SPDXID, bom-ref, spdxId). */
  readonly ref: string;
}

export interface ReadSbom {
  readonly format: SbomFormat | null;
  /** What the file says it is, when Clausier does not support it ("CycloneDX 1.3"). */
  readonly declared: string;
  readonly data: unknown;
  readonly packages: readonly SbomPackage[];
}


type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === "object" && !Array.isArray(v);
const str = (v: unknown): string | null => (typeof v === "string" && v.trim() !== "" ? v : null);

/** JSON text → data, with the line and column of a syntax error. */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    const message = (e as Error).message;
    const at = /position (\d+)/.exec(message);
    if (at) {
      const before = text.slice(0, Number(at[1]));
      const lines = before.split("\n");
      throw new SbomReadError("json", { line: lines.length, column: (lines[lines.length - 1]?.length ?? 0) + 1, detail: message });
    }
    throw new SbomReadError("json", { detail: message });
  }
}

const NO_LICENCE = new Set(["NOASSERTION", "NONE"]);

function spdx2Packages(data: Obj): SbomPackage[] {
  const packages = Array.isArray(data["packages"]) ? data["packages"] : [];
  return packages.filter(isObj).map((p, i) => {
    const concluded = str(p["licenseConcluded"]);
    const declared = str(p["licenseDeclared"]);
    const useConcluded = concluded !== null && !NO_LICENCE.has(concluded);
    const useDeclared = !useConcluded && declared !== null && !NO_LICENCE.has(declared);
    return {
      name: str(p["name"]) ?? `(package ${i + 1} without a name)`,
      version: str(p["versionInfo"]),
      licence: useConcluded ? concluded : useDeclared ? declared : null,
      licenceSource: useConcluded ? "concluded" : useDeclared ? "declared" : "none",
      ref: str(p["SPDXID"]) ?? `packages[${i}]`,
    };
  });
}

function cyclonedxLicence(component: Obj): { licence: string | null; source: SbomPackage["licenceSource"] } {
  const entries = Array.isArray(component["licenses"]) ? component["licenses"].filter(isObj) : [];
  const parts: { text: string; ack: string | null }[] = [];
  for (const entry of entries) {
    const expression = str(entry["expression"]);
    if (expression !== null) {
      parts.push({ text: expression, ack: str(entry["acknowledgement"]) });
      continue;
    }
    const licence = isObj(entry["license"]) ? entry["license"] : undefined;
    const id = licence ? (str(licence["id"]) ?? str(licence["name"])) : null;
    if (id !== null) parts.push({ text: id, ack: licence ? str(licence["acknowledgement"]) : null });
  }
  if (parts.length === 0) return { licence: null, source: "none" };
  // Prefer concluded licences where the SBOM says which are which (CycloneDX 1.6 "acknowledgement").
  const concluded = parts.filter((p) => p.ack === "concluded");
  const chosen = concluded.length > 0 ? concluded : parts;
  // Several licence entries apply together: every one must be acceptable.
  const text = chosen.length === 1 ? (chosen[0]?.text ?? "") : chosen.map((p) => (/\s/.test(p.text) ? `(${p.text})` : p.text)).join(" AND ");
  return { licence: text, source: concluded.length > 0 ? "concluded" : "declared" };
}

function cyclonedxPackages(data: Obj): SbomPackage[] {
  const out: SbomPackage[] = [];
  const walk = (components: unknown, prefix: string): void => {
    if (!Array.isArray(components)) return;
    components.filter(isObj).forEach((c, i) => {
      const group = str(c["group"]);
      const name = str(c["name"]) ?? `(component ${i + 1} without a name)`;
      const { licence, source } = cyclonedxLicence(c);
      out.push({ name: group ? `${group}/${name}` : name, version: str(c["version"]), licence, licenceSource: source, ref: str(c["bom-ref"]) ?? `${prefix}[${i}]` });
      walk(c["components"], `${prefix}[${i}].components`);
    });
  };
  walk(data["components"], "components");
  return out;
}

function spdx3Packages(data: Obj): SbomPackage[] {
  const graph = Array.isArray(data["@graph"]) ? data["@graph"].filter(isObj) : [];
  const idOf = (e: Obj): string | null => str(e["spdxId"]) ?? str(e["@id"]);
  const expressions = new Map<string, string>();
  for (const e of graph) {
    const type = str(e["type"]) ?? str(e["@type"]);
    const text = str(e["simplelicensing_licenseExpression"]) ?? str(e["simpleLicensing_licenseExpression"]);
    const id = idOf(e);
    if (id !== null && text !== null && type !== null && /LicenseExpression$/i.test(type)) expressions.set(id, text);
  }
  const licences = new Map<string, { concluded?: string; declared?: string }>();
  for (const e of graph) {
    const type = str(e["type"]) ?? str(e["@type"]);
    if (type !== "Relationship") continue;
    const kind = str(e["relationshipType"]);
    const from = str(e["from"]);
    const to = Array.isArray(e["to"]) ? e["to"].map(String) : [];
    if (from === null || (kind !== "hasConcludedLicense" && kind !== "hasDeclaredLicense")) continue;
    const text = to.map((t) => expressions.get(t) ?? t).join(" AND ");
    const entry = licences.get(from) ?? {};
    if (kind === "hasConcludedLicense") entry.concluded = text;
    else entry.declared = text;
    licences.set(from, entry);
  }
  return graph
    .filter((e) => (str(e["type"]) ?? str(e["@type"])) === "software_Package")
    .map((p, i) => {
      const ref = idOf(p) ?? `@graph package ${i + 1}`;
      const l = licences.get(ref) ?? {};
      const concluded = l.concluded !== undefined && !NO_LICENCE.has(l.concluded) ? l.concluded : undefined;
      const declared = l.declared !== undefined && !NO_LICENCE.has(l.declared) ? l.declared : undefined;
      return {
        name: str(p["name"]) ?? `(package ${i + 1} without a name)`,
        version: str(p["software_packageVersion"]),
        licence: concluded ?? declared ?? null,
        licenceSource: concluded ? "concluded" : declared ? "declared" : "none",
        ref,
      };
    });
}

export function readSbom(input: string | Uint8Array): ReadSbom {
  const text = typeof input === "string" ? input : new TextDecoder("utf-8").decode(input);
  const data = parseJson(text);
  if (!isObj(data)) throw new SbomReadError("not-object");
  if (data["bomFormat"] === "CycloneDX") {
    const version = String(data["specVersion"] ?? "");
    const format = (["1.4", "1.5", "1.6"].includes(version) ? `cyclonedx-${version}` : null) as SbomFormat | null;
    return { format, declared: `CycloneDX ${version}`, data, packages: format ? cyclonedxPackages(data) : [] };
  }
  if (typeof data["spdxVersion"] === "string") {
    const version = data["spdxVersion"].replace(/^SPDX-/, "");
    const format = (["2.2", "2.3"].includes(version) ? `spdx-${version}` : null) as SbomFormat | null;
    return { format, declared: `SPDX ${version}`, data, packages: format ? spdx2Packages(data) : [] };
  }
  const context = JSON.stringify(data["@context"] ?? "");
  if (Array.isArray(data["@graph"]) && /spdx\.org\/rdf\/3\.0/.test(context)) {
    return { format: "spdx-3.0", declared: "SPDX 3.0", data, packages: spdx3Packages(data) };
  }
  if (Array.isArray(data["@graph"]) && /spdx\.org\/rdf\//.test(context)) {
    return { format: null, declared: `SPDX (${context})`, data, packages: [] };
  }
  throw new SbomReadError("not-sbom");
}
