export {
  Outbox,
  type OutboxOptions,
  type OutboxSubmission,
  type OutboxEvents,
  type QueueEntry,
  type LookupAnswer,
  type PortalState,
} from './outbox';
export { startDelivery, deliveryStoreFromConfig, type Delivery, type DeliveryConfig } from './delivery';
export { CircuitBreaker, DEFAULT_BREAKER, type BreakerPolicy, type BreakerState } from './circuit-breaker';
export { fullJitterDelay, DEFAULT_BACKOFF, type BackoffPolicy } from './backoff';
