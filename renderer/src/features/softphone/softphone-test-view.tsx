// The softphone as the shell holds it, given the calls main reports, for its component tests.
import { Softphone } from './Softphone';
import { useCalls } from './use-calls';

export function SoftphoneWithCalls() {
  return <Softphone calls={useCalls()} />;
}
