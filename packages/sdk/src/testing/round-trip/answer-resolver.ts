// Test helper: an AnswerResolver that answers every question with something its `validate` accepts, the
// same way every time, so a failing property run replays exactly.
import type { ScalarSpec } from "../../model/domain-model.ts";
import type { AnswerResolver, Question } from "../../questions/question.ts";

/** A valid value of the kind (the first enum value for enums). */
export function valueOfKind(spec: ScalarSpec | undefined): string {
  switch (spec?.kind ?? "string") {
    case "string":
      return "v";
    case "int":
      return "1";
    case "float":
      return "1.5";
    case "bool":
      return "true";
    case "uuid":
      return "00000000-0000-4000-8000-000000000001";
    case "enum":
      return spec?.values?.[0] ?? "v";
    case "ipv4":
      return "10.0.0.1";
    case "ipv6":
      return "::1";
  }
}

function answerFor(q: Question): string {
  switch (q.kind) {
    case "product-tag":
      return "PT";
    case "block-tag":
      return "BT";
    case "fixed-input-value":
    case "default-value":
      return valueOfKind(q.constraints.spec);
    default:
      return `d ${q.id}`.slice(0, q.constraints.maxLength ?? 2000);
  }
}

export interface FixedResolverOptions {
  /** Accept every rename offered (the first option of each choice); otherwise decline them all. */
  acceptRenames: boolean;
}

export function fixedAnswerResolver(options: FixedResolverOptions): AnswerResolver {
  return {
    async ask(question, retry) {
      if (retry) throw new Error(`resolver answer refused for ${question.id}: ${retry.reason}`);
      const answer = answerFor(question);
      const reason = question.validate(answer);
      if (reason !== undefined)
        throw new Error(`resolver answer '${answer}' invalid for ${question.id}: ${reason}`);
      return answer;
    },
    async choose(_question, choices) {
      return options.acceptRenames ? (choices[0] ?? null) : null;
    },
    async confirm(question) {
      return question.kind === "confirm-deletions" ? true : options.acceptRenames;
    },
  };
}
