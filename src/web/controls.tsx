/**
 * One control per kind of question, made from the families' question lists: a labelled field, its help
 * (the answer's description in the answers schema), its problem where there is one, and every value typed
 * shown again. Plain HTML forms that work without script; htmx only adds the live checks and the licence
 * search as one types.
 */
import type { Child } from "hono/jsx";
import { valueAt } from "../answers/paths.js";
import type { Path } from "../families/family.js";
import { strings } from "../families/kit.js";
import { classWord } from "../families/licence-checks.js";
import type { Messages } from "../i18n/messages.js";
import { licenceCatalogue } from "../licences/catalogue.js";
import { choiceValues, licenceCheckFor, offeredLicences, offeredTexts } from "../interview/decisions.js";
import type { Question } from "../interview/questions.js";
import { startingValue } from "../interview/state.js";
import { choiceLabel, licenceChoices, licenceRefused, questionLabel } from "../interview/words.js";
import { fieldWords } from "../validation/schema.js";
import type { PageState } from "./page-state.js";
import { NONE, OTHER, fieldName, questionKey, type Refusal, type Typed } from "./posted.js";

/** What a section page shows again after a post: what was typed, the problems, the refusals waiting for a choice. */
export interface Shown {
  readonly typed: ReadonlyMap<string, Typed>;
  readonly errors: ReadonlyMap<string, string>;
  readonly refusals: ReadonlyMap<string, Refusal>;
  /** The question to put the focus on (the first new one). */
  readonly focus?: string | undefined;
}

/** An element id from a question key: components[0].license → f-components-0-license. */
export const fieldId = (key: string): string => `f-${key.replace(/[^A-Za-z0-9_]+/g, "-").replace(/-$/, "")}`;

interface Props {
  readonly question: Question;
  readonly path: Path;
  readonly state: PageState;
  readonly shown: Shown;
  readonly t: Messages;
}

/** The problem under a question: always there (empty when none), so that live checks can fill it. */
const Problem = ({ id, text }: { id: string; text: string | undefined }) => (
  <p class="problem" id={`${id}-problem`}>
    {text ?? ""}
  </p>
);

const Help = ({ id, text }: { id: string; text: string }) => (text === "" ? null : <p class="help" id={`${id}-help`}>{text}</p>);

const describedBy = (id: string, help: string): string => (help === "" ? `${id}-problem` : `${id}-help ${id}-problem`);

/** The value shown in a control: what was typed, else the answer the question starts from. */
function current(props: Props): { one: string | undefined; many: string[]; typed: Typed | undefined } {
  const key = questionKey(props.path);
  const typed = props.shown.typed.get(key);
  if (typed !== undefined) {
    return { one: typeof typed.value === "string" ? typed.value : undefined, many: Array.isArray(typed.value) ? [...(typed.value as string[])] : [], typed };
  }
  const start = startingValue(props.question, props.path, props.state.draft);
  if (Array.isArray(start)) return { one: undefined, many: strings(start), typed };
  return { one: start === undefined || start === null ? undefined : String(start), many: [], typed };
}

/** A group of radio buttons or boxes, each labelled. */
function Options({ id, name, type, options, checked }: { id: string; name: string; type: "radio" | "checkbox"; options: readonly { value: string; label: Child; detail?: string; lang?: string }[]; checked: (v: string) => boolean }) {
  return (
    <div class="options">
      {options.map((o, i) => (
        <div class="option">
          <input type={type} id={`${id}-${i}`} name={name} value={o.value} checked={checked(o.value)} aria-describedby={o.detail !== undefined ? `${id}-${i}-detail` : undefined} />
          <label for={`${id}-${i}`} lang={o.lang}>
            {o.label}
          </label>
          {o.detail !== undefined ? (
            <p class="detail" id={`${id}-${i}-detail`}>
              {o.detail}
            </p>
          ) : null}
        </div>
      ))}
    </div>
  );
}

