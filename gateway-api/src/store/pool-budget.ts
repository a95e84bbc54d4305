/**
 * Connections (hence operations in flight) each of the gateway's store clients may open. FerretDB 1.24 on
 * PostgreSQL serves every client from one pool of 50 PostgreSQL connections, and an update or delete holds one of
 * them for its read while it waits for a second for its write: 50 updates in flight at once take the whole pool and
 * wait for each other for ever (found with 200 ambulances reporting positions, docs/store.md). The gateway has four
 * clients (the query store, EMS, and the kiosk's two), so 4 × 10 stays below 50 with room for the tools.
 */
export const STORE_POOL_SIZE = 10;
