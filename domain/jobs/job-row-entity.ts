// One row of a job, once handled. Its creation is the condition in the row's transaction: a
// redelivered chunk finds its rows already there and handles none of them twice.
import { Entity } from 'electrodb';
import { documentClient } from '../shared/dynamo.ts';
import { boundTable } from '../shared/bindings.ts';

export const createJobRowEntity = (table = boundTable('main')) =>
  new Entity(
    {
      model: { entity: 'jobRow', version: '1', service: 'storefleet' },
      attributes: {
        tenantId: { type: 'string', required: true, readOnly: true },
        jobId: { type: 'string', required: true, readOnly: true },
        row: { type: 'number', required: true, readOnly: true },
        outcome: { type: ['imported', 'refused'] as const, required: true, readOnly: true },
        /** Epoch seconds: row markers matter only while the job can still be redelivered. */
        expiresAt: { type: 'number', required: true, readOnly: true },
      },
      indexes: {
        byRow: {
          pk: { field: 'pk', composite: ['tenantId', 'jobId', 'row'], template: '${tenantId}#job#${jobId}#row#${row}', casing: 'none' },
          sk: { field: 'sk', composite: [], template: 'row', casing: 'none' },
        },
      },
    },
    { table, client: documentClient },
  );