/** A question asked with a group of options: a fieldset whose legend is the question. */
function Group({ id, label, help, problem, children }: { id: string; label: string; help: string; problem: string | undefined; children: Child }) {
  return (
    <fieldset class="question" id={id} aria-describedby={describedBy(id, help)} aria-invalid={problem !== undefined ? "true" : undefined}>
      <legend>{label}</legend>
      <Help id={id} text={help} />
      <Problem id={id} text={problem} />
      {children}
    </fieldset>
  );
}

/** The licences found for a search, with their class and OSI/FSF status in words, refused ones said so. */
export function LicenceResults({ question, path, state, term, selected, t }: { question: Extract<Question, { kind: "licence" | "licences" }>; path: Path; state: PageState; term: string; selected: readonly string[]; t: Messages }) {
  const id = fieldId(questionKey(path));
  if (term.trim() === "") return <p class="detail">{t("web.licence.type-to-search")}</p>;
  const check = question.kind === "licence" ? licenceCheckFor(question.check, state.draft) : ({ kind: "none" } as const);
  const found = licenceChoices(term, check, t).filter((c) => !selected.includes(c.value));
  if (found.length === 0) return <p class="detail">{t("interview.no-results")}</p>;
  const catalogue = licenceCatalogue();
  return (
    <Options
      id={`${id}-found`}
      name={fieldName("a", question.kind === "licences" ? [...path, ""] : path)}
      type={question.kind === "licence" ? "radio" : "checkbox"}
      checked={() => false}
      options={found.map((c) => {
        const info = catalogue.info(c.value);
        const refused = licenceRefused(c.value, check);
        return {
          value: c.value,
          label: (
            <>
              <span class="licence-id">{c.value}</span> — {info?.name ?? c.value}
              {refused ? <strong class="refused"> {t.dynamic(`web.licence.refused.${check.kind}`)}</strong> : null}
            </>
          ),
          detail: licenceStatus(c.value, t),
        };
      })}
    />
  );
}

/** "permissive · approved by the OSI · free according to the FSF". */
export function licenceStatus(id: string, t: Messages): string {
  const info = licenceCatalogue().info(id);
  if (info === undefined) return t("web.licence.not-in-list");
  const fsf = info.fsfLibre === undefined ? "none" : info.fsfLibre ? "yes" : "no";
  return t("web.licence.status", { class: classWord(info.class, t), osi: info.osiApproved ? "yes" : "no", fsf });
}

/** The licence search: a search box (live with htmx, a button without script) and the licences found. */
function LicenceSearch({ props, id, selected }: { props: Props & { question: Extract<Question, { kind: "licence" | "licences" }> }; id: string; selected: readonly string[] }) {
  const { question, path, state, t } = props;
  const term = props.shown.typed.get(questionKey(path))?.search ?? "";
  return (
    <div class="search">
      <label for={`${id}-search`}>{question.kind === "licence" ? t("web.licence.search") : t("web.licence.search-add")}</label>
      <div class="search-row">
        <input
          type="search"
          id={`${id}-search`}
          name={fieldName("q", path)}
          value={term}
          autocomplete="off"
          hx-post="search"
          hx-trigger="input changed delay:300ms, search"
          hx-target={`#${id}-found`}
          hx-swap="innerHTML"
          hx-sync="this:replace"
          hx-vals={JSON.stringify({ field: questionKey(path) })}
          autofocus={props.shown.focus === questionKey(path)}
        />
        <button type="submit" name="go" value={`search:${questionKey(path)}`} class="secondary">
          {t("web.licence.search-button")}
        </button>
      </div>
      <div id={`${id}-found`} class="found" aria-live="polite">
        <LicenceResults question={question} path={path} state={state} term={term} selected={selected} t={t} />
      </div>
    </div>
  );
}

/** After a licence the policy refuses: pick another, or accept it into the licences always accepted. */
function RefusalChoice({ id, path, refusal, t }: { id: string; path: Path; refusal: Refusal; t: Messages }) {
  return (
    <div class="refusal" id={`${id}-refusal`} role="group" aria-labelledby={`${id}-refusal-message`}>
      <p class="refusal-message" id={`${id}-refusal-message`}>
        {refusal.message}
      </p>
      <Options
        id={`${id}-decision`}
        name={fieldName("d", path)}
        type="radio"
        checked={() => false}
        options={[
          { value: `another:${refusal.licence}`, label: t("interview.licence.another") },
          ...(refusal.canAllow ? [{ value: `allow:${refusal.licence}`, label: t("interview.licence.allow") }] : []),
        ]}
      />
    </div>
  );
}

