export {
  CONTENT_TYPE,
  collect,
  DEVICES,
  deviceUp,
  type MetricsSources,
  metricsText,
  render,
} from './exposition';
export {
  type MetricsServerOptions,
  resolveMetricsToken,
  type RunningMetricsServer,
  startMetricsServer,
} from './metrics-server';
