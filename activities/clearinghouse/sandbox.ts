import { createHash } from 'node:crypto';
import { appendFileSync } from 'node:fs';
import { bundledRefData } from '../refdata/bundled-refdata';
import type { RefData } from '../../domain/refdata/ref-data';
import { answerClaimStatus, answerEligibility, answerPriorAuthorization, respondToClaimFile, type SandboxClock, type SandboxResponseFile } from '../../domain/sandbox-payer';
import { parse276 } from '../../domain/x12';
import type { AppealRequestFile, ClearinghousePort, OutboundFile } from './port';
import { memorySandboxReceipts, type SandboxReceiptStore } from './sandbox-receipts';

export interface SandboxClearinghouseOptions {
  /** hands a response file to the inbound path (the same one API uploads and the inbox use) */
  deliver(file: SandboxResponseFile): Promise<unknown>;
  refData?: () => RefData;
  now?: () => Date;
  /**
   * what the payer remembers of the files it received (PostgreSQL in the worker, so that a restart
   * or a second worker never processes a file again); this process's memory when not given
   */
  receipts?: SandboxReceiptStore;
  /** the claim ids of a file the payer has received in earlier files (REJECT accepts a corrected resubmission); from `receipts` by default */
  claimsSeenBefore?: (x12: string, fileName: string) => Promise<ReadonlySet<string>>;
  /** of the given claim ids, those the payer has received besides what `receipts` knows */
  claimsReceived?: (claimIds: readonly string[]) => Promise<ReadonlySet<string>>;
  /** a file to which one line `<fileName>` is appended per claim file processed (SANDBOX_RECEIPT_LOG by default) */
  receiptLog?: string;
}

/** The claim id of an outbound claim file name (837P-<claimId>-v<version>.x12, appeals included). */
function claimIdOfFile(fileName: string): string | undefined {
  return /^837[PI]-(.+)-v\d+(-appeal\d+)?\.x12$/.exec(fileName)?.[1];
}

function claimIdsAskedAbout(x12: string): string[] {
  try {
    return parse276(x12).transactions.flatMap((tx) => tx.claims.map((c) => c.claimId));
  } catch {
    return [];
  }
}

/**
 * The default clearinghouse: an embedded, deterministic payer. It parses the 837 the engine sends and
 * answers with real X12 (999, 277CA, 835) chosen by the member id's scenario, delivered at once to
 * the inbound path. Each file is processed once, ever: its answers are recorded with its receipt
 * (keyed by the file name) before they are delivered, and a file received before is only delivered
 * again if its delivery was cut short. Real-time: a 270 gets a 271, a 278 request a 278 response and
 * a 276 a 277 (a claim the payer never received is "not found").
 */
export function createSandboxClearinghouse(options: SandboxClearinghouseOptions): ClearinghousePort {
  const refData = options.refData ?? bundledRefData;
  const now = options.now ?? (() => new Date());
  const receipts = options.receipts ?? memorySandboxReceipts();
  const receiptLog = options.receiptLog ?? process.env.SANDBOX_RECEIPT_LOG;
  const clock = (): SandboxClock => {
    const at = now().toISOString();
    return { date: at.slice(0, 10), time: at.slice(11, 16).replace(':', '') };
  };
  return {
    kind: 'sandbox',
    async eligibility(x12: string) {
      return answerEligibility(x12, clock());
    },
    async priorAuthorization(x12: string) {
      return answerPriorAuthorization(x12, clock());
    },
    async claimStatus(x12: string) {
      const asked = claimIdsAskedAbout(x12);
      const known = new Set(await receipts.claimsReceived(asked));
      const unknown = asked.filter((id) => !known.has(id));
      if (unknown.length > 0 && options.claimsReceived) for (const id of await options.claimsReceived(unknown)) known.add(id);
      return answerClaimStatus(x12, clock(), known);
    },
    /**
     * A written appeal: the sandbox payer reviews its copy of the claim as an appeal at the request's level and
     * answers with an 835 only (paid, or the denial upheld when the member's scenario says UPHELD<n>).
     */
    async fileAppealRequest(request: AppealRequestFile) {
      if (!(await receipts.has(request.name))) {
        const claimId = claimIdOfFile(request.name);
        const responses = respondToClaimFile(request.claimX12, refData(), clock(), new Set(), { appealLevel: request.level }).filter((r) => r.transactionType === '835');
        const sha256 = createHash('sha256').update(request.claimX12, 'utf8').digest('hex');
        if (await receipts.record({ name: request.name, sha256, claimId }, responses)) {
          if (receiptLog) appendFileSync(receiptLog, `${request.name}\n`);
        }
      }
      await receipts.deliverOnce(request.name, async (responses) => {
        for (const response of responses) await options.deliver(response);
      });
    },
    async submit(file: OutboundFile) {
      if (!(await receipts.has(file.name))) {
        const claimId = claimIdOfFile(file.name);
        const seen = options.claimsSeenBefore ? await options.claimsSeenBefore(file.x12, file.name) : await receipts.claimsSeenBefore(claimId, file.name);
        const responses = respondToClaimFile(file.x12, refData(), clock(), seen);
        const sha256 = createHash('sha256').update(file.x12, 'utf8').digest('hex');
        // Only the sender whose record wins has processed the file (a concurrent or earlier one finds it taken).
        if (await receipts.record({ name: file.name, sha256, claimId }, responses)) {
          if (receiptLog) appendFileSync(receiptLog, `${file.name}\n`);
        }
      }
      // Deliveries are idempotent (identical files and 835 trace numbers are taken once).
      await receipts.deliverOnce(file.name, async (responses) => {
        for (const response of responses) await options.deliver(response);
      });
    },
  };
}
