/**
 * Writing files when things go wrong (issue 12): a process interrupted while it writes, temporary files left
 * by a killed build, an output name at the file system's limit, a replaced file's permissions, and a
 * symbolic link planted at the interview's output path.
 */
import { expect } from "chai";
import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, lstatSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { runInterview } from "../src/cli/commands/new.js";
import { CommandContext } from "../src/cli/context.js";
import { OutputError } from "../src/errors.js";
import type { Choice, Prompts } from "../src/interview/prompts.js";
import { messages } from "../src/i18n/messages.js";
import { ROOT, quietIo, runMain, tempDir } from "./helpers/run.js";

const MINIMAL = join(ROOT, "examples", "minimal.yaml");
const temporaries = (dir: string): string[] => readdirSync(dir).filter((name) => name.endsWith(".tmp"));

describe("writing output safely", () => {
  it("keeps the permissions of a file replaced with --force", async () => {
    for (const mode of [0o640, 0o600, 0o664]) {
      const out = join(tempDir(), "annex.docx");
      writeFileSync(out, "old");
      chmodSync(out, mode);
      const r = await runMain(["build", MINIMAL, "-o", out, "--force"]);
      expect(r.status, r.stderr).to.equal(0);
      expect(readFileSync(out).subarray(0, 2).toString()).to.equal("PK");
      expect((statSync(out).mode & 0o777).toString(8)).to.equal(mode.toString(8));
    }
  });

  it("leaves no temporary file when the process is interrupted (SIGTERM, SIGINT) while it writes", () => {
    for (const signal of ["SIGTERM", "SIGINT"] as const) {
      const dir = tempDir();
      const out = join(dir, "annex.docx");
      // The signal arrives while the temporary file is written and not yet published: its default action
      // would end the process there and then, leaving the temporary file behind.
      const script = `
        import { writeFileSafely } from ${JSON.stringify(join(ROOT, "dist", "src", "output", "write.js"))};
        writeFileSafely(${JSON.stringify(out)}, new Uint8Array(1 << 20), {
          check(temp) {
            process.stdout.write("writing " + temp + "\\n");
            process.kill(process.pid, ${JSON.stringify(signal)});
            Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50);
          },
        });
        setInterval(() => undefined, 1000); // the process would live on, but for the signal
      `;
      const r = spawnSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8", timeout: 20_000 });
      expect(r.stdout, r.stderr).to.contain(`writing ${dir}/.annex.docx.`);
      expect(r.status, r.stderr).to.equal(signal === "SIGTERM" ? 143 : 130);
      expect(temporaries(dir), signal).to.deep.equal([]);
    }
  });

  it("is never blocked by a temporary file a killed build left behind, and leaves it alone", async () => {
    const dir = tempDir();
    // The names an earlier scheme (process id and a counter) would give in this process, and random ones.
    const stale = [
      ...Array.from({ length: 20 }, (_, i) => `.annex.docx.${process.pid}.${i + 1}.tmp`),
      ".annex.docx.000000000000.tmp",
      ".annex.docx.ffffffffffff.tmp",
    ];
    for (const name of stale) writeFileSync(join(dir, name), "left by a killed build");
    const r = await runMain(["build", MINIMAL, "-o", join(dir, "annex.docx")]);
    expect(r.status, r.stderr).to.equal(0);
    expect(readdirSync(dir).sort()).to.deep.equal([...stale, "annex.docx"].sort());
  });

  it("writes an output whose name is 250 bytes long, in one or several bytes per character", async () => {
    for (const name of [`${"a".repeat(245)}.docx`, `${"é".repeat(122)}a.docx`]) {
      expect(Buffer.byteLength(name)).to.equal(250);
      const dir = tempDir();
      const r = await runMain(["build", MINIMAL, "-o", join(dir, name)]);
      expect(r.status, r.stderr).to.equal(0);
      expect(readdirSync(dir)).to.deep.equal([name]);
    }
  });
});

