/**
 * `npm run bench`: how fast Clausier is, measured side by side in the same run (ratios, not absolute
 * times, are what to compare between machines):
 *  1. whole-process `build` of the flagship example against `node -e 0` and against pandoc converting
 *     the same annex from Markdown to docx (the Markdown is made by pandoc from Clausier's own annex);
 *  2. in-process time per annex (validation, clauses, Word, packing, validity gate) against a bare `docx`
 *     build of the same document, for each example and a 200-component annex;
 *  3. a batch of 1,000 annexes in one process: time and peak memory.
 * BENCH_RUNS sets the number of whole-process runs (default 15).
 */
import { execFileSync, spawnSync } from "node:child_process";
import { cpus, totalmem, release, tmpdir } from "node:os";
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { Packer } from "docx";
import { stringify } from "yaml";
import { parse as parseYaml } from "yaml";
import { buildAnnex, composeFromAnswers } from "../src/build.js";
import { validateAnswersText } from "../src/validation/validate.js";
import { annexDocument } from "../src/word/annex-document.js";
import { docxProblems } from "../src/word/validity.js";

const ROOT = resolve(import.meta.dirname, "..");
const BIN = join(ROOT, "bin", "clausier.js");
const RUNS = Number(process.env["BENCH_RUNS"] ?? 15);
const work = mkdtempSync(join(tmpdir(), "clausier-bench-"));
const flagship = join(ROOT, "examples", "grid-operator-fr.yaml");

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
};
const ms = (n: number): string => `${n.toFixed(1)} ms`;
const has = (tool: string): boolean => spawnSync("sh", ["-c", `command -v ${tool}`]).status === 0;

