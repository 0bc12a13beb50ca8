// The stand-in for an answer nobody gave, for a plan that is only looked at (`--test`): it reads as what
// is missing (`<default for UserBlock.age: integer>`) wherever the answer would appear in the SQL. Such
// a plan is never written (generateMigration refuses to), so a placeholder never reaches a database.
import { expectedAnswer } from "./expected-answer.ts";
import type { Question } from "./question.ts";

/** The text shown in place of the answer. */
export function placeholderAnswer(question: Question): string {
  const { product, block, resourceType, fixedInput } = question.subject;
  switch (question.kind) {
    case "product-description":
      return `<description of product ${product}>`;
    case "product-tag":
      return `<tag of product ${product}>`;
    case "fixed-input-value":
      return `<value for ${product}.${fixedInput}: ${expectedAnswer(question).kind}>`;
    case "block-description":
      return `<description of product block ${block}>`;
    case "block-tag":
      return `<tag of product block ${block}>`;
    case "resource-type-description":
      return `<description of resource type ${resourceType}>`;
    case "default-value":
      return `<default for ${block}.${resourceType}: ${expectedAnswer(question).kind}>`;
    // The plan shows the deletions as confirmed, and lists below their minimum as left alone (the
    // question's own default): what the migration does unless someone says otherwise.
    case "confirm-deletions":
      return "true";
    case "confirm-list-fill":
      return "false";
    // Renames are decided before these questions; without an answer nothing is renamed.
    case "rename-resource-type":
    case "rename-block-resource-type":
    case "rename-fixed-input":
      return "";
  }
}

/** The placeholder as the planner takes it: default values are lists of elements. */
export function placeholderValue(question: Question): string | string[] {
  const text = placeholderAnswer(question);
  return question.kind === "default-value" ? [text] : text;
}
