import { examWorkflowId } from '../../workflows/names';
import { REPLAY_CONFIG } from '../replay/replay-key';
import { type ApiHarness, startApiHarness } from '../support/api-harness';
import { ExamDriver } from '../support/exam-driver';

/**
 * The worker caps V8's stack depth for workflow code (WORKFLOW_STACK_FRAMES, default 4): the SDK records a stack for
 * every promise a workflow creates, which at V8's default of 10 frames took about a quarter of the workflow thread.
 * What an operator sees is the exam's `__stack_trace` query (the Web UI's stack trace): shorter, still naming where
 * the exam waits. At 10 frames the same exam shows stacks 6 and 7 frames deep.
 */
let h: ApiHarness;
let d: ExamDriver;

beforeAll(async () => {
  h = await startApiHarness(REPLAY_CONFIG);
  d = new ExamDriver(h);
});
afterAll(async () => h?.close());

test('an exam waiting for its performed event: its stack trace is at most 4 frames deep and names the exam code it waits in', async () => {
  expect(h.config.temporal.workflowStackFrames).toBe(4);
  const examId = await d.intake();
  await d.waitPhase(examId, 'awaiting_exam');
  const trace = await h.env.client.workflow.getHandle(examWorkflowId(examId)).query<string>('__stack_trace');
  const stacks = trace.split(/\n\s*\n/).filter((s) => s.trim() !== '');
  expect(stacks.length).toBeGreaterThan(0);
  const depths = stacks.map((s) => s.split('\n').filter((line) => /^\s*at /.test(line)).length);
  expect(Math.max(...depths)).toBeLessThanOrEqual(4);
  expect(trace).toMatch(/at \w+ \(.*workflows\/exam\/workflow\.ts:\d+:\d+\)/);
});
