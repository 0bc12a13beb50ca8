// What an answer must look like, in words a prompt, an input box or a placeholder can show: the kind of
// value, the values to pick from, and whether an empty answer is accepted. Read from the same
// constraints that validate the answer, so what is shown cannot drift from what is checked.
import type { ScalarSpec } from "../model/domain-model.ts";
import type { Question } from "./question.ts";

export interface ExpectedAnswer {
  /** "text", "integer", "IPv4 address", "one of internal, external", a custom kind's name, "list of …". */
  kind: string;
  /** The values to pick from: an enum's values, or true and false. Absent for free text and lists. */
  choices?: string[];
  maxLength?: number;
  /** An empty answer is accepted: an optional value, a block's tag, a list left empty. */
  emptyAllowed: boolean;
}

export function expectedAnswer(question: Question): ExpectedAnswer {
  const { required, maxLength, spec } = question.constraints;
  const list = spec?.list === true;
  const choices = spec && !list ? choicesOf(spec) : undefined;
  return {
    kind: spec ? kindOf(spec) : "text",
    ...(choices ? { choices } : {}),
    ...(maxLength !== undefined ? { maxLength } : {}),
    // A default value for a list may be empty whatever the field says: existing instances get no rows.
    emptyAllowed: !required || (question.kind === "default-value" && list),
  };
}

function choicesOf(spec: ScalarSpec): string[] | undefined {
  if (spec.kind === "enum") return [...(spec.values ?? [])];
  if (spec.kind === "bool") return ["true", "false"];
  return undefined;
}

const KIND_NAMES: Record<ScalarSpec["kind"], string> = {
  string: "text",
  int: "integer",
  float: "number",
  bool: "true or false",
  uuid: "UUID",
  ipv4: "IPv4 address",
  ipv6: "IPv6 address",
  enum: "one of",
};

function kindOf(spec: ScalarSpec): string {
  const scalar =
    spec.kind === "enum"
      ? `one of ${(spec.values ?? []).join(", ")}`
      : (spec.custom ?? KIND_NAMES[spec.kind]);
  return spec.list ? `list of ${scalar} (a JSON array, or one value)` : scalar;
}
