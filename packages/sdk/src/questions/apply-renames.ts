// Turns chosen renames (--updates, or the resolver's answers) into the change set they imply, as §c.6
// does: a delete + create pair becomes one rename, so the data stays. Renames the diff already applied
// (renamedFrom in the model, or updates passed to diff()) are recognised and skipped. A rename that
// matches nothing is an error naming what could match (fix g.25), not a crash nor a silent no-op.
import type { ChangeSet, Updates } from "../diff/change-set.ts";
import { own } from "./answers.ts";
import { AnswersFileError } from "./question-errors.ts";

export function applyRenames(cs: ChangeSet, updates: Updates): ChangeSet {
  const next: ChangeSet = structuredClone(cs);
  const problems: string[] = (cs.ignoredUpdates ?? []).map(
    (u) => `${u.kind}${u.subject ? ` of ${u.subject}` : ""}: ${u.from} → ${u.to}: ${u.reason}`,
  );

  for (const [from, to] of entries(updates.resource_types)) {
    if (next.renameResourceTypes.some((r) => r.from === from && r.to === to)) continue;
    const removed = next.deleteResourceTypes.findIndex((d) => d.resourceType === from);
    const added = next.createResourceTypes.findIndex((c) => c.resourceType === to);
    if (removed === -1 || added === -1) {
      problems.push(
        `resource_types: ${from} → ${to}: ${removed === -1 ? `'${from}' is not a resource type this change deletes` : `'${to}' is not a resource type this change creates`} ` +
          `(deleted: ${names(next.deleteResourceTypes.map((d) => d.resourceType))}; created: ${names(next.createResourceTypes.map((c) => c.resourceType))})`,
      );
      continue;
    }
    const location = next.createResourceTypes[added]!.location;
    next.deleteResourceTypes.splice(removed, 1);
    next.createResourceTypes.splice(added, 1);
    next.renameResourceTypes.push({ from, to, location });
    // Blocks that lost `from` and gained `to` keep their link: it now points at the renamed type.
    for (const lost of next.deleteResourceTypeLinks.filter((l) => l.resourceType === from)) {
      const gained = next.createResourceTypeLinks.findIndex(
        (l) => l.block === lost.block && l.resourceType === to,
      );
      if (gained === -1) continue;
      next.createResourceTypeLinks.splice(gained, 1);
      next.deleteResourceTypeLinks.splice(next.deleteResourceTypeLinks.indexOf(lost), 1);
      next.renameCandidates.blockResourceTypes = next.renameCandidates.blockResourceTypes
        .filter((c) => !(c.block === lost.block && c.from === from))
        .map((c) =>
          c.block === lost.block ? { ...c, candidates: c.candidates.filter((n) => n !== to) } : c,
        );
    }
    next.renameCandidates.resourceTypes = next.renameCandidates.resourceTypes
      .filter((c) => c.from !== from)
      .map((c) => ({ ...c, candidates: c.candidates.filter((n) => n !== to) }));
  }

  for (const [block, pairs] of entries(updates.block_resource_types)) {
    for (const [from, to] of entries(pairs)) {
      if (next.updateBlockResourceTypes.some((u) => u.block === block && u.from === from && u.to === to))
        continue;
      const lost = next.deleteResourceTypeLinks.findIndex(
        (l) => l.block === block && l.resourceType === from,
      );
      const gained = next.createResourceTypeLinks.findIndex(
        (l) => l.block === block && l.resourceType === to,
      );
      if (lost === -1 || gained === -1) {
        problems.push(
          `block_resource_types → ${block}: ${from} → ${to}: ${block} ${lost === -1 ? `does not lose resource type '${from}'` : `does not gain resource type '${to}'`} ` +
            `(loses: ${names(next.deleteResourceTypeLinks.filter((l) => l.block === block).map((l) => l.resourceType))}; gains: ${names(next.createResourceTypeLinks.filter((l) => l.block === block).map((l) => l.resourceType))})`,
        );
        continue;
      }
      const link = next.deleteResourceTypeLinks[lost]!;
      // The values move with the link: a deletion of the old type no longer takes them.
      const deleted = next.deleteResourceTypes.find((d) => d.resourceType === from);
      if (deleted) deleted.values = Math.max(0, deleted.values - link.values);
      next.updateBlockResourceTypes.push({
        block,
        from,
        to,
        values: link.values,
        location: next.createResourceTypeLinks[gained]!.location,
      });
      next.createResourceTypeLinks.splice(gained, 1);
      next.deleteResourceTypeLinks.splice(lost, 1);
      next.renameCandidates.blockResourceTypes = next.renameCandidates.blockResourceTypes
        .filter((c) => !(c.block === block && c.from === from))
        .map((c) => (c.block === block ? { ...c, candidates: c.candidates.filter((n) => n !== to) } : c));
    }
  }

  for (const [product, pairs] of entries(updates.fixed_inputs)) {
    for (const [from, to] of entries(pairs)) {
      if (next.renameFixedInputs.some((r) => r.product === product && r.from === from && r.to === to))
        continue;
      const removed = next.deleteFixedInputs.findIndex((d) => d.product === product && d.fixedInput === from);
      const added = next.createFixedInputs.findIndex((c) => c.product === product && c.fixedInput === to);
      if (removed === -1 || added === -1) {
        problems.push(
          `fixed_inputs → ${product}: ${from} → ${to}: ${product} ${removed === -1 ? `does not lose fixed input '${from}'` : `does not gain fixed input '${to}'`} ` +
            `(loses: ${names(next.deleteFixedInputs.filter((d) => d.product === product).map((d) => d.fixedInput))}; gains: ${names(next.createFixedInputs.filter((c) => c.product === product).map((c) => c.fixedInput))})`,
        );
        continue;
      }
      next.renameFixedInputs.push({ product, from, to, location: next.createFixedInputs[added]!.location });
      next.deleteFixedInputs.splice(removed, 1);
      next.createFixedInputs.splice(added, 1);
      next.renameCandidates.fixedInputs = next.renameCandidates.fixedInputs.filter(
        (c) => !(c.product === product && c.from === from),
      );
    }
  }

  // Product and block renames change everything below them, which only the diff can work out.
  for (const [from, to] of entries(updates.products)) {
    if (!next.renameProducts.some((r) => r.from === from && r.to === to)) {
      problems.push(
        `products: ${from} → ${to}: declare it in the model (renamedFrom: "${from}") so the diff applies it`,
      );
    }
  }
  for (const [from, to] of entries(updates.product_blocks)) {
    if (!next.renameProductBlocks.some((r) => r.from === from && r.to === to)) {
      problems.push(
        `product_blocks: ${from} → ${to}: declare it in the model (renamedFrom: "${from}") so the diff applies it`,
      );
    }
  }

  if (problems.length > 0) throw AnswersFileError.unmatchedUpdates(problems);
  return next;
}

