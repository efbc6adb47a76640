import { expect } from "chai";
import { messages } from "../src/i18n/messages.js";
import { describeForbiddenCharacter, findForbiddenCharacter } from "../src/answers/text.js";

describe("forbidden characters in answers", () => {
  const cases: [string, string, number][] = [
    ["line break", "a\nb", 0x0a],
    ["carriage return", "a\rb", 0x0d],
    ["tab", "a\tb", 0x09],
    ["NUL", "a\u0000", 0x00],
    ["bell", "\u0007", 0x07],
    ["form feed", "x\fy", 0x0c],
    ["DEL", "\u007f", 0x7f],
    ["C1 control", "\u0085", 0x85],
    ["line separator", "a\u2028b", 0x2028],
    ["right-to-left override", "abc\u202Edef", 0x202e],
    ["isolate", "\u2066x", 0x2066],
    ["private use", "fake\uE000bold", 0xe000],
    ["supplementary private use", "\u{F0000}", 0xf0000],
    ["lone high surrogate", "a\uD800b", 0xd800],
    ["lone low surrogate", "\uDC00", 0xdc00],
    ["U+FFFE", "\uFFFE", 0xfffe],
    ["U+FFFF", "x\uFFFF", 0xffff],
    ["U+FDD0", "\uFDD0", 0xfdd0],
    ["plane 1 non-character", "\u{1FFFF}", 0x1ffff],
    ["replacement character", "caf\uFFFD", 0xfffd],
  ];
  for (const [name, text, codePoint] of cases) {
    it(`refuses a ${name}`, () => {
      const found = findForbiddenCharacter(text);
      expect(found, name).to.not.equal(undefined);
      expect(found?.codePoint).to.equal(codePoint);
      expect(describeForbiddenCharacter(found!, messages("en")).message).to.match(/character|line break|tab/);
      expect(describeForbiddenCharacter(found!, messages("fr")).message).to.match(/caractère|saut de ligne|tabulation/);
    });
  }

  it("accepts ordinary text in any script, with emoji, marks, no-break and zero-width spaces", () => {
    for (const text of ["Réseau de transport d'électricité", "AT&T <w:p> ]]> {{x}}", "Ελληνικά – 日本語 😀", "e\u0301", "a\u00a0b\u200bc", "\u200Fמ\u200E"]) {
      expect(findForbiddenCharacter(text), text).to.equal(undefined);
    }
  });

  it("gives the position a person counts, astral characters counting as one", () => {
    expect(findForbiddenCharacter("😀😀\u0001")?.position).to.equal(3);
  });
});
