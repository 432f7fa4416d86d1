import { useTranslation } from 'react-i18next';
import type { RouteTarget } from '../../../../common/api/directory';
import type { CallEnd, CallRoute } from './call-route';
import { callTarget, type CallTarget } from './call-target';

const TO_KEYS: Record<CallTarget['kind'], string> = {
  extension: 'callRoute.to.extension',
  'ring-group': 'callRoute.to.ring-group',
  receptionist: 'callRoute.to.receptionist',
  conference: 'callRoute.to.conference',
  outside: 'callRoute.to.outside',
};

interface Step {
  text: string;
  /** The condition on the arrow into this step. */
  label?: string;
}

/**
 * "Where will my calls go?": one sentence, and a small diagram the sentence describes. The
 * office's destinations (null until known) name where a rule forwards to.
 */
export function CallRouteView({
  route,
  destinations,
}: {
  route: CallRoute;
  destinations: readonly RouteTarget[] | null;
}) {
  const { t } = useTranslation();
  /** "to extension 102", "to the Sales ring group, 600", "to +34 912 34 56 78, outside the office". */
  const toPhrase = (target: string) => {
    const named = callTarget(target, destinations);
    return t(TO_KEYS[named.kind], { number: named.number, name: 'name' in named ? named.name : null });
  };
  const targetBox = (target: string) => {
    const named = callTarget(target, destinations);
    if (named.kind === 'outside') return t('callRoute.box.outside', { number: named.number });
    if (named.kind === 'extension') return t('callRoute.box.forward', { target: named.number });
    return t('callRoute.box.service', { name: named.name, number: named.number });
  };
  const endPhrase = (end: CallEnd) =>
    end.kind === 'forward'
      ? t('callRoute.end.forward', { to: toPhrase(end.target) })
      : end.kind === 'voicemail'
        ? t('callRoute.end.voicemail')
        : t('callRoute.end.missed');
  const endBox = (end: CallEnd) =>
    end.kind === 'forward'
      ? targetBox(end.target)
      : end.kind === 'voicemail'
        ? t('callRoute.box.voicemail')
        : t('callRoute.box.missed');

  const call: Step = { text: t('callRoute.box.call') };
  let sentence: string;
  // Each row of the diagram is a path a call can take, left to right.
  let rows: Step[][];
  switch (route.kind) {
    case 'do-not-disturb':
      sentence = t('callRoute.doNotDisturb', { end: endPhrase(route.then) });
      rows = [[call, { text: t('callRoute.box.doNotDisturb') }, { text: endBox(route.then) }]];
      break;
    case 'forward-always':
      sentence = t('callRoute.forwardAlways', { to: toPhrase(route.target) });
      rows = [[call, { text: targetBox(route.target) }]];
      break;
    case 'ring': {
      const same = JSON.stringify(route.noAnswer) === JSON.stringify(route.busy);
      const ring = { text: t('callRoute.box.ring', { seconds: route.seconds }) };
      if (same) {
        sentence = t('callRoute.ringSame', { seconds: route.seconds, end: endPhrase(route.noAnswer) });
        rows = [[call, ring, { text: endBox(route.noAnswer) }]];
      } else {
        sentence = t('callRoute.ring', {
          seconds: route.seconds,
          noAnswer: endPhrase(route.noAnswer),
          busy: endPhrase(route.busy),
        });
        rows = [
          [call, ring, { label: t('callRoute.box.noAnswer'), text: endBox(route.noAnswer) }],
          [call, { label: t('callRoute.box.busy'), text: endBox(route.busy) }],
        ];
      }
      break;
    }
  }

  return (
    <section className="call-route" aria-labelledby="call-route-title">
      <h2 id="call-route-title">{t('callRoute.title')}</h2>
      <p className="call-route-sentence" aria-live="polite">
        {sentence}
      </p>
      <div className="call-route-diagram" aria-hidden="true">
        {rows.map((row, index) => (
          <ol key={index}>
            {row.map((step, position) => (
              <li key={position}>
                {step.label && <span className="call-route-label">{step.label}</span>}
                <span className="call-route-box">{step.text}</span>
              </li>
            ))}
          </ol>
        ))}
      </div>
    </section>
  );
}
