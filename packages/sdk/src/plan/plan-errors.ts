// Errors of the planning step: an unusable value or a change set the answers do not cover. Static
// factories keep the wording in one place.
import { OrchestratorError } from "../errors.ts";

export class PlanError extends OrchestratorError {
  static nulByte(value: string): PlanError {
    const preview = JSON.stringify(value.slice(0, 40).replaceAll("\0", "\\0"));
    return new PlanError(
      "ORCH_SQL_NUL_BYTE",
      `The value ${preview} contains a NUL character (\\0), which PostgreSQL cannot store in text. Remove it from the answer or the model.`,
    );
  }

  static loneSurrogate(value: string): PlanError {
    return new PlanError(
      "ORCH_SQL_INVALID_UNICODE",
      `The value ${JSON.stringify(value.slice(0, 40))} contains a lone UTF-16 surrogate, which cannot be encoded as UTF-8 for PostgreSQL. Fix the text in the answer or the model.`,
    );
  }

  static missingAnswer(what: string): PlanError {
    return new PlanError(
      "ORCH_PLAN_MISSING_ANSWER",
      `The plan needs ${what}, but the answers do not contain it. The answers were resolved for another change set: resolve them again for this one.`,
    );
  }
}
