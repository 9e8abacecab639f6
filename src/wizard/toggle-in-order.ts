/**
 * Toggles `item` in `chosen`: removes it when chosen, otherwise adds it and returns the chosen items in the
 * order of `all`, so a saved list never depends on the order the user ticked the rows in.
 */
export function toggleInOrder<T>(all: readonly T[], chosen: readonly T[], item: T): T[] {
  return chosen.includes(item)
    ? chosen.filter((c) => c !== item)
    : all.filter((a) => a === item || chosen.includes(a));
}
