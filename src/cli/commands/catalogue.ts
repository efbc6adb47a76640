/** `clausier catalogue -o library.docx [--lang en|fr|both]`: the clause library as a Word document. */
import { clauseLibrary } from "../../clauses/library.js";
import { isLanguage, messages } from "../../i18n/messages.js";
import { publishDocx } from "../../output/publish-docx.js";
import { catalogueDocument, type CatalogueLanguage } from "../../word/catalogue-document.js";
import { packDocx } from "../../word/package.js";
import type { CommandContext } from "../context.js";
import { EXIT, UserError } from "../errors.js";

export async function runCatalogue(options: { output: string; lang?: string; library?: string; force?: boolean }, context: CommandContext): Promise<number> {
  const t = context.t;
  const lang = (options.lang ?? "both") as CatalogueLanguage;
  if (lang !== "both" && !isLanguage(lang)) throw new UserError(t("cli.catalogue.bad-lang", { value: options.lang ?? "" }));
  if (!options.output.toLowerCase().endsWith(".docx")) throw new UserError(t("cli.build.not-docx", { file: options.output }), EXIT.usage, t("cli.build.not-docx-hint"));
  const library = clauseLibrary(options.library, context.t);
  // The document's own words: its language, or (English and French side by side) the person's.
  const words = lang === "both" ? context.language : lang;
  const docx = await packDocx(catalogueDocument(library, lang, words), { title: messages(words)("catalogue.title"), creator: "Clausier" }, null);
  publishDocx(options.output, docx, { force: options.force ?? false });
  context.io.out(t("cli.catalogue.wrote", { file: options.output, clauses: library.clauses.length, languages: lang }));
  return EXIT.ok;
}
