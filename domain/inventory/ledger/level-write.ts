// Turns a level's plan into its transaction item: ADDs to onHand, reserved and free (which
// create the level on its first change), the low flag, the ledger line when onHand moves
// (`lastMove`, carried to the ledger by the level's stream record), and the plan's conditions.
import type { LevelCondition, LevelPlan } from './ledger-plan.ts';
import type { TxEntities } from './ledger.ts';
import type { MovementType } from './movement-types.ts';

/** A ledger line as the level records it; the level names the location and SKU. */
export type LevelMove = { movementId: string; type: MovementType; quantity: number; occurredAt: string; postingId: string; reference?: string; actorId?: string };

type Where = Parameters<ReturnType<ReturnType<TxEntities['stockLevel']['update']>['add']>['where']>[0];
type Attributes = Parameters<Where>[0];
type Operations = Parameters<Where>[1];

const expression = (a: Attributes, op: Operations, c: LevelCondition): string => {
  if (c.op === 'absent') return op.notExists(a.onHand);
  if (c.op === 'is') return c.value ? op.eq(a.low, true) : `(${op.notExists(a.low)} OR ${op.eq(a.low, false)})`;
  return c.op === 'gte' ? op.gte(a[c.attr], c.value) : op.lte(a[c.attr], c.value);
};

export const levelWrite = (e: TxEntities, tenantId: string, plan: LevelPlan, updatedAt: string, move?: LevelMove) =>
  e.stockLevel
    .update({ tenantId, locationId: plan.locationId, skuId: plan.skuId })
    .add(plan.add)
    .set({ low: plan.low, updatedAt, ...(move ? { lastMove: move } : {}) })
    .where((a, op) => plan.conditions.map((c) => expression(a, op, c)).join(' AND '))
    .commit();
