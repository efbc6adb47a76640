/**
 * The answers file the interview writes: YAML, with the schema comment for editors, a header saying how to
 * build the annex again from the folder the file is in, and the name of each section as a comment, all in
 * the buyer's language.
 */
import { basename, dirname, relative, resolve } from "node:path";
import { Document, isMap, isPair, isScalar } from "yaml";
import type { Messages } from "../i18n/messages.js";
import { schemaFile } from "../paths.js";
import { fieldWords } from "../validation/schema.js";

/** A path as a shell reads it: quoted when it holds anything but plain characters. */
function shellWord(path: string): string {
  return /^[\w./@%+=:,-]+$/.test(path) ? path : `'${path.replace(/'/g, "'\\''")}'`;
}

/**
 * `origin`: the terminal interview knows where the file goes, so its header points editors to the schema;
 * a file downloaded from the web interview may be saved anywhere, so its header names no path but the
 * two files' own names, side by side.
 */
export function answersYaml(answers: Record<string, unknown>, answersPath: string, annexPath: string, t: Messages, origin: "new" | "serve" = "new"): string {
  const doc = new Document(answers);
  const folder = dirname(resolve(answersPath));
  const schema = relative(folder, schemaFile("answers.schema.json")).split("\\").join("/");
  const annex = relative(folder, resolve(annexPath)).split("\\").join("/");
  const command = `npx clausier build ${shellWord(basename(answersPath))} -o ${shellWord(annex)} --force`;
  doc.commentBefore =
    origin === "new"
      ? ` yaml-language-server: $schema=${schema}\n ${t("interview.file.written")}\n ${t("interview.file.rebuild")}\n   ${command}`
      : ` ${t("interview.file.written-web")}\n ${t("interview.file.rebuild")}\n   ${command}`;
  if (isMap(doc.contents)) {
    for (const item of doc.contents.items) {
      if (isPair(item) && isScalar(item.key) && typeof item.key.value === "string" && item.key.value !== "schemaVersion" && item.key.value !== "$schema") {
        item.key.commentBefore = ` ${fieldWords([item.key.value], t).title}`;
        item.key.spaceBefore = true;
      }
    }
  }
  return doc.toString({ lineWidth: 0 });
}
