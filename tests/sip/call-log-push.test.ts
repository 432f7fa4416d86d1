// Each call reaches its parties' signed-in apps over the push channel as it is logged.
import { describe, expect, it } from 'vitest';
import { useSipOffice } from '../support/sip-office';
import { EventStreamReader } from '../support/event-stream';
import { DOMAIN } from './desk-phone';
import { TestPhone } from './softphone';

describe('logged calls pushed to the app', () => {
  const sipOffice = useSipOffice();

  it('tells the callee of a call cancelled while ringing as missed, and the caller as cancelled', async () => {
    const { office } = sipOffice;
    const admin = await office.adminToken();
    const caller = await office.createSignedInUser(admin, 'Caller Carla');
    const callee = await office.createSignedInUser(admin, 'Callee Colin');
    const callerPhone = await TestPhone.ofUser(office, caller.token, 'carla');
    const calleePhone = await TestPhone.ofUser(office, callee.token, 'colin');
    const calleeEvents = await EventStreamReader.open(office.baseUrl, callee.token);
    const callerEvents = await EventStreamReader.open(office.baseUrl, caller.token);

    const call = callerPhone.dial(`sip:${callee.extension}@${DOMAIN}`);
    await calleePhone.nextInvitation();
    await call.session.cancel();
    expect(await call.final).toBe(487);

    const [calleeSide, callerSide] = await Promise.all([calleeEvents.next(), callerEvents.next()]);
    expect([calleeSide.event, callerSide.event]).toEqual(['call-logged', 'call-logged']);
    expect([calleeSide.data.call, callerSide.data.call]).toMatchObject([
      { direction: 'incoming', otherNumber: caller.extension, result: 'missed' },
      { direction: 'outgoing', otherNumber: callee.extension, result: 'cancelled' },
    ]);
    const logged = await office.request('GET', '/me/call-log?filter=missed', { token: callee.token });
    expect(logged.body.items[0].id).toBe(calleeSide.data.call.id);
    // One entry each, and nothing more.
    const heartbeats = [calleeEvents.heartbeat(), callerEvents.heartbeat()];
    await office.office.push.heartbeat();
    await Promise.all(heartbeats);
    expect([calleeEvents.queued, callerEvents.queued]).toEqual([0, 0]);
    await Promise.all([callerPhone.stop(), calleePhone.stop()]);
    calleeEvents.close();
    callerEvents.close();
  });
});
