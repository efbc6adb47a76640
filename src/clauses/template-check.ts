/**
 * Static check of clause templates, so that a template that passes `clauses lint` cannot fail when an annex
 * is built, whatever the answers (the templates of an organisation's overlay are checked exactly as the
 * built-in ones). Walks Handlebars' syntax tree and refuses, each with its line:
 *  - any name that is not an answer of the answers schema, including inside {{#if}}, {{#each}} and {{#with}},
 *    where Handlebars' strict mode does not look, and through @root; ../ and data variables other than
 *    @root, @index, @first, @last (inside {{#each}}) and @requirement (in a clause with a requirement);
 *  - printing what is not one word or number (a section, a list, true or false), or an answer that may be
 *    empty there (it must be inside {{#if}} on it, or be made required by the clause's condition);
 *  - {{{…}}} and {{& …}}, which would print an answer unmarked, so that a buyer's "- X" became a bullet;
 *  - each helper called with the wrong arguments: `date` and `monthsBefore` of an answer that is not a date
 *    or may be empty, a month count that is not a whole number from 0 to 1,200, `term` and `terms` of an
 *    answer without fixed values (each value must have a wording in templates/<language>.yaml, which the
 *    library checks with the words it has), `list` of what is not a list of texts, `subref` other than of
 *    @index in a clause with a requirement, `strong` with arguments, an else, or a line break inside;
 *  - block helpers used as values and value helpers used as blocks, #if with other than one argument,
 *    #each over what is not a list or through @root (nested #each can only follow the schema's own lists,
 *    which bounds the size of the text), block parameters, partials, decorators and inline partials;
 *  - characters that cannot be printed: control characters, tabs, private-use characters (Clausier marks
 *    answers and emphasis with some), direction overrides, non-characters;
 *  - blocks nested more than MAX_BLOCK_DEPTH deep.
 */
import type { Messages } from "../i18n/messages.js";
import { lazyRequire } from "../lazy.js";
import { describeForbiddenCharacter, findForbiddenCharacter } from "../answers/text.js";
import type { Path } from "../families/family.js";
import { fieldSchema, resolvedField, type SchemaNode } from "../validation/schema.js";
import { HELPER_NAMES } from "../rendering/helpers.js";
import { ABSENT, factKey, neverEmpty, shapeAt, type Fact, type Facts } from "./answer-shape.js";
import type { Condition } from "./library.js";

const handlebars = lazyRequire<typeof import("handlebars")>("handlebars");

/** How deep blocks may nest in a clause text. */
export const MAX_BLOCK_DEPTH = 12;
/** monthsBefore counts back at most a hundred years. */
export const MAX_MONTHS = 1200;

const BLOCK_HELPERS = new Set(["if", "unless", "each", "with", "strong"]);
/** Helpers that give true or false: conditions only. */
const CONDITIONS = new Set(["eq", "includes", "and", "or", "not"]);
const VALUE_HELPERS = new Set(HELPER_NAMES.filter((h) => h !== "strong"));

type Arg = "value" | "list" | "date" | "months" | "enum" | "enum-list" | "text-list" | "text" | "number" | "index";
const SIGNATURES: Readonly<Record<string, { readonly params: readonly Arg[]; readonly variadic?: boolean; readonly or?: boolean }>> = {
  eq: { params: ["value", "value"] },
  includes: { params: ["list", "value"] },
  and: { params: ["value"], variadic: true },
  or: { params: ["value"], variadic: true },
  not: { params: ["value"] },
  count: { params: ["list"] },
  date: { params: ["date"] },
  monthsBefore: { params: ["date", "months"] },
  term: { params: ["enum"] },
  terms: { params: ["enum-list"], or: true },
  list: { params: ["text-list"], or: true },
  licence: { params: ["text"] },
  amount: { params: ["number", "text"] },
  subref: { params: ["index"] },
};

export interface TemplateContext {
  /** The clause's requirement identifier: `subref` and @requirement need one. */
  readonly requirement?: string | undefined;
  /** The clause's condition: what it establishes about the answers holds in the whole text. */
  readonly when?: Condition | undefined;
}

