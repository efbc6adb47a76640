/**
 * The sections of the web interview, in the order the terminal asks them: the language, the tender, the
 * families to tick, each family ticked, the review. A family registered by an extension is one more section
 * with no other change.
 */
import type { AnyFamily } from "../families/family.js";
import { familyById } from "../families/index.js";
import type { Messages } from "../i18n/messages.js";
import { askedFamilies } from "../interview/state.js";
import { familyName } from "../selection/select.js";
import type { PageState } from "./page-state.js";

export function sectionsOf(state: PageState): string[] {
  const asked = askedFamilies(state);
  return ["language", ...asked.filter((f) => !f.optional).map((f) => f.id), "families", ...asked.filter((f) => f.optional).map((f) => f.id), "review"];
}

/** The family a section asks, when it is one. */
export function sectionFamily(section: string, state: PageState): AnyFamily | undefined {
  return section === "language" || section === "families" || section === "review" || !sectionsOf(state).includes(section) ? undefined : familyById(section);
}

export function sectionTitle(section: string, t: Messages): string {
  if (section === "language") return t("web.section.language");
  if (section === "families") return t("interview.review.families");
  if (section === "review") return t("interview.review.title");
  return familyName(section, t);
}

/** The section after (`1`) or before (`-1`) this one. */
export function nextSection(state: PageState, section: string, step: 1 | -1): string {
  const all = sectionsOf(state);
  const i = all.indexOf(section);
  return all[Math.min(all.length - 1, Math.max(0, (i < 0 ? 0 : i) + step))] ?? "review";
}
