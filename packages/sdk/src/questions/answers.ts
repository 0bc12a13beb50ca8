// What the questions produce and the plan consumes: plain data, keyed by the names used in the change set
// (after renames). Built with Object.fromEntries so a name like "__proto__" stays an ordinary key.

export interface ProductAnswers {
  description: string;
  tag: string;
}

export interface BlockAnswers {
  description: string;
  /** product_blocks.tag is nullable: null = no tag. */
  tag: string | null;
}

export interface ResourceTypeAnswers {
  description: string;
}

export interface Answers {
  /** New products. */
  products: Record<string, ProductAnswers>;
  /** product → fixed input → value, for every created fixed input. */
  fixedInputs: Record<string, Record<string, string>>;
  /** New product blocks. */
  blocks: Record<string, BlockAnswers>;
  /** New resource types. */
  resourceTypes: Record<string, ResourceTypeAnswers>;
  /**
   * block → resource type → values given to existing instances when the link is created; one value row
   * per element (list resource types), an empty list = no rows.
   */
  defaultValues: Record<string, Record<string, string[]>>;
  /** The user confirmed filling the lists below their `.min()` (change set `belowMin`); false: leave them. */
  fillListsToMin: boolean;
}

/** Own-property lookup: safe for any name, including "__proto__" or "constructor". */
export function own<T>(record: Record<string, T> | undefined, key: string): T | undefined {
  return record !== undefined && Object.hasOwn(record, key) ? record[key] : undefined;
}

export function emptyAnswers(): Answers {
  return {
    products: {},
    fixedInputs: {},
    blocks: {},
    resourceTypes: {},
    defaultValues: {},
    fillListsToMin: false,
  };
}
