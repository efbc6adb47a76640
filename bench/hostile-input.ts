/**
 * Hostile input at the size limits (issue 12), run by `npm run bench` (bench/bench.ts): how long Clausier
 * takes to refuse each file the adversarial trial found slow, in this process, median of a few runs. The
 * trial measured, before the fixes: 32,000 unknown answers 50 s, a 1.6 MB licence expression more than
 * 2 minutes. Targets: each refusal within a few seconds, and growing with the file, not its square.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { checkLibrary, libraryRoots } from "../src/clauses/library.js";
import { messages } from "../src/i18n/messages.js";
import { validateAnswersText } from "../src/validation/validate.js";


const BASE = `schemaVersion: 1
tender:
  title: Bench
  reference: B-1
  buyer: Bench
  language: en
licensePolicy:
  definition: [osi]
  allowedClasses: [permissive]
`;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

function time(run: () => void, runs = 3): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    run();
    times.push(performance.now() - start);
  }
  return median(times);
}

export async function hostileInput(work: string, say: (line?: string) => void): Promise<void> {
  say("## Hostile input at the size limits");
  say();
  say("| file | size | findings | time | target |");
  say("|---|---:|---:|---:|---|");
  const answers: [string, string][] = [];
  for (const keys of [8_000, 32_000, 100_000]) answers.push([`${keys.toLocaleString("en")} unknown answers`, BASE + Array.from({ length: keys }, (_, i) => `unknown${i}: ${i}\n`).join("")]);
  answers.push(["a 1.4 MB licence expression", `${BASE}components:\n  - name: A\n    purpose: B\n    justification: C\n    license: ${Array.from({ length: 200_000 }, () => "MIT").join(" OR ")}\n`]);
  answers.push(["5,000 allowed and 5,000 refused unknown licences", BASE.replace("  allowedClasses: [permissive]\n", `  allowedClasses: [permissive]\n  allow:\n${Array.from({ length: 5000 }, (_, i) => `    - X${i}\n`).join("")}  deny:\n${Array.from({ length: 5000 }, (_, i) => `    - Y${i}\n`).join("")}`)]);
  answers.push(["lists nested 1,000,000 deep (1 MB of [)", `${BASE}components: ${"[".repeat(1_000_000)}\n`]);
  answers.push(["sections nested 1,000 deep", `${BASE}components:\n${Array.from({ length: 1000 }, (_, i) => `${" ".repeat(i + 1)}- `).join("\n")}\n`]);
  for (const [name, text] of answers) {
    let findings = 0;
    const ms = time(() => {
      findings = validateAnswersText("answers.yaml", text).diagnostics.length;
    });
    say(`| ${name} | ${(Buffer.byteLength(text) / 1024).toFixed(0)} KB | ${findings.toLocaleString("en")} | ${ms.toFixed(0)} ms | < 5 s |`);
  }

  // A library overlay with many clause files, each with a long template: lint reads and checks them all.
  const overlay = join(work, "hostile-overlay");
  mkdirSync(join(overlay, "clauses"), { recursive: true });
  const template = Array.from({ length: 200 }, (_, i) => `{{#if tender.lot}}Lot {{tender.lot}} ${i}.{{/if}} {{#each components}}{{name}}{{/each}}`).join("\n");
  for (let i = 0; i < 200; i++) {
    const id = `org-${i}`;
    writeFileSync(
      join(overlay, "clauses", `${id}.yaml`),
      JSON.stringify({
        id,
        title: { en: id, fr: id },
        version: "1.0.0",
        status: "approved",
        owner: "OSPO",
        reviewer: "Legal",
        reviewDate: "2026-10-15",
        reviewIntervalMonths: 24,
        history: [{ version: "1.0.0", date: "2026-10-15", change: "First." }],
        part: "requirements",
        order: 200 + i,
        sources: ["Bench"],
        text: { en: template, fr: template },
      }),
    );
  }
  let clauses = 0;
  const lintMs = time(() => {
    clauses = checkLibrary(libraryRoots(overlay), messages("en")).library?.clauses.length ?? 0;
  }, 1);
  say(`| clauses lint: 200 overlay clauses of ${(template.length / 1024).toFixed(0)} KB each | ${clauses} clauses | — | ${lintMs.toFixed(0)} ms | < 10 s |`);
  say();
}
