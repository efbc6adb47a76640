/**
 * `npm run bench`: how fast Clausier is, as ratios measured side by side in one run (absolute times vary
 * between machines and during the day; ratios against references measured in the same run do not):
 *
 *  1. whole process, CPU time (user + system, from the shell's `times`), median of BENCH_RUNS interleaved
 *     runs: `validate` against `node -e 0`; `build` against a bare script that imports docx and writes the
 *     same document (bench/bare-docx.mjs), against pandoc writing the same annex from Markdown, and against
 *     a baseline checkout of Clausier when BENCH_BASELINE names one (another clone or `git worktree`, with
 *     `npm ci` run in it);
 *  2. in process, per annex after warm-up: the whole pipeline (validation, clause selection and texts, Word,
 *     packing, validity gate) against docx alone building and packing the same document;
 *  3. a batch of 1,000 annexes in one process (`build --out-dir`) against the bare script writing the same
 *     1,000 documents in one process: CPU time and peak memory of each;
 *  4. check-sbom at field scale (issue 12): see bench/sbom-scale.ts, run from here when present;
 *  5. hostile input at the size limits (issue 12): see bench/hostile-input.ts.
 *
 * Targets are printed with each figure; speed is never asserted in tests. BENCH_RUNS sets the number of
 * whole-process runs (default 15).
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, release, tmpdir, totalmem } from "node:os";
import { join, resolve } from "node:path";
import { Packer } from "docx";
import { parse as parseYaml, stringify } from "yaml";
import { buildAnnex, composeFromAnswers } from "../src/build.js";
import { validateAnswersText } from "../src/validation/validate.js";
import { annexDocument } from "../src/word/annex-document.js";

const ROOT = resolve(import.meta.dirname, "..");
const BIN = join(ROOT, "bin", "clausier.js");
const BARE = join(ROOT, "bench", "bare-docx.mjs");
const MEASURE = join(ROOT, "bench", "measure.mjs");
const RUNS = Number(process.env["BENCH_RUNS"] ?? 15);
const BASELINE = process.env["BENCH_BASELINE"];
const work = mkdtempSync(join(tmpdir(), "clausier-bench-"));
const flagship = join(ROOT, "examples", "grid-operator-fr.yaml");

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
};
const ms = (n: number): string => `${n.toFixed(0)} ms`;
const has = (tool: string): boolean => spawnSync("sh", ["-c", `command -v ${tool}`]).status === 0;
const verdict = (ok: boolean): string => (ok ? "met" : "**missed**");

const lines: string[] = [];
const say = (line = ""): void => {
  lines.push(line);
  console.log(line);
};

/** CPU time (user + system, ms) of one run of a command, as the shell's `times` reports it for its children. */
function cpuTime(command: string, args: readonly string[]): number {
  const r = spawnSync("bash", ["-c", '"$0" "$@" >/dev/null 2>&1; status=$?; times; exit $status', command, ...args], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`${command} ${args.join(" ")} failed (exit ${String(r.status)})`);
  const children = r.stdout.trim().split("\n")[1] ?? "";
  const seconds = [...children.matchAll(/(\d+)m([\d.]+)s/g)].map((m) => Number(m[1]) * 60 + Number(m[2]));
  return ((seconds[0] ?? 0) + (seconds[1] ?? 0)) * 1000;
}

/** Runs the commands interleaved, RUNS times each after one warm-up, and returns the median CPU time of each. */
function sideBySide(commands: Record<string, readonly [string, readonly string[]]>): Record<string, number> {
  const times: Record<string, number[]> = Object.fromEntries(Object.keys(commands).map((k) => [k, []]));
  for (const [command, args] of Object.values(commands)) cpuTime(command, args);
  for (let i = 0; i < RUNS; i++) for (const [name, [command, args]] of Object.entries(commands)) times[name]?.push(cpuTime(command, args));
  return Object.fromEntries(Object.entries(times).map(([k, v]) => [k, median(v)]));
}

