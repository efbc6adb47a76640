/** Every question of every family, with the path it writes (an item's questions under the list's first item). */
import type { Path } from "../../src/families/family.js";
import { families } from "../../src/families/index.js";
import type { Question } from "../../src/interview/questions.js";

export function allQuestions(): { family: string; question: Question; path: Path }[] {
  const out: { family: string; question: Question; path: Path }[] = [];
  for (const family of families()) {
    for (const question of family.questions) {
      out.push({ family: family.id, question, path: question.path });
      if (question.kind === "items") for (const q of question.item) out.push({ family: family.id, question: q, path: [...question.path, 0, ...q.path] });
    }
  }
  return out;
}

/** `components[].license` → ["components", 0, "license"]. */
export function keyPath(key: string): Path {
  return key.split(".").flatMap((step) => (step.endsWith("[]") ? [step.slice(0, -2), 0] : [step]));
}