export function QuestionControl(props: Props): Child {
  const { question, path, state, shown, t } = props;
  const key = questionKey(path);
  const id = fieldId(key);
  const label = questionLabel(question, path, t);
  const help = fieldWords(path, t).description;
  const problem = shown.errors.get(key);
  const name = fieldName("a", path);
  const { one, many, typed } = current(props);
  const autofocus = shown.focus === key;
  const marker = <input type="hidden" name="shown" value={key} />;
  switch (question.kind) {
    case "text":
    case "number":
      return (
        <div class="question">
          {marker}
          <label for={id}>{label}</label>
          <Help id={id} text={help} />
          <Problem id={id} text={problem} />
          <input
            type="text"
            id={id}
            name={name}
            value={one ?? ""}
            inputmode={question.kind === "number" ? "decimal" : undefined}
            class={question.kind === "number" || (question.kind === "text" && question.format !== undefined) ? "short" : undefined}
            autocomplete="off"
            aria-describedby={describedBy(id, help)}
            aria-invalid={problem !== undefined ? "true" : undefined}
            autofocus={autofocus}
          />
        </div>
      );
    case "yesno": {
      const value = one ?? "true";
      return (
        <Group id={id} label={label} help={help} problem={problem}>
          {marker}
          <Options id={id} name={name} type="radio" checked={(v) => v === value} options={[{ value: "true", label: t("interview.yes") }, { value: "false", label: t("interview.no") }]} />
        </Group>
      );
    }
    case "choice": {
      const values = choiceValues(question, state.draft, valueAt(state.draft, path));
      const value = one ?? (question.optional ? NONE : values[0]);
      const options = values.map((v) => ({ value: v, label: choiceLabel(path, v, t) }));
      if (question.other) options.push({ value: OTHER, label: t("interview.other") });
      if (question.optional) options.push({ value: NONE, label: t("interview.none") });
      return (
        <Group id={id} label={label} help={help} problem={problem}>
          {marker}
          <Options id={id} name={name} type="radio" checked={(v) => v === value} options={options} />
          {question.other ? (
            <div class="other">
              <label for={`${id}-other`}>{t("web.other-value", { label })}</label>
              <input type="text" id={`${id}-other`} name={fieldName("o", path)} value={typed?.other ?? ""} autocomplete="off" />
            </div>
          ) : null}
        </Group>
      );
    }
    case "choices":
      return (
        <Group id={id} label={label} help={help} problem={problem}>
          {marker}
          <input type="hidden" name={fieldName("a", [...path, ""])} value="" />
          <Options id={id} name={fieldName("a", [...path, ""])} type="checkbox" checked={(v) => many.includes(v)} options={question.choices.map((v) => ({ value: v, label: choiceLabel(path, v, t) }))} />
        </Group>
      );
    case "licence": {
      const refusal = shown.refusals.get(key);
      const offered = offeredLicences(question, state.draft, t);
      const options: { value: string; label: Child; detail?: string }[] = offered.map((s) => ({ value: s.id, label: `${s.id} — ${s.name}`, detail: s.reason }));
      if (one !== undefined && one !== "" && one !== NONE && !offered.some((s) => s.id === one)) {
        options.unshift({ value: one, label: `${one} — ${licenceCatalogue().info(one)?.name ?? t("interview.licence.current")}`, detail: licenceStatus(one, t) });
      }
      if (question.optional) options.push({ value: NONE, label: t("interview.none") });
      const value = one ?? (question.optional ? NONE : undefined);
      return (
        <Group id={id} label={label} help={help} problem={problem}>
          {marker}
          {refusal !== undefined ? <RefusalChoice id={id} path={path} refusal={refusal} t={t} /> : null}
          {options.length > 0 ? <Options id={id} name={name} type="radio" checked={(v) => v === value} options={options} /> : null}
          <LicenceSearch props={{ ...props, question }} id={id} selected={options.map((o) => o.value)} />
        </Group>
      );
    }
    case "licences": {
      const given = typed !== undefined ? many : strings(valueAt(state.draft, path));
      return (
        <Group id={id} label={label} help={help} problem={problem}>
          {marker}
          <input type="hidden" name={fieldName("a", [...path, ""])} value="" />
          {given.length > 0 ? <p class="detail">{t("web.list.untick")}</p> : null}
          <Options id={id} name={fieldName("a", [...path, ""])} type="checkbox" checked={() => true} options={given.map((v) => ({ value: v, label: v, detail: licenceStatus(v, t) }))} />
          <LicenceSearch props={{ ...props, question }} id={id} selected={given} />
        </Group>
      );
    }
    case "texts": {
      if (question.suggestions === undefined) {
        const text = typed !== undefined ? one ?? "" : many.join("\n");
        return (
          <div class="question">
            {marker}
            <label for={id}>{label}</label>
            <Help id={id} text={help} />
            <p class="help" id={`${id}-lines`}>
              {t("web.list.one-per-line")}
            </p>
            <Problem id={id} text={problem} />
            <textarea id={id} name={name} rows={4} aria-describedby={`${describedBy(id, help)} ${id}-lines`} aria-invalid={problem !== undefined ? "true" : undefined} autofocus={autofocus}>
              {text}
            </textarea>
          </div>
        );
      }
      const given = typed !== undefined ? many : strings(valueAt(state.draft, path));
      return (
        <Group id={id} label={label} help={help} problem={problem}>
          {marker}
          <input type="hidden" name={fieldName("a", [...path, ""])} value="" />
          <Options id={id} name={fieldName("a", [...path, ""])} type="checkbox" checked={(v) => given.includes(v)} options={offeredTexts(question, given).map((v) => ({ value: v, label: v }))} />
          <div class="other">
            <label for={`${id}-other`}>{t("web.list.others", { label })}</label>
            <textarea id={`${id}-other`} name={fieldName("o", path)} rows={2}>
              {typed?.other ?? ""}
            </textarea>
          </div>
        </Group>
      );
    }
    case "items":
      return <Items {...props} question={question} />;
  }
}