function timeCommand(command: string, args: string[]): number {
  const start = process.hrtime.bigint();
  const r = spawnSync(command, args, { stdio: "ignore" });
  if (r.status !== 0) throw new Error(`${command} ${args.join(" ")} failed`);
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/** Runs the commands interleaved, RUNS times each after one warm-up, and returns their medians. */
function sideBySide(commands: Record<string, [string, string[]]>): Record<string, number> {
  const times: Record<string, number[]> = Object.fromEntries(Object.keys(commands).map((k) => [k, []]));
  for (const [command, args] of Object.values(commands)) timeCommand(command, args);
  for (let i = 0; i < RUNS; i++) for (const [name, [command, args]] of Object.entries(commands)) times[name]?.push(timeCommand(command, args));
  return Object.fromEntries(Object.entries(times).map(([k, v]) => [k, median(v)]));
}

const lines: string[] = [];
const say = (line = ""): void => {
  lines.push(line);
  console.log(line);
};

say(`## Run of ${new Date().toISOString().slice(0, 10)}`);
say();
say(`Machine: ${cpus().length} × ${cpus()[0]?.model ?? "?"}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Linux ${release()}, Node ${process.version}${has("pandoc") ? `, ${execFileSync("pandoc", ["--version"], { encoding: "utf8" }).split("\n")[0]}` : ", no pandoc"}.`);
say();

// 1. Whole process.
const annexPath = join(work, "annex.docx");
const commands: Record<string, [string, string[]]> = {
  "node -e 0": [process.execPath, ["-e", "0"]],
  "clausier validate": [process.execPath, [BIN, "validate", flagship]],
  "clausier build": [process.execPath, [BIN, "build", flagship, "-o", annexPath, "--force"]],
};
if (has("pandoc")) {
  execFileSync(process.execPath, [BIN, "build", flagship, "-o", annexPath, "--force"]);
  const markdown = join(work, "annex.md");
  execFileSync("pandoc", ["-f", "docx", "-t", "markdown", annexPath, "-o", markdown]);
  commands["pandoc markdown → docx"] = ["pandoc", ["-f", "markdown", "-t", "docx", markdown, "-o", join(work, "pandoc.docx")]];
}
const whole = sideBySide(commands);
say(`### 1. Whole process, flagship example (median of ${RUNS}, interleaved)`);
say();
say("| command | median | ratio to `node -e 0` |");
say("|---|---|---|");
for (const [name, t] of Object.entries(whole)) say(`| ${name} | ${ms(t)} | ${(t / (whole["node -e 0"] ?? 1)).toFixed(2)} |`);
say();
if (whole["pandoc markdown → docx"] !== undefined) {
  const ratio = (whole["clausier build"] ?? 0) / whole["pandoc markdown → docx"];
  say(`clausier build ÷ pandoc on the same annex: **${ratio.toFixed(2)}** (target ≤ 1.00: ${ratio <= 1 ? "met" : "missed"}).`);
} else {
  say("pandoc is not installed: the comparison with pandoc was skipped (apt-get install pandoc).");
}
say();

// 2. In process.
function componentsAnswers(n: number): string {
  const base = parseYaml(readFileSync(flagship, "utf8")) as Record<string, unknown>;
  base["components"] = Array.from({ length: n }, (_, i) => ({
    name: `Component ${i + 1}`,
    purpose: `Functional need number ${i + 1}, described in one sentence as a buyer would`,
    license: ["MPL-2.0", "Apache-2.0", "MIT", "EPL-2.0", "BSD-3-Clause"][i % 5],
    version: `>=${(i % 9) + 1}.0`,
    repository: `https://example.org/projects/component-${i + 1}`,
    governance: "LF Energy",
  }));
  return stringify(base);
}
const cases: [string, string][] = readdirSync(join(ROOT, "examples"))
  .filter((f) => f.endsWith(".yaml"))
  .sort()
  .map((f) => [f, readFileSync(join(ROOT, "examples", f), "utf8")]);
cases.push(["200 components", componentsAnswers(200)]);

say("### 2. In process, per annex (median of 40 after warm-up, interleaved)");
say();
say("| answers | bare `docx` build | Clausier: validate + clauses + Word + pack + gate | overhead |");
say("|---|---|---|---|");
const overheads: number[] = [];
for (const [name, text] of cases) {
  const answers = validateAnswersText(name, text).answers;
  if (!answers) throw new Error(`${name} is not valid`);
  const { annex } = composeFromAnswers(answers);
  const bare: number[] = [];
  const full: number[] = [];
  for (let i = 0; i < 50; i++) {
    let t = performance.now();
    await Packer.toBuffer(annexDocument(annex));
    const b = performance.now() - t;
    t = performance.now();
    const validated = validateAnswersText(name, text).answers!;
    const built = await buildAnnex(validated, { answersSource: text });
    if (docxProblems(built.bytes).length > 0) throw new Error("gate failed");
    const f = performance.now() - t;
    if (i >= 10) {
      bare.push(b);
      full.push(f);
    }
  }
  const overhead = median(full) / median(bare) - 1;
  overheads.push(overhead);
  say(`| ${name} | ${ms(median(bare))} | ${ms(median(full))} | ${(overhead * 100).toFixed(0)} % |`);
}
const worst = Math.max(...overheads);
say();
say(`Largest overhead over the bare \`docx\` build: **${(worst * 100).toFixed(0)} %** (target ≤ 20 %: ${worst <= 0.2 ? "met" : "missed"}).`);
say();

// 3. Batch of 1,000.
const batchDir = join(work, "batch");
const outDir = join(work, "batch-out");
mkdirSync(batchDir);
mkdirSync(outDir);
const files: string[] = [];
for (let i = 0; i < 1000; i++) {
  const [name, text] = cases[i % (cases.length - 1)] ?? ["", ""];
  const file = join(batchDir, `tender-${String(i).padStart(4, "0")}-${name}`);
  writeFileSync(file, text.replace(/reference: (.*)/, `reference: BATCH-${i}`));
  files.push(file);
}
const timed = spawnSync("/usr/bin/time", ["-f", "%e %M", process.execPath, BIN, "build", ...files, "--out-dir", outDir], { encoding: "utf8" });
const [seconds, kib] = (timed.stderr.trim().split("\n").pop() ?? "0 0").split(" ").map(Number);
const written = readdirSync(outDir).length;
// The same 1,000 documents built bare with docx in this process, for scale: docx's own serialisation is
// most of the work, whatever Clausier does around it.
const bareStart = performance.now();
for (let i = 0; i < 1000; i++) {
  const [name, text] = cases[i % (cases.length - 1)] ?? ["", ""];
  const answers = validateAnswersText(name, text.replace(/reference: (.*)/, `reference: BATCH-${i}`)).answers!;
  await Packer.toBuffer(annexDocument(composeFromAnswers(answers).annex));
}
const bareSeconds = (performance.now() - bareStart) / 1000;
say("### 3. Batch of 1,000 annexes in one process");
say();
say(`For scale: the same 1,000 documents built bare with \`docx\` (no validation, no gate, no files) take ${bareSeconds.toFixed(1)} s in this process.`);
say();
say(`${written} annexes in **${(seconds ?? 0).toFixed(1)} s**, peak memory **${((kib ?? 0) / 1024).toFixed(0)} MiB** (targets ≤ 25 s and ≤ 250 MB: ${(seconds ?? 99) <= 25 && (kib ?? 1e9) / 1024 <= 250 ? "met" : "missed"}).`);
say();
writeFileSync(join(work, "results.md"), `${lines.join("\n")}\n`);
console.error(`(results also in ${join(work, "results.md")})`);
