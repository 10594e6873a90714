import { describe, expect, it } from 'vitest';
import { CompensationError, runSteps, type Step } from '../../domain/shared/steps.ts';

const recorder = () => {
  const log: string[] = [];
  const step = (id: string, fail = false, failUndo = false): Step<undefined> => ({
    id,
    run: async () => {
      if (fail) throw new Error(`${id} failed`);
      log.push(`run ${id}`);
    },
    compensate: async () => {
      if (failUndo) throw new Error(`undo ${id} failed`);
      log.push(`undo ${id}`);
    },
  });
  return { log, step };
};

describe('runSteps', () => {
  it('runs every step in order when all succeed', async () => {
    const { log, step } = recorder();
    await runSteps([step('a'), step('b')], undefined);
    expect(log).toEqual(['run a', 'run b']);
  });

  it('undoes finished steps in reverse order and rethrows the original error', async () => {
    const { log, step } = recorder();
    await expect(runSteps([step('a'), step('b'), step('c', true), step('d')], undefined)).rejects.toThrow('c failed');
    expect(log).toEqual(['run a', 'run b', 'undo b', 'undo a']);
  });

  it('says so when an undo itself fails', async () => {
    const { step } = recorder();
    const error = await runSteps([step('a', false, true), step('b', true)], undefined).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CompensationError);
    expect((error as CompensationError).original).toEqual(new Error('b failed'));
  });

  it('undoes every finished step even when one undo fails, and reports each failure', async () => {
    const { log, step } = recorder();
    const error = await runSteps([step('a'), step('b', false, true), step('c'), step('d', false, true), step('e', true)], undefined).catch((e: unknown) => e);
    expect(log).toEqual(['run a', 'run b', 'run c', 'run d', 'undo c', 'undo a']);
    expect(error).toBeInstanceOf(CompensationError);
    expect((error as CompensationError).failures.map((f) => f.stepId)).toEqual(['d', 'b']);
    expect((error as CompensationError).original).toEqual(new Error('e failed'));
  });
});
