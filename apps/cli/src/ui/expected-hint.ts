// The expected kind of an answer in a few words, shown beside a free-text prompt and beside a question
// that `--test` lists: "integer, may be empty", "text, at most 20 characters".
import { expectedAnswer, type Question } from "@orchestrator/sdk";

export function expectedHint(question: Question): string {
  const expected = expectedAnswer(question);
  return [
    expected.kind,
    ...(expected.maxLength !== undefined ? [`at most ${expected.maxLength} characters`] : []),
    ...(expected.emptyAllowed ? ["may be empty"] : []),
  ].join(", ");
}
