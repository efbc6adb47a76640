/**
 * Clause texts are Handlebars templates over the answers. They are compiled strictly (a missing answer is
 * an error), with a fixed set of helpers, and every value that comes from the answers is marked so that it
 * enters the document as literal text only (see spans.ts). French clause texts get French typography
 * (non-breaking spaces before ; : ! ? » and after «) on the clause's own words, never on the buyer's.
 */
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { join } from "node:path";
import type Handlebars from "handlebars";
import handlebarsRuntime from "handlebars/runtime.js";
import { format } from "date-fns/format";
import { parseISO } from "date-fns/parseISO";
import { subMonths } from "date-fns/subMonths";
import { enGB } from "date-fns/locale/en-GB";
import { fr } from "date-fns/locale/fr";
import type { Answers, Language } from "../answers/model.js";
import type { AnnexWords, Clause } from "../clauses/library.js";
import { licenceCatalogue } from "../licences/catalogue.js";
import { joinWords } from "../words.js";
import { lazyRequire } from "../lazy.js";
import { GENERATED_DIR } from "../paths.js";
import { COMPILE_OPTIONS, templateAst, templateKey } from "./helpers.js";
import { ANSWER_END, ANSWER_START, STRONG_END, STRONG_START } from "./spans.js";

/** Handlebars' compiler: only for templates that were not precompiled at build time (an organisation's overlay). */
const compiler = lazyRequire<typeof import("handlebars")>("handlebars");

/** Handlebars without its compiler: enough to run templates precompiled at build time. */
const runtime = handlebarsRuntime as unknown as typeof Handlebars;

type TemplateSpec = Parameters<typeof Handlebars.template>[0];
/** The built-in library's templates, precompiled by scripts/compile.mjs, keyed by language and source. */
let precompiled: Record<string, TemplateSpec> | undefined;
function precompiledSpecs(): Record<string, TemplateSpec> {
  if (precompiled === undefined) {
    const file = join(GENERATED_DIR, "templates.cjs");
    precompiled = existsSync(file) ? (lazyRequire<Record<string, TemplateSpec>>(file)()) : {};
  }
  return precompiled;
}
const sha1 = (text: string): string => createHash("sha1").update(text).digest("hex");

/** A text from the answers: Handlebars prints it through toHTML, which marks it. */
class AnswerText {
  constructor(readonly value: string) {}
  toHTML(): string {
    return ANSWER_START + this.value + ANSWER_END;
  }
  toString(): string {
    return this.value;
  }
}

function wrap(value: unknown): unknown {
  if (typeof value === "string") return new AnswerText(value);
  if (Array.isArray(value)) return value.map(wrap);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, wrap(v)]));
  }
  return value;
}

function unwrap(value: unknown): unknown {
  if (value instanceof AnswerText) return value.value;
  if (Array.isArray(value)) return value.map(unwrap);
  return value;
}

const marked = (text: string): string => ANSWER_START + text + ANSWER_END;

/**
 * Formats a date the way each language writes it: 1 December 2026, 1er décembre 2026. The year is the
 * calendar's own ("uuuu": 0000 is the year before 0001), not the year of an era, so that no date is
 * printed as another.
 */
function formatDay(date: Date, language: Language): string {
  if (Number.isNaN(date.getTime())) throw new RangeError("not a date");
  if (language === "fr") return format(date, date.getDate() === 1 ? "do MMMM uuuu" : "d MMMM uuuu", { locale: fr });
  return format(date, "d MMMM uuuu", { locale: enGB });
}

/** An ISO date (YYYY-MM-DD) as each language writes it. */
export function formatDate(iso: string, language: Language): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso)) throw new RangeError(`not a date written YYYY-MM-DD: ${iso.slice(0, 20)}`);
  return formatDay(parseISO(iso), language);
}

/**
 * An amount of money as each language writes it, without the locale data of the machine (so that the same
 * answers give the same bytes everywhere): 1,500.50 EUR in English as "EUR 1,500.50", in French as
 * "1 500,50 euros" (a narrow no-break space between thousands, a no-break space before the currency; the
 * euro in words, other currencies by their code: "1 500 CHF").
 */
export function formatAmount(value: number, currency: string, language: Language): string {
  if (!Number.isFinite(value) || value < 0) throw new RangeError(`not an amount: ${value}`);
  const cents = Math.round(value * 100);
  const whole = String(Math.floor(cents / 100));
  const fraction = cents % 100 === 0 ? "" : String(cents % 100).padStart(2, "0");
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, language === "fr" ? "\u202f" : ",");
  const number = fraction === "" ? grouped : `${grouped}${language === "fr" ? "," : "."}${fraction}`;
  // French legal texts write the euro out in words ("1 500 euros"; singular below two); other currencies
  // keep their ISO 4217 code.
  const unit = language === "fr" && currency === "EUR" ? (value < 2 ? "euro" : "euros") : currency;
  return language === "fr" ? `${number}\u00a0${unit}` : `${currency}\u00a0${number}`;
}