/** CPU time and peak memory of one Node.js process, measured from inside it by bench/measure.mjs. */
function measured(args: readonly string[]): { cpuMs: number; peakMiB: number; wallMs: number } {
  const file = join(work, `measure-${Math.random().toString(36).slice(2)}.json`);
  const start = performance.now();
  const r = spawnSync(process.execPath, ["--import", MEASURE, ...args], { env: { ...process.env, BENCH_MEASURE: file }, encoding: "utf8", maxBuffer: 1 << 26 });
  const wallMs = performance.now() - start;
  if (r.status !== 0) throw new Error(`node ${args.join(" ")} failed (exit ${String(r.status)}): ${r.stderr.slice(0, 2000)}`);
  const { cpuMicros, maxRssKiB } = JSON.parse(readFileSync(file, "utf8")) as { cpuMicros: number; maxRssKiB: number };
  return { cpuMs: cpuMicros / 1000, peakMiB: maxRssKiB / 1024, wallMs };
}

function answersOf(name: string, text: string) {
  const answers = validateAnswersText(name, text).answers;
  if (!answers) throw new Error(`${name} is not valid`);
  return answers;
}

/** The annex model Clausier composes for an answers file, as JSON for the bare docx script. */
function modelFile(name: string, text: string): string {
  const file = join(work, `${name.replace(/\W+/g, "-")}.model.json`);
  writeFileSync(file, JSON.stringify(composeFromAnswers(answersOf(name, text), { answersSource: text }).annex));
  return file;
}

say(`## Run of ${new Date().toISOString().slice(0, 10)}`);
say();
say(
  `Machine: ${cpus().length} × ${cpus()[0]?.model ?? "?"}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Linux ${release()}, Node ${process.version}` +
    `${has("pandoc") ? `, ${execFileSync("pandoc", ["--version"], { encoding: "utf8" }).split("\n")[0]}` : ", no pandoc"}; load average at start ${loadavg()
      .map((l) => l.toFixed(2))
      .join(" ")}.`,
);
say();

