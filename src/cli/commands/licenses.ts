/** `clausier licenses <id-or-expression>`: what Clausier knows of a licence. */
import { CLASS_WORDS, licenceCatalogue, type LicenceInfo } from "../../licences/catalogue.js";
import { leafText, parseLicence } from "../../licences/expression.js";

import { EXIT, UserError } from "../errors.js";
import type { Io } from "../io.js";

export interface LicensesOptions {
  readonly json?: boolean;
}

function fsfWords(info: LicenceInfo): string {
  if (info.fsfLibre === undefined) return "no view recorded";
  return info.fsfLibre ? "free software licence" : "not a free software licence";
}

export function runLicenses(words: readonly string[], options: LicensesOptions, io: Io): number {
  const text = words.join(" ").trim();
  if (text === "") throw new UserError("give a licence identifier or expression, for example: clausier licenses MPL-2.0");
  const catalogue = licenceCatalogue();
  const parsed = parseLicence(text, catalogue);
  if (!parsed.ok) {
    throw new UserError(parsed.problem, EXIT.usage, parsed.suggestion !== undefined ? `Did you mean "${parsed.suggestion}"?` : undefined);
  }
  const rows = parsed.leaves.map((leaf) => ({ leaf, info: catalogue.leafInfo(leaf) }));
  if (options.json) {
    io.out(
      JSON.stringify(
        {
          expression: text,
          licences: rows.map(({ leaf, info }) => ({
            id: leaf.license,
            exception: leaf.exception ?? null,
            name: info?.name ?? null,
            osiApproved: info?.osiApproved ?? null,
            fsfLibre: info?.fsfLibre ?? null,
            deprecated: info?.deprecated ?? null,
            replacement: info?.replacement ?? null,
            class: info?.class ?? null,
            classSource: info?.classSource ?? null,
          })),
        },
        null,
        2,
      ),
    );
    return EXIT.ok;
  }
  const lines: string[] = [];
  for (const { leaf, info } of rows) {
    lines.push(leafText(leaf));
    if (info === undefined) {
      lines.push("  not in the SPDX licence list: Clausier cannot tell whether it is open source", "");
      continue;
    }
    lines.push(`  name:        ${info.name}`);
    lines.push(`  OSI:         ${info.osiApproved ? "approved" : "not approved"}`);
    lines.push(`  FSF:         ${fsfWords(info)}`);
    lines.push(`  class:       ${info.class ? CLASS_WORDS[info.class] : "not classified by Clausier (a buyer may accept it with licensePolicy.allow)"}`);
    if (info.classSource) lines.push(`  class from:  ${info.classSource}`);
    if (leaf.exception) lines.push(`  exception:   ${leaf.exception} (judged by the class of ${leaf.license})`);
    if (info.deprecated) lines.push(`  deprecated:  yes${info.replacement ? `, use ${info.replacement}` : ""}`);
    lines.push("");
  }
  lines.push(`FSF views: ${catalogue.fsfSource}.`);
  io.out(lines.join("\n"));
  return EXIT.ok;
}
