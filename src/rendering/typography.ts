/**
 * French typography, applied to Clausier's own words (clause texts and messages), never to a buyer's answer:
 * a non-breaking space before ; : ! ? » % and after «, where the text has an ordinary space or none.
 */
export function frenchTypography(text: string): string {
  return text
    .replace(/ ([;:!?»%])/g, "\u00a0$1")
    .replace(/« /g, "«\u00a0")
    .replace(/([^\s\u00a0])([;!?])(?=\s|$)/g, "$1\u00a0$2");
}
