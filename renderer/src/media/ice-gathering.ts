// Non-trickle SIP needs every candidate in the one description sent: wait for ICE gathering to
// finish, but never longer than a deadline (an unreachable STUN/TURN server must not stall a
// call; the candidates found by then go).
export const ICE_GATHERING_DEADLINE_MS = 2000;

export function iceGathered(pc: RTCPeerConnection, deadlineMs = ICE_GATHERING_DEADLINE_MS): Promise<void> {
  if (pc.iceGatheringState === 'complete') return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      pc.removeEventListener('icegatheringstatechange', changed);
      resolve();
    };
    const changed = () => {
      if (pc.iceGatheringState === 'complete') done();
    };
    const timer = setTimeout(done, deadlineMs);
    pc.addEventListener('icegatheringstatechange', changed);
  });
}
