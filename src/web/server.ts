/**
 * The web interview's HTTP server: the Hono app on Node's HTTP server, listening on one address (this
 * computer only by default), with a fresh secret token in every address it gives. It keeps nothing: closing
 * it loses nothing but the pages open in a browser, which still hold their answers.
 */
import { randomBytes } from "node:crypto";
import type { AddressInfo } from "node:net";
import { createAdaptorServer } from "@hono/node-server";
import type { ClauseLibrary } from "../clauses/library.js";
import type { Language } from "../i18n/messages.js";
import { createApp } from "./app.js";

export interface ServerOptions {
  readonly host: string;
  /** 0: a free port. */
  readonly port: number;
  readonly library: ClauseLibrary;
  readonly language: Language;
  readonly allowDraft: boolean;
  readonly folder: string;
  readonly report: (text: string) => void;
}

export interface RunningServer {
  /** The address to open, token included. */
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

/** Whether an address is this computer's own (loopback). */
export const isLoopback = (host: string): boolean => host === "localhost" || host === "::1" || /^127\.\d+\.\d+\.\d+$/.test(host);

/** A host as it stands in an address: [::1] for IPv6. */
const urlHost = (host: string): string => (host.includes(":") ? `[${host}]` : host);

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const token = randomBytes(24).toString("base64url");
  let port = options.port;
  // The Host headers a browser sends for the address printed (and "localhost" for a loopback address).
  const hosts = (): string[] => [`${urlHost(options.host)}:${port}`, ...(isLoopback(options.host) ? [`localhost:${port}`, `127.0.0.1:${port}`, `[::1]:${port}`] : [])].map((h) => h.toLowerCase());
  const app = createApp({ token, hosts, library: options.library, language: options.language, allowDraft: options.allowDraft, folder: options.folder, report: options.report });
  const server = createAdaptorServer({ fetch: app.fetch });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://${urlHost(options.host)}:${port}/t/${token}/`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Browsers keep connections open: they are closed too, nothing is waiting on them.
        if ("closeAllConnections" in server) server.closeAllConnections();
      }),
  };
}
