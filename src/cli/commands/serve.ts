/**
 * `clausier serve`: the interview in a web browser. Starts the server (src/web/), prints the address with its
 * token, opens a browser when asked, and runs until Ctrl-C. A faulty --library folder or a port taken is
 * said before anything is served.
 */
import { spawn } from "node:child_process";
import { clauseLibrary } from "../../clauses/library.js";
import { isLoopback, startServer } from "../../web/server.js";
import type { CommandContext } from "../context.js";
import { EXIT, UserError } from "../errors.js";

export interface ServeOptions {
  readonly port?: string;
  readonly host?: string;
  readonly library?: string;
  readonly open?: boolean;
  readonly allowDraft?: boolean;
}

/** Opens the address in the system's browser; says so when it cannot. */
function openBrowser(url: string, context: CommandContext): void {
  const [command, args] = process.platform === "darwin" ? ["open", [url]] : process.platform === "win32" ? ["cmd", ["/c", "start", "", url]] : ["xdg-open", [url]];
  const child = spawn(command, args as string[], { stdio: "ignore", detached: true });
  child.on("error", (e) => context.io.err(context.t("cli.serve.open-failed", { reason: e.message })));
  child.unref();
}

/** Runs until `stop` resolves (Ctrl-C or a termination signal for the command line). */
export async function runServe(options: ServeOptions, context: CommandContext, stop: Promise<unknown> = signalled()): Promise<number> {
  const t = context.t;
  const portText = options.port ?? "0";
  const port = /^\d{1,5}$/.test(portText) ? Number(portText) : NaN;
  if (!(port >= 0 && port <= 65535)) throw new UserError(t("cli.serve.bad-port", { port: portText }));
  const host = options.host ?? "127.0.0.1";
  const library = clauseLibrary(options.library, t);
  let server;
  try {
    server = await startServer({ host, port, library, language: context.language, allowDraft: options.allowDraft ?? false, folder: process.cwd(), report: (text) => context.io.err(text) });
  } catch (e) {
    const reason = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
    throw new UserError(t("cli.serve.in-use", { host, port, reason }), EXIT.usage, t("cli.serve.in-use-hint"));
  }
  context.io.out(t("cli.serve.listening", { url: server.url }));
  if (!isLoopback(host)) context.io.err(t("cli.serve.network", { host }));
  if (options.open === true) openBrowser(server.url, context);
  await stop;
  await server.close();
  context.io.err(t("cli.serve.stopped"));
  return EXIT.ok;
}

function signalled(): Promise<void> {
  return new Promise((resolve) => {
    process.once("SIGINT", () => resolve());
    process.once("SIGTERM", () => resolve());
  });
}
