// A fulfilment task's step as a transaction item: conditioned on the status it was read in, so
// two staff pressing the same button (or a cancel racing a handover) cannot both move it.
import type { TxEntities, TxWrite } from '../inventory/ledger/ledger.ts';
import type { FulfilmentItem } from './fulfilment-entity.ts';
import { fulfilmentTransition, STEP_TIME, type FulfilmentAction } from './fulfilment-state.ts';

export const fulfilmentPatch = (e: TxEntities, f: FulfilmentItem, action: FulfilmentAction | 'cancel', actorId: string, at: Date): TxWrite =>
  e.fulfilment
    .patch({ tenantId: f.tenantId, fulfilmentId: f.fulfilmentId })
    // createdAt is restated: status and it make up the store list's sort key.
    .set({ status: fulfilmentTransition(f.status, action), createdAt: f.createdAt, [STEP_TIME[action]]: at.toISOString(), actors: { ...f.actors, [action]: actorId } })
    .where((a, { eq }) => eq(a.status, f.status))
    .commit();
