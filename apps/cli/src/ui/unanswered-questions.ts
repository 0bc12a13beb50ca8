// What `db migrate-domain-models --test` shows of the questions nobody answered: each as it would be
// asked, under its subject, with the kind of answer expected, its default, and the placeholder that
// stands in for it in the plan below.
import type { Question, RenameCandidates } from "@orchestrator/sdk";
import { expectedHint } from "./expected-hint.ts";
import { style } from "./style.ts";

export function renderUnanswered(questions: readonly Question[]): string {
  const lines = [
    style.bold(
      `${questions.length === 1 ? "1 question has" : `${questions.length} questions have`} no answer; the plan below shows a placeholder for each:`,
    ),
  ];
  let header: string | undefined;
  let intro: string | undefined;
  for (const question of questions) {
    if (question.header !== header) {
      lines.push(`  ${question.header}`);
      header = question.header;
      intro = undefined;
    }
    if (question.intro && question.intro !== intro) {
      lines.push(`    ${question.intro}`);
      intro = question.intro;
    }
    const indent = " ".repeat(intro ? 6 : 4);
    const confirmation = question.kind.startsWith("confirm-");
    const asked = confirmation ? question.prompt.trim().split("\n")[0] : question.prompt.trim();
    const details = confirmation
      ? `a confirmation, planned as ${question.answer === "true" ? "yes" : "no"}`
      : `${expectedHint(question)}${question.default !== undefined ? `; default ${question.default}` : ""}`;
    lines.push(`${indent}${asked} ${style.dim(`(${details})`)}`, `${indent}  → ${question.answer ?? ""}`);
  }
  return lines.join("\n");
}

/**
 * The renames `--test` would have asked about. Without an answer nothing is renamed, so the plan deletes
 * the old name and creates the new one; `--updates` (or answering them without --test) decides them.
 */
export function renderRenameCandidates(candidates: RenameCandidates): string | undefined {
  const lines = [
    ...candidates.resourceTypes.map((c) => `  resource type ${c.from} → ${c.candidates.join(" or ")}`),
    ...candidates.blockResourceTypes.map((c) => `  ${c.block}: ${c.from} → ${c.candidates.join(" or ")}`),
    ...candidates.fixedInputs.map((c) => `  fixed input of ${c.product}: ${c.from} → ${c.to}`),
  ];
  if (lines.length === 0) return undefined;
  return [
    style.bold("Renames it would ask about (the plan below renames nothing; --updates decides them):"),
    ...lines,
  ].join("\n");
}
