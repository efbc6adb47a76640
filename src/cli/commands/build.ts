/**
 * `clausier build <answers> -o <annex.docx>` writes the Word annex of an answers file;
 * `clausier build <answers>... --out-dir <dir>` builds many in one process, going on past invalid files.
 */
import { statSync } from "node:fs";
import { basename, extname, join } from "node:path";
import { buildAnnex } from "../../build.js";
import { clauseLibrary, type ClauseLibrary } from "../../clauses/library.js";
import { OutputError } from "../../errors.js";
import { publishDocx } from "../../output/publish-docx.js";
import { familiesWithoutEffect } from "../../selection/select.js";
import { placeFindings, sortDiagnostics } from "../../validation/validate.js";
import type { CommandContext } from "../context.js";
import { EXIT, UserError } from "../errors.js";
import { readAnswersFile } from "../read-answers.js";
import { countWords, formatDiagnostic } from "../report.js";

export interface BuildOptions {
  readonly output?: string;
  readonly outDir?: string;
  readonly force?: boolean;
  readonly library?: string;
  readonly allowDraft?: boolean;
}

/** Progress on a terminal: one line rewritten in place, cleared before anything else is printed. */
export interface Progress {
  update(done: number, total: number, current: string): void;
  /** Clears the line (before a message, and at the end). */
  clear(): void;
}

type Outcome = { readonly ok: true; readonly message: string } | { readonly ok: false; readonly code: number; readonly reason: string };

async function buildOne(file: string, output: string, options: BuildOptions, library: ClauseLibrary, context: CommandContext, before?: () => void): Promise<Outcome> {
  const validation = readAnswersFile(file, context);
  const t = context.t;
  const print = (text: string): void => {
    before?.();
    context.io.err(text);
  };
  if (validation.answers === undefined) {
    for (const d of validation.diagnostics) print(formatDiagnostic(d, t));
    print(t("cli.build.invalid", { file, counts: countWords(validation.diagnostics, t) }));
    return { ok: false, code: EXIT.invalidAnswers, reason: t("cli.build.reason-invalid") };
  }
  const built = await buildAnnex(validation.answers, { library, allowDraft: options.allowDraft ?? false, answersSource: validation.bytes });
  const warnings = sortDiagnostics([...validation.diagnostics, ...placeFindings(validation, familiesWithoutEffect(library, built.selection, validation.document?.data, t))]);
  for (const d of warnings) print(formatDiagnostic(d, t));
  publishDocx(output, built.docx, { force: options.force ?? false });
  const clauses = built.annex.parts.flatMap((p) => p.clauses);
  const requirements = clauses.flatMap((c) => (c.requirement ? [c.requirement] : []));
  return {
    ok: true,
    message: t("cli.build.wrote", {
      file: output,
      draft: built.annex.draft ? "yes" : "no",
      clauses: clauses.length,
      requirements: requirements.length,
      list: requirements.join(", "),
      language: t.dynamic(`cli.language.${validation.answers.tender.language}`),
    }),
  };
}

function checkDocxName(output: string, context: CommandContext): void {
  if (!output.toLowerCase().endsWith(".docx")) throw new UserError(context.t("cli.build.not-docx", { file: output }), EXIT.usage, context.t("cli.build.not-docx-hint"));
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

export async function runBuild(files: readonly string[], options: BuildOptions, context: CommandContext, progress?: Progress): Promise<number> {
  const t = context.t;
  if (options.output !== undefined && options.outDir !== undefined) throw new UserError(t("cli.build.both-outputs"));
  if (options.outDir === undefined) {
    if (options.output === undefined) throw new UserError(t("cli.build.no-output"), EXIT.usage, t("cli.build.no-output-hint"));
    if (files.length !== 1) throw new UserError(t("cli.build.one-output", { count: files.length }), EXIT.usage, t("cli.build.one-output-hint"));
    if (isFolder(options.output)) throw new UserError(t("cli.build.output-is-folder", { path: options.output }), EXIT.usage, t("cli.build.output-is-folder-hint", { path: options.output }));
    checkDocxName(options.output, context);
    const outcome = await buildOne(files[0] ?? "", options.output, options, clauseLibrary(options.library, context.t), context);
    if (outcome.ok) context.io.out(outcome.message);
    return outcome.ok ? EXIT.ok : outcome.code;
  }
  return runBatch(files, options.outDir, options, context, progress);
}

async function runBatch(files: readonly string[], outDir: string, options: BuildOptions, context: CommandContext, progress?: Progress): Promise<number> {
  const t = context.t;
  if (!isFolder(outDir)) {
    let exists = false;
    try {
      statSync(outDir);
      exists = true;
    } catch {
      exists = false;
    }
    throw exists
      ? new UserError(t("cli.build.out-dir-is-file", { path: outDir }), EXIT.usage, t("cli.build.out-dir-is-file-hint"))
      : new UserError(t("cli.build.out-dir-missing", { path: outDir }), EXIT.usage, t("cli.build.out-dir-missing-hint"));
  }
  const outputs = files.map((f) => join(outDir, `${basename(f, extname(f))}.docx`));
  const seen = new Map<string, string>();
  files.forEach((f, i) => {
    const out = outputs[i] ?? "";
    const other = seen.get(out);
    if (other !== undefined) throw new UserError(t("cli.build.clash", { first: other, second: f, output: out }), EXIT.usage, t("cli.build.clash-hint"));
    seen.set(out, f);
  });
  const library = clauseLibrary(options.library, context.t);
  const failures: { file: string; reason: string }[] = [];
  let written = 0;
  const clear = (): void => progress?.clear();
  for (let i = 0; i < files.length; i++) {
    const file = files[i] ?? "";
    progress?.update(i, files.length, file);
    try {
      const outcome = await buildOne(file, outputs[i] ?? "", options, library, context, clear);
      if (outcome.ok) written++;
      else failures.push({ file, reason: outcome.reason });
    } catch (e) {
      if (!(e instanceof UserError) && !(e instanceof OutputError)) throw e;
      // Reported once, in the summary: the reason why this file failed.
      const reason = e instanceof UserError ? e.message : t.dynamic(`cli.output.${e.problem}.message`, { path: e.path, detail: e.detail ?? "" });
      failures.push({ file, reason });
    }
  }
  progress?.update(files.length, files.length, "");
  clear();
  context.io.out(t("cli.build.batch-summary", { written, total: files.length, folder: outDir }));
  if (failures.length > 0) {
    context.io.out(`${t("cli.build.batch-failed", { count: failures.length })}\n${failures.map((f) => `  ${f.file}: ${f.reason}`).join("\n")}`);
    return EXIT.invalidAnswers;
  }
  return EXIT.ok;
}

/** A progress line on a terminal (standard error), rewritten in place and cleared before other output. */
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
    clear() {
      if (shown) stream.write("\r\u001b[2K");
      shown = false;
    },
  };
}
