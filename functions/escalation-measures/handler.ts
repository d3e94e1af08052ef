/** Placeholder until the escalation consumer lands: refuses, so an event goes to the DLQ rather than being lost. */
export async function handler(): Promise<never> {
  throw new Error('escalation-measures is not built yet');
}
