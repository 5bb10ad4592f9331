import type { Migration } from 'kysely';
import * as platform from './2026-11-22T0001-platform';
import * as lifecycle from './2026-11-22T0002-lifecycle';
import * as claims from './2026-11-22T0003-claims';
import * as refdata from './2026-11-22T0004-refdata';
import * as ledger from './2026-11-24T0005-ledger';
import * as reports from './2026-11-24T0008-reports';
import * as claimFindings from './2026-11-24T0009-claim-findings';
import * as documents from './2026-11-24T0007-documents';
import * as authorizations from './2026-11-24T0006-authorizations';
import * as unmatchedWork from './2026-11-24T0010-unmatched-work';
import * as ingestion from './2026-12-06T0012-ingestion';
import * as watchdog from './2026-12-06T0013-watchdog';
import * as outbox from './2026-12-06T0011-outbox';
import * as organisations from './2026-12-06T0014-organisations';
import * as auditCheckpoints from './2026-12-06T0019-audit-checkpoints';
import * as sameDay from './2026-12-06T0018-same-day';
import * as chargemasterContracts from './2026-12-06T0015-chargemaster-contracts';
import * as voids from './2026-12-06T0017-voids';
import * as appeals from './2026-12-06T0016-appeals';
import * as hl7 from './2026-12-06T0020-hl7';
import * as auditProtection from './2026-12-07T0021-audit-protection';
import * as hl7Updates from './2026-12-07T0022-hl7-updates';
import * as reportAggregates from './2026-12-07T0023-report-aggregates';
import * as examProjection from './2026-12-07T0025-exam-projection';
import * as examTransitions from './2026-12-07T0026-exam-transitions';
import * as auditAppend from './2026-12-07T0027-audit-append';
import * as x12ControlSequences from './2026-12-07T0028-x12-control-sequences';

/** Every migration, in order. Names are frozen once shipped. */
export const migrations: Record<string, Migration> = {
  '2026-11-22T0001-platform': platform,
  '2026-11-22T0002-lifecycle': lifecycle,
  '2026-11-22T0003-claims': claims,
  '2026-11-22T0004-refdata': refdata,
  '2026-11-24T0005-ledger': ledger,
  '2026-11-24T0008-reports': reports,
  '2026-11-24T0009-claim-findings': claimFindings,
  '2026-11-24T0006-authorizations': authorizations,
  '2026-11-24T0007-documents': documents,
  '2026-11-24T0010-unmatched-work': unmatchedWork,
  '2026-12-06T0012-ingestion': ingestion,
  '2026-12-06T0013-watchdog': watchdog,
  '2026-12-06T0011-outbox': outbox,
  '2026-12-06T0014-organisations': organisations,
  '2026-12-06T0019-audit-checkpoints': auditCheckpoints,
  '2026-12-06T0018-same-day': sameDay,
  '2026-12-06T0015-chargemaster-contracts': chargemasterContracts,
  '2026-12-06T0017-voids': voids,
  '2026-12-06T0016-appeals': appeals,
  '2026-12-06T0020-hl7': hl7,
  '2026-12-07T0021-audit-protection': auditProtection,
  '2026-12-07T0022-hl7-updates': hl7Updates,
  '2026-12-07T0023-report-aggregates': reportAggregates,
  '2026-12-07T0025-exam-projection': examProjection,
  '2026-12-07T0026-exam-transitions': examTransitions,
  '2026-12-07T0027-audit-append': auditAppend,
  '2026-12-07T0028-x12-control-sequences': x12ControlSequences,
};
