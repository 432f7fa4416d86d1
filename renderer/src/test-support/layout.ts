// jsdom lays nothing out, so a virtualised list would see a 0 px window and show no rows. This
// gives every element a size (a 1280 × 600 window) for the tests that render lists.
import { afterAll, beforeAll } from 'vitest';

export function withLayout(width = 1280, height = 600): void {
  const originals = {
    offsetWidth: Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'offsetWidth')!,
    offsetHeight: Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'offsetHeight')!,
  };
  beforeAll(() => {
    Object.defineProperty(HTMLElement.prototype, 'offsetWidth', { configurable: true, get: () => width });
    Object.defineProperty(HTMLElement.prototype, 'offsetHeight', { configurable: true, get: () => height });
  });
  afterAll(() => {
    Object.defineProperty(HTMLElement.prototype, 'offsetWidth', originals.offsetWidth);
    Object.defineProperty(HTMLElement.prototype, 'offsetHeight', originals.offsetHeight);
  });
}
