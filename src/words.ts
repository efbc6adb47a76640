/** Joins words the way a sentence does: "A, B and C" (or "A, B or C", "A, B et C"). */
export function joinWords(items: readonly string[], conjunction = "and"): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} ${conjunction} ${items[items.length - 1] ?? ""}`;
}
