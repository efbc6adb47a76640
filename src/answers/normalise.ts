/** The answers with every family's defaults applied. Call only on data that passed validation. */
import { families } from "../families/index.js";
import { mergeSlices, type Answers } from "./model.js";

export function normaliseAnswers(data: unknown): Answers {
  const raw = data as Record<string, unknown>;
  const out: Record<string, unknown> = { schemaVersion: 1 };
  for (const family of families()) mergeSlices(out, family.normalise(raw) as Record<string, unknown>);
  return out as unknown as Answers;
}
