// The worker loads this one file: every workflow type is exported here.
export { examWorkflow } from './exam/workflow';
export { ingestionWorkflow } from './ingestion/workflow';
export { watchdogWorkflow } from './watchdog/workflow';