export interface TemplateCheck {
  readonly problems: readonly string[];
  /** The values the text words with `term` and `terms`: each needs a wording in templates/<language>.yaml. */
  readonly terms: readonly { readonly key: string; readonly line: number }[];
}

type Node = { type: string; [key: string]: unknown };

interface Scope {
  /** Path of the context in the answers ("components", 0 = any item). */
  readonly path: Path;
  /** Inside {{#each}}: @index, @first and @last exist. */
  readonly each: boolean;
  readonly facts: Facts;
  readonly depth: number;
}

type Resolved = { readonly kind: "answer"; readonly path: Path } | { readonly kind: "data"; readonly name: "index" | "first" | "last" | "requirement" };

/** What a clause's condition establishes: `is` and `in` give the answer, `notEmpty` that it is not empty. */
export function conditionFacts(condition: Condition | undefined, into: Map<string, Fact> = new Map()): Map<string, Fact> {
  if (condition === undefined) return into;
  if ("all" in condition) condition.all.forEach((c) => conditionFacts(c, into));
  else if ("answer" in condition) {
    if ("is" in condition) into.set(condition.answer, { kind: "value", value: condition.is });
    else if ("in" in condition) into.set(condition.answer, { kind: "present" });
    else into.set(condition.answer, { kind: "truthy" });
  }
  return into;
}

const typeOf = (node: SchemaNode | undefined): string | undefined => {
  if (node === undefined) return undefined;
  if (node.type !== undefined) return node.type;
  if (node.const !== undefined) return typeof node.const;
  if (node.enum !== undefined) return typeof node.enum[0];
  return node.items !== undefined ? "array" : node.properties !== undefined ? "object" : undefined;
};

const isRealDate = (text: string): boolean => {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (m === null) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
};

