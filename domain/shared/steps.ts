// Multi-step operations with undo (DESIGN rule 10): steps run in order; when one fails, the
// ones that finished are compensated in reverse order and the original error is rethrown.
export type Step<C> = { id: string; run: (context: C) => Promise<void>; compensate?: (context: C) => Promise<void> };

export class CompensationError extends Error {
  constructor(stepId: string, cause: unknown, readonly original: unknown) {
    super(`Compensating step "${stepId}" failed; manual clean-up may be needed`, { cause });
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
      for (const finished of done.reverse()) {
        try {
          await finished.compensate?.(context);
        } catch (undoError) {
          throw new CompensationError(finished.id, undoError, error);
        }
      }
      throw error;
    }
  }
};
