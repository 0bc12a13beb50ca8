// Answers the server's questions (migration message, descriptions, tags, renames…) with VS Code's own
// input box and quick pick. Validation mirrors the server's so a bad answer is refused while typing;
// the server still checks and re-asks with `retryReason`.

import {
  type AskQuestionParams,
  type AskQuestionResult,
  NONE_OF_THESE,
} from "@orchestrator/language-server/protocol";
import * as vscode from "vscode";

const NONE_LABEL = "None of these";

export async function askQuestion(question: AskQuestionParams): Promise<AskQuestionResult> {
  if (question.options?.length) return { answer: await pick(question, question.options) };
  if (question.kind === "confirm")
    return { answer: await pick({ ...question, allowNone: false }, ["yes", "no"]) };
  const answer = await vscode.window.showInputBox({
    title: question.header,
    prompt: promptText(question),
    value: question.default ?? "",
    placeHolder: question.required ? undefined : "(optional)",
    ignoreFocusOut: true,
    validateInput: (value) => validate(question, value),
  });
  return { answer: answer ?? null };
}

async function pick(question: AskQuestionParams, options: readonly string[]): Promise<string | null> {
  const items: vscode.QuickPickItem[] = options.map((label) => ({
    label,
    picked: label === question.default,
  }));
  if (question.allowNone) items.push({ label: NONE_LABEL, description: "keep them apart" });
  const choice = await vscode.window.showQuickPick(items, {
    title: question.header,
    placeHolder: promptText(question),
    ignoreFocusOut: true,
  });
  if (!choice) return null;
  return choice.label === NONE_LABEL && question.allowNone ? NONE_OF_THESE : choice.label;
}

function promptText(question: AskQuestionParams): string {
  const parts = [question.retryReason && `⚠ ${question.retryReason}`, question.intro, question.prompt];
  return parts.filter(Boolean).join(" — ");
}

/** The reason `value` is refused, as the server would say it, or undefined. */
export function validate(question: AskQuestionParams, value: string): string | undefined {
  const answer = value.trim();
  if (answer === "") return question.required ? "An answer is required." : undefined;
  if (question.maxLength !== undefined && answer.length > question.maxLength) {
    return `At most ${question.maxLength} characters are allowed (${answer.length} now).`;
  }
  if (question.allowedValues?.length && !question.allowedValues.includes(answer)) {
    return `Must be one of ${question.allowedValues.map((v) => `'${v}'`).join(", ")}.`;
  }
  return undefined;
}
