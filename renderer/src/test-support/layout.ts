// jsdom lays nothing out, so a virtualised list would see a 0 px window and show no rows. This
// gives every element a size (a 1280 × 600 window) for the tests that render lists.
import { afterAll, beforeAll } from 'vitest';

const SIZES = ['clientWidth', 'clientHeight', 'offsetWidth', 'offsetHeight'] as const;

export function withLayout(width = 1280, height = 600): void {
  const originals = SIZES.map(
    (name) =>
      [
        name,
        Object.getOwnPropertyDescriptor(Element.prototype, name) ??
          Object.getOwnPropertyDescriptor(HTMLElement.prototype, name),
      ] as const,
  );
  beforeAll(() => {
    for (const name of SIZES)
      Object.defineProperty(HTMLElement.prototype, name, {
        configurable: true,
        get: () => (name.endsWith('Width') ? width : height),
      });
  });
  afterAll(() => {
    for (const [name, original] of originals) {
      delete (HTMLElement.prototype as unknown as Record<string, unknown>)[name];
      if (original && !Object.getOwnPropertyDescriptor(Element.prototype, name))
        Object.defineProperty(HTMLElement.prototype, name, original);
    }
  });
}
