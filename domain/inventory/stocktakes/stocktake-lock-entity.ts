// How many stocktakes a location has posted. Each stocktake moves it from n to n+1 on condition
// that it is still n, in the same transaction as its variances: two stocktakes of one location
// racing cannot both post a variance planned from the same onHand (the ledger's guards pin only a
// lower bound, so without this the second would apply its stale delta to the first's result).
import { Entity } from 'electrodb';
import type { DocumentClient } from '../../shared/data-scope.ts';

export const createStocktakeLockEntity = (table: string, client: DocumentClient) =>
  new Entity(
    {
      model: { entity: 'stocktakeLock', version: '1', service: 'storefleet' },
      attributes: {
        tenantId: { type: 'string', required: true, readOnly: true },
        locationId: { type: 'string', required: true, readOnly: true },
        posted: { type: 'number', required: true },
        lastStocktakeId: { type: 'string', required: true },
      },
      indexes: {
        byLocation: {
          pk: { field: 'pk', composite: ['tenantId', 'locationId'], template: '${tenantId}#stocktakeLock#${locationId}', casing: 'none' },
          sk: { field: 'sk', composite: [], template: 'lock', casing: 'none' },
        },
      },
    },
    { table, client },
  );
