/**
 * Property-based tests: valid answers generated within the answers schema's rules, then changed at random
 * places (hostile characters, wrong types, unknown keys, missing answers), with text biased towards hostile
 * characters. Every run either builds an annex that passes the validity gate and contains the typed text
 * literally, or fails with exit 1 and a message naming the answer. FUZZ_RUNS sets the number of runs
 * (1,000 by default; `npm run fuzz` runs more); FUZZ_SEED replays a run.
 */
import { expect } from "chai";
import fc from "fast-check";
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { findForbiddenCharacter } from "../src/answers/text.js";
import { main } from "../src/cli/main.js";
import { docxProblems } from "../src/word/validity.js";
import { readDocx } from "./helpers/docx.js";
import { quietIo, tempDir } from "./helpers/run.js";

const RUNS = Number(process.env["FUZZ_RUNS"] ?? 400);
const SEED = process.env["FUZZ_SEED"];

/** Characters that must be refused. */
const FORBIDDEN = ["\u0000", "\u0007", "\u000b", "\f", "\n", "\t", "\r", "\u007f", "\u0085", "\uFFFE", "\uFFFF", "\uD800", "\uDC00", "\uE000", "\uE010", "\uF8FF", "\u202E", "\u2066", "\u2028", "\uFDD0"];
/** Characters that must be printed literally. */
const TRICKY = ["&", "<", ">", "]]>", "{{", "}}", "{{tender.title}}", '"', "'", "\u00a0", "\u200b", "\u200f", "\u200e", "e\u0301", "😀", "ש", "日本", "- ", "1. ", "**", "&amp;", "<w:p>", "\\", " "];

const safeChar = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...TRICKY) },
  { weight: 6, arbitrary: fc.constantFrom("a", "b", "Z", "é", "0", "-", ".", ",", " ") },
  { weight: 2, arbitrary: fc.string({ unit: "grapheme", minLength: 1, maxLength: 1 }) },
);
const anyChar = fc.oneof({ weight: 8, arbitrary: safeChar }, { weight: 1, arbitrary: fc.constantFrom(...FORBIDDEN) }, { weight: 1, arbitrary: fc.string({ unit: "binary", minLength: 1, maxLength: 1 }) });

/** Printable text; it may still be refused when a grapheme drawn at random is forbidden (private use...). */
const safeText = (max: number): fc.Arbitrary<string> => fc.array(safeChar, { minLength: 1, maxLength: 16 }).map((a) => a.join("").slice(0, max));
const optional = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> => fc.option(arb, { nil: undefined, freq: 2 });
const defined = (o: Record<string, unknown>): Record<string, unknown> => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

/** Valid answers, drawn within the schema's rules (every text tricky but printable). */
const validAnswers: fc.Arbitrary<Record<string, unknown>> = fc
  .record({
    tender: fc.record({
      title: safeText(200),
      reference: safeText(100),
      buyer: safeText(200),
      language: fc.constantFrom("en", "fr"),
      issueDate: optional(fc.constantFrom("2026-12-01", "2027-01-31", "2028-02-29")),
      lot: optional(safeText(200)),
    }),
    scope: fc.constantFrom("none", "partial", "all"),
    needs: fc.array(safeText(1000), { minLength: 1, maxLength: 3 }),
    award: fc.boolean(),
    weight: fc.integer({ min: 1, max: 100 }),
    components: fc.array(
      fc.record({
        name: safeText(200),
        purpose: safeText(1000),
        license: fc.constantFrom("MIT", "Apache-2.0", "BSD-3-Clause", "MIT OR GPL-3.0-only", "MIT AND Apache-2.0"),
        version: optional(safeText(100)),
        repository: optional(fc.constantFrom("https://example.org/repo", "https://git.example.org/a?b=c&d=<e>")),
        governance: optional(safeText(200)),
        justification: optional(safeText(2000)),
        orEquivalent: optional(fc.boolean()),
      }),
      { maxLength: 4 },
    ),
    definition: fc.constantFrom(["osi"], ["fsf"], ["osi", "fsf"]),
    classes: fc.subarray(["weak-copyleft", "strong-copyleft", "network-copyleft"]),
    governance: fc.option(fc.record({ required: fc.boolean(), foundations: fc.uniqueArray(safeText(200), { minLength: 1, maxLength: 3 }) }), { nil: undefined }),
    openChain: fc.option(fc.boolean(), { nil: undefined }),
    security: fc.boolean(),
    sbom: fc.option(fc.record({ required: fc.boolean(), formats: fc.subarray(["spdx-2.3", "cyclonedx-1.6", "spdx-3.0"], { minLength: 1 }) }), { nil: undefined }),
    upstream: fc.option(fc.record({ contribute: fc.boolean(), documentation: optional(fc.boolean()) }), { nil: undefined }),
    publication: fc.option(
      fc.record({ commit: fc.boolean(), license: fc.constantFrom("EUPL-1.2", "Apache-2.0", "AGPL-3.0-or-later"), documentationLicense: optional(fc.constantFrom("CC-BY-4.0", "CC-BY-SA-4.0")) }),
      { nil: undefined },
    ),
  })
  .map((g) => {
    const award = g.award && g.scope !== "none";
    return defined({
      schemaVersion: 1,
      tender: defined(g.tender),
      openSource: defined({ scope: g.scope, needs: g.scope === "partial" ? g.needs : undefined, mode: award ? "award-criterion" : undefined, weight: award ? g.weight : undefined }),
      components: g.components.map(defined),
      licensePolicy: { definition: g.definition, allowedClasses: ["permissive", ...g.classes] },
      governance: g.governance ? { required: g.governance.required, ...(g.governance.required ? { foundations: g.governance.foundations } : {}) } : undefined,
      compliance:
        g.openChain === undefined
          ? undefined
          : defined({
              openChain: g.openChain,
              evidence: g.openChain ? "third-party-assessment" : undefined,
              securityAssurance: g.security,
              sbom: g.sbom ? { required: g.sbom.required, ...(g.sbom.required ? { formats: g.sbom.formats } : {}) } : undefined,
            }),
      upstream: g.upstream ? defined(g.upstream) : undefined,
      buyerDistribution: g.publication ? (g.publication.commit ? defined(g.publication) : { commit: false }) : undefined,
    });
  });

