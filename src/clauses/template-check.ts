/**
 * Static check of clause templates: every answer a template names must exist in the answers schema,
 * including inside {{#if}}, {{#each}} and {{#with}} blocks, where Handlebars' strict mode does not look
 * (a typo in {{#if compliance.openChian}} would otherwise silently drop text). Walks Handlebars' syntax tree.
 */
import type { Messages } from "../i18n/messages.js";
import { lazyRequire } from "../lazy.js";
import { fieldSchema, type SchemaNode } from "../validation/schema.js";
import { HELPER_NAMES } from "../rendering/helpers.js";

const handlebars = lazyRequire<typeof import("handlebars")>("handlebars");

const BLOCK_HELPERS = new Set(["if", "unless", "each", "with", "strong"]);
const HELPERS = new Set([...HELPER_NAMES, "if", "unless", "each", "with", "lookup"]);

interface Scope {
  /** Path of the context in the answers, in schema steps ("components", 0 = any item). */
  readonly path: (string | number)[];
}

type Node = { type: string; [key: string]: unknown };

export function templateProblems(source: string, t: Messages): string[] {
  let ast: Node;
  try {
    ast = handlebars().parse(source) as unknown as Node;
  } catch (e) {
    return [t("library.template.unparsable", { problem: (e as Error).message.split("\n")[0] ?? "" })];
  }
  const problems: string[] = [];

  const resolve = (scope: Scope, path: Node): (string | number)[] | undefined => {
    if (path["data"] === true) return undefined; // @index, @requirement: data variables
    const parts = path["parts"] as string[];
    const depth = path["depth"] as number;
    if (depth > 0) {
      problems.push(t("library.template.parent", { line: lineOf(path) }));
      return undefined;
    }
    return [...scope.path, ...parts];
  };

  const checkPath = (scope: Scope, path: Node): void => {
    const full = resolve(scope, path);
    if (full === undefined) return;
    if (full.length === 0) return; // {{this}}
    if (fieldSchema(full) === undefined) {
      problems.push(t("library.template.unknown-answer", { name: String(path["original"]), line: lineOf(path), inside: scope.path.length > 0 ? scope.path.join(".") : "__top" }));
    }
  };

  const checkParam = (scope: Scope, param: Node): void => {
    if (param.type === "PathExpression") checkPath(scope, param);
    else if (param.type === "SubExpression") checkCall(scope, param);
  };

  const checkCall = (scope: Scope, node: Node): void => {
    const path = node["path"] as Node;
    const params = (node["params"] as Node[]) ?? [];
    const hash = node["hash"] as { pairs: { value: Node }[] } | undefined;
    const name = String(path["original"]);
    const isCall = params.length > 0 || hash !== undefined || node.type === "SubExpression";
    if (isCall) {
      if (!HELPERS.has(name)) problems.push(t("library.template.unknown-helper", { name, line: lineOf(path) }));
      params.forEach((p) => checkParam(scope, p));
      hash?.pairs.forEach((p) => checkParam(scope, p.value));
    } else if (!HELPERS.has(name)) {
      checkPath(scope, path);
    }
  };

  const walk = (nodes: Node[] | undefined, scope: Scope): void => {
    for (const node of nodes ?? []) {
      if (node.type === "MustacheStatement") checkCall(scope, node);
      else if (node.type === "BlockStatement") {
        const path = node["path"] as Node;
        const name = String(path["original"]);
        const params = (node["params"] as Node[]) ?? [];
        if (!BLOCK_HELPERS.has(name)) problems.push(t("library.template.unknown-block", { name, line: lineOf(path) }));
        params.forEach((p) => checkParam(scope, p));
        let inner = scope;
        const first = params[0];
        if ((name === "each" || name === "with") && first?.type === "PathExpression") {
          const target = resolve(scope, first);
          if (target !== undefined) {
            const schema = resolvedType(fieldSchema(target));
            inner = { path: name === "each" ? (schema === "array" ? [...target, 0] : target) : target };
          }
        }
        walk((node["program"] as { body: Node[] } | undefined)?.body, inner);
        walk((node["inverse"] as { body: Node[] } | undefined)?.body, scope);
      } else if (node.type === "PartialStatement" || node.type === "PartialBlockStatement" || node.type === "DecoratorBlock") {
        problems.push(t("library.template.partial"));
      }
    }
  };
  walk((ast as unknown as { body: Node[] }).body, { path: [] });
  return problems;
}

function resolvedType(node: SchemaNode | undefined): string | undefined {
  return node?.type ?? (node?.items ? "array" : undefined);
}

function lineOf(node: Node): number {
  return (node["loc"] as { start: { line: number } } | undefined)?.start.line ?? 0;
}
