/**
 * The requirement families, in the order the interview asks them and the annex states them. Validation,
 * normalisation, the warning for a family without effect, the interview, `explain`, the catalogue and the
 * property tests all read this list. An extension (a test, an organisation's module) may register a family
 * of its own, with its slice of the answers schema.
 */
import { registerMessages } from "../i18n/messages.js";
import type { AnyFamily, SchemaSlice } from "./family.js";
import { tenderFamily } from "./tender.js";
import { licencePolicyFamily } from "./licence-policy.js";
import { governanceFamily } from "./governance.js";
import { componentsFamily } from "./components.js";
import { openSourceFamily } from "./open-source.js";
import { complianceFamily } from "./compliance.js";
import { sbomFamily } from "./sbom.js";
import { securityFamily } from "./security.js";
import { upstreamFamily } from "./upstream.js";
import { publicationFamily } from "./publication.js";
import { rightsFamily } from "./rights.js";
import { exitFamily } from "./exit.js";
import { remediesFamily } from "./remedies.js";

/** The built-in families. The interview asks the licence policy and the foundations before the components. */
export const BUILT_IN_FAMILIES = [
  tenderFamily,
  licencePolicyFamily,
  governanceFamily,
  componentsFamily,
  openSourceFamily,
  complianceFamily,
  sbomFamily,
  securityFamily,
  upstreamFamily,
  publicationFamily,
  rightsFamily,
  exitFamily,
  remediesFamily,
] as const;

const registered: AnyFamily[] = [];
const listeners = new Set<() => void>();

/** Every family: the built-in ones, then those registered. */
export function families(): readonly AnyFamily[] {
  return registered.length === 0 ? BUILT_IN_FAMILIES : [...BUILT_IN_FAMILIES, ...registered];
}

export function familyById(id: string): AnyFamily | undefined {
  return families().find((f) => f.id === id);
}

/** The schema slices of registered families, added to the answers schema. */
export function extensionSlices(): readonly SchemaSlice[] {
  return registered.flatMap((f) => (f.schema ? [f.schema] : []));
}

/** Called when the list changes, so that what was built from it (the schema validator) is built again. */
export function onFamiliesChanged(listener: () => void): void {
  listeners.add(listener);
}

/** Registers a family that is not built in. Returns a function that removes it again. */
export function registerFamily(family: AnyFamily): () => void {
  if (familyById(family.id) !== undefined) throw new Error(`a family "${family.id}" is already registered`);
  registered.push(family);
  const removeMessages = Object.entries(family.messages ?? {}).map(([language, entries]) => registerMessages(language, entries));
  for (const listener of listeners) listener();
  return () => {
    const index = registered.indexOf(family);
    if (index >= 0) registered.splice(index, 1);
    for (const remove of removeMessages) remove();
    for (const listener of listeners) listener();
  };
}
