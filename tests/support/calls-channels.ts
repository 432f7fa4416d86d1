// The calls channels served by a test in place of the softphone's calls: the handlers the test
// cares about record what main asks for, every other one fails loudly.
import type { DomainHandlers } from '../../main/ipc/router';

export function callsHandlers(chosen: Partial<DomainHandlers<'calls'>>): DomainHandlers<'calls'> {
  const refuse = async (): Promise<never> => {
    throw new Error('a calls channel this test does not expect');
  };
  return {
    list: refuse,
    dial: refuse,
    answer: refuse,
    decline: refuse,
    hangUp: refuse,
    hold: refuse,
    resume: refuse,
    mute: refuse,
    sendDtmf: refuse,
    transfer: refuse,
    completeTransfer: refuse,
    linkToConfirm: refuse,
    linkAnswered: refuse,
    ...chosen,
  };
}
