/**
 * Characters an answer may not contain. Legal text must print exactly as typed, so these are refused with a
 * message, never removed: control characters and line breaks (they change the layout or vanish in Word),
 * direction overrides (they make text read differently from how it is stored), private-use characters
 * (Clausier uses some internally to mark emphasis), unpaired surrogates and Unicode non-characters (they
 * corrupt the Word file), and the replacement character U+FFFD (left where a conversion damaged the text).
 */
import type { Messages } from "../i18n/messages.js";

export interface ForbiddenCharacter {
  /** Index of the character in the string, in UTF-16 code units. */
  readonly index: number;
  /** 1-based position among the characters a person sees (code points). */
  readonly position: number;
  readonly codePoint: number;
  readonly kind: "line-break" | "tab" | "control" | "direction" | "private-use" | "surrogate" | "non-character" | "replacement";
}

export function codePointLabel(cp: number): string {
  return `U+${cp.toString(16).toUpperCase().padStart(4, "0")}`;
}

function classify(cp: number): ForbiddenCharacter["kind"] | undefined {
  if (cp === 0x0a || cp === 0x0d || cp === 0x2028 || cp === 0x2029 || cp === 0x85) return "line-break";
  if (cp === 0x09) return "tab";
  if (cp <= 0x1f || (cp >= 0x7f && cp <= 0x9f)) return "control";
  if ((cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069)) return "direction";
  if (cp >= 0xd800 && cp <= 0xdfff) return "surrogate";
  if ((cp >= 0xe000 && cp <= 0xf8ff) || cp >= 0xf0000) {
    // Planes 15 and 16 are private use, except their last two code points, which are non-characters.
    if ((cp & 0xfffe) === 0xfffe) return "non-character";
    return "private-use";
  }
  if ((cp >= 0xfdd0 && cp <= 0xfdef) || (cp & 0xfffe) === 0xfffe) return "non-character";
  if (cp === 0xfffd) return "replacement";
  return undefined;
}

/** The first character of `text` that an answer may not contain, if any. */
export function findForbiddenCharacter(text: string): ForbiddenCharacter | undefined {
  let position = 0;
  for (let i = 0; i < text.length; i++) {
    position++;
    const unit = text.charCodeAt(i);
    let cp = unit;
    if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        cp = (unit - 0xd800) * 0x400 + (next - 0xdc00) + 0x10000;
        const kind = classify(cp);
        if (kind) return { index: i, position, codePoint: cp, kind };
        i++;
        continue;
      }
    }
    const kind = classify(cp);
    if (kind) return { index: i, position, codePoint: cp, kind };
  }
  return undefined;
}

/** A sentence for a procurement officer: what is wrong with the text and what to do. */
export function describeForbiddenCharacter(found: ForbiddenCharacter, t: Messages): { message: string; hint: string } {
  const params = { position: found.position, code: codePointLabel(found.codePoint) };
  return { message: t.dynamic(`findings.text.${found.kind}.message`, params), hint: t.dynamic(`findings.text.${found.kind}.hint`, params) };
}
