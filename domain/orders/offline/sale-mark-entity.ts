// One mark per recorded seq of a terminal, written in the sale's own transaction on the condition
// that the seq has none yet: a seq is recorded once, by one clientSaleId. The marks sort by seq in
// the terminal's sync partition, so "which seqs after n are recorded" is one Query of a key range.
import { Entity, type EntityItem } from 'electrodb';
import type { DocumentClient } from '../../shared/data-scope.ts';

/** Seqs in keys are zero-padded to this width so they sort as numbers (schemas.ts MAX_SEQ fits). */
const SEQ_WIDTH = 12;
export const seqKey = (seq: number): string => String(seq).padStart(SEQ_WIDTH, '0');

export const createPosSaleMarkEntity = (table: string, client: DocumentClient) =>
  new Entity(
    {
      model: { entity: 'posSaleMark', version: '1', service: 'storefleet' },
      attributes: {
        tenantId: { type: 'string', required: true, readOnly: true },
        terminalId: { type: 'string', required: true, readOnly: true },
        seqKey: { type: 'string', required: true, readOnly: true },
        seq: { type: 'number', required: true, readOnly: true },
        clientSaleId: { type: 'string', required: true, readOnly: true },
        orderId: { type: 'string', required: true, readOnly: true },
        recordedAt: { type: 'string', required: true, readOnly: true },
      },
      indexes: {
        bySeq: {
          pk: { field: 'pk', composite: ['tenantId', 'terminalId'], template: '${tenantId}#possync#${terminalId}', casing: 'none' },
          sk: { field: 'sk', composite: ['seqKey'], template: 'seq#${seqKey}', casing: 'none' },
        },
      },
    },
    { table, client },
  );

export type PosSaleMarkItem = EntityItem<ReturnType<typeof createPosSaleMarkEntity>>;
