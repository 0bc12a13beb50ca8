// Answers every question of a change set, from these sources in order: (1) --updates and --inputs,
// (2) the model (descriptions, tags and fixed-input values written in the DSL), (3) the resolver, i.e. the
// user. Every answer is validated, whatever its source, before anything is planned or written. Without a
// resolver, what is left is reported as one MissingAnswersError that a tool can turn into an --inputs
// template.
import { carryDeletedCounts } from "../diff/carry-deleted-counts.ts";
import type { ChangeSet, Updates } from "../diff/change-set.ts";
import type { Comparison } from "../diff/comparison.ts";
import { diff } from "../diff/diff.ts";
import type {
  DomainModel,
  ModelBlock,
  ModelProduct,
  ModelResourceType,
  SourceLocation,
} from "../model/domain-model.ts";
import { type Answers, type BlockAnswers, own, type ProductAnswers } from "./answers.ts";
import { listQuestions } from "./build-questions.ts";
import { checkInputNames, findInput, type InputsFile, parseInputsFile, unusedInputs } from "./inputs-file.ts";
import { knownNames } from "./known-names.ts";
import { placeholderAnswer, placeholderValue } from "./placeholder-answer.ts";
import type { AnswerResolver, Question } from "./question.ts";
import {
  type AnswerProblem,
  InvalidAnswerError,
  MigrationCancelledError,
  MissingAnswersError,
} from "./question-errors.ts";
import { resolveRenames } from "./resolve-renames.ts";
import { unmatchedUpdates } from "./unmatched-updates.ts";
import { parseUpdates } from "./updates-file.ts";
import { interpretAnswer } from "./validate-answer.ts";

export interface AnswerSources {
  /** --inputs: a JSON string or the parsed object, flat or namespaced (see inputs-file.ts). */
  inputs?: unknown;
  /** --updates: renames (orchestrator-core's shape plus products and product_blocks). When non-empty, nothing about renames is asked. */
  updates?: unknown;
  /** Deleting existing data is confirmed in advance. */
  confirmDeletions?: boolean;
  /**
   * The answer to filling lists below their `.min()`: true fills them, false leaves them; undefined asks
   * (and without a resolver, leaves the question unanswered).
   */
  fillListsToMin?: boolean;
  /**
   * Without a resolver, answer what is left with placeholders (source "placeholder") instead of raising
   * MissingAnswersError: for a plan to look at (`--test`), never one to write.
   */
  placeholders?: boolean;
}

export interface ResolvedAnswers {
  answers: Answers;
  /** The change set with the chosen renames applied: plan this one. */
  changeSet: ChangeSet;
  /** Every rename applied, in the --updates shape (to record, or to re-run without questions). */
  updates: Updates;
  /** Every question, with its answer and where the answer came from. */
  questions: Question[];
  /**
   * Entries of --inputs and --updates that this migration did not need (they name what the models or the
   * database know, for another database or an earlier change), as paths with, for renames, why.
   */
  unusedInputs: string[];
}

/** Resolver answers refused this many times in a row end the resolution. */
const MAX_ATTEMPTS = 5;

/**
 * Answers every question a comparison raises, from --updates and --inputs, then the models, then the
 * resolver, and validates each answer whatever its source.
 *
 * Renames come first, in orchestrator-core's order: given --updates (non-empty) replace the rename questions;
 * otherwise the resolver is asked. The chosen renames are applied by diffing `comparison.snapshot` again
 * with them, so `changeSet` is the one to plan. Names in --inputs/--updates that neither the models nor the
 * database know are refused with a suggestion; known ones that this run does not need are listed in
 * `unusedInputs`.
 *
 * @throws AnswersFileError for malformed files or unknown names, InvalidAnswerError for refused answers,
 * MissingAnswersError when answers are missing and there is no resolver.
 * @example
 * const comparison = await withDatabase(project.database, {}, (db) => compareWithDatabase(db, model));
 * const { changeSet, answers, unusedInputs } = await resolveAnswers(comparison, model, {
 *   inputs: { "User internal": { description: "internal users", tag: "USER_INT" } },
 * });
 */
