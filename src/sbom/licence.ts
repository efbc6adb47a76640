/**
 * An SBOM's licence statements judged under the tender's policy, with the same rules as `validate`
 * (licences/policy.ts), and quoted as the SBOM wrote them.
 *
 * A licence name (CycloneDX `license.name`) is read as an SPDX licence only when that is sure: it is the
 * exact name of one licence of the SPDX list ("MIT License" → MIT), or it is itself a valid SPDX identifier
 * or expression ("EPL-1.0" written as a name). Anything else is "not an SPDX identifier", with no guess: a
 * guess by likeness ("Eclipse Distribution License" → EPL-1.0) can name another licence. For the same
 * reason a mistyped expression gets a suggestion only when it differs from an identifier by letter case or
 * is the exact name of a listed licence.
 */
import { createRequire } from "node:module";
import { licenceCatalogue, type LicenceCatalogue } from "../licences/catalogue.js";
import { leafText, parseLicence, type LicenceLeaf } from "../licences/expression.js";
import { judge, type LicencePolicy } from "../licences/policy.js";
import type { LicenceRefInfo, LicenceStatement } from "./read.js";

const require = createRequire(import.meta.url);

export interface LicenceFinding {
  readonly severity: "error" | "warning";
  readonly requirement: string;
  readonly code: string;
  readonly params: Readonly<Record<string, string | number>>;
}

/** At most this many characters of a licence text are quoted in a finding (the JSON report has them all). */
export const EXCERPT_LENGTH = 160;

/** Longest licence text judged as an SPDX expression, and deepest nesting of its brackets: the expression
 * parser and the policy's walk recurse into the expression, so a file must not be able to make it deep. */
export const MAX_EXPRESSION_LENGTH = 2000;
export const MAX_EXPRESSION_NESTING = 32;
/** SBOM text quoted in a finding is cut to this many characters (the JSON report has every licence whole). */
export const QUOTE_LENGTH = 200;

/** SBOM text as a finding quotes it: cut past QUOTE_LENGTH characters. */
export function quote(text: string): string {
  return text.length > QUOTE_LENGTH ? `${text.slice(0, QUOTE_LENGTH)}…` : text;
}

function nesting(text: string): number {
  let depth = 0;
  let deepest = 0;
  for (const c of text) {
    if (c === "(") deepest = Math.max(deepest, ++depth);
    else if (c === ")") depth--;
  }
  return deepest;
}

export function excerpt(text: string | null | undefined): string {
  if (text === null || text === undefined) return "none";
  const flat = text.replace(/\s+/g, " ").trim();
  if (flat === "") return "none";
  return flat.length > EXCERPT_LENGTH ? `${flat.slice(0, EXCERPT_LENGTH).trimEnd()}…` : flat;
}

let byName: Map<string, string> | undefined;
/** The SPDX identifier whose listed name is exactly `name`, when exactly one current identifier has it. */
export function idOfName(name: string, catalogue: LicenceCatalogue = licenceCatalogue()): string | undefined {
  if (byName === undefined) {
    byName = new Map();
    const ambiguous = new Set<string>();
    const spdx = require("spdx-license-list") as Record<string, { name: string }>;
    for (const [id, entry] of Object.entries(spdx)) {
      if (catalogue.info(id)?.deprecated) continue;
      if (byName.has(entry.name) && byName.get(entry.name) !== id) ambiguous.add(entry.name);
      byName.set(entry.name, id);
    }
    for (const name of ambiguous) byName.delete(name);
  }
  return byName.get(name.trim());
}

/** A sure suggestion for a mistyped expression: a letter-case variant of the faulty token, or the id whose name it is. */
function sureSuggestion(text: string, token: string | undefined, catalogue: LicenceCatalogue): string | undefined {
  const byNameId = idOfName(text, catalogue);
  if (byNameId !== undefined) return byNameId;
  if (token === undefined) return undefined;
  const variant = catalogue.caseVariant(token);
  return variant !== undefined ? text.split(token).join(variant) : undefined;
}