/** Every place of an answers object, as paths. */
function places(value: unknown, path: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(value)) return [path, ...value.flatMap((v, i) => places(v, [...path, i]))];
  if (value !== null && typeof value === "object") return [path, ...Object.entries(value).flatMap(([k, v]) => places(v, [...path, k]))];
  return [path];
}

function setAt(root: unknown, path: readonly (string | number)[], replace: (old: unknown) => unknown): unknown {
  if (path.length === 0) return replace(root);
  const [head, ...rest] = path;
  if (Array.isArray(root)) return root.map((v, i) => (i === head ? setAt(v, rest, replace) : v));
  if (root === null || typeof root !== "object") return root;
  const obj = root as Record<string, unknown>;
  return { ...obj, [head as string]: setAt(obj[head as string], rest, replace) };
}

const MUTATIONS: fc.Arbitrary<(old: unknown) => unknown>[] = [
  fc.array(anyChar, { minLength: 1, maxLength: 10 }).map((t) => (old: unknown) => (typeof old === "string" ? `${old}${t.join("")}` : t.join(""))),
  fc.constantFrom<unknown>(null, 42, "yes", [], {}, "", "x".repeat(2100), "Apache 2", "2026-02-30", "http://x").map((v) => () => v),
  fc.constant((old: unknown) => (old !== null && typeof old === "object" && !Array.isArray(old) ? { ...old, unknwonKey: 1 } : old)),
  fc.constant(() => undefined),
];

/** Valid answers, or valid answers with one to three changes that may make them invalid. */
const generatedAnswers: fc.Arbitrary<unknown> = fc.oneof(
  validAnswers,
  validAnswers.chain((answers) => {
    const paths = places(answers).filter((p) => p.length > 0);
    return fc
      .array(fc.tuple(fc.constantFrom(...paths), fc.oneof(...MUTATIONS)), { minLength: 1, maxLength: 3 })
      .map((changes) => changes.reduce<unknown>((acc, [path, change]) => setAt(acc, path, change), answers));
  }),
);

/** Every string a buyer typed that the annex prints. */
function printedTexts(answers: Record<string, unknown>): string[] {
  const tender = answers["tender"] as Record<string, string>;
  const out = [tender["title"], tender["buyer"], tender["reference"], tender["lot"]];
  for (const c of (answers["components"] as Record<string, string>[] | undefined) ?? []) out.push(c["name"], c["purpose"], c["license"], c["version"], c["repository"], c["governance"]);
  const os = answers["openSource"] as { scope?: string; needs?: string[] } | undefined;
  if (os?.scope !== "none") out.push(...(os?.needs ?? []));
  return out.filter((s): s is string => typeof s === "string");
}

describe("property: any answers either build a valid annex with the text literally, or fail naming the field", function () {
  this.timeout(Math.max(120_000, RUNS * 400));

  it(`holds for ${RUNS} generated answers files`, async () => {
    const dir = tempDir("fuzz-");
    let built = 0;
    let refused = 0;
    const property = fc.asyncProperty(generatedAnswers, async (answers) => {
      const file = join(dir, "answers.json");
      const out = join(dir, "annex.docx");
      rmSync(out, { force: true });
      writeFileSync(file, JSON.stringify(answers));
      let stderr = "";
      const code = await main(["build", file, "-o", out], { ...quietIo(), err: (t) => void (stderr += `${t}\n`) });
      if (code === 0) {
        built++;
        const bytes = readFileSync(out);
        expect(docxProblems(bytes)).to.deep.equal([]);
        const content = readDocx(bytes);
        const all = `${content.text}\n${content.tables.flat(2).join("\n")}`;
        for (const typed of printedTexts(answers as Record<string, unknown>)) {
          expect(findForbiddenCharacter(typed)).to.equal(undefined);
          expect(all.includes(typed), `"${typed}" is not in the annex literally`).to.equal(true);
        }
      } else {
        refused++;
        expect(code, stderr).to.equal(1);
        expect(existsSync(out), "nothing is written when the answers are invalid").to.equal(false);
        const errors = stderr.split("\n").filter((l) => / (error|erreur)\s?: /.test(l));
        expect(errors.length, stderr).to.be.greaterThan(0);
        for (const line of errors) expect(line, "each error names the file position and, for an answer, its path").to.match(/^.+:\d+:\d+: (error|erreur)\s?: ([\w.[\]$]+: )?\S/);
      }
    });
    await fc.assert(property, { numRuns: RUNS, ...(SEED !== undefined ? { seed: Number(SEED) } : {}) });
    // Both outcomes must occur, or the generator tests nothing.
    expect(built, "annexes built").to.be.greaterThan(RUNS / 20);
    expect(refused, "answers refused").to.be.greaterThan(RUNS / 20);
  });
});
