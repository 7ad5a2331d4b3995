export {
  CHANNELS,
  type Channel,
  type CountRow,
  DURATION_BUCKET_S,
  durationBucket,
  METRICS,
  type Metric,
  NO_SERVICE,
  ReportStore,
} from './report-store';
export { JourneyTracker, RATING_REASONS, type RatingReason, STEPS, type Step } from './journey-tracker';
export { buildReport, medianOfBuckets, periodRange, type Report, type ServiceReport } from './report';
export { CSV_COLUMNS, reportCsv } from './csv';
export { reportPdf } from './pdf';
