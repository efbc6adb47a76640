/**
 * Clauses explained to people: a condition in plain words, and a template shown with its variables and
 * its logic visibly marked (for the library catalogue, where a legal reviewer reads every branch).
 */
import { lazyRequire } from "../lazy.js";
import type { Messages } from "../i18n/messages.js";
import { CONTROL_END, CONTROL_START, ANSWER_END, ANSWER_START, STRONG_END, STRONG_START } from "../rendering/spans.js";
import { schemaKey } from "../answers/paths.js";
import { labelOf } from "../validation/schema.js";
import type { Clause, Condition, RequirementNature } from "./library.js";

const handlebars = lazyRequire<typeof import("handlebars")>("handlebars");

/**
 * A value an answer is compared with: for a choice, its words as the interview offers it, with the value the
 * answers file holds ("For all the needs" (all)); else the value, quoted.
 */
function value(v: unknown, t: Messages, path?: readonly (string | number)[]): string {
  if (typeof v === "boolean") return v ? t("describe.true") : t("describe.false");
  if (typeof v !== "string") return String(v);
  const key = path !== undefined ? `choices.${schemaKey(path)}.${v}` : undefined;
  return key !== undefined && t.has(key) ? t("describe.choice", { label: t.dynamic(key), value: v }) : t("describe.literal", { value: v });
}

/** A requirement's nature in words: "Mandatory requirement", or each nature with the answers it holds for. */
export function describeNature(clause: Clause, natures: Readonly<Record<RequirementNature, string>>, t: Messages): string {
  const nature = clause.nature ?? "mandatory";
  if (typeof nature === "string") return natures[nature];
  return nature.map((n) => (n.when === undefined ? natures[n.is] : t("describe.nature-when", { nature: natures[n.is], condition: describeCondition(n.when, t) }))).join(t("cli.separator"));
}

/**
 * A condition in plain words, for a legal reviewer: "ISO/IEC 5230 programme (compliance.openChain) is yes",
 * with the answer named as the interview names it, in the reviewer's language.
 */
export function describeCondition(condition: Condition | undefined, t: Messages): string {
  if (condition === undefined) return t("describe.always");
  if ("all" in condition) return t("describe.all", { conditions: condition.all.map((c) => `(${describeCondition(c, t)})`).join("; ") });
  if ("any" in condition) return t("describe.any", { conditions: condition.any.map((c) => `(${describeCondition(c, t)})`).join("; ") });
  if ("not" in condition) return t("describe.not", { condition: describeCondition(condition.not, t) });
  if ("hasRequirements" in condition) return condition.hasRequirements ? t("describe.has-requirements") : t("describe.has-no-requirements");
  const subject = t("describe.subject", { label: labelOf(condition.answer.split("."), t), path: condition.answer });
  const path = condition.answer.split(".");
  if ("is" in condition) return t("describe.is", { subject, value: value(condition.is, t, path) });
  if ("in" in condition) return t("describe.in", { subject, values: t.list(condition.in.map((v) => value(v, t, path)), "or") });
  return t("describe.not-empty", { subject });
}

type Node = { type: string; [key: string]: unknown };

/**
 * Template logic in words, for a legal reviewer. Paths are resolved against the blocks they are in (inside
 * {{#each components}}, `name` is the component's name) and named as the interview names them.
 */
class Words {
  /** The answers path of each enclosing block's context: ["components", 0] inside {{#each components}}. */
  private readonly scopes: (string | number)[][] = [[]];
  constructor(private readonly t: Messages) {}

