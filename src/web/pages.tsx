/**
 * The pages of the web interview, rendered on the server with hono/jsx (every text escaped by the renderer):
 * one layout, the language page (with the upload of an answers file), the families to tick, a family's
 * questions, the review with the two downloads, and an error page. Every word comes from the messages, in
 * the buyer's language, and the page's `lang` follows it.
 */
import type { Child } from "hono/jsx";
import type { Diagnostic } from "../diagnostics.js";
import type { AnyFamily } from "../families/family.js";
import { families } from "../families/index.js";
import { LANGUAGES, messages, type Messages } from "../i18n/messages.js";
import type { Review, ReviewClause, ReviewFinding } from "../interview/review.js";
import { familyName } from "../selection/select.js";
import { QuestionControl, fieldId, type Shown } from "./controls.js";
import { encodeState, type PageState } from "./page-state.js";
import { offeredDraft } from "./posted.js";
import { sectionTitle, sectionsOf } from "./sections.js";

/** The htmx settings: no inline style injected (the Content-Security-Policy forbids them), no eval, no history. */
const HTMX_CONFIG = JSON.stringify({ includeIndicatorStyles: false, allowEval: false, allowScriptTags: false, historyEnabled: false, selfRequestsOnly: true });

const StateField = ({ state }: { state: PageState }) => <input type="hidden" name="state" value={encodeState(state)} />;

/** A button that posts the page's answers to one of the two downloads (the annex, or the answers file). */
const DownloadForm = ({ state, file, label }: { state: PageState; file: "annex" | "answers"; label: string }) => (
  <form method="post" action={`download/${file}`}>
    <StateField state={state} />
    <button type="submit" class="primary">
      {label}
    </button>
  </form>
);

