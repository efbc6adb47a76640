/**
 * `clausier export-policy <answers> --format ort|json [-o FILE]`: the tender's licence policy for other
 * tools. `ort` writes an OSS Review Toolkit license-classifications.yml whose categories follow the
 * tender's classes, with "tender-accepted" and "tender-refused" for the evaluator's rules; `json` a plain
 * policy with every SPDX licence's verdict.
 */
import { stringify } from "yaml";
import { licenceCatalogue, LICENCE_CLASSES } from "../../licences/catalogue.js";
import { isOpenSource, judgeLeaf } from "../../licences/policy.js";
import { writeFileSafely } from "../../output/write.js";
import { EXIT, UserError } from "../errors.js";
import type { Io } from "../io.js";
import { readAnswersFile } from "../read-answers.js";
import { countWords, formatDiagnostic } from "../report.js";

export async function runExportPolicy(file: string, options: { format: string; output?: string; force?: boolean }, io: Io): Promise<number> {
  if (options.format !== "ort" && options.format !== "json") throw new UserError(`--format must be ort or json, not "${options.format}"`);
  const validation = readAnswersFile(file);
  if (validation.answers === undefined) {
    for (const d of validation.diagnostics) io.err(formatDiagnostic(d));
    io.err(`${file}: ${countWords(validation.diagnostics)}. The answers must be valid to export their policy.`);
    return EXIT.invalidAnswers;
  }
  const policy = validation.answers.licensePolicy;
  const catalogue = licenceCatalogue();
  const rows = [...catalogue.ids]
    .filter((id) => !catalogue.info(id)?.deprecated)
    .sort()
    .map((id) => {
      const info = catalogue.info(id)!;
      const verdict = judgeLeaf({ license: id }, policy, catalogue);
      return { id, class: info.class ?? null, openSource: isOpenSource(info, policy.definition), accepted: verdict.accepted, outcome: verdict.outcome };
    });
  let text: string;
  if (options.format === "json") {
    text = `${JSON.stringify({ tender: validation.answers.tender.reference, definition: policy.definition, allowedClasses: policy.allowedClasses, allow: policy.allow, deny: policy.deny, licences: rows }, null, 2)}\n`;
  } else {
    const doc = {
      categories: [
        ...LICENCE_CLASSES.map((c) => ({ name: c, description: `Clausier class ${c}${policy.allowedClasses.includes(c) ? " (accepted by the tender)" : " (not accepted by the tender)"}` })),
        { name: "tender-accepted", description: `Accepted by tender ${validation.answers.tender.reference}: open source under ${policy.definition.join(" or ")} and of an accepted class, or on the allow list` },
        { name: "tender-refused", description: `Refused by tender ${validation.answers.tender.reference}: not open source under its definition, of a class it does not accept, or on its deny list` },
      ],
      categorizations: rows.filter((r) => r.class !== null || policy.allow.includes(r.id) || policy.deny.includes(r.id)).map((r) => ({ id: r.id, categories: [...(r.class ? [r.class] : []), r.accepted ? "tender-accepted" : "tender-refused"] })),
    };
    text = `# ORT license classifications for tender ${validation.answers.tender.reference}, written by clausier export-policy.\n# In ORT's evaluator rules, flag every licence in the category "tender-refused" as an error (see the README).\n${stringify(doc)}`;
  }
  if (options.output === undefined) {
    io.out(text.trimEnd());
    return EXIT.ok;
  }
  writeFileSafely(options.output, new TextEncoder().encode(text), { force: options.force ?? false });
  io.out(`Wrote ${options.output}: ${rows.filter((r) => r.accepted).length} licences accepted, ${rows.filter((r) => !r.accepted).length} refused.`);
  return EXIT.ok;
}
