// The rename resolver: asks the three rename kinds that the diff cannot decide alone, in the reference's
// order (global resource type renames, then per-block updates, then fixed inputs), and gives the answers
// as `Updates`. It renames nothing itself: resolveAnswers diffs the snapshot again with them, the one
// place renames are applied (docs/design.md, "How renames resolve"). Asked before any other question
// because renames change which other questions exist (a renamed resource type needs no description).
import type { Updates } from "../diff/change-set.ts";
import type { Comparison } from "../diff/comparison.ts";
import { diff } from "../diff/diff.ts";
import type { DomainModel } from "../model/domain-model.ts";
import { makeQuestion } from "./build-questions.ts";
import { type AnswerResolver, HEADERS, type Question } from "./question.ts";

export interface RenameDecisions {
  updates: Updates;
  /** The rename questions asked, with their answers. */
  questions: Question[];
}

export async function resolveRenames(
  comparison: Comparison,
  model: DomainModel,
  resolver: AnswerResolver | undefined,
): Promise<RenameDecisions> {
  const cs = comparison.changes;
  const questions: Question[] = [];
  if (!resolver) return { updates: {}, questions };
  const ask = (
    id: string,
    kind: Question["kind"],
    header: string,
    prompt: string,
    subject: Question["subject"],
    options?: string[],
  ) => {
    const q = makeQuestion({
      id,
      kind,
      subject,
      header,
      prompt,
      constraints: { required: false },
      ...(options ? { options } : {}),
    });
    questions.push(q);
    return q;
  };

  const resourceTypes: Record<string, string> = {};
  const taken = new Set<string>();
  for (const { from, candidates } of cs.renameCandidates.resourceTypes) {
    const options = candidates.filter((c) => !taken.has(c));
    if (options.length === 0) continue;
    const q = ask(
      `rename-resource-type:${from}`,
      "rename-resource-type",
      HEADERS.renameResourceTypes,
      `Which resource type should rename ${from}?`,
      { resourceType: from },
      options,
    );
    const choice = await resolver.choose(q, options);
    record(q, choice ?? "");
    if (choice !== null && options.includes(choice)) {
      resourceTypes[from] = choice;
      taken.add(choice);
    }
  }

  // The per-block menus offer what is left once the global renames are applied, as the reference does.
  const afterGlobal =
    Object.keys(resourceTypes).length === 0
      ? cs
      : diff(model, comparison.snapshot, { resource_types: resourceTypes });
  const blockResourceTypes: Record<string, Record<string, string>> = {};
  const used = new Set<string>();
  for (const { block, from, candidates } of afterGlobal.renameCandidates.blockResourceTypes) {
    // Several pairs per block are kept (the reference keeps only the last); a name is used once per block.
    const options = candidates.filter((c) => !used.has(`${block}\0${c}`));
    if (options.length === 0) continue;
    const q = ask(
      `rename-block-resource-type:${block}:${from}`,
      "rename-block-resource-type",
      HEADERS.updateBlockResourceTypes,
      `Which resource type should update ${from} in ${block} Block?`,
      { block, resourceType: from },
      options,
    );
    const choice = await resolver.choose(q, options);
    record(q, choice ?? "");
    if (choice !== null && options.includes(choice)) {
      const pairs = Object.hasOwn(blockResourceTypes, block) ? blockResourceTypes[block]! : {};
      blockResourceTypes[block] = { ...pairs, [from]: choice };
      used.add(`${block}\0${choice}`);
    }
  }

  const fixedInputs: Record<string, Record<string, string>> = {};
  for (const { product, from, to } of cs.renameCandidates.fixedInputs) {
    const q = ask(
      `rename-fixed-input:${product}:${from}`,
      "rename-fixed-input",
      HEADERS.renameFixedInputs,
      `Do you wish to rename fixed input ${from} to ${to} for product ${product}?`,
      { product, fixedInput: from },
    );
    q.default = "false";
    const yes = await resolver.confirm(q);
    record(q, String(yes));
    if (yes) fixedInputs[product] = { ...fixedInputs[product], [from]: to };
  }

  const updates: Updates = {};
  if (Object.keys(resourceTypes).length > 0) updates.resource_types = resourceTypes;
  if (Object.keys(blockResourceTypes).length > 0) updates.block_resource_types = blockResourceTypes;
  if (Object.keys(fixedInputs).length > 0) updates.fixed_inputs = fixedInputs;
  return { updates, questions };
}

function record(q: Question, answer: string): void {
  q.answer = answer;
  q.source = "resolver";
}
