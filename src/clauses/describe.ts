/**
 * Clauses explained to people: a condition in plain words, and a template shown with its variables and
 * its logic visibly marked (for the library catalogue, where a legal reviewer reads every branch).
 */
import { lazyRequire } from "../lazy.js";
import type { Language } from "../answers/model.js";
import { CONTROL_END, CONTROL_START, ANSWER_END, ANSWER_START, STRONG_END, STRONG_START } from "../rendering/spans.js";
import { labelOf } from "../validation/schema.js";
import type { Condition } from "./library.js";

const handlebars = lazyRequire<typeof import("handlebars")>("handlebars");

const WORDS = {
  en: {
    always: "always",
    all: "all of the following",
    any: "any of the following",
    not: "not",
    is: "is",
    oneOf: "is one of",
    notEmpty: "is given and not empty",
    hasRequirements: "the annex states at least one requirement",
    hasNoRequirements: "the annex states no requirement",
    if: "if",
    unless: "unless",
    otherwise: "otherwise",
    end: "end",
    forEach: "for each item of",
    with: "with",
  },
  fr: {
    always: "toujours",
    all: "toutes les conditions suivantes",
    any: "l’une des conditions suivantes",
    not: "non",
    is: "vaut",
    oneOf: "vaut l’une des valeurs",
    notEmpty: "est renseigné et non vide",
    hasRequirements: "l’annexe fixe au moins une exigence",
    hasNoRequirements: "l’annexe ne fixe aucune exigence",
    if: "si",
    unless: "sauf si",
    otherwise: "sinon",
    end: "fin",
    forEach: "pour chaque élément de",
    with: "avec",
  },
} as const;

const value = (v: unknown, language: Language = "en"): string =>
  typeof v === "string" ? `"${v}"` : typeof v === "boolean" && language === "fr" ? (v ? "vrai" : "faux") : String(v);

/** `compliance.openChain is true` as "ISO/IEC 5230 programme (compliance.openChain) is true". */
export function describeCondition(condition: Condition | undefined, language: Language = "en"): string {
  const w = WORDS[language];
  if (condition === undefined) return w.always;
  if ("all" in condition) return `${w.all}: ${condition.all.map((c) => `(${describeCondition(c, language)})`).join("; ")}`;
  if ("any" in condition) return `${w.any}: ${condition.any.map((c) => `(${describeCondition(c, language)})`).join("; ")}`;
  if ("not" in condition) return `${w.not} (${describeCondition(condition.not, language)})`;
  if ("hasRequirements" in condition) return condition.hasRequirements ? w.hasRequirements : w.hasNoRequirements;
  const subject = `${labelOf(condition.answer.split("."))} (${condition.answer})`;
  if ("is" in condition) return `${subject} ${w.is} ${value(condition.is, language)}`;
  if ("in" in condition) return `${subject} ${w.oneOf} ${condition.in.map((v) => value(v, language)).join(", ")}`;
  return `${subject} ${w.notEmpty}`;
}

type Node = { type: string; [key: string]: unknown };

function expressionText(node: Node): string {
  if (node.type === "PathExpression") return String(node["original"]);
  if (node.type === "StringLiteral") return `"${String(node["value"])}"`;
  if (node.type === "NumberLiteral" || node.type === "BooleanLiteral") return String(node["value"]);
  if (node.type === "SubExpression") return `(${callText(node)})`;
  return "?";
}

function callText(node: Node): string {
  const params = ((node["params"] as Node[]) ?? []).map(expressionText);
  const hash = ((node["hash"] as { pairs: { key: string; value: Node }[] } | undefined)?.pairs ?? []).map((p) => `${p.key}=${expressionText(p.value)}`);
  return [expressionText(node["path"] as Node), ...params, ...hash].join(" ");
}

/**
 * The template as a reader sees it: literal text as is, each variable as ‹name› (marked as an answer),
 * and the logic ([if …] … [end if]) marked as control text.
 */
export function markedTemplate(source: string, language: Language): string {
  const w = WORDS[language];
  const ast = handlebars().parse(source) as unknown as { body: Node[] };
  let out = "";
  const control = (text: string, standalone: boolean): void => {
    out += `${CONTROL_START}[${text}]${CONTROL_END}${standalone ? "\n" : ""}`;
  };
  const atLineStart = (): boolean => out === "" || out.endsWith("\n");
  const walk = (nodes: Node[] | undefined): void => {
    for (const node of nodes ?? []) {
      if (node.type === "ContentStatement") out += String(node["value"]);
      else if (node.type === "MustacheStatement") out += `${ANSWER_START}‹${callText(node)}›${ANSWER_END}`;
      else if (node.type === "BlockStatement") {
        const name = String((node["path"] as Node)["original"]);
        const params = ((node["params"] as Node[]) ?? []).map(expressionText).join(" ");
        const program = (node["program"] as { body: Node[] } | undefined)?.body;
        const inverse = (node["inverse"] as { body: Node[] } | undefined)?.body;
        if (name === "strong") {
          out += STRONG_START;
          walk(program);
          out += STRONG_END;
          continue;
        }
        const standalone = atLineStart();
        const opening = name === "if" ? w.if : name === "unless" ? w.unless : name === "each" ? w.forEach : name === "with" ? w.with : name;
        control(`${opening} ${params}:`, standalone);
        walk(program);
        if (inverse !== undefined && inverse.length > 0) {
          control(`${w.otherwise}:`, atLineStart());
          walk(inverse);
        }
        control(`${w.end} ${opening}`, atLineStart());
      }
    }
  };
  walk(ast.body);
  return out;
}
