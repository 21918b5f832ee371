import { AuroraError } from '../errors.js';
import type { WebhookAcceptedResponse } from '../http/wire.js';
import type { IngestPipeline } from '../ingest/index.js';
import type { AlertInput } from '../model/index.js';
import type { AlertSource, Integration, WebhookRequest } from '../spec/alert-source.js';
import type { Storage } from '../spec/storage.js';
import type { Clock } from '../util/clock.js';
import { isoNow } from '../util/clock.js';
import type { IdGenerator } from '../util/ids.js';

/** Headers worth keeping with a dead letter; credentials and signatures never are. */
const KEEP_HEADERS =
  /^(content-type|user-agent|x-request-id|x-github-event|x-grafana-.*-timestamp|x-pagerduty-.*(?<!signature))$/;

/**
 * Verify → parse → ingest. Authentication fails closed before the body is looked at; a
 * body that cannot be parsed is kept as a dead letter, then refused with `INVALID_INPUT`.
 */
export async function ingestWebhook(
  deps: {
    storage: Storage;
    sources: ReadonlyMap<string, AlertSource>;
    pipeline: IngestPipeline;
    clock: Clock;
    ids: IdGenerator;
  },
  integration: Integration,
  request: WebhookRequest,
): Promise<WebhookAcceptedResponse> {
  const source = deps.sources.get(integration.source);
  if (!source) throw new AuroraError('NOT_FOUND', `Alert source ${integration.source} is not registered`);
  if (integration.auth.type === 'none' && !integration.insecure) {
    throw new AuroraError(
      'UNAUTHENTICATED',
      `Integration ${integration.id} has no authentication configured`,
    );
  }
  await source.verify(request, integration);

  const deadLetter = async (reason: string) => {
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(request.headers)) if (KEEP_HEADERS.test(k)) headers[k] = v;
    await deps.storage.deadLetters.insert({
      id: deps.ids.next('dlq'),
      tenantId: integration.tenantId,
      integrationId: integration.id,
      source: integration.source,
      reason,
      body: request.rawBody,
      headers,
      receivedAt: isoNow(deps.clock),
    });
  };

  let body: unknown;
  try {
    body = JSON.parse(request.rawBody);
  } catch (error) {
    const reason = `${source.displayName} webhook body is not valid JSON: ${(error as Error).message}`;
    await deadLetter(reason);
    throw new AuroraError('INVALID_INPUT', reason, { details: { source: source.id } });
  }
  let alerts: AlertInput[];
  try {
    alerts = source.parse(body, {
      headers: request.headers,
      receivedAt: isoNow(deps.clock),
      mapping: integration.mapping,
    });
  } catch (error) {
    const reason = AuroraError.isInstance(error)
      ? error.message
      : `${source.displayName} payload could not be parsed`;
    await deadLetter(reason);
    if (AuroraError.isInstance(error)) throw error;
    throw new AuroraError('INVALID_INPUT', reason, { cause: error, details: { source: source.id } });
  }
  return deps.pipeline.ingest({
    tenantId: integration.tenantId,
    integrationId: integration.id,
    alerts,
    investigateTestAlerts: integration.investigateTestAlerts ?? false,
  });
}