function entries<T>(record: Record<string, T> | undefined): [string, T][] {
  return record === undefined ? [] : Object.keys(record).map((k) => [k, own(record, k) as T]);
}

const names = (items: readonly string[]): string => (items.length === 0 ? "none" : items.join(", "));

/** An --updates value, checked for shape. */
export function parseUpdates(raw: unknown): Updates | undefined {
  if (raw === undefined || raw === null) return undefined;
  let value = raw;
  if (typeof raw === "string") {
    try {
      value = JSON.parse(raw);
    } catch (cause) {
      throw new AnswersFileError(
        "ORCH_ANSWERS_FILE_INVALID",
        `--updates is not valid JSON: ${(cause as Error).message}`,
        { cause },
      );
    }
  }
  const isObject = (v: unknown): v is Record<string, unknown> =>
    typeof v === "object" && v !== null && !Array.isArray(v);
  if (!isObject(value)) throw AnswersFileError.notAnObject("--updates", "(top level)");
  const known = ["fixed_inputs", "resource_types", "block_resource_types", "product_blocks", "products"];
  const unknown = Object.keys(value).filter((k) => !known.includes(k));
  if (unknown.length > 0) throw AnswersFileError.unknownNames("--updates", "sections", unknown, known);
  const depth: Record<string, number> = {
    fixed_inputs: 2,
    block_resource_types: 2,
    resource_types: 1,
    product_blocks: 1,
    products: 1,
  };
  for (const [section, content] of Object.entries(value)) {
    const check = (v: unknown, level: number, path: string[]): void => {
      if (level === 0) {
        if (typeof v !== "string")
          throw new AnswersFileError(
            "ORCH_ANSWERS_FILE_INVALID",
            `--updates → ${path.join(" → ")}: expected the new name as a string.`,
          );
        return;
      }
      if (!isObject(v)) throw AnswersFileError.notAnObject("--updates", path.join(" → "));
      for (const [k, inner] of Object.entries(v)) check(inner, level - 1, [...path, k]);
    };
    check(content, depth[section]!, [section]);
  }
  return value as Updates;
}