/** A list of items (components): each one a group of its questions, with a button to remove it; one more can be added. */
function Items(props: Props & { question: Extract<Question, { kind: "items" }> }) {
  const { question, path, state, t } = props;
  const given = valueAt(state.draft, path);
  const shownCount = [...props.shown.typed.keys()].reduce((n, key) => {
    const m = key.startsWith(`${questionKey(path)}[`) ? /^[^[]*\[(\d+)\]/.exec(key) : null;
    return m ? Math.max(n, Number(m[1]) + 1) : n;
  }, 0);
  // No item yet: the first one is asked straight away, as in the terminal.
  const count = Math.max(Array.isArray(given) ? given.length : 0, shownCount, 1);
  const label = questionLabel(question, path, t);
  return (
    <div class="items">
      {Array.from({ length: count }, (_, i) => {
        const itemPath = [...path, i];
        const name = valueAt(state.draft, [...itemPath, ...question.itemName]);
        const named = typeof name === "string" && name !== "";
        const heading = t("web.items.heading", { label, number: i + 1, name: named ? name : "", named: named ? "yes" : "no" });
        return (
          <fieldset class="item" id={fieldId(questionKey(itemPath))}>
            <legend>{heading}</legend>
            {question.item
              .filter((q) => q.when === undefined || q.when(state.draft))
              .map((q) => (
                <QuestionControl {...props} question={q} path={[...itemPath, ...q.path]} />
              ))}
            <button type="submit" name="go" value={`remove:${questionKey(itemPath)}`} class="secondary">
              {t("web.items.remove", { number: i + 1 })}
            </button>
          </fieldset>
        );
      })}
      <button type="submit" name="go" value={`add:${questionKey(path)}`} class="secondary">
        {t("web.items.add", { label })}
      </button>
    </div>
  );
}
