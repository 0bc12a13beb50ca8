// Checks and normalises one answer. The limits are the database's (products.tag varchar(20) NOT NULL,
// descriptions varchar(2000), values varchar(10000)), so a bad answer fails here, with its source named,
// instead of halfway through a migration. Scalars must parse the way the model's type reads them back.
import { isIPv4, isIPv6 } from "node:net";
import { DESCRIPTION_MAX_LENGTH, TAG_MAX_LENGTH, VALUE_MAX_LENGTH } from "../limits.ts";
import { characterCount } from "../model/character-count.ts";
import type { ScalarSpec } from "../model/domain-model.ts";
import type { Question } from "./question.ts";

export { DESCRIPTION_MAX_LENGTH, TAG_MAX_LENGTH, VALUE_MAX_LENGTH };

/** A normalised answer: text, null (an optional answer left empty), or the elements of a default value. */
export type Interpreted = { ok: true; value: string | null | string[] } | { ok: false; reason: string };

const fail = (reason: string): Interpreted => ({ ok: false, reason });

export function interpretAnswer(question: Question, raw: string): Interpreted {
  // A description is prose and is kept exactly as written, leading and trailing whitespace included;
  // names, tags and values are trimmed.
  const answer = question.kind.endsWith("-description") ? raw : raw.trim();
  const { required, maxLength, spec } = question.constraints;
  if (question.kind === "default-value") return interpretDefault(answer, spec, required);
  if (answer.trim() === "") return required ? fail("an answer is required") : { ok: true, value: null };
  const length = characterCount(answer);
  if (maxLength !== undefined && length > maxLength) {
    return fail(`at most ${maxLength} characters are allowed, got ${length}`);
  }
  if (spec) {
    const parsed = parseScalar(answer, spec);
    return typeof parsed === "string" ? { ok: true, value: parsed } : parsed;
  }
  return { ok: true, value: answer };
}

const INT = /^[+-]?\d+$/;
const FLOAT = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const BOOLS: Record<string, string> = {
  true: "true",
  false: "false",
  yes: "true",
  no: "false",
  "1": "true",
  "0": "false",
};

/** The stored text of a scalar, or why it does not parse. */
export function parseScalar(answer: string, spec: ScalarSpec): string | Interpreted {
  const length = characterCount(answer);
  if (length > VALUE_MAX_LENGTH)
    return fail(`at most ${VALUE_MAX_LENGTH} characters are allowed, got ${length}`);
  switch (spec.kind) {
    case "string":
      return answer;
    case "int":
      return INT.test(answer) ? BigInt(answer).toString() : fail(`'${answer}' is not an integer`);
    case "float":
      return FLOAT.test(answer) ? answer : fail(`'${answer}' is not a number`);
    case "bool": {
      const value = BOOLS[answer.toLowerCase()];
      return value ?? fail(`'${answer}' is not a boolean (use true or false)`);
    }
    case "uuid":
      return UUID.test(answer) ? answer.toLowerCase() : fail(`'${answer}' is not a UUID`);
    case "ipv4":
      return isIPv4(answer) ? answer : fail(`'${answer}' is not an IPv4 address`);
    case "ipv6":
      return isIPv6(answer) ? answer : fail(`'${answer}' is not an IPv6 address`);
    case "enum": {
      const values = spec.values ?? [];
      return values.includes(answer)
        ? answer
        : fail(`'${answer}' is not one of ${values.map((v) => `'${v}'`).join(", ")}`);
    }
  }
}

/**
 * Default values. A list resource type takes a JSON array (`["a", "b"]`, `[1, 2]`): one value row per
 * element; any other text is a one-element list. An empty answer or `[]` gives no rows, which is allowed
 * for lists and optional resource types only.
 */
function interpretDefault(answer: string, spec: ScalarSpec | undefined, required: boolean): Interpreted {
  const scalar: ScalarSpec = spec ?? { kind: "string", list: false };
  let elements: string[];
  if (scalar.list && answer.startsWith("[")) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(answer);
    } catch {
      return fail('a list value must be a JSON array, e.g. ["a", "b"]');
    }
    if (!Array.isArray(parsed) || parsed.some((e) => e === null || typeof e === "object")) {
      return fail("a list value must be a JSON array of strings, numbers or booleans");
    }
    elements = parsed.map(String);
  } else {
    elements = answer === "" ? [] : [answer];
  }
  if (elements.length === 0) {
    return required && !scalar.list
      ? fail("a value is required: the resource type is required")
      : { ok: true, value: [] };
  }
  const values: string[] = [];
  for (const element of elements) {
    const parsed = parseScalar(element.trim(), scalar);
    if (typeof parsed !== "string") return parsed;
    values.push(parsed);
  }
  return { ok: true, value: values };
}
