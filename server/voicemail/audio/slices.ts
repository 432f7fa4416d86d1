// Long loops over audio run a slice at a time, with a turn of the event loop between slices:
// a 5 MB upload is millions of samples, and the server has SIP and HTTP to answer meanwhile.

/** Samples (or frames) handled between two turns: about a millisecond's work. */
export const SLICE = 32_768;

export const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Calls `work` on [start, end) slices of 0…length, yielding between them. */
export async function inSlices(length: number, work: (start: number, end: number) => void): Promise<void> {
  for (let start = 0; start < length; start += SLICE) {
    work(start, Math.min(start + SLICE, length));
    await nextTurn();
  }
}
