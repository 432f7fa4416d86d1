import { describe, expect, it } from 'vitest';
import { groupMembershipHandler, membershipDialled, rejectingAnswer } from './group-membership';

const offer = (sdp: string) => ({ contentType: 'application/sdp', bytes: Buffer.from(sdp) });
const caller = { number: '101', name: 'Ana', userId: 'u1' };

describe('group log in and out by feature code', () => {
  it('reads which group and which way from what was dialled', () => {
    expect(membershipDialled('*45600')).toEqual({ groupExtension: '600', loggedIn: true });
    expect(membershipDialled('*46600')).toEqual({ groupExtension: '600', loggedIn: false });
    expect(membershipDialled('*97')).toBeNull();
    expect(membershipDialled('600')).toBeNull();
  });

  it('answers every stream of the offer with port 0, keeping its kind, profile and a format', () => {
    const answer = rejectingAnswer(
      'v=0\r\no=a 1 1 IN IP4 10.0.0.2\r\ns=-\r\nc=IN IP4 10.0.0.2\r\nt=0 0\r\nm=audio 40000 RTP/AVP 8 0 101\r\nm=video 40002 RTP/AVP 96\r\n',
    );
    expect(answer?.split('\r\n').filter((line) => line.startsWith('m='))).toEqual([
      'm=audio 0 RTP/AVP 8',
      'm=video 0 RTP/AVP 96',
    ]);
    expect(rejectingAnswer('v=0\r\ns=-\r\n')).toBeNull();
    expect(rejectingAnswer('m=audio 4000\r\n')).toBeNull();
  });

  it('changes the membership only with an offer, and refuses a caller who is no member', async () => {
    const changes: [string, string, boolean][] = [];
    const handler = groupMembershipHandler(async (member, group, loggedIn) => {
      changes.push([member, group, loggedIn]);
      return group === '600' ? 'Sales' : null;
    });
    const sdp = offer('v=0\r\nm=audio 4000 RTP/AVP 0\r\n');
    const done = await handler({ caller, groupExtension: '600', loggedIn: false, offer: sdp });
    expect(done.kind).toBe('answer');
    if (done.kind === 'answer') {
      done.call.start();
      await done.call.ended;
    }
    expect(await handler({ caller, groupExtension: '601', loggedIn: true, offer: sdp })).toMatchObject({
      kind: 'refuse',
      status: 403,
    });
    expect(
      await handler({
        caller,
        groupExtension: '600',
        loggedIn: true,
        offer: { contentType: null, bytes: Buffer.alloc(0) },
      }),
    ).toMatchObject({ kind: 'refuse', status: 488 });
    expect(changes).toEqual([
      ['101', '600', false],
      ['101', '601', true],
    ]);
  });
});
