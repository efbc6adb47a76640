/** `clausier licenses <id-or-expression>`: what Clausier knows of a licence. */
import { classWord, licenceProblem } from "../../families/licence-checks.js";
import { LINKING_EXCEPTIONS, licenceCatalogue, type LicenceInfo } from "../../licences/catalogue.js";
import { leafText, parseLicence } from "../../licences/expression.js";
import type { Messages } from "../../i18n/messages.js";
import type { CommandContext } from "../context.js";
import { EXIT, UserError } from "../errors.js";

export interface LicensesOptions {
  readonly json?: boolean;
}

function fsfWords(info: LicenceInfo, t: Messages): string {
  if (info.fsfLibre === undefined) return t("cli.licenses.fsf-none");
  return info.fsfLibre ? t("cli.licenses.fsf-free") : t("cli.licenses.fsf-not-free");
}

export function runLicenses(words: readonly string[], options: LicensesOptions, context: CommandContext): number {
  const t = context.t;
  const text = words.join(" ").trim();
  if (text === "") throw new UserError(t("cli.licenses.none"));
  const catalogue = licenceCatalogue();
  const parsed = parseLicence(text, catalogue);
  if (!parsed.ok) {
    throw new UserError(licenceProblem(parsed.problem, t), EXIT.usage, parsed.suggestion !== undefined ? t("findings.licence.invalid.hint-suggestion", { suggestion: parsed.suggestion }) : undefined);
  }
  const rows = parsed.leaves.map((leaf) => ({ leaf, info: catalogue.leafInfo(leaf) }));
  if (options.json) {
    context.io.out(
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
  const label = (key: string): string => `  ${t.dynamic(`cli.licenses.${key}`)}`.padEnd(15);
  const lines: string[] = [];
  for (const { leaf, info } of rows) {
    lines.push(leafText(leaf));
    if (info === undefined) {
      lines.push(`  ${t("cli.licenses.unknown")}`, "");
      continue;
    }
    lines.push(`${label("name")}${info.name}`);
    lines.push(`${label("osi")}${info.osiApproved ? t("cli.licenses.osi-approved") : t("cli.licenses.osi-not-approved")}`);
    lines.push(`${label("fsf")}${fsfWords(info, t)}`);
    lines.push(`${label("class")}${info.class ? classWord(info.class, t) : t("cli.licenses.unclassified")}`);
    if (info.classSource) lines.push(`${label("class-from")}${info.classSource}`);
    if (leaf.exception) {
      const linking = Object.hasOwn(LINKING_EXCEPTIONS, leaf.exception);
      lines.push(`${label("exception")}${t(linking ? "cli.licenses.exception-linking" : "cli.licenses.exception-judged", { exception: leaf.exception, licence: leaf.license })}`);
    }
    if (info.deprecated) lines.push(`${label("deprecated")}${info.replacement ? t("cli.licenses.deprecated-use", { replacement: info.replacement }) : t("cli.licenses.deprecated-yes")}`);
    lines.push("");
  }
  lines.push(t("cli.licenses.fsf-source", { source: catalogue.fsfSource }));
  context.io.out(lines.join("\n"));
  return EXIT.ok;
}