export async function resolveAnswers(
  comparison: Comparison,
  model: DomainModel,
  sources: AnswerSources = {},
  resolver?: AnswerResolver,
): Promise<ResolvedAnswers> {
  const inputs = parseInputsFile(sources.inputs);
  const known = knownNames(model, comparison.snapshot);
  checkInputNames(inputs, known);
  // As the reference: a non-empty --updates replaces the rename questions; `{}` means "ask".
  const given = parseUpdates(sources.updates);
  const renames =
    given && Object.keys(given).length > 0
      ? { updates: given, questions: [] }
      : await resolveRenames(comparison, model, resolver);
  const cs = withRenames(comparison, model, renames.updates);
  const unusedUpdates = unmatchedUpdates(cs.ignoredUpdates ?? [], known);

  const questions = listQuestions(cs, model);
  const used = new Set<string>();
  const values = new Map<Question, string | null | string[]>();
  const problems: AnswerProblem[] = [];
  const byName = indexModel(model);
  for (const q of questions) {
    const found = prefilled(q, inputs, byName, sources);
    if (!found) continue;
    const result = interpretAnswer(q, found.raw);
    if (!result.ok) {
      problems.push({
        where: found.where,
        reason: result.reason,
        ...(found.location ? { location: found.location } : {}),
      });
      continue;
    }
    q.answer = found.raw;
    q.source = found.source;
    if (found.source === "inputs") used.add(found.where);
    values.set(q, result.value);
  }
  if (problems.length > 0) throw new InvalidAnswerError(problems);

  const unanswered = questions.filter((q) => !values.has(q));
  if (unanswered.length > 0 && !resolver) {
    if (!sources.placeholders) throw new MissingAnswersError(unanswered);
    for (const q of unanswered) {
      values.set(q, placeholderValue(q));
      q.answer = placeholderAnswer(q);
      q.source = "placeholder";
    }
  }
  for (const q of unanswered) if (!values.has(q)) values.set(q, await askUntilValid(q, resolver!));

  return {
    answers: collect(questions, values),
    changeSet: cs,
    updates: renames.updates,
    questions: [...renames.questions, ...questions],
    unusedInputs: [...unusedInputs(inputs, used), ...unusedUpdates],
  };
}

/** The comparison's change set with these renames: the same snapshot diffed again (drizzle-kit's way). */
function withRenames(comparison: Comparison, model: DomainModel, updates: Updates): ChangeSet {
  if (Object.keys(updates).length === 0) return comparison.changes;
  const changes = diff(model, comparison.snapshot, updates);
  carryDeletedCounts(comparison.changes, changes);
  return changes;
}

interface Prefilled {
  raw: string;
  where: string;
  source: "inputs" | "model" | "options";
  location?: SourceLocation;
}

function prefilled(
  q: Question,
  inputs: InputsFile,
  model: ModelByName,
  sources: AnswerSources,
): Prefilled | undefined {
  if (q.kind === "confirm-deletions") {
    return sources.confirmDeletions
      ? { raw: "true", where: "confirmDeletions", source: "options" }
      : undefined;
  }
  if (q.kind === "confirm-list-fill") {
    return sources.fillListsToMin === undefined
      ? undefined
      : { raw: String(sources.fillListsToMin), where: "fillListsToMin", source: "options" };
  }
  const fromFile = findInput(inputs, q);
  if (fromFile) return { ...fromFile, source: "inputs" };
  const fromModel = modelAnswer(q, model);
  return fromModel ? { ...fromModel, source: "model" } : undefined;
}

/**
 * The model's products and blocks by name, and the first described resource type of each name. Built once
 * per resolution: a first migration of a thousand products asks some 35 000 questions, and searching the
 * model's lists for each took four seconds.
 */
interface ModelByName {
  products: Map<string, ModelProduct>;
  blocks: Map<string, ModelBlock>;
  describedResourceTypes: Map<string, ModelResourceType>;
}

function indexModel(model: DomainModel): ModelByName {
  const firstOfEach = <T>(items: Iterable<T>, name: (item: T) => string): Map<string, T> => {
    const byName = new Map<string, T>();
    for (const item of items) if (!byName.has(name(item))) byName.set(name(item), item);
    return byName;
  };
  return {
    products: firstOfEach(model.products, (p) => p.name),
    blocks: firstOfEach(model.blocks, (b) => b.name),
    describedResourceTypes: firstOfEach(
      model.blocks.flatMap((b) => b.resourceTypes).filter((rt) => rt.description !== undefined),
      (rt) => rt.name,
    ),
  };
}

