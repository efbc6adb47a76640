/**
 * The web interview keeps its answers in the page, never on the server: every form carries them in a hidden
 * field (JSON), and every request reads them back as untrusted input, within the size of an answers file and
 * with only the shape an interview state can have. Whatever they hold is then checked by the same validation
 * as any answers file.
 */
import { MAX_ANSWERS_BYTES } from "../cli/read-answers.js";
import type { Draft } from "../families/family.js";
import { families } from "../families/index.js";
import { isLanguage, type Language } from "../i18n/messages.js";
import { startState, type InterviewState } from "../interview/state.js";

/** The interview as the page carries it. */
export interface PageState extends InterviewState {
  /** Where the answers came from (an uploaded file's name), for the review's marks of what changed. */
  from: string | undefined;
  /** Whether the review has been reached once: every section then offers to go back to it. */
  reviewed: boolean;
}

/** The state could not be read: the page was tampered with, or is not one of this server's. */
export class StateError extends Error {
  override readonly name = "StateError";
}

const isMapping = (v: unknown): v is Draft => v !== null && typeof v === "object" && !Array.isArray(v);

export function newPageState(from: Draft | undefined, language: Language, file?: string): PageState {
  return { ...startState(from, language), from: file, reviewed: false };
}

export function encodeState(state: PageState): string {
  return JSON.stringify({ language: state.language, draft: state.draft, initial: state.initial, ticked: [...state.ticked], from: state.from ?? null, reviewed: state.reviewed });
}

export function decodeState(text: unknown): PageState {
  if (typeof text !== "string" || text.length > 2 * MAX_ANSWERS_BYTES) throw new StateError("no state, or too large");
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new StateError("not JSON");
  }
  if (!isMapping(data)) throw new StateError("not a mapping");
  const { language, draft, initial, ticked, from, reviewed } = data;
  if (!isLanguage(language) || !isMapping(draft) || !isMapping(initial) || !Array.isArray(ticked) || typeof reviewed !== "boolean") throw new StateError("not an interview");
  if (from !== null && typeof from !== "string") throw new StateError("not an interview");
  const optional = new Set(families().filter((f) => f.optional).map((f) => f.id));
  return {
    language,
    draft,
    initial,
    ticked: new Set(ticked.filter((id): id is string => typeof id === "string" && optional.has(id))),
    from: from ?? undefined,
    reviewed,
  };
}
