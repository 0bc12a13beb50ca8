// The SDK's AnswerResolver over the orchestrator/askQuestion request: every question goes to the client
// with the SDK's own wording (header, intro, prompt, default) and constraints, so an editor asks exactly
// what the CLI asks; the SDK validates each answer and re-asks with `retryReason`. `answer: null`
// cancels. A client without the request (MethodNotFound) makes `ask` throw ClientCannotAsk, and the
// command falls back to generating without a resolver.
import type { GenerateMigrationOptions } from "@orchestrator/sdk";
import { type Connection, ErrorCodes, ResponseError } from "vscode-languageserver";
import { ASK_QUESTION, type AskQuestionParams, type AskQuestionResult } from "./protocol.ts";

export type AnswerResolver = NonNullable<GenerateMigrationOptions["resolver"]>;
export type Question = Parameters<AnswerResolver["ask"]>[0];

/** The user cancelled a question: nothing is written. */
export class QuestionCancelled extends Error {
  readonly code = "ORCH_MIGRATION_CANCELLED";
  constructor() {
    super("Cancelled: a question was not answered. Nothing was written.");
  }
}

/** The client does not implement orchestrator/askQuestion. */
export class ClientCannotAsk extends Error {
  readonly code = "ORCH_CLIENT_CANNOT_ASK";
}

export const MESSAGE_QUESTION = {
  id: "migration-message",
  kind: "message",
  header: "Migration message",
  prompt: "Describe the migration (its file name is made from it): ",
  default: "Update domain models",
  required: true,
  maxLength: 200,
} as const satisfies AskQuestionParams;

const YES = ["yes", "y", "true"];
const NO = ["no", "n", "false"];

export class ClientQuestions {
  readonly #connection: Connection;
  /** false once the client answered MethodNotFound: not asked again in this session. */
  #supported = true;

  constructor(connection: Connection) {
    this.#connection = connection;
  }

  get supported(): boolean {
    return this.#supported;
  }

  /** Sends one question; null when the user cancelled. */
  async send(params: AskQuestionParams): Promise<string | null> {
    if (!this.#supported) throw new ClientCannotAsk("the client does not answer orchestrator/askQuestion");
    let result: AskQuestionResult | null | undefined;
    try {
      result = await this.#connection.sendRequest<AskQuestionResult>(ASK_QUESTION, params);
    } catch (error) {
      if (error instanceof ResponseError && error.code === ErrorCodes.MethodNotFound) {
        this.#supported = false;
        throw new ClientCannotAsk("the client does not answer orchestrator/askQuestion");
      }
      throw error;
    }
    const answer = result?.answer;
    return typeof answer === "string" ? answer : null;
  }

  /** Asks until `validate` accepts the answer (at most 5 times); null when cancelled. */
  async askValid(
    params: AskQuestionParams,
    validate: (answer: string) => string | undefined,
  ): Promise<string | null> {
    let retryReason: string | undefined;
    for (let attempt = 0; attempt < 5; attempt++) {
      const answer = await this.send(retryReason === undefined ? params : { ...params, retryReason });
      if (answer === null) return null;
      retryReason = validate(answer);
      if (retryReason === undefined) return answer;
    }
    return null;
  }

  resolver(): AnswerResolver {
    return {
      ask: async (question, retry) => {
        const answer = await this.send({
          ...paramsOf(question),
          ...(retry ? { retryReason: retry.reason } : {}),
        });
        if (answer === null) throw new QuestionCancelled();
        return answer;
      },
      // A choice answers one of the options, or "" for "none of these" (e.g. do not rename).
      choose: async (question, options) => {
        const answer = await this.askValid(
          { ...paramsOf(question), options: [...options], allowNone: true, required: false },
          (a) =>
            a === "" || options.includes(a) ? undefined : `choose one of ${options.join(", ")}, or none`,
        );
        if (answer === null) throw new QuestionCancelled();
        return answer === "" ? null : answer;
      },
      confirm: async (question) => {
        const answer = await this.askValid(
          {
            ...paramsOf(question),
            kind: "confirm",
            options: ["yes", "no"],
            allowedValues: ["yes", "no"],
            default: "no",
          },
          (a) => ([...YES, ...NO].includes(a.trim().toLowerCase()) ? undefined : "answer yes or no"),
        );
        if (answer === null) throw new QuestionCancelled();
        return YES.includes(answer.trim().toLowerCase());
      },
    };
  }
}

export function paramsOf(question: Question): AskQuestionParams {
  const { spec, maxLength, required } = question.constraints;
  return {
    id: question.id,
    kind: question.kind,
    header: question.header,
    ...(question.intro !== undefined ? { intro: question.intro } : {}),
    prompt: question.prompt,
    ...(question.default !== undefined ? { default: question.default } : {}),
    required,
    ...(maxLength !== undefined ? { maxLength } : {}),
    ...(spec?.kind === "enum" && spec.values && !spec.list ? { allowedValues: [...spec.values] } : {}),
  };
}
