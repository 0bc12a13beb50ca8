// Errors in a user's domain model. Each factory states what is wrong, where, and how to fix it, so the
// CLI, the language server and tests all show the same wording; `code` is the stable part to match on.

import { formatLocation, OrchestratorError } from "../errors.ts";
import { DESCRIPTION_MAX_LENGTH, TAG_MAX_LENGTH } from "../limits.ts";
import { characterCount } from "./character-count.ts";
import type { SourceLocation } from "./domain-model.ts";

function at(location: SourceLocation | undefined): string {
  return location ? ` (${formatLocation(location)})` : "";
}

export const FIELD_NAME_PATTERN = /^[A-Za-z][A-Za-z0-9_]*$/;

export class ModelError extends OrchestratorError {
  static duplicateBlockName(name: string, location: SourceLocation, first: SourceLocation): ModelError {
    return new ModelError(
      "ORCH_DUPLICATE_BLOCK_NAME",
      `Two different product blocks are named "${name}"${at(location)}; the first is defined at ${formatLocation(first)}. ` +
        "A block name is the product_blocks row's name and must be unique: rename one of them, or reuse the first definition.",
      { location },
    );
  }

  static duplicateProductTypeName(name: string, location: SourceLocation, first: SourceLocation): ModelError {
    return new ModelError(
      "ORCH_DUPLICATE_PRODUCT_TYPE_NAME",
      `Two different product types are named "${name}"${at(location)}; the first is defined at ${formatLocation(first)}. ` +
        "Rename one of them, or register the same definition under several product names.",
      { location },
    );
  }

  static invalidName(what: string, name: unknown, location: SourceLocation | undefined): ModelError {
    return new ModelError(
      "ORCH_INVALID_NAME",
      `The ${what} name ${JSON.stringify(name)} is not a non-empty string${at(location)}. Give it a name such as "UserBlock".`,
      location ? { location } : {},
    );
  }

  static invalidFieldName(owner: string, field: string, location: SourceLocation): ModelError {
    return new ModelError(
      "ORCH_INVALID_FIELD_NAME",
      `Field "${field}" of ${owner} is not a valid field name${at(location)}. Field names become resource type and ` +
        "fixed input names and attribute names in the database: start with a letter and use only letters, digits and _.",
      { location },
    );
  }

  static underscoreFieldName(owner: string, field: string, location: SourceLocation): ModelError {
    return new ModelError(
      "ORCH_UNDERSCORE_FIELD_NAME",
      `Field "${field}" of ${owner} starts with "_"${at(location)}. The Python orchestrator silently ignores such fields, ` +
        "so they would never reach the database; rename the field so it starts with a letter, or remove it.",
      { location },
    );
  }

  static fieldNameCollision(owner: string, field: string, location: SourceLocation): ModelError {
    return new ModelError(
      "ORCH_FIELD_NAME_COLLISION",
      `"${field}" of ${owner} is declared both as a fixed input and as a block field${at(location)}. ` +
        "A subscription has one property per name: rename one of them.",
      { location },
    );
  }

  static invalidField(owner: string, field: string, reason: string, location: SourceLocation): ModelError {
    return new ModelError("ORCH_INVALID_FIELD", `Field "${field}" of ${owner} ${reason}${at(location)}.`, {
      location,
    });
  }

  static emptyEnum(owner: string, field: string, location: SourceLocation): ModelError {
    return new ModelError(
      "ORCH_EMPTY_ENUM",
      `Field "${field}" of ${owner} is an enum without values${at(location)}. Give r.enum() at least one value.`,
      { location },
    );
  }

  static invalidScalarKind(name: unknown, reason: string): ModelError {
    return new ModelError(
      "ORCH_INVALID_SCALAR_KIND",
      `defineScalarKind(${JSON.stringify(name) ?? "undefined"}) is invalid: ${reason}. ` +
        'Write defineScalarKind({ name: "vlan_range", parse: (text) => …, format: (value) => … }).',
    );
  }

