// Errors of answering: answers nobody gave, answers that are wrong, names that match nothing. Each says
// where (the JSON path, or the model location) and how to fix it.

import { OrchestratorError } from "../errors.ts";
import type { SourceLocation } from "../model/domain-model.ts";
import { agree, plural } from "../plural.ts";
import { sortNames } from "../sort-names.ts";
import { closestName } from "./closest-name.ts";
import type { Question } from "./question.ts";

const list = (names: readonly string[]): string =>
  names.length === 0 ? "(none)" : names.map((n) => `'${n}'`).join(", ");

/** Each unknown name, with the closest known one when there is one close enough to be a typo. */
function suggest(unknown: readonly string[], known: Iterable<string>): string {
  const candidates = [...known];
  return unknown
    .map((name) => {
      const closest = closestName(name, candidates);
      return closest === undefined ? `'${name}'` : `'${name}' (did you mean '${closest}'?)`;
    })
    .join(", ");
}

/** Questions left without an answer and no resolver to ask. */
export class MissingAnswersError extends OrchestratorError {
  readonly questions: Question[];

  constructor(questions: Question[]) {
    const lines = questions.map(
      (q) =>
        `  - ${q.prompt.trim()}${q.inputsPath ? ` (--inputs ${q.inputsPath.map((p) => JSON.stringify(p)).join(" → ")})` : ""}`,
    );
    // The SDK's option names; front ends name their own flags (the CLI: --yes --confirm-warnings).
    const confirm = [
      questions.some((q) => q.kind === "confirm-deletions")
        ? " Deleting data must be confirmed (the confirmDeletions option)."
        : "",
      questions.some((q) => q.kind === "confirm-list-fill")
        ? " Filling lists below their minimum must be confirmed or declined (the fillListsToMin option)."
        : "",
    ].join("");
    super(
      "ORCH_MISSING_ANSWERS",
      `${plural(questions.length, "question")} ${agree(questions.length, "has", "have")} no answer:\n${lines.join("\n")}\nAnswer them in the model, in --inputs (with --json, the error lists them under "questions" as an --inputs template to fill in), or interactively.${confirm}`,
    );
    this.questions = questions;
  }

  /** The unanswered questions in the flat --inputs shape, "" (or null for default values) to fill in. */
  toInputsShape(): Record<string, Record<string, string | null>> {
    const shape: Record<string, Record<string, string | null>> = {};
    for (const q of this.questions) {
      const [name, key] = q.inputsPath ?? [];
      if (name === undefined || key === undefined) continue;
      if (!Object.hasOwn(shape, name))
        Object.defineProperty(shape, name, { value: {}, enumerable: true, writable: true });
      const entry = shape[name]!;
      Object.defineProperty(entry, key, {
        value: q.kind === "default-value" ? null : "",
        enumerable: true,
        writable: true,
      });
    }
    return shape;
  }
}

export interface AnswerProblem {
  /** JSON path in the --inputs/--updates file ("inputs → User internal → tag"), or the model location. */
  where: string;
  reason: string;
  location?: SourceLocation;
}

export class InvalidAnswerError extends OrchestratorError {
  readonly problems: AnswerProblem[];

  constructor(problems: AnswerProblem[]) {
    const first = problems[0];
    super(
      "ORCH_INVALID_ANSWER",
      `Invalid ${agree(problems.length, "answer", "answers")}:\n${problems.map((p) => `  - ${p.where}: ${p.reason}`).join("\n")}`,
      first?.location ? { location: first.location } : {},
    );
    this.problems = problems;
  }
}

export class AnswersFileError extends OrchestratorError {
  static notAnObject(file: string, path: string): AnswersFileError {
    return new AnswersFileError("ORCH_ANSWERS_FILE_INVALID", `${file} ${path}: expected a JSON object.`);
  }

  /** Names that neither the models nor the database know: a typo, most likely. */
  static unknownNames(
    where: string,
    kind: string,
    unknown: string[],
    known: Iterable<string>,
  ): AnswersFileError {
    return new AnswersFileError(
      "ORCH_ANSWERS_UNKNOWN_NAME",
      `${where} names ${kind} that neither the models nor the database know: ${suggest(unknown, known)}. Check the spelling, or remove the entry.`,
    );
  }

  static unknownSections(file: string, unknown: string[], known: string[]): AnswersFileError {
    return new AnswersFileError(
      "ORCH_ANSWERS_UNKNOWN_NAME",
      `${file} has sections it does not know: ${suggest(unknown, known)}. Known sections: ${list(known)}.`,
    );
  }

  /** Keys that are not a question about their subject (description, tag, a fixed input, …). */
  static unknownKeys(where: string, unknown: string[], known: Iterable<string>): AnswersFileError {
    return new AnswersFileError(
      "ORCH_ANSWERS_UNKNOWN_NAME",
      `${where} has keys that are no question about it: ${suggest(unknown, known)}. Known keys: ${list(sortNames(known))}. Check the spelling, or remove the key.`,
    );
  }
}

export class MigrationCancelledError extends OrchestratorError {
  constructor(reason: string) {
    super("ORCH_MIGRATION_CANCELLED", `Cancelled: ${reason}. Nothing was written.`);
  }
}
