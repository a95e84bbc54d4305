import type { StoreRow } from './store-comparison';

/** Read access to the query store's `referrals` collection, as the audit needs it. */
export interface ReferralStoreReader {
  /** Calls `visit` for every row. */
  forEachRow(visit: (row: StoreRow) => void): Promise<void>;
  /** The rows with these IDs (absent IDs are simply not returned). */
  rowsById(ids: readonly string[]): Promise<StoreRow[]>;
}
