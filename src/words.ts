/** Joins words the way a sentence does: "A, B and C" (or "A, B or C", "A, B et C"). */
export function joinWords(items: readonly string[], conjunction = "and"): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} ${conjunction} ${items[items.length - 1] ?? ""}`;
}

/**
 * Fills the placeholders of one of the annex's own words ("{reference} — Open source annex") in one pass.
 * The values are put in as they are: no `$&` or `$'` in a tender reference is read as a replacement
 * pattern (String.replace with a text would), and a value that contains "{title}" is not filled again.
 */
export function fillWords(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(/\{([a-z]+)\}/g, (whole, name: string) => (Object.hasOwn(values, name) ? (values[name] ?? whole) : whole));
}
