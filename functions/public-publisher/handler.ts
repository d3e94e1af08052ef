/** Placeholder until the publisher lands: refuses, so the event waits in the DLQ instead of being lost. */
export async function handler(): Promise<never> {
  throw new Error('public-publisher is not built yet');
}
