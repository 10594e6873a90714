// Multi-step operations with undo (DESIGN rule 10): steps run in order; when one fails, every one
// that finished is compensated in reverse order, and the original error is rethrown. An undo that
// fails does not stop the others (each is a separate resource that would otherwise leak): they all
// run, and a CompensationError names every step left to clean up by hand.
export type Step<C> = { id: string; run: (context: C) => Promise<void>; compensate?: (context: C) => Promise<void> };

export type UndoFailure = { stepId: string; error: unknown };

export class CompensationError extends Error {
  constructor(readonly failures: readonly UndoFailure[], readonly original: unknown) {
    super(`Compensating ${failures.map((f) => `"${f.stepId}"`).join(', ')} failed; manual clean-up may be needed`, { cause: failures[0]?.error });
    this.name = 'CompensationError';
  }
}

export const runSteps = async <C>(steps: readonly Step<C>[], context: C): Promise<void> => {
  const done: Step<C>[] = [];
  for (const step of steps) {
    try {
      await step.run(context);
      done.push(step);
    } catch (error) {
      const failures: UndoFailure[] = [];
      for (const finished of done.reverse()) {
        try {
          await finished.compensate?.(context);
        } catch (undoError) {
          failures.push({ stepId: finished.id, error: undoError });
        }
      }
      if (failures.length) throw new CompensationError(failures, error);
      throw error;
    }
  }
};
