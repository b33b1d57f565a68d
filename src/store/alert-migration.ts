/** Migration 0002: listing alerts (and other event types) across incidents, newest first. */
import { sql, type Kysely, type Migration } from 'kysely';

export const alertListingMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await sql`create index incident_events_type_at on incident_events (type, at desc)`.execute(db);
  },
};