// 1. Whole process.
const flagshipText = readFileSync(flagship, "utf8");
const flagshipModel = modelFile("flagship", flagshipText);
const annexPath = join(work, "annex.docx");
const commands: Record<string, readonly [string, readonly string[]]> = {
  "node -e 0": [process.execPath, ["-e", "0"]],
  "clausier validate": [process.execPath, [BIN, "validate", flagship]],
  "clausier build": [process.execPath, [BIN, "build", flagship, "-o", annexPath, "--force"]],
  "bare docx script": [process.execPath, [BARE, flagshipModel, join(work, "bare.docx")]],
};
if (BASELINE !== undefined) {
  const baselineBin = join(resolve(BASELINE), "bin", "clausier.js");
  if (!existsSync(baselineBin)) throw new Error(`BENCH_BASELINE=${BASELINE}: no bin/clausier.js there (clone Clausier there and run npm ci)`);
  // An older version may not read answers 1.1: it gets the flagship without the 1.1 answers (its annex is
  // then shorter, which favours it), and this version is measured on the same file beside it.
  const v1 = parseYaml(flagshipText) as Record<string, Record<string, unknown>>;
  for (const key of ["remedies", "security", "ipRights", "exit"]) delete v1[key];
  for (const key of ["legalFramework", "buyerType", "submissionDeadline"]) delete v1["tender"]?.[key];
  for (const key of ["obligation", "proposalDays"]) delete v1["upstream"]?.[key];
  const flagshipV1 = join(work, "flagship-v1.yaml");
  writeFileSync(flagshipV1, stringify(v1));
  commands["clausier validate (answers 1.0)"] = [process.execPath, [BIN, "validate", flagshipV1]];
  commands["clausier build (answers 1.0)"] = [process.execPath, [BIN, "build", flagshipV1, "-o", join(work, "v1.docx"), "--force"]];
  commands["baseline validate"] = [process.execPath, [baselineBin, "validate", flagshipV1]];
  commands["baseline build"] = [process.execPath, [baselineBin, "build", flagshipV1, "-o", join(work, "baseline.docx"), "--force"]];
}
if (has("pandoc")) {
  execFileSync(process.execPath, [BIN, "build", flagship, "-o", annexPath, "--force"]);
  const markdown = join(work, "annex.md");
  execFileSync("pandoc", ["-f", "docx", "-t", "markdown", annexPath, "-o", markdown]);
  commands["pandoc markdown → docx"] = ["pandoc", ["-f", "markdown", "-t", "docx", markdown, "-o", join(work, "pandoc.docx")]];
}
const whole = sideBySide(commands);
const t = (name: string): number => whole[name] ?? Number.NaN;
say(`### 1. Whole process, flagship example: CPU time, median of ${RUNS} interleaved runs`);
say();
say("| command | CPU time | ratio to `node -e 0` |");
say("|---|---|---|");
for (const [name, time] of Object.entries(whole)) say(`| ${name} | ${ms(time)} | ${(time / t("node -e 0")).toFixed(2)} |`);
say();
say("| ratio | measured | target |");
say("|---|---|---|");
const validateRatio = t("clausier validate") / t("node -e 0");
say(`| validate ÷ node -e 0 | ${validateRatio.toFixed(2)} | ≤ 2.5: ${verdict(validateRatio <= 2.5)} |`);
const bareRatio = t("clausier build") / t("bare docx script");
say(`| build ÷ bare docx script | ${bareRatio.toFixed(2)} | ≤ 1.0: ${verdict(bareRatio <= 1)} |`);
if (whole["baseline build"] !== undefined) {
  const baselineRatio = t("clausier build (answers 1.0)") / t("baseline build");
  say(`| build ÷ baseline build (${BASELINE}), flagship without its 1.1 answers | ${baselineRatio.toFixed(2)} | ≤ 0.5: ${verdict(baselineRatio <= 0.5)} |`);
  say(`| validate ÷ baseline validate, same file | ${(t("clausier validate (answers 1.0)") / t("baseline validate")).toFixed(2)} | |`);
} else {
  say("| build ÷ baseline build | not measured: set BENCH_BASELINE to a checkout of the version to compare with | ≤ 0.5 |");
}
if (whole["pandoc markdown → docx"] !== undefined) {
  say(`| build ÷ pandoc on the same annex | ${(t("clausier build") / t("pandoc markdown → docx")).toFixed(2)} | (reference) |`);
} else {
  say("| build ÷ pandoc | not measured: pandoc is not installed (apt-get install pandoc) | (reference) |");
}
say();

// 2. In process.
function componentsAnswers(n: number): string {
  const base = parseYaml(flagshipText) as Record<string, unknown>;
  base["components"] = Array.from({ length: n }, (_, i) => ({
    name: `Component ${i + 1}`,
    purpose: `Functional need number ${i + 1}, described in one sentence as a buyer would`,
    license: ["MPL-2.0", "Apache-2.0", "MIT", "EPL-2.0", "BSD-3-Clause"][i % 5],
    version: `>=${(i % 9) + 1}.0`,
    repository: `https://example.org/projects/component-${i + 1}`,
    governance: "LF Energy",
    justification: "Interoperability with the buyer's existing systems",
  }));
  return stringify(base);
}
const cases: [string, string][] = readdirSync(join(ROOT, "examples"))
  .filter((f) => f.endsWith(".yaml"))
  .sort()
  .map((f) => [f, readFileSync(join(ROOT, "examples", f), "utf8")]);
cases.push(["200 components", componentsAnswers(200)]);

