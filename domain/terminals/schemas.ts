// Requests of the terminals routes.
import { z } from 'zod';
import { idPattern } from '../shared/ids.ts';
import { PageQuery } from '../shared/pagination.ts';

const StoreId = z.string().regex(idPattern('store'), 'a store id (sto_...)');
const TerminalId = z.string().regex(idPattern('terminal'), 'a terminal id (trm_...)');

export const StoreProvisioningPath = z.object({ storeId: StoreId });
export const TerminalPath = z.object({ id: TerminalId });
/** The code route takes no options; an empty object keeps clients free to send `{}`. */
export const NewProvisioningCode = z.object({}).strict();

export const TerminalListQuery = PageQuery.extend({ storeId: StoreId.optional() });
export type TerminalListQuery = z.infer<typeof TerminalListQuery>;
