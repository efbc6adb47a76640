/** `clausier catalogue -o library.docx [--lang en|fr|both]`: the clause library as a Word document. */
import { clauseLibrary } from "../../clauses/library.js";
import { publishDocx } from "../../output/publish-docx.js";
import { catalogueDocument, type CatalogueLanguage } from "../../word/catalogue-document.js";
import { packDocx } from "../../word/package.js";
import { EXIT, UserError } from "../errors.js";
import type { Io } from "../io.js";

export async function runCatalogue(options: { output: string; lang?: string; library?: string; force?: boolean }, io: Io): Promise<number> {
  const lang = (options.lang ?? "both") as CatalogueLanguage;
  if (!["en", "fr", "both"].includes(lang)) throw new UserError(`--lang must be en, fr or both, not "${options.lang ?? ""}"`);
  if (!options.output.toLowerCase().endsWith(".docx")) throw new UserError(`the output file must end in .docx (got ${options.output})`);
  const library = clauseLibrary(options.library);
  const bytes = await packDocx(catalogueDocument(library, lang), { title: lang === "fr" ? "Bibliothèque de clauses" : "Clause library", creator: "Clausier" }, null);
  publishDocx(options.output, bytes, { force: options.force ?? false });
  io.out(`Wrote ${options.output}: ${library.clauses.length} clauses (${lang === "both" ? "English and French side by side" : lang === "fr" ? "French" : "English"}).`);
  return EXIT.ok;
}
