import { runStorageConformance } from '@aurora-rca/core/testing';
import { migrate } from '../migrations/migrate.js';
import { useTestDatabase } from '../testing/test-database.js';
import { postgresStorage } from './postgres-storage.js';

// The whole storage contract, checked against real PostgreSQL. Each suite gets its own
// storage (and pool) on this file's database; the kit isolates checks by tenant id.
const db = useTestDatabase();
let migrated: Promise<unknown> | undefined;

runStorageConformance({
  name: 'postgres',
  async create() {
    migrated ??= migrate({ connectionString: db.url });
    await migrated;
    return postgresStorage({ connectionString: db.url, max: 4 });
  },
});
