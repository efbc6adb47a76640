/**
 * The web interview's routes (Hono). Every route lives under /t/<token>/, the secret part of the address the
 * command prints. The server keeps nothing between requests: each page carries the answers (page-state.ts),
 * each request reads them back as untrusted input, and the two downloads are built on request from them, the
 * annex from the answers file's own bytes, as `clausier build` would build it from the downloaded file.
 */
import { createHash, timingSafeEqual } from "node:crypto";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { Hono, type Context } from "hono";
import { bodyLimit } from "hono/body-limit";
import type { Child } from "hono/jsx";
import { parsePath, valueAt } from "../answers/paths.js";
import { buildAnnex } from "../build.js";
import { MAX_ANSWERS_BYTES } from "../cli/read-answers.js";
import type { ClauseLibrary } from "../clauses/library.js";
import type { Diagnostic } from "../diagnostics.js";
import { ClauseRenderError, UnapprovedClausesError } from "../errors.js";
import type { AnyFamily, Draft, Path } from "../families/family.js";
import { setAt } from "../families/kit.js";
import { isLanguage, messages, type Language, type Messages } from "../i18n/messages.js";
import { answersYaml } from "../interview/answers-file.js";
import { previewAnswers } from "../interview/check.js";
import type { Question } from "../interview/questions.js";
import { annexClauses, reviewLabel, reviewOf } from "../interview/review.js";
import { finalAnswers, setLanguage, setTicked } from "../interview/state.js";
import { PACKAGE_ROOT } from "../paths.js";
import { selectClauses } from "../selection/select.js";
import { validateAnswersBytes, validateAnswersText } from "../validation/validate.js";
import { LicenceResults, fieldId, type Shown } from "./controls.js";
import { decodeState, newPageState, StateError, type PageState } from "./page-state.js";
import { ErrorPage, FamiliesPage, FamilyPage, LanguagePage, PanelContent, ReviewPage, type SectionView, type UploadReport } from "./pages.js";
import { applyFamily, isGiven, itemCount, Posted, questionKey, type Outcome, type Typed } from "./posted.js";
import { nextSection, sectionFamily, sectionsOf } from "./sections.js";

export interface WebOptions {
  /** The secret part of every address. */
  readonly token: string;
  /** The Host headers this server answers to (`127.0.0.1:8123`, `localhost:8123`): any other is refused. */
  /** Whether a request's Host header names this server (anything else is refused: DNS rebinding). */
  readonly hostAllowed: (host: string) => boolean;
  readonly library: ClauseLibrary;
  /** The language of pages that have no answers yet (the first page, errors before any answer). */
  readonly language: Language;
  readonly allowDraft: boolean;
  /** The folder the answers file's header says to build from (where `clausier new` would write). */
  readonly folder: string;
  /** Where internal errors are reported (the terminal that runs the server). */
  readonly report: (text: string) => void;
}

/** Request bodies: the page's answers and an uploaded answers file, each at most the size of an answers file. */
export const MAX_BODY_BYTES = 3 * MAX_ANSWERS_BYTES + 64 * 1024;

const SECURITY_HEADERS: Record<string, string> = {
  "Content-Security-Policy":
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'self'",
  "X-Content-Type-Options": "nosniff",
  // same-origin, not no-referrer: with no-referrer, browsers send "Origin: null" with the page's own forms.
  "Referrer-Policy": "same-origin",
  "X-Frame-Options": "DENY",
  "Cross-Origin-Opener-Policy": "same-origin",
  "Cross-Origin-Resource-Policy": "same-origin",
  "Cache-Control": "no-store",
};

const require = createRequire(import.meta.url);

/** The page's own files, read once: the style sheet, the icon, its one script, and htmx from its package. */
function assets(): Map<string, { body: Uint8Array; type: string }> {
  return new Map([
    ["style.css", { body: readFileSync(join(PACKAGE_ROOT, "web", "style.css")), type: "text/css; charset=utf-8" }],
    ["icon.svg", { body: readFileSync(join(PACKAGE_ROOT, "web", "icon.svg")), type: "image/svg+xml" }],
    ["interview.js", { body: readFileSync(join(PACKAGE_ROOT, "web", "interview.js")), type: "text/javascript; charset=utf-8" }],
    ["htmx.min.js", { body: readFileSync(require.resolve("htmx.org/dist/htmx.min.js")), type: "text/javascript; charset=utf-8" }],
  ]);
}

