/**
 * The interview: the language first, then the tender, then one checkbox of the requirement families, then
 * only the questions of the families ticked. Every answer is checked where it is typed with the same schema
 * and rules as `validate` (the draft answers are validated with the new value in place). The result is an
 * answers object that `validate` and `build` accept.
 */
import type { Language } from "../answers/model.js";
import { formatPath } from "../diagnostics.js";
import { CLASS_WORDS, LICENCE_CLASSES, licenceCatalogue, type LicenceClass } from "../licences/catalogue.js";
import { isOpenSource, judgeLeaf, type Body, type LicencePolicy } from "../licences/policy.js";
import { validateAnswersText } from "../validation/validate.js";
import type { Choice, Prompts } from "./prompts.js";
import { field, interviewFile, word } from "./texts.js";

export type Draft = Record<string, unknown>;
export type Family = "components" | "openSource" | "licensePolicy" | "governance" | "compliance" | "upstream" | "publication";
export const FAMILIES: readonly Family[] = ["components", "openSource", "licensePolicy", "governance", "compliance", "upstream", "publication"];
export type Section = "tender" | "families" | Family;

type Path = readonly (string | number)[];

function get(draft: unknown, path: Path): unknown {
  let cursor = draft;
  for (const step of path) {
    if (cursor === null || typeof cursor !== "object") return undefined;
    cursor = (cursor as Record<string | number, unknown>)[step];
  }
  return cursor;
}

function set(draft: Draft, path: Path, value: unknown): void {
  let cursor: Record<string | number, unknown> = draft;
  path.forEach((step, i) => {
    if (i === path.length - 1) {
      if (value === undefined) delete cursor[step];
      else cursor[step] = value;
      return;
    }
    const next = path[i + 1];
    if (cursor[step] === undefined || cursor[step] === null || typeof cursor[step] !== "object") cursor[step] = typeof next === "number" ? [] : {};
    cursor = cursor[step] as Record<string | number, unknown>;
  });
}

/** The draft with placeholders where required answers are still missing, so that it can be validated. */
function complete(draft: Draft, language: Language): Draft {
  const copy = structuredClone(draft);
  copy["schemaVersion"] = 1;
  const tender = (copy["tender"] ?? {}) as Record<string, unknown>;
  copy["tender"] = { title: "-", reference: "-", buyer: "-", language, ...tender };
  copy["licensePolicy"] ??= { definition: ["osi", "fsf"], allowedClasses: [...LICENCE_CLASSES] };
  return copy;
}

/** Checks one answer where it is typed: the first error `validate` would report for it, or true. */
export function checkAnswer(draft: Draft, language: Language, path: Path, value: unknown): true | string {
  const trial = complete(draft, language);
  set(trial, path, value);
  const where = formatPath(path);
  const error = validateAnswersText("answers", JSON.stringify(trial)).diagnostics.find((d) => d.severity === "error" && (d.path === where || d.path.startsWith(`${where}.`) || d.path.startsWith(`${where}[`)));
  return error === undefined ? true : `${error.message}${error.hint ? ` — ${error.hint}` : ""}`;
}

export interface InterviewState {
  language: Language;
  draft: Draft;
  families: Family[];
}

/** Which families the answers of an existing file use (for --from). */
export function familiesOf(draft: Draft): Family[] {
  const on: Family[] = [];
  if (((draft["components"] as unknown[] | undefined) ?? []).length > 0) on.push("components");
  if (get(draft, ["openSource", "scope"]) !== undefined && get(draft, ["openSource", "scope"]) !== "none") on.push("openSource");
  const classes = get(draft, ["licensePolicy", "allowedClasses"]) as unknown[] | undefined;
  const definition = get(draft, ["licensePolicy", "definition"]) as unknown[] | undefined;
  if ((classes && classes.length < LICENCE_CLASSES.length) || (definition && definition.length < 2) || (get(draft, ["licensePolicy", "deny"]) as unknown[] | undefined)?.length) on.push("licensePolicy");
  if (get(draft, ["governance", "required"]) === true) on.push("governance");
  if (get(draft, ["compliance", "openChain"]) === true || get(draft, ["compliance", "sbom", "required"]) === true || get(draft, ["compliance", "securityAssurance"]) === true) on.push("compliance");
  if (get(draft, ["upstream", "contribute"]) === true || get(draft, ["upstream", "documentation"]) === true) on.push("upstream");
  if (get(draft, ["buyerDistribution", "commit"]) === true) on.push("publication");
  return on;
}

