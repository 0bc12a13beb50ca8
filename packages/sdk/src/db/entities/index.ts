import { PRODUCT_METADATA_ENTITIES } from "./product-metadata.ts";
import { SUBSCRIPTION_ENTITIES } from "./subscriptions.ts";

export * from "./product-metadata.ts";
export * from "./subscriptions.ts";

export const ENTITIES = [...PRODUCT_METADATA_ENTITIES, ...SUBSCRIPTION_ENTITIES];