const digest = (text: string): Buffer => createHash("sha256").update(text).digest();

/** The token compared in constant time (both sides hashed to the same length first). */
export function sameToken(given: string, token: string): boolean {
  return timingSafeEqual(digest(given), digest(token));
}

/** A name for the downloaded files: the tender's reference where it is a plain one, else "annex". */
export function downloadName(answers: Draft, t: Messages): string {
  const reference = valueAt(answers, ["tender", "reference"]);
  const plain = typeof reference === "string" ? reference.replace(/[^A-Za-z0-9._-]+/g, "-").replace(/^[-.]+|[-.]+$/g, "").slice(0, 80) : "";
  return plain !== "" ? plain : t("web.download.name");
}

/** The answers file as `clausier new` writes it, for these answers. */
function answersFile(state: PageState, folder: string): { name: string; text: string } {
  const t = messages(state.language);
  const answers = finalAnswers(state);
  const name = downloadName(answers, t);
  return { name, text: answersYaml(answers, join(folder, `${name}.yaml`), join(folder, `${name}.docx`), t, "serve") };
}

/** Every question of a section with its answer's path, items included (as many as the page shows). */
function sectionQuestions(family: AnyFamily, state: PageState, shown: ReadonlySet<string>): { question: Question; path: Path }[] {
  return family.questions.flatMap((question): { question: Question; path: Path }[] => {
    if (question.kind !== "items") return [{ question, path: question.path }];
    return Array.from({ length: Math.max(1, itemCount(question, state, shown)) }, (_, i) => question.item.map((q) => ({ question: q, path: [...question.path, i, ...q.path] }))).flat();
  });
}

const NO_OUTCOME: Outcome = { errors: new Map(), refusals: new Map(), cleared: new Set(), newQuestions: [] };