export class Interview {
  constructor(
    private readonly prompts: Prompts,
    readonly state: InterviewState,
  ) {}

  private get lang(): Language {
    return this.state.language;
  }

  private yesNoLabels(): { yes: string; no: string } {
    return { yes: word(this.lang, "yes"), no: word(this.lang, "no") };
  }

  private title(path: Path): string {
    return field(path, this.lang).title;
  }

  /** A text answer, checked where it is typed; empty means "not given" when optional. */
  private async text(path: Path, optional = false): Promise<string | undefined> {
    const current = get(this.state.draft, path);
    const { title, help } = field(path, this.lang);
    const value = await this.prompts.input({
      message: `${title}${optional ? ` ${word(this.lang, "skip")}` : ""}`,
      ...(typeof current === "string" ? { default: current } : {}),
      validate: (v) => {
        if (v === "" && optional) return true;
        if (v === "") return help || title;
        return checkAnswer(this.state.draft, this.lang, path, v);
      },
    });
    const result = value === "" ? undefined : value;
    set(this.state.draft, path, result);
    return result;
  }

  private async yesNo(path: Path, fallback: boolean): Promise<boolean> {
    const current = get(this.state.draft, path);
    const value = await this.prompts.confirm({ message: this.title(path), default: typeof current === "boolean" ? current : fallback, labels: this.yesNoLabels() });
    set(this.state.draft, path, value);
    return value;
  }

  private async choose<T extends string>(path: Path, choices: readonly Choice<T>[], fallback: T): Promise<T> {
    const current = get(this.state.draft, path) as T | undefined;
    const value = await this.prompts.select<T>({ message: this.title(path), choices, default: current ?? fallback });
    set(this.state.draft, path, value);
    return value;
  }

  private async several<T extends string>(path: Path, choices: readonly Choice<T>[], fallback: readonly T[]): Promise<T[]> {
    const current = (get(this.state.draft, path) as T[] | undefined) ?? fallback;
    const values = await this.prompts.checkbox<T>({
      message: this.title(path),
      choices: choices.map((c) => ({ ...c, checked: current.includes(c.value) })),
      validate: (v) => checkAnswer(this.state.draft, this.lang, path, [...v]),
    });
    set(this.state.draft, path, values);
    return values;
  }

  async language(): Promise<void> {
    this.state.language = await this.prompts.select<Language>({
      message: word("en", "language"),
      choices: [
        { name: "English", value: "en" },
        { name: "Français", value: "fr" },
      ],
      default: this.state.language,
    });
    set(this.state.draft, ["tender", "language"], this.state.language);
  }

  async tender(): Promise<void> {
    await this.text(["tender", "title"]);
    await this.text(["tender", "reference"]);
    await this.text(["tender", "buyer"]);
    await this.text(["tender", "issueDate"], true);
    await this.text(["tender", "lot"], true);
  }

  async families(): Promise<void> {
    this.state.families = await this.prompts.checkbox<Family>({
      message: word(this.lang, "families"),
      choices: FAMILIES.map((f) => ({ name: word(this.lang, "family", f, "name"), value: f, description: word(this.lang, "family", f, "description"), checked: this.state.families.includes(f) })),
    });
  }

