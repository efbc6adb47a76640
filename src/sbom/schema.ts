/**
 * Checking an SBOM against its format, with ajv. CycloneDX 1.4–1.6: the official JSON Schemas, as shipped
 * by @cyclonedx/cyclonedx-library (Apache-2.0). SPDX 2.2, 2.3 and 3.0.1: the official JSON Schemas from the
 * SPDX specification, shipped in schemas/sbom/ (they are not on the npm registry). Should one be missing,
 * the document is checked for the fields the SPDX specification requires, and the report says so.
 */
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";
import { Ajv2019 } from "ajv/dist/2019.js";
import { Ajv2020 } from "ajv/dist/2020.js";
import { schemaFile } from "../paths.js";
import addFormats from "ajv-formats";
import type { SbomFormat } from "./read.js";

export interface SchemaCheck {
  /** What the document was checked against: the official JSON Schema of a format and version (sbom.schema.<kind>). */
  readonly against: { readonly kind: "official" | "fields"; readonly format: "CycloneDX" | "SPDX"; readonly version: string };
  readonly problems: readonly string[];
}

const require = createRequire(import.meta.url);
const validators = new Map<string, ValidateFunction>();

function cyclonedxValidator(version: string): ValidateFunction {
  let validate = validators.get(version);
  if (validate) return validate;
  const dir = join(dirname(require.resolve("@cyclonedx/cyclonedx-library/package.json")), "res", "schema");
  const read = (name: string): object => JSON.parse(readFileSync(join(dir, name), "utf8")) as object;
  const ajv = new Ajv({
    strict: false,
    allErrors: true,
    logger: false,
    schemas: {
      "http://cyclonedx.org/schema/spdx.SNAPSHOT.schema.json": read("spdx.SNAPSHOT.schema.json"),
      "http://cyclonedx.org/schema/jsf-0.82.SNAPSHOT.schema.json": read("jsf-0.82.SNAPSHOT.schema.json"),
    },
  });
  addFormats.default(ajv);
  ajv.addFormat("iri-reference", true);
  ajv.addFormat("idn-email", true);
  validate = ajv.compile(read(`bom-${version}.SNAPSHOT.schema.json`));
  validators.set(version, validate);
  return validate;
}

/** An SPDX JSON Schema shipped in schemas/sbom/ (see its README), compiled with the ajv class of its draft. */
function spdxValidator(name: string): ValidateFunction | undefined {
  const cached = validators.get(name);
  if (cached) return cached;
  const file = schemaFile(join("sbom", name));
  if (!existsSync(file)) return undefined;
  const schema = JSON.parse(readFileSync(file, "utf8")) as { $schema?: string };
  const options = { strict: false, allErrors: true, logger: false as const, validateSchema: false };
  const ajv = /2020-12/.test(schema.$schema ?? "") ? new Ajv2020(options) : /2019-09/.test(schema.$schema ?? "") ? new Ajv2019(options) : new Ajv(options);
  addFormats.default(ajv);
  for (const format of ["iri", "iri-reference", "idn-email", "idn-hostname"]) ajv.addFormat(format, true);
  const validate = ajv.compile(schema);
  validators.set(name, validate);
  return validate;
}

function describe(e: ErrorObject): string {
  const where = e.instancePath === "" ? "the document" : e.instancePath.replace(/^\//, "").replace(/\//g, ".");
  const extra = "additionalProperty" in e.params ? ` ("${String(e.params["additionalProperty"])}")` : "allowedValues" in e.params ? ` (one of ${(e.params["allowedValues"] as unknown[]).slice(0, 5).join(", ")}…)` : "";
  return `${where}: ${e.message ?? "is not valid"}${extra}`;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === "object" && !Array.isArray(v);

function spdx2Problems(data: Obj): string[] {
  const out: string[] = [];
  for (const key of ["spdxVersion", "dataLicense", "SPDXID", "name", "documentNamespace", "creationInfo"]) if (data[key] === undefined) out.push(`the document has no "${key}"`);
  if (data["dataLicense"] !== undefined && data["dataLicense"] !== "CC0-1.0") out.push('"dataLicense" must be CC0-1.0');
  if (data["SPDXID"] !== undefined && data["SPDXID"] !== "SPDXRef-DOCUMENT") out.push('"SPDXID" of the document must be SPDXRef-DOCUMENT');
  const info = data["creationInfo"];
  if (isObj(info)) {
    if (typeof info["created"] !== "string") out.push('creationInfo has no "created" date');
    if (!Array.isArray(info["creators"]) || info["creators"].length === 0) out.push('creationInfo has no "creators"');
  }
  const packages = data["packages"];
  if (packages !== undefined && !Array.isArray(packages)) out.push('"packages" is not a list');
  (Array.isArray(packages) ? packages : []).forEach((p, i) => {
    if (!isObj(p)) return void out.push(`packages[${i}] is not an object`);
    for (const key of ["SPDXID", "name", "downloadLocation"]) if (typeof p[key] !== "string") out.push(`packages[${i}] has no "${key}"`);
  });
  return out;
}

function spdx3Problems(data: Obj): string[] {
  const out: string[] = [];
  const graph = Array.isArray(data["@graph"]) ? data["@graph"] : [];
  const creation = graph.filter(isObj).find((e) => e["type"] === "CreationInfo");
  if (!creation) out.push("the document has no CreationInfo element");
  else if (typeof creation["specVersion"] !== "string" || !creation["specVersion"].startsWith("3.0")) out.push("CreationInfo.specVersion is not 3.0.x");
  graph.forEach((e, i) => {
    if (!isObj(e)) return void out.push(`@graph[${i}] is not an object`);
    if (typeof e["type"] !== "string") out.push(`@graph[${i}] has no "type"`);
    if (e["type"] !== "CreationInfo" && typeof e["spdxId"] !== "string" && typeof e["@id"] !== "string") out.push(`@graph[${i}] (${String(e["type"])}) has no "spdxId"`);
  });
  return out;
}

export function checkSbomSchema(format: SbomFormat, data: unknown): SchemaCheck {
  if (format.startsWith("cyclonedx-")) {
    const version = format.replace("cyclonedx-", "");
    const validate = cyclonedxValidator(version);
    const ok = validate(data);
    return { against: { kind: "official", format: "CycloneDX", version }, problems: ok ? [] : (validate.errors ?? []).slice(0, 50).map(describe) };
  }
  if (!isObj(data)) return { against: { kind: "fields", format: "SPDX", version: format.replace("spdx-", "") }, problems: ["(top): not an object"] };
  const official = spdxValidator(format === "spdx-3.0" ? "spdx-3.0.1.schema.json" : `${format}.schema.json`);
  if (official !== undefined) {
    const ok = official(data);
    const version = format === "spdx-3.0" ? "3.0.1" : format.replace("spdx-", "");
    return { against: { kind: "official", format: "SPDX", version }, problems: ok ? [] : (official.errors ?? []).slice(0, 50).map(describe) };
  }
  const against = { kind: "fields" as const, format: "SPDX" as const, version: format.replace("spdx-", "") };
  return { against, problems: format === "spdx-3.0" ? spdx3Problems(data) : spdx2Problems(data) };
}
