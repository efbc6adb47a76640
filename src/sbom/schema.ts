/**
 * Checking an SBOM against its format. CycloneDX 1.4–1.6: the official JSON Schemas, as shipped by
 * @cyclonedx/cyclonedx-library (Apache-2.0), with ajv. SPDX: the official JSON Schemas are not available from
 * the npm registry Clausier is built from, so SPDX documents are checked for the fields the SPDX
 * specification requires (2.2/2.3: document and package fields; 3.0: context, creation information, typed
 * elements), and the report says so.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";
import addFormats from "ajv-formats";
import type { SbomFormat } from "./read.js";

export interface SchemaCheck {
  /** What the document was checked against, in words. */
  readonly against: string;
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
    return { against: `the official CycloneDX ${version} JSON Schema`, problems: ok ? [] : (validate.errors ?? []).slice(0, 50).map(describe) };
  }
  if (!isObj(data)) return { against: "the SPDX specification", problems: ["the document is not an object"] };
  if (format === "spdx-3.0") return { against: "the fields SPDX 3.0 requires (the official SPDX JSON Schema is not shipped with Clausier)", problems: spdx3Problems(data) };
  return { against: `the fields SPDX ${format.replace("spdx-", "")} requires (the official SPDX JSON Schema is not shipped with Clausier)`, problems: spdx2Problems(data) };
}