  /** Runs a family's questions when it is ticked; gives it the answers that turn it off otherwise. */
  async family(f: Family): Promise<void> {
    const on = this.state.families.includes(f);
    const d = this.state.draft;
    switch (f) {
      case "licensePolicy":
        if (!on) {
          d["licensePolicy"] = { definition: ["osi", "fsf"], allowedClasses: [...LICENCE_CLASSES], ...pick(d["licensePolicy"], ["allow"]) };
          return;
        }
        return this.licencePolicy();
      case "governance":
        if (!on) return void (d["governance"] = { required: false });
        return this.governance();
      case "components":
        if (!on) return void (d["components"] = []);
        return this.components();
      case "openSource":
        if (!on) return void (d["openSource"] = { scope: "none" });
        return this.openSource();
      case "compliance":
        if (!on) return void (d["compliance"] = { openChain: false, sbom: { required: false } });
        return this.compliance();
      case "upstream":
        if (!on) return void (d["upstream"] = { contribute: false, documentation: false });
        return this.upstream();
      case "publication":
        if (!on) return void (d["buyerDistribution"] = { commit: false });
        return this.publication();
    }
  }

  private policy(): LicencePolicy {
    const p = (this.state.draft["licensePolicy"] ?? {}) as Partial<Record<string, string[]>>;
    return {
      definition: (p["definition"] ?? ["osi", "fsf"]) as Body[],
      allowedClasses: (p["allowedClasses"] ?? [...LICENCE_CLASSES]) as LicenceClass[],
      allow: p["allow"] ?? [],
      deny: p["deny"] ?? [],
    };
  }

  private licenceChoices(term: string | undefined, policy: LicencePolicy | undefined): Choice<string>[] {
    return licenceChoices(term, policy, this.lang);
  }

  /** A licence picked from the list; one the policy would refuse can be replaced or added to `allow`. */
  private async licence(path: Path): Promise<string> {
    for (;;) {
      const policy = this.policy();
      const id = await this.prompts.search<string>({ message: `${this.title(path)} — ${word(this.lang, "licenceSearch")}`, source: (t) => this.licenceChoices(t, policy) });
      const verdict = judgeLeaf({ license: id }, policy, licenceCatalogue());
      if (!verdict.accepted) {
        const cls = classWords(verdict.info?.class, this.lang);
        const canAllow = verdict.outcome !== "not-open-source" && verdict.outcome !== "denied" && verdict.outcome !== "unknown";
        const next = await this.prompts.select<"another" | "allow">({
          message: word(this.lang, "refused").replace("{licence}", id).replace("{class}", cls),
          choices: [{ name: word(this.lang, "pickAnother"), value: "another" }, ...(canAllow ? [{ name: word(this.lang, "addToAllow"), value: "allow" as const }] : [])],
        });
        if (next === "another") continue;
        const allow = [...policy.allow, id];
        set(this.state.draft, ["licensePolicy", "allow"], allow);
      }
      set(this.state.draft, path, id);
      return id;
    }
  }

  async licencePolicy(): Promise<void> {
    const bodyChoices: Choice<Body>[] = [
      { name: "OSI (Open Source Initiative)", value: "osi" },
      { name: "FSF (Free Software Foundation)", value: "fsf" },
    ];
    await this.several<Body>(["licensePolicy", "definition"], bodyChoices, ["osi", "fsf"]);
    await this.several<LicenceClass>(
      ["licensePolicy", "allowedClasses"],
      LICENCE_CLASSES.map((c) => ({ name: this.lang === "fr" ? FRENCH_CLASS_LABELS[c] : CLASS_WORDS[c], value: c })),
      ["permissive", "weak-copyleft"],
    );
    // Licences refused whatever their class: searched one at a time; an empty search ends the list.
    const deny: string[] = [];
    for (;;) {
      const none = "\u0000none";
      const id = await this.prompts.search<string>({
        message: `${this.title(["licensePolicy", "deny"])} ${word(this.lang, "skip")}`,
        source: (t) => [{ name: word(this.lang, "none"), value: none }, ...this.licenceChoices(t, undefined).filter((c) => !deny.includes(c.value))],
      });
      if (id === none) break;
      deny.push(id);
    }
    set(this.state.draft, ["licensePolicy", "deny"], deny.length > 0 ? deny : undefined);
  }

