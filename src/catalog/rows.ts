// Catalog items as list rows and hub summaries (pure; the screens draw them).
import type { Catalog, CatalogItem } from './types';

export interface ItemRow {
  id: string;
  label: string;
  group: string;
  detail: string;
  description: string;
  disabledReason?: string;
}

/** What an item installs, in nixpkgs words: its options first (modules are preferred), then packages. */
export function provides(item: CatalogItem): string {
  return [...item.options.map((o) => o.path), ...item.packages].join(', ');
}

export function itemRow(item: CatalogItem): ItemRow {
  if (item.retired) {
    return {
      id: item.id,
      label: item.label,
      group: item.group,
      detail: '',
      description: `${item.label} is retired: ${item.retired.reason}. Use ${item.retired.instead} instead.`,
      disabledReason: `retired; use ${item.retired.instead} instead. ${item.retired.reason}`,
    };
  }
  const tags = [item.unofficial ? 'unofficial' : '', item.unfree.length ? 'unfree' : ''].filter(Boolean);
  const notes = [
    item.summary + '.',
    item.unofficial ?? '',
    item.unfree.length
      ? `Unfree licence: ${item.unfree.join(', ')} (allowed in the generated configuration).`
      : '',
    item.alternatives.length ? `Also available: ${item.alternatives.join(', ')}.` : '',
  ].filter(Boolean);
  return {
    id: item.id,
    label: item.label,
    group: item.group,
    detail: provides(item) + (tags.length ? ` · ${tags.join(', ')}` : ''),
    description: notes.join(' '),
  };
}

export const catalogRows = (catalog: Catalog): ItemRow[] => catalog.items.map(itemRow);

export type ListStatus =
  | { kind: 'done'; summary: string }
  | { kind: 'missing'; summary: string }
  | { kind: 'optional'; summary: string }
  | { kind: 'info'; summary: string };

/** Labels of the chosen items in catalog order, e.g. "Signal, Telegram, Zoom". */
export function chosenLabels(catalog: Catalog, ids: readonly string[]): string[] {
  return catalog.items.filter((i) => ids.includes(i.id)).map((i) => i.label);
}

/** Optional list sections: "none chosen" until something is, then the choices. */
export function selectionStatus(catalog: Catalog, ids: readonly string[], none: string): ListStatus {
  const labels = chosenLabels(catalog, ids);
  if (labels.length === 0) return { kind: 'optional', summary: none };
  return { kind: 'done', summary: `${labels.length} chosen: ${labels.join(', ')}` };
}
