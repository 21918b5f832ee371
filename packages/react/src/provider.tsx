import { type AuroraClient, type AuroraClientOptions, createAuroraClient } from '@aurora-rca/core/client';
import { createContext, type ReactNode, useContext, useEffect, useState } from 'react';

const AuroraContext = createContext<AuroraClient | null>(null);

/** Props of {@link AuroraProvider}: a ready client, or the options to create one. */
export type AuroraProviderProps = { children?: ReactNode } & (
  | { client: AuroraClient }
  | (Partial<AuroraClientOptions> & { client?: undefined })
);

/**
 * Makes an Aurora client available to the hooks and components below it. Pass a `client`
 * you created (shared with non-React code), or the client options (`baseUrl`, `headers`,
 * `getToken`, `fetch`, …) and the provider creates one — once, on first render; later
 * option changes are ignored (use a `key` to start over). A client the provider created is
 * closed when the provider unmounts.
 *
 * @example
 * ```tsx
 * <AuroraProvider baseUrl="https://ops.example.com" getToken={() => auth.token}>
 *   <IncidentList getHref={(i) => `/incidents/${i.id}`} />
 * </AuroraProvider>
 * ```
 */
export function AuroraProvider(props: AuroraProviderProps): ReactNode {
  const { children, client: given, ...options } = props;
  const [owned] = useState(() => {
    if (given) return null;
    const o = options as Partial<AuroraClientOptions>;
    return createAuroraClient({ ...o, baseUrl: o.baseUrl ?? '' });
  });
  useEffect(() => (owned ? () => owned.close() : undefined), [owned]);
  const client = given ?? owned;
  return <AuroraContext.Provider value={client}>{children}</AuroraContext.Provider>;
}

/**
 * The client of the nearest {@link AuroraProvider}.
 * @throws Error when called outside an `AuroraProvider`.
 */
export function useAuroraClient(): AuroraClient {
  const client = useContext(AuroraContext);
  if (!client) {
    throw new Error(
      'useAuroraClient() was called outside <AuroraProvider>. Wrap your Aurora components in ' +
        '<AuroraProvider baseUrl="…"> (or pass a client: <AuroraProvider client={client}>).',
    );
  }
  return client;
}