  async governance(): Promise<void> {
    set(this.state.draft, ["governance", "required"], true);
    const known = interviewFile().foundations;
    const current = (get(this.state.draft, ["governance", "foundations"]) as string[] | undefined) ?? ["LF Energy"];
    const picked = await this.prompts.checkbox<string>({
      message: this.title(["governance", "foundations"]),
      choices: [...new Set([...known, ...current])].map((f) => ({ name: f, value: f, checked: current.includes(f) })),
    });
    const foundations = [...picked];
    for (;;) {
      const other = await this.prompts.input({
        message: word(this.lang, "otherFoundation"),
        validate: (v) => (v === "" ? true : checkAnswer(this.state.draft, this.lang, ["governance", "foundations", foundations.length], v)),
      });
      if (other === "") break;
      if (!foundations.includes(other)) foundations.push(other);
    }
    set(this.state.draft, ["governance", "foundations"], foundations);
    const ok = checkAnswer(this.state.draft, this.lang, ["governance", "foundations"], foundations);
    if (ok !== true) this.prompts.say(ok);
  }

  async components(): Promise<void> {
    const existing = ((this.state.draft["components"] as unknown[] | undefined) ?? []).length;
    const count = Math.max(existing, 1);
    let i = 0;
    for (;;) {
      await this.component(i);
      i++;
      if (i < count) continue;
      if (!(await this.prompts.confirm({ message: word(this.lang, "anotherComponent"), default: false, labels: this.yesNoLabels() }))) break;
    }
    const all = this.state.draft["components"] as unknown[];
    this.state.draft["components"] = all.slice(0, i);
  }

  private async component(i: number): Promise<void> {
    const at = (key: string): Path => ["components", i, key];
    await this.text(at("name"));
    await this.text(at("purpose"));
    await this.licence(at("license"));
    await this.text(at("version"), true);
    await this.text(at("repository"), true);
    const foundations = (get(this.state.draft, ["governance", "foundations"]) as string[] | undefined) ?? [];
    const choices = [...new Set([...foundations, ...interviewFile().foundations])];
    const other = "\u0000other";
    const none = "\u0000none";
    const current = get(this.state.draft, at("governance")) as string | undefined;
    const picked = await this.prompts.select<string>({
      message: this.title(at("governance")),
      choices: [...choices.map((f) => ({ name: f, value: f })), { name: word(this.lang, "other"), value: other }, { name: word(this.lang, "none"), value: none }],
      default: current ?? foundations[0] ?? none,
    });
    set(this.state.draft, at("governance"), picked === none ? undefined : picked === other ? undefined : picked);
    if (picked === other) await this.text(at("governance"));
    const equivalent = await this.yesNo(at("orEquivalent"), true);
    if (equivalent) await this.text(at("justification"), true);
    else await this.text(at("justification"));
    if (equivalent) set(this.state.draft, at("orEquivalent"), undefined); // the default
  }

  async openSource(): Promise<void> {
    const fr = this.lang === "fr";
    const scope = await this.choose(["openSource", "scope"], [
      { name: fr ? "Pour une partie des besoins (à énumérer)" : "For part of the needs (to list)", value: "partial" },
      { name: fr ? "Pour tous les besoins fonctionnels" : "For all the functional needs", value: "all" },
    ], "partial");
    if (scope === "partial") {
      const existing = ((get(this.state.draft, ["openSource", "needs"]) as unknown[] | undefined) ?? []).length;
      let i = 0;
      for (;;) {
        await this.text(["openSource", "needs", i]);
        i++;
        if (i < Math.max(existing, 1)) continue;
        if (!(await this.prompts.confirm({ message: word(this.lang, "anotherNeed"), default: false, labels: this.yesNoLabels() }))) break;
      }
      set(this.state.draft, ["openSource", "needs"], (get(this.state.draft, ["openSource", "needs"]) as unknown[]).slice(0, i));
    } else {
      set(this.state.draft, ["openSource", "needs"], undefined);
    }
    const mode = await this.choose(["openSource", "mode"], [
      { name: fr ? "Exigence impérative" : "A mandatory requirement", value: "mandatory" },
      { name: fr ? "Critère d’attribution pondéré" : "A weighted award criterion", value: "award-criterion" },
    ], "mandatory");
    if (mode === "award-criterion") {
      const current = get(this.state.draft, ["openSource", "weight"]);
      const weight = await this.prompts.input({
        message: this.title(["openSource", "weight"]),
        default: typeof current === "number" ? String(current) : "20",
        validate: (v) => (/^\d+$/.test(v) ? checkAnswer(this.state.draft, this.lang, ["openSource", "weight"], Number(v)) : field(["openSource", "weight"], this.lang).help),
      });
      set(this.state.draft, ["openSource", "weight"], Number(weight));
    } else {
      set(this.state.draft, ["openSource", "mode"], undefined);
      set(this.state.draft, ["openSource", "weight"], undefined);
    }
  }

