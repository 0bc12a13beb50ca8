// Asks the migration's questions in a terminal with @inquirer/prompts, in the seed's wording: a header
// ("Create new products") once before its first question, a subject line ("Product: User User internal")
// once before its questions, then the prompt. Enums and booleans are lists to pick from (typing the
// start of a value moves to it); free text is preceded by the kind expected ("integer, may be empty"),
// on a line of its own so that the prompt keeps the seed's words. inquirer re-asks natively with the
// validation's reason.
import { confirm, input, select } from "@inquirer/prompts";
import { type AnswerResolver, expectedAnswer, type Question } from "@orchestrator/sdk";
import { expectedHint } from "./expected-hint.ts";
import { style } from "./style.ts";

export class PromptResolver implements AnswerResolver {
  #lastHeader: string | undefined;
  #lastIntro: string | undefined;
  readonly #write: (text: string) => void;

  constructor(write: (text: string) => void = (text) => process.stdout.write(text)) {
    this.#write = write;
  }

  async ask(question: Question, retry?: { answer: string; reason: string }): Promise<string> {
    this.#context(question);
    if (retry) this.#write(`${style.red(retry.reason)}\n`);
    const { choices, emptyAllowed } = expectedAnswer(question);
    if (choices) return this.#pick(question, choices, emptyAllowed);
    this.#write(`${style.dim(`(${expectedHint(question)})`)}\n`);
    return input({
      message: question.prompt.trim(),
      ...(question.default !== undefined ? { default: question.default } : {}),
      validate: (value) => question.validate(value) ?? true,
    });
  }

  /** One of the values; "(none)" too where an empty answer is allowed. The answer is validated as typed. */
  #pick(question: Question, choices: readonly string[], emptyAllowed: boolean): Promise<string> {
    return select({
      message: question.prompt.trim(),
      choices: [
        ...choices.map((choice) => ({ name: choice, value: choice })),
        ...(emptyAllowed ? [{ name: "(none)", value: "" }] : []),
      ],
      ...(question.default !== undefined && choices.includes(question.default)
        ? { default: question.default }
        : {}),
    });
  }

  async choose(question: Question, options: readonly string[]): Promise<string | null> {
    this.#context(question);
    const none = "\u0000none";
    const choice = await select({
      message: question.prompt.trim(),
      choices: [
        ...options.map((option) => ({ name: option, value: option })),
        { name: "none of these", value: none },
      ],
    });
    return choice === none ? null : choice;
  }

  async confirm(question: Question): Promise<boolean> {
    this.#context(question);
    return confirm({ message: question.prompt.trim(), default: false });
  }

  #context(question: Question): void {
    if (question.header !== this.#lastHeader) {
      this.#write(`\n${style.bold(style.underline(question.header))}\n`);
      this.#lastHeader = question.header;
      this.#lastIntro = undefined;
    }
    if (question.intro && question.intro !== this.#lastIntro) {
      this.#write(`${question.intro}\n`);
      this.#lastIntro = question.intro;
    }
  }
}
