// The catalogs by the answers key they fill, and their ids (the answers schema accepts exactly these).
import { gamingCatalog } from './gaming';
import { messagingCatalog } from './messaging';
import { shellsCatalog } from './shells';
import { infrastructureCatalog, servicesCatalog } from './templates';
import type { Catalog } from './types';

export const catalogs = {
  shells: shellsCatalog,
  messaging: messagingCatalog,
  gaming: gamingCatalog,
  services: servicesCatalog,
  infrastructure: infrastructureCatalog,
} as const satisfies Record<string, Catalog>;

export type CatalogKey = keyof typeof catalogs;

export { gamingCatalog, infrastructureCatalog, messagingCatalog, servicesCatalog, shellsCatalog };
