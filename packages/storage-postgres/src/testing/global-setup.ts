import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres } from './embedded-server.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Superuser URL of the test server; each test file creates its own database in it. */
    postgresAdminUrl: string;
  }
}

/**
 * Vitest global setup of the `postgres` project: `DATABASE_URL` when set (a role allowed to
 * `CREATE DATABASE`), otherwise ONE embedded PostgreSQL for the whole run.
 */
export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  const external = process.env.DATABASE_URL;
  if (external) {
    project.provide('postgresAdminUrl', external);
    return undefined;
  }
  const server = await startEmbeddedPostgres();
  project.provide('postgresAdminUrl', server.adminUrl);
  return () => server.stop();
}
