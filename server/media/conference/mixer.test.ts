import { afterEach, describe, expect, it } from 'vitest';
import { Ticker } from '../ticker';
import { MIX_FRAME, Mixer, type Talker } from './mixer';
import { JOIN_TONE, LEAVE_TONE, Room } from './room';
import type { ConferencePlan } from '../../directory/conferences';

const frameOf = (value: number) => new Int16Array(MIX_FRAME).fill(value);
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A talker saying `value` steadily, one frame every tick, and what it last heard. */
function steady(mixer: Mixer, ticker: Ticker, value: number) {
  const heard: Int16Array[] = [];
  const talker = mixer.join((frame) => heard.push(frame.slice()));
  talker.say(frameOf(value));
  talker.say(frameOf(value));
  const stop = ticker.add(() => talker.say(frameOf(value)));
  return { talker, heard, stop };
}

describe('the conference mixer', () => {
  const stops: (() => void)[] = [];
  afterEach(() => stops.splice(0).forEach((stop) => stop()));

  it('gives each talker everyone else’s sum, not its own; a muted one adds nothing', async () => {
    const ticker = new Ticker();
    const mixer = new Mixer(ticker);
    const [a, b, c] = [1000, 2000, 4000].map((value) => steady(mixer, ticker, value));
    stops.push(a!.stop, b!.stop, c!.stop);
    await wait(120);
    expect([a, b, c].map((t) => t!.heard.at(-1)![0])).toEqual([6000, 5000, 3000]);
    b!.talker.muted = true;
    await wait(80);
    expect([a, b, c].map((t) => t!.heard.at(-1)![0])).toEqual([4000, 5000, 1000]);
  });

  it('clamps a loud sum to 16 bits instead of wrapping round', async () => {
    const ticker = new Ticker();
    const mixer = new Mixer(ticker);
    const talkers = [30_000, 30_000, -30_000].map((value) => steady(mixer, ticker, value));
    stops.push(...talkers.map((t) => t.stop));
    await wait(100);
    // The third hears 60,000: kept at the top of the range, not wrapped round to −5,536.
    expect(talkers.map((t) => t.heard.at(-1)![0])).toEqual([0, 0, 32_767]);
    const more = [-30_000, -30_000].map((value) => steady(mixer, ticker, value));
    stops.push(...more.map((t) => t.stop));
    await wait(100);
    // The first now hears −60,000: kept at the bottom.
    expect(talkers[0]!.heard.at(-1)![0]).toBe(-32_768);
  });

  it('counts the frames a talking caller left empty (lost or late)', async () => {
    const ticker = new Ticker();
    const mixer = new Mixer(ticker);
    const talker: Talker = mixer.join(() => undefined);
    stops.push(() => mixer.leave(talker));
    for (let i = 0; i < 3; i++) talker.say(frameOf(100));
    await wait(150);
    expect(talker.gaps).toBeGreaterThan(0);
    expect(talker.frames).toBeGreaterThan(talker.gaps);
  });
});

describe('a conference room', () => {
  const plan: ConferencePlan = {
    id: 'c1',
    name: 'Weekly',
    extension: '700',
    pinHash: null,
    moderatorPinHash: null,
    endWithModerator: true,
    maxParticipants: 5,
  };
  const party = (number: string) => ({ number, name: null, userId: `u${number}` });

  it('plays a rising tone to the others when someone joins and a falling one when they leave', async () => {
    const ticker = new Ticker();
    const room = new Room(plan, ticker, () => undefined);
    const heard: number[] = [];
    const first = room.join(
      party('101'),
      false,
      'now',
      (frame) => heard.push(...frame),
      () => undefined,
    );
    const second = room.join(
      party('102'),
      false,
      'now',
      () => undefined,
      () => undefined,
    );
    await wait(JOIN_TONE.length / 8 + 80);
    expect(Int16Array.from(heard.slice(0, JOIN_TONE.length))).toEqual(JOIN_TONE);
    const mark = heard.length;
    room.leave(second);
    await wait(LEAVE_TONE.length / 8 + 80);
    expect(Int16Array.from(heard.slice(mark, mark + LEAVE_TONE.length))).toEqual(LEAVE_TONE);
    room.leave(first);
  });

  it('hangs everybody up once its last moderator leaves, when so set', () => {
    const ticker = new Ticker();
    const room = new Room(plan, ticker, () => undefined);
    const dismissed: string[] = [];
    const seat = (number: string, moderator: boolean) =>
      room.join(
        party(number),
        moderator,
        'now',
        () => undefined,
        (reason) => {
          dismissed.push(`${number} ${reason}`);
          room.leave(seats.get(number)!);
        },
      );
    const seats = new Map<string, ReturnType<Room['join']>>();
    for (const [number, moderator] of [
      ['101', true],
      ['102', true],
      ['103', false],
    ] as const)
      seats.set(number, seat(number, moderator));
    room.leave(seats.get('101')!);
    expect(dismissed).toEqual([]);
    room.leave(seats.get('102')!);
    expect(dismissed).toEqual(['103 ended']);
    expect(room.size).toBe(0);
  });
});
