import type { TJobDefinition } from './define-job.ts';
import { jobDefinitions } from './registry.ts';

/**
 * For tests only: adds a job definition to the registry and returns its removal, so that the production
 * registry holds no test jobs and a test file leaves it as it found it.
 */
export function registerTestJob<T>(definition: TJobDefinition<T>): () => void {
  jobDefinitions.push(definition as TJobDefinition<any>);
  return () => {
    const index = jobDefinitions.indexOf(definition as TJobDefinition<any>);
    if (index >= 0) jobDefinitions.splice(index, 1);
  };
}
