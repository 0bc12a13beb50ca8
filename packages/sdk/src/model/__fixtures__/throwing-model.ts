// Throws while being imported: loadRegistry must point at the throw below.
import { defineProductBlock, r } from "../index.ts";

export const Fine = defineProductBlock({ name: "Fine", fields: { v: r.string() } });

function broken(): never {
  throw new Error("model file exploded");
}

export const SUBSCRIPTION_MODEL_REGISTRY = broken();
