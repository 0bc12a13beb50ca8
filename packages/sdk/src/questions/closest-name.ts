// The known name a misspelt one most likely meant, for "did you mean" in messages: the smallest edit
// distance (insertions, deletions, substitutions and swaps of neighbours, case ignored), and only when it is close enough to be a
// typo rather than another name altogether.

/** The closest of `known` to `name`, or undefined when none is within a third of the name's length. */
export function closestName(name: string, known: Iterable<string>): string | undefined {
  const limit = Math.max(1, Math.floor(name.length / 3));
  let best: { name: string; distance: number } | undefined;
  for (const candidate of known) {
    const distance = editDistance(name.toLowerCase(), candidate.toLowerCase());
    if (distance > limit) continue;
    // Ties go to the first in code-point order, so the suggestion does not depend on input order.
    if (!best || distance < best.distance || (distance === best.distance && candidate < best.name))
      best = { name: candidate, distance };
  }
  return best?.name;
}

/**
 * Edit distance over UTF-16 code units where swapping two neighbours counts as one edit (optimal string
 * alignment), since "emial" for "email" is one slip of the fingers, not two.
 */
export function editDistance(a: string, b: string): number {
  let before = Array.from({ length: b.length + 1 }, () => 0);
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1);
      let distance = Math.min(previous[j]! + 1, current[j - 1]! + 1, substitution);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        distance = Math.min(distance, before[j - 2]! + 1);
      current.push(distance);
    }
    before = previous;
    previous = current;
  }
  return previous[b.length]!;
}
