/** Drives a real terminal program through tmux (a private server per test run). */
import { spawnSync } from "node:child_process";

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
  screen(): string {
    return this.tmux("capture-pane", "-p", "-S", "-300");
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
  close(): void {
    spawnSync("tmux", ["-L", this.socket, "kill-server"]);
  }
}