export function createApp(options: WebOptions): Hono {
  const files = assets();
  const app = new Hono();
  const base = `/t/${options.token}/`;

  const page = (c: Context, body: Child, status: 200 | 400 | 403 | 404 | 405 | 409 | 413 | 500 = 200): Response =>
    c.newResponse(`<!doctype html>${String(body)}`, status, { "Content-Type": "text/html; charset=utf-8" });
  const errorPage = (c: Context, t: Messages, status: 400 | 403 | 404 | 405 | 409 | 413 | 500, message: string, hint?: string, extra: { restart?: boolean; findings?: Parameters<typeof ErrorPage>[0]["findings"] } = {}): Response => {
    // A page refused for its address or its Host gets no link into the interview and no style sheet.
    return page(c, <ErrorPage t={t} base={status === 403 ? undefined : base} message={message} hint={hint} restart={extra.restart ?? true} findings={extra.findings} />, status);
  };
  const serverT = (): Messages => messages(options.language);
  const size = (t: Messages): string => t("web.size", { size: MAX_ANSWERS_BYTES / (1024 * 1024) });

  // Every response: a strict Content-Security-Policy and the other headers; every request: the Host this
  // server answers to (a page of another site resolving its name to this computer is refused), for a form
  // this origin only, and an address with a token (checked next).
  app.use("*", async (c, next) => {
    const host = c.req.header("host") ?? "";
    const origin = c.req.header("origin");
    const site = c.req.header("sec-fetch-site");
    const refused =
      !options.hostAllowed(host) || (origin !== undefined && origin !== `http://${host}`) || site === "cross-site" || !/^\/t\/[^/]+(\/|$)/.test(c.req.path);
    if (refused) {
      const t = serverT();
      const response = errorPage(c, t, 403, t("web.error.forbidden"), t("web.error.forbidden-hint"), { restart: false });
      for (const [k, v] of Object.entries(SECURITY_HEADERS)) response.headers.set(k, v);
      return response;
    }
    await next();
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) c.res.headers.set(k, v);
  });

  // The token: every route is under it; compared in constant time.
  app.use("/t/:token/*", async (c, next) => {
    if (!sameToken(c.req.param("token"), options.token)) {
      const t = serverT();
      return errorPage(c, t, 403, t("web.error.forbidden"), t("web.error.forbidden-hint"), { restart: false });
    }
    await next();
  });
  app.use(
    "/t/:token/*",
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      // @hono/node-server then reads and drops the rest, so that the browser gets this page.
      onError: (c) => errorPage(c, serverT(), 413, serverT()("web.error.too-large", { size: size(serverT()) })),
    }),
  );

  /** The clauses the annex would contain with the answers as they stand (those valid so far). */
  const panelClauses = (state: PageState) => {
    const answers = previewAnswers(finalAnswers(state), state.language);
    return answers === undefined ? undefined : annexClauses(options.library, selectClauses(options.library, answers), state.language, messages(state.language));
  };

  const render = (c: Context, state: PageState, section: string, shown: Shown, extra: { notice?: string; upload?: UploadReport } = {}): Response => {
    const t = messages(state.language);
    const target = sectionsOf(state).includes(section) ? section : "language";
    const labels = new Map([...shown.errors.keys(), ...shown.refusals.keys()].map((k) => [k, reviewLabel(k, t)]));
    const view: SectionView = { base, state, section: target, shown, clauses: panelClauses(state), labels, notice: extra.notice, upload: extra.upload };
    if (target === "language") return page(c, <LanguagePage view={view} />);
    if (target === "families") return page(c, <FamiliesPage view={view} />);
    if (target === "review") return page(c, <ReviewPage view={{ ...view, clauses: undefined }} review={reviewOf(state, options.library, t)} />);
    const family = sectionFamily(target, state);
    return family === undefined ? page(c, <LanguagePage view={view} />) : page(c, <FamilyPage view={view} family={family} />);
  };
  const fresh: Shown = { typed: new Map(), errors: new Map(), refusals: new Map() };

  /** Reads a posted section into the state: the language, the families ticked, or a family's answers. */
  const apply = (posted: Posted, state: PageState, section: string): { outcome: Outcome; typed: Map<string, Typed>; family: AnyFamily | undefined } => {
    const typed = new Map<string, Typed>();
    if (section === "language") {
      const language = posted.text("language");
      if (isLanguage(language)) setLanguage(state, language);
      return { outcome: NO_OUTCOME, typed, family: undefined };
    }
    if (section === "families") {
      setTicked(state, posted.list("ticked"));
      return { outcome: NO_OUTCOME, typed, family: undefined };
    }
    const family = sectionFamily(section, state);
    if (family === undefined) return { outcome: NO_OUTCOME, typed, family };
    const shown = posted.shown();
    for (const { path } of sectionQuestions(family, state, shown)) {
      const key = questionKey(path);
      if (shown.has(key)) typed.set(key, posted.typed(path));
    }
    return { outcome: applyFamily(family, posted, state), typed, family };
  };

  app.get("/t/:token", (c) => c.redirect(base, 303));
  app.get("/t/:token/", (c) => render(c, newPageState(undefined, options.language), "language", fresh));

  app.get("/t/:token/assets/:name", (c) => {
    const file = files.get(c.req.param("name"));
    if (file === undefined) return errorPage(c, serverT(), 404, serverT()("web.error.not-found"));
    return c.newResponse(new Uint8Array(file.body), 200, { "Content-Type": file.type });
  });

  app.post("/t/:token/step", async (c) => {
    const posted = new Posted(await c.req.text());
    const state = decodeState(posted.text("state"));
    const section = posted.text("section") ?? "language";
    const go = posted.text("go") ?? "next";
    const { outcome, typed } = apply(posted, state, section);
    for (const key of outcome.cleared) typed.set(key, { ...typed.get(key), value: "" });
    const stay = (shown: Partial<Shown>, notice?: string): Response => render(c, state, section, { ...fresh, typed, ...shown }, notice !== undefined ? { notice } : {});

    // Within the section: a licence search, an item added or removed. Nothing is checked yet.
    if (go.startsWith("search:")) return stay({ focus: go.slice("search:".length) });
    if (go.startsWith("add:")) {
      const path = parsePath(go.slice("add:".length));
      const items = valueAt(state.draft, path);
      const count = Array.isArray(items) ? items.length : 0;
      setAt(state.draft, [...path, count], {});
      typed.set(questionKey([...path, count]), {});
      return stay({ focus: "" });
    }
    if (go.startsWith("remove:")) {
      const path = parsePath(go.slice("remove:".length));
      const index = path[path.length - 1];
      const list = valueAt(state.draft, path.slice(0, -1));
      if (typeof index === "number" && Array.isArray(list) && index < list.length) list.splice(index, 1);
      // What was typed in the items after it moves up with them.
      const prefix = questionKey(path.slice(0, -1));
      const moved = new Map<string, Typed>();
      for (const [key, value] of typed) {
        const m = key.startsWith(`${prefix}[`) ? /^\[(\d+)\](.*)$/.exec(key.slice(prefix.length)) : null;
        if (m === null) moved.set(key, value);
        else if (Number(m[1]) !== index) moved.set(`${prefix}[${Number(m[1]) > Number(index) ? Number(m[1]) - 1 : Number(m[1])}]${m[2] ?? ""}`, value);
      }
      return render(c, state, section, { ...fresh, typed: moved });
    }
    // Next: every answer of the section valid, every question that now applies answered. Another step: only
    // what would be lost stops it (a value typed that is wrong, a refused licence); answers still missing
    // are said again in the review.
    const blocking = go === "next" ? outcome.errors.size > 0 : [...outcome.errors.keys()].some((k) => isGiven(typed.get(k)));
    if (blocking || outcome.refusals.size > 0) return stay({ errors: outcome.errors, refusals: outcome.refusals });
    if (outcome.newQuestions.length > 0) return stay({ focus: outcome.newQuestions[0] }, messages(state.language)("web.more-questions"));
    const target = go === "previous" ? nextSection(state, section, -1) : go.startsWith("section:") ? go.slice("section:".length) : nextSection(state, section, 1);
    if (target === "review") state.reviewed = true;
    return render(c, state, target, fresh);
  });

  // As the buyer types (htmx): each answer's problem, and the clauses the annex would contain.
  app.post("/t/:token/live", async (c) => {
    const posted = new Posted(await c.req.text());
    const state = decodeState(posted.text("state"));
    const { outcome, typed } = apply(posted, state, posted.text("section") ?? "");
    const t = messages(state.language);
    const problems = [...typed.entries()].flatMap(([key, value]) => {
      const given = isGiven(value);
      const problem = outcome.errors.get(key) ?? outcome.refusals.get(key)?.message;
      // A required answer not given yet is not reproached while the buyer types elsewhere.
      if (!given && problem !== undefined) return [];
      return [
        <p id={`${fieldId(key)}-problem`} hx-swap-oob="innerHTML">
          {problem ?? ""}
        </p>,
      ];
    });
    return c.html(
      <>
        <div id="panel-content" hx-swap-oob="innerHTML">
          <PanelContent clauses={panelClauses(state)} t={t} />
        </div>
        {problems}
      </>,
    );
  });

  // The licence search as the buyer types (htmx); without script, the Search button does the same.
  app.post("/t/:token/search", async (c) => {
    const posted = new Posted(await c.req.text());
    const state = decodeState(posted.text("state"));
    const t = messages(state.language);
    const family = sectionFamily(posted.text("section") ?? "", state);
    const field = posted.text("field") ?? "";
    const found = family === undefined ? undefined : sectionQuestions(family, state, posted.shown()).find((q) => questionKey(q.path) === field);
    if (found === undefined || (found.question.kind !== "licence" && found.question.kind !== "licences")) return c.html(<p class="detail">{t("interview.no-results")}</p>);
    const typed = posted.typed(found.path);
    const selected = Array.isArray(typed.value) ? [...(typed.value as string[])] : typeof typed.value === "string" ? [typed.value] : [];
    return c.html(<LicenceResults question={found.question} path={found.path} state={state} term={typed.search ?? ""} selected={selected} t={t} />);
  });

  // An answers file to start from (as `clausier new --from`): read in memory, never kept.
  app.post("/t/:token/upload", async (c) => {
    const body = await c.req.parseBody();
    const state = decodeState(body["state"]);
    const t = messages(state.language);
    const file = body["file"];
    const report = (name: string, findings: readonly Diagnostic[], from?: PageState): Response => render(c, state, "language", fresh, { upload: { file: name, findings, ...(from !== undefined ? { from } : {}) } });
    const said = (name: string, message: string): Diagnostic[] => [{ code: "file.upload", severity: "error", file: name, path: "", message }];
    if (!(file instanceof File) || file.size === 0) return report("", said("", t("web.upload.none")));
    const name = file.name.slice(0, 200);
    if (file.size > MAX_ANSWERS_BYTES) return report(name, said(name, t("web.upload.too-large", { size: size(t) })));
    const validation = validateAnswersBytes(name, new Uint8Array(await file.arrayBuffer()), { language: state.language });
    const data = validation.document?.data;
    const isAnswers = data !== null && typeof data === "object" && !Array.isArray(data);
    if (validation.answers !== undefined && isAnswers) {
      const from = newPageState(JSON.parse(JSON.stringify(data)) as Draft, validation.language, name);
      return render(c, from, nextSection(from, "language", 1), fresh, { notice: messages(from.language)("web.upload.started", { file: name }) });
    }
    // Answers with errors are shown with their lines; they can still be taken up to be corrected (as --from).
    return report(name, validation.diagnostics, isAnswers ? newPageState(JSON.parse(JSON.stringify(data)) as Draft, validation.language, name) : undefined);
  });

  app.post("/t/:token/download/answers", async (c) => {
    const state = decodeState(new Posted(await c.req.text()).text("state"));
    const { name, text } = answersFile(state, options.folder);
    return c.newResponse(text, 200, { "Content-Type": "application/yaml; charset=utf-8", "Content-Disposition": `attachment; filename="${name}.yaml"` });
  });

  app.post("/t/:token/download/annex", async (c) => {
    const state = decodeState(new Posted(await c.req.text()).text("state"));
    const t = messages(state.language);
    const { name, text } = answersFile(state, options.folder);
    // Built from the answers file's bytes, exactly as `clausier build` builds it from the downloaded file.
    const bytes = new TextEncoder().encode(text);
    const validation = validateAnswersText(`${name}.yaml`, text, { language: state.language });
    if (validation.answers === undefined) {
      const findings = validation.diagnostics.filter((d) => d.severity === "error").map((d) => ({ label: d.path !== "" ? reviewLabel(d.path, t) : "", message: d.message, hint: d.hint, path: d.path }));
      return errorPage(c, t, 409, t("web.download.invalid"), undefined, { findings });
    }
    try {
      const built = await buildAnnex(validation.answers, { library: options.library, allowDraft: options.allowDraft, answersSource: bytes });
      return c.newResponse(new Uint8Array(built.bytes), 200, {
        "Content-Type": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "Content-Disposition": `attachment; filename="${name}.docx"`,
      });
    } catch (e) {
      if (e instanceof UnapprovedClausesError) {
        return errorPage(c, t, 409, t("cli.unapproved.message", { count: e.clauses.length, clauses: e.clauses.map((cl) => `${cl.id} (${cl.status})`).join(", ") }), t("cli.unapproved.hint"));
      }
      if (e instanceof ClauseRenderError && e.clause.overlay) return errorPage(c, t, 409, t("cli.render.overlay", { id: e.clause.id, file: e.clause.file }), t("cli.render.overlay-hint"));
      throw e;
    }
  });

  app.notFound((c) => errorPage(c, serverT(), 404, serverT()("web.error.not-found")));
  app.onError((e, c) => {
    if (e instanceof StateError) {
      const t = serverT();
      return errorPage(c, t, 400, t("web.error.bad-state"), t("web.error.bad-state-hint"));
    }
    options.report(`clausier serve: ${(e as Error).stack ?? String(e)}`);
    return errorPage(c, serverT(), 500, serverT()("web.error.internal"));
  });
  return app;
}
