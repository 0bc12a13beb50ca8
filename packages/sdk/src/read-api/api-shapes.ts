// The shapes orchestrator-core's REST API returns for product metadata, field for field and in its
// declaration order, so that scripts written against orchestrator-core read ours unchanged. Datetimes
// are Unix timestamps in seconds (with a fraction), as orchestrator-core serialises them.

export interface ResourceTypeSchema {
  resource_type: string;
  description: string | null;
  resource_type_id: string;
}

export interface ProductBlockSchema {
  product_block_id: string;
  name: string;
  description: string;
  tag: string | null;
  status: string | null;
  created_at: number;
  end_date: number | null;
  resource_types: ResourceTypeSchema[] | null;
}

export interface FixedInputSchema {
  fixed_input_id: string;
  name: string;
  value: string;
  product_id: string;
  created_at: number;
}

export interface WorkflowSchema {
  name: string;
  target: string;
  is_task: boolean;
  description: string | null;
  created_at: number;
  workflow_id: string;
  /** orchestrator-core fills this from the workflow's code, which a database view does not have. */
  steps: null;
}

export interface ProductSchema {
  product_id: string;
  name: string;
  description: string;
  product_type: string;
  status: string;
  tag: string;
  created_at: number;
  end_date: number | null;
  product_blocks: ProductBlockSchema[];
  fixed_inputs: FixedInputSchema[];
  workflows: WorkflowSchema[];
}

/** One row of product_block_relations: `in_use_by_id` depends on `depends_on_id`. */
export interface ProductBlockRelation {
  in_use_by_id: string;
  depends_on_id: string;
}

export interface ProductFilter {
  /** Exact match on the product's tag. */
  tag?: string;
  /** Exact match on the product's type. */
  productType?: string;
}
