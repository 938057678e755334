import { fold, type Decider } from '../decider';
import { DomainError } from './domain-error';

/**
 * Given/when/then for deciders in unit tests: `given(decider, history).when(command)` returns the
 * new events, or the typed DomainError the decision threw (never any other error).
 */
export function given<C, E, S>(decider: Decider<C, E, S>, history: E[]) {
  return {
    when(command: C): E[] {
      return decider.decide(command, fold(decider, history));
    },
    rejects(command: C): DomainError {
      try {
        decider.decide(command, fold(decider, history));
      } catch (error) {
        if (error instanceof DomainError) return error;
        throw error;
      }
      throw new Error('expected the command to be rejected');
    },
  };
}
