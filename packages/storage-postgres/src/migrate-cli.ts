#!/usr/bin/env node
/**
 * `aurora-pg-migrate`: apply pending schema migrations and exit.
 *
 * ```sh
 * DATABASE_URL=postgres://… node --conditions=@aurora-rca/source --import tsx packages/storage-postgres/src/migrate-cli.ts [--schema aurora]
 * ```
 * Exit code 0 when the schema is up to date, 1 on error.
 */
import { parseArgs } from 'node:util';
import { migrate } from './migrations/migrate.js';

const { values } = parseArgs({
  options: {
    schema: { type: 'string' },
    url: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
});

if (values.help) {
  process.stdout.write(
    'Usage: aurora-pg-migrate [--url postgres://…] [--schema aurora]\n(--url defaults to $DATABASE_URL)\n',
  );
} else {
  const connectionString = values.url ?? process.env.DATABASE_URL;
  if (!connectionString) {
    process.stderr.write('aurora-pg-migrate: set DATABASE_URL or pass --url\n');
    process.exitCode = 1;
  } else {
    try {
      const result = await migrate({
        connectionString,
        ...(values.schema ? { schema: values.schema } : {}),
        log: (line) => process.stdout.write(`${line}\n`),
      });
      process.stdout.write(
        `schema ${result.schema} at version ${result.version} (${result.applied.length} applied)\n`,
      );
    } catch (error) {
      process.stderr.write(`aurora-pg-migrate: ${(error as Error).message}\n`);
      process.exitCode = 1;
    }
  }
}
