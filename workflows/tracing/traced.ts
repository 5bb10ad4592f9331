/** Bundled when traces are on (OTEL_EXPORTER_OTLP_ENDPOINT): new work is traced. Not a workflow: interceptors. */
import { tracingInterceptors } from './interceptors';

export const interceptors = () => tracingInterceptors(true);
