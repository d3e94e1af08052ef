/**
 * The one table's physical design, read by the CDK stack and by the local twin when it creates the table,
 * so both have the same keys, index and TTL attribute.
 */
export const tableDesign = {
  partitionKey: 'pk',
  sortKey: 'sk',
  /** epoch seconds; outbox, idempotency and consumer records expire */
  ttlAttribute: 'expiresAt',
  indexes: [
    {
      /** listings: cases by status, projects by shard, circulars by status */
      name: 'gsi1',
      partitionKey: 'gsi1pk',
      sortKey: 'gsi1sk',
    },
  ],
  /**
   * Data migrations a table created by this code does not need (it has no item of the older shape): creating the
   * table locally records them as completed (`keys.migration`); an existing table gets them from their backfill.
   */
  migrationsDoneAtCreation: ['run-index', 'standing-index'],
} as const;
