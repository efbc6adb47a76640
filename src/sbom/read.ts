/**
 * Reading a delivered SBOM: SPDX 2.2/2.3 JSON, SPDX 3.0 JSON-LD or CycloneDX 1.4–1.6 JSON. Detects the
 * format and version, and lists the packages (and the files and snippets that carry a licence) with their
 * licences as the SBOM wrote them, their package URL and version. Every walk here is a loop over the data,
 * never a recursion the file could make deep (the JSON reader bounds the nesting anyway).
 *
 * What several CycloneDX licence entries mean: CycloneDX 1.4–1.6 define `licenses` as either a list of
 * licence objects (an SPDX `id` or a `name`) or, from 1.5, a single SPDX `expression`; the specification
 * does not say whether several licence objects all apply or offer a choice. Clausier reads them as all
 * applying (the cautious reading: each must be acceptable), judges each one as written and quotes each one
 * alone; it never joins them into an expression the SBOM did not contain. Where CycloneDX 1.6 marks some as
 * `acknowledgement: concluded` (or ORT's `ort:origin` property says "concluded license"), only those are
 * judged; otherwise the declared ones.
 */
import { PackageURL } from "packageurl-js";
import { SbomReadError } from "../errors.js";
import { decodeSbom, parseSbomJson } from "./json.js";

export { SbomReadError };

export type SbomFormat = "spdx-2.2" | "spdx-2.3" | "spdx-3.0" | "cyclonedx-1.4" | "cyclonedx-1.5" | "cyclonedx-1.6";

/** What an SBOM element is: a package (SPDX 3: also an AI or dataset package), a file or a snippet. */
export type ElementKind = "package" | "ai-package" | "dataset-package" | "file" | "snippet";

/** One licence statement, exactly as the SBOM wrote it. */
export interface LicenceStatement {
  readonly text: string;
  /**
   * expression: an SPDX licence expression (SPDX documents, CycloneDX `expression`, SPDX 3 licence sets);
   * id: a CycloneDX `license.id`; name: a CycloneDX `license.name`; custom: an SPDX 3 CustomLicense
   * element named directly (its name, or its spdxId when it has none).
   */
  readonly form: "expression" | "id" | "name" | "custom";
  /** The licence's own text, where the SBOM gives it with the licence (CycloneDX license.text, SPDX 3 CustomLicense). */
  readonly licenceText?: string;
}

/** A licence the SBOM defines itself: SPDX `LicenseRef-…` (hasExtractedLicensingInfos, SPDX 3 CustomLicense). */
export interface LicenceRefInfo {
  readonly id: string;
  readonly name: string | null;
  readonly text: string | null;
}

export interface SbomPackage {
  readonly kind: ElementKind;
  readonly name: string;
  readonly version: string | null;
  /** The package URL (pkg:type/…), when the SBOM gives one. */
  readonly purl: string | null;
  /** The licences judged, as written (empty when the SBOM gives none). */
  readonly licences: readonly LicenceStatement[];
  /** The licences as one line of text (several are separated by "; "), or null when there is none. */
  readonly licence: string | null;
  /** Where the licences come from: concluded or declared, or licences found in a file or snippet. */
  readonly licenceSource: "concluded" | "declared" | "in-file" | "none";
  /** Why there is no licence: the SBOM says NOASSERTION, says NONE, or says nothing. */
  readonly absent?: "noassertion" | "none" | "missing";
  /** The SBOM's own reference of the element (SPDXID, bom-ref, spdxId). */
  readonly ref: string;
}

export interface ReadSbom {
  readonly format: SbomFormat | null;
  /** What the file says it is, when Clausier does not support it ("CycloneDX 1.3"). */
  readonly declared: string;
  readonly data: unknown;
  readonly packages: readonly SbomPackage[];
  /** The licences the SBOM defines itself, by their LicenseRef id. */
  readonly licenceRefs: ReadonlyMap<string, LicenceRefInfo>;
  /** SPDX 3: the context the document names (3.0.0 or 3.0.1). */
  readonly context?: string;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === "object" && !Array.isArray(v);
const str = (v: unknown): string | null => (typeof v === "string" && v.trim() !== "" ? v : null);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined || v === null ? [] : [v]);

const NO_LICENCE: Readonly<Record<string, "noassertion" | "none">> = { NOASSERTION: "noassertion", NONE: "none" };

function joined(statements: readonly LicenceStatement[]): string | null {
  return statements.length === 0 ? null : statements.map((s) => s.text).join("; ");
}

