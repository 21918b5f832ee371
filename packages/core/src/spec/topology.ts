/** A service related to another, `distance` 1 = direct dependency. */
export interface ServiceNeighbour {
  service: string;
  distance: number;
  direction: 'upstream' | 'downstream';
}

/** Optional service graph used by the service strategy to join neighbouring services. */
export interface TopologyProvider {
  neighbours(tenantId: string, service: string): Promise<ServiceNeighbour[]>;
}
