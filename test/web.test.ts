/**
 * `clausier serve` without a browser: what the server refuses (no token, a wrong one, another Host, another
 * origin, a body too large, answers tampered with), the headers of every response, the assets it serves
 * itself, the downloads, a family registered by an extension asked with no other change, and the command
 * itself from the real binary (address printed, Ctrl-C, a bad port).
 */
import { expect } from "chai";
import { spawn } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { request } from "node:http";
import { stringify } from "qs";
import { parse as parseYaml } from "yaml";
import { clauseLibrary } from "../src/clauses/library.js";
import { previewAnswers } from "../src/interview/check.js";
import { registerFamily } from "../src/families/index.js";
import { encodeState, newPageState } from "../src/web/page-state.js";
import { startServer, type RunningServer } from "../src/web/server.js";
import { accessibilityFamily } from "./fixtures/families/accessibility/family.js";
import { BIN, ROOT, runMain, tempDir } from "./helpers/run.js";

interface Answer {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: Buffer;
}

/** One request with the headers given as they are (fetch would not let a test set Host). */
function send(url: string, options: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    // A length, as browsers give it with a form.
    const length: Record<string, string> = options.body !== undefined ? { "Content-Length": String(Buffer.byteLength(options.body)) } : {};
    const req = request(url, { method: options.method ?? "GET", headers: { ...length, ...options.headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on("error", reject);
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

const form = (fields: Record<string, unknown>): { method: string; headers: Record<string, string>; body: string } => ({
  method: "POST",
  headers: { "Content-Type": "application/x-www-form-urlencoded" },
  body: stringify(fields, { arrayFormat: "brackets" }),
});

/** A server on a free port with the built-in library, as `clausier serve --host HOST --lang LANGUAGE` starts it. */
const serverOn = (host: string, language: "en" | "fr"): Promise<RunningServer> =>
  startServer({ host, port: 0, library: clauseLibrary(), language, allowDraft: false, folder: ROOT, report: () => undefined });

const TENDER = { tender: { title: "Portal", reference: "P-1", buyer: "City", language: "en" }, openSource: { scope: "all" } };

describe("clausier serve: the server", function () {
  this.timeout(60_000);
  let server: RunningServer;
  before(async () => {
    server = await serverOn("127.0.0.1", "fr");
  });
  after(() => server.close());

  it("serves the interview only under its token, with a strict Content-Security-Policy and its own assets", async () => {
    const ok = await send(server.url);
    expect(ok.status).to.equal(200);
    const csp = String(ok.headers["content-security-policy"]);
    for (const rule of ["default-src 'none'", "script-src 'self'", "style-src 'self'", "form-action 'self'", "frame-ancestors 'none'"]) expect(csp).to.contain(rule);
    expect(csp).not.to.contain("unsafe");
    expect(ok.headers["x-content-type-options"]).to.equal("nosniff");
    const html = ok.body.toString();
    expect(html).to.contain('<html lang="fr">');
    expect(html).not.to.match(/<script(?![^>]*\bsrc=)|\sstyle=|\son[a-z]+=/i);
    expect(html).not.to.match(/https?:\/\//);
    for (const asset of ["assets/htmx.min.js", "assets/interview.js", "assets/style.css", "assets/icon.svg"]) {
      const a = await send(new URL(asset, server.url).href);
      expect(a.status, asset).to.equal(200);
      expect(a.headers["content-security-policy"], asset).to.equal(csp);
    }
    const wrong = await send(server.url.replace(/\/t\/[^/]+\//, "/t/not-the-token/"));
    expect(wrong.status).to.equal(403);
    expect(wrong.body.toString()).to.contain("jeton secret").and.not.to.contain("assets/");
    expect((await send(new URL("/", server.url).href)).status).to.equal(403);
    expect((await send(new URL("/t/", server.url).href)).status).to.equal(403);
  });

  it("refuses another Host (DNS rebinding) and a form from another origin", async () => {
    const rebound = await send(server.url, { headers: { Host: `attacker.example:${server.port}` } });
    expect(rebound.status).to.equal(403);
    expect((await send(server.url, { headers: { Host: `localhost:${server.port}` } })).status).to.equal(200);
    const state = encodeState(newPageState(undefined, "en"));
    const crossSite = await send(new URL("step", server.url).href, { ...form({ state, section: "language", go: "next" }), headers: { ...form({}).headers, Origin: "http://attacker.example" } });
    expect(crossSite.status).to.equal(403);
    const sameSite = await send(new URL("step", server.url).href, { ...form({ state, section: "language", go: "next" }), headers: { ...form({}).headers, Origin: `http://127.0.0.1:${server.port}` } });
    expect(sameSite.status).to.equal(200);
  });

  it("caps request bodies, and reads the answers a page carries as untrusted input", async () => {
    // Announced larger than the cap: refused from its length, before it is read (the client stops sending then).
    const big = await new Promise<Answer>((resolve, reject) => {
      const req = request(new URL("step", server.url).href, { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded", "Content-Length": String(7 * 1024 * 1024) } }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => {
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) });
          req.destroy();
        });
      });
      req.on("error", (e: NodeJS.ErrnoException) => (e.code === "ECONNRESET" || e.code === "EPIPE" ? undefined : reject(e)));
      req.write(`state=${"x".repeat(64 * 1024)}`);
    });
    expect(big.status).to.equal(413);
    expect(big.body.toString()).to.contain("Mo");
    for (const state of ["not json", "[]", JSON.stringify({ language: "xx", draft: {}, initial: {}, ticked: [], from: null, reviewed: false }), JSON.stringify({ language: "en", draft: [], initial: {}, ticked: [], from: null, reviewed: false })]) {
      const r = await send(new URL("step", server.url).href, form({ state, section: "tender", go: "next" }));
      expect(r.status, state).to.equal(400);
      expect(r.body.toString(), state).to.contain("n’ont pas pu être lues").and.not.to.contain(" at ");
    }
    // A prototype key in a field name is not an answer.
    const state = encodeState(newPageState(TENDER, "en"));
    const r = await send(new URL("step", server.url).href, { ...form({}), body: `state=${encodeURIComponent(state)}&section=tender&go=next&shown=tender.title&a[__proto__][polluted]=1&a[tender][title]=Portal` });
    expect(r.status).to.equal(200);
    expect(({} as Record<string, unknown>)["polluted"]).to.equal(undefined);
  });

  it("downloads the answers file as new writes it and the annex as build makes it from that file", async () => {
    const state = encodeState(newPageState(TENDER, "en"));
    const answers = await send(new URL("download/answers", server.url).href, form({ state }));
    expect(answers.status).to.equal(200);
    expect(answers.headers["content-disposition"]).to.equal('attachment; filename="P-1.yaml"');
    const text = answers.body.toString();
    // Saved anywhere by the browser: the header names no path, only the two files side by side.
    expect(text).to.match(/^# Written by Clausier's web interview \(clausier serve\)/).and.to.contain("npx clausier build P-1.yaml -o P-1.docx --force");
    expect(text).to.not.contain("$schema=");
    expect(parseYaml(text)).to.deep.include({ schemaVersion: 1, ...TENDER });
    const annex = await send(new URL("download/annex", server.url).href, form({ state }));
    expect(annex.status).to.equal(200);
    expect(annex.headers["content-disposition"]).to.equal('attachment; filename="P-1.docx"');
    expect(annex.body.subarray(0, 2).toString()).to.equal("PK");
    // Invalid answers: a page with the errors, in the buyer's language, never an annex.
    const broken = await send(new URL("download/annex", server.url).href, form({ state: encodeState(newPageState({ tender: { title: "x", language: "en" } }, "en")) }));
    expect(broken.status).to.equal(409);
    expect(broken.headers["content-type"]).to.contain("text/html");
    expect(broken.body.toString()).to.contain("cannot be written");
  });

  /** The answers a page carries, as the next request will read them. */
  const carried = (html: string): Record<string, unknown> => {
    const value = /name="state" value="([^"]*)"/.exec(html)?.[1] ?? "";
    const text = value.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
    return (JSON.parse(text) as { draft: Record<string, unknown> }).draft;
  };

  it("decides about licences as the terminal does: a licence the policy refuses accepted into the policy on request, the buyer's own licence judged by the definition only", async () => {
    const policy = { definition: ["osi", "fsf"], allowedClasses: ["permissive"] };
    const component = { name: "Map", purpose: "Show", justification: "Interoperability" };
    const state = newPageState({ ...TENDER, licensePolicy: policy, components: [component], buyerDistribution: { commit: true } }, "en");
    const shown = ["components[0].name", "components[0].purpose", "components[0].license", "components[0].version", "components[0].repository", "components[0].orEquivalent", "components[0].justification"];
    const post = (extra: Record<string, unknown>) => send(new URL("step", server.url).href, form({ state: encodeState(state), section: "components", go: "next", shown, a: { components: [{ ...component, license: "GPL-3.0-only", orEquivalent: "true" }] }, ...extra }));
    const asked = (await post({})).body.toString();
    expect(asked).to.contain('name="d[components][0][license]"').and.to.contain('value="allow:GPL-3.0-only"').and.to.contain('value="another:GPL-3.0-only"');
    const accepted = await post({ d: { components: [{ license: "allow:GPL-3.0-only" }] } });
    const draft = carried(accepted.body.toString());
    expect(draft["licensePolicy"]).to.deep.equal({ ...policy, allow: ["GPL-3.0-only"] });
    expect((draft["components"] as Record<string, unknown>[])[0]?.["license"]).to.equal("GPL-3.0-only");

    // The buyer's publication licence: network copyleft, outside the classes, yet open source: kept, the policy untouched.
    const publication = await send(
      new URL("step", server.url).href,
      form({ state: encodeState(state), section: "publication", go: "next", shown: ["buyerDistribution.license", "buyerDistribution.documentationLicense"], a: { buyerDistribution: { license: "AGPL-3.0-or-later", documentationLicense: ":none" } } }),
    );
    const after = carried(publication.body.toString());
    expect(after["buyerDistribution"]).to.deep.equal({ commit: true, license: "AGPL-3.0-or-later" });
    expect(after["licensePolicy"]).to.deep.equal(policy);
  });

  it("asks a family registered by an extension, with no other change", async () => {
    const unregister = registerFamily(accessibilityFamily);
    try {
      const state = newPageState(TENDER, "fr");
      const families = await send(new URL("step", server.url).href, form({ state: encodeState(state), section: "families", go: "next", ticked: ["openSource", "accessibility"] }));
      const html = families.body.toString();
      expect(families.status).to.equal(200);
      expect(html).to.contain('value="section:accessibility"');
      const page = await send(new URL("step", server.url).href, form({ state: encodeState(state), section: "families", go: "section:accessibility", ticked: ["openSource", "accessibility"] }));
      expect(page.body.toString()).to.contain('name="a[accessibility][level]"').and.to.contain("Niveau de conformité");
    } finally {
      unregister();
    }
  });
});

describe("clausier serve on every address of the computer (--host 0.0.0.0)", function () {
  this.timeout(60_000);
  let server: RunningServer;
  before(async () => {
    server = await serverOn("0.0.0.0", "en");
  });
  after(() => server.close());

  it("answers to this computer's IP addresses and name, and to no other name (DNS rebinding)", async () => {
    const local = server.url.replace(/\/\/[^/]+\//, `//127.0.0.1:${server.port}/`);
    expect(server.url).not.to.contain("0.0.0.0");
    for (const host of [`192.168.1.20:${server.port}`, `10.0.0.7:${server.port}`, `[fe80::1]:${server.port}`, `localhost:${server.port}`, `${hostname()}:${server.port}`, new URL(server.url).host]) {
      expect((await send(local, { headers: { Host: host } })).status, host).to.equal(200);
    }
    for (const host of [`attacker.example:${server.port}`, `192.168.1.20:${server.port + 1}`, "192.168.1.20", `1.2.3:${server.port}`]) {
      expect((await send(local, { headers: { Host: host } })).status, host).to.equal(403);
    }
    // Node's HTTP parser refuses this one before the server sees it.
    expect((await send(local, { headers: { Host: `[not-an-ip]:${server.port}` } })).status).to.be.oneOf([400, 403]);
  });
});

describe("clausier serve: the command", function () {
  this.timeout(60_000);

  it("prints the address with its token, serves the interview from the compiled modules, and stops on Ctrl-C with exit 0", async () => {
    const child = spawn(process.execPath, [BIN, "serve", "--port", "0", "--lang", "en"], { cwd: ROOT, env: { ...process.env, CLAUSIER_LANG: "", LANG: "C.UTF-8", CLAUSIER_STARTUP_REPORT: "1" } });
    let out = "";
    let err = "";
    child.stderr.on("data", (c: Buffer) => (err += c.toString()));
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on("data", (c: Buffer) => {
        out += c.toString();
        const m = /http:\/\/127\.0\.0\.1:\d+\/t\/[\w-]+\//.exec(out);
        if (m) resolve(m[0]);
      });
      child.on("exit", () => reject(new Error(`serve stopped: ${out}${err}`)));
    });
    expect(out).to.contain("Ctrl-C");
    const page = await send(url);
    expect(page.status).to.equal(200);
    expect(page.body.toString()).to.contain('<html lang="en">');
    const code = await new Promise<number | null>((resolve) => {
      child.on("exit", (c) => resolve(c));
      child.kill("SIGINT");
    });
    expect(code, err).to.equal(0);
    // A long-running command starts from the compiled modules, keeping the server out of the start-up bundle.
    expect(err).to.contain("started from the compiled modules");
  });

  it("--host 0.0.0.0 prints an address other computers can use and warns that it is not encrypted; --open gives that address to the browser", async () => {
    // A stand-in for the desktop's browser opener, which records the address it is given.
    const bin = tempDir("opener-");
    const opened = join(bin, "opened.txt");
    writeFileSync(join(bin, "xdg-open"), `#!/bin/sh\nprintf '%s' "$1" > '${opened}'\n`, { mode: 0o755 });
    const child = spawn(process.execPath, [BIN, "serve", "--host", "0.0.0.0", "--port", "0", "--open", "--lang", "en"], {
      cwd: ROOT,
      env: { ...process.env, CLAUSIER_LANG: "", LANG: "C.UTF-8", PATH: `${bin}:${process.env["PATH"] ?? ""}` },
    });
    let out = "";
    let err = "";
    child.stderr.on("data", (c: Buffer) => (err += c.toString()));
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on("data", (c: Buffer) => {
        out += c.toString();
        const m = /http:\/\/[\d.]+:\d+\/t\/[\w-]+\//.exec(out);
        if (m) resolve(m[0]);
      });
      child.on("exit", () => reject(new Error(`serve stopped: ${out}${err}`)));
    });
    try {
      expect(url).not.to.contain("0.0.0.0");
      expect((await send(url.replace(/\/\/[\d.]+:/, "//127.0.0.1:"), { headers: { Host: new URL(url).host } })).status).to.equal(200);
      for (let i = 0; i < 50 && !existsSync(opened); i++) await new Promise((r) => setTimeout(r, 100));
      expect(readFileSync(opened, "utf8")).to.equal(url);
      expect(err).to.contain("Listening on 0.0.0.0").and.to.contain("not encrypted");
    } finally {
      child.kill("SIGINT");
    }
  });

  it("refuses a port that is not one (exit 2), and documents itself in the person's language", async () => {
    const bad = await runMain(["serve", "--port", "http"]);
    expect(bad.status).to.equal(2);
    expect(bad.stderr).to.contain("“http” is not a port");
    const help = await runMain(["serve", "--help", "--lang", "fr"]);
    expect(help.status).to.equal(0);
    for (const option of ["--port", "--host", "--library", "--open", "--allow-draft"]) expect(help.stdout).to.contain(option);
    expect(help.stdout).to.contain("jeton secret").and.to.contain("Codes de sortie");
  });
});

describe("the side panel: the answers as far as they are valid", () => {
  it("leaves out what validate finds wrong (a licence that is none, a date that is not one) and keeps the rest", () => {
    const draft = {
      tender: { title: "T", language: "en", issueDate: "2026-13-45" },
      openSource: { scope: "all" },
      components: [{ name: "A", purpose: "B", license: "NOT-A-LICENCE" }],
      governance: { required: true, foundations: ["OW2"] },
    };
    const answers = previewAnswers(draft, "en");
    expect(answers?.tender.title).to.equal("T");
    expect(answers?.tender.issueDate).to.equal(null);
    expect(answers?.components).to.deep.equal([]);
    expect(answers?.governance).to.deep.equal({ required: true, foundations: ["OW2"] });
    expect(answers?.openSource.scope).to.equal("all");
    expect(draft.components[0]?.license, "the draft itself is not changed").to.equal("NOT-A-LICENCE");
  });
});