describe("clausier new: the output paths are checked before anything is written", () => {
  /**
   * Prompts that take the starting answer of every question (the --from file's), as Enter would, and choose
   * "write" at the review. `onReview` runs when the review asks what to do.
   */
  function enterEverywhere(onReview: () => void = () => undefined): Prompts & { asked: string[] } {
    const asked: string[] = [];
    const reviewMessage = messages("en")("interview.review.action");
    const first = <T>(choices: readonly Choice<T>[], preferred?: T): T => {
      const value = preferred ?? choices[0]?.value;
      if (value === undefined) throw new Error("no choice to take");
      return value;
    };
    return {
      asked,
      input: async (o) => {
        asked.push(o.message);
        const value = o.default ?? "";
        const valid = o.validate?.(value) ?? true;
        if (valid !== true) throw new Error(`scripted interview: "${value}" refused at "${o.message}": ${valid}`);
        return value;
      },
      select: async <T>(o: { message: string; choices: readonly Choice<T>[]; default?: T }) => {
        asked.push(o.message);
        if (o.message === reviewMessage) onReview();
        return first(o.choices, o.default);
      },
      checkbox: async <T>(o: { message: string; choices: readonly Choice<T>[] }) => {
        asked.push(o.message);
        return o.choices.filter((c) => c.checked === true).map((c) => c.value);
      },
      confirm: async (o) => {
        asked.push(o.message);
        return o.default ?? false;
      },
      search: async <T>(o: { message: string; source: (term: string | undefined) => readonly Choice<T>[]; default?: T }) => {
        asked.push(o.message);
        return first(o.source(undefined), o.default);
      },
      say: () => undefined,
    };
  }

  const context = (): CommandContext => new CommandContext(quietIo(), "en");

  it("writes both files through the scripted interview when nothing is in the way", async () => {
    const dir = tempDir();
    const prompts = enterEverywhere();
    const code = await runInterview({ output: join(dir, "annex.docx"), from: MINIMAL }, context(), prompts);
    expect(code).to.equal(0);
    expect(readdirSync(dir).sort()).to.deep.equal(["annex.docx", "annex.yaml"]);
  });

  it("refuses a symbolic link at the annex path before the first question, writing nothing", async () => {
    const dir = tempDir();
    const victim = join(dir, "victim.txt");
    writeFileSync(victim, "victim");
    symlinkSync(victim, join(dir, "annex.docx"));
    const prompts = enterEverywhere();
    let error: unknown;
    try {
      await runInterview({ output: join(dir, "annex.docx"), from: MINIMAL, force: true }, context(), prompts);
    } catch (e) {
      error = e;
    }
    expect(error).to.be.instanceOf(OutputError);
    expect((error as OutputError).problem).to.equal("symlink");
    expect(prompts.asked, "only the language was asked").to.have.length(1);
    expect(readdirSync(dir).sort()).to.deep.equal(["annex.docx", "victim.txt"]);
    expect(readFileSync(victim, "utf8")).to.equal("victim");
  });

  it("refuses a symbolic link that appears at the annex path during the interview, before writing the answers file", async () => {
    const dir = tempDir();
    const victim = join(dir, "victim.txt");
    writeFileSync(victim, "victim");
    const annex = join(dir, "annex.docx");
    const prompts = enterEverywhere(() => symlinkSync(victim, annex));
    let error: unknown;
    try {
      await runInterview({ output: annex, from: MINIMAL }, context(), prompts);
    } catch (e) {
      error = e;
    }
    expect((error as OutputError | undefined)?.problem).to.equal("symlink");
    expect(existsSync(join(dir, "annex.yaml")), "the answers file is not written").to.equal(false);
    expect(lstatSync(annex).isSymbolicLink()).to.equal(true);
    expect(readFileSync(victim, "utf8")).to.equal("victim");
    expect(temporaries(dir)).to.deep.equal([]);
  });
});