function element(base: Omit<SbomPackage, "licence">): SbomPackage {
  return { ...base, licence: joined(base.licences) };
}

// ——— SPDX 2 ———————————————————————————————————————————————————————————————————————————————

function spdx2Purl(p: Obj): string | null {
  for (const ref of list(p["externalRefs"])) {
    if (isObj(ref) && ref["referenceType"] === "purl") return str(ref["referenceLocator"]);
  }
  return null;
}

/** The usable licence of one field, or why there is none. */
function spdx2Field(value: unknown): { text: string } | { absent: "noassertion" | "none" } | undefined {
  const text = str(value);
  if (text === null) return undefined;
  const absent = NO_LICENCE[text.trim()];
  return absent !== undefined ? { absent } : { text };
}

function spdx2Elements(data: Obj): SbomPackage[] {
  const out: SbomPackage[] = [];
  list(data["packages"]).forEach((p, i) => {
    if (!isObj(p)) return;
    const concluded = spdx2Field(p["licenseConcluded"]);
    const declared = spdx2Field(p["licenseDeclared"]);
    const chosen = concluded !== undefined && "text" in concluded ? { text: concluded.text, source: "concluded" as const } : declared !== undefined && "text" in declared ? { text: declared.text, source: "declared" as const } : undefined;
    const absent = chosen ? undefined : ((concluded && "absent" in concluded ? concluded.absent : undefined) ?? (declared && "absent" in declared ? declared.absent : undefined) ?? "missing");
    out.push(
      element({
        kind: "package",
        name: str(p["name"]) ?? `packages[${i}]`,
        version: str(p["versionInfo"]),
        purl: spdx2Purl(p),
        licences: chosen ? [{ text: chosen.text, form: "expression" }] : [],
        licenceSource: chosen?.source ?? "none",
        ...(absent !== undefined ? { absent } : {}),
        ref: str(p["SPDXID"]) ?? `packages[${i}]`,
      }),
    );
  });
  // Files and snippets: checked when they carry a licence (concluded, else the licences found in them).
  for (const [key, kind, nameKey, infoKey] of [
    ["files", "file", "fileName", "licenseInfoInFiles"],
    ["snippets", "snippet", "name", "licenseInfoInSnippets"],
  ] as const) {
    list(data[key]).forEach((f, i) => {
      if (!isObj(f)) return;
      const concluded = spdx2Field(f["licenseConcluded"]);
      let licences: LicenceStatement[] = [];
      let source: SbomPackage["licenceSource"] = "none";
      if (concluded !== undefined && "text" in concluded) {
        licences = [{ text: concluded.text, form: "expression" }];
        source = "concluded";
      } else {
        for (const info of list(f[infoKey])) {
          const field = spdx2Field(info);
          if (field !== undefined && "text" in field) licences.push({ text: field.text, form: "expression" });
        }
        if (licences.length > 0) source = "in-file";
      }
      if (licences.length === 0) return;
      const ref = str(f["SPDXID"]) ?? `${key}[${i}]`;
      out.push(element({ kind, name: str(f[nameKey]) ?? ref, version: null, purl: null, licences, licenceSource: source, ref }));
    });
  }
  return out;
}

function spdx2Refs(data: Obj): Map<string, LicenceRefInfo> {
  const refs = new Map<string, LicenceRefInfo>();
  for (const info of list(data["hasExtractedLicensingInfos"])) {
    if (!isObj(info)) continue;
    const id = str(info["licenseId"]);
    if (id !== null) refs.set(id, { id, name: str(info["name"]), text: str(info["extractedText"]) });
  }
  return refs;
}

// ——— CycloneDX ———————————————————————————————————————————————————————————————————————————

type Ack = "concluded" | "declared" | null;

function ackOf(entry: Obj): Ack {
  const ack = str(entry["acknowledgement"]);
  if (ack === "concluded" || ack === "declared") return ack;
  // ORT's CycloneDX reporter says where a licence comes from in a property.
  for (const property of list(entry["properties"])) {
    if (isObj(property) && property["name"] === "ort:origin") {
      const value = str(property["value"]);
      if (value === "concluded license") return "concluded";
      if (value === "declared license") return "declared";
    }
  }
  return null;
}

