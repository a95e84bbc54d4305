/** Goals of issue 8 for the ledger bench: throughput ratios (same network, client and concurrency). */
export const GOALS = { 'create/no-op': 0.9, 'accept/no-op': 0.75, 'API/direct create': 0.85, 'API/direct accept': 0.85 };