/** A name that is a valid SPDX expression of known licences (or LicenseRefs), as written. */
function expressionInName(name: string, catalogue: LicenceCatalogue): boolean {
  return parseLicence(name, catalogue, { suggest: false }).ok;
}

export interface StatementVerdict {
  readonly accepted: boolean;
  readonly findings: readonly LicenceFinding[];
}

function refParams(id: string, refs: ReadonlyMap<string, LicenceRefInfo>): { name: string; text: string } {
  const ref = refs.get(id) ?? refs.get(id.replace(/^DocumentRef-[^:]+:/, ""));
  return { name: ref?.name ?? "none", text: excerpt(ref?.text) };
}

/** One licence statement of a package under the policy: accepted or not, and why, quoting it as written. */
export function judgeStatement(statement: LicenceStatement, policy: LicencePolicy, refs: ReadonlyMap<string, LicenceRefInfo>): StatementVerdict {
  const catalogue = licenceCatalogue();
  const written = statement.text;
  const refuse = (code: string, params: Record<string, string | number>, requirement = "OSS-04"): StatementVerdict => ({ accepted: false, findings: [{ severity: "error", requirement, code, params: { licence: quote(written), ...params } }] });
  if (written.length > MAX_EXPRESSION_LENGTH || nesting(written) > MAX_EXPRESSION_NESTING) return refuse("licence-too-complex", { length: written.length });
  let expression: string;
  switch (statement.form) {
    case "custom":
      return refuse("custom-licence", { text: excerpt(statement.licenceText) }, "OSS-05");
    case "id":
      if (catalogue.isLicence(written) || written.startsWith("LicenseRef-")) expression = written;
      else {
        const variant = catalogue.caseVariant(written);
        return variant !== undefined ? refuse("not-spdx-id-suggestion", { suggestion: variant }) : refuse("not-spdx-id", {});
      }
      break;
    case "name": {
      const id = idOfName(written, catalogue);
      if (id !== undefined) expression = id;
      else if (expressionInName(written, catalogue)) expression = written;
      else return refuse("not-spdx-name", { text: excerpt(statement.licenceText) });
      break;
    }
    default:
      expression = written;
  }
  const parsed = parseLicence(expression, catalogue, { suggest: false });
  if (!parsed.ok) {
    const token = "token" in parsed.problem ? parsed.problem.token : undefined;
    const suggestion = sureSuggestion(expression, token, catalogue);
    return suggestion !== undefined ? refuse("invalid-licence-suggestion", { token: quote(token ?? written), suggestion }) : refuse("invalid-licence", { token: quote(token ?? written) });
  }
  const findings: LicenceFinding[] = [];
  for (const leaf of parsed.leaves) {
    const info = catalogue.leafInfo(leaf);
    if (info?.deprecated) findings.push({ severity: "warning", requirement: "OSS-04", code: info.replacement ? "deprecated-replaced" : "deprecated", params: { id: leafText(leaf), replacement: info.replacement ?? "" } });
  }
  const verdict = judge(parsed.tree, policy, catalogue);
  if (!verdict.accepted) {
    for (const v of verdict.leaves.filter((l) => !l.accepted)) findings.push(leafFinding(quote(written), v.leaf, v.outcome, v.info?.class, refs));
  }
  return { accepted: verdict.accepted, findings };
}

function leafFinding(written: string, leaf: LicenceLeaf, outcome: string, cls: string | undefined, refs: ReadonlyMap<string, LicenceRefInfo>): LicenceFinding {
  const id = leafText(leaf);
  if (outcome === "unknown" && /^(DocumentRef-[^:]+:)?LicenseRef-/.test(leaf.license)) {
    return { severity: "error", requirement: "OSS-05", code: "refused-licence-ref", params: { licence: written, id, ...refParams(leaf.license, refs) } };
  }
  return { severity: "error", requirement: "OSS-05", code: `refused-${outcome}`, params: { licence: written, id, class: cls ?? "" } };
}