function licenceTextOf(licence: Obj): string | undefined {
  const text = licence["text"];
  const content = isObj(text) ? str(text["content"]) : str(text);
  if (content === null) return undefined;
  const encoding = isObj(text) ? str(text["encoding"]) : null;
  if (encoding === "base64") {
    try {
      return new TextDecoder("utf-8", { fatal: true }).decode(Buffer.from(content, "base64"));
    } catch {
      return undefined;
    }
  }
  return content;
}

function cyclonedxLicences(component: Obj): { licences: LicenceStatement[]; source: SbomPackage["licenceSource"] } {
  const parts: { statement: LicenceStatement; ack: Ack }[] = [];
  for (const entry of list(component["licenses"])) {
    if (!isObj(entry)) continue;
    const expression = str(entry["expression"]);
    if (expression !== null) {
      parts.push({ statement: { text: expression, form: "expression" }, ack: ackOf(entry) });
      continue;
    }
    const licence = entry["license"];
    if (!isObj(licence)) continue;
    const id = str(licence["id"]);
    const name = str(licence["name"]);
    const text = licenceTextOf(licence);
    const statement: LicenceStatement = id !== null ? { text: id, form: "id" } : name !== null ? { text: name, form: "name", ...(text !== undefined ? { licenceText: text } : {}) } : { text: "", form: "name" };
    if (statement.text !== "") parts.push({ statement, ack: ackOf(licence) });
  }
  if (parts.length === 0) return { licences: [], source: "none" };
  const concluded = parts.filter((p) => p.ack === "concluded");
  const declared = parts.filter((p) => p.ack === "declared");
  if (concluded.length > 0) return { licences: concluded.map((p) => p.statement), source: "concluded" };
  if (declared.length > 0) return { licences: declared.map((p) => p.statement), source: "declared" };
  return { licences: parts.map((p) => p.statement), source: "declared" };
}

function cyclonedxElements(data: Obj): { packages: SbomPackage[]; refs: Map<string, LicenceRefInfo> } {
  const out: SbomPackage[] = [];
  const refs = new Map<string, LicenceRefInfo>();
  // Depth-first, in document order, with an explicit stack: [components, path of the list].
  const stack: { items: unknown[]; prefix: string; next: number }[] = [{ items: list(data["components"]), prefix: "components", next: 0 }];
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    if (top.next >= top.items.length) {
      stack.pop();
      continue;
    }
    const i = top.next++;
    const c = top.items[i];
    if (!isObj(c)) continue;
    const group = str(c["group"]);
    const name = str(c["name"]) ?? `${top.prefix}[${i}]`;
    const { licences, source } = cyclonedxLicences(c);
    for (const l of licences) {
      if (l.form === "id" && l.text.startsWith("LicenseRef-")) refs.set(l.text, { id: l.text, name: null, text: l.licenceText ?? null });
    }
    out.push(
      element({
        kind: "package",
        name: group ? `${group}/${name}` : name,
        version: str(c["version"]),
        purl: str(c["purl"]),
        licences,
        licenceSource: source,
        ...(licences.length === 0 ? { absent: "missing" as const } : {}),
        ref: str(c["bom-ref"]) ?? `${top.prefix}[${i}]`,
      }),
    );
    if (Array.isArray(c["components"])) stack.push({ items: c["components"], prefix: `${top.prefix}[${i}].components`, next: 0 });
  }
  return { packages: out, refs };
}

// ——— SPDX 3 ——————————————————————————————————————————————————————————————————————————————

const SPDX3_KINDS: Readonly<Record<string, ElementKind>> = {
  software_Package: "package",
  ai_AIPackage: "ai-package",
  dataset_DatasetPackage: "dataset-package",
  software_File: "file",
  software_Snippet: "snippet",
};
const LISTED = /^https?:\/\/spdx\.org\/licenses\/([A-Za-z0-9.+-]+)$/;
const typeOf = (e: Obj): string | null => str(e["type"]) ?? str(e["@type"]);
const idOf = (e: Obj): string | null => str(e["spdxId"]) ?? str(e["@id"]);
/** Deepest SPDX 3 licence set Clausier follows (ConjunctiveLicenseSet of DisjunctiveLicenseSet of …). */
const MAX_LICENCE_NESTING = 16;

