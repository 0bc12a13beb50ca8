// The model a pull writes, as plain data: what each file declares and under which names. Built by
// planPull (plan-pull.ts), written out by render-files.ts.
import type { InferredKind } from "./infer-kind.ts";

export interface PulledResourceType {
  /** The resource type's name, which is the field's name. */
  name: string;
  kind: InferredKind;
  description?: string;
}

export interface PulledBlockField {
  /** The field name: domain_model_attr where subscriptions show it, else from the block's name. */
  attribute: string;
  /** Names of the blocks it holds (several: a union), sorted. */
  blocks: string[];
  list: boolean;
}

export interface PulledBlock {
  name: string;
  identifier: string;
  /** Under product_blocks/, without ".ts". */
  fileName: string;
  description: string;
  tag?: string;
  blockFields: PulledBlockField[];
  resourceTypes: PulledResourceType[];
}

export interface PulledFixedInput {
  name: string;
  kind: InferredKind;
}

export interface PulledProductType {
  name: string;
  identifier: string;
  /** Under product_types/, without ".ts". */
  fileName: string;
  fixedInputs: PulledFixedInput[];
  blockFields: PulledBlockField[];
}

export interface PulledProduct {
  name: string;
  productType: string;
  description: string;
  tag: string;
  fixedInputs: { name: string; value: string }[];
}

export interface PulledModel {
  /** Sorted by name. */
  blocks: PulledBlock[];
  productTypes: PulledProductType[];
  products: PulledProduct[];
  /** What the database has that no product reaches, so that no model file can declare it. */
  unreachable: { blocks: string[]; resourceTypes: string[] };
}