  enter(path: Node | undefined, each: boolean): void {
    const base = this.resolve(path) ?? this.scope();
    this.scopes.push(each ? [...base, 0] : base);
  }
  leave(): void {
    this.scopes.pop();
  }
  private scope(): (string | number)[] {
    return this.scopes[this.scopes.length - 1] ?? [];
  }
  private resolve(node: Node | undefined): (string | number)[] | undefined {
    if (node?.type !== "PathExpression") return undefined;
    const parts = (node["parts"] as string[]) ?? [];
    if (node["data"] === true) return parts[0] === "root" ? parts.slice(1) : undefined;
    const depth = Number(node["depth"] ?? 0);
    const base = this.scopes[Math.max(0, this.scopes.length - 1 - depth)] ?? [];
    return String(node["original"]).startsWith("this") && parts.length === 0 ? base : [...base, ...parts];
  }
  /** An answer's name: "Buyer", "Component name". */
  name(node: Node): string {
    if (node.type === "PathExpression" && node["data"] === true && (node["parts"] as string[] | undefined)?.[0] !== "root") return this.t("describe.expr.index");
    const path = this.resolve(node);
    if (path !== undefined) return path.length === 0 ? this.t("describe.expr.item") : labelOf(path, this.t);
    if (node.type === "StringLiteral") return value(String(node["value"]), this.t);
    if (node.type === "NumberLiteral" || node.type === "BooleanLiteral") return value(node["value"], this.t);
    if (node.type === "SubExpression") return this.condition(node);
    return "?";
  }
  /** A literal compared with an answer, in the words of that answer's choices. */
  private compared(node: Node, subject: Node | undefined, item = false): string {
    const path = subject !== undefined ? this.resolve(subject) : undefined;
    if (node.type === "StringLiteral") return value(String(node["value"]), this.t, path === undefined ? undefined : item ? [...path, 0] : path);
    return this.name(node);
  }
  /** A condition: "Evidence of conformance is "third-party-assessment"", "Issue date is given". */
  condition(node: Node): string {
    const t = this.t;
    if (node.type !== "SubExpression") return t("describe.expr.given", { subject: this.name(node) });
    const helper = String((node["path"] as Node)["original"]);
    const params = (node["params"] as Node[]) ?? [];
    const [a, b] = params;
    switch (helper) {
      case "eq":
        return t("describe.expr.eq", { subject: a ? this.name(a) : "?", value: b ? this.compared(b, a) : "?" });
      case "includes":
        return t("describe.expr.includes", { subject: a ? this.name(a) : "?", value: b ? this.compared(b, a, true) : "?" });
      case "not":
        return t("describe.expr.not", { condition: a ? this.condition(a) : "?" });
      case "and":
      case "or":
        return t.list(params.map((p) => this.condition(p)), helper === "and" ? "and" : "or");
      default:
        return t("describe.expr.given", { subject: this.variable(node) });
    }
  }
  /** A printed value: ‹Buyer›, ‹Issue date, 18 months before›. */
  variable(node: Node): string {
    const helper = String((node["path"] as Node)["original"]);
    const params = (node["params"] as Node[]) ?? [];
    const first = params[0];
    if (params.length === 0) return this.name(node["path"] as Node);
    if (helper === "subref") return this.t("describe.expr.subref");
    if (helper === "count") return this.t("describe.expr.count", { list: first ? this.name(first) : "?" });
    if (helper === "amount") return this.t("describe.expr.amount", { amount: first ? this.name(first) : "?", currency: params[1] ? this.name(params[1]) : "?" });
    if (helper === "monthsBefore") return this.t("describe.expr.months-before", { date: first ? this.name(first) : "?", months: params[1] ? this.name(params[1]) : "?" });
    return first ? this.name(first) : helper;
  }
}

/**
 * The template as a reader sees it: literal text as is, each answer as ‹its name› (marked as an answer),
 * and the logic ([if Issue date is given:] … [end if]) in words, marked as control text.
 */
export function markedTemplate(source: string, t: Messages): string {
  const ast = handlebars().parse(source) as unknown as { body: Node[] };
  const words = new Words(t);
  let out = "";
  const control = (text: string, standalone: boolean): void => {
    out += `${CONTROL_START}[${text}]${CONTROL_END}${standalone ? "\n" : ""}`;
  };
  const atLineStart = (): boolean => out === "" || out.endsWith("\n");
  const walk = (nodes: Node[] | undefined): void => {
    for (const node of nodes ?? []) {
      if (node.type === "ContentStatement") out += String(node["value"]);
      else if (node.type === "MustacheStatement") out += `${ANSWER_START}‹${words.variable(node)}›${ANSWER_END}`;
      else if (node.type === "BlockStatement") {
        const name = String((node["path"] as Node)["original"]);
        const param = ((node["params"] as Node[]) ?? [])[0];
        const program = (node["program"] as { body: Node[] } | undefined)?.body;
        const inverse = (node["inverse"] as { body: Node[] } | undefined)?.body;
        if (name === "strong") {
          out += STRONG_START;
          walk(program);
          out += STRONG_END;
          continue;
        }
        const standalone = atLineStart();
        const opening =
          name === "if" || name === "unless"
            ? t.dynamic(`describe.block.${name}`, { condition: param ? words.condition(param) : "?" })
            : name === "each" || name === "with"
              ? t.dynamic(`describe.block.${name}`, { subject: param ? words.name(param) : "?" })
              : name;
        control(opening, standalone);
        const scoped = name === "each" || name === "with";
        if (scoped) words.enter(param, name === "each");
        walk(program);
        if (scoped) words.leave();
        if (inverse !== undefined && inverse.length > 0) {
          control(t("describe.block.otherwise"), atLineStart());
          walk(inverse);
        }
        control(t.dynamic(`describe.block.end-${["if", "unless", "each", "with"].includes(name) ? name : "if"}`), atLineStart());
      }
    }
  };
  walk(ast.body);
  return out;
}