function spdx3Elements(data: Obj): { packages: SbomPackage[]; refs: Map<string, LicenceRefInfo> } {
  const graph = list(data["@graph"]).filter(isObj);
  const byId = new Map<string, Obj>();
  for (const e of graph) {
    const id = idOf(e);
    if (id !== null) byId.set(id, e);
  }
  const refs = new Map<string, LicenceRefInfo>();
  const customText = (e: Obj): string | null => str(e["simplelicensing_licenseText"]) ?? str(e["expandedlicensing_licenseText"]);

  /** One licence reference → expression text, a custom licence, or "no licence"; bounded depth. */
  type Resolved = { statement: LicenceStatement } | { absent: "noassertion" | "none" } | undefined;
  const resolve = (ref: string, depth: number): Resolved => {
    if (/NoAssertionLicense$/.test(ref)) return { absent: "noassertion" };
    if (/NoneLicense$/.test(ref)) return { absent: "none" };
    const e = byId.get(ref);
    if (e === undefined) {
      const listed = LISTED.exec(ref);
      if (listed) return { statement: { text: listed[1]!, form: "id" } };
      // A bare licence written where an element is expected (seen in the wild): taken as written.
      return /^[A-Za-z0-9.+()\s-]+$/.test(ref) ? expressionOf(ref) : undefined;
    }
    const type = typeOf(e) ?? "";
    if (/LicenseExpression$/i.test(type)) {
      const text = str(e["simplelicensing_licenseExpression"]) ?? str(e["simpleLicensing_licenseExpression"]);
      for (const entry of list(e["simplelicensing_customIdToUri"])) {
        if (!isObj(entry)) continue;
        const key = str(entry["key"]);
        const target = str(entry["value"]);
        const custom = target !== null ? byId.get(target) : undefined;
        if (key !== null) refs.set(key, { id: key, name: custom ? str(custom["name"]) : null, text: custom ? customText(custom) : null });
      }
      return text === null ? undefined : expressionOf(text);
    }
    if (type === "expandedlicensing_CustomLicense") {
      const text = customText(e);
      return { statement: { text: str(e["name"]) ?? ref, form: "custom", ...(text !== null ? { licenceText: text } : {}) } };
    }
    if (type === "expandedlicensing_ListedLicense") {
      const listed = LISTED.exec(ref);
      return { statement: { text: listed ? listed[1]! : (str(e["name"]) ?? ref), form: "id" } };
    }
    if (depth >= MAX_LICENCE_NESTING) return undefined;
    const sub = (r: unknown): string | null => {
      const x = typeof r === "string" ? resolve(r, depth + 1) : undefined;
      return x !== undefined && "statement" in x && x.statement.form !== "custom" ? x.statement.text : null;
    };
    if (type === "expandedlicensing_ConjunctiveLicenseSet" || type === "expandedlicensing_DisjunctiveLicenseSet") {
      const members = list(e["expandedlicensing_member"]).map(sub);
      if (members.some((m) => m === null) || members.length === 0) return undefined;
      return { statement: { text: `(${members.join(type.includes("Conjunctive") ? " AND " : " OR ")})`, form: "expression" } };
    }
    if (type === "expandedlicensing_OrLaterOperator") {
      const subject = sub(e["expandedlicensing_subjectLicense"]);
      return subject === null ? undefined : { statement: { text: `${subject}+`, form: "expression" } };
    }
    if (type === "expandedlicensing_WithAdditionOperator") {
      const subject = sub(e["expandedlicensing_subjectExtendableLicense"]);
      const addition = str(e["expandedlicensing_subjectAddition"]);
      const exception = addition !== null ? (/\/([A-Za-z0-9.+-]+)$/.exec(addition)?.[1] ?? addition) : null;
      return subject === null || exception === null ? undefined : { statement: { text: `${subject} WITH ${exception}`, form: "expression" } };
    }
    return undefined;
  };
  const expressionOf = (text: string): Resolved => {
    const absent = NO_LICENCE[text.trim()];
    return absent !== undefined ? { absent } : { statement: { text, form: "expression" } };
  };

  type Found = { licences: LicenceStatement[]; absent?: "noassertion" | "none" };
  const licences = new Map<string, { concluded?: Found; declared?: Found }>();
  for (const e of graph) {
    const type = typeOf(e);
    if (type !== "Relationship" && type !== "LifecycleScopedRelationship") continue;
    const kind = str(e["relationshipType"]);
    const from = str(e["from"]);
    if (from === null || (kind !== "hasConcludedLicense" && kind !== "hasDeclaredLicense")) continue;
    const entry = licences.get(from) ?? {};
    const found: Found = (kind === "hasConcludedLicense" ? entry.concluded : entry.declared) ?? { licences: [] };
    for (const to of list(e["to"])) {
      const r = typeof to === "string" ? resolve(to, 0) : undefined;
      if (r === undefined) continue;
      if ("absent" in r) found.absent ??= r.absent;
      else found.licences.push(r.statement);
    }
    if (kind === "hasConcludedLicense") entry.concluded = found;
    else entry.declared = found;
    licences.set(from, entry);
  }
  for (const e of graph) {
    if (typeOf(e) !== "expandedlicensing_CustomLicense") continue;
    const id = idOf(e);
    if (id !== null && !refs.has(id)) refs.set(id, { id, name: str(e["name"]), text: customText(e) });
  }

  const out: SbomPackage[] = [];
  for (const [index, e] of graph.entries()) {
    const kind = SPDX3_KINDS[typeOf(e) ?? ""];
    if (kind === undefined) continue;
    const ref = idOf(e) ?? `@graph[${index}]`;
    const l = licences.get(ref) ?? {};
    const usable = l.concluded && l.concluded.licences.length > 0 ? { found: l.concluded, source: "concluded" as const } : l.declared && l.declared.licences.length > 0 ? { found: l.declared, source: "declared" as const } : undefined;
    const isFile = kind === "file" || kind === "snippet";
    // Files and snippets are listed when they carry a licence, as in SPDX 2.
    if (isFile && usable === undefined) continue;
    let purl = str(e["software_packageUrl"]);
    for (const x of list(e["externalIdentifier"])) {
      if (purl === null && isObj(x) && x["externalIdentifierType"] === "packageUrl") purl = str(x["identifier"]);
    }
    out.push(
      element({
        kind,
        name: str(e["name"]) ?? ref,
        version: str(e["software_packageVersion"]),
        purl,
        licences: usable?.found.licences ?? [],
        licenceSource: usable?.source ?? "none",
        ...(usable === undefined ? { absent: l.concluded?.absent ?? l.declared?.absent ?? "missing" } : {}),
        ref,
      }),
    );
  }
  return { packages: out, refs };
}

