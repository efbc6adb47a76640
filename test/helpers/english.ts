/** English words that must not reach a French buyer. */
/**
 * English words that reached French buyers before (issue 10), as whole words: none may appear in what a
 * French interview, report or catalogue prints, outside the answers typed and the licence names.
 */
export const LEAKED_ENGLISH = [
  "components:", "licences:", "tender", "families", "Yes", "No results found", "navigate", "select", "submit", "space",
  "warning", "error", "Review", "What now", "Cancel", "(Y/n)", "Other…", "None", "recommended", "Table", "Type to search",
  "leave empty", "Wrote", "hint", "required", "Done", "Enter", "choose", "toggle", "all", "invert", "default",
];

/** The leaked words found in a text, each with the line it is on. */
export function englishIn(text: string, allowed: readonly string[] = []): string[] {
  const lines = text.split("\n").filter((line) => !allowed.some((a) => line.includes(a)));
  const found: string[] = [];
  for (const word of LEAKED_ENGLISH) {
    const pattern = new RegExp(`(^|[^\\p{L}])${word.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?=$|[^\\p{L}])`, "u");
    for (const line of lines) if (pattern.test(line)) found.push(`${word} in: ${line.trim()}`);
  }
  return found;
}

