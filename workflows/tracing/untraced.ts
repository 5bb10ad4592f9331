/** Bundled when traces are off: only exams already traced keep their (replay-safe) path. Not a workflow: interceptors. */
import { tracingInterceptors } from './interceptors';

export const interceptors = () => tracingInterceptors(false);
