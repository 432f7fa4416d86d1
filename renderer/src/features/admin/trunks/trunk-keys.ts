import type {
  CallerIdHeader,
  Codec,
  DtmfMode,
  NumberFormat,
  RedirectionHeader,
  TrunkErrorCode,
  TrunkKind,
  TrunkState,
  TrunkTransport,
} from '../../../../../common/api/trunks';

const KIND_KEYS: Record<TrunkKind, string> = {
  registration: 'admin.trunks.kindRegistration',
  ip: 'admin.trunks.kindIp',
};

const STATE_KEYS: Record<TrunkState, string> = {
  disabled: 'admin.trunks.stateDisabled',
  stopped: 'admin.trunks.stateStopped',
  registering: 'admin.trunks.stateRegistering',
  registered: 'admin.trunks.stateRegistered',
  failed: 'admin.trunks.stateFailed',
  checking: 'admin.trunks.stateChecking',
  reachable: 'admin.trunks.stateReachable',
  unreachable: 'admin.trunks.stateUnreachable',
};

const ERROR_KEYS: Record<TrunkErrorCode, string> = {
  'wrong-credentials': 'admin.trunks.errorWrongCredentials',
  refused: 'admin.trunks.errorRefused',
  'no-answer': 'admin.trunks.errorNoAnswer',
  unreachable: 'admin.trunks.errorUnreachable',
  dns: 'admin.trunks.errorDns',
  tls: 'admin.trunks.errorTls',
  'tls-not-configured': 'admin.trunks.errorTlsNotConfigured',
  'connection-closed': 'admin.trunks.errorConnectionClosed',
  'unsupported-challenge': 'admin.trunks.errorUnsupportedChallenge',
};

const DTMF_KEYS: Record<DtmfMode, string> = {
  rfc4733: 'admin.trunks.dtmfRfc4733',
  info: 'admin.trunks.dtmfInfo',
  inband: 'admin.trunks.dtmfInband',
};

const NUMBER_FORMAT_KEYS: Record<NumberFormat, string> = {
  e164: 'admin.trunks.formatE164',
  national: 'admin.trunks.formatNational',
};

const CALLER_ID_KEYS: Record<CallerIdHeader, string> = {
  from: 'admin.trunks.callerIdFrom',
  'p-asserted-identity': 'admin.trunks.callerIdPai',
};

/** Header names, as the RFCs write them: not translated. */
export const REDIRECTION_NAMES: Record<RedirectionHeader, string> = {
  diversion: 'Diversion',
  'history-info': 'History-Info',
};

export const KINDS = Object.keys(KIND_KEYS) as TrunkKind[];
export const TRANSPORTS: TrunkTransport[] = ['UDP', 'TCP', 'TLS'];
/** Every codec a trunk may carry, in the order a new trunk prefers them. */
export const CODECS: Codec[] = ['PCMA', 'PCMU', 'G722', 'opus', 'telephone-event'];
export const DTMF_MODES = Object.keys(DTMF_KEYS) as DtmfMode[];
export const NUMBER_FORMATS = Object.keys(NUMBER_FORMAT_KEYS) as NumberFormat[];
export const CALLER_ID_HEADERS = Object.keys(CALLER_ID_KEYS) as CallerIdHeader[];
export const REDIRECTION_HEADERS = Object.keys(REDIRECTION_NAMES) as RedirectionHeader[];

export const kindKey = (kind: TrunkKind) => KIND_KEYS[kind];
export const stateKey = (state: TrunkState) => STATE_KEYS[state];
export const trunkErrorKey = (code: TrunkErrorCode) => ERROR_KEYS[code];
export const dtmfKey = (mode: DtmfMode) => DTMF_KEYS[mode];
export const numberFormatKey = (format: NumberFormat) => NUMBER_FORMAT_KEYS[format];
export const callerIdKey = (header: CallerIdHeader) => CALLER_ID_KEYS[header];

/** A list with `item` ticked (added last) or unticked: the order of the others kept. */
export const toggled = <T>(list: readonly T[], item: T, ticked: boolean): T[] =>
  ticked ? [...list, item] : list.filter((kept) => kept !== item);

/** A trunk's problem in words, then what the carrier or the network said, when it said anything. */
export const problemText = (words: string, detail: string): string =>
  detail ? `${words} (${detail})` : words;