  static tagTooLong(owner: string, tag: string, location: SourceLocation): ModelError {
    return new ModelError(
      "ORCH_TAG_TOO_LONG",
      `The tag "${tag}" of ${owner} has ${characterCount(tag)} characters${at(location)}; the database allows ${TAG_MAX_LENGTH}. Shorten it.`,
      { location },
    );
  }

  static descriptionTooLong(owner: string, length: number, location: SourceLocation): ModelError {
    return new ModelError(
      "ORCH_DESCRIPTION_TOO_LONG",
      `The description of ${owner} has ${length} characters${at(location)}; at most ${DESCRIPTION_MAX_LENGTH} are allowed. Shorten it.`,
      { location },
    );
  }

  static duplicateRegistryKey(key: string, location: SourceLocation, first: SourceLocation): ModelError {
    return new ModelError(
      "ORCH_DUPLICATE_REGISTRY_KEY",
      `The product "${key}" is registered twice${at(location)}; the first entry is at ${formatLocation(first)}. ` +
        "A JavaScript object keeps only the last one, so the first would silently be lost: remove or rename one entry.",
      { location },
    );
  }

  static notAProductType(key: string, location: SourceLocation): ModelError {
    return new ModelError(
      "ORCH_INVALID_REGISTRY_ENTRY",
      `The registry entry "${key}" is not a product type${at(location)}. Use a defineProductType() result, ` +
        "or { type: <product type>, description?, tag?, fixedInputs?, renamedFrom? }.",
      { location },
    );
  }

  static unknownFixedInput(
    product: string,
    name: string,
    known: string[],
    location: SourceLocation,
  ): ModelError {
    const list = known.length ? known.join(", ") : "none";
    return new ModelError(
      "ORCH_UNKNOWN_FIXED_INPUT",
      `The registry entry "${product}" gives a value for "${name}", which is not a fixed input of its product type${at(location)}. ` +
        `Known fixed inputs: ${list}. Remove the value or add the fixed input to the product type.`,
      { location },
    );
  }

  static invalidFixedInputValue(
    product: string,
    name: string,
    value: unknown,
    expected: string,
    location: SourceLocation,
  ): ModelError {
    return new ModelError(
      "ORCH_INVALID_FIXED_INPUT_VALUE",
      `The value ${JSON.stringify(value)} of fixed input "${name}" for "${product}" is not ${expected}${at(location)}. Fix the value.`,
      { location },
    );
  }

  static requiredBlockCycle(block: string, path: string[], location: SourceLocation): ModelError {
    return new ModelError(
      "ORCH_REQUIRED_BLOCK_CYCLE",
      `The product block "${block}" contains itself through required fields: ${path.join(" → ")}${at(location)}. ` +
        "Such a block can never be instantiated. Make one field of the cycle optional (.optional()) or a list (r.list(...)).",
      { location },
    );
  }

  static unresolvedBlock(owner: string, field: string, location: SourceLocation): ModelError {
    return new ModelError(
      "ORCH_UNRESOLVED_BLOCK",
      `Field "${field}" of ${owner} does not refer to a product block${at(location)}. ` +
        "Pass a defineProductBlock() result, or for a block defined later a function returning it: r.block(() => B).",
      { location },
    );
  }
}

/** Problems loading the user's model module (not problems in the model itself). */
export class RegistryLoadError extends OrchestratorError {
  static notARegistry(modulePath: string, exports: string[]): RegistryLoadError {
    return new RegistryLoadError(
      "ORCH_NOT_A_REGISTRY",
      `${modulePath} exports no registry (exports: ${exports.join(", ") || "none"}). ` +
        "Export the defineRegistry() result as SUBSCRIPTION_MODEL_REGISTRY or as the default export.",
    );
  }

  static importFailed(
    modulePath: string,
    cause: unknown,
    location: SourceLocation | undefined,
  ): RegistryLoadError {
    const reason = cause instanceof Error ? cause.message : String(cause);
    return new RegistryLoadError(
      "ORCH_MODEL_IMPORT_FAILED",
      `Loading the domain model ${modulePath} failed${at(location)}: ${reason}. Fix the error in the model file. ` +
        "Note: imports between model files must name the file with its .ts extension.",
      location ? { location, cause } : { cause },
    );
  }
}
