import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Hl7Message } from '@medplum/core';
import { type Hl7Listener, startHl7Listener } from '../../hl7/listener';
import { loadProfiles } from '../../hl7/profile';
import { readMessages, sendMessages } from '../../hl7/send';
import { REPLAY_CONFIG } from '../replay/replay-key';
import type { ApiHarness } from './api-harness';
import { ExamDriver } from './exam-driver';
import { startApiHarnessOnOwnServer } from './own-test-server';

/** The sample messages and mapping profiles of the HL7 tests. */
export const HL7_FIXTURES = path.join(__dirname, '..', 'fixtures', 'hl7');

export interface Hl7Stack {
  h: ApiHarness;
  d: ExamDriver;
  listener: Hl7Listener;
  /** the profiles of this run: a copy of the fixtures' (a test may fix a profile the way an interface analyst would) */
  profilesDir: string;
  /** sends the messages of fixture files over one MLLP connection and returns their ACKs */
  send(...files: string[]): Promise<Hl7Message[]>;
  /** the exam an order made, by its accession number */
  examIdOf(accession: string): Promise<string>;
  /** the exam's first claim as sent */
  sentX12(examId: string): Promise<string>;
  close(): Promise<void>;
}

/** The API on a Temporal server of its own, and the HL7 listener on a free port in front of it, as `npm start` runs them. */
export async function startHl7Stack(name: string): Promise<Hl7Stack> {
  const profilesDir = fs.mkdtempSync(path.join(os.tmpdir(), `rcm-hl7-${name}-profiles-`));
  for (const f of fs.readdirSync(path.join(HL7_FIXTURES, 'profiles'))) fs.copyFileSync(path.join(HL7_FIXTURES, 'profiles', f), path.join(profilesDir, f));
  const h = await startApiHarnessOnOwnServer({ ...REPLAY_CONFIG, HL7_PROFILES_DIR: profilesDir });
  const listener = await startHl7Listener(
    { db: h.database.db, temporal: h.env.client, taskQueue: h.config.temporal.taskQueue, deadlineMs: 10_000, profiles: loadProfiles(profilesDir), payloadKeys: h.config.payloadKeys },
    { host: '127.0.0.1', port: 0, maxMessageBytes: 64 * 1024, encoding: 'utf-8' },
  );
  const d = new ExamDriver(h);
  return {
    h,
    d,
    listener,
    profilesDir,
    send: (...files) => sendMessages({ host: '127.0.0.1', port: listener.port }, files.flatMap((f) => readMessages(path.join(HL7_FIXTURES, f)))),
    async examIdOf(accession) {
      const row = await h.database.db.selectFrom('exam_intakes').select('exam_id').where('accession_number', '=', accession).executeTakeFirstOrThrow();
      return row.exam_id;
    },
    async sentX12(examId) {
      const exam = await d.waitFor(examId, (e) => e.claims.length > 0, 'a claim');
      return d.sentX12(exam.claims[0]!.claimId);
    },
    async close() {
      await listener.close();
      await h.close();
      fs.rmSync(profilesDir, { recursive: true, force: true });
    },
  };
}
