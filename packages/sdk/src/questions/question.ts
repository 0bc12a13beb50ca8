// A question is data: what is asked, about what, under which header, with which constraints. Front ends
// render it (inquirer in the CLI, an input box in VS Code) through an AnswerResolver; `validate` lets them
// re-ask natively with the reason, and the same check runs on answers from files and from the model.
import type { ScalarSpec } from "../model/domain-model.ts";

export type QuestionKind =
  | "product-description"
  | "product-tag"
  | "fixed-input-value"
  | "block-description"
  | "block-tag"
  | "resource-type-description"
  | "default-value"
  | "rename-resource-type"
  | "rename-block-resource-type"
  | "rename-fixed-input"
  | "confirm-deletions"
  | "confirm-list-fill";

export interface QuestionSubject {
  product?: string;
  productType?: string;
  fixedInput?: string;
  block?: string;
  resourceType?: string;
}

export interface QuestionConstraints {
  /** An empty answer is refused. */
  required: boolean;
  maxLength?: number;
  /** The value's type: enum values, int, list… (fixed-input values and default values). */
  spec?: ScalarSpec;
}

/** "placeholder": nobody answered, and a plan that is only shown stands in for the answer. */
export type AnswerSource = "updates" | "inputs" | "model" | "resolver" | "options" | "placeholder";

export interface Question {
  /** Stable and unique within one change set, e.g. `product-tag:User internal`. */
  id: string;
  kind: QuestionKind;
  subject: QuestionSubject;
  /** The section the question belongs to ("Create new products"); printed once, only if asked. */
  header: string;
  /** A line printed once before the questions about one subject ("Product: User User internal"). */
  intro?: string;
  prompt: string;
  default?: string;
  constraints: QuestionConstraints;
  /** Choices of a rename question (`choose`); `null` from the resolver = none of them. */
  options?: string[];
  /** Where the answer sits in the flat --inputs JSON, e.g. ["User internal", "affiliation"]. */
  inputsPath?: string[];
  /** The reason an answer is refused, or undefined when it is acceptable. */
  validate(answer: string): string | undefined;
  answer?: string;
  source?: AnswerSource;
}

/**
 * What a front end implements to ask the questions nobody answered in advance. Tests implement it with
 * fixed answers. `retry` is set when the previous answer was refused: show the reason and ask again.
 */
export interface AnswerResolver {
  ask(question: Question, retry?: { answer: string; reason: string }): Promise<string>;
  /** Pick one of `options`, or null for none (e.g. "do not rename"). */
  choose(question: Question, options: readonly string[]): Promise<string | null>;
  confirm(question: Question): Promise<boolean>;
}

/** Headers in orchestrator-core's order (see docs/design.md, Questions). */
export const HEADERS = {
  renameResourceTypes: "Rename resource types",
  updateBlockResourceTypes: "Update block resource types",
  renameFixedInputs: "Update fixed inputs",
  confirmDeletions: "Confirm deletions",
  confirmListFill: "Fill lists below their minimum",
  products: "Create new products",
  fixedInputs: "Create fixed inputs",
  blocks: "Create product blocks",
  resourceTypes: "Create resource types",
  defaultValues: "Create subscription instance values",
} as const;