export function checkTemplate(source: string, context: TemplateContext, t: Messages): TemplateCheck {
  const problems: string[] = [];
  const terms: { key: string; line: number }[] = [];

  // Characters first, line by line: the text is printed as it is written.
  source.split("\n").forEach((text, i) => {
    const found = findForbiddenCharacter(text);
    if (found !== undefined) problems.push(t("library.checks.character", { line: i + 1, problem: describeForbiddenCharacter(found, t).message }));
  });

  let ast: Node;
  try {
    ast = handlebars().parse(source) as unknown as Node;
  } catch (e) {
    // Handlebars' message says where and what was expected, quoting the template (the library's own text).
    return { problems: [...problems, t("library.template.unparsable", { problem: (e as Error).message.split("\n")[0] ?? "" })], terms };
  }

  const lineOf = (node: Node): number => (node["loc"] as { start: { line: number } } | undefined)?.start.line ?? 0;
  const problem = (message: string): void => void problems.push(message);
  const name = (node: Node): string => String(node["original"] ?? node["value"] ?? node.type);

  const resolve = (scope: Scope, path: Node): Resolved | undefined => {
    const parts = (path["parts"] as string[] | undefined) ?? [];
    const line = lineOf(path);
    if (((path["depth"] as number | undefined) ?? 0) > 0) {
      problem(t("library.template.parent", { line }));
      return undefined;
    }
    if (path["data"] !== true) return { kind: "answer", path: [...scope.path, ...parts] };
    const [head, ...rest] = parts;
    if (head === "root") return { kind: "answer", path: rest };
    if ((head === "index" || head === "first" || head === "last") && rest.length === 0) {
      if (!scope.each) {
        problem(t("library.checks.data-outside-each", { name: `@${head}`, line }));
        return undefined;
      }
      return { kind: "data", name: head };
    }
    if (head === "requirement" && rest.length === 0) {
      if (context.requirement === undefined) {
        problem(t("library.checks.no-requirement", { name: "@requirement", line }));
        return undefined;
      }
      return { kind: "data", name: head };
    }
    problem(t("library.checks.unknown-data", { name: String(path["original"]), line }));
    return undefined;
  };

  /** The schema of an answer a template names, or undefined after saying why it cannot be used. */
  const answer = (scope: Scope, path: Node, full: Path): SchemaNode | undefined => {
    const line = lineOf(path);
    if (full.length > 0 && (fieldSchema(full) === undefined || shapeAt(full) === ABSENT)) {
      problem(t("library.template.unknown-answer", { name: String(path["original"]), line, inside: scope.path.length > 0 ? scope.path.join(".") : "__top" }));
      return undefined;
    }
    return full.length === 0 ? { type: "object" } : resolvedField(full);
  };

  const mayBeEmpty = (scope: Scope, path: Node, full: Path): boolean => {
    if (neverEmpty(full, scope.facts)) return false;
    problem(t("library.checks.may-be-empty", { name: String(path["original"]), line: lineOf(path) }));
    return true;
  };

  /** A helper's argument, checked against what the helper needs. */
  const checkArg = (scope: Scope, helper: string, kind: Arg, arg: Node): void => {
    const line = lineOf(arg);
    const wrong = (): void => problem(t("library.checks.argument", { helper, line, expected: t.dynamic(`library.checks.expected.${kind}`) }));
    if (arg.type === "SubExpression") {
      if (kind !== "value") return wrong();
      checkCall(scope, arg, "argument");
      return;
    }
    if (arg.type === "StringLiteral") {
      const text = String(arg["value"]);
      if (kind === "value" || kind === "text") return;
      if (kind === "date" && isRealDate(text)) return;
      if (kind === "enum") {
        terms.push({ key: text, line });
        return;
      }
      return wrong();
    }
    if (arg.type === "NumberLiteral") {
      const n = Number(arg["value"]);
      if (kind === "value") return;
      if (kind === "months") {
        if (!Number.isInteger(n) || n < 0 || n > MAX_MONTHS) problem(t("library.checks.months", { line, max: MAX_MONTHS }));
        return;
      }
      return wrong();
    }
    if (arg.type !== "PathExpression") return kind === "value" ? undefined : wrong();
    const resolved = resolve(scope, arg);
    if (resolved === undefined) return;
    if (resolved.kind === "data") {
      if (kind === "value" || (kind === "index" && resolved.name === "index")) return;
      return wrong();
    }
    if (kind === "index" || kind === "months") return wrong();
    const node = answer(scope, arg, resolved.path);
    if (node === undefined || kind === "value") return;
    const type = typeOf(node);
    const items = type === "array" ? resolvedField([...resolved.path, 0]) : undefined;
    switch (kind) {
      case "list":
        if (type !== "array") return wrong();
        return;
      case "date":
        if (node.format !== "date") return wrong();
        mayBeEmpty(scope, arg, resolved.path);
        return;
      case "enum":
        if (node.enum === undefined) return wrong();
        if (!mayBeEmpty(scope, arg, resolved.path)) node.enum.forEach((v) => terms.push({ key: String(v), line }));
        return;
      case "enum-list":
        if (items?.enum === undefined) return wrong();
        items.enum.forEach((v) => terms.push({ key: String(v), line }));
        return;
      case "text-list":
        if (typeOf(items) !== "string") return wrong();
        return;
      case "text":
        if (type !== "string") return wrong();
        mayBeEmpty(scope, arg, resolved.path);
        return;
      case "number":
        if (type !== "number" && type !== "integer") return wrong();
        mayBeEmpty(scope, arg, resolved.path);
        return;
    }
  };

  /** A helper call: {{helper args}} printed, or (helper args) as an argument or a condition. */
  const checkCall = (scope: Scope, node: Node, as: "printed" | "argument" | "condition"): void => {
    const path = node["path"] as Node;
    const helper = name(path);
    const line = lineOf(path);
    const params = (node["params"] as Node[] | undefined) ?? [];
    const hash = node["hash"] as { pairs: { key: string; value: Node }[] } | undefined;
    const signature = SIGNATURES[helper];
    if (path.type !== "PathExpression" || signature === undefined) {
      problem(BLOCK_HELPERS.has(helper) ? t("library.checks.block-only", { name: helper, line }) : t("library.template.unknown-helper", { name: helper, line }));
      return;
    }
    if (as === "printed" && CONDITIONS.has(helper)) problem(t("library.checks.condition-printed", { name: helper, line }));
    if (helper === "subref" && context.requirement === undefined) problem(t("library.checks.no-requirement", { name: "subref", line }));
    const count = signature.params.length;
    if (signature.variadic ? params.length < count : params.length !== count) {
      problem(t("library.checks.arity", { name: helper, line, count, more: signature.variadic ? "yes" : "no" }));
    }
    params.forEach((p, i) => checkArg(scope, helper, signature.params[Math.min(i, count - 1)] ?? "value", p));
    for (const pair of hash?.pairs ?? []) {
      if (!(signature.or === true && pair.key === "or" && pair.value.type === "BooleanLiteral")) problem(t("library.checks.hash", { name: helper, key: pair.key, line }));
    }
  };

  /** A value printed: {{answer}}, {{this}}, {{@index}}. */
  const checkPrinted = (scope: Scope, path: Node): void => {
    const resolved = resolve(scope, path);
    if (resolved === undefined) return;
    const line = lineOf(path);
    if (resolved.kind === "data") {
      if (resolved.name === "first" || resolved.name === "last") problem(t("library.checks.not-printable", { name: String(path["original"]), line, what: "boolean" }));
      return;
    }
    const node = answer(scope, path, resolved.path);
    if (node === undefined) return;
    const type = typeOf(node);
    if (type === "object" || type === "array" || type === "boolean") {
      problem(t("library.checks.not-printable", { name: String(path["original"]), line, what: type }));
      return;
    }
    mayBeEmpty(scope, path, resolved.path);
  };

  /** The answers path a condition's path names, without reporting anything (the condition is checked apart). */
  const conditionPath = (scope: Scope, path: Node): Path | undefined => {
    if (path.type !== "PathExpression" || ((path["depth"] as number | undefined) ?? 0) > 0) return undefined;
    const parts = (path["parts"] as string[] | undefined) ?? [];
    if (path["data"] !== true) return [...scope.path, ...parts];
    return parts[0] === "root" ? parts.slice(1) : undefined;
  };

  /** What holds inside {{#if param}}: the answer is not empty, or (eq answer "value") has that value. */
  const conditionHolds = (scope: Scope, param: Node, facts: Map<string, Fact>): void => {
    const direct = conditionPath(scope, param);
    if (direct !== undefined) {
      facts.set(factKey(direct), { kind: "truthy" });
    } else if (param.type === "SubExpression") {
      const helper = name(param["path"] as Node);
      const params = (param["params"] as Node[] | undefined) ?? [];
      if (helper === "and") params.forEach((p) => conditionHolds(scope, p, facts));
      if (helper === "eq" && params.length === 2) {
        const [a, b] = params as [Node, Node];
        const [path, literal] = a.type === "PathExpression" ? [a, b] : [b, a];
        const target = conditionPath(scope, path);
        if (target !== undefined && ["StringLiteral", "NumberLiteral", "BooleanLiteral"].includes(literal.type)) {
          facts.set(factKey(target), { kind: "value", value: literal["value"] });
        }
      }
    }
  };

  const withFacts = (scope: Scope, param: Node | undefined): Scope => {
    if (param === undefined) return scope;
    const facts = new Map(scope.facts);
    conditionHolds(scope, param, facts);
    return { ...scope, facts };
  };

  const hasLineBreak = (nodes: Node[] | undefined): boolean =>
    (nodes ?? []).some(
      (n) =>
        (n.type === "ContentStatement" && String(n["value"]).includes("\n")) ||
        (n.type === "BlockStatement" && (hasLineBreak((n["program"] as { body: Node[] } | undefined)?.body) || hasLineBreak((n["inverse"] as { body: Node[] } | undefined)?.body))),
    );

  const checkBlock = (scope: Scope, node: Node): void => {
    const path = node["path"] as Node;
    const helper = name(path);
    const line = lineOf(path);
    const params = (node["params"] as Node[] | undefined) ?? [];
    const hash = node["hash"] as { pairs: { key: string }[] } | undefined;
    const program = node["program"] as { body: Node[]; blockParams?: string[] } | undefined;
    const inverse = node["inverse"] as { body: Node[] } | undefined;
    const inner = { ...scope, depth: scope.depth + 1 };
    if (path.type !== "PathExpression" || !BLOCK_HELPERS.has(helper)) {
      problem(VALUE_HELPERS.has(helper) ? t("library.checks.not-block", { name: helper, line }) : t("library.template.unknown-block", { name: helper, line }));
      return;
    }
    if ((program?.blockParams?.length ?? 0) > 0) problem(t("library.checks.block-params", { line }));
    const option = hash?.pairs[0];
    if (option !== undefined) problem(t("library.checks.hash", { name: helper, key: option.key, line }));
    if (helper === "strong") {
      if (params.length > 0) problem(t("library.checks.arity", { name: helper, line, count: 0, more: "no" }));
      if (inverse !== undefined) problem(t("library.checks.strong-else", { line }));
      if (hasLineBreak(program?.body)) problem(t("library.checks.strong-line", { line }));
      walk(program?.body, inner);
      return;
    }
    if (params.length !== 1) {
      problem(t("library.checks.arity", { name: helper, line, count: 1, more: "no" }));
      return;
    }
    const param = params[0] as Node;
    if (helper === "if" || helper === "unless") {
      if (param.type === "SubExpression") checkCall(scope, param, "condition");
      else if (param.type === "PathExpression") {
        const resolved = resolve(scope, param);
        if (resolved?.kind === "answer") answer(scope, param, resolved.path);
      }
      walk(program?.body, helper === "if" ? withFacts(inner, param) : inner);
      walk(inverse?.body, helper === "unless" ? withFacts(inner, param) : inner);
      return;
    }
    // each, with: a list or a section of the answers, relative to where the block is (not through @root),
    // so that blocks nest only as deep as the schema does.
    if (param.type !== "PathExpression" || param["data"] === true) {
      problem(t("library.checks.block-target", { name: helper, line }));
      return;
    }
    const resolved = resolve(scope, param);
    if (resolved?.kind !== "answer") return;
    const target = answer(scope, param, resolved.path);
    if (target === undefined) return;
    const facts = new Map(scope.facts);
    facts.set(factKey(resolved.path), { kind: "truthy" });
    if (helper === "each") {
      if (typeOf(target) !== "array") {
        problem(t("library.checks.each-not-list", { name: String(param["original"]), line }));
        return;
      }
      walk(program?.body, { path: [...resolved.path, 0], each: true, facts, depth: inner.depth });
    } else {
      walk(program?.body, { path: resolved.path, each: scope.each, facts, depth: inner.depth });
    }
    walk(inverse?.body, inner);
  };

  let tooDeep = false;
  const walk = (nodes: Node[] | undefined, scope: Scope): void => {
    if (scope.depth > MAX_BLOCK_DEPTH) {
      if (!tooDeep) problem(t("library.checks.too-deep", { max: MAX_BLOCK_DEPTH }));
      tooDeep = true;
      return;
    }
    for (const node of nodes ?? []) {
      switch (node.type) {
        case "ContentStatement":
        case "CommentStatement":
          break;
        case "MustacheStatement": {
          const path = node["path"] as Node;
          const line = lineOf(path);
          if (node["escaped"] === false) problem(t("library.checks.unescaped", { line }));
          const params = (node["params"] as Node[] | undefined) ?? [];
          const isHelperName = path.type === "PathExpression" && path["data"] !== true && (path["parts"] as string[]).length === 1 && (VALUE_HELPERS.has(name(path)) || BLOCK_HELPERS.has(name(path)));
          if (path.type !== "PathExpression") problem(t("library.checks.literal", { line }));
          else if (isHelperName) checkCall(scope, node, "printed");
          else if (params.length > 0 || node["hash"] !== undefined) problem(t("library.template.unknown-helper", { name: name(path), line }));
          else checkPrinted(scope, path);
          break;
        }
        case "BlockStatement":
          checkBlock(scope, node);
          break;
        default:
          // PartialStatement, PartialBlockStatement, Decorator, DecoratorBlock.
          problem(t("library.checks.partial", { line: lineOf(node) }));
      }
    }
  };

  walk((ast as unknown as { body: Node[] }).body, { path: [], each: false, facts: conditionFacts(context.when), depth: 0 });
  return { problems, terms };
}