  async compliance(): Promise<void> {
    const fr = this.lang === "fr";
    if (await this.yesNo(["compliance", "openChain"], true)) {
      await this.choose(["compliance", "evidence"], [
        { name: fr ? "Déclaration de conformité du titulaire" : "Self-certification by the supplier", value: "self-certification" },
        { name: fr ? "Évaluation par un tiers indépendant" : "Assessment by an independent third party", value: "third-party-assessment" },
      ], "self-certification");
    } else {
      set(this.state.draft, ["compliance", "evidence"], undefined);
    }
    await this.yesNo(["compliance", "securityAssurance"], false);
    if (await this.yesNo(["compliance", "sbom", "required"], true)) {
      const formats = ["spdx-2.2", "spdx-2.3", "spdx-3.0", "cyclonedx-1.4", "cyclonedx-1.5", "cyclonedx-1.6"] as const;
      await this.several(["compliance", "sbom", "formats"], formats.map((f) => ({ name: f, value: f })), ["spdx-2.3", "cyclonedx-1.6"]);
      await this.yesNo(["compliance", "sbom", "includeNonCodeAssets"], true);
    } else {
      set(this.state.draft, ["compliance", "sbom"], { required: false });
    }
  }

  async upstream(): Promise<void> {
    const contribute = await this.yesNo(["upstream", "contribute"], true);
    await this.yesNo(["upstream", "documentation"], contribute);
  }

  async publication(): Promise<void> {
    set(this.state.draft, ["buyerDistribution", "commit"], true);
    const kinds = ["software", "network", "library", "documentation"] as const;
    const kind = await this.prompts.select<(typeof kinds)[number]>({
      message: word(this.lang, "deliverable"),
      choices: kinds.map((k) => ({ name: word(this.lang, "deliverables", k, "name"), value: k, description: word(this.lang, "deliverables", k, "licence") })),
    });
    const definition = this.policy().definition;
    const catalogue = licenceCatalogue();
    const open = (id: string): boolean => isOpenSource(catalogue.info(id), definition);
    const recommended = word(this.lang, "deliverables", kind, "licence");
    const software = ["EUPL-1.2", "AGPL-3.0-or-later", "Apache-2.0", "BSD-3-Clause", "MPL-2.0", "GPL-3.0-or-later", "MIT"].filter(open);
    const first = kind === "documentation" ? (software[0] ?? "EUPL-1.2") : open(recommended) ? recommended : (software[0] ?? recommended);
    const ordered = [first, ...software.filter((l) => l !== first)];
    const other = "\u0000other";
    const current = get(this.state.draft, ["buyerDistribution", "license"]) as string | undefined;
    const picked = await this.prompts.select<string>({
      message: this.title(["buyerDistribution", "license"]),
      choices: [...ordered.map((l, i) => ({ name: `${l}${i === 0 ? ` (${word(this.lang, "recommended")})` : ""}`, value: l, description: catalogue.info(l)?.name ?? l })), { name: word(this.lang, "other"), value: other }],
      default: current ?? first,
    });
    if (picked === other) await this.licence(["buyerDistribution", "license"]);
    else set(this.state.draft, ["buyerDistribution", "license"], picked);
    const none = "\u0000none";
    const docs = ["CC-BY-4.0", "CC-BY-SA-4.0", "etalab-2.0"];
    const doc = await this.prompts.select<string>({
      message: this.title(["buyerDistribution", "documentationLicense"]),
      choices: [...docs.map((l, i) => ({ name: `${l}${i === 0 ? ` (${word(this.lang, "recommended")})` : ""}`, value: l, description: catalogue.info(l)?.name ?? l })), { name: word(this.lang, "none"), value: none }],
      default: (get(this.state.draft, ["buyerDistribution", "documentationLicense"]) as string | undefined) ?? "CC-BY-4.0",
    });
    set(this.state.draft, ["buyerDistribution", "documentationLicense"], doc === none ? undefined : doc);
  }

