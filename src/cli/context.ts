/**
 * What a command runs with: where it prints, and the language it speaks. The language starts as the one the
 * person asked for (--lang, CLAUSIER_LANG, the system's); a command that reads an answers file switches to
 * the answers' language, so that its findings, its report and its errors speak the buyer's language. The
 * error boundary (main.ts) speaks the same language.
 */
import { messages, type Language, type Messages } from "../i18n/messages.js";
import type { Io } from "./io.js";

export class CommandContext {
  constructor(
    readonly io: Io,
    public language: Language,
  ) {}

  get t(): Messages {
    return messages(this.language);
  }
}
