import { bundledRefData } from '../refdata/bundled-refdata';
import type { RefData } from '../../domain/refdata/ref-data';
import { answerClaimStatus, answerEligibility, answerPriorAuthorization, respondToClaimFile, type SandboxClock, type SandboxResponseFile } from '../../domain/sandbox-payer';
import { parse276 } from '../../domain/x12';
import type { ClearinghousePort, OutboundFile } from './port';

export interface SandboxClearinghouseOptions {
  /** hands a response file to the inbound path (the same one API uploads and the inbox use) */
  deliver(file: SandboxResponseFile): Promise<unknown>;
  refData?: () => RefData;
  now?: () => Date;
  /** the claim ids of a file the payer has received in earlier files (REJECT accepts a corrected resubmission) */
  claimsSeenBefore?: (x12: string, fileName: string) => Promise<ReadonlySet<string>>;
  /** of the given claim ids, those the payer has received (claims sent before this process started count) */
  claimsReceived?: (claimIds: readonly string[]) => Promise<ReadonlySet<string>>;
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
 * the inbound path. Real-time: a 270 gets a 271, a 278 request a 278 response and a 276 a 277
 * (a claim the payer never received is "not found").
 */
export function createSandboxClearinghouse(options: SandboxClearinghouseOptions): ClearinghousePort {
  const refData = options.refData ?? bundledRefData;
  const now = options.now ?? (() => new Date());
  const sent = new Set<string>();
  const received = new Set<string>();
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
      const known = new Set(asked.filter((id) => received.has(id)));
      const unknown = asked.filter((id) => !known.has(id));
      if (unknown.length > 0 && options.claimsReceived) for (const id of await options.claimsReceived(unknown)) known.add(id);
      return answerClaimStatus(x12, clock(), known);
    },
    async submit(file: OutboundFile) {
      if (sent.has(file.name)) return;
      const seen = options.claimsSeenBefore ? await options.claimsSeenBefore(file.x12, file.name) : new Set<string>();
      const responses = respondToClaimFile(file.x12, refData(), clock(), seen);
      // Deliveries are idempotent (identical files and 835 trace numbers are taken once).
      for (const response of responses) await options.deliver(response);
      sent.add(file.name);
      const claimId = claimIdOfFile(file.name);
      if (claimId) received.add(claimId);
    },
  };
}
