/** Names that are API: renaming one breaks files being delivered. Importable from workflows, api, activities. */
export const INGESTION_WORKFLOW_TYPE = 'ingestionWorkflow';

/** One ingestion workflow per stored payer file: `ingest:<fileId>` (the file id is opaque, no PHI). */
export function ingestionWorkflowId(fileId: string): string {
  if (!/^x12_[0-9a-z]{1,64}$/.test(fileId)) throw new Error('not a file id');
  return `ingest:${fileId}`;
}

export interface IngestionInput {
  fileId: string;
  /** claims per delivery activity */
  batchSize: number;
}
