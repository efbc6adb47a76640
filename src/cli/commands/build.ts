/**
 * `clausier build <answers> -o <annex.docx>` writes the Word annex of an answers file;
 * `clausier build <answers>... --out-dir <dir>` builds many in one process, going on past invalid files.
 */
import { basename, extname, join } from "node:path";
import { existsSync, statSync } from "node:fs";
import { buildAnnex } from "../../build.js";
import { clauseLibrary, type ClauseLibrary } from "../../clauses/library.js";
import { publishDocx } from "../../output/publish-docx.js";
import { OutputError } from "../../output/write.js";
import { EXIT, UserError } from "../errors.js";
import type { Io } from "../io.js";
import { readAnswersFile } from "../read-answers.js";
import { countWords, formatDiagnostic } from "../report.js";

export interface BuildOptions {
  readonly output?: string;
  readonly outDir?: string;
  readonly force?: boolean;
  readonly library?: string;
  readonly allowDraft?: boolean;
}

/** Progress on a terminal: one line rewritten in place. Silent when the output is not a terminal. */
export interface Progress {
  update(done: number, total: number, current: string): void;
  end(): void;
}

type Outcome = { readonly ok: true; readonly message: string } | { readonly ok: false; readonly code: number; readonly reason: string };

async function buildOne(file: string, output: string, options: BuildOptions, library: ClauseLibrary, io: Io): Promise<Outcome> {
  const validation = readAnswersFile(file);
  for (const d of validation.diagnostics) io.err(formatDiagnostic(d));
  if (validation.answers === undefined) {
    io.err(`${file}: ${countWords(validation.diagnostics)}. Nothing was written.`);
    return { ok: false, code: EXIT.invalidAnswers, reason: "invalid answers" };
  }
  const built = await buildAnnex(validation.answers, {
    library,
    allowDraft: options.allowDraft ?? false,
    ...(validation.bytes ? { answersSource: validation.bytes } : {}),
  });
  publishDocx(output, built.docx, { force: options.force ?? false });
  const clauses = built.annex.parts.flatMap((p) => p.clauses);
  const requirements = clauses.flatMap((c) => (c.requirement ? [c.requirement] : []));
  return {
    ok: true,
    message:
      `Wrote ${output}${built.annex.draft ? " (DRAFT: contains clauses that are not approved)" : ""}: ${clauses.length} clauses, ${requirements.length} requirements` +
      `${requirements.length > 0 ? ` (${requirements.join(", ")})` : ""}, in ${validation.answers.tender.language === "fr" ? "French" : "English"}.`,
  };
}

function checkDocxName(output: string): void {
  if (!output.toLowerCase().endsWith(".docx")) {
    throw new UserError(`the output file must end in .docx (got ${output})`, EXIT.usage, "For example: -o annex.docx");
  }
}

export async function runBuild(files: readonly string[], options: BuildOptions, io: Io, progress?: Progress): Promise<number> {
  if (options.output !== undefined && options.outDir !== undefined) throw new UserError("give either -o (one annex) or --out-dir (several), not both");
  if (options.outDir === undefined) {
    if (options.output === undefined) throw new UserError("say where to write the annex: -o annex.docx (or --out-dir DIR for several answers files)");
    if (files.length !== 1) throw new UserError(`-o writes one annex, but ${files.length} answers files were given`, EXIT.usage, "Use --out-dir DIR to build several annexes at once.");
    checkDocxName(options.output);
    const outcome = await buildOne(files[0] ?? "", options.output, options, clauseLibrary(options.library), io);
    if (outcome.ok) io.out(outcome.message);
    return outcome.ok ? EXIT.ok : outcome.code;
  }
  return runBatch(files, options.outDir, options, io, progress);
}

async function runBatch(files: readonly string[], outDir: string, options: BuildOptions, io: Io, progress?: Progress): Promise<number> {
  if (!existsSync(outDir) || !statSync(outDir).isDirectory()) {
    throw new UserError(`the output folder ${outDir} does not exist`, EXIT.usage, "Create it first.");
  }
  const outputs = files.map((f) => join(outDir, `${basename(f, extname(f))}.docx`));
  const seen = new Map<string, string>();
  files.forEach((f, i) => {
    const out = outputs[i] ?? "";
    const other = seen.get(out);
    if (other !== undefined) throw new UserError(`${other} and ${f} would both be written to ${out}`, EXIT.usage, "Rename one of the answers files.");
    seen.set(out, f);
  });
  const library = clauseLibrary(options.library);
  const failures: { file: string; reason: string }[] = [];
  let written = 0;
  for (let i = 0; i < files.length; i++) {
    const file = files[i] ?? "";
    progress?.update(i, files.length, file);
    try {
      const outcome = await buildOne(file, outputs[i] ?? "", options, library, io);
      if (outcome.ok) written++;
      else failures.push({ file, reason: outcome.reason });
    } catch (e) {
      if (!(e instanceof UserError) && !(e instanceof OutputError)) throw e;
      io.err(`clausier: ${file}: ${e.message}${e.hint ? `\n    hint: ${e.hint}` : ""}`);
      failures.push({ file, reason: e.message });
    }
  }
  progress?.update(files.length, files.length, "");
  progress?.end();
  io.out(`Built ${written} of ${files.length} annex${files.length === 1 ? "" : "es"} in ${outDir}.`);
  if (failures.length > 0) {
    io.out(`${failures.length} failed:\n${failures.map((f) => `  ${f.file}: ${f.reason}`).join("\n")}`);
    return EXIT.invalidAnswers;
  }
  return EXIT.ok;
}

/** A progress line on stderr when it is a terminal; nothing otherwise. */
export function terminalProgress(stream: NodeJS.WriteStream): Progress {
  let shown = false;
  return {
    update(done, total, current) {
      const width = 30;
      const filled = total === 0 ? width : Math.round((done / total) * width);
      const line = `[${"#".repeat(filled)}${".".repeat(width - filled)}] ${done}/${total} ${current}`;
      stream.write(`\r\u001b[2K${line.slice(0, (stream.columns ?? 80) - 1)}`);
      shown = true;
    },
    end() {
      if (shown) stream.write("\r\u001b[2K");
    },
  };
}
