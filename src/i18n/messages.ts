/**
 * Every word a user reads, per language: messages keyed by what they say (`findings.licence.invalid`), in
 * messages/<language>/*.yaml, written in ICU MessageFormat (placeholders, plurals, choices) and formatted
 * with intl-messageformat. The keys and their placeholders are checked by the compiler
 * (src/generated/messages.ts, made from the English files by scripts/generate.mjs); a test checks that each
 * language has every key with the same placeholders. French messages get French typography (non-breaking
 * spaces before ; : ! ? » and after «) when they are read, so the files are written with plain spaces.
 */
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { IntlMessageFormat } from "intl-messageformat";
import type { MessageKey, MessageParams } from "../generated/messages.js";
import { lazyRequire } from "../lazy.js";
import { GENERATED_DIR, PACKAGE_ROOT } from "../paths.js";
import { frenchTypography } from "../rendering/typography.js";

export type { MessageKey, MessageParams } from "../generated/messages.js";

export type Language = "en" | "fr";
/** The languages of Clausier's messages, annexes and interview. Adding one: see the README ("Another language"). */
export const LANGUAGES: readonly Language[] = ["en", "fr"];

/** The locale each language formats numbers, lists and plurals with. */
export const LOCALES: Readonly<Record<Language, string>> = { en: "en-GB", fr: "fr-FR" };

export const MESSAGES_DIR = join(PACKAGE_ROOT, "messages");

export function isLanguage(value: unknown): value is Language {
  return typeof value === "string" && (LANGUAGES as readonly string[]).includes(value);
}

type Catalogue = Readonly<Record<string, Readonly<Record<string, string>>>>;

const yaml = lazyRequire<typeof import("yaml")>("yaml");

function flatten(prefix: string, value: unknown, out: Record<string, string>): void {
  if (typeof value === "string") {
    out[prefix] = value;
    return;
  }
  if (value !== null && typeof value === "object" && !Array.isArray(value)) {
    for (const [key, item] of Object.entries(value)) flatten(prefix === "" ? key : `${prefix}.${key}`, item, out);
  }
}

