/**
 * `clausier export-policy <answers> --format ort|json [-o FILE]`: the tender's licence policy for other
 * tools. `ort` writes an OSS Review Toolkit license-classifications.yml: every SPDX licence, deprecated ids
 * and the `WITH` forms the tender names included, in its class (or "unclassified") and in "tender-accepted"
 * or "tender-refused", for the evaluator's rules; `json` a plain policy with every licence's verdict.
 */
import { stringify } from "yaml";
import type { Answers } from "../../answers/model.js";
import { bodiesWords, classesWords } from "../../families/licence-checks.js";
import { LICENCE_CLASSES, licenceCatalogue } from "../../licences/catalogue.js";
import { leafText, leavesOf, parseLicence, type LicenceLeaf } from "../../licences/expression.js";
import { isOpenSource, judgeLeaf } from "../../licences/policy.js";
import { writeFileSafely } from "../../output/write.js";
import type { CommandContext } from "../context.js";
import { EXIT, UserError } from "../errors.js";
import { readAnswersFile } from "../read-answers.js";
import { countWords, formatDiagnostic } from "../report.js";

/** The `X WITH exception` forms the answers name (components' licences, allow and deny lists). */
function withForms(answers: Answers): LicenceLeaf[] {
  const catalogue = licenceCatalogue();
  const out = new Map<string, LicenceLeaf>();
  for (const text of [...answers.components.map((c) => c.license), ...answers.licensePolicy.allow, ...answers.licensePolicy.deny]) {
    const parsed = parseLicence(text, catalogue);
    if (parsed.ok) for (const leaf of leavesOf(parsed.tree)) if (leaf.exception !== undefined) out.set(leafText(leaf), leaf);
  }
  return [...out.values()];
}

export async function runExportPolicy(file: string, options: { format: string; output?: string; force?: boolean }, context: CommandContext): Promise<number> {
  const { io } = context;
  if (options.format !== "ort" && options.format !== "json") throw new UserError(context.t("cli.export-policy.bad-format", { format: options.format }));
  const validation = readAnswersFile(file, context);
  const t = context.t;
  if (validation.answers === undefined) {
    for (const d of validation.diagnostics) io.err(formatDiagnostic(d, t));
    io.err(t("cli.export-policy.invalid", { file, counts: countWords(validation.diagnostics, t) }));
    return EXIT.invalidAnswers;
  }
  const answers = validation.answers;
  const policy = answers.licensePolicy;
  const catalogue = licenceCatalogue();
  const leaves: LicenceLeaf[] = [...[...catalogue.ids].sort().map((id) => ({ license: id })), ...withForms(answers)];
  const rows = leaves.map((leaf) => {
    const info = catalogue.leafInfo(leaf);
    const verdict = judgeLeaf(leaf, policy, catalogue);
    return {
      id: leafText(leaf),
      class: info?.class ?? null,
      deprecated: info?.deprecated ?? false,
      openSource: isOpenSource(info, policy.definition),
      accepted: verdict.accepted,
      outcome: verdict.outcome,
    };
  });
  let text: string;
  if (options.format === "json") {
    text = `${JSON.stringify({ tender: answers.tender.reference, definition: policy.definition, allowedClasses: policy.allowedClasses, allow: policy.allow, deny: policy.deny, licences: rows }, null, 2)}\n`;
  } else {
    const reference = answers.tender.reference;
    const doc = {
      categories: [
        ...LICENCE_CLASSES.map((c) => ({ name: c, description: t(policy.allowedClasses.includes(c) ? "cli.export-policy.class-accepted" : "cli.export-policy.class-refused", { class: c }) })),
        { name: "unclassified", description: t("cli.export-policy.unclassified") },
        { name: "tender-accepted", description: t("cli.export-policy.accepted", { reference, bodies: bodiesWords(policy.definition, t), classes: classesWords(policy.allowedClasses, t, "or") }) },
        { name: "tender-refused", description: t("cli.export-policy.refused", { reference }) },
      ],
      categorizations: rows.map((r) => ({ id: r.id, categories: [r.class ?? "unclassified", r.accepted ? "tender-accepted" : "tender-refused"] })),
    };
    text = `# ${t("cli.export-policy.ort-header", { reference })}\n# ${t("cli.export-policy.ort-rule")}\n${stringify(doc, { lineWidth: 0 })}`;
  }
  if (options.output === undefined) {
    io.out(text.trimEnd());
    return EXIT.ok;
  }
  writeFileSafely(options.output, new TextEncoder().encode(text), { force: options.force ?? false });
  io.out(t("cli.export-policy.wrote", { file: options.output, accepted: rows.filter((r) => r.accepted).length, refused: rows.filter((r) => !r.accepted).length }));
  return EXIT.ok;
}