/** The date `months` months before an ISO date, as each language writes it. */
export function formatMonthsBefore(iso: string, months: number, language: Language): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso)) throw new RangeError(`not a date written YYYY-MM-DD: ${iso.slice(0, 20)}`);
  if (!Number.isInteger(months) || months < 0 || months > 1200) throw new RangeError(`not a number of months from 0 to 1200: ${months}`);
  return formatDay(subMonths(parseISO(iso), months), language);
}


type HelperOptions = Handlebars.HelperOptions & { data: { requirement?: string } };

/** A Handlebars environment (the runtime, or the full package with its compiler) with the helpers for one language. */
function makeEnvironment(base: typeof Handlebars, language: Language, words: AnnexWords): typeof Handlebars {
  const hb = base.create();
  const safe = (s: string): Handlebars.SafeString => new hb.SafeString(s);
  const term = (value: unknown): string => {
    const key = String(unwrap(value));
    const found = words.terms[key];
    if (found === undefined) throw new Error(`no ${language} wording for "${key}" in templates/${language}.yaml (terms)`);
    return found;
  };
  const conj = (options: HelperOptions): string => (options.hash["or"] === true ? words.words.or : words.words.and);
  hb.registerHelper({
    eq: (a: unknown, b: unknown) => unwrap(a) === unwrap(b),
    includes: (list: unknown, value: unknown) => Array.isArray(list) && (unwrap(list) as unknown[]).includes(unwrap(value)),
    and: (...args: unknown[]) => args.slice(0, -1).every((a) => Boolean(unwrap(a)) && !(Array.isArray(a) && a.length === 0)),
    or: (...args: unknown[]) => args.slice(0, -1).some((a) => Boolean(unwrap(a)) && !(Array.isArray(a) && a.length === 0)),
    not: (a: unknown) => !unwrap(a) || (Array.isArray(a) && a.length === 0),
    count: (list: unknown) => (Array.isArray(list) ? list.length : 0),
    amount: (value: unknown, currency: unknown) => safe(marked(formatAmount(Number(unwrap(value)), String(unwrap(currency)), language))),
    date: (iso: unknown) => safe(marked(formatDate(String(unwrap(iso)), language))),
    monthsBefore: (iso: unknown, months: unknown) => safe(marked(formatMonthsBefore(String(unwrap(iso)), Number(months), language))),
    term: (value: unknown) => safe(term(value)),
    terms: (list: unknown, options: HelperOptions) => safe(joinWords((list as unknown[]).map(term), conj(options))),
    list: (list: unknown, options: HelperOptions) => safe(joinWords((list as unknown[]).map((v) => marked(String(unwrap(v)))), conj(options))),
    licence: (id: unknown) => {
      const text = String(unwrap(id));
      // A licence's own name in the language, where the words file gives one (the EUPL's official names),
      // else the SPDX list's name.
      const own = words.terms[`licence.${text.toLowerCase()}`];
      const info = licenceCatalogue().info(text);
      const name = own ?? info?.name;
      return safe(name !== undefined ? `${name} (${marked(text)})` : marked(text));
    },
    subref: (index: unknown, options: HelperOptions) => {
      const requirement = options.data.requirement;
      if (requirement === undefined) throw new Error("subref is only available in a clause with a requirement identifier");
      return safe(`${requirement}.${Number(index) + 1}`);
    },
    strong(this: unknown, options: HelperOptions) {
      return safe(STRONG_START + options.fn(this) + STRONG_END);
    },
  });
  return hb;
}

interface Environments {
  /** Runs precompiled templates. */
  readonly runtime: typeof Handlebars;
  /** Compiles the others; made on first need. */
  full?: typeof Handlebars;
  readonly templates: Map<string, HandlebarsTemplateDelegate>;
}
const environments = new WeakMap<AnnexWords, Environments>();
/** The answers with every text marked, made once per answers object (every clause of an annex renders on them). */
const wrappedAnswers = new WeakMap<Answers, unknown>();

/** Renders a clause text on the answers: its template precompiled at build time, or compiled once here. */
export function renderClauseText(clause: Clause, language: Language, words: AnnexWords, answers: Answers, source: string = clause.text[language]): string {
  let env = environments.get(words);
  if (env === undefined) {
    env = { runtime: makeEnvironment(runtime, language, words), templates: new Map() };
    environments.set(words, env);
  }
  let template = env.templates.get(source);
  if (template === undefined) {
    const spec = precompiledSpecs()[templateKey(language, source, sha1)];
    if (spec !== undefined) {
      template = env.runtime.template(spec);
    } else {
      // Not precompiled (an organisation's overlay, or a stale build): compiled now, with the same options.
      env.full ??= makeEnvironment(compiler(), language, words);
      const full = env.full;
      template = full.compile(templateAst((text) => full.parse(text), source, language) as hbs.AST.Program, COMPILE_OPTIONS);
    }
    env.templates.set(source, template);
  }
  const data: { requirement?: string } = clause.requirement !== undefined ? { requirement: clause.requirement } : {};
  let wrapped = wrappedAnswers.get(answers);
  if (wrapped === undefined) {
    wrapped = wrap(answers);
    wrappedAnswers.set(answers, wrapped);
  }
  return template(wrapped, { data });
}
