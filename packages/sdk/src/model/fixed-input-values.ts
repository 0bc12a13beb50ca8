// Fixed-input values given in registry entries. orchestrator-core stores any text and only fails when a
// subscription is loaded; we check the value against the declared kind up front instead, and store it as
// the text the database column holds (see docs/design.md, Domain models).
import { isIPv4, isIPv6 } from "node:net";
import type { ScalarSpec } from "./domain-model.ts";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The stored text, or undefined with `expected` describing what was wanted. */
export function fixedInputText(spec: ScalarSpec, value: unknown): { text?: string; expected: string } {
  const text =
    typeof value === "string" || typeof value === "number" || typeof value === "boolean"
      ? String(value)
      : undefined;
  const expected = describeKind(spec);
  if (text === undefined || text === "") return { expected };
  const ok = (() => {
    switch (spec.kind) {
      case "enum":
        return spec.values?.includes(text) ?? false;
      case "int":
        return /^[+-]?\d+$/.test(text);
      case "float":
        return text.trim() !== "" && Number.isFinite(Number(text));
      case "bool":
        return /^(true|false)$/i.test(text);
      case "uuid":
        return UUID.test(text);
      case "ipv4":
        return isIPv4(text);
      case "ipv6":
        return isIPv6(text);
      case "string":
        return true;
    }
  })();
  return ok ? { text, expected } : { expected };
}

function describeKind(spec: ScalarSpec): string {
  switch (spec.kind) {
    case "enum":
      return `one of ${(spec.values ?? []).map((value) => JSON.stringify(value)).join(", ")}`;
    case "int":
      return "a whole number";
    case "float":
      return "a number";
    case "bool":
      return "true or false";
    case "uuid":
      return "a UUID";
    case "ipv4":
      return "an IPv4 address";
    case "ipv6":
      return "an IPv6 address";
    case "string":
      return "a non-empty string";
  }
}