function modelAnswer(q: Question, model: ModelByName): Omit<Prefilled, "source"> | undefined {
  const { product, block, resourceType, fixedInput } = q.subject;
  const p = product === undefined ? undefined : model.products.get(product);
  const b = block === undefined ? undefined : model.blocks.get(block);
  const at = (location: SourceLocation, what: string) => ({
    where: `${location.file}:${location.line}:${location.column} (${what})`,
    location,
  });
  switch (q.kind) {
    case "product-description":
      return p?.description === undefined
        ? undefined
        : { raw: p.description, ...at(p.location, `description of product ${p.name}`) };
    case "product-tag":
      return p?.tag === undefined ? undefined : { raw: p.tag, ...at(p.location, `tag of product ${p.name}`) };
    case "fixed-input-value": {
      const value = p && fixedInput !== undefined ? own(p.fixedInputValues, fixedInput) : undefined;
      return value === undefined || !p
        ? undefined
        : { raw: value, ...at(p.location, `fixed input ${fixedInput} of product ${p.name}`) };
    }
    case "block-description":
      return b?.description === undefined
        ? undefined
        : { raw: b.description, ...at(b.location, `description of block ${b.name}`) };
    case "block-tag":
      // A block documented in the model (it has a description) and no tag has no tag: nothing to ask.
      if (b?.tag !== undefined) return { raw: b.tag, ...at(b.location, `tag of block ${b.name}`) };
      return b?.description === undefined
        ? undefined
        : { raw: "", ...at(b.location, `block ${b.name} (no tag)`) };
    case "resource-type-description": {
      const field = resourceType === undefined ? undefined : model.describedResourceTypes.get(resourceType);
      return field
        ? { raw: field.description!, ...at(field.location, `description of resource type ${field.name}`) }
        : undefined;
    }
    default:
      return undefined;
  }
}

async function askUntilValid(q: Question, resolver: AnswerResolver): Promise<string | null | string[]> {
  if (q.kind === "confirm-deletions") {
    const yes = await resolver.confirm(q);
    q.answer = String(yes);
    q.source = "resolver";
    if (!yes) throw new MigrationCancelledError("the deletions were not confirmed");
    return "true";
  }
  if (q.kind === "confirm-list-fill") {
    // Declining is an answer, not a cancellation: the lists stay as they are.
    const yes = await resolver.confirm(q);
    q.answer = String(yes);
    q.source = "resolver";
    return String(yes);
  }
  let retry: { answer: string; reason: string } | undefined;
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const answer = await resolver.ask(q, retry);
    const result = interpretAnswer(q, answer);
    if (result.ok) {
      q.answer = answer;
      q.source = "resolver";
      return result.value;
    }
    retry = { answer, reason: result.reason };
  }
  throw new InvalidAnswerError([
    { where: `answer to "${q.prompt.trim()}"`, reason: `${retry!.reason} (refused ${MAX_ATTEMPTS} times)` },
  ]);
}

function collect(questions: readonly Question[], values: Map<Question, string | null | string[]>): Answers {
  const text = (q: Question | undefined): string | null => {
    const v = q === undefined ? undefined : values.get(q);
    return typeof v === "string" ? v : null;
  };
  const find = (kind: Question["kind"], match: (q: Question) => boolean) =>
    questions.find((q) => q.kind === kind && match(q));
  const byProduct = new Map<string, Record<string, string>>();
  const byBlock = new Map<string, Record<string, string[]>>();
  for (const q of questions) {
    const { product, block, fixedInput, resourceType } = q.subject;
    if (q.kind === "fixed-input-value" && product !== undefined && fixedInput !== undefined) {
      byProduct.set(
        product,
        Object.fromEntries([...Object.entries(byProduct.get(product) ?? {}), [fixedInput, text(q) ?? ""]]),
      );
    }
    if (q.kind === "default-value" && block !== undefined && resourceType !== undefined) {
      const list = values.get(q);
      byBlock.set(
        block,
        Object.fromEntries([
          ...Object.entries(byBlock.get(block) ?? {}),
          [resourceType, Array.isArray(list) ? list : []],
        ]),
      );
    }
  }
  const products = questions
    .filter((q) => q.kind === "product-description")
    .map((q): [string, ProductAnswers] => {
      const name = q.subject.product!;
      return [
        name,
        {
          description: text(q) ?? "",
          tag: text(find("product-tag", (t) => t.subject.product === name)) ?? "",
        },
      ];
    });
  const blocks = questions
    .filter((q) => q.kind === "block-description")
    .map((q): [string, BlockAnswers] => {
      const name = q.subject.block!;
      return [
        name,
        { description: text(q) ?? "", tag: text(find("block-tag", (t) => t.subject.block === name)) },
      ];
    });
  const resourceTypes = questions
    .filter((q) => q.kind === "resource-type-description")
    .map((q) => [q.subject.resourceType!, { description: text(q) ?? "" }] as const);
  return {
    products: Object.fromEntries(products),
    fixedInputs: Object.fromEntries(byProduct),
    blocks: Object.fromEntries(blocks),
    resourceTypes: Object.fromEntries(resourceTypes),
    defaultValues: Object.fromEntries(byBlock),
    fillListsToMin: text(find("confirm-list-fill", () => true)) === "true",
  };
}