/** The page around every section. `base`: the interview's address (none on a page refused for its address). */
export function Layout({ t, base, title, nav, panel, children }: { t: Messages; base: string | undefined; title: string; nav?: Child; panel?: Child; children: Child }) {
  return (
    <html lang={t.language}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} — Clausier`}</title>
        {base !== undefined ? (
          <>
            <base href={base} />
            <meta name="htmx-config" content={HTMX_CONFIG} />
            <link rel="icon" href="assets/icon.svg" type="image/svg+xml" />
            <link rel="stylesheet" href="assets/style.css" />
            <script src="assets/htmx.min.js" defer></script>
            <script src="assets/interview.js" defer></script>
          </>
        ) : null}
      </head>
      <body>
        <a class="skip" href="#main">
          {t("web.skip")}
        </a>
        <header class="top">
          <p class="brand">Clausier</p>
          <p class="tagline">{t("web.tagline")}</p>
        </header>
        <div class={nav !== undefined ? "layout with-side" : "layout"}>
          <main id="main" tabindex={-1}>
            {children}
          </main>
          {nav !== undefined || panel !== undefined ? (
            <div class="side">
              {panel ?? null}
              {nav ?? null}
            </div>
          ) : null}
        </div>
      </body>
    </html>
  );
}

/**
 * The steps of the interview, after the questions (and the panel). Their buttons belong to the section's
 * form, so that going to another step keeps the answers of this one.
 */
function Steps({ state, section, t }: { state: PageState; section: string; t: Messages }) {
  const all = sectionsOf(state);
  return (
    <nav class="steps" aria-labelledby="steps-title">
      <h2 id="steps-title">{t("web.steps")}</h2>
        <ol>
          {all.map((s) => (
            <li>
              <button type="submit" form="interview" name="go" value={`section:${s}`} aria-current={s === section ? "step" : undefined} formnovalidate>
                {sectionTitle(s, t)}
              </button>
            </li>
          ))}
        </ol>
    </nav>
  );
}

/** The clauses the annex will contain, as the answers stand; updated as the buyer types. */
export function PanelContent({ clauses, t }: { clauses: readonly ReviewClause[] | undefined; t: Messages }) {
  if (clauses === undefined || clauses.length === 0) return <p class="summary">{t("web.panel.none")}</p>;
  const requirements = clauses.filter((c) => c.requirement !== undefined).length;
  return (
    <>
      <p class="summary" role="status">
        {t("web.panel.count", { clauses: clauses.length, requirements })}
      </p>
      <ol class="clauses">
        {clauses.map((c) => (
          <li>
            <span class="number">{c.number}</span> {c.heading}
          </li>
        ))}
      </ol>
    </>
  );
}

function Panel({ clauses, t }: { clauses: readonly ReviewClause[] | undefined; t: Messages }) {
  return (
    <aside class="panel" aria-labelledby="panel-title">
      <h2 id="panel-title">{t("interview.review.clauses")}</h2>
      <div id="panel-content">
        <PanelContent clauses={clauses} t={t} />
      </div>
    </aside>
  );
}

/** The problems of a section, listed first with links to their questions; focused when the page opens. */
function ProblemSummary({ errors, refusals, t, labels }: { errors: ReadonlyMap<string, string>; refusals: ReadonlyMap<string, { message: string }>; t: Messages; labels: ReadonlyMap<string, string> }) {
  const all = [...errors.entries(), ...[...refusals.entries()].map(([k, r]) => [k, r.message] as const)];
  if (all.length === 0) return null;
  return (
    <div class="problems" role="alert" tabindex={-1} autofocus>
      <h2>{t("web.problems", { count: all.length })}</h2>
      <ul>
        {all.map(([key, message]) => (
          <li>
            <a href={`#${fieldId(key)}`}>{labels.get(key) !== undefined ? t("interview.review.line", { label: labels.get(key) ?? "", value: message }) : message}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Previous, next, and back to the review once it has been reached. */
function Actions({ state, section, t }: { state: PageState; section: string; t: Messages }) {
  return (
    <div class="actions">
      <button type="submit" name="go" value="next" class="primary">
        {section === "language" ? t("web.start") : t("web.next")}
      </button>
      {section !== "language" ? (
        <button type="submit" name="go" value="previous" class="secondary">
          {t("web.previous")}
        </button>
      ) : null}
      {state.reviewed && section !== "review" ? (
        <button type="submit" name="go" value="section:review" class="secondary">
          {t("web.to-review")}
        </button>
      ) : null}
    </div>
  );
}

export interface SectionView {
  readonly base: string;
  readonly state: PageState;
  readonly section: string;
  readonly shown: Shown;
  readonly clauses: readonly ReviewClause[] | undefined;
  readonly notice?: string | undefined;
  /** Question keys with their labels, for the problem summary. */
  readonly labels: ReadonlyMap<string, string>;
  readonly upload?: UploadReport | undefined;
}

export interface UploadReport {
  readonly file: string;
  readonly findings: readonly Diagnostic[];
  /** The interview started from the file (which is a set of answers, but with errors): offered to continue from. */
  readonly from?: PageState | undefined;
}

function SectionForm({ view, children }: { view: SectionView; children: Child }) {
  const { state, section } = view;
  return (
    <form id="interview" method="post" action="step" novalidate hx-post="live" hx-trigger="input delay:500ms, change" hx-swap="none" hx-sync="this:replace">
      {/* The form's first button: Enter in a field means "next", not a licence search or a step. */}
      <button type="submit" name="go" value="next" class="default-action" tabindex={-1} aria-hidden="true">
        {messages(state.language)("web.next")}
      </button>
      <StateField state={state} />
      <input type="hidden" name="section" value={section} />
      {children}
    </form>
  );
}

function Heading({ view, t }: { view: SectionView; t: Messages }) {
  const all = sectionsOf(view.state);
  return (
    <>
      <p class="progress">{t("web.progress", { step: all.indexOf(view.section) + 1, steps: all.length })}</p>
      <h1>{sectionTitle(view.section, t)}</h1>
      {view.notice !== undefined ? (
        <p class="notice" role="status">
          {view.notice}
        </p>
      ) : null}
      <ProblemSummary errors={view.shown.errors} refusals={view.shown.refusals} labels={view.labels} t={t} />
    </>
  );
}

function Upload({ state, report, t }: { state: PageState; report: UploadReport | undefined; t: Messages }) {
  return (
    <section class="upload" aria-labelledby="upload-title">
      <h2 id="upload-title">{t("web.upload.title")}</h2>
      {report !== undefined ? (
        <div class="problems" role="alert" tabindex={-1} autofocus>
          <h3>{t("web.upload.findings", { file: report.file, count: report.findings.length })}</h3>
          <ul>
            {report.findings.map((d) => (
              <li>
                <span class={`where ${d.severity}`}>
                  {d.line !== undefined
                    ? t("web.upload.at", { line: d.line, column: d.column ?? 1, severity: t(d.severity === "error" ? "cli.severity.error" : "cli.severity.warning") })
                    : t("web.upload.severity", { severity: t(d.severity === "error" ? "cli.severity.error" : "cli.severity.warning") })}{" "}
                </span>
                {d.message}
                {d.hint !== undefined && d.hint !== "" ? <span class="hint"> — {d.hint}</span> : null}
              </li>
            ))}
          </ul>
          {report.from !== undefined ? (
            <form method="post" action="step">
              <StateField state={report.from} />
              <input type="hidden" name="section" value="language" />
              <button type="submit" name="go" value="next" class="secondary">
                {t("web.upload.continue")}
              </button>
            </form>
          ) : null}
        </div>
      ) : null}
      <form method="post" action="upload" enctype="multipart/form-data">
        <StateField state={state} />
        <label for="upload-file">{t("web.upload.label")}</label>
        <p class="help" id="upload-help">
          {t("web.upload.help")}
        </p>
        {/* The browser writes its own words beside a file input ("No file chosen"), in its own language: the
            input lies, transparent, over a button written in the buyer's language (it keeps its label, its
            place in the keyboard order and its native dialog), and the chosen file's name is shown beside it. */}
        <div class="file-picker">
          <span class="file-button">
            <span class="button-look secondary" aria-hidden="true">
              {t("web.upload.choose")}
            </span>
            <input type="file" id="upload-file" name="file" accept=".yaml,.yml,.json" aria-describedby="upload-help upload-chosen" />
          </span>
          <span id="upload-chosen" class="chosen" data-none={t("web.upload.no-file")} aria-live="polite">
            {t("web.upload.no-file")}
          </span>
        </div>
        <div class="actions">
          <button type="submit" class="secondary">
            {t("web.upload.button")}
          </button>
        </div>
      </form>
    </section>
  );
}

export function LanguagePage({ view }: { view: SectionView }) {
  const t = messages(view.state.language);
  return (
    <Layout t={t} base={view.base} title={sectionTitle("language", t)} nav={<Steps state={view.state} section="language" t={t} />} panel={<Panel clauses={view.clauses} t={t} />}>
      <Heading view={view} t={t} />
      <p class="intro">{t("web.intro")}</p>
      <SectionForm view={view}>
        <fieldset class="question">
          <legend>{t("interview.language")}</legend>
          <div class="options">
            {LANGUAGES.map((l) => (
              <div class="option">
                <input type="radio" id={`language-${l}`} name="language" value={l} checked={l === view.state.language} />
                <label for={`language-${l}`} lang={l}>
                  {messages(l)("interview.language-name")}
                </label>
              </div>
            ))}
          </div>
        </fieldset>
        <Actions state={view.state} section="language" t={t} />
      </SectionForm>
      <Upload state={view.state} report={view.upload} t={t} />
    </Layout>
  );
}

export function FamiliesPage({ view }: { view: SectionView }) {
  const t = messages(view.state.language);
  const optional = families().filter((f) => f.optional);
  return (
    <Layout t={t} base={view.base} title={sectionTitle("families", t)} nav={<Steps state={view.state} section="families" t={t} />} panel={<Panel clauses={view.clauses} t={t} />}>
      <Heading view={view} t={t} />
      <SectionForm view={view}>
        <fieldset class="question">
          <legend>{t("interview.families")}</legend>
          <input type="hidden" name="ticked[]" value="" />
          <div class="options">
            {optional.map((f) => (
              <div class="option">
                <input type="checkbox" id={`family-${f.id}`} name="ticked[]" value={f.id} checked={view.state.ticked.has(f.id)} aria-describedby={`family-${f.id}-detail`} />
                <label for={`family-${f.id}`}>{familyName(f.id, t)}</label>
                <p class="detail" id={`family-${f.id}-detail`}>
                  {t.has(`families.${f.id}.description`) ? t.dynamic(`families.${f.id}.description`) : ""}
                </p>
              </div>
            ))}
          </div>
        </fieldset>
        <Actions state={view.state} section="families" t={t} />
      </SectionForm>
    </Layout>
  );
}

export function FamilyPage({ view, family }: { view: SectionView; family: AnyFamily }) {
  const t = messages(view.state.language);
  const offered = offeredDraft(family, view.state);
  return (
    <Layout t={t} base={view.base} title={sectionTitle(view.section, t)} nav={<Steps state={view.state} section={view.section} t={t} />} panel={<Panel clauses={view.clauses} t={t} />}>
      <Heading view={view} t={t} />
      {t.has(`families.${family.id}.description`) ? <p class="intro">{t.dynamic(`families.${family.id}.description`)}</p> : null}
      <SectionForm view={view}>
        {family.questions
          .filter((q) => q.when === undefined || q.when(offered))
          .map((q) => (
            <QuestionControl question={q} path={q.path} state={view.state} shown={view.shown} t={t} />
          ))}
        <Actions state={view.state} section={view.section} t={t} />
      </SectionForm>
    </Layout>
  );
}

function Findings({ title, list, t }: { title: string; list: readonly ReviewFinding[]; t: Messages }) {
  return (
    <>
      <h3>{title}</h3>
      <ul class="findings">
        {list.map((f) => (
          <li>
            {f.label !== "" ? t("interview.review.line", { label: f.label, value: f.message }) : f.message}
            {f.hint !== undefined ? (
              <span class="hint">
                {" "}
                {t("web.hint", { hint: f.hint })}
              </span>
            ) : null}
          </li>
        ))}
      </ul>
    </>
  );
}

export function ReviewPage({ view, review }: { view: SectionView; review: Review }) {
  const t = messages(view.state.language);
  const groups: { id: string; label: string; lines: Review["lines"][number][] }[] = [];
  for (const line of review.lines) {
    if (line.depth === 0) groups.push({ id: line.source === "heading" ? line.path : "", label: line.label, lines: line.source === "heading" ? [] : [line] });
    else groups[groups.length - 1]?.lines.push(line);
  }
  return (
    <Layout t={t} base={view.base} title={sectionTitle("review", t)} nav={<Steps state={view.state} section="review" t={t} />}>
      <Heading view={view} t={t} />
      <p>
        <a href="#downloads-title">{t("web.review.to-downloads")}</a>
      </p>
      <SectionForm view={view}>
        <section class="findings-all" aria-labelledby="findings-title">
          <h2 id="findings-title">{t("web.review.findings")}</h2>
          {review.errors.length > 0 ? <Findings title={t("interview.review.errors", { count: review.errors.length })} list={review.errors} t={t} /> : null}
          {review.warnings.length > 0 ? <Findings title={t("interview.review.warnings", { count: review.warnings.length })} list={review.warnings} t={t} /> : <p>{t("interview.review.no-warning")}</p>}
        </section>
        <section aria-labelledby="answers-title">
          <h2 id="answers-title">{t("web.review.answers")}</h2>
          {view.state.from !== undefined ? <p class="detail">{t("web.review.changed-legend", { file: view.state.from })}</p> : null}
          {groups.map((g) => (
            <section class="review-group" aria-label={g.label}>
              <div class="review-head">
                <h3>{g.label}</h3>
                {g.id !== "" ? (
                  <button type="submit" name="go" value={`section:${g.id}`} class="secondary" aria-label={t("web.review.change", { section: g.label })}>
                    {t("web.review.change-short")}
                  </button>
                ) : null}
              </div>
              <dl>
                {g.lines.map((l) => (
                  <div class={`line depth-${l.depth}${l.changed ? " changed" : ""}`}>
                    <dt>
                      {l.changed ? <span class="mark">{t("web.review.changed")} </span> : null}
                      {l.label}
                    </dt>
                    <dd class={l.source}>{l.value}</dd>
                  </div>
                ))}
              </dl>
            </section>
          ))}
          <section class="review-group" aria-label={t("interview.review.families")}>
            <div class="review-head">
              <h3>{t("interview.review.families")}</h3>
              <button type="submit" name="go" value="section:families" class="secondary" aria-label={t("web.review.change", { section: t("interview.review.families") })}>
                {t("web.review.change-short")}
              </button>
            </div>
            {view.state.ticked.size > 0 ? (
              <ul class="ticked">
                {families()
                  .filter((f) => f.optional && view.state.ticked.has(f.id))
                  .map((f) => (
                    <li>{familyName(f.id, t)}</li>
                  ))}
              </ul>
            ) : (
              <p>{t("interview.review.none")}</p>
            )}
          </section>
        </section>
        <section aria-labelledby="clauses-title">
          <h2 id="clauses-title">{t("interview.review.clauses")}</h2>
          {review.validated === undefined ? (
            <p>{t("web.review.no-clauses")}</p>
          ) : (
            <ol class="clauses full">
              {review.clauses.map((c) => (
                <li>
                  <span class="number">{c.number}</span> {c.heading}
                  <p class="detail">
                    <code>{c.id}</code> — {t("cli.explain.because", { reasons: t.list([...c.because]) })}
                  </p>
                </li>
              ))}
            </ol>
          )}
        </section>
      </SectionForm>
      <section class="downloads" aria-labelledby="downloads-title">
        <h2 id="downloads-title" tabindex={-1}>
          {t("web.download.title")}
        </h2>
        <p>{review.validated !== undefined ? t("web.download.ready") : t("web.download.incomplete")}</p>
        <div class="actions">
          {review.validated !== undefined ? (
            <>
              <DownloadForm state={view.state} file="annex" label={t("web.download.annex")} />
              <DownloadForm state={view.state} file="answers" label={t("web.download.answers")} />
            </>
          ) : (
            <DownloadForm state={view.state} file="answers" label={t("web.download.save")} />
          )}
        </div>
        <p class="detail">{t("web.download.keep")}</p>
      </section>
    </Layout>
  );
}

/** An error, as a page in the buyer's language: what happened, what to do, and the way back where there is one. */
export function ErrorPage({ t, base, message, hint, restart, findings }: { t: Messages; base: string | undefined; message: string; hint?: string | undefined; restart: boolean; findings?: readonly ReviewFinding[] | undefined }) {
  return (
    <Layout t={t} base={base} title={t("web.error.title")}>
      <h1>{t("web.error.title")}</h1>
      <p class="problem-text">{message}</p>
      {hint !== undefined ? <p>{hint}</p> : null}
      {findings !== undefined && findings.length > 0 ? <Findings title={t("interview.review.errors", { count: findings.length })} list={findings} t={t} /> : null}
      {restart && base !== undefined ? (
        <p>
          <a href="./">{t("web.error.restart")}</a>
        </p>
      ) : null}
    </Layout>
  );
}
