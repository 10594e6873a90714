// How the catalog and warehouse routes are aimed at tenant A's data (see route-fixtures.ts).
import type { RouteFixtures } from './fixture-types.ts';

export const catalogRouteFixtures: RouteFixtures = {};