/** The message files as read now, with the hash the build-time copy records. */
function readMessageFiles(): { hash: string; messages: Record<string, Record<string, string>> } {
  const hash = createHash("sha256");
  const messages: Record<string, Record<string, string>> = {};
  for (const language of readdirSync(MESSAGES_DIR, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort()) {
    messages[language] = {};
    for (const name of readdirSync(join(MESSAGES_DIR, language)).filter((f) => f.endsWith(".yaml")).sort()) {
      const text = readFileSync(join(MESSAGES_DIR, language, name), "utf8");
      hash.update(`${language}/${name}\u0000`).update(text).update("\u0000");
      flatten(name.replace(/\.yaml$/, ""), yaml().parse(text, { uniqueKeys: true }), messages[language]);
    }
  }
  return { hash: hash.digest("hex"), messages };
}

/** The hash of the message files, to know whether the build-time copy is current. */
function messageFilesHash(): string {
  const hash = createHash("sha256");
  for (const language of readdirSync(MESSAGES_DIR, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort()) {
    for (const name of readdirSync(join(MESSAGES_DIR, language)).filter((f) => f.endsWith(".yaml")).sort()) {
      hash.update(`${language}/${name}\u0000`).update(readFileSync(join(MESSAGES_DIR, language, name))).update("\u0000");
    }
  }
  return hash.digest("hex");
}

const formats = new Map<string, IntlMessageFormat>();
let catalogue: Catalogue | undefined;
/** Messages added by extensions (a registered requirement family's name and words), by language. */
const extensions: Record<string, Record<string, string>> = {};

/** Every language's messages: the copy made at build time when it is current, or the files themselves. */
export function messageCatalogue(): Catalogue {
  if (catalogue === undefined) {
    let base: Catalogue | undefined;
    const file = join(GENERATED_DIR, "messages.json");
    if (existsSync(file)) {
      const built = JSON.parse(readFileSync(file, "utf8")) as { hash: string; messages: Catalogue };
      if (built.hash === messageFilesHash()) base = built.messages;
    }
    base ??= readMessageFiles().messages;
    catalogue = Object.keys(extensions).length === 0 ? base : Object.fromEntries(Object.entries(base).map(([lang, m]) => [lang, { ...m, ...extensions[lang] }]));
  }
  return catalogue;
}

/** Adds messages (an extension's words); returns a function that removes them again. */
export function registerMessages(language: string, entries: Readonly<Record<string, string>>): () => void {
  extensions[language] = { ...extensions[language], ...entries };
  catalogue = undefined;
  formats.clear();
  return () => {
    for (const key of Object.keys(entries)) delete extensions[language]?.[key];
    catalogue = undefined;
    formats.clear();
  };
}

/** Formats messages in one language. */
export interface Messages {
  readonly language: Language;
  /** The message `key` with its placeholders filled. */
  <K extends MessageKey>(key: K, ...params: MessageParams[K] extends Record<string, never> ? [] : [MessageParams[K]]): string;
  /** Whether a message exists (for keys made from data, such as a finding's code). */
  has(key: string): boolean;
  /** A message whose key is made from data; the caller checked it with `has`. */
  dynamic(key: string, params?: Record<string, string | number>): string;
  /** "A, B and C" / "A, B et C" (`or`: "A, B or C"). */
  list(items: readonly string[], type?: "and" | "or"): string;
  /** A number as the language writes it (1,000 / 1 000). */
  number(value: number): string;
}

function format(language: Language, key: string, params: Record<string, unknown> | undefined): string {
  const cacheKey = `${language}\u0000${key}`;
  let formatter = formats.get(cacheKey);
  if (formatter === undefined) {
    const pattern = messageCatalogue()[language]?.[key] ?? messageCatalogue()["en"]?.[key];
    if (pattern === undefined) throw new Error(`no message "${key}" in messages/${language}/`);
    formatter = new IntlMessageFormat(language === "fr" ? frenchTypography(pattern) : pattern, LOCALES[language], undefined, { ignoreTag: true });
    formats.set(cacheKey, formatter);
  }
  const text = formatter.format(params as Record<string, string | number> | undefined);
  if (typeof text !== "string") throw new Error(`message "${key}" did not format to text`);
  return text;
}

const instances = new Map<Language, Messages>();

export function messages(language: Language): Messages {
  let m = instances.get(language);
  if (m === undefined) {
    const lists = { and: new Intl.ListFormat(LOCALES[language], { type: "conjunction" }), or: new Intl.ListFormat(LOCALES[language], { type: "disjunction" }) };
    const numbers = new Intl.NumberFormat(LOCALES[language]);
    const t = ((key: string, params?: Record<string, unknown>) => format(language, key, params)) as unknown as Messages;
    Object.assign(t, {
      language,
      has: (key: string) => messageCatalogue()[language]?.[key] !== undefined,
      dynamic: (key: string, params?: Record<string, string | number>) => format(language, key, params),
      list: (items: readonly string[], type: "and" | "or" = "and") => lists[type].format(items),
      number: (value: number) => numbers.format(value),
    });
    m = t;
    instances.set(language, m);
  }
  return m;
}

/**
 * The language to speak before any answers are read: `--lang`, then CLAUSIER_LANG, then the system's
 * language (LC_ALL, LC_MESSAGES, LANG) when it is one Clausier speaks, else English.
 */
export function languageFrom(option: string | undefined, env: Readonly<Record<string, string | undefined>>): Language {
  for (const candidate of [option, env["CLAUSIER_LANG"], env["LC_ALL"], env["LC_MESSAGES"], env["LANG"]]) {
    if (candidate === undefined || candidate === "") continue;
    const code = candidate.toLowerCase().slice(0, 2);
    if (isLanguage(code)) return code;
    if (candidate === option) return "en";
  }
  return "en";
}
