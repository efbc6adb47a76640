/**
 * The web interview's HTTP server: the Hono app on Node's HTTP server, listening on one address (this
 * computer only by default), with a fresh secret token in every address it gives. It keeps nothing: closing
 * it loses nothing but the pages open in a browser, which still hold their answers.
 */
import { randomBytes } from "node:crypto";
import { isIP, type AddressInfo } from "node:net";
import { hostname, networkInterfaces } from "node:os";
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

/** Whether an address means every address of this computer. */
export const isWildcard = (host: string): boolean => host === "0.0.0.0" || host === "::";

/** The address other computers use to reach this one: its first IPv4 address on a network, else loopback. */
function networkAddress(): string {
  for (const addresses of Object.values(networkInterfaces())) {
    for (const a of addresses ?? []) if (!a.internal && a.family === "IPv4") return a.address;
  }
  return "127.0.0.1";
}

/** A host as it stands in an address: [::1] for IPv6. */
const urlHost = (host: string): string => (host.includes(":") ? `[${host}]` : host);

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const token = randomBytes(24).toString("base64url");
  let port = options.port;
  // The Host headers a browser sends for the address printed (and "localhost" for a loopback address).
  // Listening on every address of the computer (0.0.0.0, ::), other computers reach it by one of its IP
  // addresses or its name: those are accepted, and no other name, which is what a DNS rebinding needs.
  const wildcard = isWildcard(options.host);
  const machine = hostname().toLowerCase();
  // Set once the port is known (a free port is chosen when listening).
  let fixed: ReadonlySet<string> = new Set();
  const hostAllowed = (header: string): boolean => {
    const h = header.toLowerCase();
    if (fixed.has(h)) return true;
    if (!wildcard) return false;
    const at = h.lastIndexOf(":");
    if (at < 0 || h.slice(at + 1) !== String(port)) return false;
    const name = h.slice(0, at);
    return isIP(name) === 4 || (name.startsWith("[") && name.endsWith("]") && isIP(name.slice(1, -1)) === 6) || name === machine;
  };
  const app = createApp({ token, hostAllowed, library: options.library, language: options.language, allowDraft: options.allowDraft, folder: options.folder, report: options.report });
  const server = createAdaptorServer({ fetch: app.fetch });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  fixed = new Set([`${urlHost(options.host)}:${port}`, ...(isLoopback(options.host) || wildcard ? [`localhost:${port}`, `127.0.0.1:${port}`, `[::1]:${port}`] : [])].map((h) => h.toLowerCase()));
  return {
    url: `http://${urlHost(wildcard ? networkAddress() : options.host)}:${port}/t/${token}/`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Browsers keep connections open: they are closed too, nothing is waiting on them.
        if ("closeAllConnections" in server) server.closeAllConnections();
      }),
  };
}
