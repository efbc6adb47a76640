/** The answers file the interview writes: YAML with the schema comment and a comment naming each section. */
import { relative, dirname, resolve } from "node:path";
import { Document, isMap, isPair, isScalar } from "yaml";
import type { Language } from "../answers/model.js";
import { schemaFile } from "../paths.js";
import { field } from "./texts.js";

export function answersYaml(answers: Record<string, unknown>, outputPath: string, language: Language): string {
  const doc = new Document(answers);
  const schema = relative(dirname(resolve(outputPath)), schemaFile("answers.schema.json")).split("\\").join("/");
  doc.commentBefore = ` yaml-language-server: $schema=${schema}\n Written by clausier new. Build the annex again with: clausier build <this file> -o annex.docx`;
  if (isMap(doc.contents)) {
    for (const item of doc.contents.items) {
      if (isPair(item) && isScalar(item.key) && typeof item.key.value === "string" && item.key.value !== "schemaVersion") {
        item.key.commentBefore = ` ${field([item.key.value], language).title}`;
        item.key.spaceBefore = true;
      }
    }
  }
  return doc.toString({ lineWidth: 0 });
}
