import { afterEach, describe, expect, it, vi } from 'vitest';
import { Keypad } from './keypad';

describe('the keypad a menu reads', () => {
  afterEach(() => vi.useRealTimers());

  it('keeps keys typed ahead in order, and tells of each as it comes', async () => {
    const keypad = new Keypad();
    let told = 0;
    keypad.onKey = () => told++;
    keypad.press('4');
    keypad.press('#');
    expect(told).toBe(2);
    expect(keypad.pending).toBe(true);
    expect(await keypad.next(1000)).toBe('4');
    expect(await keypad.next(1000)).toBe('#');
    expect(keypad.pending).toBe(false);
  });

  it('hands a key to the menu waiting for it, and null once the wait is over', async () => {
    vi.useFakeTimers();
    const keypad = new Keypad();
    const waiting = keypad.next(10_000);
    keypad.press('7');
    expect(await waiting).toBe('7');
    const unanswered = keypad.next(10_000);
    vi.advanceTimersByTime(10_000);
    expect(await unanswered).toBeNull();
    // A key after the wait is kept for the next read, not lost to the old one.
    keypad.press('1');
    expect(await keypad.next(10)).toBe('1');
  });

  it('holds at most 32 keys, and nothing once closed', async () => {
    const keypad = new Keypad();
    for (let i = 0; i < 40; i++) keypad.press(String(i % 10));
    const read: (string | null)[] = [];
    while (keypad.pending) read.push(await keypad.next(0));
    expect(read).toHaveLength(32);
    const waiting = keypad.next(10_000);
    keypad.close();
    expect(await waiting).toBeNull();
    keypad.press('5');
    expect(await keypad.next(10_000)).toBeNull();
  });

  it('reads an entry up to #: * starts over, other keys and digits past the length are ignored', async () => {
    const keypad = new Keypad();
    for (const key of '12*3A45678#') keypad.press(key);
    expect(await keypad.entry(1000, 4)).toBe('3456');
    keypad.press('9');
    vi.useFakeTimers();
    const late = keypad.entry(1000, 4);
    await vi.advanceTimersByTimeAsync(1000);
    expect(await late).toBeNull();
  });
});
