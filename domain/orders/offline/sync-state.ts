// A terminal's sync state: brought up to date once per batch, and read back as where the sync
// stands, gaps included. Both read only the terminal's own partition: its state item and the marks
// of seqs after the last point known to be gap-free, never a scan.
import type { Clock } from '../../shared/clock.ts';
import { isConditionalCheckFailed } from '../../shared/dynamo.ts';
import { retryOptimistically, RETRY } from '../../shared/optimistic-retry.ts';
import { StockBusyError } from '../../inventory/errors.ts';
import type { StockService } from '../../inventory/stock-service.ts';
import type { SaleOutcome, SyncTerminal } from './record-sale.ts';
import { seqKey, type PosSaleMarkItem } from './sale-mark-entity.ts';
import { MAX_SEQ } from './schemas.ts';
import type { SyncStatusView } from './views.ts';

type Deps = { service: StockService; clock: Clock };

/** Refusals kept on the state item, newest first, for whoever looks into a till's sync. */
const RECENT_REJECTIONS = 20;
const MARK_PAGE = 100;
/** The status lists gaps from at most this many marks; past them it says the list is incomplete. */
const MAX_MARKS_READ = 1_000;
const MAX_RANGES = 100;
const MAX_ATTEMPTS = 8;

/** Marks of seqs `from` to `to`, in seq order, a page at a time; false if `take` or `limit` stopped the walk. */
const walkMarks = async (key: { tenantId: string; terminalId: string }, from: number, to: number, { service }: Pick<Deps, 'service'>, take: (m: PosSaleMarkItem) => boolean, limit = Infinity): Promise<boolean> => {
  let cursor: string | null = null;
  let read = 0;
  do {
    const page: { data: PosSaleMarkItem[]; cursor: string | null } = await service.entities.posSaleMark.query
      .bySeq(key)
      .between({ seqKey: seqKey(from) }, { seqKey: seqKey(to) })
      .go({ limit: MARK_PAGE, cursor, consistent: true });
    for (const m of page.data) if (!take(m) || ++read >= limit) return false;
    cursor = page.cursor;
  } while (cursor);
  return true;
};

/** Each batch walks only the marks that became gap-free since the last, plus the one after. */
const contiguousFrom = async (key: { tenantId: string; terminalId: string }, known: number, deps: Pick<Deps, 'service'>): Promise<number> => {
  let contiguous = known;
  await walkMarks(key, known + 1, MAX_SEQ, deps, (m) => {
    if (m.seq !== contiguous + 1) return false;
    contiguous = m.seq;
    return true;
  });
  return contiguous;
};

export const recordBatch = async (tenantId: string, terminal: SyncTerminal, outcomes: readonly SaleOutcome[], deps: Deps): Promise<void> => {
  const key = { tenantId, terminalId: terminal.thingName };
  const at = deps.clock.now().toISOString();
  const count = (status: SaleOutcome['status']) => outcomes.filter((o) => o.status === status).length;
  const refusals = outcomes.flatMap((o) => (o.status === 'rejected' ? [{ clientSaleId: o.clientSaleId, seq: o.seq, code: o.code, at }] : [])).reverse();
  await retryOptimistically(MAX_ATTEMPTS, () => new StockBusyError(), async () => {
    const { data: state } = await deps.service.entities.posSyncState.get(key).go({ consistent: true });
    const contiguousSeq = await contiguousFrom(key, state?.contiguousSeq ?? 0, deps);
    const highestSeq = Math.max(state?.highestSeq ?? 0, contiguousSeq, ...outcomes.map((o) => o.seq));
    const version = state?.version;
    try {
      await deps.service.entities.posSyncState
        .update(key)
        .set({ storeId: terminal.storeId, contiguousSeq, highestSeq, lastSyncAt: at, firstSyncAt: state?.firstSyncAt ?? at, recentRejections: [...refusals, ...(state?.recentRejections ?? [])].slice(0, RECENT_REJECTIONS), version: (version ?? 0) + 1 })
        .add({ batches: 1, accepted: count('accepted'), duplicates: count('duplicate'), rejected: count('rejected') })
        .where((a, { eq, notExists }) => (version === undefined ? notExists(a.version) : eq(a.version, version)))
        .go();
      return undefined;
    } catch (error) {
      // Another batch of this terminal updated it first: read again.
      if (isConditionalCheckFailed(error)) return RETRY;
      throw error;
    }
  });
};

/** The seqs after `contiguous` up to `highest` that no mark holds, as ranges; complete unless there are too many. */
const missingAfter = async (key: { tenantId: string; terminalId: string }, contiguous: number, highest: number, deps: Pick<Deps, 'service'>) => {
  const missing: { from: number; to: number }[] = [];
  let expected = contiguous + 1;
  if (expected > highest) return { missing, complete: true };
  const walked = await walkMarks(
    key,
    expected,
    highest,
    deps,
    (m) => {
      if (m.seq > expected) missing.push({ from: expected, to: m.seq - 1 });
      expected = m.seq + 1;
      return missing.length < MAX_RANGES;
    },
    MAX_MARKS_READ,
  );
  const complete = (walked || expected > highest) && missing.length < MAX_RANGES;
  if (complete && expected <= highest) missing.push({ from: expected, to: highest });
  return { missing, complete };
};

export const readSyncStatus = async (tenantId: string, terminal: SyncTerminal, deps: Pick<Deps, 'service'>): Promise<SyncStatusView> => {
  const { data: state } = await deps.service.entities.posSyncState.get({ tenantId, terminalId: terminal.thingName }).go({ consistent: true });
  const recorded = state?.recorded ?? 0;
  const highest = Math.max(state?.highestSeq ?? 0, state?.contiguousSeq ?? 0);
  const { missing, complete } = await missingAfter({ tenantId, terminalId: terminal.thingName }, state?.contiguousSeq ?? 0, highest, deps);
  return {
    terminalId: terminal.thingName,
    storeId: terminal.storeId,
    highestSeq: highest,
    highestContiguousSeq: missing.length ? missing[0]!.from - 1 : complete ? highest : state?.contiguousSeq ?? 0,
    recordedSales: recorded,
    missingCount: complete ? missing.reduce((n, r) => n + r.to - r.from + 1, 0) : Math.max(0, highest - recorded),
    missing,
    missingComplete: complete,
    firstSyncAt: state?.firstSyncAt ?? null,
    lastSyncAt: state?.lastSyncAt ?? null,
    batches: state?.batches ?? 0,
    answered: { accepted: state?.accepted ?? 0, duplicates: state?.duplicates ?? 0, rejected: state?.rejected ?? 0 },
    recentRejections: (state?.recentRejections ?? []).map(({ clientSaleId, seq, code, at }) => ({ clientSaleId, seq, code, at })),
  };
};