// ——— The document ——————————————————————————————————————————————————————————————————————

/** The package URL's type ("deb", "rpm", "maven", "pypi", "npm"…) and the version qualifiers it carries. */
export function purlFacts(purl: string | null): { type: string; epoch?: string } | undefined {
  if (purl === null) return undefined;
  try {
    const parsed = PackageURL.fromString(purl);
    const epoch = parsed.qualifiers?.["epoch"];
    return { type: parsed.type.toLowerCase(), ...(typeof epoch === "string" && epoch !== "" ? { epoch } : {}) };
  } catch {
    return undefined;
  }
}

export function readSbom(input: string | Uint8Array): ReadSbom {
  const data = parseSbomJson(decodeSbom(input));
  if (!isObj(data)) throw new SbomReadError("not-object");
  if (data["bomFormat"] === "CycloneDX") {
    const version = String(data["specVersion"] ?? "");
    const format = (["1.4", "1.5", "1.6"].includes(version) ? `cyclonedx-${version}` : null) as SbomFormat | null;
    const { packages, refs } = format ? cyclonedxElements(data) : { packages: [], refs: new Map<string, LicenceRefInfo>() };
    return { format, declared: `CycloneDX ${version}`, data, packages, licenceRefs: refs };
  }
  if (typeof data["spdxVersion"] === "string") {
    const version = data["spdxVersion"].replace(/^SPDX-/, "");
    const format = (["2.2", "2.3"].includes(version) ? `spdx-${version}` : null) as SbomFormat | null;
    return { format, declared: `SPDX ${version}`, data, packages: format ? spdx2Elements(data) : [], licenceRefs: format ? spdx2Refs(data) : new Map() };
  }
  const contexts = list(data["@context"]).filter((c): c is string => typeof c === "string");
  const spdx3 = contexts.find((c) => /spdx\.org\/rdf\/3\.0(\.\d+)?\//.test(c));
  if (Array.isArray(data["@graph"]) && spdx3 !== undefined) {
    const { packages, refs } = spdx3Elements(data);
    return { format: "spdx-3.0", declared: "SPDX 3.0", data, packages, licenceRefs: refs, context: spdx3 };
  }
  if (Array.isArray(data["@graph"]) && contexts.some((c) => /spdx\.org\/rdf\//.test(c))) {
    return { format: null, declared: `SPDX (${contexts.join(", ")})`, data, packages: [], licenceRefs: new Map() };
  }
  throw new SbomReadError("not-sbom");
}