  /** Every section, in order. */
  async all(): Promise<void> {
    await this.language();
    await this.tender();
    await this.families();
    for (const f of ORDER) await this.family(f);
  }

  async section(s: Section): Promise<void> {
    if (s === "tender") return this.tender();
    if (s === "families") {
      await this.families();
      for (const f of ORDER) await this.family(f);
      return;
    }
    return this.family(s);
  }
}

/** Search choices over the SPDX list, with class and OSI/FSF status; licences the policy would refuse are flagged ✗. */
export function licenceChoices(term: string | undefined, policy: LicencePolicy | undefined, language: Language): Choice<string>[] {
  const catalogue = licenceCatalogue();
  const needle = (term ?? "").trim().toLowerCase();
  const out: Choice<string>[] = [];
  for (const id of catalogue.ids) {
    const info = catalogue.info(id);
    if (!info || info.deprecated) continue;
    if (needle !== "" && !id.toLowerCase().includes(needle) && !info.name.toLowerCase().includes(needle)) continue;
    const cls = classWords(info.class, language);
    const refused = policy !== undefined && !judgeLeaf({ license: id }, policy, catalogue).accepted;
    out.push({
      name: `${refused ? "✗ " : ""}${id} — ${info.name}`,
      value: id,
      description: `${cls} · OSI ${info.osiApproved ? "✓" : "✗"} · FSF ${info.fsfLibre === undefined ? "–" : info.fsfLibre ? "✓" : "✗"}`,
    });
  }
  const rank = (c: Choice<string>): number => (c.value.toLowerCase() === needle ? 0 : c.value.toLowerCase().startsWith(needle) ? 1 : 2);
  return out.sort((a, b) => rank(a) - rank(b) || a.value.localeCompare(b.value)).slice(0, 40);
}


/** The classes as checkbox labels, in French. */
const FRENCH_CLASS_LABELS: Record<LicenceClass, string> = {
  permissive: "permissives",
  "weak-copyleft": "copyleft faible",
  "strong-copyleft": "copyleft fort",
  "network-copyleft": "copyleft réseau",
};

/** The classes in a French sentence ("GPL-3.0-only est à copyleft fort"). */
const FRENCH_CLASS_WORDS: Record<LicenceClass, string> = {
  permissive: "permissive",
  "weak-copyleft": "à copyleft faible",
  "strong-copyleft": "à copyleft fort",
  "network-copyleft": "à copyleft réseau",
};

export function classWords(cls: LicenceClass | undefined, language: Language): string {
  if (cls === undefined) return language === "fr" ? "non classée" : "not classified";
  return language === "fr" ? FRENCH_CLASS_WORDS[cls] : CLASS_WORDS[cls];
}

/** The order of the follow-up questions: the licence policy and foundations before the components. */
export const ORDER: readonly Family[] = ["licensePolicy", "governance", "components", "openSource", "compliance", "upstream", "publication"];

function pick(value: unknown, keys: string[]): Record<string, unknown> {
  if (value === null || typeof value !== "object") return {};
  return Object.fromEntries(Object.entries(value).filter(([k, v]) => keys.includes(k) && v !== undefined));
}

/** The draft as an answers object in the order of the schema, without empty optional sections. */
export function finalAnswers(state: InterviewState): Draft {
  const d = state.draft;
  const order = ["schemaVersion", "tender", "openSource", "components", "licensePolicy", "governance", "compliance", "upstream", "buyerDistribution"];
  const out: Draft = { schemaVersion: 1 };
  for (const key of order.slice(1)) if (d[key] !== undefined) out[key] = d[key];
  return out;
}

