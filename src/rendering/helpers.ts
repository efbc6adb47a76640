/**
 * What clause templates are compiled with, shared by the build-time precompiler (scripts/compile.mjs) and
 * the run-time fallback (rendering/clause-text.ts), so that both give the same template: the helpers a
 * template may use, the compiler options, and the French typography applied to the clause's own words.
 */
import type { Language } from "../answers/model.js";
import { frenchTypography } from "./typography.js";

export { frenchTypography };

/** The helpers a clause template may call; any other name is refused when the template is compiled. */
export const KNOWN_HELPERS = {
  eq: true,
  includes: true,
  and: true,
  or: true,
  not: true,
  date: true,
  monthsBefore: true,
  term: true,
  terms: true,
  list: true,
  licence: true,
  subref: true,
  count: true,
  amount: true,
  strong: true,
} as const;
export const HELPER_NAMES: readonly string[] = Object.keys(KNOWN_HELPERS);

/** Strict (a missing answer is an error), only known helpers, and no indentation added to partials. */
export const COMPILE_OPTIONS = { strict: true, knownHelpers: KNOWN_HELPERS, knownHelpersOnly: true, preventIndent: true } as const;

type AstNode = { type: string; [key: string]: unknown };
function transformContent(node: unknown, fn: ((s: string) => string) | undefined): void {
  if (Array.isArray(node)) {
    node.forEach((n) => transformContent(n, fn));
    return;
  }
  if (node === null || typeof node !== "object") return;
  const n = node as AstNode;
  if (n.type === "ContentStatement" && typeof n["value"] === "string" && fn !== undefined) n["value"] = fn(n["value"]);
  // {{{answer}}} and {{& answer}} print as {{answer}} does: an answer always enters the text marked as the
  // buyer's, never as markup (clauses lint refuses them too).
  if (n.type === "MustacheStatement") n["escaped"] = true;
  for (const key of ["body", "program", "inverse"]) transformContent(n[key], fn);
}

/**
 * The syntax tree of a clause template as it is compiled: French typography on the clause's own words only,
 * and every value printed marked.
 */
export function templateAst(parse: (source: string) => unknown, source: string, language: Language): unknown {
  const ast = parse(source);
  transformContent(ast, language === "fr" ? frenchTypography : undefined);
  return ast;
}

/** The key of a precompiled template: its language and its source. */
export function templateKey(language: Language, source: string, hash: (text: string) => string): string {
  return hash(`${language}\u0000${source}`);
}
