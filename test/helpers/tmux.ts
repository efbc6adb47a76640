/** Drives a real terminal program through tmux (a private server per test run). */
import { spawnSync } from "node:child_process";

/** A rule of `drive`: the question it answers, and what to do. */
export type DriveRule = [RegExp, (terminal: Terminal) => void | Promise<void>];

export class Terminal {
  private readonly socket = `clausier-${process.pid}-${Math.random().toString(36).slice(2)}`;
  constructor(command: string, cwd: string) {
    if (spawnSync("sh", ["-c", "command -v tmux"]).status !== 0) throw new Error("tmux is not installed: apt-get install tmux");
    this.tmux("new-session", "-d", "-x", "140", "-y", "50", "-c", cwd, `${command}; echo "EXIT=$?"; sleep 60`);
  }
  private tmux(...args: string[]): string {
    const r = spawnSync("tmux", ["-L", this.socket, ...args], { encoding: "utf8" });
    if (r.status !== 0) throw new Error(`tmux ${args[0]}: ${r.stderr}`);
    return r.stdout;
  }
  /** Everything the program printed so far (the whole history, not only what is on screen). */
  screen(): string {
    return this.tmux("capture-pane", "-p", "-S", "-");
  }
  /** Waits until the screen matches. */
  async waitFor(pattern: RegExp, timeoutMs = 10_000): Promise<string> {
    const end = Date.now() + timeoutMs;
    for (;;) {
      const screen = this.screen();
      if (pattern.test(screen)) return screen;
      if (Date.now() > end) throw new Error(`timed out waiting for ${pattern} on:\n${screen}`);
      await new Promise((r) => setTimeout(r, 80));
    }
  }
  type(text: string): void {
    this.tmux("send-keys", "-l", text);
  }
  keys(...keys: string[]): void {
    this.tmux("send-keys", ...keys);
  }
  /** Waits for a question, then answers it with text (optional) and Enter. */
  async answer(question: RegExp, text?: string): Promise<void> {
    await this.waitFor(new RegExp(`\\? ${question.source}`, question.flags));
    if (text !== undefined) this.type(text);
    this.keys("Enter");
    await this.waitFor(new RegExp(`✔ ${question.source}`, question.flags));
  }
  /**
   * Answers every prompt until the program ends: the first unused rule whose pattern matches the question
   * acts (keys typed, a choice picked); a question no rule matches gets Enter. A prompt is answered once,
   * when it is the newest on screen and the one before it is done (✔), so a prompt that refuses its answer
   * stops the run with the screen, instead of being answered again.
   */
  async drive(rules: DriveRule[] = [], timeoutMs = 60_000): Promise<string> {
    const used = new Set<number>();
    const end = Date.now() + timeoutMs;
    let answered = -1;
    for (;;) {
      const screen = this.screen();
      if (/EXIT=\d+/.test(screen)) return screen;
      const lines = screen.split("\n");
      const done = lines.filter((l) => l.startsWith("✔ ")).length;
      const active = lines.findLastIndex((l) => l.startsWith("? "));
      const lastDone = lines.findLastIndex((l) => l.startsWith("✔ "));
      if (active > lastDone && done > answered) {
        const question = lines[active]!.slice(2);
        const index = rules.findIndex((r, i) => !used.has(i) && r[0].test(question));
        answered = done;
        if (index === -1) this.keys("Enter");
        else {
          used.add(index);
          await rules[index]![1](this);
        }
      }
      if (Date.now() > end) throw new Error(`timed out; the screen:\n${screen}`);
      await new Promise((r) => setTimeout(r, 60));
    }
  }

  /** In a list prompt on screen, moves down to the choice whose line contains `text`, then Enter. */
  async choose(text: string): Promise<void> {
    for (let i = 0; i < 60; i++) {
      const screen = this.screen().split("\n");
      const start = screen.findLastIndex((l) => l.startsWith("? "));
      if (screen.slice(start).some((l) => l.startsWith("❯") && l.includes(text))) {
        this.keys("Enter");
        return;
      }
      this.keys("Down");
      await new Promise((r) => setTimeout(r, 60));
    }
    throw new Error(`no choice “${text}” on:\n${this.screen()}`);
  }

  /** Types into a search prompt, waits until `choice` is highlighted, then Enter. */
  async search(term: string, choice: RegExp = new RegExp(`❯ .*${term.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`)): Promise<void> {
    this.type(term);
    for (let i = 0; i < 150; i++) {
      const lines = this.screen().split("\n");
      if (choice.test(lines.slice(lines.findLastIndex((l) => l.startsWith("? "))).join("\n"))) {
        this.keys("Enter");
        return;
      }
      await new Promise((r) => setTimeout(r, 60));
    }
    throw new Error(`“${term}” did not bring ${choice} on:\n${this.screen()}`);
  }

  close(): void {
    spawnSync("tmux", ["-L", this.socket, "kill-server"]);
  }
}
