// Counts in messages, in one place, so that every front end says "1 subscription" and "2 subscriptions"
// the same way (and no message falls back to "subscription(s)").

/** The count and its noun in the right number: "1 instance", "2 instances", "2 processes". */
export function plural(count: number, noun: string, pluralNoun = regularPlural(noun)): string {
  return `${count} ${count === 1 ? noun : pluralNoun}`;
}

/** The word that agrees with `count`, without the count: "is" or "are", "loses" or "lose". */
export function agree(count: number, singular: string, pluralForm: string): string {
  return count === 1 ? singular : pluralForm;
}

// Enough for the domain's nouns (subscription, instance, process, value, migration); others pass the
// plural form.
function regularPlural(noun: string): string {
  return /(s|x|ch|sh)$/.test(noun) ? `${noun}es` : `${noun}s`;
}
