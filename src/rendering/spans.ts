/**
 * Rendered clause text is plain text with private-use marks around what came from the answers and
 * around emphasis. The answers schema refuses private-use characters, so a buyer's text can never fake a
 * mark: whatever they typed stays literal text.
 */
export const ANSWER_START = "\uE010";
export const ANSWER_END = "\uE011";
export const STRONG_START = "\uE000";
export const STRONG_END = "\uE001";
/** Marks template logic ("[if …]") in the library catalogue; never in an annex. */
export const CONTROL_START = "\uE012";
export const CONTROL_END = "\uE013";

export interface Span {
  readonly text: string;
  /** The text came from the answers (printed literally; shown marked in the library catalogue). */
  readonly answer: boolean;
  readonly strong: boolean;
  /** Template logic shown in the library catalogue. */
  readonly control?: boolean;
}

export type Block =
  | { readonly kind: "paragraph"; readonly spans: readonly Span[] }
  | { readonly kind: "list"; readonly ordered: boolean; readonly items: readonly (readonly Span[])[] };

export class MarkupError extends Error {
  override readonly name = "MarkupError";
}

/** Splits marked text into spans. */
export function toSpans(text: string): Span[] {
  const spans: Span[] = [];
  let answer = 0;
  let strong = 0;
  let control = 0;
  let current = "";
  const flush = (): void => {
    if (current !== "") spans.push({ text: current, answer: answer > 0, strong: strong > 0, ...(control > 0 ? { control: true } : {}) });
    current = "";
  };
  for (const ch of text) {
    if (ch === ANSWER_START || ch === ANSWER_END || ch === STRONG_START || ch === STRONG_END || ch === CONTROL_START || ch === CONTROL_END) {
      flush();
      if (ch === ANSWER_START) answer++;
      else if (ch === ANSWER_END) answer--;
      else if (ch === STRONG_START) strong++;
      else if (ch === STRONG_END) strong--;
      else if (ch === CONTROL_START) control++;
      else control--;
      if (answer < 0 || strong < 0 || control < 0) throw new MarkupError("unbalanced marks in rendered clause text");
    } else {
      current += ch;
    }
  }
  flush();
  if (answer !== 0 || strong !== 0 || control !== 0) throw new MarkupError("unbalanced marks in rendered clause text");
  // Merge neighbours with the same look.
  const merged: Span[] = [];
  for (const s of spans) {
    const last = merged[merged.length - 1];
    if (last && last.answer === s.answer && last.strong === s.strong && last.control === s.control) merged[merged.length - 1] = { ...last, text: last.text + s.text };
    else merged.push(s);
  }
  return merged;
}

/**
 * Rendered text → blocks. Paragraphs are separated by blank lines; a line starting with "- " is a bullet,
 * one starting with "1. " (any number) an item of a lettered list; other lines continue the paragraph.
 * Only the clause's own text can start a line with these marks: an answer starts with ANSWER_START.
 */
export function toBlocks(text: string): Block[] {
  const blocks: Block[] = [];
  let paragraph: string[] = [];
  let list: { ordered: boolean; items: string[] } | undefined;
  const flushParagraph = (): void => {
    if (paragraph.length > 0) blocks.push({ kind: "paragraph", spans: toSpans(paragraph.join(" ")) });
    paragraph = [];
  };
  const flushList = (): void => {
    if (list) blocks.push({ kind: "list", ordered: list.ordered, items: list.items.map(toSpans) });
    list = undefined;
  };
  for (const raw of text.split("\n")) {
    const line = raw.trim();
    if (line === "") {
      flushParagraph();
      flushList();
      continue;
    }
    const bullet = /^- (.*)$/.exec(line);
    const numbered = /^\d+\. (.*)$/.exec(line);
    const item = bullet ?? numbered;
    if (item) {
      flushParagraph();
      const ordered = numbered !== null;
      if (list && list.ordered !== ordered) flushList();
      list ??= { ordered, items: [] };
      list.items.push((item[1] ?? "").trim());
    } else if (list && paragraph.length === 0 && raw.startsWith("  ")) {
      // An indented line continues the list item above it.
      const last = list.items.length - 1;
      list.items[last] = `${list.items[last] ?? ""} ${line}`;
    } else {
      flushList();
      paragraph.push(line);
    }
  }
  flushParagraph();
  flushList();
  return blocks;
}

export function plainText(spans: readonly Span[]): string {
  return spans.map((s) => s.text).join("");
}

/** Blocks as plain text: paragraphs separated by blank lines, "- " bullets, "a) " lettered items. */
export function blocksAsText(blocks: readonly Block[]): string {
  return blocks
    .map((b) =>
      b.kind === "paragraph" ? plainText(b.spans) : b.items.map((item, i) => `${b.ordered ? `${String.fromCharCode(97 + i)})` : "-"} ${plainText(item)}`).join("\n"),
    )
    .join("\n\n");
}