say("### 2. In process, per annex: wall time, median of 40 after 10 warm-up runs, interleaved");
say();
say("| answers | docx alone: document + pack | Clausier: validate + clauses + Word + pack + gate | ratio |");
say("|---|---|---|---|");
const ratios: number[] = [];
for (const [name, text] of cases) {
  const { annex } = composeFromAnswers(answersOf(name, text));
  const bare: number[] = [];
  const full: number[] = [];
  for (let i = 0; i < 50; i++) {
    let start = performance.now();
    await Packer.toBuffer(annexDocument(annex));
    const b = performance.now() - start;
    start = performance.now();
    await buildAnnex(answersOf(name, text), { answersSource: text }); // the validity gate runs inside
    const f = performance.now() - start;
    if (i >= 10) {
      bare.push(b);
      full.push(f);
    }
  }
  const ratio = median(full) / median(bare);
  ratios.push(ratio);
  say(`| ${name} | ${median(bare).toFixed(1)} ms | ${median(full).toFixed(1)} ms | ${ratio.toFixed(2)} |`);
}
const worst = Math.max(...ratios);
say();
say(`Largest ratio of the pipeline to docx alone: **${worst.toFixed(2)}** (target ≤ 1.2: ${verdict(worst <= 1.2)}).`);
say();

// 3. Batch of 1,000.
const batchDir = join(work, "batch");
const outDir = join(work, "batch-out");
const bareOut = join(work, "bare-out");
for (const dir of [batchDir, outDir, bareOut]) mkdirSync(dir);
const examples = cases.slice(0, -1);
const files: string[] = [];
for (let i = 0; i < 1000; i++) {
  const [name, text] = examples[i % examples.length]!;
  const file = join(batchDir, `tender-${String(i).padStart(4, "0")}-${name}`);
  writeFileSync(file, text.replace(/reference: (.*)/, `reference: BATCH-${i}`));
  files.push(file);
}
const batchList = join(work, "batch-models.json");
writeFileSync(batchList, JSON.stringify(files.map((file, i) => [modelFile(`batch-${i}`, readFileSync(file, "utf8")), join(bareOut, `${i}.docx`)])));
const ours = measured([BIN, "build", ...files, "--out-dir", outDir]);
const written = readdirSync(outDir).length;
const bareBatch = measured([BARE, "--batch", batchList]);
say("### 3. Batch of 1,000 annexes in one process (the five examples in turn)");
say();
say("| | CPU time | wall time | peak memory |");
say("|---|---|---|---|");
say(`| clausier build --out-dir (${written} annexes) | ${(ours.cpuMs / 1000).toFixed(1)} s | ${(ours.wallMs / 1000).toFixed(1)} s | ${ours.peakMiB.toFixed(0)} MiB |`);
say(`| bare docx script, same documents | ${(bareBatch.cpuMs / 1000).toFixed(1)} s | ${(bareBatch.wallMs / 1000).toFixed(1)} s | ${bareBatch.peakMiB.toFixed(0)} MiB |`);
say();
const batchRatio = ours.cpuMs / bareBatch.cpuMs;
say(`CPU ratio **${batchRatio.toFixed(2)}** (target ≤ 1.15: ${verdict(batchRatio <= 1.15)}); peak memory **${ours.peakMiB.toFixed(0)} MiB** (target ≤ 250 MB: ${verdict(ours.peakMiB * 1.048576 <= 250)}).`);
say();

// 4. SBOM at field scale.
const sbomBench = join(ROOT, "bench", "sbom-scale.ts");
if (existsSync(sbomBench)) {
  const { sbomScale } = (await import(sbomBench)) as { sbomScale: (work: string, say: (line?: string) => void) => Promise<void> };
  await sbomScale(work, say);
}

// 5. Hostile input at the size limits.
const { hostileInput } = (await import(join(ROOT, "bench", "hostile-input.ts"))) as { hostileInput: (work: string, say: (line?: string) => void) => Promise<void> };
await hostileInput(work, say);

writeFileSync(join(work, "results.md"), `${lines.join("\n")}\n`);
console.error(`(results also in ${join(work, "results.md")})`);
rmSync(batchDir, { recursive: true, force: true });
